import { randomUUID } from "node:crypto";
import type { Request, Response, Router } from "express";
import { type PortalContext, save, wrap } from "../context.js";
import { failureMetadata, launchProblem, type MoDirectFailure, ourIccid } from "../outcome.js";
import { failedPage, signInPage } from "../pages.js";
import type { LaunchParams, Session } from "../session.js";

const redirectWithError = (message: string) => `/?error=${encodeURIComponent(message)}`;

function launchFrom(query: Record<string, unknown>, ranges: readonly string[]): LaunchParams | undefined {
  const str = (k: string) => (typeof query[k] === "string" && query[k] ? String(query[k]).slice(0, 64) : undefined);
  const launch: LaunchParams = {
    transactionId: str("transactionId"),
    iccid: str("iccid")?.replace(/F$/i, ""),
    iccids:
      typeof query.iccids === "string"
        ? query.iccids
            .split(",")
            .slice(0, 8)
            .map((s) => s.trim().slice(0, 24).replace(/F$/i, ""))
            // The eSIM may also hold other operators' profiles: only ours matter.
            .filter((s) => ourIccid(s, ranges))
        : undefined,
    eid: str("eid"),
    market: str("market"),
    location: str("location"),
  };
  return Object.values(launch).some((v) => v !== undefined) ? launch : undefined;
}

/** Sign-in, sign-up and sign-out. Signing in or up opens a session row in the store; signing out revokes it. */
export function accountRoutes(router: Router, ctx: PortalContext): void {
  const signIn = async (subscriberId: string) =>
    ({ id: await ctx.store.openSession(subscriberId, ctx.clock()), now: ctx.clock() }) as const;

  /** Ends the purchase with a failure: the page reports it to Mobile Plans and the sign-in ends. */
  const fail = async (req: Request, res: Response, session: Session, status: MoDirectFailure, message: string) => {
    const metadata = failureMetadata(session, status);
    ctx.purchases.inc({ kind: "mobile-plans", result: status });
    ctx.log.info({ status, launch: session.launch?.transactionId }, "Mobile Plans purchase failed");
    if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
    save(ctx, req, res, ctx.sessions.fresh({ launch: session.launch }));
    res.type("html").send(failedPage({ message, metadata }));
  };

  router.get(
    "/",
    wrap(async (req, res, session) => {
      const query = req.query as Record<string, unknown>;
      const launch = launchFrom(query, ctx.iccidRanges);
      if (launch) {
        ctx.log.info({ transactionId: launch.transactionId }, "portal launched by Mobile Plans");
        // A launch starts a new purchase: a new anonymous session (a signed-in one is revoked).
        if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
        session = ctx.sessions.fresh({ launch });
        save(ctx, req, res, session);
        const problem = launchProblem(query, launch, ctx.iccidRanges);
        if (problem) return fail(req, res, session, problem.status, problem.message);
      }
      const error = typeof req.query.error === "string" ? req.query.error.slice(0, 200) : undefined;
      res
        .type("html")
        .send(signInPage({ error, csrf: ctx.sessions.csrfToken(session.sid), signedIn: Boolean(session.sub) }));
    }),
  );

  router.post(
    "/signin",
    wrap(async (req, res, session) => {
      const msisdn = String(req.body?.msisdn ?? "")
        .replace(/\D/g, "")
        .slice(0, 20);
      const sub = await ctx.core.subscriberByMsisdn(msisdn);
      if (!sub) {
        res.redirect(303, redirectWithError("No customer with that number. Create an account instead."));
        return;
      }
      // Sign-in cannot succeed for a suspended account: the purchase ends as LogOnFailed.
      if (sub.suspended)
        return fail(req, res, session, "logOnFailed", "This account is suspended: we cannot sign you in.");
      if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
      const { id, now } = await signIn(sub.id);
      save(ctx, req, res, {
        sid: id,
        iat: now,
        seen: now,
        launch: session.launch,
        sub: sub.id,
        account: "existing",
        instrument: "existing",
      });
      res.redirect(303, "/plans");
    }),
  );

  router.post(
    "/signup",
    wrap(async (req, res, session) => {
      const msisdn = String(req.body?.msisdn ?? "").replace(/\D/g, "");
      const name = String(req.body?.name ?? "")
        .trim()
        .slice(0, 80);
      if (!/^[1-9][0-9]{7,14}$/.test(msisdn) || !name) {
        res.redirect(303, redirectWithError("Give your name and a mobile number in international form."));
        return;
      }
      if (await ctx.core.subscriberByMsisdn(msisdn)) {
        res.redirect(303, redirectWithError("That number already has an account: sign in."));
        return;
      }
      const subscriberId = `sub-${randomUUID().slice(0, 8)}`;
      await ctx.core.upsertSubscriber({
        id: subscriberId,
        msisdn,
        displayName: name,
        accountType: "PREPAID",
        language: "en-US",
        roaming: false,
        roamingQueriesDisabled: false,
        sharingConsent: false,
        consentAt: null,
        suspended: false,
        createdAt: ctx.clock(),
      });
      if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
      const { id, now } = await signIn(subscriberId);
      save(ctx, req, res, { sid: id, iat: now, seen: now, launch: session.launch, sub: subscriberId, account: "new" });
      res.redirect(303, "/plans");
    }),
  );

  router.post(
    "/signout",
    wrap(async (req, res, session) => {
      if (session.sub) await ctx.store.revokeSession(session.sid, ctx.clock());
      save(ctx, req, res, ctx.sessions.fresh());
      res.redirect(303, redirectWithError("You have signed out."));
    }),
  );
}
