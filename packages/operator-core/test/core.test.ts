import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OperatorCore, parseAmount, seedDemo } from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe.each(dialects)("OperatorCore on %s", (dialect) => {
  let store: TestStore;
  let core: OperatorCore;

  beforeEach(async () => {
    store = await freshStore(dialect);
    core = new OperatorCore(store.db);
    await seedDemo(core, NOW);
  });
  afterEach(async () => store.cleanup());

  it("When a prepaid user buys a plan, then the wallet is debited once with its ledger entry and subscription", async () => {
    const outcome = await core.purchase(
      { subscriberId: "sub-asha", planId: "weekly-5gb", transactionId: "t1", language: "en-US" },
      NOW,
    );
    expect(outcome.kind).toBe("succeeded");
    expect(outcome.transaction.balanceAfterNanos).toBe(parseAmount("400.5"));
    expect((await core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("400.5"));
    const ledger = await core.ledger("sub-asha");
    expect(ledger.filter((e) => e.transactionId === "t1").map((e) => e.amountNanos)).toEqual([-parseAmount("99.5")]);
    const active = await core.activeSubscriptions("sub-asha", NOW);
    expect(active.map((s) => s.planId)).toContain("weekly-5gb");
  });

  it("When the same transaction id comes again, then it is a duplicate of the first and nothing is charged", async () => {
    await core.purchase({ subscriberId: "sub-asha", planId: "daily-1gb", transactionId: "t2", language: "en-US" }, NOW);
    const again = await core.purchase(
      { subscriberId: "sub-asha", planId: "daily-1gb", transactionId: "t2", language: "en-US" },
      NOW + 1,
    );
    expect(again).toMatchObject({ kind: "duplicate", transaction: { status: "SUCCEEDED" } });
    expect((await core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("481"));
  });

  it.each([
    ["an unknown plan", "sub-asha", "gold-999", "UNKNOWN_PLAN"],
    ["a postpaid plan for a prepaid user", "sub-asha", "postpaid-addon-10gb", "INCOMPATIBLE_PLAN"],
    ["a second base plan", "sub-asha", "unlimited-base", "INCOMPATIBLE_PLAN"],
    ["a plan above the balance", "sub-lena", "weekly-5gb", "INSUFFICIENT_BALANCE"],
  ])(
    "When a user buys %s, then the purchase fails with its reason and is remembered",
    async (_, sub, plan, failure) => {
      const before = (await core.wallet(sub))?.balanceNanos;
      const outcome = await core.purchase(
        { subscriberId: sub, planId: plan, transactionId: `f-${plan}`, language: "en-US" },
        NOW,
      );
      expect(outcome).toMatchObject({ kind: "failed", failure });
      expect((await core.wallet(sub))?.balanceNanos).toBe(before);
      const again = await core.purchase(
        { subscriberId: sub, planId: plan, transactionId: `f-${plan}`, language: "en-US" },
        NOW,
      );
      expect(again).toMatchObject({ kind: "duplicate", transaction: { status: "FAILED", failure } });
    },
  );

  it("When many purchases race with repeated transaction ids, then each id is charged exactly once", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `race-${i}`);
    const attempts = ids.flatMap((id) => Array.from({ length: 5 }, () => id));
    const outcomes = await Promise.all(
      attempts.map((id) =>
        core.purchase({ subscriberId: "sub-asha", planId: "daily-1gb", transactionId: id, language: "en-US" }, NOW),
      ),
    );
    expect(outcomes.filter((o) => o.kind === "succeeded")).toHaveLength(8);
    expect(outcomes.filter((o) => o.kind === "duplicate")).toHaveLength(32);
    expect((await core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("500") - 8n * parseAmount("19"));
    const charges = (await core.ledger("sub-asha")).filter((e) => e.kind === "PURCHASE");
    expect(charges).toHaveLength(8);
  });

  it("When a queued plan is bought, then nothing is charged until the worker processes it, once", async () => {
    const outcome = await core.purchase(
      {
        subscriberId: "sub-asha",
        planId: "roaming-7d",
        transactionId: "q1",
        callbackUrl: "http://127.0.0.1:9/cb",
        language: "en-US",
      },
      NOW,
    );
    expect(outcome.kind).toBe("queued");
    expect((await core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("500"));
    const [processed, second] = await Promise.all([core.processQueued(NOW + 1000), core.processQueued(NOW + 1000)]);
    expect([...processed!, ...second!].map((o) => o.kind)).toEqual(["succeeded"]);
    expect((await core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("1"));
    const due = await core.dueCallbacks(NOW + 1000);
    expect(due.map((t) => [t.transactionId, t.callbackState])).toEqual([["q1", "pending"]]);
  });

  it("When consent decisions arrive out of order, then the latest by action time wins and all are kept", async () => {
    expect(await core.recordConsent("sub-ben", "OPT_IN", NOW - 1000, NOW)).toBe(true);
    expect(await core.recordConsent("sub-ben", "OPT_OUT", NOW - 5000, NOW)).toBe(false);
    expect((await core.subscriber("sub-ben"))?.sharingConsent).toBe(true);
    expect(await core.consentHistory("sub-ben")).toHaveLength(2);
  });

  it("When the store is opened again, then committed purchases are still there", async () => {
    await core.purchase(
      { subscriberId: "sub-asha", planId: "daily-1gb", transactionId: "keep", language: "en-US" },
      NOW,
    );
    const reopened = new OperatorCore(await store.reopen());
    expect((await reopened.transaction("keep"))?.status).toBe("SUCCEEDED");
    expect((await reopened.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("481"));
  });
});
