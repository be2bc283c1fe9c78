import { parseAmount } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dpa, LENA, q, startDpa } from "./harness.js";

describe.each(dialects)("reference DPA: exclusive plans under concurrency on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  it("When 50 purchases of two plans of one exclusive group race for one subscriber, then exactly one is charged", async () => {
    await h.core.topUp("sub-lena", "INR", parseAmount("100000"), h.clock.now());
    const before = (await h.core.wallet("sub-lena"))!.balanceNanos;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.client.POST("/{userKey}/purchasePlan", {
          params: { path: { userKey: LENA }, query: q() },
          body: { planId: i % 2 === 0 ? "starter-base" : "unlimited-base", transactionId: `excl-${dialect}-${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.response.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of responses.filter((x) => x.response.status === 409))
      expect(r.error).toMatchObject({ cause: "INCOMPATIBLE_PLAN" });
    const charges = (await h.core.ledger("sub-lena")).filter((e) => e.transactionId?.startsWith(`excl-${dialect}`));
    expect(charges).toHaveLength(1);
    const bases = (await h.core.activeSubscriptions("sub-lena", h.clock.now())).filter(
      (s) => s.plan.exclusiveGroup === "base",
    );
    expect(bases).toHaveLength(1);
    expect(before - (await h.core.wallet("sub-lena"))!.balanceNanos).toBe(-charges[0]!.amountNanos);
  });
});
