import { randomUUID } from "node:crypto";
import { createObservability, type Observability, type ObservabilityOptions } from "@carrierkit/contract-runtime/node";
import {
  type CatalogPlan,
  type Clock,
  type Db,
  EsimInventory,
  formatAmount,
  OperatorCore,
  type Subscriber,
  systemClock,
} from "@carrierkit/operator-core";
import { portalBridgeSpec } from "@carrierkit/portal-bridge";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { BOOST_OFFERS, BoostService, type EntitlementAdmin } from "./boost.js";
import { PORTAL_JS } from "./client.js";
import { cancelButton, esc, layout } from "./pages.js";
import { FLOWS, type Flow, type LaunchParams, type Session, SessionCodec } from "./session.js";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface PortalAppOptions {
  db: Db;
  sessionSecret: string;
  grantSecret: string;
  entitlementAdmin: EntitlementAdmin;
  clock?: Clock;
  downloadDelayMinutes?: number;
  networkRegistrationMinutes?: number;
  logger?: Logger;
  /** `/metrics` token and process metrics (see `observabilityFromEnv`); `/healthz` pings the store. */
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
}

export interface PortalApp {
  app: Express;
  /** `/healthz` (and its old name `/health`), `/metrics` and this portal's Prometheus registry. */
  observability: Observability;
  core: OperatorCore;
  inventory: EsimInventory;
  boost: BoostService;
}

const FLOW_LABELS: Record<Flow, string> = {
  "esim-inline": "A new eSIM, installed now",
  "esim-delayed": "A new eSIM, ready later (you can cancel before Windows offers it)",
  "esim-async": "A new eSIM; the network needs time to set up the line",
  balance: "Add data to the SIM in this PC",
  "balance-iccid": "Add data to an installed eSIM and make it the active one",
};

const silent: Logger = { info: () => undefined, error: () => undefined };

/** Failure-code numbers of the data-boost bridge, from the spec (x-members of FailureCode). */
const FAILURE_CODES: Record<string, number> = Object.fromEntries(
  (portalBridgeSpec.schemas["data-boost.schema.json"]?.$defs?.FailureCode?.["x-members"] ?? []).map((m) => [
    m.member,
    Number(m.value),
  ]),
);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const planName = (p: CatalogPlan) => p.texts["en-US"]?.name ?? p.id;
const money = (nanos: bigint, currency: string) => `${currency === "INR" ? "₹" : `${currency} `}${formatAmount(nanos)}`;

function launchFrom(query: Request["query"]): LaunchParams | undefined {
  const str = (k: string) => (typeof query[k] === "string" && query[k] ? String(query[k]).slice(0, 64) : undefined);
  const launch: LaunchParams = {
    transactionId: str("transactionId"),
    iccid: str("iccid")?.replace(/F$/i, ""),
    iccids:
      typeof query.iccids === "string"
        ? query.iccids
            .split(",")
            .map((s) => s.trim().replace(/F$/i, ""))
            .filter(Boolean)
        : undefined,
    eid: str("eid"),
    market: str("market"),
    location: str("location"),
  };
  return Object.values(launch).some((v) => v !== undefined) ? launch : undefined;
}

