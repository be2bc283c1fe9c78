import { normalizeDpaError } from "@carrierkit/dpa";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordingPusher } from "../src/index.js";
import { ASHA, BEN, type Dpa, LENA, q, RAVI, startDpa } from "./harness.js";

describe.each(dialects)("reference DPA over HTTP on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  describe("GET /{userKey}/planStatus", () => {
    it("When GTAF asks for a prepaid user's status, then it gets their plans, balance and cache lifetime", async () => {
      const { data, response } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: ASHA }, query: q() },
      });
      expect(response.status).toBe(200);
      expect(data?.plans.map((p) => p.planId)).toEqual(["starter-base"]);
      const module = data!.plans[0]!.planModules[0]!;
      expect(module).toMatchObject({
        moduleName: "Daily data",
        coarseBalanceLevel: "HIGH_QUOTA",
        byteBalance: { quotaBytes: "42000000000", remainingBytes: "37800000000" },
      });
      expect(data?.accountInfo?.accountBalance).toEqual({ currencyCode: "INR", units: "500", nanos: 0 });
      expect(data?.languageCode).toBe("en-US");
      expect(Date.parse(data!.expireTime) - h.clock.now()).toBe(900_000);
      expect(data?.updateTime).toBe(new Date(h.clock.now()).toISOString());
    });

    it("When the key is a valid CPID, then it resolves to the same user", async () => {
      const { data, response } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: h.demo.cpids.valid }, query: q("CPID") },
      });
      expect(response.status).toBe(200);
      expect(data?.subscriberId).toBe("sub-asha");
    });

    it("When YouTube asks about a user with a rate-limited video plan, then planInfoPerClient.youtube is set", async () => {
      await h.core.grantSubscription("sub-lena", "video-30d", h.clock.now());
      const { data } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: LENA }, query: q("MSISDN", "youtube") },
        headers: { "Cache-Control": "no-cache" },
      });
      expect(data?.planInfoPerClient).toEqual({ youtube: { rateLimitedStreaming: { maxMediaRateKbps: 1500 } } });
      const { data: forMdp } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: LENA }, query: q() },
      });
      expect(forMdp?.planInfoPerClient).toBeUndefined();
    });

    it("When a module's balance is low, then its coarse level says LOW_QUOTA", async () => {
      const { data } = await h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: LENA }, query: q() } });
      const daily = data?.plans.find((p) => p.planId === "daily-1gb");
      expect(daily?.planModules[0]?.coarseBalanceLevel).toBe("LOW_QUOTA");
      expect(daily?.planModules[0]?.planModuleState).toBe("EXPIRING_SOON");
    });
  });

  describe("GET /{userKey}/planOffer", () => {
    it("When a prepaid user asks for offers, then the eligible plans come in display order with prices as Money", async () => {
      const { data, response } = await h.client.GET("/{userKey}/planOffer", {
        params: { path: { userKey: ASHA }, query: q() },
      });
      expect(response.status).toBe(200);
      expect(data?.offers.map((o) => o.planId)).toEqual(["daily-1gb", "weekly-5gb", "video-30d", "roaming-7d"]);
      expect(data?.offers[1]).toMatchObject({
        cost: { currencyCode: "INR", units: "99", nanos: 500_000_000 },
        duration: "604800s",
        quotaBytes: "5000000000",
        languageCode: "en-US",
      });
      expect(data?.formOfPayment).toBe("WALLET_BALANCE");
    });

    it("When the calling app passes a video context, then video offers come first and echo the context", async () => {
      const { data } = await h.client.GET("/{userKey}/planOffer", {
        params: { path: { userKey: ASHA }, query: { ...q("MSISDN", "youtube"), context: "YouTube" } },
      });
      expect(data?.offers[0]).toMatchObject({ planId: "video-30d", offerContext: "YouTube" });
      expect(data?.offers.map((o) => o.planId)).not.toContain("roaming-7d");
    });

    it("When a postpaid user asks, then only postpaid add-ons are offered, added to the bill", async () => {
      const { data } = await h.client.GET("/{userKey}/planOffer", { params: { path: { userKey: BEN }, query: q() } });
      expect(data?.offers.map((o) => o.planId)).toEqual(["postpaid-addon-10gb"]);
      expect(data?.formOfPayment).toBe("ADD_TO_BILL");
    });
  });

  describe("POST /{userKey}/purchasePlan", () => {
    it("When GTAF buys a plan, then it succeeds once and a retry with the same transactionId is refused", async () => {
      const body = { planId: "daily-1gb", transactionId: `tx-${dialect}-1` };
      const first = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body,
      });
      expect(first.response.status).toBe(200);
      expect(first.data).toMatchObject({
        transactionStatus: "SUCCESS",
        purchase: {
          planId: "daily-1gb",
          transactionId: body.transactionId,
          transactionMessage: "Your 1 GB day pass plan is active.",
        },
        walletBalance: { currencyCode: "INR", units: "481", nanos: 0 },
      });
      expect(first.data?.purchase?.confirmationCode).toMatch(/^CK-[0-9A-Z]{8}$/);
      const again = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body,
      });
      expect(again.response.status).toBe(403);
      expect(again.error).toMatchObject({ cause: "DUPLICATE_TRANSACTION" });
      const ledger = await h.core.ledger("sub-asha");
      expect(ledger.filter((e) => e.transactionId === body.transactionId)).toHaveLength(1);
    });

    it.each([
      ["an unknown plan", ASHA, "gold-999", 400, "BAD_REQUEST"],
      ["more than the balance", LENA, "weekly-5gb", 402, "PAYMENT_MISSING"],
      ["a postpaid add-on for a prepaid user", ASHA, "postpaid-addon-10gb", 409, "INCOMPATIBLE_PLAN"],
      ["a second base plan", ASHA, "unlimited-base", 409, "INCOMPATIBLE_PLAN"],
    ])(
      "When GTAF buys %s, then the DPA answers %s and a retry repeats the first failure's cause",
      async (_, user, planId, status, cause) => {
        const body = { planId, transactionId: `fail-${dialect}-${planId}` };
        const first = await h.client.POST("/{userKey}/purchasePlan", {
          params: { path: { userKey: user }, query: q() },
          body,
        });
        expect(first.response.status).toBe(status);
        expect(first.error).toMatchObject({ cause });
        expect(typeof (first.error as { error?: string }).error).toBe("string");
        const again = await h.client.POST("/{userKey}/purchasePlan", {
          params: { path: { userKey: user }, query: q() },
          body,
        });
        expect(again.response.status).toBe(403);
        expect(again.error).toMatchObject({ cause });
      },
    );

    it("When a postpaid user buys an add-on, then it is added to the bill and no wallet balance is reported", async () => {
      const { data } = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: BEN }, query: q() },
        body: { planId: "postpaid-addon-10gb", transactionId: `bill-${dialect}` },
      });
      expect(data?.transactionStatus).toBe("SUCCESS");
      expect(data?.walletBalance).toBeUndefined();
      const ledger = await h.core.ledger("sub-ben");
      expect(ledger.map((e) => [e.kind, e.amountNanos])).toEqual([["BILL_CHARGE", 149_000_000_000n]]);
    });

    it("When Accept-Language asks for Hindi, then the transaction message is in Hindi", async () => {
      const { data } = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q(), header: { "Accept-Language": "hi-IN,en;q=0.5" } },
        body: { planId: "daily-1gb", transactionId: `hi-${dialect}` },
      });
      expect(data?.purchase?.transactionMessage).toBe("आपका 1 GB दैनिक पास प्लान सक्रिय है।");
    });
  });

  describe("POST /{userKey}/consent", () => {
    it("When the user opts in, then the DPA answers 200 with an empty body and the user may be registered", async () => {
      const res = await h.fetch(`/${BEN}/consent?key_type=MSISDN&client_id=mobiledataplan`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          consentAction: "CONSENT_USER_OPT_IN",
          actionTimestamp: new Date(h.clock.now()).toISOString(),
        }),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe("");
      expect((await h.core.subscriber("sub-ben"))?.sharingConsent).toBe(true);
    });

    it("When the action is unspecified, then it is a 400 BAD_REQUEST", async () => {
      const { response, error } = await h.client.POST("/{userKey}/consent", {
        params: { path: { userKey: BEN }, query: q() },
        body: { consentAction: "CONSENT_ACTION_UNSPECIFIED", actionTimestamp: "2026-11-22T10:00:00+01:00" },
      });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ cause: "BAD_REQUEST" });
    });
  });

  describe("GET /{userKey}/Eligibility", () => {
    it("When the user may buy the plan, then it alone is listed", async () => {
      const { data } = await h.client.GET("/{userKey}/Eligibility/{planId}", {
        params: { path: { userKey: ASHA, planId: "weekly-5gb" }, query: { key_type: "MSISDN" } },
      });
      expect(data).toEqual({ eligiblePlans: [{ planId: "weekly-5gb" }] });
    });

    it.each([
      ["gold-999", 400, "BAD_REQUEST"],
      ["unlimited-base", 409, "INCOMPATIBLE_PLAN"],
    ])("When the plan is %s, then the DPA answers %s", async (planId, status, cause) => {
      const { response, error } = await h.client.GET("/{userKey}/Eligibility/{planId}", {
        params: { path: { userKey: ASHA, planId }, query: { key_type: "MSISDN" } },
      });
      expect(response.status).toBe(status);
      expect(error).toMatchObject({ cause });
    });

    it("When no plan id is given, then every plan the user may buy is listed, also on the lower-case path", async () => {
      const { data } = await h.client.GET("/{userKey}/Eligibility", {
        params: { path: { userKey: BEN }, query: { key_type: "MSISDN" } },
      });
      expect(data).toEqual({ eligiblePlans: [{ planId: "postpaid-addon-10gb" }] });
      const lower = await h.fetch(`/${BEN}/eligibility?key_type=MSISDN`);
      expect(lower.status).toBe(200);
      expect(await lower.json()).toEqual(data);
      const lowerOne = await h.fetch(`/${ASHA}/eligibility/weekly-5gb?key_type=MSISDN`);
      expect(await lowerOne.json()).toEqual({ eligiblePlans: [{ planId: "weekly-5gb" }] });
    });
  });

  describe("POST /register", () => {
    it("When an opted-in user is registered, then the DPA returns the expiry and pushes their plan changes", async () => {
      const { data, response } = await h.client.POST("/register", { body: { msisdn: `+${ASHA}` } });
      expect(response.status).toBe(200);
      expect(data).toEqual({
        msisdn: `+${ASHA}`,
        expirationTime: new Date(h.clock.now() + 30 * 24 * 3600 * 1000).toISOString(),
      });
      expect(h.dpa.pusher).toBeInstanceOf(RecordingPusher);
      const pushes = (h.dpa.pusher as RecordingPusher).pushes;
      const before = pushes.length;
      await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body: { planId: "weekly-5gb", transactionId: `push-${dialect}` },
      });
      expect(pushes.length).toBe(before + 1);
      expect(pushes.at(-1)).toMatchObject({ clientId: "mobiledataplan", userKey: ASHA });
    });

    it.each([
      ["an unknown MSISDN", "919800000099", 404, "INVALID_NUMBER"],
      ["a roaming user", RAVI, 403, "USER_ROAMING"],
    ])("When GTAF registers %s, then it is refused", async (_, msisdn, status, cause) => {
      const { response, error } = await h.client.POST("/register", { body: { msisdn } });
      expect(response.status).toBe(status);
      expect(error).toMatchObject({ cause });
    });

    it("When the user has not opted in, then register answers 403 USER_OPT_OUT", async () => {
      await h.core.recordConsent("sub-lena", "OPT_OUT", h.clock.now() + 1, h.clock.now());
      const { response, error } = await h.client.POST("/register", { body: { msisdn: LENA } });
      expect(response.status).toBe(403);
      expect(error).toMatchObject({ cause: "USER_OPT_OUT" });
    });
  });

  describe("GET /dpaStatus", () => {
    it("When every back end works, then it is OPERATIONAL", async () => {
      const { data, response } = await h.client.GET("/dpaStatus");
      expect(response.status).toBe(200);
      expect(data).toEqual({ status: "OPERATIONAL" });
    });
  });

  describe("user-key errors", () => {
    it.each([
      ["an unknown MSISDN", "919800000099", "MSISDN", 404, "INVALID_NUMBER"],
      ["a malformed MSISDN", "12ab", "MSISDN", 404, "INVALID_NUMBER"],
      ["a forged CPID", "x".repeat(60), "CPID", 404, "INVALID_NUMBER"],
      ["a roaming user with queries disabled", RAVI, "MSISDN", 403, "USER_ROAMING"],
    ] as const)("When the key is %s, then planStatus answers %s", async (_, userKey, keyType, status, cause) => {
      const { response, error } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey }, query: q(keyType) },
      });
      expect(response.status).toBe(status);
      expect(normalizeDpaError(error)).toMatchObject({ cause });
    });

    it("When the CPID has expired, then every user-keyed call answers 410 BAD_CPID", async () => {
      const cpid = h.demo.cpids.expired;
      for (const path of [
        `/${cpid}/planStatus?key_type=CPID&client_id=mobiledataplan`,
        `/${cpid}/planOffer?key_type=CPID&client_id=mobiledataplan`,
        `/${cpid}/Eligibility?key_type=CPID`,
      ]) {
        const res = await h.fetch(path);
        expect(res.status).toBe(410);
        expect(await res.json()).toMatchObject({ cause: "BAD_CPID" });
      }
    });

    it("When the client is one this DPA does not serve, then it answers 501", async () => {
      const { response, error } = await h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: ASHA }, query: q("MSISDN", "AndroidSystemInfo") },
      });
      expect(response.status).toBe(501);
      expect(error).toMatchObject({ cause: "SERVICE_UNAVAILABLE" });
    });
  });
});
