import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
// The SM-DP+ stand-in lives in the device simulator, whose own tests depend on this app: declaring it as a
// devDependency here would be a cycle turbo refuses, so the workspace resolves it (tests only, never src/).
import { type RunningSmdp, startSimulatedSmdp } from "@carrierkit/device-simulator/smdp";
import { createEntitlementApp } from "@carrierkit/entitlement-app";
import {
  type Db,
  EntitlementCore,
  EsimInventory,
  OperatorCore,
  PurchaseGrantCodec,
  profileOrder,
  seedDemo,
  seedEntitlementDemo,
} from "@carrierkit/operator-core";
import { freshStore, type TestStore } from "@carrierkit/operator-core/testing";
import { attachBridgeHost, type BridgeHost, type HostConfig, launchChromium } from "@carrierkit/portal-bridge/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createPortalApp, type PortalApp, type PortalAppOptions } from "../src/app.js";
import { ensureBoostPlans } from "../src/boost.js";

export const GRANT_SECRET = "portal-test-grant-secret-0123456789";
export const ADMIN_TOKEN = "portal-test-admin-token";
export const SMDP = "smdp.carrierkit.dev";
export const NOTIFICATION_TOKEN = "portal-test-smdp-notification-token";
export const NOTIFICATION_PATH = "/es2plus/handleDownloadProgressInfo";
export const ES2PLUS_TOKEN = "portal-test-es2plus-token";

/**
 * One store with demo data, the real entitlement server, the SM-DP+ stand-in (over HTTP, holding the stock's
 * profile order, activation codes with the address `SMDP`) and portals on port 0 (all in-process).
 */
export class Stack {
  readonly core: OperatorCore;
  readonly ent: EntitlementCore;
  readonly inventory: EsimInventory;
  readonly grants = new PurchaseGrantCodec(GRANT_SECRET);
  private readonly servers: RunningServer[] = [];
  entitlementUrl = "";
  smdp!: RunningSmdp;
  /** Where the stand-in's notifications go: the portal started last. */
  notificationTarget = "";

  private constructor(
    readonly store: TestStore,
    readonly db: Db,
  ) {
    this.core = new OperatorCore(db);
    this.ent = new EntitlementCore(db);
    this.inventory = new EsimInventory(db);
  }

  static async start(dialect: "sqlite" | "postgres" = "sqlite"): Promise<Stack> {
    const store = await freshStore(dialect);
    const stack = new Stack(store, store.db);
    await seedDemo(stack.core, Date.now());
    await seedEntitlementDemo(stack.ent, Date.now());
    await ensureBoostPlans(stack.core);
    const order = profileOrder(40);
    await stack.inventory.importStock(order, SMDP, Date.now());
    stack.smdp = await startSimulatedSmdp({
      port: 0,
      address: SMDP,
      profiles: order.map((iccid) => ({ iccid })),
      notificationUrl: `http://127.0.0.1${NOTIFICATION_PATH}`,
      notificationRetry: { baseDelayMs: 10, maxAttempts: 3 },
      // The portal's shared secrets: the one its notifications carry, the one its ES2+ calls must carry.
      notificationToken: NOTIFICATION_TOKEN,
      es2plusToken: ES2PLUS_TOKEN,
      // Notifications go to the portal this stack started last (its port is known only then).
      fetch: (_input, init) => fetch(`${stack.notificationTarget}${NOTIFICATION_PATH}`, init),
    });
    const { app } = createEntitlementApp({ db: store.db, adminToken: ADMIN_TOKEN, grantSecret: GRANT_SECRET });
    const ent = await startServer({ app, port: 0, handleSignals: false });
    stack.servers.push(ent);
    stack.entitlementUrl = ent.url;
    return stack;
  }

  /** A portal on port 0; `admin` overrides the entitlement admin API it calls, `options` the app's options. */
  async portal(admin: { url?: string; token?: string } = {}, options: Partial<PortalAppOptions> = {}): Promise<string> {
    return (await this.portalApp(admin, options)).url;
  }

