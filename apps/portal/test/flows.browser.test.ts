import { isValidIccid } from "@carrierkit/operator-core";
import { describe, expect, it } from "vitest";
import { browserStack, buy, SMDP, session } from "./harness.js";

// Windows Mobile Plans flows, walked by clicking in Chromium with the bridge runtime injected; the test is the host.
const fx = browserStack();

// The test portal is http on 127.0.0.1: the host allows it with the loopback development setting (C-6).
const host = () => ({ allowedOrigins: [fx.portal], bridges: ["mobilePlans"], allowInsecureLoopback: true });
const asha = { userAccount: "Existing", purchaseInstrument: "Existing", moDirectStatus: "Complete" };

describe("Mobile Plans flows in Chromium", () => {
  it("When Asha buys a plan with a new eSIM installed now, then the app gets notifyProfileDownload with a real activation code, and activation marks the profile downloaded", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-inline" });
    await page.click("#finish");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    const iccid = await page.textContent("#iccid");
    const profile = await fx.stack.inventory.profile(String(iccid));
    // Ordered, confirmed and released on the SM-DP+ stand-in before the finish page showed its activation code.
    expect(profile).toMatchObject({ state: "RELEASED", subscriberId: "sub-asha", smdpAddress: SMDP });
    expect(isValidIccid(String(iccid))).toBe(true);
    expect(call).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode)",
      args: [{ ...asha, line: "New", planName: "1 GB day pass" }, profile?.activationCode],
      warnings: [],
    });
    expect(profile?.activationCode).toMatch(/^1\$smdp\.carrierkit\.dev\$[0-9A-Z-]+$/);
    expect(
      app!.messages.filter((m) => m.kind === "property").map((m) => m.kind === "property" && [m.property, m.value]),
    ).toEqual([
      ["MobilePlansInlineOperations.registrationChangedScript", "portalRegistrationChanged"],
      ["MobilePlansInlineOperations.profileActivationCompleteScript", "portalActivationComplete"],
    ]);
    await page.screenshot({ path: "/tmp/carrierkit-portal-esim-inline.png" });

    // The app reports back: registration, then activation (JSON strings into the functions the portal named).
    expect(await app!.fire(page, "registrationChanged", { networkRegistrationState: "Home", iccid })).toMatchObject({
      ok: true,
    });
    expect(await app!.fire(page, "profileActivationComplete", { activationResult: "Success", iccid })).toMatchObject({
      ok: true,
      functionName: "portalActivationComplete",
    });
    await page.waitForSelector("#profile-state:has-text('DOWNLOADED')");
    expect(await page.locator("#events li").allTextContents()).toEqual([
      `Network registration of ${iccid}: Home`,
      `Activation of ${iccid}: Success`,
    ]);
    expect((await fx.stack.inventory.profile(String(iccid)))?.state).toBe("DOWNLOADED");
    expect(await page.textContent("#result")).toBe("Your eSIM is installed. It is connected to our network.");
    await page.screenshot({ path: "/tmp/carrierkit-portal-esim-activated.png" });

    // Reopened later: the page shows the installed profile and offers nothing to download.
    await page.reload();
    expect(await page.textContent("#result")).toBe("Your eSIM is installed.");
    expect(await page.textContent("#profile-state")).toBe("Profile state: DOWNLOADED");
    expect(await page.isDisabled("#finish")).toBe(true);
    expect(await page.textContent("main")).not.toMatch(/downloading/i);
    await context.close();
  });

  it("When the inline download is still running, then the page says downloading, and once the app reports the install it never does again", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-inline" });
    await page.click("#finish");
    await app!.waitFor((m) => m.kind === "call");
    const iccid = String(await page.textContent("#iccid"));
    expect(await page.textContent("#result")).toBe("Your eSIM is downloading. Stay on this page.");
    await app!.fire(page, "profileActivationComplete", { activationResult: "Success", iccid });
    await page.waitForSelector("#result:has-text('installed')");
    expect(await page.textContent("#result")).toBe("Your eSIM is installed.");
    await app!.fire(page, "registrationChanged", { networkRegistrationState: "Searching", iccid });
    expect(await page.textContent("#result")).toBe("Your eSIM is installed. It is looking for the network.");
    await app!.fire(page, "registrationChanged", { networkRegistrationState: "Roaming", iccid });
    expect(await page.textContent("#result")).toBe(
      "Your eSIM is installed. It is connected through a roaming network.",
    );
    expect(await page.textContent("main")).not.toMatch(/downloading/i);
    await context.close();
  });

  it("When the app reports a failed activation, then the page says the eSIM was not installed and the profile stays released for download (the code works on a retry)", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-inline" });
    await page.click("#finish");
    await app!.waitFor((m) => m.kind === "call");
    const iccid = String(await page.textContent("#iccid"));
    await app!.fire(page, "profileActivationComplete", { activationResult: "ProfileNotReleasedByOperator", iccid });
    await page.waitForSelector("#profile-state:has-text('RELEASED')");
    expect(await page.textContent("#result")).toBe(
      "The eSIM could not be installed (ProfileNotReleasedByOperator). Try again or contact us.",
    );
    expect(await page.getAttribute("#result", "class")).toBe("error");
    expect((await fx.stack.inventory.profile(iccid))?.state).toBe("RELEASED");
    await context.close();
  });

  it("When a delayed download is accepted after the toast, then it registers the callbacks like an inline one and the page follows the install", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-delayed" });
    await page.click("#finish");
    await app!.waitFor((m) => m.kind === "call");
    expect(app!.messages.map((m) => (m.kind === "property" ? m.property : m.kind))).toEqual([
      "MobilePlansInlineOperations.registrationChangedScript",
      "MobilePlansInlineOperations.profileActivationCompleteScript",
      "call",
    ]);
    expect(await page.textContent("#result")).toBe(
      "Your eSIM will be ready in about 15 minutes: Windows will notify you.",
    );
    expect(await page.isVisible("#cancel-download")).toBe(true);
    const iccid = String(await page.textContent("#iccid"));
    expect(await app!.fire(page, "profileActivationComplete", { activationResult: "Success", iccid })).toMatchObject({
      ok: true,
      functionName: "portalActivationComplete",
    });
    await app!.fire(page, "registrationChanged", { networkRegistrationState: "Home", iccid });
    await page.waitForSelector("#profile-state:has-text('DOWNLOADED')");
    expect(await page.textContent("#result")).toBe("Your eSIM is installed. It is connected to our network.");
    expect(await page.isVisible("#cancel-download")).toBe(false);
    expect((await fx.stack.inventory.profile(iccid))?.state).toBe("DOWNLOADED");
    await context.close();
  });

  it("When the network needs time, then the asynchronous download registers the callbacks and the page follows the registration", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-async" });
    await page.click("#finish");
    await app!.waitFor((m) => m.kind === "call");
    expect(app!.messages.filter((m) => m.kind === "property")).toHaveLength(2);
    const iccid = String(await page.textContent("#iccid"));
    await app!.fire(page, "registrationChanged", { networkRegistrationState: "Searching", iccid });
    expect(await page.textContent("#result")).toMatch(
      /^Your eSIM is being installed; .* It is looking for the network\.$/,
    );
    await app!.fire(page, "profileActivationComplete", { activationResult: "Success", iccid });
    await app!.fire(page, "registrationChanged", { networkRegistrationState: "Home", iccid });
    expect(await page.textContent("#result")).toBe("Your eSIM is installed. It is connected to our network.");
    await context.close();
  });

  it("When a new customer signs up, adds funds and takes a delayed eSIM, then cancelling before the toast sends notifyOperationCancel with the same context and returns the profile", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, {
      signUp: { name: "Mira", msisdn: "919800000099" },
      plan: "starter-base",
      flow: "esim-delayed",
    });
    await page.click("#finish");
    const [download] = await app!.waitFor((m) => m.kind === "call");
    expect(download).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode, downloadDelay)",
      args: [
        { userAccount: "New", purchaseInstrument: "New", line: "New", moDirectStatus: "Complete", planName: "Starter" },
        expect.stringMatching(/^1\$smdp\.carrierkit\.dev\$/),
        15,
      ],
    });
    await page.click("#cancel-download");
    const calls = await app!.waitFor((m) => m.kind === "call", 2);
    expect(calls[1]).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyOperationCancel(operationContext)",
      args: [download?.kind === "call" ? download.returned : "?"],
    });
    await page.waitForSelector("#result:has-text('Download cancelled.')");
    // C-8: the cancelled reservation is RETURNED (its order cancelled on the SM-DP+), not "released".
    expect((await fx.stack.inventory.profile(String(await page.textContent("#iccid"))))?.state).toBe("RETURNED");
    await context.close();
  });

  it("When the network needs time (asynchronous connectivity), then the app gets notifyPurchaseWithProfileDownload with the interval", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "weekly-5gb", flow: "esim-async" });
    await page.click("#finish");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    expect(call).toMatchObject({
      signature:
        "MobilePlans.notifyPurchaseWithProfileDownload(purchaseMetaData, activationCode, networkRegistrationInterval)",
      args: [{ ...asha, line: "New", planName: "5 GB week" }, expect.stringMatching(/^1\$/), 15],
      api: "current",
    });
    await context.close();
  });

  it("When Asha adds data to the SIM in the PC, then the app gets notifyBalanceAddition(purchaseMetaData) and the portal an operation context", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "balance" });
    await page.click("#finish");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    expect(call).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData)",
      args: [{ ...asha, line: "Existing", planName: "1 GB day pass" }],
    });
    const returned = call?.kind === "call" ? (call.returned as { Id: string }) : undefined;
    await page.waitForSelector(`#operation:has-text('${returned?.Id}')`);
    await context.close();
  });

  it("When Mobile Plans launched the portal with the eSIM's ICCID, then adding data to it sends notifyBalanceAddition(purchaseMetaData, iccid)", async () => {
    const [installed] = await fx.stack.inventory.stock(1, SMDP, Date.now(), "91", "02");
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, {
      plan: "daily-1gb",
      flow: "balance-iccid",
      launch: `?market=IN&location=IN&transactionId=%2F7RBTuSJt02OZbX8.4&iccids=${installed?.iccid}F,8988247000103824828&imei=001102000315468`,
    });
    await page.click("#finish");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    expect(call).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData, iccid)",
      args: [{ ...asha, line: "Existing", planName: "1 GB day pass" }, installed?.iccid],
      warnings: [],
    });
    await context.close();
  });

  it.each([
    ["sign-in", "/", "Bailed", "None", "None"],
    ["plan choice", "/plans", "Existing", "None", "Bailed"],
  ])(
    "When the user cancels at the %s step, then the app gets notifyCancelledPurchase with Cancelled (reported as undocumented) and an empty plan name",
    async (_step, path, userAccount, purchaseInstrument, line) => {
      const { context, page, host: app } = await session(fx.browser, host());
      await page.goto(`${fx.portal}/`);
      if (path === "/plans") {
        await page.fill("#signin-msisdn", "919876543210");
        await page.click("#signin");
        await page.waitForURL(/\/plans$/);
      }
      await page.click("#cancel");
      const [call] = await app!.waitFor((m) => m.kind === "call");
      expect(call).toMatchObject({
        signature: "MobilePlans.notifyCancelledPurchase(purchaseMetaData)",
        args: [{ userAccount, purchaseInstrument, line, moDirectStatus: "Cancelled", planName: "" }],
      });
      expect(call?.warnings.map((w) => [w.code, w.path])).toEqual([
        ["undocumented-value", "purchaseMetaData.moDirectStatus"],
      ]);
      expect(app!.console.some((l) => l.includes("undocumented"))).toBe(true);
      await context.close();
    },
  );

  it("When Asha cancels a subscription in the portal, then the app gets notifyBalanceAddition with the cancelled plan once, and a resubmit tells it nothing", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, fx.portal, { plan: "weekly-5gb", flow: "balance" });
    const [week] = (await fx.stack.core.activeSubscriptions("sub-asha", Date.now())).filter(
      (s) => s.planId === "weekly-5gb",
    );
    await page.goto(`${fx.portal}/plans`);
    await page.click("#my-subscriptions");
    await page.waitForURL(/\/subscriptions$/);
    await page.click(`#cancel-subscription-${week!.id}`);
    await page.waitForSelector("#cancellation:has-text('is cancelled')");
    const [call] = await app!.waitFor((m) => m.kind === "call");
    expect(call).toMatchObject({
      signature: "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData)",
      args: [
        {
          userAccount: "Existing",
          purchaseInstrument: "None",
          line: "Existing",
          moDirectStatus: "Complete",
          planName: "5 GB week (cancelled)",
        },
      ],
      warnings: [],
    });
    expect(await page.textContent("#result")).toBe("Mobile Plans was told.");
    await page.screenshot({ path: "/tmp/carrierkit-portal-subscription-cancelled.png" });
    // The back button and the same form again: the same result, no second notification.
    await page.goBack();
    await page.click(`#cancel-subscription-${week!.id}`);
    await page.waitForSelector("#cancellation:has-text('was already cancelled')");
    await page.waitForLoadState("load");
    expect(app!.calls()).toHaveLength(1);
    await context.close();
  });

  it("When an author runs the documentation samples verbatim, then every alias is canonicalised and reported as a warning", async () => {
    const { context, page, host: app } = await session(fx.browser, host());
    await page.goto(`${fx.portal}/samples`);
    for (const sample of ["inline-current", "inline-legacy", "balance-legacy", "datamart"]) {
      const label = await page.textContent(`#sample-${sample}`);
      await page.click(`#sample-${sample}`);
      await page.waitForSelector(`#result:has-text('${label}: sent')`);
    }
    expect(await page.textContent("main")).not.toMatch(/seed\d{3}/);
    const calls = await app!.waitFor((m) => m.kind === "call", 4);
    const summary = calls.map(
      (c) => c.kind === "call" && [c.calledAs, c.api, c.warnings.map((w) => `${w.code} ${w.path}`)],
    );
    expect(summary).toEqual([
      [
        "MobilePlansInlineOperations.notifyProfileDownload",
        "current",
        ["alias purchaseMetaData.modirectStatus", "alias purchaseMetaData.lineType"],
      ],
      [
        "MobilePlansInlineProfileDownload.notifyInlineProfileDownload",
        "legacy",
        [
          "alias MobilePlansInlineProfileDownload.notifyInlineProfileDownload",
          "alias purchaseMetaData.modirectStatus",
          "alias purchaseMetaData.lineType",
        ],
      ],
      ["MobilePlans.notifyBalanceAddition", "legacy", ["check-digit iccid"]],
      ["DataMart.notifyPurchaseResult", "legacy", ["check-digit notificationPayload.iccid"]],
    ]);
    const aliasProps = app!.messages.filter((m) => m.kind === "property" && m.warnings.length > 0);
    expect(aliasProps.map((m) => m.kind === "property" && m.calledAs)).toEqual([
      "MobilePlansInlineProfileDownload.registrationChangedScript",
      "MobilePlansInlineProfileDownload.profileActivationCompleteScript",
    ]);
    expect(calls[1]?.kind === "call" && calls[1].args[0]).toEqual({
      userAccount: "New",
      purchaseInstrument: "New",
      line: "New",
      moDirectStatus: "Complete",
      planName: "My Plan",
    });
    await context.close();
  });

  it("When the page is opened from an origin outside the service configuration, then the finishing call is refused and reported", async () => {
    const foreign = fx.portal.replace("127.0.0.1", "localhost");
    const { context, page, host: app } = await session(fx.browser, host());
    await buy(page, foreign, { plan: "daily-1gb", flow: "balance" });
    await page.click("#finish");
    const [refusal] = await app!.waitFor((m) => m.kind === "refused");
    expect(refusal).toMatchObject({
      reason: "origin",
      calledAs: "MobilePlansInlineOperations.notifyBalanceAddition",
      origin: foreign,
    });
    expect(app!.calls()).toEqual([]);
    await context.close();
  });

  it("When the portal is browsed without the app, then the pages say so and still show the activation code", async () => {
    const { context, page } = await session(fx.browser, undefined);
    await buy(page, fx.portal, { plan: "daily-1gb", flow: "esim-inline" });
    expect(await page.textContent("#bridge-status")).toBe(
      "Mobile Plans is not present: plain browsing, nothing is sent to the app.",
    );
    expect(await page.isDisabled("#finish")).toBe(true);
    expect(await page.textContent("#activation-code")).toMatch(/^1\$smdp\.carrierkit\.dev\$/);
    await page.screenshot({ path: "/tmp/carrierkit-portal-plain.png" });
    await context.close();
  });
});
