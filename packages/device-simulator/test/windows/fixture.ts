// The Windows device tests' fixture: the real portal (and entitlement server) on one SQLite store, one Chromium, and a
// factory for PCs on a SimulatedClock whose LPA resolves the portal's activation codes from the operator's stock.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EsimInventory } from "@carrierkit/operator-core";
import { runtimeScript } from "@carrierkit/portal-bridge/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../../src/chromium.js";
import { SimulatedClock } from "../../src/clock.js";
import { WindowsDevice, type WindowsDeviceOptions } from "../../src/windows/device.js";
import { OperatorStack } from "../stack.js";
import { ScriptedCard, ScriptedLpa } from "./scripted-lpa.js";

/** The operator's ICCID range: the portal's stock (country 91, issuer 01). */
export const OUR_RANGE = { prefix: "899101" };

export const SCREENSHOTS = join(tmpdir(), "carrierkit-windows-screenshots");

export interface Fixture {
  stack: OperatorStack;
  browser: Browser;
}

export function windowsFixture(): Fixture {
  const f = {} as Fixture;
  beforeAll(async () => {
    f.stack = await OperatorStack.start({ portal: true });
    await new EsimInventory(f.stack.store.db).stock(40, "smdp.carrierkit.dev", Date.now());
    f.browser = await launchChromium();
  });
  afterAll(async () => {
    await f.browser?.close();
    await f.stack?.close();
  });
  return f;
}

/** A PC with a scripted eUICC/LPA whose "SM-DP+" is the operator's stock (matching ID → ICCID). */
export function scriptedPc(f: Fixture, options: Partial<WindowsDeviceOptions> = {}) {
  const clock = new SimulatedClock();
  const card = new ScriptedCard();
  const lpa = new ScriptedLpa(
    card,
    async (matchingId) => {
      const row = await f.stack.store.db.get<{ iccid: string }>(
        "SELECT iccid FROM esim_profiles WHERE matching_id = $1",
        [matchingId],
      );
      return row ? { iccid: String(row.iccid) } : undefined;
    },
    () => clock.now(),
  );
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
    runtimeScript,
    ...options,
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
