import { createN1NotifyRouter, NamfError } from "@carrierkit/namf/server";
import type { Router } from "express";
import type { PcfStandIn } from "./stand-in.js";
import type { UrspDelivery } from "./store.js";

/**
 * The PCF's N1MessageNotify endpoint (the `n1NotifyCallbackUri` it subscribes with), validated against
 * specs/namf's callback: the UE's COMPLETE or COMMAND REJECT, multipart/related.
 */
export function pcfNotifyRouter(pcf: PcfStandIn, path: string, onUnexpectedError?: (err: unknown) => void): Router {
  return createN1NotifyRouter(
    path,
    async ({ body, ctx }) => {
      const outcome = await pcf.onNotification({
        subscriptionId: body.jsonData.n1NotifySubscriptionId,
        supi: body.jsonData.supi,
        n1Message: ctx.n1Message(body.jsonData.n1MessageContainer),
      });
      if (outcome === "unknown-ue")
        throw new NamfError(404, "SUBSCRIPTION_NOT_FOUND", "the notification names no subscription or UE of this PCF");
      if (outcome === "malformed")
        throw new NamfError(
          400,
          "MANDATORY_IE_INCORRECT",
          "the N1 message is not a MANAGE UE POLICY COMPLETE or COMMAND REJECT",
          [{ param: "/binaryDataN1Message", reason: "not a UE policy delivery answer (TS 24.501 Annex D)" }],
        );
      return { status: 204 };
    },
    { onUnexpectedError: onUnexpectedError ? (err) => onUnexpectedError(err) : undefined },
  );
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** A delivery as the admin API shows it. */
export function deliveryView(d: UrspDelivery) {
  return {
    id: d.id,
    state: d.state,
    supi: d.supi,
    pti: d.pti,
    plmn: d.plmn,
    upsc: d.upsc,
    commandHex: d.commandHex,
    transmissions: d.transmissions,
    attempts: d.attempts,
    nextAttemptAt: d.state === "PENDING" || d.state === "SENT" ? iso(d.nextAttemptAt) : null,
    lastResult: d.lastResult ?? null,
    rejectResults: d.rejectResults ?? null,
    failure: d.failure ?? null,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    completedAt: iso(d.completedAt),
  };
}
