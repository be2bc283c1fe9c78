import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  EsimInventory,
  IntentConflictError,
  OperatorCore,
  PortalStore,
  PurchaseGrantCodec,
  refundPurchase,
  seedDemo,
} from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe.each(dialects)("PortalStore and refunds on %s", (dialect) => {
  let store: TestStore;
  let core: OperatorCore;
  let portal: PortalStore;

  beforeEach(async () => {
    store = await freshStore(dialect);
    core = new OperatorCore(store.db);
    portal = new PortalStore(store.db);
    await seedDemo(core, NOW);
  });
  afterEach(async () => store.cleanup());

  const buy = async (subscriberId: string, planId: string, transactionId: string) =>
    (await core.purchase({ subscriberId, planId, transactionId, language: "en-US" }, NOW)).kind;
  const sum = async (sub: string) => (await core.ledger(sub)).reduce((s, e) => s + e.amountNanos, 0n);

  it("When the same grant and the same intent are redeemed by 6 requests at once, 20 times, then each is charged once and every other request replays it (no unique-violation error)", async () => {
    // The transaction id is derived from the grant/intent, so racing twins conflict on two unique indexes.
    for (let round = 0; round < 20; round++) {
      const grantId = `grant-race-${String(round).padStart(3, "0")}`.padEnd(64, "0");
      const uses = await Promise.all(
        Array.from({ length: 6 }, () =>
          portal.redeemGrant(
            { grantId, subscriberId: "sub-asha", offerId: "boost-1h", transactionId: `boost-${grantId.slice(0, 32)}` },
            NOW,
            async () => undefined,
          ),
        ),
      );
      expect(uses.filter((u) => !u.replay)).toHaveLength(1);
      const intentId = `intent-race-${round}`;
      const orders = await Promise.all(
        Array.from({ length: 6 }, () =>
          portal.once(
            {
              intentId,
              subscriberId: "sub-asha",
              planId: "daily-1gb",
              flow: "balance",
              transactionId: `portal-${intentId}`,
            },
            NOW,
            async () => ({}),
          ),
        ),
      );
      expect(orders.filter((o) => !o.replay)).toHaveLength(1);
    }
  });

  it("When a prepaid purchase is refunded twice, then the wallet is credited once, the subscription ends and one refund is recorded", async () => {
    const before = (await core.wallet("sub-asha"))!.balanceNanos;
    expect(await buy("sub-asha", "weekly-5gb", "t-refund")).toBe("succeeded");
    const first = await store.db.transaction((tx) => refundPurchase(tx, "t-refund", "PROVISIONING_FAILED", NOW + 1));
    const second = await store.db.transaction((tx) => refundPurchase(tx, "t-refund", "PROVISIONING_FAILED", NOW + 2));
    expect([first, second]).toEqual([true, false]);
    expect((await core.wallet("sub-asha"))!.balanceNanos).toBe(before);
    expect(await sum("sub-asha")).toBe(before);
    expect((await core.activeSubscriptions("sub-asha", NOW + 1)).some((s) => s.transactionId === "t-refund")).toBe(
      false,
    );
    expect(await core.transaction("t-refund")).toMatchObject({ status: "SUCCEEDED" });
    expect(await store.db.get("SELECT reason FROM refunds WHERE transaction_id = $1", ["t-refund"])).toEqual({
      reason: "PROVISIONING_FAILED",
    });
  });

  it("When a postpaid bill charge is refunded, then the ledger gets the negative bill charge", async () => {
    expect(await buy("sub-ben", "postpaid-addon-10gb", "t-bill")).toBe("succeeded");
    const charged = (await core.transaction("t-bill"))!.chargedNanos!;
    await store.db.transaction((tx) => refundPurchase(tx, "t-bill", "PROVISIONING_FAILED", NOW + 1));
    const entries = (await core.ledger("sub-ben")).slice(-2);
    expect(entries.map((e) => [e.kind, e.amountNanos])).toEqual([
      ["BILL_CHARGE", charged],
      ["BILL_CHARGE", -charged],
    ]);
  });

  it("When an intent's work throws, then nothing is recorded; when it succeeds, a replay gets the order and another account a conflict", async () => {
    const intent = {
      intentId: "intent-0123456789abcdef",
      subscriberId: "sub-asha",
      planId: "daily-1gb",
      flow: "esim-inline",
      transactionId: "portal-x",
    };
    await new EsimInventory(store.db).stock(2, "smdp.example", NOW);
    await expect(
      portal.once(intent, NOW, async (tx) => {
        await new EsimInventory(tx).reserve(
          { reservation: intent.intentId, subscriberId: "sub-asha", releaseFlag: true },
          NOW,
        );
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await portal.order(intent.intentId)).toBeUndefined();
    expect(await new EsimInventory(store.db).available()).toBe(2);
    const first = await portal.once(intent, NOW, async () => ({ iccid: "8900", activationCode: "1$a$b" }));
    const again = await portal.once(intent, NOW, async () => {
      throw new Error("must not run");
    });
    expect(first.replay).toBe(false);
    expect(again).toEqual({ order: first.order, replay: true });
    await expect(portal.once({ ...intent, subscriberId: "sub-ravi" }, NOW, async () => ({}))).rejects.toThrow(
      IntentConflictError,
    );
  });

  it("When a session is opened and revoked, then it is active only for its subscriber and until revoked", async () => {
    const id = await portal.openSession("sub-asha", NOW);
    expect([await portal.sessionActive(id, "sub-asha"), await portal.sessionActive(id, "sub-ravi")]).toEqual([
      true,
      false,
    ]);
    await portal.revokeSession(id, NOW + 1);
    expect(await portal.sessionActive(id, "sub-asha")).toBe(false);
    expect(await portal.sessionActive("unknown", "sub-asha")).toBe(false);
  });
});

describe("PurchaseGrantCodec", () => {
  const codec = new PurchaseGrantCodec("grant-secret-0123456789");

  it("When two grants are issued for the same subscriber in the same second, then they have different ids", () => {
    const g = { sub: "sub-asha", cap: 34, exp: 2_000_000_000 };
    const a = codec.decode(codec.encode(g), 1_000_000_000);
    const b = codec.decode(codec.encode(g), 1_000_000_000);
    expect(a?.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a?.id).not.toBe(b?.id);
  });

  it("When a grant is expired or signed with another secret, then it does not decode", () => {
    const token = codec.encode({ sub: "sub-asha", cap: 34, exp: 100 });
    expect(codec.decode(token, 100)).toBeUndefined();
    expect(new PurchaseGrantCodec("another-secret-0123456789").decode(token, 99)).toBeUndefined();
    expect(codec.decode(token, 99)).toMatchObject({ sub: "sub-asha", cap: 34, exp: 100 });
  });
});
