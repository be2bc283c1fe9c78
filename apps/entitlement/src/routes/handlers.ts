import { isStoreUnavailable } from "@carrierkit/operator-core";
import type { operations } from "@carrierkit/ts43";
import { EAP_RELAY_MEDIA_TYPE, XML_MEDIA_TYPE } from "@carrierkit/ts43";
import { type HandlerResult, Ts43Error, type Ts43Handlers } from "@carrierkit/ts43/server";
import type { EntitlementAnswer, EntitlementService } from "../service.js";
import { sessionCookie } from "../sessions.js";

/** How long a client should wait after a 503 (the store was unreachable or too slow). */
const RETRY_AFTER_SECONDS = 5;

/** The store (sessions, SQNs, tokens) unreachable or too slow: 503 with Retry-After, the spec's ServiceUnavailable. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isStoreUnavailable(err))
      throw new Ts43Error(503, "The entitlement store is temporarily unavailable; retry later.", {
        "Retry-After": String(RETRY_AFTER_SECONDS),
      });
    throw err;
  }
}

/** HTTP → service for both TS.43 operations. */
export function ts43Handlers(service: EntitlementService, eapSessionSeconds: number): Ts43Handlers {
  const answer = (a: EntitlementAnswer, secure: boolean): HandlerResult<operations["getEntitlementConfiguration"]> => {
    if (a.kind === "challenge") {
      return {
        status: 200 as const,
        contentType: EAP_RELAY_MEDIA_TYPE,
        headers: { "Set-Cookie": sessionCookie(a.sessionId, secure, eapSessionSeconds), "Cache-Control": "no-store" },
        body: { "eap-relay-packet": Buffer.from(a.packet).toString("base64") },
      };
    }
    return a.format === "json"
      ? {
          status: 200 as const,
          contentType: "application/json",
          headers: { "Cache-Control": "no-store" },
          body: a.body as never,
        }
      : {
          status: 200 as const,
          contentType: XML_MEDIA_TYPE,
          headers: { "Cache-Control": "no-store" },
          body: a.body as string,
        };
  };

  return {
    getEntitlementConfiguration: async ({ query, ctx }) =>
      answer(
        await guarded(() =>
          service.request(service.normaliseGet(query as Record<string, unknown>), ctx.req.get("accept")),
        ),
        ctx.req.secure,
      ),

    postEntitlementRequest: async ({ body, headers, ctx }) => {
      const secure = ctx.req.secure;
      if (ctx.req.is(EAP_RELAY_MEDIA_TYPE)) {
        const packet = (body as { "eap-relay-packet": string })["eap-relay-packet"];
        return answer(await guarded(() => service.relay(headers.cookie as string | undefined, packet)), secure);
      }
      return answer(
        await guarded(() =>
          service.request(service.normalisePost(body as Record<string, unknown>), ctx.req.get("accept")),
        ),
        secure,
      );
    },
  };
}
