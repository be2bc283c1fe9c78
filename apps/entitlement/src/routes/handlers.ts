import type { operations } from "@carrierkit/ts43";
import { EAP_RELAY_MEDIA_TYPE, XML_MEDIA_TYPE } from "@carrierkit/ts43";
import type { HandlerResult, Ts43Handlers } from "@carrierkit/ts43/server";
import type { EntitlementAnswer, EntitlementService } from "../service.js";
import { sessionCookie } from "../sessions.js";

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
        await service.request(service.normaliseGet(query as Record<string, unknown>), ctx.req.get("accept")),
        ctx.req.secure,
      ),

    postEntitlementRequest: async ({ body, headers, ctx }) => {
      const secure = ctx.req.secure;
      if (ctx.req.is(EAP_RELAY_MEDIA_TYPE)) {
        const packet = (body as { "eap-relay-packet": string })["eap-relay-packet"];
        return answer(await service.relay(headers.cookie as string | undefined, packet), secure);
      }
      return answer(
        await service.request(service.normalisePost(body as Record<string, unknown>), ctx.req.get("accept")),
        secure,
      );
    },
  };
}
