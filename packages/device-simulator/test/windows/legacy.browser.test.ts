import { describe, expect, it } from "vitest";
import { signInAndPay } from "../../src/windows/reference-portal.js";
import {
  inPortal,
  installed,
  metadataJs,
  ourIccid,
  pc,
  recordingProxy,
  screenshot,
  windowsFixture,
} from "./fixture.js";

const f = windowsFixture();
const events = (page: import("playwright-core").Page) => page.locator("#events li").allTextContents();

// The seeds' legacy sample, verbatim in style: aliases on the metadata and the MobilePlansInlineProfileDownload holder.
const legacyInline = (code: string) => `(() => {
  var purchaseMetaData = MobilePlans.createPurchaseMetaData();
  purchaseMetaData.userAccount = MobilePlansUserAccount.new;
  purchaseMetaData.purchaseInstrument = MobilePlansPurchaseInstrument.new;
  purchaseMetaData.lineType = MobilePlansLineType.new;
  purchaseMetaData.modirectStatus = MobilePlansMoDirectStatus.complete;
  purchaseMetaData.planName = "My Plan";
  MobilePlansInlineProfileDownload.registrationChangedScript = "portalRegistrationChanged";
  MobilePlansInlineProfileDownload.profileActivationCompleteScript = "portalActivationComplete";
  MobilePlansInlineProfileDownload.notifyInlineProfileDownload(purchaseMetaData, ${JSON.stringify(code)});
})()`;

const dataMart = (p: Record<string, unknown>) =>
  `DataMart.notifyPurchaseResult(JSON.stringify(${JSON.stringify({
    ver: "1",
    purchaseResult: JSON.stringify({
      userAccount: "New",
      purchaseInstrument: "New",
      line: "New",
      moDirectStatus: "Complete",
      planName: "MyPlan",
    }),
    success: true,
    ...p,
  })}))`;

