import { createObservability, type ObservabilityOptions } from "@carrierkit/contract-runtime/node";
import {
  type Clock,
  type Db,
  EsimInventory,
  OperatorCore,
  PortalStore,
  StoreUnavailableError,
  SubscriptionCancellations,
  systemClock,
} from "@carrierkit/operator-core";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { BoostService, type EntitlementAdmin } from "./boost.js";
import { PORTAL_JS } from "./client.js";
import { expiredOf, type Logger, type PortalContext, sessionOf } from "./context.js";
import { DEFAULT_ICCID_RANGES, failureMetadata } from "./outcome.js";
import { errorPage } from "./pages.js";
import { accountRoutes } from "./routes/account.js";
import { boostRoutes } from "./routes/boost.js";
import { esimRoutes } from "./routes/esim.js";
import { shopRoutes } from "./routes/shop.js";
import { subscriptionRoutes } from "./routes/subscriptions.js";
import { clientError, HttpError, originGuard } from "./security.js";
import { CheckoutService } from "./service.js";
import { DEFAULT_SESSION_POLICY, SessionCodec, type SessionPolicy } from "./session.js";

export type { Logger } from "./context.js";

export interface PortalAppOptions {
  db: Db;
  sessionSecret: string;
  grantSecret: string;
  entitlementAdmin: EntitlementAdmin;
  clock?: Clock;
  /** Idle and absolute session lifetimes (default 30 min and 12 h). */
  session?: Partial<SessionPolicy>;
  /** Origins state-changing requests may come from (default: the request's own origin). */
  allowedOrigins?: string[];
  /** Express `trust proxy` (so `X-Forwarded-Proto: https` makes cookies Secure behind a TLS proxy); default off. */
  trustProxy?: boolean | string | number;
  downloadDelayMinutes?: number;
  networkRegistrationMinutes?: number;
  /** ICCID prefixes of the operator's SIMs (default `8991`): a launch `iccid` outside them is reported InvalidSIM. */
  iccidRanges?: readonly string[];
  logger?: Logger;
  /** `/metrics` token and process metrics (see `observabilityFromEnv`); `/healthz` pings the store. */
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
}

export interface PortalApp {
  app: Express;
  /** `/healthz` (and its old name `/health`), `/metrics` and this portal's Prometheus registry. */
  observability: ReturnType<typeof createObservability>;
  core: OperatorCore;
  inventory: EsimInventory;
  boost: BoostService;
  store: PortalStore;
  sessions: SessionCodec;
}

const silent: Logger = { info: () => undefined, error: () => undefined };
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"];
/** POST routes exempt from the session's synchronizer token: Android opening the boost page (renders only), and the
 * boost purchase (its token is bound to the purchase grant, checked in routes/boost.ts). */
const TOKEN_EXEMPT = ["/boost", "/boost/purchase"];
const wantsJson = (req: Request) => req.path.startsWith("/api/") || req.path === "/boost/purchase";

