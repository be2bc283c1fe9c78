import { makeIccid } from "@carrierkit/operator-core";
import { runtimeScript } from "@carrierkit/portal-bridge/testing";
import { describe, expect, it } from "vitest";
import { WindowsDevice } from "../../src/windows/device.js";
import { finish, signInAndCancel, signInAndPay } from "../../src/windows/reference-portal.js";
import {
  inPortal,
  installed,
  metadataJs,
  ourIccid,
  pc,
  registerCallbacksJs,
  screenshot,
  windowsFixture,
} from "./fixture.js";

const f = windowsFixture();
const MIN = 60_000;
const events = (page: import("playwright-core").Page) => page.locator("#events li").allTextContents();

describe("Windows Mobile Plans device against the reference portal", () => {
  it("When the portal asks for an inline download, then the LPA installs and enables it, the portal hears the activation and the registration, and the session stays open", async () => {
    const { device, card } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await finish(session.page);
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    expect(device.network.state(data.iccid!)).toBe("home");
    await expect.poll(() => events(session.page)).toContain(`Network registration of ${data.iccid}: Home`);
    expect(await events(session.page)).toContain(`Activation of ${data.iccid}: Success`);
    expect(session.closed).toBe(false);
    expect(device.steps.some((s) => s.step === "download-progress")).toBe(true);
    expect(device.purchases.at(-1)).toMatchObject({ moDirectStatus: "Complete", api: "current", line: "New" });
    await screenshot(session.page, "inline");
    await device.close();
  });

  it("When the portal asks for asynchronous connectivity, then control returns to the app, the profile is installed at once and registers only at the 15-minute slot", async () => {
    const { device, card, clock } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-async" });
    expect(data.networkRegistrationInterval).toBe(15);
    await screenshot(session.page, "async");
    await finish(session.page);
    await device.waitForStep("registration-scheduled");
    expect(session.closed).toBe(true);
    expect(card.profiles().map((p) => p.iccid)).toContain(data.iccid);
    const start = clock.now();
    clock.advance(15 * MIN - 1);
    expect(device.network.state(data.iccid!)).toBe("none");
    clock.advance(1);
    expect(device.network.state(data.iccid!)).toBe("home");
    const reg = device.steps.find((s) => s.step === "registration" && s.detail?.to === "home");
    expect(reg?.at).toBe(start + 15 * MIN);
    // The portal is gone: the app reports nothing into it.
    expect(device.steps.some((s) => s.step === "callback-undelivered")).toBe(true);
    await device.close();
  });

  it("When a portal asks for a 5-minute interval, then registration waits for the 15-minute slot; 0 registers at once", async () => {
    const { device, clock } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(
      session.page,
      `MobilePlans.notifyPurchaseWithProfileDownload(${metadataJs()}, ${JSON.stringify(data.activationCode)}, 5)`,
    );
    const scheduled = await device.waitForStep("registration-scheduled");
    expect(scheduled.detail?.at).toBe(clock.now() + 15 * MIN);
    clock.advance(5 * MIN);
    expect(device.network.state(data.iccid!)).toBe("none");
    clock.advance(10 * MIN);
    expect(device.network.state(data.iccid!)).toBe("home");

    const again = await device.launch();
    const second = await signInAndPay(again.page, { flow: "esim-inline" });
    await inPortal(
      again.page,
      `MobilePlans.notifyPurchaseWithProfileDownload(${metadataJs()}, ${JSON.stringify(second.activationCode)}, 0)`,
    );
    await device.waitForStep(
      (s) => s.step === "registration" && s.detail?.iccid === second.iccid && s.detail?.to === "home",
    );
    expect(device.steps.filter((s) => s.step === "registration-scheduled")).toHaveLength(1);
    await device.close();
  });

  it("When balance is added without an ICCID, then nothing changes on the card and the portal gets an operation context", async () => {
    const active = ourIccid(900001n);
    const { device, card } = pc(f, { installed: [installed(active, true)] });
    const session = await device.launch();
    expect(new URL(session.url).searchParams.get("iccids")).toBe(active);
    await signInAndPay(session.page, { flow: "balance" });
    await finish(session.page);
    await device.waitForStep("balance-added");
    expect(card.enabledProfile()?.iccid).toBe(active);
    await expect.poll(() => session.page.locator("#operation").textContent()).toMatch(/^Operation \S+/);
    expect(device.operations.issued.size).toBe(1);
    await screenshot(session.page, "balance");
    await device.close();
  });

  it("When balance is added to an inactive installed profile, then it becomes the active one and registers; an unknown or foreign ICCID is reported", async () => {
    const inactive = ourIccid(900002n);
    const active = ourIccid(900003n);
    const { device, card } = pc(f, { installed: [installed(inactive), installed(active, true)] });
    const session = await device.launch();
    expect(new URL(session.url).searchParams.get("iccids")).toBe(`${inactive},${active}`);
    const data = await signInAndPay(session.page, { flow: "balance-iccid" });
    expect(data.iccid).toBe(inactive);
    await inPortal(session.page, registerCallbacksJs);
    await finish(session.page);
    await device.waitForStep((s) => s.step === "profile-switch");
    expect(card.enabledProfile()?.iccid).toBe(inactive);
    expect(device.network.state(inactive)).toBe("home");
    await expect.poll(() => events(session.page)).toContain(`Activation of ${inactive}: Success`);
    await screenshot(session.page, "balance-iccid");

    const unknown = ourIccid(900099n);
    const foreign = makeIccid("44", "20", 1n);
    for (const iccid of [unknown, foreign])
      await inPortal(session.page, `MobilePlansInlineOperations.notifyBalanceAddition(${metadataJs()}, "${iccid}")`);
    await expect.poll(() => events(session.page)).toContain(`Activation of ${unknown}: ProfileNotPresent`);
    await expect.poll(() => events(session.page)).toContain(`Activation of ${foreign}: InvalidIccid`);
    expect(card.enabledProfile()?.iccid).toBe(inactive);
    await device.close();
  });

  it("When the user cancels in the portal, then the app records the cancelled metadata and the session ends", async () => {
    const { device } = pc(f);
    const session = await device.launch();
    await signInAndCancel(session.page);
    await device.waitForStep("return-control");
    await device.idle();
    expect(session.closed).toBe(true);
    expect(device.purchases.at(-1)).toMatchObject({
      call: "MobilePlans.notifyCancelledPurchase(purchaseMetaData)",
      moDirectStatus: "Cancelled",
      planName: "",
      line: "Bailed",
      transactionId: session.transactionId,
    });
    await device.close();
  });

  it("When the PC has only a physical SIM, then the launch carries iccid (no eid), balance addition works and an eSIM download cannot start", async () => {
    const sim = makeIccid("91", "01", 940001n);
    const { clock } = pc(f);
    const device = new WindowsDevice({
      config: {
        brand: "CarrierKit Mobile",
        portalUri: `${f.stack.portalUrl}/`,
        iccidRanges: [{ prefix: "899101" }],
        allowInsecureLoopback: true,
      },
      browser: f.browser,
      clock,
      physicalSim: { iccid: sim },
      runtimeScript,
    });
    const session = await device.launch();
    const q = new URL(session.url).searchParams;
    expect(q.get("iccid")).toBe(sim);
    expect(q.has("eid")).toBe(false);
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(session.page, registerCallbacksJs);
    await inPortal(session.page, `MobilePlansInlineOperations.notifyBalanceAddition(${metadataJs()}, "${sim}")`);
    await device.waitForStep((s) => s.step === "profile-switch" && s.detail?.result === "success");
    await inPortal(
      session.page,
      `MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, ${JSON.stringify(data.activationCode)})`,
    );
    const result = await device.waitForStep("download-result");
    expect(result.detail?.result).toBe("lpaInitializationError");
    await device.close();
  });
});
