import type { Router } from "express";
import { type PortalContext, signedIn, wrap } from "../context.js";
import { subscriptionCancelledPage, subscriptionsPage } from "../pages.js";
import { HttpError } from "../security.js";
import { money, planName } from "../service.js";

/**
 * "Cancel a subscription", a transaction type the Mobile Plans seeds list. A signed-in user ends one of their active
 * subscriptions (POST with the session's synchronizer token, like every state-changing request); operator-core ends
 * it once and refunds pro rata (SubscriptionCancellations). The app is told with
 * `MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData)` — see the decision in specs/portal-bridge
 * (NotifyBalanceAdditionArgs) — once: a repeated submit shows the same result and notifies nothing.
 */
export function subscriptionRoutes(router: Router, ctx: PortalContext): void {
  router.get(
    "/subscriptions",
    wrap(async (_req, res, session) => {
      const sub = await signedIn(ctx, res);
      const now = ctx.clock();
      const active = await ctx.core.activeSubscriptions(sub.id, now);
      const cancelled = await ctx.cancellations.list(sub.id);
      const names = new Map((await ctx.core.listPlans()).map((p) => [p.id, planName(p)]));
      res.type("html").send(
        subscriptionsPage({
          csrf: ctx.sessions.csrfToken(session.sid),
          active: active.map((s) => ({
            id: s.id,
            name: planName(s.plan),
            until: new Date(s.expiresAt).toISOString().slice(0, 16).replace("T", " "),
          })),
          cancelled: cancelled.map((c) => ({
            name: names.get(c.planId) ?? c.planId,
            at: new Date(c.cancelledAt).toISOString().slice(0, 16).replace("T", " "),
            refund: c.currency ? money(c.refundNanos, c.currency) : "nothing",
          })),
        }),
      );
    }),
  );

  router.post(
    "/subscriptions/cancel",
    wrap(async (req, res, session) => {
      const sub = await signedIn(ctx, res);
      const raw = req.body?.subscription;
      if (typeof raw !== "string" || !/^[1-9][0-9]{0,14}$/.test(raw)) throw new HttpError(400, "Unknown subscription.");
      const outcome = await ctx.cancellations.cancel(
        { subscriberId: sub.id, subscriptionId: Number(raw), channel: "portal" },
        ctx.clock(),
      );
      if (outcome.kind === "not-found") throw new HttpError(404, "Unknown subscription.");
      if (outcome.kind === "ended") {
        res.type("html").send(
          subscriptionCancelledPage({
            text: "This subscription had already ended.",
            data: { page: "subscription-ended" },
          }),
        );
        return;
      }
      const c = outcome.cancellation;
      const plan = await ctx.core.plan(c.planId);
      const name = plan ? planName(plan) : c.planId;
      const refund =
        c.refundNanos > 0n && c.currency ? `${money(c.refundNanos, c.currency)} refunded` : "nothing refunded";
      if (outcome.kind === "cancelled") {
        ctx.log.info({ subscriptionId: c.subscriptionId, refund: String(c.refundNanos) }, "subscription cancelled");
      }
      res.type("html").send(
        subscriptionCancelledPage({
          text:
            outcome.kind === "cancelled"
              ? `${name} is cancelled (${refund}).`
              : `${name} was already cancelled (${refund}).`,
          data: {
            page: "subscription-cancelled",
            notify: outcome.kind === "cancelled",
            metadata: {
              userAccount: session.account ?? "existing",
              purchaseInstrument: "none",
              line: "existing",
              moDirectStatus: "complete",
              planName: `${name} (cancelled)`,
            },
          },
        }),
      );
    }),
  );
}
