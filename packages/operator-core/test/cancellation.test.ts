import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OperatorCore, parseAmount, proRataRefund, SubscriptionCancellations, seedDemo } from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");
const DAY = 24 * 3600_000;
const GB = 1_000_000_000n;

describe("proRataRefund", () => {
  const week = { activatedAt: 0, expiresAt: 7 * DAY, quotaBytes: 5n * GB, usedBytes: 0n };
  it.each([
    ["nothing used, at once", week, 0, 99_500_000_000n],
    ["one day gone, nothing used (time decides)", week, DAY, 85_285_714_285n],
    ["one day gone, 1 of 5 GB used (quota decides)", { ...week, usedBytes: GB }, DAY, 79_600_000_000n],
    ["the quota used up", { ...week, usedBytes: 5n * GB }, DAY, 0n],
    ["more than the quota used", { ...week, usedBytes: 6n * GB }, DAY, 0n],
    ["no quota (unlimited)", { ...week, quotaBytes: null }, 3.5 * DAY, 49_750_000_000n],
    ["at the expiry", week, 7 * DAY, 0n],
  ])("When the subscription is cancelled with %s, then the refund is pro rata", (_l, sub, now, refund) => {
    expect(proRataRefund(99_500_000_000n, sub, now)).toBe(refund);
  });
  it("When nothing was paid, then nothing is refunded", () => {
    expect(proRataRefund(0n, week, 0)).toBe(0n);
  });
});

