import {
  type BearerAuthOptions,
  bearerAuth,
  createObservability,
  type Observability,
  type ObservabilityOptions,
  rateLimit,
} from "@carrierkit/contract-runtime/node";
import { DpaError, type OperationId } from "@carrierkit/dpa";
import { createDpaRouter, dpaErrorBody } from "@carrierkit/dpa/server";
import { type Clock, CpidCodec, type Db, OperatorCore, SharedRateLimits, systemClock } from "@carrierkit/operator-core";
import express, { type Express, type RequestHandler } from "express";
import { type BackendCheck, BackendHealth } from "./health.js";
import { supportedLanguages } from "./i18n.js";
import { dpaMetrics } from "./metrics.js";
import { type PlanStatusPusher, RecordingPusher } from "./push.js";
import { dpaHandlers } from "./routes/handlers.js";
import { type DpaPolicy, DpaService, type Logger } from "./service.js";
import { PurchaseWorker, type WorkerOptions } from "./worker.js";

export const defaultPolicy: DpaPolicy = {
  defaultLanguage: "en-US",
  languages: supportedLanguages,
  clients: ["mobiledataplan", "youtube"],
  planStatusTtlSeconds: 900,
  offerTtlSeconds: 3600,
  degradedTtlSeconds: 60,
  registrationTtlSeconds: 30 * 24 * 3600,
  responseCacheMs: 5000,
  pushClients: ["mobiledataplan"],
  retryAfterSeconds: 30,
  maxClockSkewSeconds: 300,
  requestDeadlineMs: 10_000,
};

export interface DpaAppOptions {
  /** The store (see `openStore`); the app does not close it. */
  db: Db;
  /** Secret of the CPIDs this operator mints. */
  cpidSecret: string;
  /** Bearer JWT verification; `false` only for local experiments. */
  auth: BearerAuthOptions | false;
  clock?: Clock;
  policy?: Partial<DpaPolicy>;
  /** Operations this DPA does not implement: they answer 501. */
  disabledOperations?: OperationId[];
  /**
   * Per-caller rate limit (default 200/s, burst 400); `false` disables it. `shared` keeps the buckets in the store
   * (`rate_limit_buckets`), so several instances on one database allow the rate in total, not per instance; default:
   * shared on PostgreSQL, in this process's memory on SQLite.
   */
  rateLimit?: { ratePerSecond: number; burst?: number; shared?: boolean } | false;
  /** Back ends checked by dpaStatus besides the store. */
  backends?: BackendCheck[];
  /** Where plan-status changes of registered users go (default: kept in memory). */
  pusher?: PlanStatusPusher;
  worker?: WorkerOptions;
  /** Answer 503 + Retry-After to everything but dpaStatus (maintenance). */
  maintenance?: boolean;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  logger?: Logger;
  /** `/metrics` token and process metrics (see `observabilityFromEnv`); `/healthz` runs the back-end checks. */
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
}

export interface DpaApp {
  app: Express;
  /** `/healthz`, `/metrics` and this app's Prometheus registry. */
  observability: Observability;
  service: DpaService;
  worker: PurchaseWorker;
  health: BackendHealth;
  pusher: PlanStatusPusher;
  /** Starts the background worker and health polling. */
  start(options?: { workerIntervalMs?: number; healthIntervalMs?: number }): void;
  /** Stops background work (the store stays open). */
  stop(): Promise<void>;
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Masks the user key (a phone number or CPID) in logged paths. */
export function redactPath(path: string): string {
  return path.replace(/^\/(?!register\b|dpaStatus\b|healthz\b|metrics\b)[^/?]+/, "/{userKey}").replace(/\?.*$/, "");
}

/** Builds the reference DPA as an express app (no listening; see main.ts). */
export function createDpaApp(options: DpaAppOptions): DpaApp {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? silent;
  // Several instances share PostgreSQL: a planStatus cached by one would not see a purchase made through another,
  // so the own response cache is off there unless asked for (GTAF sends no-cache anyway).
  const policy: DpaPolicy = {
    ...defaultPolicy,
    responseCacheMs: options.db.dialect === "postgres" ? 0 : defaultPolicy.responseCacheMs,
    ...options.policy,
  };
  const core = new OperatorCore(options.db);
  const health = new BackendHealth(
    [{ name: "store", check: () => options.db.ping() }, ...(options.backends ?? [])],
    clock,
    policy.degradedTtlSeconds * 1000,
  );
  const pusher = options.pusher ?? new RecordingPusher();
  const service = new DpaService(core, new CpidCodec(options.cpidSecret), health, pusher, policy, clock, log);
  const observability = createObservability({
    service: "dpa",
    // The store and the configured back ends, as for dpaStatus: a failure also marks the DPA degraded.
    health: () => health.check(),
    errorBody: dpaErrorBody,
    ...options.observability,
  });
  const metrics = dpaMetrics(observability);
  const worker = new PurchaseWorker(core, service, log, options.worker, metrics);

  const before: RequestHandler[] = [];
  if (options.auth) before.push(bearerAuth({ realm: "dpa", now: clock, ...options.auth }));
  if (options.rateLimit !== false) {
    const { shared, ...rl } = options.rateLimit ?? { ratePerSecond: 200, burst: 400 };
    before.push(
      rateLimit({
        ...rl,
        now: clock,
        store: (shared ?? options.db.dialect === "postgres") ? new SharedRateLimits(options.db) : undefined,
        unavailable: (err) => {
          health.reportFailure(["store"]);
          log.warn({ err: String(err) }, "store unavailable for the rate limiter");
          return new DpaError(503, "BACKEND_FAILURE", "A back end is temporarily unavailable; retry later.", {
            "Retry-After": String(policy.retryAfterSeconds),
          });
        },
      }),
    );
  }
  if (options.maintenance) {
    before.push((req, _res, next) => {
      if (req.path === "/dpaStatus") return next();
      next(
        new DpaError(503, "SERVICE_UNAVAILABLE", "The DPA is under maintenance; retry later.", {
          "Retry-After": String(policy.retryAfterSeconds),
        }),
      );
    });
  }

  const app = express();
  app.disable("x-powered-by");
  // GTAF caches by expireTime and always sends no-cache: a per-response SHA-1 ETag would buy nothing.
  app.set("etag", false);
  app.set("trust proxy", false);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: redactPath(req.originalUrl), status: res.statusCode, ms }, "request");
    });
    next();
  });
  // Health and metrics come before the contract router, so they need no token; unknown paths 404 there before auth.
  app.use(observability.middleware);
  app.use(
    createDpaRouter(dpaHandlers(service, new Set(options.disabledOperations ?? []), metrics), {
      before,
      validateResponses: options.validateResponses,
      onUnexpectedError: (err, req) =>
        log.error(
          {
            err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err),
            path: redactPath(req.originalUrl),
          },
          "unexpected error",
        ),
    }),
  );

  return {
    app,
    observability,
    service,
    worker,
    health,
    pusher,
    start: (o = {}) => {
      worker.start(o.workerIntervalMs);
      health.start(o.healthIntervalMs ?? 5000);
    },
    stop: async () => {
      health.stop();
      await worker.stop();
    },
  };
}