describe("Windows device: the legacy API (seed 001)", () => {
  it("When a portal uses the legacy inline download with the documented aliases, then the profile installs, the callbacks fire and the report names the aliases", async () => {
    const { device, card } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(session.page, legacyInline(data.activationCode!));
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await expect.poll(() => events(session.page)).toContain(`Activation of ${data.iccid}: Success`);
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    const record = device.purchases.at(-1)!;
    expect(record).toMatchObject({
      api: "legacy",
      call: "MobilePlansInlineProfile.notifyInlineProfileDownload(purchaseMetaData, activationCode)",
      line: "New",
      moDirectStatus: "Complete",
    });
    expect(record.warnings.join("\n")).toMatch(/lineType/);
    expect(record.warnings.join("\n")).toMatch(/modirectStatus/);
    expect(record.warnings.join("\n")).toMatch(/MobilePlansInlineProfileDownload/);
    await screenshot(session.page, "legacy-inline");
    await device.close();
  });

  it("When the legacy balance addition names an inactive profile, then the app activates it and the session ends", async () => {
    const inactive = ourIccid(910001n);
    const { device, card } = pc(f, { installed: [installed(inactive), installed(ourIccid(910002n), true)] });
    const session = await device.launch();
    await signInAndPay(session.page, { flow: "balance" });
    await screenshot(session.page, "legacy-balance");
    await inPortal(session.page, `MobilePlans.notifyBalanceAddition(${metadataJs()}, "${inactive}")`);
    await device.waitForStep("return-control");
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(inactive);
    expect(device.network.state(inactive)).toBe("home");
    expect(session.closed).toBe(true);
    expect(device.purchases.at(-1)).toMatchObject({
      api: "legacy",
      call: "MobilePlans.notifyBalanceAddition(purchaseMetaData, iccid)",
    });
  });

  it("When DataMart.notifyPurchaseResult echoes the launch transactionId with an activation code, then the app downloads it and control returns to the app", async () => {
    const { device, card } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await screenshot(session.page, "legacy-datamart");
    await inPortal(
      session.page,
      dataMart({ transactionId: session.transactionId, activationCode: data.activationCode, iccid: data.iccid }),
    );
    await device.waitForStep("return-control");
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await device.idle();
    expect(session.closed).toBe(true);
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    expect(device.purchases.at(-1)).toMatchObject({
      api: "legacy",
      planName: "MyPlan",
      transactionId: session.transactionId,
    });
  });

  it.each([
    [
      "another launch's transactionId",
      { transactionId: "MSFT_ecf5a4d6-024c-46c3-8fcd-2c1f0deed572" },
      /not this launch's/,
    ],
    [
      "success false with a code",
      {
        success: false,
        purchaseResult: JSON.stringify({
          userAccount: "Bailed",
          purchaseInstrument: "None",
          line: "None",
          moDirectStatus: "None",
          planName: "",
        }),
      },
      /must carry ''/,
    ],
    [
      "success true with a failed status",
      {
        purchaseResult: JSON.stringify({
          userAccount: "New",
          purchaseInstrument: "New",
          line: "New",
          moDirectStatus: "BillingError",
          planName: "",
        }),
      },
      /success true with moDirectStatus BillingError/,
    ],
  ])(
    "When the DataMart payload has %s, then the app ignores it, reports why, and installs nothing",
    async (_name, change, why) => {
      const { device, card } = pc(f);
      const session = await device.launch();
      const data = await signInAndPay(session.page, { flow: "esim-inline" });
      await inPortal(
        session.page,
        dataMart({
          transactionId: session.transactionId,
          activationCode: data.activationCode,
          iccid: data.iccid,
          ...change,
        }),
      );
      const refused = await device.waitForStep("datamart-refused");
      expect(refused.text).toMatch(why);
      await device.idle();
      expect(card.profiles()).toHaveLength(0);
      expect(session.closed).toBe(true);
    },
  );

  it("When the samples page's DataMart sample names the placeholder SM-DP+, then the download fails against the real SM-DP+ and the next launch carries the X-MP-LPAError headers", async () => {
    const proxy = await recordingProxy(f.stack.portalUrl);
    try {
      const { device, clock } = pc(f, {
        config: {
          brand: "CarrierKit Mobile",
          portalUri: proxy.url,
          iccidRanges: [{ prefix: "899101" }],
          allowInsecureLoopback: true,
        },
      });
      const first = await device.launch();
      expect(proxy.requests[0]?.headers["x-mp-lpaerror-codes"]).toBeUndefined();
      expect(proxy.requests[0]?.headers["accept-language"]).toBe("en-us");
      await first.page.goto(`${proxy.url}samples`);
      await first.page.click("#sample-datamart");
      await device.waitForStep("datamart-result");
      const failed = await device.waitForStep("download-result");
      // The placeholder names another SM-DP+ than the one answering: the LPA's status, whatever it is, goes back.
      expect(failed.detail?.result).not.toBe("success");
      expect(failed.detail?.status).toEqual(expect.any(String));
      await device.idle();
      const failedAt = clock.now();
      const before = proxy.requests.length;
      const second = await device.launch();
      const launch = proxy.requests[before]!;
      expect(launch.url).toContain(`transactionId=${encodeURIComponent(second.transactionId)}`);
      expect(launch.headers["x-mp-lpaerror-codes"]).toBe(failed.detail?.status);
      expect(launch.headers["x-mp-lpaerror-timestamps"]).toBe(
        new Date(failedAt).toLocaleString("en-US", { timeZone: "UTC" }).replace(",", ""),
      );
      // Only the launch request carries them, and only once.
      expect(proxy.requests.slice(before + 1).every((r) => r.headers["x-mp-lpaerror-codes"] === undefined)).toBe(true);
      await device.launch();
      expect(proxy.requests.at(-1)?.headers["x-mp-lpaerror-codes"]).toBeUndefined();
      await device.close();
    } finally {
      await proxy.close();
    }
  });
});
