import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachBridgeHost, type BridgeHost, launchChromium } from "../src/testing.js";

// One browser for the file; one context (one host) per test. The page server answers on 127.0.0.1 (the allowed
// origin) and, for the foreign-origin case, is reached as localhost.
let browser: Browser;
let server: Server;
let allowed: string;
let foreign: string;

const PAGE = `<!doctype html><html><head><title>portal</title></head><body><h1>portal</h1>
<script>
  window.received = [];
  function onRegistrationChanged(json) { window.received.push(["registration", typeof json, json]); }
  function onActivationComplete(json) { window.received.push(["activation", typeof json, json]); }
  window.portal = { onActivation: function (json) { window.received.push(["portal.onActivation", typeof json, json]); } };
</script></body></html>`;

// Runs as a page script (CDP evaluation is exempt from CSP): is eval blocked, and does the bridge still validate?
const CSP_PROBE = `
  try { new Function("return 1")(); window.evalBlocked = false; } catch (e) { window.evalBlocked = true; }
  var md = MobilePlans.createPurchaseMetaData();
  md.moDirectStatus = MobilePlansMoDirectStatus.complete;
  md.planName = "My Plan";
  try { MobilePlans.notifyBalanceAddition(md, "1234"); } catch (e) { window.refusedUnderCsp = String(e); }
  MobilePlans.notifyPurchaseWithProfileDownload(md, "1$smdp.address$matchingID", 0);`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8" };
    if (req.url?.startsWith("/csp")) {
      headers["content-security-policy"] = "script-src 'self' 'unsafe-inline'";
      res.writeHead(200, headers).end(PAGE.replace("</body>", `<script>${CSP_PROBE}</script></body>`));
      return;
    }
    res.writeHead(200, headers).end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  allowed = `http://127.0.0.1:${port}`;
  foreign = `http://localhost:${port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function open(path = "/", config: Partial<Parameters<typeof attachBridgeHost>[1]> = {}, base?: string) {
  const context: BrowserContext = await browser.newContext();
  // The page server is plain http on 127.0.0.1: the loopback development setting lets Mobile Plans calls through.
  const host: BridgeHost = await attachBridgeHost(context, {
    allowedOrigins: [allowed],
    allowInsecureLoopback: true,
    ...config,
  });
  const page: Page = await context.newPage();
  host.watch(page);
  await page.goto(`${base ?? allowed}${path}`);
  return { context, host, page };
}

const seed000Inline = `
  var purchaseMetaData = MobilePlans.createPurchaseMetaData();
  purchaseMetaData.userAccount = MobilePlansUserAccount.new;
  purchaseMetaData.purchaseInstrument = MobilePlansPurchaseInstrument.new;
  purchaseMetaData.lineType = MobilePlansLineType.new;
  purchaseMetaData.modirectStatus = MobilePlansMoDirectStatus.complete;
  purchaseMetaData.planName = "My Plan";
  MobilePlansInlineOperations.registrationChangedScript = "onRegistrationChanged";
  MobilePlansInlineOperations.profileActivationCompleteScript = "onActivationComplete";
  MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData , "1$smdp.address$matchingID");`;

const canonicalMd = {
  userAccount: "New",
  purchaseInstrument: "New",
  line: "New",
  moDirectStatus: "Complete",
  planName: "My Plan",
};

describe("browser runtime in Chromium", () => {
  it("When the runtime is injected, then every global of bridges.json exists with the decided enum values", async () => {
    const { context, page } = await open();
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, Record<string, unknown> | undefined>;
      const names = [
        "MobilePlans",
        "MobilePlansInlineOperations",
        "MobilePlansInlineProfile",
        "MobilePlansInlineProfileDownload",
        "DataMart",
        "DataBoostWebServiceFlow",
        "SlicePurchaseWebInterface",
      ];
      return {
        present: names.filter((n) => typeof w[n] === "object"),
        userAccountNew: w.MobilePlansUserAccount?.new,
        cancelled: w.MobilePlansMoDirectStatus?.cancelled,
        home: w.MobilePlansNetworkRegistrationState?.home,
        activation: Object.keys(w.MobilePlansActivationError ?? {}).length,
        frozen: Object.isFrozen(w.MobilePlansLineType),
      };
    });
    expect(globals).toEqual({
      present: [
        "MobilePlans",
        "MobilePlansInlineOperations",
        "MobilePlansInlineProfile",
        "MobilePlansInlineProfileDownload",
        "DataMart",
        "DataBoostWebServiceFlow",
      ],
      userAccountNew: "New",
      cancelled: "Cancelled",
      home: "Home",
      activation: 31,
      frozen: true,
    });
    await context.close();
  });

  it("When the seed 000 inline-download sample runs verbatim, then the host gets the registrations and one canonical call with alias warnings", async () => {
    const { context, host, page } = await open();
    await page.evaluate(seed000Inline);
    const [call] = await host.waitFor((m) => m.kind === "call");
    expect(host.messages.map((m) => m.kind)).toEqual(["property", "property", "call"]);
    expect(call).toMatchObject({
      calledAs: "MobilePlansInlineOperations.notifyProfileDownload",
      signature: "MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode)",
      api: "current",
      args: [canonicalMd, "1$smdp.address$matchingID"],
      origin: allowed,
    });
    expect((call as { returned: { Id: string } }).returned.Id).toMatch(/.+/);
    expect(call?.warnings.map((w) => w.path)).toEqual(["purchaseMetaData.modirectStatus", "purchaseMetaData.lineType"]);
    expect(host.console.filter((l) => l.startsWith("warning:"))).toHaveLength(2);
    await context.close();
  });

  it("When a delayed download is cancelled, then notifyOperationCancel carries the context the download returned", async () => {
    const { context, host, page } = await open();
    const id = await page.evaluate(() => {
      const md = MobilePlans.createPurchaseMetaData();
      md.moDirectStatus = MobilePlansMoDirectStatus.complete;
      md.planName = "My Plan";
      const op = MobilePlansInlineOperations.notifyProfileDownload(md, "1$smdp.address$matchingID", 15);
      MobilePlansInlineOperations.notifyOperationCancel(op);
      return op.Id;
    });
    await host.waitFor((m) => m.kind === "call", 2);
    const [download, cancel] = host.calls();
    expect(download?.signature).toContain("downloadDelay");
    expect(download?.args[2]).toBe(15);
    expect(cancel?.args).toEqual([{ Id: id }]);
    await context.close();
  });

  it("When the legacy seed 001 sample runs, then MobilePlansInlineProfileDownload is accepted as an alias of both canonical holders", async () => {
    const { context, host, page } = await open();
    await page.evaluate(`
      var purchaseMetaData = MobilePlans.createPurchaseMetaData();
      purchaseMetaData.userAccount = MobilePlansUserAccount.new;
      purchaseMetaData.purchaseInstrument = MobilePlansPurchaseInstrument.new;
      purchaseMetaData.lineType = MobilePlansLineType.new;
      purchaseMetaData.modirectStatus = MobilePlansMoDirectStatus.complete;
      purchaseMetaData.planName = "My Plan";
      MobilePlansInlineProfileDownload.registrationChangedScript = "onRegistrationChanged";
      MobilePlansInlineProfileDownload.profileActivationCompleteScript = "portal.onActivation";
      MobilePlansInlineProfileDownload.notifyInlineProfileDownload(purchaseMetaData , "1$smdp.address$matchingID");`);
    await host.waitFor((m) => m.kind === "call");
    const props = host.messages.filter((m) => m.kind === "property");
    expect(props.map((m) => [m.calledAs, m.kind === "property" && m.property])).toEqual([
      [
        "MobilePlansInlineProfileDownload.registrationChangedScript",
        "MobilePlansInlineOperations.registrationChangedScript",
      ],
      [
        "MobilePlansInlineProfileDownload.profileActivationCompleteScript",
        "MobilePlansInlineOperations.profileActivationCompleteScript",
      ],
    ]);
    expect(props.every((m) => m.warnings[0]?.code === "alias")).toBe(true);
    const [call] = host.calls("MobilePlansInlineProfile.notifyInlineProfileDownload");
    expect(call?.api).toBe("legacy");
    expect(call?.warnings.map((w) => w.path)).toEqual([
      "MobilePlansInlineProfileDownload.notifyInlineProfileDownload",
      "purchaseMetaData.modirectStatus",
      "purchaseMetaData.lineType",
    ]);
    // The same registration, read through the canonical holder.
    expect(await page.evaluate(() => MobilePlansInlineOperations.profileActivationCompleteScript)).toBe(
      "portal.onActivation",
    );
    await context.close();
  });

  it("When the host fires the callbacks, then the portal's named functions get JSON strings in canonical form", async () => {
    const { context, host, page } = await open();
    await page.evaluate(seed000Inline);
    const iccid = "8991010000000000018";
    const reg = await host.fire(page, "registrationChanged", { networkRegistrationState: "home", Iccid: iccid });
    const act = await host.fire(
      page,
      "profileActivationComplete",
      JSON.stringify({ activationResult: "Success", iccid }),
    );
    const bad = await host.fire(page, "profileActivationComplete", { activationResult: "Exploded", iccid });
    expect(reg).toMatchObject({ ok: true, functionName: "onRegistrationChanged" });
    expect(reg.warnings.map((w) => w.path)).toEqual([
      "registrationChanged.Iccid",
      "registrationChanged.networkRegistrationState",
    ]);
    expect(act).toMatchObject({ ok: true, functionName: "onActivationComplete", warnings: [] });
    expect(bad.ok).toBe(false);
    expect(await page.evaluate(() => (globalThis as unknown as { received: unknown[] }).received)).toEqual([
      ["registration", "string", JSON.stringify({ networkRegistrationState: "Home", iccid })],
      ["activation", "string", JSON.stringify({ activationResult: "Success", iccid })],
    ]);
    expect(host.messages.filter((m) => m.kind === "callback")).toHaveLength(2);
    await context.close();
  });

  it("When no function is registered, then firing a callback reports it and calls nothing", async () => {
    const { context, host, page } = await open();
    const r = await host.fire(page, "registrationChanged", {
      networkRegistrationState: "Home",
      iccid: "8991010000000000018",
    });
    expect(r).toMatchObject({
      ok: false,
      problems: [{ path: "MobilePlansInlineOperations.registrationChangedScript" }],
    });
    await context.close();
  });

  it("When a call is invalid, then the portal gets a TypeError and the host a refusal, never the call", async () => {
    const { context, host, page } = await open();
    const error = await page.evaluate(() => {
      try {
        MobilePlansInlineOperations.notifyBalanceAddition(
          { moDirectStatus: "Complete", planName: "" } as never,
          "1234",
        );
        return "no error";
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(error).toMatch(/^TypeError: \[portal-bridge\] MobilePlansInlineOperations.notifyBalanceAddition: /);
    expect(error).toContain("purchaseMetaData.planName");
    expect(error).toContain("iccid");
    await host.waitFor((m) => m.kind === "refused");
    expect(host.calls()).toEqual([]);
    expect(host.refusals()[0]).toMatchObject({
      reason: "invalid",
      calledAs: "MobilePlansInlineOperations.notifyBalanceAddition",
    });
    await context.close();
  });

  it("When the page comes from an origin outside the allow-list, then every call is refused and reported, none delivered", async () => {
    const { context, host, page } = await open("/", {}, foreign);
    const result = await page.evaluate(`${seed000Inline.replace(/;\s*$/, "")}; 'done'`);
    expect(result).toBe("done");
    await host.waitFor((m) => m.kind === "refused", 3);
    expect(host.calls()).toEqual([]);
    expect(host.refusals().map((r) => [r.reason, r.calledAs, r.origin])).toEqual([
      ["origin", "MobilePlansInlineOperations.registrationChangedScript", foreign],
      ["origin", "MobilePlansInlineOperations.profileActivationCompleteScript", foreign],
      ["origin", "MobilePlansInlineOperations.notifyProfileDownload", foreign],
    ]);
    expect(host.console.some((l) => l.startsWith("error:") && l.includes("allow-list"))).toBe(true);
    await context.close();
  });

  it("When a delayed download gets only the SM-DP+ address, then the host's call says the smdpAddress form was used", async () => {
    const { context, host, page } = await open();
    await page.evaluate(() => {
      const md = MobilePlans.createPurchaseMetaData();
      md.moDirectStatus = MobilePlansMoDirectStatus.complete;
      md.planName = "My Plan";
      MobilePlansInlineOperations.notifyProfileDownload(md, "smdp.example.com", 30);
      MobilePlansInlineOperations.notifyProfileDownload(md, "1$smdp.address$matchingID", 30);
    });
    const [byAddress, byCode] = await host.waitFor((m) => m.kind === "call", 2);
    expect(byAddress).toMatchObject({
      args: [{ moDirectStatus: "Complete", planName: "My Plan" }, "smdp.example.com", 30],
      forms: { activationCode: "smdpAddress" },
    });
    expect(byCode).toMatchObject({ forms: { activationCode: "activationCode" } });
    await context.close();
  });

  describe("the https rule of Mobile Plans (C-6)", () => {
    // Pages served by Playwright's router: no DNS, no certificate, but a real https: or http: origin in Chromium.
    const routed = async (origin: string, config: Partial<Parameters<typeof attachBridgeHost>[1]>) => {
      const context: BrowserContext = await browser.newContext();
      await context.route(`${origin}/**`, (route) =>
        route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }),
      );
      const host = await attachBridgeHost(context, { allowedOrigins: [origin], ...config });
      const page = await context.newPage();
      host.watch(page);
      await page.goto(`${origin}/`);
      return { context, host, page };
    };
    const runSample = (page: Page) => page.evaluate(`${seed000Inline.replace(/;\s*$/, "")}; 'done'`);

    it("When the portal is https and in the allow-list, then the calls reach the host", async () => {
      const { context, host, page } = await routed("https://portal.operator.example", {});
      await runSample(page);
      const [call] = await host.waitFor((m) => m.kind === "call");
      expect(call).toMatchObject({
        origin: "https://portal.operator.example",
        args: [canonicalMd, expect.any(String)],
      });
      expect(host.refusals()).toEqual([]);
      await context.close();
    });

    it.each([
      ["without the loopback development setting", { allowInsecureLoopback: undefined }],
      ["with the setting explicitly off", { allowInsecureLoopback: false }],
    ])(
      "When an http loopback page calls Mobile Plans %s, then every call and property is refused naming the https rule",
      async (_l, config) => {
        // open() turns the setting on; `undefined` here removes it again (the config travels as JSON).
        const { context, host, page } = await open("/", config);
        expect(await runSample(page)).toBe("done");
        await host.waitFor((m) => m.kind === "refused", 3);
        expect(host.calls()).toEqual([]);
        expect(host.refusals().map((r) => [r.reason, r.calledAs])).toEqual([
          ["origin", "MobilePlansInlineOperations.registrationChangedScript"],
          ["origin", "MobilePlansInlineOperations.profileActivationCompleteScript"],
          ["origin", "MobilePlansInlineOperations.notifyProfileDownload"],
        ]);
        expect(host.refusals()[2]?.problems[0]?.message).toMatch(/is not https: .*allowInsecureLoopback/);
        expect(host.console.some((l) => l.startsWith("error:") && l.includes("https"))).toBe(true);
        await context.close();
      },
    );

    it("When an http page on a non-loopback host calls Mobile Plans, then it is refused even with the loopback setting and in the allow-list", async () => {
      const { context, host, page } = await routed("http://portal.operator.example", { allowInsecureLoopback: true });
      expect(await runSample(page)).toBe("done");
      await host.waitFor((m) => m.kind === "refused", 3);
      expect(host.calls()).toEqual([]);
      expect(
        host.refusals().every((r) => r.reason === "origin" && /is not https/.test(r.problems[0]?.message ?? "")),
      ).toBe(true);
      expect(host.refusals()[0]?.problems[0]?.message).toContain("covers only http on 127.0.0.1, [::1] and localhost");
      await context.close();
    });

    it("When the legacy DataMart and MobilePlans notifications come from a plain http page, then they are refused too", async () => {
      const { context, host, page } = await routed("http://portal.operator.example", { allowInsecureLoopback: true });
      await page.evaluate(() => {
        const md = MobilePlans.createPurchaseMetaData();
        md.moDirectStatus = MobilePlansMoDirectStatus.complete;
        md.planName = "My Plan";
        MobilePlans.notifyBalanceAddition(md, "8991010000000000018");
        DataMart.notifyPurchaseResult("{}");
        MobilePlansInlineProfile.notifyInlineProfileDownload(md, "1$smdp.address$matchingID");
      });
      await host.waitFor((m) => m.kind === "refused", 3);
      expect(host.refusals().map((r) => [r.reason, r.calledAs])).toEqual([
        ["origin", "MobilePlans.notifyBalanceAddition"],
        ["origin", "DataMart.notifyPurchaseResult"],
        ["origin", "MobilePlansInlineProfile.notifyInlineProfileDownload"],
      ]);
      await context.close();
    });

    it("When the Android data-boost page is plain http without the setting, then its calls still reach the host", async () => {
      const { context, host, page } = await routed("http://carrier.example", { bridges: ["dataBoost"] });
      await page.evaluate(() => DataBoostWebServiceFlow!.notifyPurchaseSuccessful());
      const [call] = await host.waitFor((m) => m.kind === "call");
      expect(call).toMatchObject({ method: "notifyPurchaseSuccessful", origin: "http://carrier.example" });
      await context.close();
    });
  });

  it("When the data-boost page buys, then getRequestedCapability answers 34 and success and each failure code reach the host", async () => {
    const { context, host, page } = await open("/", { bridges: ["dataBoost"], optionalObjects: true });
    const seen = await page.evaluate(() => {
      const flow = DataBoostWebServiceFlow!;
      const cap = flow.getRequestedCapability();
      flow.notifyPurchaseSuccessful();
      flow.notifyPurchaseSuccessful(3_600_000);
      for (const code of [0, 1, 2, 3, 4] as const) flow.notifyPurchaseFailed(code, code === 0 ? "Unknown reason" : "");
      (flow.notifyPurchaseFailed as (c: unknown, r: string) => void)("FAILURE_CODE_PAYMENT_FAILED", "");
      flow.dismissFlow();
      const w = globalThis as unknown as Record<string, unknown>;
      return { cap, legacy: typeof w.SlicePurchaseWebInterface, windows: typeof w.MobilePlans };
    });
    expect(seen).toEqual({ cap: 34, legacy: "object", windows: "undefined" });
    await host.waitFor((m) => m.kind === "call", 10);
    expect(host.calls().map((c) => [c.method, c.args])).toEqual([
      ["getRequestedCapability", []],
      ["notifyPurchaseSuccessful", []],
      ["notifyPurchaseSuccessful", [3_600_000]],
      ["notifyPurchaseFailed", [0, "Unknown reason"]],
      ["notifyPurchaseFailed", [1, ""]],
      ["notifyPurchaseFailed", [2, ""]],
      ["notifyPurchaseFailed", [3, ""]],
      ["notifyPurchaseFailed", [4, ""]],
      ["notifyPurchaseFailed", [3, ""]],
      ["dismissFlow", []],
    ]);
    expect(host.calls()[8]?.warnings[0]).toMatchObject({
      code: "alias",
      given: "FAILURE_CODE_PAYMENT_FAILED",
      canonical: 3,
    });
    await context.close();
  });

  it("When the page forbids eval (CSP), then validation still works (standalone validators)", async () => {
    const { context, host, page } = await open("/csp");
    await host.waitFor((m) => m.kind === "call");
    const probe = await page.evaluate(() => {
      const w = globalThis as unknown as { evalBlocked: boolean; refusedUnderCsp?: string };
      return { evalBlocked: w.evalBlocked, refused: w.refusedUnderCsp };
    });
    expect(probe.evalBlocked).toBe(true);
    expect(probe.refused).toContain("iccid must match pattern");
    expect(host.calls().map((c) => c.method)).toEqual(["notifyPurchaseWithProfileDownload"]);
    await context.close();
  });
});
