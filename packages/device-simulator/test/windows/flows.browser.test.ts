import { describe, expect, it } from "vitest";
import { finish, signInAndPay } from "../../src/windows/reference-portal.js";
import { screenshot, scriptedPc, windowsFixture } from "./fixture.js";

const f = windowsFixture();

describe("Windows Mobile Plans device against the reference portal", () => {
  it("When the portal asks for an inline download, then the LPA installs and enables it, the portal hears the activation and the registration, and the session stays open", async () => {
    const { device, card } = scriptedPc(f);
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await finish(session.page);
    await device.waitForStep((s) => s.step === "registration" && s.detail?.to === "home");
    await device.idle();
    expect(card.enabledProfile()?.iccid).toBe(data.iccid);
    expect(device.network.state(data.iccid!)).toBe("home");
    const events = await session.page.locator("#events li").allTextContents();
    expect(events).toContain(`Activation of ${data.iccid}: Success`);
    expect(events).toContain(`Network registration of ${data.iccid}: Home`);
    expect(session.closed).toBe(false);
    expect(device.purchases.at(-1)).toMatchObject({ moDirectStatus: "Complete", api: "current" });
    await screenshot(session.page, "inline");
    await device.close();
  });
});
