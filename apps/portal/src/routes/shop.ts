import { IntentConflictError } from "@carrierkit/operator-core";
import type { Request, Response, Router } from "express";
import QRCode from "qrcode";
import { type PortalContext, save, signedIn, wrap } from "../context.js";
import { failureMetadata } from "../outcome.js";
import { cancelledPage, donePage, failedPage, payPage, plansPage, samplesPage } from "../pages.js";
import { HttpError } from "../security.js";
import { CheckoutRefused, INTENT, money, newIntent, planName, planView } from "../service.js";
import { FLOWS, type Flow, type Session } from "../session.js";

/**
 * The activation code as a QR code (SVG). Its payload is `LPA:` + the activation code, the QR form of GSMA SGP.22
 * (what phone cameras and eSIM settings scan); the Mobile Plans bridge gets the code without the prefix (service
 * configuration rule).
 */
export const activationQr = (code: string) =>
  QRCode.toString(`LPA:${code}`, { type: "svg", errorCorrectionLevel: "M", margin: 2 });

const flowOf = (v: unknown): Flow => {
  if (!FLOWS.includes(v as Flow)) throw new HttpError(400, "Unknown flow.");
  return v as Flow;
};

/** Plans, payment (one charge per pay-form rendering), demo top-up, the finish page, cancel and the samples page. */
export function shopRoutes(router: Router, ctx: PortalContext): void {
  const csrf = (session: Session) => ctx.sessions.csrfToken(session.sid);

  router.get(
    "/plans",
    wrap(async (req, res, session) => {
      const sub = await signedIn(ctx, res);
      const plans = (await ctx.core.listPlans()).filter((p) => p.offered && p.category === sub.accountType);
      const error = typeof req.query.error === "string" ? req.query.error.slice(0, 200) : undefined;
      res
        .type("html")
        .send(plansPage({ name: sub.displayName, plans: plans.map(planView), error, csrf: csrf(session) }));
    }),
  );

  const renderPay = async (res: Response, session: Session, planId: string, flow: Flow, error?: string) => {
    const sub = await signedIn(ctx, res);
    const plan = await ctx.core.plan(planId);
    if (!plan?.offered) throw new HttpError(404, "Unknown plan.");
    const wallet = await ctx.core.wallet(sub.id);
    const balance = wallet ? money(wallet.balanceNanos, wallet.currency) : money(0n, plan.currency);
    res
      .type("html")
      .send(payPage({ plan: planView(plan), flow, balance, intent: newIntent(), csrf: csrf(session), error }));
  };

  router.get(
    "/pay",
    wrap(async (req, res, session) => {
      await renderPay(res, session, String(req.query.plan ?? ""), flowOf(req.query.flow));
    }),
  );

  router.post(
    "/wallet/top-up",
    wrap(async (req, res, session) => {
      const sub = await signedIn(ctx, res);
      const flow = flowOf(req.body?.flow);
      await ctx.core.topUp(sub.id, "INR", 500_000_000_000n, ctx.clock());
      save(ctx, req, res, { ...session, instrument: "new" });
      res.redirect(303, `/pay?plan=${encodeURIComponent(String(req.body?.plan ?? "").slice(0, 64))}&flow=${flow}`);
    }),
  );

  router.post(
    "/pay",
    wrap(async (req: Request, res: Response, session) => {
      const sub = await signedIn(ctx, res);
      const flow = flowOf(req.body?.flow);
      const intent = req.body?.intent;
      if (typeof intent !== "string" || !INTENT.test(intent))
        throw new HttpError(400, "This payment form is incomplete: go back and reload it.");
      const plan = await ctx.core.plan(String(req.body?.plan ?? ""));
      if (!plan?.offered) throw new HttpError(404, "Unknown plan.");
      let result: Awaited<ReturnType<typeof ctx.checkout.checkout>>;
      try {
        result = await ctx.checkout.checkout(sub, plan, flow, intent, session);
      } catch (err) {
        if (err instanceof CheckoutRefused) {
          ctx.purchases.inc({ kind: "mobile-plans", result: err.status });
          if (err.status === "billingError") {
            // Recoverable: the user may top up and pay again; leaving now reports BillingError (see outcome.ts).
            save(ctx, req, res, { ...session, failure: "billingError" });
            return renderPay(res, session, plan.id, flow, err.message);
          }
          // No stock, not our eSIM, purchase refused: the purchase ends here and the app is told why.
          const metadata = failureMetadata(session, err.status, true);
          ctx.log.info({ status: err.status, launch: session.launch?.transactionId }, "Mobile Plans purchase failed");
          await ctx.store.revokeSession(session.sid, ctx.clock());
          save(ctx, req, res, ctx.sessions.fresh({ launch: session.launch }));
          return void res.type("html").send(failedPage({ message: err.message, metadata }));
        }
        if (err instanceof IntentConflictError) throw new HttpError(409, "This payment form was already used.");
        throw err;
      }
      const { order, replay } = result;
      if (!replay) ctx.purchases.inc({ kind: "mobile-plans", result: "succeeded" });
      ctx.log.info(
        { transactionId: order.transactionId, launch: session.launch?.transactionId, flow: order.flow, replay },
        replay ? "portal purchase replayed" : "portal purchase",
      );
      save(ctx, req, res, { ...session, failure: undefined, order: { intentId: order.intentId } });
      res.redirect(303, "/done");
    }),
  );

  router.get(
    "/done",
    wrap(async (_req, res, session) => {
      const sub = await signedIn(ctx, res);
      const order = session.order ? await ctx.store.order(session.order.intentId) : undefined;
      if (!order || order.subscriberId !== sub.id) throw new HttpError(404, "No purchase to finish.");
      const plan = await ctx.core.plan(order.planId);
      const flow = flowOf(order.flow);
      const esim = flow.startsWith("esim");
      const metadata = {
        userAccount: session.account ?? "existing",
        purchaseInstrument: session.instrument ?? "existing",
        line: esim ? "new" : "existing",
        moDirectStatus: "complete",
        planName: plan ? planName(plan) : order.planId,
      };
      const activationCode = order.activationCode ?? undefined;
      const iccid = order.iccid ?? undefined;
      // The finish page shows what the app reported (the activation callback marks the profile DOWNLOADED), so a
      // reload after the install never offers the download again nor says "downloading".
      const profileState = esim && iccid ? (await ctx.inventory.profile(iccid))?.state : undefined;
      const qrSvg = activationCode ? await activationQr(activationCode) : undefined;
      res.type("html").send(
        donePage({
          planName: metadata.planName,
          esim,
          activationCode,
          qrSvg,
          iccid,
          profileState,
          csrf: csrf(session),
          data: {
            page: "done",
            csrf: csrf(session),
            flow,
            activationCode,
            iccid,
            profileState,
            downloadDelay: ctx.downloadDelayMinutes,
            networkRegistrationInterval: ctx.networkRegistrationMinutes,
            metadata,
          },
        }),
      );
    }),
  );

  router.get(
    "/cancel",
    wrap(async (req, res, session) => {
      const step = String(req.query.step ?? "signin");
      const account = session.sub ? (session.account ?? "existing") : "bailed";
      const metadata = {
        userAccount: step === "signin" ? "bailed" : account,
        purchaseInstrument: step === "pay" ? "bailed" : "none",
        line: step === "plans" ? "bailed" : "none",
        // Leaving after the payment was refused reports that failure rather than a plain cancellation.
        moDirectStatus: session.failure ?? "cancelled",
        planName: "",
      };
      // Cancelling ends the purchase: the launch stays, the sign-in does not.
      if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
      save(ctx, req, res, ctx.sessions.fresh({ launch: session.launch }));
      res.type("html").send(cancelledPage({ page: "cancelled", metadata }));
    }),
  );

  router.get(
    "/samples",
    wrap(async (_req, res, session) => {
      res.type("html").send(
        samplesPage({
          page: "samples",
          activationCode: "1$smdp.address$matchingID",
          iccid: "8900000000000000001",
          transactionId: session.launch?.transactionId ?? "MSFT_ecf5a4d6-024c-46c3-8fcd-2c1f0deed572",
        }),
      );
    }),
  );
}
