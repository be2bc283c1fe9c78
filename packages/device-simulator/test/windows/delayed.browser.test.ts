import { describe, expect, it } from "vitest";
import { finish, signInAndPay } from "../../src/windows/reference-portal.js";
import { es2plus, inPortal, metadataJs, ourIccid, pc, SMDP_ADDRESS, screenshot, windowsFixture } from "./fixture.js";

const f = windowsFixture();
const MIN = 60_000;

describe("Windows device: delayed download (notifyProfileDownload with downloadDelay)", () => {
  it("When the portal asks for a delayed download, then the app shows the install-later notice, the toast after downloadDelay minutes, and installs when the user accepts", async () => {
    const { device, card, clock } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-delayed" });
    await finish(session.page);
    const notice = await device.waitForStep("install-later");
    expect(notice.detail).toMatchObject({ toastAt: clock.now() + 15 * MIN, form: "activation code" });
    await screenshot(session.page, "delayed-notice");
    clock.advance(15 * MIN - 1);
    expect(device.steps.some((s) => s.step === "toast-shown")).toBe(false);
    clock.advance(1);
    await device.waitForStep("toast-accepted");
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    expect(session.closed).toBe(false);
    await screenshot(session.page, "delayed");
    await device.close();
  });

  it("When the portal cancels before the toast, then the download never happens", async () => {
    const { device, card, clock } = pc(f);
    const session = await device.launch();
    await signInAndPay(session.page, { flow: "esim-delayed" });
    await finish(session.page);
    await device.waitForStep("install-later");
    clock.advance(14 * MIN);
    await session.page.click("#cancel-download");
    await device.waitForStep("download-cancelled");
    clock.advance(60 * MIN);
    await device.idle();
    expect(device.steps.some((s) => s.step === "toast-shown")).toBe(false);
    expect(card.profiles()).toHaveLength(0);
    await expect.poll(() => session.page.locator("#result").textContent()).toBe("Download cancelled.");
    await screenshot(session.page, "delayed-cancelled");
    await device.close();
  });

  it("When the portal cancels after the toast was shown, then the app's cancel has no effect and is reported, and the download the user then accepts meets the operator's own cancellation on the SM-DP+", async () => {
    let accept: (yes: boolean) => void = () => undefined;
    const { device, card, clock } = pc(f, {
      user: { toast: () => new Promise<boolean>((resolve) => (accept = resolve)) },
    });
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-delayed" });
    await finish(session.page);
    await device.waitForStep("install-later");
    clock.advance(15 * MIN);
    await device.waitForStep("toast-shown");
    await session.page.click("#cancel-download");
    const refused = await device.waitForStep("cancel-refused");
    expect(refused.detail?.why).toBe("the download-ready toast was already shown");
    // The reference portal cancels the order on the SM-DP+ (CancelOrder) and refunds whatever the app did with its
    // cancel: a portal cannot know whether the toast was shown. The app then downloads what the operator withdrew.
    await expect.poll(() => f.smdp.smdp.profile(data.iccid!)?.state, { timeout: 10_000 }).not.toBe("Released");
    accept(true);
    const result = await device.waitForStep("download-result");
    await device.idle();
    expect(result.detail).toMatchObject({
      result: "invalidMatchingId",
      failure: { subjectCode: "8.2.6", reasonCode: "3.8" },
    });
    expect(f.smdp.smdp.profile(data.iccid!)?.state).toBe("Unavailable");
    expect(card.profiles()).toHaveLength(0);
    await device.close();
  });

  it("When a context the app never issued is cancelled, then nothing happens and it is reported; the real pending download still arrives", async () => {
    const { device, card, clock } = pc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(
      session.page,
      `window.op = MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, ${JSON.stringify(data.activationCode)}, 30)`,
    );
    await device.waitForStep("install-later");
    await inPortal(session.page, `MobilePlansInlineOperations.notifyOperationCancel({ Id: "forged-by-the-portal" })`);
    const refused = await device.waitForStep("cancel-refused");
    expect(refused.detail?.why).toBe("this app issued no such operation context");
    // A context of another kind (a balance addition) is issued but is no pending download.
    await inPortal(
      session.page,
      `MobilePlansInlineOperations.notifyOperationCancel(MobilePlansInlineOperations.notifyBalanceAddition(${metadataJs()}))`,
    );
    await device.waitForStep(
      (s) => s.step === "cancel-refused" && s.detail?.why === "the operation is not a pending download",
    );
    clock.advance(30 * MIN);
    await device.waitForStep("download-result");
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    await device.close();
  });

  it("When the user dismisses the toast, then nothing installs until they accept it from the notification centre", async () => {
    const { device, card, clock } = pc(f, { user: { toast: () => false } });
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-delayed" });
    await finish(session.page);
    const notice = await device.waitForStep("install-later");
    clock.advance(15 * MIN);
    await device.waitForStep("toast-dismissed");
    expect(card.profiles()).toHaveLength(0);
    expect(await device.operations.acceptLater(String(notice.detail?.operationId))).toBe(true);
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    expect(await device.operations.acceptLater(String(notice.detail?.operationId))).toBe(false);
    await device.close();
  });
});

describe("Windows device: delayed download by SM-DP+ address (C-1)", () => {
  it("When the delayed call names only the SM-DP+ address, then the notice says so and the LPA is asked to download by EID from that address after the toast", async () => {
    const { device, card, clock } = pc(f);
    // The operator's order for this EID, without a matching ID (SGP.22 download by EID, default SM-DP+ address).
    const iccid = ourIccid(920001n);
    f.smdp.smdp.addProfile({ iccid, profileName: "CarrierKit Mobile", serviceProviderName: "CarrierKit Mobile" });
    await es2plus(f).downloadOrder({ iccid, eid: card.eid });
    expect((await es2plus(f).confirmOrder({ iccid, eid: card.eid, releaseFlag: true })).matchingId).toBeUndefined();
    const session = await device.launch();
    await signInAndPay(session.page, { flow: "esim-inline" });
    await inPortal(
      session.page,
      `MobilePlansInlineOperations.notifyProfileDownload(${metadataJs()}, "smdp.carrierkit.dev", 15)`,
    );
    const notice = await device.waitForStep("install-later");
    expect(notice.detail?.form).toBe("SM-DP+ address");
    clock.advance(15 * MIN);
    const result = await device.waitForStep("download-result");
    expect(result.detail).toMatchObject({ result: "success", iccid });
    expect(device.steps.find((s) => s.step === "download-started")?.detail?.activationCodeOrSmdp).toBe(SMDP_ADDRESS);
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    expect(card.enabledProfile()?.iccid).toBe(iccid);
    await device.close();
  });
});
