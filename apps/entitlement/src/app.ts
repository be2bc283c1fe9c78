import {
  createObservability,
  memoryRateLimitStore,
  type Observability,
  type ObservabilityOptions,
} from "@carrierkit/contract-runtime/node";
import {
  type Clock,
  type Db,
  EntitlementCore,
  OperatorCore,
  SharedRateLimits,
  SharedSessions,
  systemClock,
} from "@carrierkit/operator-core";
import { createTs43Router, ts43ErrorBody } from "@carrierkit/ts43/server";
import express, { type Express } from "express";
import { pcfNotifyRouter } from "./pcf/routes.js";
import { type PcfOptions, PcfStandIn } from "./pcf/stand-in.js";
import { adminRouter } from "./routes/admin.js";
import { ts43Handlers } from "./routes/handlers.js";
import { type EntitlementPolicy, EntitlementService } from "./service.js";
import { MemorySessionBackend, SessionStore } from "./sessions.js";
import { PurchaseGrantCodec } from "./user-data.js";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface EntitlementAppOptions {
  db: Db;
  adminToken: string;
  grantSecret: string;
  clock?: Clock;
  policy?: Partial<EntitlementPolicy>;
  eapSessionSeconds?: number;
  /**
   * Where EAP-AKA exchanges in progress live: `store` (the `eap_sessions` table, shared by every instance on the
   * same database) or `memory` (this process only). Default: `store` on PostgreSQL, `memory` on SQLite.
   */
  sessions?: "store" | "memory";
  logger?: Logger;
  /** `/metrics` token and process metrics (see `observabilityFromEnv`); `/healthz` pings the store. */
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
  /**
   * The PCF stand-in (URSP delivery through an AMF after a recorded purchase) and the slice of its PRIORITIZE_LATENCY
   * rule. Off when absent. Its worker is started by `main.ts` (or call `pcf.start()` / `pcf.runDue()` yourself).
   */
  pcf?: PcfOptions & { latencySlice?: { sst: number; sd?: string } };
}

export const defaultEntitlementPolicy: EntitlementPolicy = {
  tokenValiditySeconds: 86_400,
  configValiditySeconds: 172_800,
  maxEntitlementVersion: 12,
  legacyAp2012: false,
  purchaseUrl: "http://127.0.0.1:4040/boost",
  serviceFlowContentsType: "json",
  serviceFlowContentsTypeForm: "aosp",
  grantValiditySeconds: 1800,
  eapStartsPerMinute: 30,
};

export interface EntitlementApp {
  app: Express;
  /** `/healthz`, `/metrics` and this app's Prometheus registry. */
  observability: Observability;
  service: EntitlementService;
  /** The PCF stand-in, when configured. */
  pcf?: PcfStandIn;
}

const silent: Logger = { info: () => undefined, error: () => undefined };

/** Builds the reference TS.43 entitlement server (no listening; see main.ts). */
export function createEntitlementApp(options: EntitlementAppOptions): EntitlementApp {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? silent;
  const eapSeconds = options.eapSessionSeconds ?? 60;
  const core = new OperatorCore(options.db);
  const ent = new EntitlementCore(options.db);
  const observability = createObservability({
    service: "entitlement",
    health: [{ name: "store", check: () => options.db.ping() }],
    errorBody: ts43ErrorBody,
    ...options.observability,
  });
  const eapRounds = observability.counter(
    "entitlement_eap_aka_rounds_total",
    "EAP-AKA rounds, by outcome: challenge (exchange started), resync, success, failure, malformed, no_session.",
    ["outcome"],
  );
  // EAP exchanges in progress and the EAP-start buckets live together: in the store (every instance) or in memory.
  const shared = (options.sessions ?? (options.db.dialect === "postgres" ? "store" : "memory")) === "store";
  const service = new EntitlementService(
    core,
    ent,
    new SessionStore(clock, eapSeconds * 1000, shared ? new SharedSessions(options.db) : new MemorySessionBackend()),
    new PurchaseGrantCodec(options.grantSecret),
    { ...defaultEntitlementPolicy, ...options.policy },
    clock,
    (outcome) => eapRounds.inc({ outcome }),
    shared ? new SharedRateLimits(options.db) : memoryRateLimitStore(),
  );
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () =>
      log.info(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      ),
    );
    next();
  });
  app.use(observability.middleware);
  const pcf = options.pcf ? new PcfStandIn(options.db, ent, options.pcf, clock, log) : undefined;
  const logError = (err: unknown) =>
    log.error(
      { err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
      "unexpected error",
    );
  if (pcf && options.pcf) app.use(pcfNotifyRouter(pcf, new URL(options.pcf.notifyUrl).pathname, logError));
  app.use(
    "/admin",
    adminRouter({
      core,
      ent,
      token: options.adminToken,
      now: clock,
      ...(pcf ? { pcf } : {}),
      ...(options.pcf?.latencySlice ? { latencySlice: options.pcf.latencySlice } : {}),
      onDeliveryError: logError,
    }),
  );
  app.use(
    createTs43Router(ts43Handlers(service, eapSeconds), {
      onUnexpectedError: (err) =>
        log.error(
          { err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
          "unexpected error",
        ),
    }),
  );
  return { app, observability, service, ...(pcf ? { pcf } : {}) };
}
