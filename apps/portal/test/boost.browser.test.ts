import { describe, expect, it } from "vitest";
import { browserStack, session } from "./harness.js";

// Android's data-boost purchase page, walked by clicking in Chromium with DataBoostWebServiceFlow injected; the real
// entitlement server runs in-process on the same store and is called by the portal on success.
const fx = browserStack();

const android = (base: string) => ({ allowedOrigins: [base], bridges: ["dataBoost"] });
const wallet = async (sub: string) => (await fx.stack.core.wallet(sub))?.balanceNanos;

async function failureWalk(base: string, url: string, click: string) {
  const { context, page: p, host } = await session(fx.browser, android(base));
  await p.goto(url);
  await p.click(click);
  const calls = await host!.waitFor((m) => m.kind === "call" && m.method === "notifyPurchaseFailed");
  await context.close();
  return { call: calls[0], host: host! };
}

describe("data-boost purchase page in Chromium", () => {
  it("When Asha buys the 1-hour boost (GET with user data), then notifyPurchaseSuccessful(duration) reaches Android and the entitlement server provisions the slice", async () => {
    const before = await wallet("sub-asha");
    expect((await fx.stack.ent.dataBoost("sub-asha"))?.provStatus).toBe(0);
    const { context, page, host } = await session(fx.browser, android(fx.portal));
    await page.goto(`${fx.portal}/boost?encodedValue=${fx.stack.grant("sub-asha")}`);
    await page.waitForSelector("#capability:has-text('PRIORITIZE_LATENCY')");
    expect(await page.textContent("#capability")).toBe("Requested capability: PRIORITIZE_LATENCY");
    await page.screenshot({ path: "/tmp/carrierkit-portal-boost.png" });
    await page.click("#offer-boost-1h");
    await page.waitForSelector("#result:has-text('Boost active')");
    expect(host!.calls().map((c) => [c.signature, c.args])).toEqual([
      ["DataBoostWebServiceFlow.getRequestedCapability()", []],
      ["DataBoostWebServiceFlow.notifyPurchaseSuccessful(duration)", [3_600_000]],
    ]);
    expect(await fx.stack.ent.dataBoost("sub-asha")).toMatchObject({ entitlementStatus: 1, provStatus: 1 });
    expect(JSON.stringify(await fx.stack.ent.urspPolicy("sub-asha"))).toContain("PRIORITIZE_LATENCY");
    expect(await wallet("sub-asha")).toBe((before ?? 0n) - 49_000_000_000n);
    await context.close();
  });

  it("When Ben (postpaid) opens the page by POST (ContentsType json) and buys the open-ended boost, then notifyPurchaseSuccessful() has no duration", async () => {
    const { context, page, host } = await session(fx.browser, android(fx.portal));
    const decoded = Buffer.from(fx.stack.grant("sub-ben"), "base64").toString("utf8");
    await page.route(`${fx.portal}/boost`, (route) =>
      route.continue({
        method: "POST",
        postData: decoded,
        headers: { ...route.request().headers(), "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    await page.goto(`${fx.portal}/boost`);
    await page.click("#offer-boost-session");
    await page.waitForSelector("#result:has-text('Boost active')");
    expect(host!.calls("DataBoostWebServiceFlow.notifyPurchaseSuccessful").map((c) => c.signature)).toEqual([
      "DataBoostWebServiceFlow.notifyPurchaseSuccessful()",
    ]);
    expect(await fx.stack.ent.dataBoost("sub-ben")).toMatchObject({ provStatus: 1 });
    await context.close();
  });

  it("When the page is opened without user data, then Close reports FAILURE_CODE_NO_USER_DATA (4)", async () => {
    const { call } = await failureWalk(fx.portal, `${fx.portal}/boost`, "#close");
    expect(call).toMatchObject({ args: [4, "The purchase page was opened without user data."] });
  });

  it("When the user data is forged, then Close reports FAILURE_CODE_AUTHENTICATION_FAILED (2)", async () => {
    const forged = Buffer.from(
      Buffer.from(fx.stack.grant("sub-asha"), "base64").toString("utf8").replace("sub-asha", "sub-ben"),
    ).toString("base64");
    const { call } = await failureWalk(fx.portal, `${fx.portal}/boost?encodedValue=${forged}`, "#close");
    expect(call).toMatchObject({ args: [2, expect.stringContaining("could not confirm who you are")] });
  });

  it("When Lena's wallet (₹10) is too low, then buying reports FAILURE_CODE_PAYMENT_FAILED (3) and nothing is provisioned", async () => {
    const { call } = await failureWalk(
      fx.portal,
      `${fx.portal}/boost?encodedValue=${fx.stack.grant("sub-lena")}`,
      "#offer-boost-1h",
    );
    expect(call).toMatchObject({ args: [3, "Your balance is too low for this boost."] });
    expect(await wallet("sub-lena")).toBe(10_000_000_000n);
  });

  it("When the entitlement server cannot be reached, then buying reports FAILURE_CODE_CARRIER_URL_UNAVAILABLE (1) and refunds the wallet", async () => {
    const down = await fx.stack.portal({ url: "http://127.0.0.1:9/admin" });
    const before = await wallet("sub-ravi");
    const { call } = await failureWalk(
      down,
      `${down}/boost?encodedValue=${fx.stack.grant("sub-ravi")}`,
      "#offer-boost-session",
    );
    expect(call).toMatchObject({ args: [1, "The boost service is unavailable; you were not charged."] });
    expect(await wallet("sub-ravi")).toBe(before);
  });

  it("When the entitlement server refuses the portal (wrong admin token), then buying reports FAILURE_CODE_UNKNOWN (0) with a reason", async () => {
    const misconfigured = await fx.stack.portal({ token: "wrong" });
    const { call } = await failureWalk(
      misconfigured,
      `${misconfigured}/boost?encodedValue=${fx.stack.grant("sub-ravi")}`,
      "#offer-boost-session",
    );
    expect(call).toMatchObject({
      args: [0, "The entitlement server answered 401; you were not charged."],
      warnings: [],
    });
  });

  it("When the user taps Not now, then the page dismisses the flow", async () => {
    const { context, page, host } = await session(fx.browser, android(fx.portal));
    await page.goto(`${fx.portal}/boost?encodedValue=${fx.stack.grant("sub-asha")}`);
    await page.click("#dismiss");
    await host!.waitFor((m) => m.kind === "call" && m.method === "dismissFlow");
    await context.close();
  });

  it("When the page is browsed without Android's bridge, then it says so", async () => {
    const { context, page } = await session(fx.browser, undefined);
    await page.goto(`${fx.portal}/boost?encodedValue=${fx.stack.grant("sub-asha")}`);
    expect(await page.textContent("#bridge-status")).toBe(
      "No DataBoostWebServiceFlow: plain browsing, nothing is reported to Android.",
    );
    await context.close();
  });
});
