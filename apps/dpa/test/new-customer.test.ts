import { parseAmount, type Subscriber } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dpa, q, startDpa } from "./harness.js";

/** Every offered prepaid plan of the demo catalogue, in display order. */
const PREPAID_OFFERS = ["daily-1gb", "weekly-5gb", "video-30d", "roaming-7d", "starter-base", "unlimited-base"];

describe.each(dialects)("a new prepaid customer before the first top-up, over HTTP on %s", (dialect) => {
  let h: Dpa;
  let n = 0;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  /** Signs up a prepaid subscriber with no wallet row; returns its MSISDN and id. */
  const signUp = async (): Promise<{ msisdn: string; id: string }> => {
    n += 1;
    const s: Subscriber = {
      id: `sub-new-${n}`,
      msisdn: `91980000${String(1000 + n)}`,
      displayName: `New ${n}`,
      accountType: "PREPAID",
      language: "en-US",
      roaming: false,
      roamingQueriesDisabled: false,
      sharingConsent: false,
      consentAt: null,
      suspended: false,
      createdAt: h.clock.now(),
    };
    await h.core.upsertSubscriber(s);
    return { msisdn: s.msisdn, id: s.id };
  };

  const buy = (msisdn: string, planId: string, transactionId: string) =>
    h.client.POST("/{userKey}/purchasePlan", {
      params: { path: { userKey: msisdn }, query: q() },
      body: { planId, transactionId },
    });

  it("When a customer without a wallet asks which plans they may buy, then every offered prepaid plan is listed", async () => {
    const { msisdn } = await signUp();
    expect(await h.core.wallet(`sub-new-${n}`)).toBeUndefined();
    const all = await h.client.GET("/{userKey}/Eligibility", {
      params: { path: { userKey: msisdn }, query: { key_type: "MSISDN" } },
    });
    expect(all.response.status).toBe(200);
    expect(all.data?.eligiblePlans.map((p) => p.planId)).toEqual(PREPAID_OFFERS);
    const one = await h.client.GET("/{userKey}/Eligibility/{planId}", {
      params: { path: { userKey: msisdn, planId: "weekly-5gb" }, query: { key_type: "MSISDN" } },
    });
    expect(one.response.status).toBe(200);
    expect(one.data).toEqual({ eligiblePlans: [{ planId: "weekly-5gb" }] });
    const offers = await h.client.GET("/{userKey}/planOffer", { params: { path: { userKey: msisdn }, query: q() } });
    expect(offers.data?.offers.map((o) => o.planId)).toEqual(PREPAID_OFFERS);
  });

  it.each([
    ["has no wallet yet", async (_id: string) => undefined],
    [
      "has spent the wallet down to zero",
      async (id: string) => {
        await h.core.topUp(id, "INR", parseAmount("19"), h.clock.now());
        const spent = await h.core.purchase(
          { subscriberId: id, planId: "daily-1gb", transactionId: `spend-${id}-${dialect}`, language: "en-US" },
          h.clock.now(),
        );
        expect(spent.kind).toBe("succeeded");
        expect((await h.core.wallet(id))?.balanceNanos).toBe(0n);
      },
    ],
  ])(
    "When a customer who %s buys a paid plan, then the DPA answers 402 PAYMENT_MISSING, and a retry repeats it",
    async (_, prepare) => {
      const { msisdn, id } = await signUp();
      await prepare(id);
      const ledgerBefore = await h.core.ledger(id);
      const tx = `empty-${id}-${dialect}`;
      const first = await buy(msisdn, "weekly-5gb", tx);
      expect(first.response.status).toBe(402);
      expect(first.error).toMatchObject({ cause: "PAYMENT_MISSING" });
      const again = await buy(msisdn, "weekly-5gb", tx);
      expect(again.response.status).toBe(403);
      expect(again.error).toMatchObject({ cause: "PAYMENT_MISSING" });
      expect(await h.core.ledger(id)).toEqual(ledgerBefore);
      const plans = (await h.core.activeSubscriptions(id, h.clock.now())).map((s) => s.planId);
      expect(plans).not.toContain("weekly-5gb");
    },
  );

  it("When the new customer tops up for the first time, then the same plan can be bought", async () => {
    const { msisdn, id } = await signUp();
    expect((await buy(msisdn, "weekly-5gb", `before-${id}-${dialect}`)).response.status).toBe(402);
    await h.core.topUp(id, "INR", parseAmount("100"), h.clock.now());
    const after = await buy(msisdn, "weekly-5gb", `after-${id}-${dialect}`);
    expect(after.response.status).toBe(200);
    expect(after.data?.walletBalance).toEqual({ currencyCode: "INR", units: "0", nanos: 500_000_000 });
  });

  it("When the customer's wallet is in another currency, then the plan is still incompatible (409)", async () => {
    const { msisdn, id } = await signUp();
    await h.core.topUp(id, "EUR", parseAmount("100"), h.clock.now());
    const bought = await buy(msisdn, "weekly-5gb", `eur-${id}-${dialect}`);
    expect(bought.response.status).toBe(409);
    expect(bought.error).toMatchObject({ cause: "INCOMPATIBLE_PLAN" });
    const all = await h.client.GET("/{userKey}/Eligibility", {
      params: { path: { userKey: msisdn }, query: { key_type: "MSISDN" } },
    });
    expect(all.data).toEqual({ eligiblePlans: [] });
  });
});
