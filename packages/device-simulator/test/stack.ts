// The operator side of the device tests, all real and in-process on port 0: the reference entitlement server and
// portal on one SQLite store with demo data, an optional rewriting proxy in front of the entitlement server (for
// answers the reference server never gives), and a small UE policy source fed with real URSP policies.
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { createEntitlementApp, type EntitlementService, type PcfStandIn } from "@carrierkit/entitlement-app";
import { demoSims, EntitlementCore, OperatorCore, seedDemo, seedEntitlementDemo } from "@carrierkit/operator-core";
import { freshStore, type TestStore } from "@carrierkit/operator-core/testing";
import { createPortalApp, ensureBoostPlans } from "@carrierkit/portal-app";
import { fromHex, SoftUsim } from "@carrierkit/ts43";
import { decodeUrsp, parseHex, type UrspPolicy } from "@carrierkit/ursp";
import express from "express";
import type { UePolicySource } from "../src/index.js";

export const ADMIN = "device-test-admin-token";
/** The Bearer secret the SM-DP+ stand-in sends with HandleDownloadProgressInfo to the test portals. */
export const SMDP_NOTIFICATION_TOKEN = "device-test-smdp-notification-token";
export const SMDP_NOTIFICATION_PATH = "/es2plus/handleDownloadProgressInfo";

/** The SM-DP+ a test portal orders its eSIM profiles from (ES2+); without one the portal sells no eSIM. */
export interface PortalSmdp {
  url: string;
  /** The SM-DP+ address of the activation codes. */
  address: string;
}
export const GRANT_SECRET = "device-test-grant-secret-0123456789";
export const IMEI = "356938035643809";

/** Demo subscribers by name: their USIM index in operator-core's demo SIMs. */
export const SUBSCRIBERS = { asha: 0, ben: 1, ravi: 2, lena: 3 } as const;
export type Subscriber = keyof typeof SUBSCRIBERS;

export class OperatorStack {
  readonly core: OperatorCore;
  readonly ent: EntitlementCore;
  private readonly servers: RunningServer[] = [];
  ecsUrl = "";
  portalUrl = "";
  service!: EntitlementService;
  /** The entitlement server's PCF stand-in (started with `pcfAmfUrl`). */
  pcf: PcfStandIn | undefined;

  private constructor(readonly store: TestStore) {
    this.core = new OperatorCore(store.db);
    this.ent = new EntitlementCore(store.db);
  }

  /** The entitlement server, and (with `portal`) the portal whose /boost page it names as ServiceFlow_URL. */
  static async start(
    options: { portal?: boolean; pcfAmfUrl?: string; smdp?: PortalSmdp } = {},
  ): Promise<OperatorStack> {
    const stack = new OperatorStack(await freshStore("sqlite"));
    await seedDemo(stack.core, Date.now());
    await seedEntitlementDemo(stack.ent, Date.now());
    // The PCF stand-in's notify URL names this server, so it listens first and the app is plugged in once built.
    let inner: express.Express | undefined;
    const holder = express();
    holder.use((req, res, next) => (inner ? inner(req, res, next) : next()));
    const server = await startServer({ app: holder, port: 0, handleSignals: false });
    stack.servers.push(server);
    stack.ecsUrl = `${server.url}/`;
    const ecs = createEntitlementApp({
      db: stack.store.db,
      adminToken: ADMIN,
      grantSecret: GRANT_SECRET,
      // Devices here live on simulated clocks (days pass in a test) against this server's wall clock: dozens of
      // checks for one IMSI within real seconds. The per-IMSI EAP-start limit has its own tests in apps/entitlement.
      policy: { eapStartsPerMinute: 0 },
      ...(options.pcfAmfUrl
        ? {
            pcf: {
              amfUrl: options.pcfAmfUrl,
              notifyUrl: `${server.url}/pcf/n1-notify`,
              retryBaseMs: 200,
              answerTimeoutMs: 1000,
            },
          }
        : {}),
    });
    inner = ecs.app;
    stack.service = ecs.service;
    stack.pcf = ecs.pcf;
    stack.pcf?.start(); // the worker that re-sends a command still unanswered after answerTimeoutMs
    if (options.portal) {
      await ensureBoostPlans(stack.core);
      stack.portalUrl = await stack.portal({}, options.smdp);
      stack.service.policy.purchaseUrl = `${stack.portalUrl}/boost`;
    }
    // express-openapi-validator compiles the spec on the first request: warm it up.
    await (await fetch(`${stack.ecsUrl}?vers=0&entitlement_version=2.0&app=ap2010&terminal_id=1`)).body?.cancel();
    return stack;
  }

