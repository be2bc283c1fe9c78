import type { Router } from "express";
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
  router.post(
    "/api/esim/release",
    wrap(async (req, res) => {
      const profile = await ownedProfile(res, req.body?.iccid);
      await ctx.inventory.release(profile.iccid, ctx.clock());
      res.json({ state: (await ctx.inventory.profile(profile.iccid))?.state });
    }),
  );
}
