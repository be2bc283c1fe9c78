import { describe, expect, it } from "vitest";
import { signInAndPay } from "../../src/windows/reference-portal.js";
import { inPortal, metadataJs, pc, registerCallbacksJs, windowsFixture } from "./fixture.js";

const f = windowsFixture();

/** Runs portal code that the bridge may refuse (it throws a TypeError into the page then); returns the error text. */
const attempt = (page: import("playwright-core").Page, js: string) =>
  inPortal<string>(page, `(() => { try { ${js}; return "accepted"; } catch (e) { return String(e); } })()`);

describe("Windows device: calls it must refuse or survive", () => {
  it("When a page of a foreign origin calls the bridge, then the call is refused, nothing is recorded and the session stays open", async () => {
    const { device } = pc(f);
    const session = await device.launch();
    // Same server, other host name: another origin than the service configuration's notification host.
    const foreign = new URL(session.url);
    foreign.hostname = "localhost";
    await session.page.goto(foreign.href);
    const seen = device.steps.length;
    await attempt(session.page, `MobilePlans.notifyCancelledPurchase(${metadataJs("cancelled", "")})`);
    const refused = await device.waitForStep("bridge-refused", seen);
    expect(refused.detail).toMatchObject({ reason: "origin" });
    expect(device.purchases).toHaveLength(0);
    expect(session.closed).toBe(false);
    await device.close();
  });

  it("When the portal passes bad input, then each call is refused and reported with its activation error, and the app still works afterwards", async () => {
    const { device, card } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(session.page, registerCallbacksJs);
    const cases: [string, string | undefined][] = [
      [
        `MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, "not-an-activation-code")`,
        "invalidActivationCode",
      ],
      [`MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, "LPA:1$$")`, "invalidActivationCode"],
      [`MobilePlansInlineOperations.notifyBalanceAddition(${metadataJs()}, "12345")`, "invalidIccid"],
      [`DataMart.notifyPurchaseResult("{not json")`, "invalidJson"],
      [
        `MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, ${JSON.stringify(data.activationCode)}, "soon")`,
        undefined,
      ],
      [`MobilePlansInlineOperations.notifyOperationCancel("op-1")`, undefined],
      [`MobilePlans.notifyCancelledPurchase({ moDirectStatus: 42 })`, undefined],
      [`MobilePlansInlineOperations.registrationChangedScript = 17`, undefined],
    ];
    for (const [js, member] of cases) {
      const seen = device.steps.length;
      expect(await attempt(session.page, js)).toMatch(/^TypeError: \[portal-bridge\]/);
      const refused = await device.waitForStep("bridge-refused", seen);
      expect(refused.detail).toMatchObject({ reason: "invalid" });
      if (member) {
        const bad = await device.waitForStep("bad-input", seen);
        expect(bad.detail?.member).toBe(member);
      } else expect(device.steps.slice(seen).some((s) => s.step === "bad-input")).toBe(false);
    }
    await device.idle();
    // Each bad input reaches the portal's activation function with an empty iccid (no profile was involved).
    expect(device.steps.some((s) => s.step === "callback-refused")).toBe(false);
    await expect
      .poll(() => session.page.locator("#events li").allTextContents())
      .toEqual([
        "Activation failed: InvalidActivationCode",
        "Activation failed: InvalidActivationCode",
        "Activation failed: InvalidIccid",
        "Activation failed: InvalidJson",
      ]);
    expect(card.profiles()).toHaveLength(0);
    expect(device.purchases).toHaveLength(0);
    expect(session.closed).toBe(false);
    // Nothing broke: the real call still works.
    await session.page.click("#finish");
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    await device.close();
  });

  it("When the portal registered no callback function, then the app calls nothing and says so", async () => {
    const { device } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(
      session.page,
      `MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, ${JSON.stringify(data.activationCode)})`,
    );
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await device.idle();
    const skipped = device.steps.filter((s) => s.step === "callback-unregistered").map((s) => s.detail?.callback);
    expect(skipped).toEqual(expect.arrayContaining(["profileActivationComplete", "registrationChanged"]));
    expect(device.steps.some((s) => s.step === "callback")).toBe(false);
    await device.close();
  });

  it("When the network denies the new profile, then the portal hears searching and denied", async () => {
    const { device } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    device.network.script(data.iccid!, ["searching", "denied"]);
    await session.page.click("#finish");
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "denied");
    await expect
      .poll(() => session.page.locator("#events li").allTextContents())
      .toContain(`Network registration of ${data.iccid}: Denied`);
    device.network.set(data.iccid!, "roaming");
    await expect
      .poll(() => session.page.locator("#events li").allTextContents())
      .toContain(`Network registration of ${data.iccid}: Roaming`);
    await device.close();
  });
});
