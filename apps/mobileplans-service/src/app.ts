import {
  createObservability,
  type Observability,
  type ObservabilityOptions,
  rateLimit,
} from "@carrierkit/contract-runtime/node";
import { MobilePlansServiceError, mobilePlansErrorBody } from "@carrierkit/mobileplans-service";
import {
  basicAuth,
  createMobilePlansServiceRouter,
  type MutualTlsAuthOptions,
  mutualTlsAuth,
} from "@carrierkit/mobileplans-service/server";
import {
  type Clock,
  type Db,
  MobilePlansStore,
  OperatorCore,
  SharedRateLimits,
  systemClock,
} from "@carrierkit/operator-core";
import express, { type Express, type RequestHandler } from "express";
import { mobilePlansHandlers } from "./routes.js";
import { defaultMobilePlansPolicy, type MobilePlansPolicy, MobilePlansService } from "./service.js";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface MobilePlansServiceAppOptions {
  db: Db;
  clock?: Clock;
  policy?: Partial<MobilePlansPolicy>;
  /**
   * The client-certificate check (default: the documented Mobile Plans service subject). `false` turns it off — only
   * for an app behind a TLS-terminating proxy that checks the certificate itself.
   */
  mutualTls?: MutualTlsAuthOptions | false;
  /** HTTP Basic credentials the Mobile Plans service must send (off when absent). */
  basic?: { username: string; password: string };
  /**
   * Rate limit per client certificate (else per client address): default 50 requests/s, burst 100; buckets in the
   * store on PostgreSQL (shared by every instance), in memory on SQLite. `false` turns it off.
   */
  rateLimit?: { ratePerSecond: number; burst?: number; shared?: boolean } | false;
  /** How long transaction ids are remembered for the 409 check (default 24 h). */
  transactionRetentionMs?: number;
  logger?: Logger;
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
}

export interface MobilePlansServiceApp {
  app: Express;
  observability: Observability;
  service: MobilePlansService;
  store: MobilePlansStore;
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Builds the reference Mobile Plans service APIs (no listening; see main.ts, which serves them over mutual TLS). */
export function createMobilePlansServiceApp(options: MobilePlansServiceAppOptions): MobilePlansServiceApp {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? silent;
  const core = new OperatorCore(options.db);
  const store = new MobilePlansStore(options.db, options.transactionRetentionMs);
  const service = new MobilePlansService(core, store, { ...defaultMobilePlansPolicy, ...options.policy }, clock);
  const observability = createObservability({
    service: "mobileplans-service",
    health: [{ name: "store", check: () => options.db.ping() }],
    errorBody: (e) => mobilePlansErrorBody(e),
    ...options.observability,
  });

  const before: RequestHandler[] = [];
  if (options.mutualTls !== false) before.push(mutualTlsAuth(options.mutualTls ?? {}));
  if (options.basic) before.push(basicAuth(options.basic));
  if (options.rateLimit !== false) {
    const { shared, ...rl } = options.rateLimit ?? { ratePerSecond: 50, burst: 100 };
    before.push(
      rateLimit({
        ...rl,
        now: clock,
        key: (req, res) =>
          String(
            (res.locals.mobilePlansClient as { fingerprint256?: string } | undefined)?.fingerprint256 ??
              req.socket.remoteAddress ??
              "?",
          ),
        store: (shared ?? options.db.dialect === "postgres") ? new SharedRateLimits(options.db) : undefined,
        unavailable: (err) => {
          log.warn({ err: String(err) }, "store unavailable for the rate limiter");
          return new MobilePlansServiceError(500, "Internal error.");
        },
      }),
    );
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () =>
      log.info(
        {
          method: req.method,
          status: res.statusCode,
          transactionId: res.getHeader("X-MS-DM-TransactionId"),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        "request",
      ),
    );
    next();
  });
  app.use(observability.middleware);
  app.use(
    createMobilePlansServiceRouter(mobilePlansHandlers(service), {
      before,
      onUnexpectedError: (err) =>
        log.error(
          { err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
          "unexpected error",
        ),
    }),
  );
  return { app, observability, service, store };
}
