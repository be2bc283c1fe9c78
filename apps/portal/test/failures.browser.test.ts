import { type Db, StoreUnavailableError } from "@carrierkit/operator-core";
import type { BridgeHost } from "@carrierkit/portal-bridge/testing";
import { describe, expect, it } from "vitest";
import { browserStack, SMDP, session, toPay } from "./harness.js";

// The failure statuses of a Mobile Plans purchase, each caused for real and followed to the host (the app): the
// portal hands control back with notifyCancelledPurchase, the failure as moDirectStatus and an empty planName.
const fx = browserStack();
const host = () => ({ allowedOrigins: [fx.portal], bridges: ["mobilePlans"], allowInsecureLoopback: true });
const none = { userAccount: "None", purchaseInstrument: "None", line: "None", planName: "" };
const NOTIFY = "MobilePlans.notifyCancelledPurchase(purchaseMetaData)";

/** The one notification the host got: a valid notifyCancelledPurchase without warnings. */
async function reported(app: BridgeHost) {
  const [call] = await app.waitFor((m) => m.kind === "call");
  expect(app.calls()).toHaveLength(1);
  expect(app.refusals()).toEqual([]);
  expect(call).toMatchObject({ signature: NOTIFY, warnings: [] });
  return call?.kind === "call" ? call.args[0] : undefined;
}

async function newSubscriber(id: string, msisdn: string, suspended: boolean): Promise<void> {
  await fx.stack.core.upsertSubscriber({
    id,
    msisdn,
    displayName: id,
    accountType: "PREPAID",
    language: "en-US",
    roaming: false,
    roamingQueriesDisabled: false,
    sharingConsent: false,
    consentAt: null,
    suspended,
    createdAt: Date.now(),
  });
}

