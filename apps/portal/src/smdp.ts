// The portal's side of ES2+ (GSMA SGP.22 §5.3): the four functions the eSIM inventory calls on the SM-DP+, through
// @carrierkit/es2plus's generated client, and the HandleDownloadProgressInfo receiver the SM-DP+ calls back.
import { timingSafeEqual } from "node:crypto";
import {
  codeName,
  createEs2plusClient,
  type Es2plusClient,
  Es2plusError,
  executed,
  failed,
  type HandleDownloadProgressInfoRequest,
  type HeaderOnlyResponse,
  isExecuted,
  type Sgp22Code,
  type StatusCodeData,
} from "@carrierkit/es2plus";
import { createDownloadProgressRouter } from "@carrierkit/es2plus/server";
import type {
  Clock,
  DownloadProgressEvent,
  Es2plusOrders,
  EsimInventory,
  EsimProfile,
  SmdpAnswer,
} from "@carrierkit/operator-core";
import type { RequestHandler, Router } from "express";
import type { Logger } from "./context.js";

export interface SmdpSettings {
  /** The SM-DP+'s ES2+ base URL (SMDP_URL), e.g. `http://127.0.0.1:4070`. */
  url: string;
  /** The SM-DP+ address of activation codes (SMDP_ADDRESS) when ConfirmOrder does not return one. */
  address: string;
  /** `functionRequesterIdentifier` of our calls (SMDP_REQUESTER_ID, default `carrierkit-portal`). */
  requesterId?: string;
  /**
   * The notification URL the SM-DP+ is configured with (SMDP_NOTIFICATION_URL): the portal serves
   * HandleDownloadProgressInfo at its path.
   */
  notificationUrl: string;
  /** The shared secret the SM-DP+ sends as `Authorization: Bearer …` with each notification (SMDP_NOTIFICATION_TOKEN). */
  notificationToken: string;
  /**
   * Sent as `Authorization: Bearer …` on every ES2+ call (SMDP_ES2PLUS_TOKEN; the stand-in's substitute for ES2+'s
   * mutual TLS). Unset: none is sent.
   */
  es2plusToken?: string;
  /** Timeout of one ES2+ call (default 5 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** SGP.22 answers that mean "the profile is already where this call leads" for a profile only we order. */
const ALREADY: Partial<Record<keyof Es2plusOrders, Sgp22Code[]>> = {
  // Not Available: our own earlier DownloadOrder whose answer was lost (we are the only one ordering our ICCIDs).
  downloadOrder: ["iccidInUse"],
  // Not Allocated/Linked: confirmed before (with the matching ID we proposed, stored before the first call).
  confirmOrder: ["iccidInvalidTransition"],
  // Not Confirmed: released before (or downloaded since).
  releaseProfile: ["iccidInvalidTransition"],
  // No order left to cancel (never placed, cancelled before, or downloaded).
  cancelOrder: ["iccidInvalidTransition"],
};

const describe = (d: StatusCodeData | undefined, status: string) =>
  d ? `${status} ${d.subjectCode}/${d.reasonCode}${d.message ? ` ${d.message}` : ""}` : status;

/** The ES2+ calls the inventory makes, over the generated client, classified for {@link EsimOrders}. */
export function es2plusOrders(settings: SmdpSettings): Es2plusOrders {
  const timeout = settings.requestTimeoutMs ?? 5000;
  const f = settings.fetch ?? fetch;
  const client: Es2plusClient = createEs2plusClient({
    baseUrl: settings.url.replace(/\/+$/, ""),
    functionRequesterIdentifier: settings.requesterId ?? "carrierkit-portal",
    ...(settings.es2plusToken ? { headers: { authorization: `Bearer ${settings.es2plusToken}` } } : {}),
    fetch: (req: Request) => f(req, { signal: AbortSignal.timeout(timeout) }),
  });
  async function call<T extends { header: HeaderOnlyResponse["header"] }, V>(
    fn: keyof Es2plusOrders,
    run: () => Promise<T>,
    value: (body: T) => V,
  ): Promise<SmdpAnswer<V>> {
    let body: T;
    try {
      body = await run();
    } catch (err) {
      // Any HTTP error (5xx, but also 401/403/404/400: our configuration or our request) is no verdict on the
      // profile: try again later rather than take the profile out of stock.
      if (err instanceof Es2plusError)
        return { kind: "unavailable", reason: `HTTP ${err.status} ${describe(err.statusCodeData, "Failed")}` };
      return { kind: "unavailable", reason: `unreachable: ${(err as Error).message}` };
    }
    if (isExecuted(body)) return { kind: "done", value: value(body) };
    const status = body.header.functionExecutionStatus;
    const reason = describe(status.statusCodeData, status.status);
    const code = codeName(status.statusCodeData);
    if (code && ALREADY[fn]?.includes(code)) return { kind: "already", reason };
    // Only the profile's own subjects (8.x: eUICC, EID, profile, matching ID …) refuse the profile; the others
    // (1.x: requester, function provider, protocol; Expired) say the call did not get through.
    if (status.status === "Expired" || !status.statusCodeData?.subjectCode.startsWith("8"))
      return { kind: "unavailable", reason };
    return { kind: "refused", reason };
  }
  return {
    downloadOrder: (r) =>
      call(
        "downloadOrder",
        () => client.downloadOrder({ iccid: r.iccid, ...(r.eid ? { eid: r.eid } : {}) }),
        (b) => ({ iccid: b.iccid ?? r.iccid }),
      ),
    confirmOrder: (r) =>
      call(
        "confirmOrder",
        () =>
          client.confirmOrder({
            iccid: r.iccid,
            matchingId: r.matchingId,
            releaseFlag: r.releaseFlag,
            ...(r.eid ? { eid: r.eid } : {}),
          }),
        (b) => ({ matchingId: b.matchingId ?? r.matchingId, smdpAddress: b.smdpAddress ?? settings.address }),
      ),
    releaseProfile: (r) =>
      call(
        "releaseProfile",
        () => client.releaseProfile({ iccid: r.iccid }),
        () => undefined,
      ),
    cancelOrder: (r) =>
      call(
        "cancelOrder",
        () =>
          client.cancelOrder({
            iccid: r.iccid,
            // The ICCID and matching ID leave the stock for good (they were shown to someone).
            finalProfileStatusIndicator: "Unavailable",
            ...(r.matchingId ? { matchingId: r.matchingId } : {}),
            ...(r.eid ? { eid: r.eid } : {}),
          }),
        () => undefined,
      ),
  };
}

const POINTS: Record<number, string> = {
  1: "eligibility and retry-limit check",
  2: "confirmation failure",
  3: "BPP download",
  4: "BPP installation",
};

/** A HandleDownloadProgressInfo in the inventory's terms (SGP.22 §5.3.5 notification points). */
export function progressEvent(body: HandleDownloadProgressInfoRequest): DownloadProgressEvent {
  const status = body.notificationPointStatus;
  const ok = status.status === "Executed-Success" || status.status === "Executed-WithWarning";
  const point = body.notificationPointId;
  const description = `${POINTS[point] ?? `point ${point}`} ${describe(status.statusCodeData, status.status)} at ${body.timestamp}`;
  const outcome = !ok ? "failed" : point === 3 ? "DOWNLOADED" : point === 4 ? "INSTALLED" : "other";
  return { iccid: body.iccid, outcome, description, ...(body.eid ? { eid: body.eid } : {}) };
}

/** Checks `Authorization: Bearer <token>` in constant time; anything else is 401 with SGP.22's error header. */
export function notificationAuth(token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, _res, next) => {
    const given = Buffer.from(req.get("authorization") ?? "");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    next(Es2plusError.of(401, "invalidRequest", "Unknown function requester: the notification is not authenticated."));
  };
}

