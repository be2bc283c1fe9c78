import { parseAmount } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, type Dpa, q, startDpa } from "./harness.js";

describe.each(dialects)("reference DPA: health and backlog under write load on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  it("When a write transaction holds the store, then /healthz, dpaStatus and planStatus still answer", async () => {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    // A purchase-like transaction that stays open until the reads below are answered.
    const held = h.db.transaction(async (tx) => {
      await tx.run("UPDATE wallets SET balance_nanos = balance_nanos WHERE subscriber_id = $1", ["sub-asha"]);
      entered();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await inside;
    try {
      const [healthz, status, plans] = await Promise.all([
        h.fetch("/healthz"),
        h.client.GET("/dpaStatus"),
        h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: ASHA }, query: q() } }),
      ]);
      expect(healthz.status).toBe(200);
      expect([status.response.status, status.data]).toEqual([200, { status: "OPERATIONAL" }]);
      expect(plans.response.status).toBe(200);
    } finally {
      release();
      await held;
    }
  });

  it("When a backlog of queued purchases waits, then one worker pass settles all of it while requests are served", async () => {
    const backlog = 130;
    await h.core.topUp("sub-asha", "INR", parseAmount("1000000"), h.clock.now());
    for (let i = 0; i < backlog; i++) {
      const o = await h.core.purchase(
        { subscriberId: "sub-asha", planId: "roaming-7d", transactionId: `backlog-${dialect}-${i}`, language: "en-US" },
        h.clock.now(),
      );
      expect(o.kind).toBe("queued");
    }
    const pass = h.dpa.worker.tick();
    const interactive = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: ASHA }, query: q() } })
          : h.client.GET("/dpaStatus"),
      ),
    );
    await pass;
    expect(interactive.map((r) => r.response.status)).toEqual(Array(20).fill(200));
    const left = await h.db.all("SELECT transaction_id FROM transactions WHERE status IN ('QUEUED', 'PROCESSING')");
    expect(left).toHaveLength(0);
    const charges = (await h.core.ledger("sub-asha")).filter((e) => e.transactionId?.startsWith(`backlog-${dialect}`));
    expect(charges).toHaveLength(backlog);
  });
});