describe("Mobile Plans failure statuses in Chromium", () => {
  it("When Mobile Plans launches the portal for a physical SIM outside our ICCID ranges, then the app gets InvalidSIM", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    // The web-portal page's own physical-SIM example: another operator's ICCID.
    await page.goto(
      `${fx.portal}/?iccid=8988247000100003319&imei=001102000311608&market=us&transactionId=waoigFfX00yGH3Vb.1&location=us`,
    );
    expect(await page.textContent("#error")).toMatch(/not one of ours/);
    expect(await reported(app!)).toEqual({ ...none, moDirectStatus: "InvalidSIM" });
    expect(await page.textContent("#result")).toBe("Mobile Plans was told that the purchase failed.");
    await context.close();
  });

  it("When the launch ICCID is ours, then the sign-in page opens and nothing is reported", async () => {
    const [ours] = await fx.stack.inventory.stock(1, SMDP, Date.now());
    const { context, page, host: app } = await session(fx.browser, host());
    await page.goto(`${fx.portal}/?iccid=${ours?.iccid}F&market=in&location=in&transactionId=abc.1`);
    expect(await page.isVisible("#signin")).toBe(true);
    expect(app!.calls()).toEqual([]);
    await context.close();
  });

  it.each([
    ["a transactionId over 64 characters", `transactionId=${"x".repeat(65)}&market=US&location=US`],
    ["a three-letter market", "transactionId=t.1&market=USA&location=US"],
    ["an EID that is not 32 digits", "transactionId=t.1&market=US&location=US&eid=8903302342213"],
    ["a repeated parameter", "transactionId=t.1&transactionId=t.2&market=US&location=US"],
  ])("When Mobile Plans launches the portal with %s, then the app gets ClientError", async (_l, query) => {
    const { context, page, host: app } = await session(fx.browser, host());
    await page.goto(`${fx.portal}/?${query}`);
    expect(await reported(app!)).toEqual({ ...none, moDirectStatus: "ClientError" });
    await context.close();
  });

  it("When a request to the portal is malformed (an unknown flow), then its error page reports ClientError with the account reached", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await toPay(page, fx.portal, { plan: "daily-1gb", flow: "balance" });
    const res = await page.goto(`${fx.portal}/pay?plan=daily-1gb&flow=bogus`);
    expect(res?.status()).toBe(400);
    expect(await reported(app!)).toEqual({ ...none, userAccount: "Existing", moDirectStatus: "ClientError" });
    await context.close();
  });

  it("When a suspended customer signs in, then the sign-in fails and the app gets LogOnFailed", async () => {
    await newSubscriber("sub-suspended", "919800000201", true);
    const { context, page, host: app } = await session(fx.browser, host());
    await page.goto(`${fx.portal}/`);
    await page.fill("#signin-msisdn", "919800000201");
    await page.click("#signin");
    await page.waitForSelector("#error");
    expect(await page.textContent("#error")).toMatch(/suspended/);
    expect(await reported(app!)).toEqual({ ...none, moDirectStatus: "LogOnFailed" });
    // The sign-in did not happen: the plans page wants one.
    await page.goto(`${fx.portal}/plans`);
    expect(page.url()).toMatch(/\/\?error=/);
    await context.close();
  });

  it("When operator-core refuses the purchase (the account was suspended meanwhile), then the app gets PurchaseFailed and nothing is charged", async () => {
    await newSubscriber("sub-refused", "919800000202", false);
    await fx.stack.core.topUp("sub-refused", "INR", 500_000_000_000n, Date.now());
    const { context, page, host: app } = await session(fx.browser, host());
    await toPay(page, fx.portal, { msisdn: "919800000202", plan: "daily-1gb", flow: "balance" });
    const subscriber = await fx.stack.core.subscriber("sub-refused");
    await fx.stack.core.upsertSubscriber({ ...subscriber!, suspended: true });
    await page.click("#pay");
    await page.waitForSelector("#error");
    expect(await reported(app!)).toEqual({
      ...none,
      userAccount: "Existing",
      purchaseInstrument: "Existing",
      moDirectStatus: "PurchaseFailed",
    });
    expect((await fx.stack.core.wallet("sub-refused"))?.balanceNanos).toBe(500_000_000_000n);
    await context.close();
  });

  it("When the wallet is too low, then the user may top up, and leaving from the payment page reports BillingError", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await toPay(page, fx.portal, {
      signUp: { name: "Ravi", msisdn: "919800000203" },
      plan: "daily-1gb",
      flow: "balance",
    });
    await page.click("#pay");
    await page.waitForSelector("#error");
    expect(await page.textContent("#error")).toMatch(/too low/);
    expect(await page.isVisible("#top-up")).toBe(true);
    expect(app!.calls()).toEqual([]);
    await page.click("#cancel");
    expect(await reported(app!)).toEqual({
      userAccount: "New",
      purchaseInstrument: "Bailed",
      line: "None",
      moDirectStatus: "BillingError",
      planName: "",
    });
    await context.close();
  });

  it("When the wallet was too low and the user tops up and pays, then the purchase completes as usual", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await toPay(page, fx.portal, {
      signUp: { name: "Isha", msisdn: "919800000204" },
      plan: "daily-1gb",
      flow: "balance",
    });
    await page.click("#pay");
    await page.waitForSelector("#error");
    await page.click("#top-up");
    await page.waitForURL(/\/pay\?/);
    await page.click("#pay");
    await page.waitForURL(/\/done$/);
    await page.click("#finish");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    expect(call).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData)",
      args: [{ moDirectStatus: "Complete", planName: "1 GB day pass" }],
    });
    await context.close();
  });

  it("When the store is unreachable during the payment, then the error page reports ServiceError and nothing is charged", async () => {
    let down = false;
    const db = fx.stack.db;
    const flaky: Db = {
      dialect: db.dialect,
      all: (sql, params) => db.all(sql, params),
      get: (sql, params) => db.get(sql, params),
      run: (sql, params) => db.run(sql, params),
      transaction: (fn) =>
        down ? Promise.reject(new StoreUnavailableError("the store went away (test)")) : db.transaction(fn),
      ping: () => db.ping(),
      close: async () => undefined,
    };
    const portal = await fx.stack.portal({}, { db: flaky });
    const before = (await fx.stack.core.wallet("sub-asha"))?.balanceNanos;
    const {
      context,
      page,
      host: app,
    } = await session(fx.browser, {
      allowedOrigins: [portal],
      bridges: ["mobilePlans"],
      allowInsecureLoopback: true,
    });
    await toPay(page, portal, { plan: "daily-1gb", flow: "esim-inline" });
    down = true;
    await page.click("#pay");
    await page.waitForSelector("#error");
    expect(await page.textContent("#error")).toBe("Our service is unavailable right now: try again later.");
    expect(await reported(app!)).toEqual({ ...none, userAccount: "Existing", moDirectStatus: "ServiceError" });
    expect((await fx.stack.core.wallet("sub-asha"))?.balanceNanos).toBe(before);
    await context.close();
  });

  it("When no eSIM profile is left in stock, then the app gets ServiceError and nothing is charged", async () => {
    const now = Date.now();
    let n = 0;
    while (
      await fx.stack.inventory.reserve(
        { reservation: `drain-stock-${++n}`, subscriberId: "sub-refused", releaseFlag: true },
        now,
      )
    );
    const before = (await fx.stack.core.wallet("sub-asha"))?.balanceNanos;
    const { context, page, host: app } = await session(fx.browser, host());
    await toPay(page, fx.portal, { plan: "daily-1gb", flow: "esim-inline" });
    await page.click("#pay");
    await page.waitForSelector("#error");
    expect(await page.textContent("#error")).toBe("No eSIM profile is available right now.");
    expect(await reported(app!)).toEqual({
      ...none,
      userAccount: "Existing",
      purchaseInstrument: "Existing",
      moDirectStatus: "ServiceError",
    });
    expect((await fx.stack.core.wallet("sub-asha"))?.balanceNanos).toBe(before);
    await page.screenshot({ path: "/tmp/carrierkit-portal-service-error.png" });
    await context.close();
  });
});
