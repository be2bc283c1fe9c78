// The Windows device tests' fixture: the real portal (and entitlement server) on one SQLite store, the simulated
// SM-DP+ holding the portal's profile order (the portal's inventory orders, confirms and releases them over ES2+ as
// an operator does, and receives the SM-DP+'s download notifications), one Chromium, and PCs with the simulator's
// real eUICC and LPA on a SimulatedClock, their LPA's SM-DP+ addresses resolving to that SM-DP+.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEs2plusClient } from "@carrierkit/es2plus";
import { EsimInventory, makeIccid, profileOrder } from "@carrierkit/operator-core";
import { runtimeScript } from "@carrierkit/portal-bridge/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../../src/chromium.js";
import { SimulatedClock } from "../../src/clock.js";
import { type RunningSmdp, startSimulatedSmdp } from "../../src/smdp/index.js";
import { WindowsDevice, type WindowsDeviceOptions } from "../../src/windows/device.js";
import { Euicc, type InstalledProfile } from "../../src/windows/euicc.js";
import { Lpa } from "../../src/windows/lpa.js";
import { resolvingFetch } from "../../src/windows/resolver.js";
import { OperatorStack, SMDP_NOTIFICATION_PATH, SMDP_NOTIFICATION_TOKEN } from "../stack.js";

/** The operator's ICCID range: the portal's stock (country 91, issuer 01). */
export const OUR_RANGE = { prefix: "899101" };
export const SMDP_ADDRESS = "smdp.carrierkit.dev";
export const IMEI = "356938035643809";

export const SCREENSHOTS = join(tmpdir(), "carrierkit-windows-screenshots");

export interface Fixture {
  stack: OperatorStack;
  smdp: RunningSmdp;
  browser: Browser;
}

export const es2plus = (f: Fixture) =>
  createEs2plusClient({ baseUrl: f.smdp.url, functionRequesterIdentifier: "carrierkit-operator" });

export function windowsFixture(stock = 40): Fixture {
  const f = {} as Fixture;
  beforeAll(async () => {
    const order = profileOrder(stock);
    f.smdp = await startSimulatedSmdp({
      port: 0,
      address: SMDP_ADDRESS,
      profiles: order.map((iccid) => ({
        iccid,
        profileName: "CarrierKit Mobile",
        serviceProviderName: "CarrierKit Mobile",
      })),
      notificationUrl: `http://127.0.0.1${SMDP_NOTIFICATION_PATH}`,
      notificationToken: SMDP_NOTIFICATION_TOKEN,
      notificationRetry: { baseDelayMs: 10, maxAttempts: 3 },
      // Notifications go to the portal, which listens after the SM-DP+ (its URL is only known then).
      fetch: (input, init) => fetch(`${f.stack.portalUrl}${new URL(String(input)).pathname}`, init),
    });
    f.stack = await OperatorStack.start({ portal: true, smdp: { url: f.smdp.url, address: SMDP_ADDRESS } });
    await new EsimInventory(f.stack.store.db).importStock(order, SMDP_ADDRESS, Date.now());
    f.browser = await launchChromium();
  });
  afterAll(async () => {
    await f.browser?.close();
    await f.smdp?.close();
    await f.stack?.close();
  });
  return f;
}

/** A profile already on the card (one of ours unless the ICCID says otherwise). */
export const installed = (iccid: string, enabled = false): InstalledProfile => ({
  iccid,
  smdpAddress: SMDP_ADDRESS,
  profileName: "CarrierKit Mobile",
  serviceProviderName: "CarrierKit Mobile",
  profileClass: "operational",
  enabled,
});

export const ourIccid = (serial: bigint) => makeIccid("91", "01", serial);

let eids = 0;
/** A fresh EID per PC (32 digits). */
export const newEid = () => `890490320000010000000000${String(++eids).padStart(8, "0")}`;

/** A PC with the real eUICC and LPA (`installed`: profiles already on the card). */
export function pc(
  f: Fixture,
  options: Partial<WindowsDeviceOptions> & { installed?: InstalledProfile[]; capacity?: number } = {},
) {
  const { installed: profiles, capacity, ...rest } = options;
  const clock = new SimulatedClock();
  const card = new Euicc({
    eid: newEid(),
    clock,
    ...(profiles ? { installed: profiles } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  });
  const lpa = new Lpa(card, {
    fetch: resolvingFetch(f.smdp.url),
    deviceInfo: { rats: ["LTE", "NR"], imei: IMEI },
    clock,
  });
  const device = new WindowsDevice({
    config: {
      brand: "CarrierKit Mobile",
      portalUri: `${f.stack.portalUrl}/`,
      iccidRanges: [OUR_RANGE],
      allowInsecureLoopback: true,
    },
    browser: f.browser,
    clock,
    card,
    lpa,
    imei: IMEI,
    runtimeScript,
    ...rest,
  });
  return { clock, card, lpa, device };
}

/** Saves the page's screenshot under the OS temp dir and prints the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** Portal-author code run in the launched portal's page (its own origin): what another portal might call. */
export const inPortal = <T>(page: Page, script: string): Promise<T> => page.evaluate(script) as Promise<T>;

/** A `MobilePlans.createPurchaseMetaData()` filled in, as page-script source. */
export const metadataJs = (status = "complete", planName = "1 GB day pass") =>
  `(() => { const md = MobilePlans.createPurchaseMetaData(); md.userAccount = MobilePlansUserAccount.existing;
  md.purchaseInstrument = MobilePlansPurchaseInstrument.existing; md.line = MobilePlansLineType.new;
  md.moDirectStatus = MobilePlansMoDirectStatus.${status}; md.planName = ${JSON.stringify(planName)}; return md; })()`;

/** Registers the reference portal's callback functions (as its inline flow does). */
export const registerCallbacksJs = `MobilePlansInlineOperations.registrationChangedScript = "portalRegistrationChanged";
  MobilePlansInlineOperations.profileActivationCompleteScript = "portalActivationComplete";`;

/** A recording reverse proxy in front of the portal: what the PC really sent (headers of each request). */
export async function recordingProxy(target: string): Promise<{
  url: string;
  requests: { url: string; headers: import("node:http").IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const { createServer, request } = await import("node:http");
  const requests: { url: string; headers: import("node:http").IncomingHttpHeaders }[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", headers: req.headers });
    const upstream = request(
      {
        host: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: to.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
