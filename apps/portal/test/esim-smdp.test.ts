import { generateKeyPairSync, randomBytes } from "node:crypto";
import { Euicc, Lpa } from "@carrierkit/device-simulator";
import { signStructure } from "@carrierkit/device-simulator/smdp";
import {
  createEs2plusClient,
  createEs9plusClient,
  type HandleDownloadProgressInfoRequest,
  type HeaderOnlyResponse,
  sendDownloadProgressInfo,
} from "@carrierkit/es2plus";
import { makeIccid } from "@carrierkit/operator-core";
import { dialects, TestClock } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortalApp } from "../src/app.js";
import { ES2PLUS_TOKEN, NOTIFICATION_PATH, NOTIFICATION_TOKEN, SMDP, Stack } from "./harness.js";
import { Client, field, pageData } from "./http.js";

const EID = "89049032123451234512345678901235";
/** The eUICC's key: the stand-in registers the first key it sees for an EID and refuses any other. */
const euiccKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });

/** The device side of one download, over ES9+ against the stand-in: authenticate, get the package, report the install. */
async function downloadAndInstall(stack: Stack, matchingId: string, iccid: string, installed = true) {
  const es9 = createEs9plusClient({ baseUrl: stack.smdp.url });
  const { privateKey, publicKey } = euiccKeys;
  const spki = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const init = await es9.initiateAuthentication({
    euiccChallenge: randomBytes(16).toString("base64"),
    euiccInfo1: { svn: "2.5.0" },
    smdpAddress: SMDP,
  });
  const euiccSigned1 = {
    transactionId: init.transactionId!,
    serverAddress: init.serverSigned1!.serverAddress,
    serverChallenge: init.serverSigned1!.serverChallenge,
    ctxParams1: { matchingId, deviceInfo: { tac: "35290611", rats: ["LTE" as const] } },
  };
  const auth = await es9.authenticateClient({
    transactionId: init.transactionId!,
    euiccSigned1,
    euiccSignature1: signStructure(privateKey, euiccSigned1),
    euiccCertificate: { eid: EID, publicKey: spki },
  });
  expect(auth.header.functionExecutionStatus.status).toBe("Executed-Success");
  const euiccSigned2 = { transactionId: init.transactionId!, euiccOtpk: randomBytes(32).toString("base64") };
  const bpp = await es9.getBoundProfilePackage({
    transactionId: init.transactionId!,
    euiccSigned2,
    euiccSignature2: signStructure(privateKey, euiccSigned2),
  });
  expect(bpp.header.functionExecutionStatus.status).toBe("Executed-Success");
  await es9.handleNotification({
    pendingNotification: {
      notificationMetadata: { seqNumber: 1, profileManagementOperation: "install", notificationAddress: SMDP, iccid },
      transactionId: init.transactionId!,
      finalResult: installed ? { success: true } : { success: false },
    },
  });
  await stack.smdp.smdp.notificationsIdle();
}