/** Builds the reference operator portal (no listening; see main.ts). */
export function createPortalApp(options: PortalAppOptions): PortalApp {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? silent;
  const core = new OperatorCore(options.db);
  const inventory = new EsimInventory(options.db);
  const sessions = new SessionCodec(options.sessionSecret);
  const boost = new BoostService(core, options.grantSecret, options.entitlementAdmin, clock);
  const delay = options.downloadDelayMinutes ?? 15;
  const interval = options.networkRegistrationMinutes ?? 15;
  const observability = createObservability({
    service: "portal",
    health: [{ name: "store", check: () => options.db.ping() }],
    // `/health` was the portal's path before every app had `/healthz`; it stays as an alias for existing probes.
    healthPaths: ["/healthz", "/health"],
    ...options.observability,
  });
  const purchases = observability.counter(
    "portal_purchases_total",
    "Portal purchases by kind (mobile-plans, data-boost) and result (succeeded, queued or the failure code).",
    ["kind", "result"],
  );
  const app = express();
  app.disable("x-powered-by");
  app.use(observability.middleware);
  // Forms are urlencoded; the data-boost page's POST body is Android's raw user data (read as text there).
  const forms = express.urlencoded({ extended: false, limit: "16kb" });
  app.use((req, res, next) => (req.path === "/boost" ? next() : forms(req, res, next)));

  const wrap =
    (fn: (req: Request, res: Response, session: Session) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction) => {
      fn(req, res, sessions.read(req)).catch(next);
    };
  const signedIn = async (session: Session): Promise<Subscriber> => {
    const sub = session.sub ? await core.subscriber(session.sub) : undefined;
    if (!sub) throw new HttpError(401, "Please sign in first.");
    return sub;
  };
  /** Where the ICCID of "add data to an installed eSIM" comes from: the launch URL, else the last downloaded profile. */
  const installedIccid = async (session: Session, sub: Subscriber): Promise<string | undefined> => {
    const fromLaunch = session.launch?.iccids?.[0] ?? session.launch?.iccid;
    if (fromLaunch) return fromLaunch;
    const r = await options.db.get(
      "SELECT iccid FROM esim_profiles WHERE subscriber_id = $1 AND state = 'DOWNLOADED' ORDER BY updated_at DESC LIMIT 1",
      [sub.id],
    );
    return r ? String(r.iccid) : undefined;
  };

  app.get("/assets/portal.js", (_req, res) => {
    res.type("application/javascript").set("cache-control", "no-cache").send(PORTAL_JS);
  });

  app.get(
    "/",
    wrap(async (req, res, session) => {
      const launch = launchFrom(req.query);
      if (launch) {
        log.info({ transactionId: launch.transactionId }, "portal launched by Mobile Plans");
        sessions.write(res, { launch });
      }
      const error =
        typeof req.query.error === "string" ? `<p class="error" id="error">${esc(req.query.error)}</p>` : "";
      const body = `${error}
<form method="post" action="/signin"><fieldset><legend>Sign in</legend>
<label>Mobile number <input name="msisdn" id="signin-msisdn" inputmode="numeric" required placeholder="919876543210"></label>
<button id="signin" type="submit">Sign in</button></fieldset></form>
<form method="post" action="/signup"><fieldset><legend>New customer</legend>
<label>Name <input name="name" id="signup-name" required></label>
<label>Mobile number <input name="msisdn" id="signup-msisdn" inputmode="numeric" required></label>
<button id="signup" type="submit">Create account</button></fieldset></form>
${cancelButton("signin")}
<p><a href="/samples">Documentation samples</a> (diagnostics for portal authors)</p>`;
      res.type("html").send(layout("Get connected", body, { page: "signin", signedIn: Boolean(session.sub) }));
    }),
  );

  app.post(
    "/signin",
    wrap(async (req, res, session) => {
      const msisdn = String(req.body?.msisdn ?? "").replace(/\D/g, "");
      const sub = await core.subscriberByMsisdn(msisdn);
      if (!sub) {
        res.redirect(303, `/?error=${encodeURIComponent("No customer with that number. Create an account instead.")}`);
        return;
      }
      sessions.write(res, { launch: session.launch, sub: sub.id, account: "existing", instrument: "existing" });
      res.redirect(303, "/plans");
    }),
  );

  app.post(
    "/signup",
    wrap(async (req, res, session) => {
      const msisdn = String(req.body?.msisdn ?? "").replace(/\D/g, "");
      const name = String(req.body?.name ?? "")
        .trim()
        .slice(0, 80);
      if (!/^[1-9][0-9]{7,14}$/.test(msisdn) || !name) {
        res.redirect(303, `/?error=${encodeURIComponent("Give your name and a mobile number in international form.")}`);
        return;
      }
      if (await core.subscriberByMsisdn(msisdn)) {
        res.redirect(303, `/?error=${encodeURIComponent("That number already has an account: sign in.")}`);
        return;
      }
      const id = `sub-${randomUUID().slice(0, 8)}`;
      await core.upsertSubscriber({
        id,
        msisdn,
        displayName: name,
        accountType: "PREPAID",
        language: "en-US",
        roaming: false,
        roamingQueriesDisabled: false,
        sharingConsent: false,
        consentAt: null,
        suspended: false,
        createdAt: clock(),
      });
      sessions.write(res, { launch: session.launch, sub: id, account: "new" });
      res.redirect(303, "/plans");
    }),
  );

  app.get(
    "/plans",
    wrap(async (req, res, session) => {
      const sub = await signedIn(session);
      const plans = (await core.listPlans()).filter((p) => p.offered && p.category === sub.accountType);
      const error =
        typeof req.query.error === "string" ? `<p class="error" id="error">${esc(req.query.error)}</p>` : "";
      const body = `${error}<p>Hello ${esc(sub.displayName)}.</p>
<form method="get" action="/pay"><fieldset><legend>Plan</legend>
${plans
  .map(
    (p, i) =>
      `<label><input type="radio" name="plan" value="${esc(p.id)}" id="plan-${esc(p.id)}"${i === 0 ? " checked" : ""}> ${esc(planName(p))} — ${esc(money(p.priceNanos, p.currency))}: ${esc(p.texts["en-US"]?.description ?? "")}</label>`,
  )
  .join("\n")}</fieldset>
<fieldset><legend>What do you need?</legend>
${FLOWS.map((f, i) => `<label><input type="radio" name="flow" value="${f}" id="flow-${f}"${i === 0 ? " checked" : ""}> ${esc(FLOW_LABELS[f])}</label>`).join("\n")}
</fieldset><button id="continue" type="submit">Continue to payment</button></form>
${cancelButton("plans")}`;
      res.type("html").send(layout("Choose a plan", body, { page: "plans" }));
    }),
  );

  const payPage = async (res: Response, session: Session, planId: string, flow: Flow, error = "") => {
    const sub = await signedIn(session);
    const plan = await core.plan(planId);
    if (!plan?.offered) throw new HttpError(404, "Unknown plan.");
    const wallet = await core.wallet(sub.id);
    const balance = wallet ? money(wallet.balanceNanos, wallet.currency) : money(0n, plan.currency);
    const body = `${error ? `<p class="error" id="error">${esc(error)}</p>` : ""}
<p>${esc(planName(plan))} — <strong>${esc(money(plan.priceNanos, plan.currency))}</strong> · ${esc(FLOW_LABELS[flow])}</p>
<p id="wallet">Demo wallet: ${esc(balance)}</p>
<form method="post" action="/pay"><input type="hidden" name="plan" value="${esc(plan.id)}"><input type="hidden" name="flow" value="${flow}">
<button id="pay" type="submit">Pay ${esc(money(plan.priceNanos, plan.currency))} from the wallet</button></form>
<form method="post" action="/wallet/top-up"><input type="hidden" name="plan" value="${esc(plan.id)}"><input type="hidden" name="flow" value="${flow}">
<button id="top-up" class="secondary" type="submit">Add ₹500 demo funds</button></form>
${cancelButton("pay")}`;
    res.type("html").send(layout("Payment", body, { page: "pay" }));
  };
  const flowOf = (v: unknown): Flow => {
    if (!FLOWS.includes(v as Flow)) throw new HttpError(400, "Unknown flow.");
    return v as Flow;
  };

  app.get(
    "/pay",
    wrap(async (req, res, session) => {
      await payPage(res, session, String(req.query.plan ?? ""), flowOf(req.query.flow));
    }),
  );

  app.post(
    "/wallet/top-up",
    wrap(async (req, res, session) => {
      const sub = await signedIn(session);
      await core.topUp(sub.id, "INR", 500_000_000_000n, clock());
      sessions.write(res, { ...session, instrument: "new" });
      res.redirect(303, `/pay?plan=${encodeURIComponent(String(req.body?.plan ?? ""))}&flow=${flowOf(req.body?.flow)}`);
    }),
  );

  app.post(
    "/pay",
    wrap(async (req, res, session) => {
      const sub = await signedIn(session);
      const flow = flowOf(req.body?.flow);
      const plan = await core.plan(String(req.body?.plan ?? ""));
      if (!plan?.offered) throw new HttpError(404, "Unknown plan.");
      const now = clock();
      let iccid: string | undefined;
      let activationCode: string | undefined;
      if (flow.startsWith("esim")) {
        const profile = await inventory.reserve(sub.id, now);
        if (!profile) return payPage(res, session, plan.id, flow, "No eSIM profile is available right now.");
        iccid = profile.iccid;
        activationCode = profile.activationCode;
      } else if (flow === "balance-iccid") {
        iccid = await installedIccid(session, sub);
        if (!iccid) return payPage(res, session, plan.id, flow, "No installed eSIM of ours is known on this PC.");
      }
      const transactionId = `portal-${randomUUID()}`;
      const outcome = await core.purchase(
        { subscriberId: sub.id, planId: plan.id, transactionId, language: "en-US", clientId: "portal" },
        now,
      );
      purchases.inc({ kind: "mobile-plans", result: outcome.kind === "failed" ? outcome.failure : outcome.kind });
      if (outcome.kind === "failed") {
        if (activationCode && iccid) await inventory.release(iccid, now);
        const why =
          outcome.failure === "INSUFFICIENT_BALANCE"
            ? "Your wallet balance is too low: add demo funds."
            : outcome.failure === "INCOMPATIBLE_PLAN"
              ? "You cannot hold this plan with your current ones."
              : `The purchase failed (${outcome.failure}).`;
        return payPage(res, session, plan.id, flow, why);
      }
      log.info({ transactionId, launch: session.launch?.transactionId, flow, iccid }, "portal purchase");
      sessions.write(res, { ...session, order: { transactionId, planId: plan.id, flow, iccid, activationCode } });
      res.redirect(303, "/done");
    }),
  );

  app.get(
    "/done",
    wrap(async (_req, res, session) => {
      await signedIn(session);
      const order = session.order;
      if (!order) throw new HttpError(404, "No purchase to finish.");
      const plan = await core.plan(order.planId);
      const esim = order.flow.startsWith("esim");
      const metadata = {
        userAccount: session.account ?? "existing",
        purchaseInstrument: session.instrument ?? "existing",
        line: esim ? "new" : "existing",
        moDirectStatus: "complete",
        planName: plan ? planName(plan) : order.planId,
      };
      const body = `<p class="ok">Paid: ${esc(metadata.planName)}.</p>
${order.activationCode ? `<p>Activation code: <code id="activation-code">${esc(order.activationCode)}</code></p>` : ""}
${order.iccid ? `<p>ICCID: <code id="iccid">${esc(order.iccid)}</code></p>` : ""}
<button id="finish" type="button">${esim ? "Install the eSIM" : "Finish"}</button>
<button id="cancel-download" class="secondary" type="button" hidden>Cancel the download</button>
<p id="result"></p><p id="operation"></p><p id="profile-state"></p><ul id="events" class="events"></ul>`;
      res.type("html").send(
        layout("Finish", body, {
          page: "done",
          flow: order.flow,
          activationCode: order.activationCode,
          iccid: order.iccid,
          downloadDelay: delay,
          networkRegistrationInterval: interval,
          metadata,
        }),
      );
    }),
  );

  app.get(
    "/cancel",
    wrap(async (req, res, session) => {
      const step = String(req.query.step ?? "signin");
      const account = session.sub ? (session.account ?? "existing") : "bailed";
      const metadata = {
        userAccount: step === "signin" ? "bailed" : account,
        purchaseInstrument: step === "pay" ? "bailed" : "none",
        line: step === "plans" ? "bailed" : "none",
        moDirectStatus: "cancelled",
        planName: "",
      };
      sessions.write(res, { launch: session.launch });
      res
        .type("html")
        .send(
          layout("Cancelled", `<p id="result"></p><p><a href="/">Start again</a></p>`, { page: "cancelled", metadata }),
        );
    }),
  );

  app.get(
    "/samples",
    wrap(async (_req, res, session) => {
      const buttons = ["seed000-inline", "seed001-inline", "seed001-balance", "seed001-datamart"]
        .map((s) => `<button type="button" data-sample="${s}" id="sample-${s}">${s}</button>`)
        .join("\n");
      const body = `<p>The documentation's own sample code, verbatim. The bridge accepts it, canonicalises it and warns
about every alias (see the browser console).</p>${buttons}<p id="result"></p>`;
      res.type("html").send(
        layout("Documentation samples", body, {
          page: "samples",
          activationCode: "1$smdp.address$matchingID",
          iccid: "8900000000000000001",
          transactionId: session.launch?.transactionId ?? "MSFT_ecf5a4d6-024c-46c3-8fcd-2c1f0deed572",
        }),
      );
    }),
  );

  const ownedProfile = async (session: Session, iccid: unknown) => {
    const sub = await signedIn(session);
    const profile = typeof iccid === "string" ? await inventory.profile(iccid) : undefined;
    if (!profile || profile.subscriberId !== sub.id) throw new HttpError(404, "Unknown eSIM profile.");
    return profile;
  };
  app.post(
    "/api/esim/events",
    express.json({ limit: "4kb" }),
    wrap(async (req, res, session) => {
      const profile = await ownedProfile(session, req.body?.iccid);
      if (req.body?.kind === "activation" && req.body?.result === "Success") {
        await inventory.markDownloaded(profile.iccid, clock());
      }
      log.info({ iccid: profile.iccid, event: req.body }, "eSIM event from the app");
      res.json({ state: (await inventory.profile(profile.iccid))?.state });
    }),
  );
  app.post(
    "/api/esim/release",
    express.json({ limit: "4kb" }),
    wrap(async (req, res, session) => {
      const profile = await ownedProfile(session, req.body?.iccid);
      await inventory.release(profile.iccid, clock());
      res.json({ state: (await inventory.profile(profile.iccid))?.state });
    }),
  );

  // ── Android data boost ─────────────────────────────────────────────────────────────────────────────────────────
  const boostPage = (res: Response, token: string | undefined) => {
    const grant = boost.grant(token);
    const failure = "code" in grant ? grant : undefined;
    const body = failure
      ? `<p class="error" id="failure">${esc(failure.reason)}</p><button id="close" type="button">Close</button>`
      : `<p id="capability"></p><p>Faster, steadier connection for games and calls (low-latency 5G slice).</p>
${BOOST_OFFERS.map((o) => `<button type="button" data-offer="${o.id}" id="offer-${o.id}">${esc(o.label)} — ₹${esc(o.price)}</button>`).join("\n")}
<button id="dismiss" class="secondary" type="button">Not now</button>`;
    res.type("html").send(
      layout("Network boost", `${body}<p id="result"></p>`, {
        page: "boost",
        token: failure ? undefined : (grant as { token: string }).token,
        failure,
        failureCodes: FAILURE_CODES,
      }),
    );
  };
  app.get("/boost", (req, res) => {
    // Android appends ServiceFlow_UserData verbatim (`?encodedValue=<base64>`): read it raw, '+' is base64, not space.
    const query = req.originalUrl.split("?")[1] ?? "";
    const raw = /(?:^|&)encodedValue=([^&]*)/.exec(query)?.[1];
    boostPage(res, raw ? decodeURIComponent(raw) : undefined);
  });
  app.post("/boost", express.text({ type: () => true, limit: "8kb" }), (req, res) => {
    // ContentsType json/xml: Android POSTs the user data, base64-decoded when it has the encodedValue= form.
    const body = typeof req.body === "string" ? req.body.trim() : "";
    const token = !body
      ? undefined
      : body.startsWith("encodedValue=")
        ? body.slice("encodedValue=".length)
        : body.startsWith("{")
          ? Buffer.from(body).toString("base64")
          : body;
    boostPage(res, token);
  });
  app.post(
    "/boost/purchase",
    express.json({ limit: "8kb" }),
    wrap(async (req, res) => {
      const result = await boost.purchase(
        typeof req.body?.token === "string" ? req.body.token : undefined,
        String(req.body?.offer ?? ""),
      );
      purchases.inc({ kind: "data-boost", result: result.ok ? "succeeded" : result.code });
      log.info({ result }, "data boost purchase");
      res.json(result);
    }),
  );

  app.use((_req: Request, _res: Response, next: NextFunction) => next(new HttpError(404, "No such page.")));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (status === 500) log.error({ err }, "portal error");
    if (status === 401) {
      res.redirect(303, `/?error=${encodeURIComponent((err as Error).message)}`);
      return;
    }
    const message = err instanceof HttpError ? err.message : "Something went wrong.";
    res
      .status(status)
      .type("html")
      .send(
        layout("Sorry", `<p class="error" id="error">${esc(message)}</p><p><a href="/">Start again</a></p>`, {
          page: "error",
        }),
      );
  });
  return { app, observability, core, inventory, boost };
}