/** Builds the reference operator portal (no listening; see main.ts). */
export function createPortalApp(options: PortalAppOptions): PortalApp {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? silent;
  const core = new OperatorCore(options.db);
  const inventory = new EsimInventory(options.db);
  const store = new PortalStore(options.db);
  const sessions = new SessionCodec(options.sessionSecret, { ...DEFAULT_SESSION_POLICY, ...options.session }, clock);
  const boost = new BoostService(core, store, options.grantSecret, options.entitlementAdmin, clock);
  const observability = createObservability({
    service: "portal",
    health: [{ name: "store", check: () => options.db.ping() }],
    // `/health` was the portal's path before every app had `/healthz`; it stays as an alias for existing probes.
    healthPaths: ["/healthz", "/health"],
    ...options.observability,
  });
  const ctx: PortalContext = {
    purchases: observability.counter(
      "portal_purchases_total",
      "Portal purchases by kind (mobile-plans, data-boost) and result (succeeded, refused or the failure code).",
      ["kind", "result"],
    ),
    core,
    inventory,
    cancellations: new SubscriptionCancellations(options.db),
    store,
    sessions,
    boost,
    checkout: new CheckoutService(store, clock),
    clock,
    log,
    downloadDelayMinutes: options.downloadDelayMinutes ?? 15,
    networkRegistrationMinutes: options.networkRegistrationMinutes ?? 15,
    iccidRanges: options.iccidRanges?.length ? options.iccidRanges : DEFAULT_ICCID_RANGES,
  };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(observability.middleware);

  app.get("/assets/portal.js", (_req, res) => {
    res.type("application/javascript").set("cache-control", "no-cache").send(PORTAL_JS);
  });

  // Forms are urlencoded (UTF-8 only: another charset is a 415), the scripts' calls JSON; POST /boost reads
  // Android's raw user data itself.
  const forms = express.urlencoded({ extended: false, limit: "16kb", parameterLimit: 50 });
  const json = express.json({ limit: "8kb" });
  app.use((req, res, next) => (req.path === "/boost" ? next() : forms(req, res, next)));
  app.use((req, res, next) => (req.path === "/boost" ? next() : json(req, res, next)));

  // The session: signed cookie, idle/absolute expiry, and (signed in) a live row in the store; refreshed each request.
  app.use((req, res, next) => {
    const { session, expired } = sessions.read(req);
    const check = session?.sub ? store.sessionActive(session.sid, session.sub) : Promise.resolve(true);
    check
      .then((active) => {
        res.locals.sessionExpired = expired || !active;
        res.locals.session = session && active ? session : sessions.fresh();
        sessions.write(req, res, res.locals.session);
        next();
      })
      .catch(next);
  });

  // CSRF: a strict Origin check, then the session's synchronizer token (`_csrf` field or `x-csrf-token` header).
  app.use(originGuard(options.allowedOrigins, ["/boost"]));
  app.use((req, res, next) => {
    if (!STATE_CHANGING.includes(req.method) || TOKEN_EXEMPT.includes(req.path)) return next();
    const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get("x-csrf-token");
    if (sessions.csrfValid(sessionOf(res).sid, given)) return next();
    if (expiredOf(res)) return next(new HttpError(401, "Your session has expired: sign in again."));
    next(
      new HttpError(
        403,
        "This form has expired or came from another site: go back, reload the page and try again.",
        "CSRF",
      ),
    );
  });

  const router = express.Router();
  accountRoutes(router, ctx);
  shopRoutes(router, ctx);
  esimRoutes(router, ctx);
  subscriptionRoutes(router, ctx);
  boostRoutes(router, ctx);
  app.use(router);

  app.use((req, res) => {
    if (wantsJson(req)) res.status(404).json({ ok: false, code: "NOT_FOUND", reason: "No such endpoint." });
    else res.status(404).type("html").send(errorPage("No such page."));
  });
  // Anything a client sent wrong is a 4xx in the portal's HTML page or JSON body; only a fault of ours is a 500.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const unavailable = err instanceof StoreUnavailableError;
    const client = clientError(err);
    const status = client?.status ?? (unavailable ? 503 : 500);
    if (!client) log.error({ err }, "portal error");
    const message =
      client?.message ??
      (unavailable ? "Our service is unavailable right now: try again later." : "Something went wrong.");
    if (wantsJson(req)) {
      const code = client?.code ?? (req.path.startsWith("/boost") ? "FAILURE_CODE_UNKNOWN" : `HTTP_${status}`);
      res.status(status).json({ ok: false, code, reason: message });
      return;
    }
    if (status === 401) {
      res.redirect(303, `/?error=${encodeURIComponent(message)}`);
      return;
    }
    // Inside Mobile Plans a fault of ours ends the purchase as ServiceError, a malformed request as ClientError.
    const failure = status >= 500 ? "serviceError" : [400, 413, 415].includes(status) ? "clientError" : undefined;
    const session = res.locals.session as Parameters<typeof failureMetadata>[0];
    if (unavailable) res.set("retry-after", "30");
    res
      .status(status)
      .type("html")
      .send(errorPage(message, failure ? { ...failureMetadata(session, failure) } : undefined));
  });
  return { app, observability, core, inventory, boost, store, sessions };
}