describe.each(dialects)("subscription cancellation on %s", (dialect) => {
  let store: TestStore;
  let core: OperatorCore;
  let cancellations: SubscriptionCancellations;

  beforeEach(async () => {
    store = await freshStore(dialect);
    core = new OperatorCore(store.db);
    cancellations = new SubscriptionCancellations(store.db);
    await seedDemo(core, NOW);
  });
  afterEach(async () => store.cleanup());

  const buy = async (subscriberId: string, planId: string, transactionId: string, at = NOW) => {
    const outcome = await core.purchase({ subscriberId, planId, transactionId, language: "en-US" }, at);
    expect(outcome.kind).toBe("succeeded");
    const subs = await core.activeSubscriptions(subscriberId, at);
    const sub = subs.find((s) => s.transactionId === transactionId);
    if (!sub) throw new Error("no subscription");
    return sub;
  };
  const balance = async (sub: string) => (await core.wallet(sub))?.balanceNanos;
  const cancel = (subscriberId: string, subscriptionId: number, at: number) =>
    cancellations.cancel({ subscriberId, subscriptionId, channel: "portal" }, at);

  it("When Asha cancels a week of 5 GB after a day and 1 GB, then it ends now, 4/5 of the price returns to the wallet and the ledger shows the credit", async () => {
    const sub = await buy("sub-asha", "weekly-5gb", "tx-week");
    await core.recordUsage(sub.id, GB);
    const before = await balance("sub-asha");
    const outcome = await cancel("sub-asha", sub.id, NOW + DAY);
    expect(outcome).toMatchObject({
      kind: "cancelled",
      cancellation: {
        subscriptionId: sub.id,
        planId: "weekly-5gb",
        transactionId: "tx-week",
        refundNanos: 79_600_000_000n,
        currency: "INR",
        channel: "portal",
        previousExpiresAt: NOW + 7 * DAY,
        cancelledAt: NOW + DAY,
      },
    });
    expect(await balance("sub-asha")).toBe(before! + 79_600_000_000n);
    const ledger = await core.ledger("sub-asha");
    const credit = ledger.at(-1);
    expect(credit).toMatchObject({
      kind: "TOP_UP",
      amountNanos: 79_600_000_000n,
      transactionId: null,
      balanceAfterNanos: before! + 79_600_000_000n,
    });
    expect(outcome.kind === "cancelled" && outcome.cancellation.ledgerId).toBe(credit?.id);
    expect((await core.activeSubscriptions("sub-asha", NOW + DAY)).map((s) => s.id)).not.toContain(sub.id);
    expect(await cancellations.list("sub-asha")).toEqual([outcome.kind === "cancelled" && outcome.cancellation]);
  });

  it("When the cancellation is submitted again, then the same record comes back and nothing more is refunded", async () => {
    const sub = await buy("sub-asha", "weekly-5gb", "tx-again");
    const first = await cancel("sub-asha", sub.id, NOW + DAY);
    const after = await balance("sub-asha");
    const ledgerLength = (await core.ledger("sub-asha")).length;
    const second = await cancel("sub-asha", sub.id, NOW + 2 * DAY);
    expect(second).toEqual({
      kind: "already-cancelled",
      cancellation: first.kind === "cancelled" && first.cancellation,
    });
    expect(await balance("sub-asha")).toBe(after);
    expect(await core.ledger("sub-asha")).toHaveLength(ledgerLength);
  });

  it("When 6 requests cancel the same subscription at once, 5 times over, then each is cancelled and refunded once and every other request replays it", async () => {
    for (let round = 0; round < 5; round++) {
      const at = NOW + round * 1000;
      const sub = await buy("sub-asha", "daily-1gb", `tx-race-${round}`, at);
      const before = await balance("sub-asha");
      const ledgerBefore = (await core.ledger("sub-asha")).length;
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => cancel("sub-asha", sub.id, at + 500)));
      expect(outcomes.filter((o) => o.kind === "cancelled")).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === "already-cancelled")).toHaveLength(5);
      const records = new Set(
        outcomes.map((o) =>
          "cancellation" in o ? JSON.stringify(o.cancellation, (_k, v) => (typeof v === "bigint" ? String(v) : v)) : "",
        ),
      );
      expect(records.size).toBe(1);
      const refund = outcomes.find((o) => o.kind === "cancelled")?.cancellation.refundNanos ?? -1n;
      expect(refund).toBeGreaterThan(0n);
      expect(await balance("sub-asha")).toBe(before! + refund);
      expect(await core.ledger("sub-asha")).toHaveLength(ledgerBefore + 1);
    }
    expect(await cancellations.list("sub-asha")).toHaveLength(5);
  });

  it("When Ben cancels a postpaid add-on at once, then the whole price is credited on his bill as a negative bill charge", async () => {
    const sub = await buy("sub-ben", "postpaid-addon-10gb", "tx-ben");
    const outcome = await cancel("sub-ben", sub.id, NOW);
    expect(outcome).toMatchObject({ kind: "cancelled", cancellation: { refundNanos: parseAmount("149") } });
    const ledger = await core.ledger("sub-ben");
    expect(ledger.map((e) => [e.kind, e.amountNanos, e.transactionId])).toEqual([
      ["BILL_CHARGE", parseAmount("149"), "tx-ben"],
      ["BILL_CHARGE", -parseAmount("149"), null],
    ]);
    expect(outcome.kind === "cancelled" && outcome.cancellation.ledgerId).toBe(ledger[1]?.id);
  });

  it("When a granted subscription (no purchase) is cancelled, then it ends and nothing is refunded", async () => {
    const [starter] = await core.activeSubscriptions("sub-asha", NOW);
    const before = await balance("sub-asha");
    const outcome = await cancel("sub-asha", starter!.id, NOW);
    expect(outcome).toMatchObject({
      kind: "cancelled",
      cancellation: { refundNanos: 0n, ledgerId: null, transactionId: null, planId: "starter-base" },
    });
    expect(await balance("sub-asha")).toBe(before);
    expect(await core.activeSubscriptions("sub-asha", NOW)).toEqual([]);
  });

  it.each([
    ["another subscriber's subscription", "sub-ravi", "asha"],
    ["an unknown id", "sub-asha", 999_999],
    ["an id that is not a number", "sub-asha", Number.NaN],
    ["a negative id", "sub-asha", -1],
  ])("When %s is cancelled, then it is not found and nothing changes", async (_l, who, id) => {
    const [starter] = await core.activeSubscriptions("sub-asha", NOW);
    const subscriptionId = id === "asha" ? starter!.id : (id as number);
    expect(await cancel(who, subscriptionId, NOW)).toEqual({ kind: "not-found" });
    expect(await core.activeSubscriptions("sub-asha", NOW)).toHaveLength(1);
    expect(await cancellations.list(who)).toEqual([]);
  });

  it("When the subscription has already run out, then there is nothing to cancel", async () => {
    const [daily] = await core.activeSubscriptions("sub-lena", NOW);
    expect(await cancel("sub-lena", daily!.id, NOW + DAY)).toEqual({ kind: "ended" });
    expect(await cancellations.list("sub-lena")).toEqual([]);
  });
});