  /** Another portal on the same store; `admin` overrides the entitlement admin API it calls. */
  async portal(admin: { url?: string; token?: string } = {}, smdp?: PortalSmdp): Promise<string> {
    const portal = createPortalApp({
      db: this.store.db,
      sessionSecret: "device-test-session-secret",
      grantSecret: GRANT_SECRET,
      entitlementAdmin: { url: admin.url ?? `${this.ecsUrl}admin`, token: admin.token ?? ADMIN },
      ...(smdp
        ? {
            smdp: {
              url: smdp.url,
              address: smdp.address,
              notificationUrl: `http://127.0.0.1${SMDP_NOTIFICATION_PATH}`,
              notificationToken: SMDP_NOTIFICATION_TOKEN,
            },
            // The PCs run on simulated clocks (a delayed download's toast comes at once): the portal releases a
            // delayed profile right after the purchase instead of 14 wall-clock minutes later.
            esimReleaseMinutes: 0,
          }
        : {}),
    });
    const server = await startServer({
      app: portal.app,
      port: 0,
      handleSignals: false,
      onClose: () => portal.orders.stop(),
    });
    if (smdp) portal.orders.start(200); // the ES2+ worker: cancellations, late releases, retries
    this.servers.push(server);
    return server.url;
  }

  /** Sets a subscriber's EntitlementStatus × ProvStatus through the admin API. */
  async setBoost(subscriber: string, entitlementStatus: number, provStatus: number): Promise<void> {
    const res = await this.admin(`/subscribers/${subscriber}/data-boost`, {
      method: "PUT",
      body: JSON.stringify({ entitlementStatus, provStatus }),
    });
    if (res.status !== 200) throw new Error(`admin PUT data-boost: ${res.status} ${await res.text()}`);
  }

  /** The subscriber's URSP as the network would deliver it: the admin API's `ursp.hex`, decoded. */
  async deliveredUrsp(subscriber: string): Promise<UrspPolicy | undefined> {
    const res = await this.admin(`/subscribers/${subscriber}`);
    const view = (await res.json()) as { ursp: { hex: string } | null };
    const bytes = view.ursp ? parseHex(view.ursp.hex) : undefined;
    return bytes ? decodeUrsp(bytes) : undefined;
  }

  admin(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.ecsUrl}admin${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
    });
  }

  async close(): Promise<void> {
    await this.pcf?.stop();
    for (const s of this.servers.reverse()) await s.close();
    await this.store.cleanup();
  }
}

/** The demo USIM of a subscriber (a fresh one accepts any SQN the network is at). */
export function usim(subscriber: Subscriber, state?: ConstructorParameters<typeof SoftUsim>[0]["state"]): SoftUsim {
  const sim = demoSims[SUBSCRIBERS[subscriber]]!;
  return new SoftUsim({ imsi: sim.imsi, k: fromHex(sim.kHex), opc: fromHex(sim.opcHex), ...(state ? { state } : {}) });
}

/** A USIM whose IMSI the network does not know (the entitlement server answers 403). */
export function unknownUsim(): SoftUsim {
  const sim = demoSims[0];
  return new SoftUsim({ imsi: "001019999999999", k: fromHex(sim.kHex), opc: fromHex(sim.opcHex) });
}

export const tempStatePath = () => join(mkdtempSync(join(tmpdir(), "carrierkit-sim-")), "device.json");

/** What a proxied exchange looked like on the way in. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A final (non-EAP) answer, to rewrite. */
export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * An HTTP proxy in front of a real server: records every request, may change the request headers, and rewrites the
 * final configuration answer (everything but the EAP relay challenges passes unchanged).
 */
export class RewritingProxy {
  readonly requests: SeenRequest[] = [];
  rewrite: ((answer: Answer) => Answer) | undefined;
  requestHeaders: ((headers: Headers) => void) | undefined;
  private server: Server | undefined;
  url = "";

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.forward(req).then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        (err: Error) => {
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(err.message);
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
    return this;
  }

  private async forward(req: IncomingMessage) {
    this.requests.push({ method: req.method ?? "GET", url: req.url ?? "/", headers: { ...req.headers } });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "content-length") headers.set(k, v);
    this.requestHeaders?.(headers);
    const upstream = await fetch(new URL(req.url ?? "/", this.target), {
      method: req.method ?? "GET",
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    let answer: Answer = {
      status: upstream.status,
      contentType: upstream.headers.get("content-type") ?? "",
      body: await upstream.text(),
    };
    if (this.rewrite && !answer.contentType.includes("eap-relay")) answer = this.rewrite(answer);
    const out: Record<string, string | string[]> = { "content-type": answer.contentType };
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length) out["set-cookie"] = cookies;
    return { status: answer.status, headers: out, body: answer.body };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Rewrites the `ap2010` object of a JSON answer. */
export function editAp2010(edit: (app: Record<string, unknown>, doc: Record<string, unknown>) => void) {
  return (answer: Answer): Answer => {
    const doc = JSON.parse(answer.body) as Record<string, unknown>;
    edit((doc.ap2010 ?? {}) as Record<string, unknown>, doc);
    return { ...answer, body: JSON.stringify(doc) };
  };
}

/**
 * A UE policy source for the tests: real URSP policies per PLMN, delivered by the test (the device-side store that
 * the simulated AMF feeds is another component; this is only its interface).
 */
export class TestPolicySource implements UePolicySource {
  private readonly policies = new Map<string, UrspPolicy>();
  private readonly listeners = new Set<(plmn: string) => void>();

  policy(plmn: string): UrspPolicy {
    return this.policies.get(plmn) ?? { rules: [] };
  }

  onChange(listener: (plmn: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(plmn: string, policy: UrspPolicy): void {
    this.policies.set(plmn, policy);
    for (const l of this.listeners) l(plmn);
  }
}