  async portalApp(
    admin: { url?: string; token?: string } = {},
    options: Partial<PortalAppOptions> = {},
  ): Promise<PortalApp & { url: string }> {
    const portal = createPortalApp({
      db: this.db,
      sessionSecret: "portal-test-session-secret",
      grantSecret: GRANT_SECRET,
      entitlementAdmin: { url: admin.url ?? `${this.entitlementUrl}/admin`, token: admin.token ?? ADMIN_TOKEN },
      smdp: {
        url: this.smdp.url,
        address: SMDP,
        notificationUrl: `http://127.0.0.1${NOTIFICATION_PATH}`,
        notificationToken: NOTIFICATION_TOKEN,
        es2plusToken: ES2PLUS_TOKEN,
      },
      ...options,
    });
    const server = await startServer({
      app: portal.app,
      port: 0,
      handleSignals: false,
      onClose: () => portal.orders.stop(),
    });
    this.servers.push(server);
    this.notificationTarget = server.url;
    return { ...portal, url: server.url };
  }

  /** Runs a server (e.g. a stand-in entitlement admin) on port 0, closed with the stack. */
  async serve(app: Parameters<typeof startServer>[0]["app"]): Promise<string> {
    const server = await startServer({ app, port: 0, handleSignals: false });
    this.servers.push(server);
    return server.url;
  }

  grant(sub: string): string {
    return this.grants.encode({ sub, cap: 34, exp: Math.floor(Date.now() / 1000) + 1800 });
  }

  async close(): Promise<void> {
    for (const s of this.servers.reverse()) await s.close();
    await this.smdp?.close();
    await this.store.cleanup();
  }
}

/** A browser context with the bridge runtime injected (or none, for plain browsing). */
export async function session(
  browser: Browser,
  config: HostConfig | undefined,
): Promise<{ context: BrowserContext; page: Page; host: BridgeHost | undefined }> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const host = config ? await attachBridgeHost(context, config) : undefined;
  const page = await context.newPage();
  host?.watch(page);
  return { context, page, host };
}

export interface BuyOptions {
  msisdn?: string;
  signUp?: { name: string; msisdn: string };
  plan: string;
  flow: string;
  /** The launch query (`?transactionId=…`), as Mobile Plans opens the portal. */
  launch?: string;
}

/** Signs in (or up), picks the plan and flow, and stops on the payment page. */
export async function toPay(page: Page, base: string, opts: BuyOptions): Promise<void> {
  await page.goto(`${base}/${opts.launch ?? ""}`);
  if (opts.signUp) {
    await page.fill("#signup-name", opts.signUp.name);
    await page.fill("#signup-msisdn", opts.signUp.msisdn);
    await page.click("#signup");
  } else {
    await page.fill("#signin-msisdn", opts.msisdn ?? "919876543210");
    await page.click("#signin");
  }
  await page.waitForURL(/\/plans$/);
  await page.check(`#plan-${opts.plan}`);
  await page.check(`#flow-${opts.flow}`);
  await page.click("#continue");
  await page.waitForURL(/\/pay\?/);
}

/** Signs in (or up) and walks plans → payment → the finish page by clicking. */
export async function buy(page: Page, base: string, opts: BuyOptions): Promise<void> {
  await toPay(page, base, opts);
  if (opts.signUp) {
    await page.click("#top-up");
    await page.waitForURL(/\/pay\?/);
  }
  await page.click("#pay");
  await page.waitForURL(/\/done$/);
}

/** A browser test file's fixture: one stack with a portal and one Chromium, started before and closed after the file. */
export function browserStack(): { readonly stack: Stack; readonly portal: string; readonly browser: Browser } {
  const fixture = {} as { stack: Stack; portal: string; browser: Browser };
  beforeAll(async () => {
    fixture.stack = await Stack.start();
    // The browser tests play the app by hand (its callbacks fired at once): a delayed profile is released right after
    // the purchase, as if its delay had passed (the release timing is tested in esim-smdp.test.ts).
    fixture.portal = await fixture.stack.portal({}, { esimReleaseMinutes: 0 });
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.stack?.close();
  });
  return fixture;
}
