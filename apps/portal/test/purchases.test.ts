import { dialects } from "@carrierkit/operator-core/testing";
import express from "express";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activationQr } from "../src/routes/shop.js";
import { Stack } from "./harness.js";
import { Client, pageData } from "./http.js";

// One charge per purchase intent and per purchase grant, on SQLite and on the local PostgreSQL; a failed boost
// provisioning undoes the charge and the boost together. Real HTTP (port 0), the real entitlement server in-process.
describe.each(dialects)("Purchases on %s", (dialect) => {
  let stack: Stack;
  let portal: string;

  beforeAll(async () => {
    stack = await Stack.start(dialect);
    portal = await stack.portal();
  });
  afterAll(async () => {
    await stack?.close();
  });

  const wallet = async (sub: string) => (await stack.core.wallet(sub))?.balanceNanos ?? 0n;
  const ledgerSum = async (sub: string) => (await stack.core.ledger(sub)).reduce((s, e) => s + e.amountNanos, 0n);
  const count = async (sql: string, params: string[]) => Number((await stack.db.get(sql, params))?.n ?? 0);

  it("When the same pay form is posted 10 times at once, then Asha is charged once, one eSIM is reserved, and every answer leads to the same order", async () => {
    const c = new Client(portal);
    await c.signIn("919876543210");
    const form = await c.payForm("daily-1gb", "esim-inline");
    const before = await wallet("sub-asha");
    const reservedBefore = await count("SELECT COUNT(*) AS n FROM esim_profiles WHERE subscriber_id = $1", [
      "sub-asha",
    ]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => c.request("/pay", { form })));
    expect(answers.map((a) => [a.status, a.location])).toEqual(Array.from({ length: 10 }, () => [303, "/done"]));
    const plan = await stack.core.plan("daily-1gb");
    expect(await wallet("sub-asha")).toBe(before - plan!.priceNanos);
    expect(
      await count("SELECT COUNT(*) AS n FROM transactions WHERE transaction_id = $1", [`portal-${form.intent}`]),
    ).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM ledger WHERE transaction_id = $1", [`portal-${form.intent}`])).toBe(
      1,
    );
    expect(
      await count("SELECT COUNT(*) AS n FROM subscriptions WHERE transaction_id = $1", [`portal-${form.intent}`]),
    ).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM esim_profiles WHERE subscriber_id = $1", ["sub-asha"])).toBe(
      reservedBefore + 1,
    );
    expect(await ledgerSum("sub-asha")).toBe(await wallet("sub-asha"));

    // A replay later (back button, resubmission) answers with the original order; still one charge.
    const again = await c.request("/pay", { form });
    expect([again.status, again.location]).toEqual([303, "/done"]);
    expect(await wallet("sub-asha")).toBe(before - plan!.priceNanos);
    const done = await c.request("/done");
    const order = await stack.db.get("SELECT iccid, activation_code FROM portal_orders WHERE intent_id = $1", [
      form.intent,
    ]);
    expect(done.text).toContain(`<code id="iccid">${order?.iccid}</code>`);

    // The activation code is also a QR code: the page's SVG is the library's rendering of exactly `LPA:` + that code
    // (SGP.22's QR payload), and differs from the rendering of any other payload.
    const code = String(order?.activation_code);
    expect(code).toMatch(/^1\$smdp\.carrierkit\.dev\$/);
    const render = (payload: string) => QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    const svg = await render(`LPA:${code}`);
    expect(done.text).toContain(
      `<p class="qr" id="activation-qr" role="img" aria-label="QR code of the activation code">${svg}</p>`,
    );
    expect(await activationQr(code)).toBe(svg);
    for (const other of [code, `LPA:${code}X`]) expect(await render(other)).not.toBe(svg);
    expect(pageData(done.text)).toMatchObject({ page: "done", activationCode: code });
  });

  it("When a new pay form is rendered, then it is a new intent and charges again (two purchases on purpose)", async () => {
    const c = new Client(portal);
    await c.signIn("919876543210");
    const before = await wallet("sub-asha");
    const price = (await stack.core.plan("daily-1gb"))!.priceNanos;
    for (let i = 0; i < 2; i++) {
      const res = await c.request("/pay", { form: await c.payForm("daily-1gb", "balance") });
      expect(res.location).toBe("/done");
    }
    expect(await wallet("sub-asha")).toBe(before - 2n * price);
  });

  it("When another account replays Asha's pay form intent, then it is refused and nothing is charged", async () => {
    const asha = new Client(portal);
    await asha.signIn("919876543210");
    const form = await asha.payForm("daily-1gb", "balance");
    expect((await asha.request("/pay", { form })).location).toBe("/done");
    const ravi = new Client(portal);
    await ravi.signIn("919800000001");
    const before = await wallet("sub-ravi");
    const res = await ravi.request("/pay", { form: { ...form, _csrf: await ravi.csrf("/plans") } });
    expect(res.status).toBe(409);
    expect(await wallet("sub-ravi")).toBe(before);
  });

  it("When the wallet is too low, then nothing is recorded and the same form works after a top-up", async () => {
    const c = new Client(portal);
    await c.signIn("919800000002");
    const form = await c.payForm("weekly-5gb", "balance");
    const low = await c.request("/pay", { form });
    expect(low.status).toBe(200);
    expect(low.text).toContain("Your wallet balance is too low");
    expect(
      await stack.db.get("SELECT intent_id FROM portal_orders WHERE intent_id = $1", [String(form.intent)]),
    ).toBeUndefined();
    await c.request("/wallet/top-up", { form: { _csrf: form._csrf, plan: "weekly-5gb", flow: "balance" } });
    expect((await c.request("/pay", { form })).location).toBe("/done");
  });

  const boostPage = async (c: Client, grant: string) =>
    pageData((await c.request(`/boost?encodedValue=${grant}`)).text);
  const buyBoost = (c: Client, data: Record<string, unknown>, offer: string) =>
    c.request("/boost/purchase", {
      json: { token: data.token, offer },
      headers: { "x-csrf-token": String(data.csrf) },
    });

  it("When one data-boost grant is used three times (twice at once), then Ravi is charged once and every answer is the first one's", async () => {
    const c = new Client(portal);
    const data = await boostPage(c, stack.grant("sub-ravi"));
    const before = await wallet("sub-ravi");
    const first = await Promise.all([buyBoost(c, data, "boost-session"), buyBoost(c, data, "boost-session")]);
    const third = await buyBoost(c, data, "boost-1h");
    const results = [...first, third].map((r) => r.json() as { ok: boolean; transactionId?: string });
    const ok = results.filter((r) => r.ok);
    expect(ok.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ok.map((r) => r.transactionId)).size).toBe(1);
    expect(results.filter((r) => !r.ok)).toEqual(
      results
        .filter((r) => !r.ok)
        .map(() => ({
          ok: false,
          code: "FAILURE_CODE_UNKNOWN",
          reason: "This boost purchase is already being processed.",
        })),
    );
    expect(await wallet("sub-ravi")).toBe(before - 29_000_000_000n);
    expect(await count("SELECT COUNT(*) AS n FROM purchase_grant_uses WHERE subscriber_id = $1", ["sub-ravi"])).toBe(1);
    // A second, freshly issued grant is a new purchase.
    await stack.core.topUp("sub-ravi", "INR", 29_000_000_000n, Date.now());
    const next = await buyBoost(c, await boostPage(c, stack.grant("sub-ravi")), "boost-session");
    expect(next.json()).toMatchObject({ ok: true });
    expect(await wallet("sub-ravi")).toBe(before - 29_000_000_000n);
  });

  it("When the entitlement admin activates the boost and then fails with 500, then the refund and the boost's deactivation both happen", async () => {
    await stack.core.topUp("sub-ravi", "INR", 100_000_000_000n, Date.now());
    const prior = await stack.ent.dataBoost("sub-ravi");
    const priorUrsp = await stack.ent.urspPolicy("sub-ravi");
    const flaky = express();
    flaky.post("/admin/subscribers/:id/data-boost/purchase", async (req, res) => {
      await stack.ent.setDataBoost(req.params.id, 1, 1, Date.now());
      await stack.ent.setUrspPolicy(req.params.id, { rules: ["PRIORITIZE_LATENCY"] }, Date.now());
      res.status(500).json({ error: "Internal error." });
    });
    const admin = await stack.serve(flaky);
    const url = await stack.portal({ url: `${admin}/admin` });
    const c = new Client(url);
    const before = await wallet("sub-ravi");
    const res = await buyBoost(c, await boostPage(c, stack.grant("sub-ravi")), "boost-1h");
    expect(res.json()).toEqual({
      ok: false,
      code: "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
      reason: "The boost service is unavailable; you were not charged.",
    });
    expect(await wallet("sub-ravi")).toBe(before);
    expect(await stack.ent.dataBoost("sub-ravi")).toMatchObject({
      entitlementStatus: prior?.entitlementStatus,
      provStatus: prior?.provStatus,
    });
    expect(await stack.ent.urspPolicy("sub-ravi")).toEqual(priorUrsp);
    expect(await ledgerSum("sub-ravi")).toBe(await wallet("sub-ravi"));
    const use = await stack.db.get(
      "SELECT transaction_id FROM purchase_grant_uses WHERE subscriber_id = $1 AND state = 'REFUNDED'",
      ["sub-ravi"],
    );
    const transactionId = String(use?.transaction_id);
    const active = await stack.core.activeSubscriptions("sub-ravi", Date.now() + 1);
    expect(active.filter((s) => s.transactionId === transactionId)).toEqual([]);
    expect(await count("SELECT COUNT(*) AS n FROM subscriptions WHERE transaction_id = $1", [transactionId])).toBe(1);
    expect(await stack.core.transaction(transactionId)).toMatchObject({ status: "SUCCEEDED" });
    expect(await count("SELECT COUNT(*) AS n FROM refunds WHERE transaction_id = $1", [transactionId])).toBe(1);
    const entries = (await stack.core.ledger("sub-ravi")).slice(-2);
    expect(entries.map((e) => [e.kind, e.amountNanos, e.transactionId])).toEqual([
      ["PURCHASE", -49_000_000_000n, transactionId],
      ["TOP_UP", 49_000_000_000n, null],
    ]);
  });
});
