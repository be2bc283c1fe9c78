import { timingSafeEqual } from "node:crypto";
import { setOperationLabel, toHttpError } from "@carrierkit/contract-runtime/node";
import { type EntitlementCore, isStoreUnavailable, type OperatorCore } from "@carrierkit/operator-core";
import { encodeUrsp, toHex, type UrspPolicy, validatePolicy } from "@carrierkit/ursp";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { type SliceId, withLatencyRule } from "../data-boost.js";
import { deliveryView } from "../pcf/routes.js";
import type { PcfStandIn } from "../pcf/stand-in.js";

export interface AdminDeps {
  core: OperatorCore;
  ent: EntitlementCore;
  token: string;
  now: () => number;
  /** The PCF stand-in: delivers the new URSP after a recorded purchase (absent when PCF_AMF_URL is unset). */
  pcf?: PcfStandIn;
  /** The slice of the PRIORITIZE_LATENCY rule (PCF_LATENCY_SLICE; default LATENCY_SLICE). */
  latencySlice?: SliceId;
  /** Reports a delivery that could not be queued (the purchase itself stands). */
  onDeliveryError?: (err: unknown) => void;
  /** Where the router is mounted, for its metric labels (default `/admin`). */
  mountPath?: string;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The admin API (outside the TS.43 contract, bearer-token protected): read subscribers' SIM and data-boost state, set
 * any EntitlementStatus × ProvStatus cell, and record a completed purchase (reported by the portal), which provisions
 * the boost and adds the PRIORITIZE_LATENCY rule to the subscriber's URSP.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  // Metric labels name the route template under the mount path as written here: express's own `baseUrl` is the
  // request's spelling of it (`/ADMIN`, `/Admin` … match too), which would make every spelling a label of its own.
  const mount = deps.mountPath ?? "/admin";
  const labelled =
    (template: string) =>
    (_req: Request, res: Response, next: NextFunction): void => {
      setOperationLabel(res, `${mount}${template}`);
      next();
    };
  for (const template of [
    "/subscribers",
    "/subscribers/:id",
    "/subscribers/:id/data-boost",
    "/subscribers/:id/data-boost/purchase",
  ])
    router.all(template, labelled(template));

  const expected = Buffer.from(`Bearer ${deps.token}`);
  router.use((req, _res, next) => {
    const got = Buffer.from(req.headers.authorization ?? "");
    if (got.length !== expected.length || !timingSafeEqual(got, expected))
      return next(new AdminError(401, "admin token required"));
    next();
  });
  router.use(express.json({ limit: "16kb" }));

  const subscriber = async (id: string) => {
    const sub = await deps.core.subscriber(id);
    if (!sub) throw new AdminError(404, `no subscriber ${id}`);
    return sub;
  };
  const view = async (id: string) => {
    const sub = await subscriber(id);
    const sims = (await deps.ent.listSims())
      .filter((s) => s.subscriberId === id)
      .map((s) => ({ imsi: s.imsi, sqn: s.sqn.toString() }));
    const boost = await deps.ent.dataBoost(id);
    const policy = (await deps.ent.urspPolicy(id)) as UrspPolicy | undefined;
    return {
      id: sub.id,
      msisdn: sub.msisdn,
      sims,
      dataBoost: boost ? { entitlementStatus: boost.entitlementStatus, provStatus: boost.provStatus } : null,
      ursp: policy ? { policy, hex: toHex(encodeUrsp(policy)) } : null,
    };
  };

  router.get("/subscribers", async (_req, res) => {
    const subs = await deps.core.listSubscribers();
    res.json({ subscribers: await Promise.all(subs.map((s) => view(s.id))) });
  });
  router.get("/subscribers/:id", async (req, res) => {
    res.json(await view(req.params.id));
  });
  router.put("/subscribers/:id/data-boost", async (req, res) => {
    await subscriber(req.params.id);
    const { entitlementStatus, provStatus } = (req.body ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(entitlementStatus) || !Number.isInteger(provStatus))
      throw new AdminError(400, "entitlementStatus and provStatus must be integers");
    try {
      await deps.ent.setDataBoost(req.params.id, entitlementStatus as number, provStatus as number, deps.now());
    } catch (err) {
      if (isStoreUnavailable(err)) throw err;
      throw new AdminError(400, (err as Error).message);
    }
    res.json(await view(req.params.id));
  });
  router.post("/subscribers/:id/data-boost/purchase", async (req, res) => {
    await subscriber(req.params.id);
    const now = deps.now();
    const policy = withLatencyRule(
      (await deps.ent.urspPolicy(req.params.id)) as UrspPolicy | undefined,
      deps.latencySlice,
    );
    const checked = validatePolicy(policy);
    if (!checked.valid) throw new AdminError(500, `generated URSP is invalid: ${checked.errors[0]?.message ?? "?"}`);
    await deps.ent.setUrspPolicy(req.params.id, policy, now);
    await deps.ent.setDataBoost(req.params.id, 1, 1, now);
    // The network's part: the PCF stand-in sends the new URSP to the UE (recorded, retried until answered).
    if (deps.pcf) await deps.pcf.deliver(req.params.id, policy).catch((err) => deps.onDeliveryError?.(err));
    res.json(await view(req.params.id));
  });
  router.get("/subscribers/:id/ursp-deliveries", async (req, res) => {
    await subscriber(req.params.id);
    const deliveries = deps.pcf ? await deps.pcf.deliveries(req.params.id) : [];
    res.json({ pcf: deps.pcf ? "on" : "off", deliveries: deliveries.map(deliveryView) });
  });
  // The admin API's error body is `{ error }`: a client's mistake (bad JSON 400, too large 413, not UTF-8 415, …) is
  // a 4xx with its reason; only a fault of ours is a 500, without its cause.
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AdminError) {
      res.status(err.status).json({ error: err.message });
      return;
    }
    if (isStoreUnavailable(err)) {
      res
        .status(503)
        .set("Retry-After", "5")
        .json({ error: "The entitlement store is temporarily unavailable; retry later." });
      return;
    }
    const mapped = toHttpError(err);
    res.status(mapped.status).json({ error: mapped.message });
  });
  return router;
}
