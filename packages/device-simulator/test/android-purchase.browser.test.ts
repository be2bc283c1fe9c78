import { runtimeScript } from "@carrierkit/portal-bridge/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../src/chromium.js";
import {
  AndroidDevice,
  ChromiumPurchasePages,
  deviceProfile,
  MemoryDeviceState,
  type PurchasePageSession,
  SimulatedClock,
  type SimulatedUser,
  scriptedUser,
  Ts43EntitlementChecker,
} from "../src/index.js";
import { IMEI, OperatorStack, type Subscriber, TestPolicySource, usim } from "./stack.js";

// The whole purchase in one headless Chromium: the real entitlement server names the real portal's /boost page, the
// device opens it as Android's WebView would (GET with the user data, or POST by ContentsType) with
// DataBoostWebServiceFlow injected, the simulated user clicks, and the bridge call decides the result.
let browser: Browser;
let stack: OperatorStack;
beforeAll(async () => {
  stack = await OperatorStack.start({ portal: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const MIN = 60_000;
const click =
  (selector: string) =>
  async ({ page }: PurchasePageSession) => {
    await page.click(selector);
  };

function make(o: {
  sub: Subscriber;
  user: SimulatedUser;
  profile?: Parameters<typeof deviceProfile>[0] | ReturnType<typeof deviceProfile>;
  carrierConfig?: Record<string, unknown>;
  policySource?: TestPolicySource;
}) {
  const clock = new SimulatedClock();
  const sim = usim(o.sub);
  const device = new AndroidDevice({
    profile: o.profile ?? "android-14-qpr1",
    clock,
    state: new MemoryDeviceState(),
    usim: sim,
    pages: new ChromiumPurchasePages(browser, runtimeScript), // the runtime bundled from the current sources
    user: o.user,
    entitlement: new Ts43EntitlementChecker({ url: stack.ecsUrl, usim: sim, imei: IMEI }),
    carrierConfig: { supported_premium_capabilities_int_array: [34], ...o.carrierConfig },
    ...(o.policySource ? { policySource: o.policySource } : {}),
  });
  const step = (name: string) => device.steps.find((s) => s.step === name);
  const calls = () => device.steps.filter((s) => s.step === "bridge-call").map((s) => s.text);
  return { device, clock, step, calls };
}

function serverSends(
  contentsType: "json" | "xml" | "none",
  form: "aosp" | "seed" = "aosp",
  url = `${stack.portalUrl}/boost`,
) {
  stack.service.policy.serviceFlowContentsType = contentsType;
  stack.service.policy.serviceFlowContentsTypeForm = form;
  stack.service.policy.purchaseUrl = url;
}

describe("buying PRIORITIZE_LATENCY on the portal's /boost page", () => {
  it("When Asha buys the 1-hour boost from the GET page, then SUCCESS, PENDING_NETWORK_SETUP until the URSP rule arrives, then ALREADY_PURCHASED", async () => {
    serverSends("none");
    const policies = new TestPolicySource();
    const { device, step, calls } = make({
      sub: "asha",
      user: scriptedUser("tap", click("#offer-boost-1h")),
      policySource: policies,
    });
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "SUCCESS", code: 1 });
    expect(step("page-opened")?.detail).toMatchObject({ method: "GET" });
    expect(String(step("page-opened")?.detail?.url)).toMatch(
      new RegExp(`^${stack.portalUrl}/boost\\?encodedValue=[A-Za-z0-9+/]+=*$`),
    );
    expect(calls()).toEqual([
      "bridge: DataBoostWebServiceFlow.getRequestedCapability() []",
      "bridge: DataBoostWebServiceFlow.notifyPurchaseSuccessful(duration) [3600000]",
    ]);
    expect(await stack.ent.dataBoost("sub-asha")).toMatchObject({ entitlementStatus: 1, provStatus: 1 });
    expect(device.capabilityState(34)).toBe("pending-network-setup");
    expect((await device.purchasePremiumCapability(34)).name).toBe("PENDING_NETWORK_SETUP");

    // The network delivers the subscriber's new URSP (the entitlement server's PRIORITIZE_LATENCY rule on SST 2).
    const active = device.nextStep("capability-active");
    policies.deliver("001-01", (await stack.deliveredUrsp("sub-asha"))!);
    expect((await active).detail).toMatchObject({ capability: 34, precedence: 7 });
    expect(device.capabilityState(34)).toBe("active");
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "ALREADY_PURCHASED", code: 3 });
    expect(device.state.activations["34"]).toMatchObject({ plmn: "001-01", precedence: 7 });
  });

  it("When Ben buys the open-ended boost from the POST page (ContentsType json) and no URSP arrives in time, then the capability may be requested again", async () => {
    serverSends("json");
    const { device, clock, step, calls } = make({
      sub: "ben",
      user: scriptedUser("tap", click("#offer-boost-session")),
    });
    expect((await device.purchasePremiumCapability(34)).name).toBe("SUCCESS");
    expect(step("page-opened")?.detail).toMatchObject({ method: "POST", url: `${stack.portalUrl}/boost` });
    expect(calls()[1]).toBe("bridge: DataBoostWebServiceFlow.notifyPurchaseSuccessful() []");
    clock.advance(5 * MIN - 1);
    expect((await device.purchasePremiumCapability(34)).name).toBe("PENDING_NETWORK_SETUP");
    const timeout = device.nextStep("network-setup-timeout");
    clock.advance(1);
    await timeout;
    // Asked again, the request reaches the entitlement server, which now says the boost is provisioned.
    const again = await device.purchasePremiumCapability(34);
    expect(again.name).toBe("ALREADY_PURCHASED");
    expect(device.steps.filter((s) => s.step === "entitlement-request")).toHaveLength(2);
  });

  it.each([
    ["android-14-qpr1", "seed", "POST"],
    ["android-14-qpr1", "aosp", "POST"],
    ["strict AOSP (json/xml only)", "seed", "GET"],
  ] as const)(
    "When %s gets ContentsType xml in the %s form, then it opens the page with %s and the user's Not now is dismissFlow: REQUEST_FAILED",
    async (profileName, form, method) => {
      await stack.setBoost("sub-ravi", 1, 0);
      serverSends("xml", form);
      const profile = profileName.startsWith("strict")
        ? deviceProfile("android-14-qpr1", { contentsTypeForms: "aosp" })
        : profileName;
      const { device, step, calls } = make({
        sub: "ravi",
        profile,
        user: scriptedUser("tap", async ({ page }) => {
          await page.waitForSelector("#capability:has-text('PRIORITIZE_LATENCY')");
          await page.click("#dismiss");
        }),
      });
      expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "REQUEST_FAILED", code: 11 });
      expect(step("page-opened")?.detail).toMatchObject({ method });
      expect(calls().at(-1)).toBe("bridge: DataBoostWebServiceFlow.dismissFlow() []");
      expect(device.state.throttles["34"]).toBeUndefined();
    },
  );

  it.each([
    ["android-14-qpr1", "FAILURE_CODE_PAYMENT_FAILED (3)"],
    ["android-14", "FAILURE_CODE_AUTHENTICATION_FAILED (3)"],
  ] as const)(
    "When Lena's wallet is too low on %s, then the page's notifyPurchaseFailed(3) is CARRIER_ERROR named %s, with the purchase-condition back-off",
    async (profile, named) => {
      // GA opens the page only for ENABLED × PROVISIONED/NOT AVAILABLE; the server names the page for ENABLED × 0.
      await stack.setBoost("sub-lena", 1, profile === "android-14" ? 2 : 0);
      serverSends("none");
      const grant = profile === "android-14" ? await grantFor("sub-lena") : undefined;
      const { device, clock } = make({
        sub: "lena",
        profile,
        user: scriptedUser("tap", click("#offer-boost-1h")),
        ...(grant
          ? {
              carrierConfig: {
                premium_capability_purchase_url_string: `${stack.portalUrl}/boost?encodedValue=${grant}`,
              },
            }
          : {}),
      });
      const result = await device.purchasePremiumCapability(34);
      expect(result).toMatchObject({ name: "CARRIER_ERROR", code: 8 });
      expect(result.reason).toContain(
        `the page reported ${named} on ${profile}: Your balance is too low for this boost.`,
      );
      clock.advance(30 * MIN - 1);
      expect((await device.purchasePremiumCapability(34)).name).toBe("THROTTLED");
    },
  );

  it("When the Android 14 GA device opens the carrier-config URL without user data, then both bridge objects are there and the page's FAILURE_CODE_NO_USER_DATA (4) is GA's PAYMENT_FAILED", async () => {
    await stack.setBoost("sub-lena", 1, 1);
    const seen: Record<string, string> = {};
    const { device } = make({
      sub: "lena",
      profile: "android-14",
      carrierConfig: { premium_capability_purchase_url_string: `${stack.portalUrl}/boost` },
      user: scriptedUser("tap", async ({ page }) => {
        Object.assign(
          seen,
          await page.evaluate(() => ({
            current: typeof (globalThis as Record<string, unknown>).DataBoostWebServiceFlow,
            legacy: typeof (globalThis as Record<string, unknown>).SlicePurchaseWebInterface,
          })),
        );
        await page.click("#close");
      }),
    });
    const result = await device.purchasePremiumCapability(34);
    expect(seen).toEqual({ current: "object", legacy: "object" });
    expect(result.name).toBe("CARRIER_ERROR");
    expect(result.reason).toContain(
      "FAILURE_CODE_PAYMENT_FAILED (4) on android-14: The purchase page was opened without user data.",
    );
  });

  it("When the portal cannot reach the entitlement server, then the page's FAILURE_CODE_CARRIER_URL_UNAVAILABLE (1) is CARRIER_ERROR", async () => {
    await stack.setBoost("sub-ravi", 1, 0);
    serverSends("none", "aosp", `${await stack.portal({ url: "http://127.0.0.1:9/admin" })}/boost`);
    const { device } = make({ sub: "ravi", user: scriptedUser("tap", click("#offer-boost-session")) });
    const result = await device.purchasePremiumCapability(34);
    expect(result.reason).toContain("FAILURE_CODE_CARRIER_URL_UNAVAILABLE (1)");
    expect(device.state.throttles["34"]?.kind).toBe("purchase-condition");
  });

  it("When ServiceFlow_URL already has a query, then the user data is appended after a second '?' (AOSP) and the portal sees no user data", async () => {
    await stack.setBoost("sub-ravi", 1, 0);
    serverSends("none", "aosp", `${stack.portalUrl}/boost?lang=en`);
    const { device, step } = make({ sub: "ravi", user: scriptedUser("tap", click("#close")) });
    const result = await device.purchasePremiumCapability(34);
    expect(String(step("page-opened")?.detail?.url)).toMatch(/\/boost\?lang=en\?encodedValue=/);
    expect(result.reason).toContain("FAILURE_CODE_NO_USER_DATA (4)");
  });

  it("When the user closes the purchase page, then USER_CANCELED starts the notification back-off", async () => {
    await stack.setBoost("sub-ravi", 1, 0);
    serverSends("none");
    const { device } = make({ sub: "ravi", user: scriptedUser("tap", async ({ page }) => page.close()) });
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "USER_CANCELED", code: 6 });
    expect(device.state.throttles["34"]).toMatchObject({ kind: "notification", after: "USER_CANCELED" });
  });

  it("When the purchase timer fires while the page is still open, then TIMEOUT closes the page and nothing is bought", async () => {
    await stack.setBoost("sub-ravi", 1, 0);
    serverSends("none");
    let session: PurchasePageSession | undefined;
    const { device, clock, calls } = make({
      sub: "ravi",
      user: scriptedUser("tap", (s) => {
        session = s;
      }),
    });
    const opened = device.nextStep("page-opened");
    const result = device.purchasePremiumCapability(34);
    await opened;
    clock.advance(30 * MIN);
    expect(await result).toMatchObject({ name: "TIMEOUT", code: 9 });
    expect(session?.page.isClosed()).toBe(true);
    expect(calls()).toEqual(["bridge: DataBoostWebServiceFlow.getRequestedCapability() []"]);
    expect(await stack.ent.dataBoost("sub-ravi")).toMatchObject({ provStatus: 0 });
  });
});

/** A valid ServiceFlow_UserData grant for a subscriber, as the entitlement server issues it (its ENABLED × 0 answer). */
async function grantFor(subscriber: string): Promise<string> {
  const before = await stack.ent.dataBoost(subscriber);
  await stack.setBoost(subscriber, 1, 0);
  const sim = usim(subscriber.replace("sub-", "") as Subscriber);
  const checker = new Ts43EntitlementChecker({ url: stack.ecsUrl, usim: sim, imei: IMEI });
  const check = await checker.check(34);
  await stack.setBoost(subscriber, before!.entitlementStatus, before!.provStatus);
  if (check.kind !== "response") throw new Error("no entitlement response");
  return check.response.serviceFlowUserData!.replace("encodedValue=", "");
}