// The eSIM inventory on the SM-DP+ stand-in, over real HTTP: ES2+ orders (DownloadOrder, ConfirmOrder, ReleaseProfile,
// CancelOrder), outages, concurrency and the download progress notifications, on SQLite and PostgreSQL.
describe.each(dialects)("eSIM orders through the SM-DP+ on %s", (dialect) => {
  let stack: Stack;
  let portal: PortalApp & { url: string };
  const clock = new TestClock(Date.now());

  beforeAll(async () => {
    stack = await Stack.start(dialect);
    portal = await stack.portalApp({}, { clock: clock.now, esimOrders: { retryBaseMs: 1000 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const wallet = async (sub: string) => (await stack.core.wallet(sub))?.balanceNanos ?? 0n;
  const smdpProfile = (iccid: string) => stack.smdp.smdp.profile(iccid);
  const signedIn = async (msisdn = "919876543210", launch = "") => {
    const c = new Client(portal.url);
    if (launch) await c.request(`/${launch}`);
    await c.signIn(msisdn);
    return c;
  };
  const buy = async (c: Client, flow: string, plan = "daily-1gb") => {
    const form = await c.payForm(plan, flow);
    const res = await c.request("/pay", { form });
    const order = await stack.store.db.get("SELECT iccid, activation_code FROM portal_orders WHERE intent_id = $1", [
      form.intent,
    ]);
    return {
      form,
      res,
      iccid: order ? String(order.iccid) : undefined,
      code: order ? String(order.activation_code) : undefined,
    };
  };

  it("When Asha buys an eSIM to install now, then the SM-DP+ orders, confirms and releases it and the activation code is its answer", async () => {
    const c = await signedIn("919876543210", `?eid=${EID}&transactionId=inline-1`);
    const { res, iccid, code } = await buy(c, "esim-inline");
    expect([res.status, res.location]).toEqual([303, "/done"]);
    const profile = (await stack.inventory.profile(iccid!))!;
    expect(profile).toMatchObject({ state: "RELEASED", subscriberId: "sub-asha", eid: EID, pending: null });
    expect(profile.transactionId).toMatch(/^portal-/);
    const remote = smdpProfile(iccid!)!;
    expect([remote.state, remote.eid, remote.matchingId]).toEqual(["Released", EID, profile.matchingId]);
    expect(code).toBe(`1$${SMDP}$${remote.matchingId}`);
    expect(pageData((await c.request("/done")).text)).toMatchObject({ activationCode: code, iccid });
  });

  it("When Asha buys an eSIM to install later, then it is confirmed unreleased and released by the worker when its time comes", async () => {
    const c = await signedIn();
    const { iccid, code } = await buy(c, "esim-delayed");
    const profile = (await stack.inventory.profile(iccid!))!;
    expect([profile.state, profile.pending, profile.releaseAt]).toEqual([
      "CONFIRMED",
      "RELEASE",
      clock.t + 14 * 60_000,
    ]);
    expect(smdpProfile(iccid!)?.state).toBe("Confirmed");
    expect(code).toBe(`1$${SMDP}$${profile.matchingId}`);
    await portal.orders.runDue();
    expect(smdpProfile(iccid!)?.state).toBe("Confirmed");
    clock.advance(14 * 60_000);
    await portal.orders.runDue();
    expect(smdpProfile(iccid!)?.state).toBe("Released");
    expect((await stack.inventory.profile(iccid!))?.state).toBe("RELEASED");
  });

  it("When Asha cancels a delayed download, then the profile is RETURNED, the order cancelled on the SM-DP+ and the purchase refunded once", async () => {
    const c = await signedIn();
    const before = await wallet("sub-asha");
    const { iccid } = await buy(c, "esim-delayed");
    expect(await wallet("sub-asha")).toBeLessThan(before);
    const csrf = field((await c.request("/done")).text, "_csrf");
    const cancel = () => c.request("/api/esim/cancel", { json: { iccid }, headers: { "x-csrf-token": csrf } });
    const [a, b] = await Promise.all([cancel(), cancel()]);
    expect([a.json(), b.json()]).toEqual([{ state: "RETURNED" }, { state: "RETURNED" }]);
    expect(await wallet("sub-asha")).toBe(before);
    await portal.orders.runDue();
    expect(smdpProfile(iccid!)?.state).toBe("Unavailable");
    expect((await stack.inventory.profile(iccid!))?.pending).toBeNull();
    // The old route name does the same, and a returned profile stays returned.
    const again = await c.request("/api/esim/release", { json: { iccid }, headers: { "x-csrf-token": csrf } });
    expect(again.json()).toEqual({ state: "RETURNED" });
    expect(await wallet("sub-asha")).toBe(before);
  });

  it("When the SM-DP+ is unreachable or failing during checkout, then nothing is charged and the page says so; the retry completes with one profile", async () => {
    const count = async (state: string) =>
      Number(
        (
          await stack.db.get(
            `SELECT COUNT(*) AS n FROM esim_profiles WHERE subscriber_id = 'sub-asha' AND state ${state}`,
          )
        )?.n,
      );
    const before = await wallet("sub-asha");
    const [liveBefore, returnedBefore] = [await count("<> 'RETURNED'"), await count("= 'RETURNED'")];
    // Unreachable: a portal instance whose SM-DP+ URL nobody listens on (same store).
    const cut = await stack.portalApp(
      {},
      {
        clock: clock.now,
        smdp: {
          url: "http://127.0.0.1:9",
          address: SMDP,
          notificationUrl: `http://127.0.0.1${NOTIFICATION_PATH}`,
          notificationToken: NOTIFICATION_TOKEN,
        },
      },
    );
    const offline = new Client(cut.url);
    await offline.signIn("919876543210");
    const form = await offline.payForm("daily-1gb", "esim-inline");
    const down = await offline.request("/pay", { form });
    expect(down.status).toBe(200);
    expect(down.text).toContain("Our eSIM service is not answering right now, so nothing was charged");
    // Failing: the stand-in answers HTTP 503 to the next call.
    const c = await signedIn();
    stack.smdp.smdp.faults.failNext(undefined, 503);
    const failing = await buy(c, "esim-inline");
    expect(failing.res.text).toContain("Our eSIM service is not answering right now, so nothing was charged");
    expect(failing.iccid).toBeUndefined();
    expect(await wallet("sub-asha")).toBe(before);
    expect(await stack.core.transaction(`portal-${form.intent}`)).toBeUndefined();
    expect(await stack.core.transaction(`portal-${failing.form.intent}`)).toBeUndefined();
    // Both reservations went back; their CancelOrders reach the SM-DP+ that answers (nothing had been ordered).
    expect(await count("= 'RETURNED'")).toBe(returnedBefore + 2);
    await cut.orders.stop();
    clock.advance(60_000);
    await portal.orders.runDue();
    expect(await count("= 'RETURNED' AND smdp_pending IS NOT NULL")).toBe(0);
    // The retry completes: one more live profile, released on the SM-DP+. A failed purchase ended the portal session
    // (control went back to the app with ServiceError), so the retry signs in again, as after a new launch.
    const retry = await buy(await signedIn(), "esim-inline");
    expect([retry.res.status, retry.res.location]).toEqual([303, "/done"]);
    expect(smdpProfile(retry.iccid!)?.state).toBe("Released");
    expect(await count("<> 'RETURNED'")).toBe(liveBefore + 1);
  });

  it("When the portal calls ES2+ without the SM-DP+'s token, then it is refused (401), nothing is charged and no profile is blamed", async () => {
    const wrong = await stack.portalApp(
      {},
      {
        clock: clock.now,
        smdp: {
          url: stack.smdp.url,
          address: SMDP,
          notificationUrl: `http://127.0.0.1${NOTIFICATION_PATH}`,
          notificationToken: NOTIFICATION_TOKEN,
        },
      },
    );
    const c = new Client(wrong.url);
    await c.signIn("919812345678");
    const form = await c.payForm("postpaid-addon-10gb", "esim-inline");
    const res = await c.request("/pay", { form });
    expect(res.text).toContain("Our eSIM service is not answering right now, so nothing was charged");
    expect(await stack.core.transaction(`portal-${form.intent}`)).toBeUndefined();
    await wrong.orders.stop();
    const errors = await stack.db.all<{ state: string; smdp_error: string }>(
      "SELECT state, smdp_error FROM esim_profiles WHERE subscriber_id = 'sub-ben' AND smdp_error LIKE '%HTTP 401%'",
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.state === "RETURNED")).toBe(true);
    expect(errors[0]?.smdp_error).toMatch(/HTTP 401 Failed 1\.1\/1\.1/);
  });

  it("When the SM-DP+ fails between DownloadOrder and ConfirmOrder, then the worker completes the order and ConfirmOrder keeps our matching ID", async () => {
    const p = (await stack.inventory.reserve(
      { reservation: "crash-intent-0001", subscriberId: "sub-ben", releaseFlag: true },
      clock.t,
    ))!;
    stack.smdp.smdp.faults.failNext("confirmOrder");
    expect(await portal.orders.step(p.iccid)).toBe("stepped");
    const half = (await stack.inventory.profile(p.iccid))!;
    expect([half.state, half.pending, half.attempts]).toEqual(["RESERVED", "ORDER", 1]);
    expect(half.smdpError).toMatch(/^confirmOrder: HTTP 500/);
    expect(smdpProfile(p.iccid)?.state).toBe("Allocated");
    // Not due yet: the back-off holds; then DownloadOrder is answered "already in use" (ours) and ConfirmOrder runs.
    expect(await portal.orders.step(p.iccid)).toBe("idle");
    clock.advance(2000);
    await portal.orders.runDue();
    const done = (await stack.inventory.profile(p.iccid))!;
    expect([done.state, done.pending, smdpProfile(p.iccid)?.matchingId]).toEqual(["RELEASED", null, p.matchingId]);
    // Unpaid, it is returned after the abandonment time and cancelled on the SM-DP+.
    clock.advance(16 * 60_000);
    await portal.orders.runDue();
    expect((await stack.inventory.profile(p.iccid))?.state).toBe("RETURNED");
    expect(smdpProfile(p.iccid)?.state).toBe("Unavailable");
  });

  it("When an instance crashed after its ES2+ calls but before recording them, then its lease runs out and the next run completes the order with the stored matching ID", async () => {
    const p = (await stack.inventory.reserve(
      { reservation: "crash-intent-0002", subscriberId: "sub-ben", releaseFlag: true },
      clock.t,
    ))!;
    // The dead instance's calls reached the SM-DP+ (its answers were lost with it) and it still holds the lease.
    const es2 = createEs2plusClient({
      baseUrl: stack.smdp.url,
      functionRequesterIdentifier: "crashed-instance",
      headers: { authorization: `Bearer ${ES2PLUS_TOKEN}` },
    });
    expect((await es2.downloadOrder({ iccid: p.iccid })).header.functionExecutionStatus.status).toBe(
      "Executed-Success",
    );
    const confirmed = await es2.confirmOrder({ iccid: p.iccid, matchingId: p.matchingId!, releaseFlag: true });
    expect(confirmed.matchingId).toBe(p.matchingId);
    await stack.db.run("UPDATE esim_profiles SET lease_owner = 'dead', lease_until = $2 WHERE iccid = $1", [
      p.iccid,
      clock.t + 30_000,
    ]);
    expect(await portal.orders.step(p.iccid)).toBe("busy");
    clock.advance(30_001);
    expect(await portal.orders.step(p.iccid)).toBe("stepped");
    const done = (await stack.inventory.profile(p.iccid))!;
    expect([done.state, done.matchingId, done.pending, smdpProfile(p.iccid)?.state]).toEqual([
      "RELEASED",
      p.matchingId,
      null,
      "Released",
    ]);
    expect(done.activationCode).toBe(`1$${SMDP}$${p.matchingId}`);
  });

  it("When a delayed reservation was never paid, then its release time passes without ReleaseProfile and it is returned later", async () => {
    const p = (await stack.inventory.reserve(
      { reservation: "unpaid-delayed-0001", subscriberId: "sub-ben", releaseFlag: false, releaseAt: clock.t + 60_000 },
      clock.t,
    ))!;
    expect((await portal.orders.prepare(p.iccid)).state).toBe("CONFIRMED");
    clock.advance(120_000);
    await portal.orders.runDue();
    expect([(await stack.inventory.profile(p.iccid))?.state, smdpProfile(p.iccid)?.state]).toEqual([
      "CONFIRMED",
      "Confirmed",
    ]);
    clock.advance(15 * 60_000);
    await portal.orders.runDue();
    expect([(await stack.inventory.profile(p.iccid))?.state, smdpProfile(p.iccid)?.state]).toEqual([
      "RETURNED",
      "Unavailable",
    ]);
  });

  it("When the SM-DP+ refuses to order a stocked profile, then it leaves the stock (ERROR) and the purchase gets the next one", async () => {
    // An ICCID the SM-DP+ never received (it sorts first, so it is the next one reserved).
    const [unknown] = [makeIccid("91", "00", 1n)];
    expect(await stack.inventory.importStock([unknown!], SMDP, clock.t)).toBe(1);
    const c = await signedIn();
    const { res, iccid } = await buy(c, "esim-inline");
    expect([res.status, res.location]).toEqual([303, "/done"]);
    expect(iccid).not.toBe(unknown);
    const refused = (await stack.inventory.profile(unknown!))!;
    expect([refused.state, refused.reservation, refused.pending]).toEqual(["ERROR", null, null]);
    expect(refused.smdpError).toBe("downloadOrder: Failed 8.2.1/3.9 Unknown ICCID.");
  });

  it("When eight checkouts run at once, then each gets its own profile and matching ID", async () => {
    await stack.core.topUp("sub-asha", "INR", 10_000_000_000_000n, clock.t);
    const c = await signedIn();
    const forms = await Promise.all(Array.from({ length: 8 }, () => c.payForm("daily-1gb", "esim-inline")));
    const answers = await Promise.all(forms.map((form) => c.request("/pay", { form })));
    expect(answers.map((a) => a.location)).toEqual(forms.map(() => "/done"));
    const orders = await Promise.all(
      forms.map((f) =>
        stack.db.get("SELECT iccid, activation_code FROM portal_orders WHERE intent_id = $1", [f.intent]),
      ),
    );
    const iccids = orders.map((o) => String(o?.iccid));
    expect(new Set(iccids).size).toBe(8);
    expect(new Set(orders.map((o) => String(o?.activation_code))).size).toBe(8);
    for (const iccid of iccids) expect(smdpProfile(iccid)?.state).toBe("Released");
  });

  it("When the device downloads and installs, then the SM-DP+'s notifications move the profile to DOWNLOADED and INSTALLED, once", async () => {
    const c = await signedIn();
    const { iccid } = await buy(c, "esim-inline");
    const p = (await stack.inventory.profile(iccid!))!;
    await downloadAndInstall(stack, p.matchingId!, iccid!);
    const after = (await stack.inventory.profile(iccid!))!;
    expect([after.state, after.lastEvent]).toEqual([
      "INSTALLED",
      // The SM-DP+ sends in the background: the download's and the installation's notifications may cross.
      expect.stringMatching(/^BPP (download|installation) Executed-Success/),
    ]);
    const sent = stack.smdp.smdp.deliveries.filter((d) => d.body.iccid === iccid);
    expect(sent.map((d) => [d.body.notificationPointId, d.delivered])).toEqual([
      [1, true],
      [3, true],
      [4, true],
    ]);
    // The same notifications again (a retry whose answer was lost), and a late "downloaded": nothing moves back.
    const post = (body: HandleDownloadProgressInfoRequest, token = NOTIFICATION_TOKEN) =>
      sendDownloadProgressInfo(`${portal.url}${NOTIFICATION_PATH}`, body, {
        fetch: (url, init) =>
          fetch(url, { ...init, headers: { ...(init?.headers as object), authorization: `Bearer ${token}` } }),
      });
    for (const d of sent) expect(await post(d.body)).toEqual({ status: 200 });
    expect((await stack.inventory.profile(iccid!))?.state).toBe("INSTALLED");
    // Without the shared secret, or with another one: 401, nothing recorded.
    const stranger = { ...sent[0]!.body, notificationPointId: 4 };
    expect(await post(stranger, "not-the-portal-secret-0000000000")).toEqual({ status: 401 });
    const bare = await fetch(`${portal.url}${NOTIFICATION_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(stranger),
    });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as HeaderOnlyResponse).header.functionExecutionStatus.status).toBe("Failed");
    // Malformed: the contract's 400; an ICCID that is not ours: Failed 8.2.1/3.9 in an HTTP 200.
    const bad = await fetch(`${portal.url}${NOTIFICATION_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${NOTIFICATION_TOKEN}` },
      body: JSON.stringify({ iccid: 42 }),
    });
    expect(bad.status).toBe(400);
    const foreign = await fetch(`${portal.url}${NOTIFICATION_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${NOTIFICATION_TOKEN}` },
      body: JSON.stringify({ ...sent[0]!.body, iccid: "8991990000000000004" }),
    });
    const answer = (await foreign.json()) as HeaderOnlyResponse;
    expect([foreign.status, answer.header.functionExecutionStatus.statusCodeData]).toEqual([
      200,
      { subjectCode: "8.2.1", reasonCode: "3.9", message: "No profile of this operator has this ICCID." },
    ]);
  });

  it.each([
    ["not JSON", 400, "{iccid: 8991"],
    ["a JSON array", 400, "[]"],
    ["a body of 100 KB", 413, JSON.stringify({ pad: "x".repeat(100_000) })],
  ])(
    "When the SM-DP+'s notification is %s, then the receiver answers %i with SGP.22's Failed header",
    async (_name, status, body) => {
      const res = await fetch(`${portal.url}${NOTIFICATION_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${NOTIFICATION_TOKEN}` },
        body,
      });
      expect(res.status).toBe(status);
      expect(((await res.json()) as HeaderOnlyResponse).header.functionExecutionStatus.status).toBe("Failed");
    },
  );

  it("When the installation fails, then the failure is recorded and the profile stays downloaded for a retry", async () => {
    const c = await signedIn();
    const { iccid } = await buy(c, "esim-inline");
    const p = (await stack.inventory.profile(iccid!))!;
    await downloadAndInstall(stack, p.matchingId!, iccid!, false);
    const after = (await stack.inventory.profile(iccid!))!;
    expect(after.state).toBe("DOWNLOADED");
    expect(after.downloadFailure).toMatch(/^BPP installation Failed 8\.2\.10\/4\.2/);
  });
});

// The whole way with the device simulator's eUICC and LPA: the portal's order, the download over ES9+, the SM-DP+'s
// notifications back to the portal. The activation codes' SM-DP+ address resolves to the stand-in (the LPA's fetch).
describe("eSIM purchase to installed profile with the simulated LPA", () => {
  let stack: Stack;
  let portal: PortalApp & { url: string };
  const clock = new TestClock(Date.now());
  const resolve: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input).replace(`https://${SMDP}`, stack.smdp.url);
    return fetch(input instanceof Request ? new Request(url, input) : url, init);
  };
  let eids = 0;
  const lpa = () =>
    new Lpa(new Euicc({ eid: `8904903212345123451234567800${String(++eids).padStart(4, "0")}` }), { fetch: resolve });

  beforeAll(async () => {
    stack = await Stack.start("sqlite");
    portal = await stack.portalApp({}, { clock: clock.now });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const buyCode = async (flow: string) => {
    const c = new Client(portal.url);
    await c.signIn("919876543210");
    const form = await c.payForm("daily-1gb", flow);
    expect((await c.request("/pay", { form })).location).toBe("/done");
    const data = pageData((await c.request("/done")).text) as { activationCode: string; iccid: string };
    return data;
  };

  it("When Asha's inline eSIM is downloaded by the LPA, then the profile is installed on the card and INSTALLED in the inventory; the code cannot bind a second card", async () => {
    const { activationCode, iccid } = await buyCode("esim-inline");
    const device = lpa();
    const outcome = await device.download({ activationCodeOrSmdp: activationCode, consent: () => true });
    expect([outcome.result, outcome.iccid]).toEqual(["success", iccid]);
    expect(device.euicc.enabledProfile()?.iccid).toBe(iccid);
    await stack.smdp.smdp.notificationsIdle();
    expect((await stack.inventory.profile(iccid))?.state).toBe("INSTALLED");
    const second = await lpa().download({ activationCodeOrSmdp: activationCode, consent: () => true });
    expect(second.result).toBe("profileNotAvailableForNewBinding");
    expect((await stack.inventory.profile(iccid))?.state).toBe("INSTALLED");
  });

  it("When the delayed eSIM is downloaded before its release, then the LPA is told it is not released; after the worker releases it the same code installs", async () => {
    const { activationCode, iccid } = await buyCode("esim-delayed");
    const early = await lpa().download({ activationCodeOrSmdp: activationCode, consent: () => true });
    expect(early.result).toBe("profileNotReleasedByOperator");
    clock.advance(14 * 60_000);
    await portal.orders.runDue();
    const device = lpa();
    const later = await device.download({ activationCodeOrSmdp: activationCode, consent: () => true });
    expect([later.result, later.iccid]).toEqual(["success", iccid]);
    await stack.smdp.smdp.notificationsIdle();
    expect((await stack.inventory.profile(iccid))?.state).toBe("INSTALLED");
  });
});
