import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Stack } from "./harness.js";
import { Client, field, pageData } from "./http.js";

// Subscription cancellation through the portal, on SQLite and on the local PostgreSQL: CSRF-safe POST, one
// cancellation and one refund however often (and however concurrently) it is submitted. Real HTTP on port 0.
describe.each(dialects)("Subscription cancellation on %s", (dialect) => {
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

  /** Asha buys a week of 5 GB through the portal; the subscription's id. */
  async function bought(c: Client): Promise<number> {
    const form = await c.payForm("weekly-5gb", "balance");
    const paid = await c.request("/pay", { form });
    expect(paid.location).toBe("/done");
    const subs = await stack.core.activeSubscriptions("sub-asha", Date.now());
    const sub = subs.find((s) => s.transactionId === `portal-${form.intent}`);
    if (!sub) throw new Error("no subscription");
    return sub.id;
  }

  it("When Asha cancels a subscription she just bought, then it ends, the price comes back once, and the page and the report say so", async () => {
    const c = new Client(portal);
    await c.signIn("919876543210");
    const id = await bought(c);
    const before = await wallet("sub-asha");
    const list = await c.request("/subscriptions");
    expect(list.text).toContain(`id="cancel-subscription-${id}"`);
    const res = await c.request("/subscriptions/cancel", {
      form: { _csrf: field(list.text, "_csrf"), subscription: String(id) },
    });
    expect(res.status).toBe(200);
    const data = pageData(res.text);
    expect(data).toMatchObject({
      page: "subscription-cancelled",
      notify: true,
      metadata: {
        userAccount: "existing",
        purchaseInstrument: "none",
        line: "existing",
        moDirectStatus: "complete",
        planName: "5 GB week (cancelled)",
      },
    });
    const refund = (await wallet("sub-asha")) - before;
    // Bought a moment ago and unused: (almost) the whole price, never more.
    expect(refund).toBeGreaterThan(99_000_000_000n);
    expect(refund).toBeLessThanOrEqual(99_500_000_000n);
    expect(await ledgerSum("sub-asha")).toBe(await wallet("sub-asha"));
    expect((await stack.core.activeSubscriptions("sub-asha", Date.now())).map((s) => s.id)).not.toContain(id);
    const after = await c.request("/subscriptions");
    expect(after.text).not.toContain(`id="cancel-subscription-${id}"`);
    expect(after.text).toMatch(/<ul id="cancelled"><li>5 GB week, .* UTC: ₹\d+\.\d+<\/li>/);
  });

  it("When the cancel form is submitted 8 times at once, then one request cancels and refunds, the others show the same result without notifying", async () => {
    const c = new Client(portal);
    await c.signIn("919876543210");
    const id = await bought(c);
    const before = await wallet("sub-asha");
    const ledgerBefore = (await stack.core.ledger("sub-asha")).length;
    const form = { _csrf: await c.csrf("/subscriptions"), subscription: String(id) };
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.request("/subscriptions/cancel", { form })));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 8 }, () => 200));
    const notified = answers.filter((a) => pageData(a.text).notify === true);
    expect(notified).toHaveLength(1);
    expect(answers.filter((a) => a.text.includes("was already cancelled"))).toHaveLength(7);
    expect((await stack.core.ledger("sub-asha")).length).toBe(ledgerBefore + 1);
    expect(await wallet("sub-asha")).toBeGreaterThan(before);
    expect(await ledgerSum("sub-asha")).toBe(await wallet("sub-asha"));
    expect(
      (await stack.db.all("SELECT * FROM subscription_cancellations WHERE subscription_id = $1", [id])).length,
    ).toBe(1);
    // Later, once more (back button): still the one cancellation.
    const again = await c.request("/subscriptions/cancel", { form });
    expect(pageData(again.text).notify).toBe(false);
    expect((await stack.core.ledger("sub-asha")).length).toBe(ledgerBefore + 1);
  });

  it.each([
    ["no synchronizer token", (id: number) => ({ subscription: String(id) }), {}, 403],
    ["a forged token", (id: number) => ({ _csrf: "x".repeat(43), subscription: String(id) }), {}, 403],
    [
      "a foreign Origin",
      (id: number, t: string) => ({ _csrf: t, subscription: String(id) }),
      { origin: "https://evil.example" },
      403,
    ],
  ] as const)(
    "When the cancel form arrives with %s, then it is refused and nothing is cancelled",
    async (_l, body, headers, status) => {
      const c = new Client(portal);
      await c.signIn("919876543210");
      const id = await bought(c);
      const token = await c.csrf("/subscriptions");
      const res = await c.request("/subscriptions/cancel", { form: body(id, token), headers });
      expect(res.status).toBe(status);
      expect((await stack.core.activeSubscriptions("sub-asha", Date.now())).map((s) => s.id)).toContain(id);
    },
  );

  it.each([
    ["an id that is not a number", "1; DROP TABLE subscriptions", 400],
    ["an id too long", "1".repeat(20), 400],
    ["another subscriber's subscription", "ben", 404],
    ["an unknown subscription", "999999", 404],
  ])(
    "When the cancel form names %s, then the answer is a clear 4xx and nothing is cancelled",
    async (_l, value, status) => {
      const c = new Client(portal);
      await c.signIn("919876543210");
      const [ben] = await stack.core.activeSubscriptions("sub-ben", Date.now());
      const subscription = value === "ben" ? String(ben!.id) : value;
      const res = await c.request("/subscriptions/cancel", {
        form: { _csrf: await c.csrf("/subscriptions"), subscription },
      });
      expect(res.status).toBe(status);
      expect(res.text).toContain('id="error"');
      expect((await stack.core.activeSubscriptions("sub-ben", Date.now())).map((s) => s.id)).toContain(ben!.id);
    },
  );

  it("When nobody is signed in, then the subscriptions page asks for a sign-in", async () => {
    const c = new Client(portal);
    const res = await c.request("/subscriptions");
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/\?error=/);
  });
});
