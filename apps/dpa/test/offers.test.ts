import { DEMO_OFFER_PAGES, parseAmount } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, BEN, type Dpa, LENA, q, startDpa } from "./harness.js";

describe.each(dialects)("offerInfo and the opt-out from in-app offers, over HTTP on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  const offers = (userKey: string, lang = "en-US") =>
    h.client.GET("/{userKey}/planOffer", {
      params: { path: { userKey }, query: q(), header: { "Accept-Language": lang } },
    });
  const choose = (userKey: string, optOut: boolean, at: number) =>
    h.client.POST("/{userKey}/offerOptOut", {
      params: { path: { userKey }, query: { key_type: "MSISDN" } },
      body: { optOut, actionTimestamp: new Date(at).toISOString() },
    });

  it.each([
    ["en-US", "Read more about this offer, or choose to receive no further in-app offers."],
    ["hi-IN", "इस ऑफ़र के बारे में और पढ़ें, या आगे से ऐप में ऑफ़र न पाने का विकल्प चुनें।"],
    ["pl-PL", "Przeczytaj więcej o tej ofercie lub zrezygnuj z kolejnych ofert w aplikacji."],
  ])("When offers are asked for in %s, then each carries offerInfo from the catalogue", async (lang, text) => {
    const { data, response } = await offers(ASHA, lang);
    expect(response.status).toBe(200);
    expect(data?.offers.length).toBeGreaterThan(0);
    for (const offer of data!.offers) {
      expect(offer.offerInfo).toEqual({
        promoMessage: text,
        moreInfoURL: `${DEMO_OFFER_PAGES}/${offer.planId}`,
        operatorBrandName: "ACME Mobile",
        operatorLogoUrl: "https://acme.example/logo.png",
      });
    }
  });

  it("When the user opts out of in-app offers, then planOffer answers an empty list while purchases and eligibility go on", async () => {
    const at = h.clock.now();
    const before = await offers(LENA);
    expect(before.data?.offers.length).toBeGreaterThan(0);

    const chosen = await choose(LENA, true, at);
    expect(chosen.response.status).toBe(200);
    expect(chosen.data).toEqual({ optedOut: true, actionTimestamp: new Date(at).toISOString() });

    const after = await offers(LENA);
    expect(after.response.status).toBe(200);
    expect(after.data).toMatchObject({ offers: [], formOfPayment: "WALLET_BALANCE", languageCode: "en-US" });
    expect(Date.parse(after.data!.expireTime)).toBeGreaterThan(h.clock.now());
    const eligible = await h.client.GET("/{userKey}/Eligibility", {
      params: { path: { userKey: LENA }, query: { key_type: "MSISDN" } },
    });
    expect(eligible.data?.eligiblePlans.length).toBeGreaterThan(0);
    await h.core.topUp("sub-lena", "INR", parseAmount("100"), h.clock.now());
    const bought = await h.client.POST("/{userKey}/purchasePlan", {
      params: { path: { userKey: LENA }, query: q() },
      body: { planId: "weekly-5gb", transactionId: `opted-out-${dialect}` },
    });
    expect(bought.data?.transactionStatus).toBe("SUCCESS");
    expect((await offers(ASHA)).data?.offers.length).toBeGreaterThan(0);

    // An older choice does not undo a newer one; a newer opt-in brings the offers back.
    const stale = await choose(LENA, false, at - 60_000);
    expect(stale.data).toEqual({ optedOut: true, actionTimestamp: new Date(at).toISOString() });
    expect((await offers(LENA)).data?.offers).toEqual([]);
    const back = await choose(LENA, false, at + 60_000);
    expect(back.data).toEqual({ optedOut: false, actionTimestamp: new Date(at + 60_000).toISOString() });
    expect((await offers(LENA)).data?.offers.map((o) => o.planId)).toEqual(before.data?.offers.map((o) => o.planId));
    expect(await h.core.offerPreference("sub-lena")).toEqual({ optedOut: false, actionAt: at + 60_000 });
  });

  it("When the opt-out is recorded with a CPID and the DPA restarts, then the choice is kept in the store", async () => {
    const res = await h.client.POST("/{userKey}/offerOptOut", {
      params: { path: { userKey: h.demo.cpids.valid }, query: { key_type: "CPID" } },
      body: { optOut: true, actionTimestamp: "2026-11-22T11:00:00+01:00" },
    });
    expect(res.data).toEqual({ optedOut: true, actionTimestamp: "2026-11-22T10:00:00.000Z" });
    await h.restart();
    expect((await offers(ASHA)).data?.offers).toEqual([]);
    await choose(ASHA, false, h.clock.now() + 1);
    expect((await offers(ASHA)).data?.offers.length).toBeGreaterThan(0);
  });

  it("When a catalogue entry has no offer info, then its offer is sent without offerInfo", async () => {
    const plan = await h.core.plan("postpaid-addon-10gb");
    await h.core.upsertPlan({ ...plan!, offerInfo: null });
    expect((await h.core.plan("postpaid-addon-10gb"))?.offerInfo).toBeNull();
    await h.restart(); // a fresh catalogue cache
    const { data } = await offers(BEN);
    expect(data?.offers.map((o) => o.planId)).toEqual(["postpaid-addon-10gb"]);
    expect(data?.offers[0]).not.toHaveProperty("offerInfo");
  });

  it.each([
    ["no token", { key: BEN, body: { optOut: true, actionTimestamp: "2026-11-22T10:00:00Z" }, token: false }, 401],
    ["an unknown user", { key: "919800000099", body: { optOut: true, actionTimestamp: "2026-11-22T10:00:00Z" } }, 404],
    ["no actionTimestamp", { key: BEN, body: { optOut: true } }, 400],
    ["optOut as a string", { key: BEN, body: { optOut: "yes", actionTimestamp: "2026-11-22T10:00:00Z" } }, 400],
    ["an unknown field", { key: BEN, body: { optOut: true, actionTimestamp: "2026-11-22T10:00:00Z", x: 1 } }, 400],
    ["an expired CPID", { key: "expired", body: { optOut: true, actionTimestamp: "2026-11-22T10:00:00Z" } }, 410],
  ])("When the opt-out request has %s, then it is refused in the contract's error body", async (_, c, status) => {
    const key = c.key === "expired" ? h.demo.cpids.expired : c.key;
    const keyType = c.key === "expired" ? "CPID" : "MSISDN";
    const res = await fetch(`${h.url}/${key}/offerOptOut?key_type=${keyType}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...("token" in c && c.token === false ? {} : { Authorization: `Bearer ${h.token}` }),
      },
      body: JSON.stringify(c.body),
    });
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error?: string; cause?: string };
    expect(typeof body.error).toBe("string");
    expect(body.cause).toBeDefined();
    expect((await h.core.offerPreference("sub-ben")).optedOut).toBe(false);
  });
});
