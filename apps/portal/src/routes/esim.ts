import type { Request, Response, Router } from "express";
import { type PortalContext, signedIn, wrap } from "../context.js";
import { HttpError } from "../security.js";

/** The JSON endpoints the finish page's script calls (session cookie + synchronizer token header). */
export function esimRoutes(router: Router, ctx: PortalContext): void {
  const ownedProfile = async (res: Parameters<typeof signedIn>[1], iccid: unknown) => {
    const sub = await signedIn(ctx, res);
    const profile = typeof iccid === "string" && iccid.length <= 24 ? await ctx.inventory.profile(iccid) : undefined;
    if (!profile || profile.subscriberId !== sub.id) throw new HttpError(404, "Unknown eSIM profile.");
    return profile;
  };
  router.post(
    "/api/esim/events",
    wrap(async (req, res) => {
      const profile = await ownedProfile(res, req.body?.iccid);
      if (req.body?.kind === "activation" && req.body?.result === "Success") {
        await ctx.inventory.markDownloaded(profile.iccid, ctx.clock());
      }
      ctx.log.info({ iccid: profile.iccid, event: req.body }, "eSIM event from the app");
      res.json({ state: (await ctx.inventory.profile(profile.iccid))?.state });
    }),
  );
  // The user cancelled a delayed download before it started: the profile is RETURNED (CancelOrder on the SM-DP+,
  // run now or by the worker) and the purchase refunded. `/api/esim/release` is the route's name before C-8.
  const cancel = wrap(async (req: Request, res: Response) => {
    const profile = await ownedProfile(res, req.body?.iccid);
    if (await ctx.inventory.cancel(profile.iccid, ctx.clock())) {
      ctx.log.info({ iccid: profile.iccid }, "eSIM download cancelled: profile returned, purchase refunded");
      ctx.orders.kick();
    }
    res.json({ state: (await ctx.inventory.profile(profile.iccid))?.state });
  });
  router.post("/api/esim/cancel", cancel);
  router.post("/api/esim/release", cancel);
}