/**
 * The operator's HandleDownloadProgressInfo receiver at the notification URL's path: authenticated by the shared
 * secret, validated by @carrierkit/es2plus's router, recorded idempotently (the state only moves forward). An ICCID
 * that is not ours is answered `Failed` 8.2.1/3.9 (in an HTTP 200, as SGP.22 does).
 */
export function downloadProgressReceiver(
  settings: Pick<SmdpSettings, "notificationUrl" | "notificationToken">,
  inventory: EsimInventory,
  clock: Clock,
  log: Logger,
  onRecorded?: (profile: EsimProfile) => void,
): Router {
  const path = new URL(settings.notificationUrl).pathname.replace(/\/+$/, "") || "/";
  return createDownloadProgressRouter(
    path,
    async ({ body }) => {
      const event = progressEvent(body);
      const profile = await inventory.recordProgress(event, clock());
      if (!profile) {
        log.info({ iccid: body.iccid, event: event.description }, "download progress for an ICCID that is not ours");
        return { status: 200, body: { header: failed("iccidUnknown", "No profile of this operator has this ICCID.") } };
      }
      log.info({ iccid: profile.iccid, state: profile.state, event: event.description }, "eSIM download progress");
      onRecorded?.(profile);
      return { status: 200, body: { header: executed() } };
    },
    {
      before: [notificationAuth(settings.notificationToken)],
      onUnexpectedError: (err) => log.error({ err }, "download progress receiver error"),
    },
  );
}
