import { parseIsoDuration } from "@carrierkit/mobileplans-service";
import { demoMobilePlansSims, EsimInventory } from "@carrierkit/operator-core";
import { dialects, freshStore } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMobilePlansService } from "../src/testing.js";
import { get, type Stack, startStack, testPki, txid } from "./harness.js";

const [ASHA, BEN, RAVI, LENA, RAVI_IOT] = demoMobilePlansSims.map((s) => s.iccid);
const balances = (iccid: string, query = "") => `/v1/sims/iccid:${iccid}/balances${query}`;
const MB = 1_000_000n;

describe.each(dialects)("Mobile Plans service APIs on %s", (dialect) => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack(dialect);
  });
  afterAll(async () => s?.close());

  describe("GetBalance", () => {
    it("When a prepaid SIM with data left is asked for, then 200 MODIRECTPAYG with the MB left, the time left and the transaction id echoed", async () => {
      const id = txid();
      const r = await s.call(balances(ASHA!, "?fieldsTemplate=basic&limit=1&location=US"), {
        "X-MS-DM-TransactionId": id,
      });
      expect(r.status).toBe(200);
      expect(r.headers["x-ms-dm-transactionid"]).toBe(id);
      // starter-base: 42 GB, 4.2 GB used, bought 3 days ago for 28 days.
      expect(r.body).toEqual({ balances: [{ type: "MODIRECTPAYG", dataRemainingInMB: 37800, timeRemaining: "P25D" }] });
    });

    it("When fieldsTemplate is FULL (any case), then the balance has its id, name, total and expiry too, and the documented dataRemainingInMB spelling only", async () => {
      const r = await s.call(balances(ASHA!, "?fieldsTemplate=FULL"));
      expect(r.status).toBe(200);
      const [b] = r.body.balances as Array<Record<string, unknown>>;
      expect(b).toMatchObject({
        type: "MODIRECTPAYG",
        name: "स्टार्टर",
        dataRemainingInMB: 37800,
        dataTotalInMB: 42000,
        timeRemaining: "P25D",
        expiryTime: new Date(s.clock.now() + 25 * 86_400_000).toISOString().replace(".000Z", "Z"),
      });
      expect(typeof b!.id).toBe("string");
      expect(b).not.toHaveProperty("dataRemaininginMB");
      expect(parseIsoDuration(String(b!.timeRemaining))).toBe(25 * 86_400_000);
    });

    it("When a postpaid SIM is asked for, then its balance is MODIRECT (the flyout shows the account only)", async () => {
      const r = await s.call(balances(BEN!));
      expect(r.status).toBe(200);
      expect((r.body.balances as Array<{ type: string }>)[0]!.type).toBe("MODIRECT");
    });

    it("When a SIM has no plan, then 200 with one NONE balance of 0 MB and PT0S", async () => {
      const r = await s.call(balances(RAVI!));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ balances: [{ type: "NONE", dataRemainingInMB: 0, timeRemaining: "PT0S" }] });
    });

    it("When a plan's data is used up before it expires, then 200 NONE with 0 and PT0S (zero balance is not an error)", async () => {
      const sub = await s.core.grantSubscription("sub-lena", "weekly-5gb", s.clock.now());
      await s.core.recordUsage(sub.id, 5000n * MB);
      const [daily] = (await s.core.activeSubscriptions("sub-lena", s.clock.now())).filter(
        (x) => x.planId === "daily-1gb",
      );
      await s.core.recordUsage(daily!.id, 1000n * MB);
      const r = await s.call(balances(LENA!, "?fieldsTemplate=full"));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ balances: [{ type: "NONE", dataRemainingInMB: 0, timeRemaining: "PT0S" }] });
    });

    it("When a SIM is outside the operator's Mobile Plans ranges, then 200 NOTSUPPORTED", async () => {
      const r = await s.call(balances(RAVI_IOT!));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ balances: [{ type: "NOTSUPPORTED", dataRemainingInMB: 0, timeRemaining: "PT0S" }] });
    });

    it("When the ICCID is an eSIM profile of the inventory handed to a subscriber, then its subscriber's balance answers (trailing F stripped)", async () => {
      const inv = new EsimInventory(s.db);
      await inv.stock(1, "smdp.carrierkit.test", s.clock.now());
      const profile = await inv.reserve(
        { reservation: "intent-asha-0001", subscriberId: "sub-asha", releaseFlag: true },
        s.clock.now(),
      );
      const r = await s.call(balances(`${profile!.iccid}F`));
      expect(r.status).toBe(200);
      expect((r.body.balances as Array<{ type: string }>)[0]!.type).toBe("MODIRECTPAYG");
    });

    it("When the ICCID is in range but unknown (INT: invalid SIM), then 404 NotFound with the transaction id", async () => {
      const id = txid();
      const r = await s.call(balances("8991010000000000000"), { "X-MS-DM-TransactionId": id });
      expect(r.status).toBe(404);
      expect(r.body).toMatchObject({ code: "NotFound", transactionId: id });
      expect(r.headers["x-ms-dm-transactionid"]).toBe(id);
    });

    it.each([["iccid:1234"], ["iccid:1234567890123456789"]])(
      "When the simId %s is not an ICCID (INT: invalid SIM), then 404",
      async (simId) => {
        const r = await s.call(`/v1/sims/${simId}/balances`);
        expect([r.status, r.body.code]).toEqual([404, "NotFound"]);
      },
    );

    it("When the transaction id has spaces inside, then it is echoed as sent", async () => {
      const id = `MSFT ${txid()} retry 1`;
      const r = await s.call(balances(ASHA!), { "X-MS-DM-TransactionId": id });
      expect([r.status, r.headers["x-ms-dm-transactionid"]]).toEqual([200, id]);
    });

    it("When limit is 1 and the SIM has two plans, then one balance, the soonest expiring", async () => {
      await s.core.grantSubscription("sub-asha", "daily-1gb", s.clock.now());
      const all = await s.call(balances(ASHA!, "?fieldsTemplate=full"));
      const one = await s.call(balances(ASHA!, "?fieldsTemplate=full&limit=1"));
      expect((all.body.balances as unknown[]).length).toBe(2);
      expect(one.body.balances).toEqual([(all.body.balances as unknown[])[0]]);
      expect((one.body.balances as Array<{ timeRemaining: string }>)[0]!.timeRemaining).toBe("P1D");
    });
  });

  describe("bad requests name the parameter (INT negative tests)", () => {
    it.each([
      ["a lower-case location (case-sensitive)", balances(ASHA ?? "", "?location=us"), "location"],
      ["a three-letter location", balances(ASHA ?? "", "?location=USA"), "location"],
      ["a negative limit", balances(ASHA ?? "", "?limit=-1"), "limit"],
      ["a zero limit", balances(ASHA ?? "", "?limit=0"), "limit"],
      ["a limit over the 32-bit range", balances(ASHA ?? "", "?limit=2147483648"), "limit"],
      ["a limit that is not a number", balances(ASHA ?? "", "?limit=ten"), "limit"],
      ["an unknown fieldsTemplate", balances(ASHA ?? "", "?fieldsTemplate=medium"), "fieldsTemplate"],
      ["a simId without iccid:", "/v1/sims/8991010000000000000/balances", "simId"],
      ["GetOffers without limit", `/v1/sims/iccid:${ASHA}/offers`, "limit"],
      ["GetNotifications without notificationType", `/v1/sims/iccid:${ASHA}/notifications?limit=1`, "notificationType"],
      [
        "GetNotifications with an unknown type",
        `/v1/sims/iccid:${ASHA}/notifications?limit=1&notificationType=spam`,
        "notificationType",
      ],
      ["an unknown query parameter", balances(ASHA ?? "", "?colour=red"), "colour"],
    ])("When a request has %s, then 400 BadRequest naming it", async (_, path, parameter) => {
      const r = await s.call(path);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "BadRequest", parameter });
      expect(String(r.body.message)).toContain(parameter);
    });

    it("When X-MS-DM-TransactionId is missing, then 400 naming the header", async () => {
      const r = await get(`${s.url}${balances(ASHA!)}`, { client: s.pki.client, ca: s.pki.ca.cert });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "BadRequest", parameter: "X-MS-DM-TransactionId" });
      expect(r.headers["x-ms-dm-transactionid"]).toBeUndefined();
    });

    it("When X-MS-DM-TransactionId is longer than 128 characters, then 400 naming it", async () => {
      const r = await s.call(balances(ASHA!), { "X-MS-DM-TransactionId": "x".repeat(129) });
      expect(r.status).toBe(400);
      expect(r.body.parameter).toBe("X-MS-DM-TransactionId");
    });
  });

  describe("transaction ids", () => {
    it("When a transaction id is repeated, then the second request is 409 Conflict with the id echoed", async () => {
      const id = txid();
      const first = await s.call(balances(ASHA!), { "X-MS-DM-TransactionId": id });
      const second = await s.call(`/v1/sims/iccid:${ASHA}/offers?limit=1`, { "X-MS-DM-TransactionId": id });
      expect([first.status, second.status]).toEqual([200, 409]);
      expect(second.body).toMatchObject({ code: "Conflict", transactionId: id });
      expect(second.headers["x-ms-dm-transactionid"]).toBe(id);
    });

    it("When a second instance on the same store sees a transaction id the first one answered, then it answers 409", async () => {
      const other = await startMobilePlansService(s.pki, { db: s.db, clock: s.clock.now });
      try {
        const id = txid();
        const headers = { "X-MS-DM-TransactionId": id };
        const a = await get(`${s.url}${balances(ASHA!)}`, { client: s.pki.client, ca: s.pki.ca.cert, headers });
        const b = await get(`${other.url}${balances(ASHA!)}`, { client: s.pki.client, ca: s.pki.ca.cert, headers });
        expect([a.status, b.status]).toEqual([200, 409]);
      } finally {
        await other.close();
      }
    });

    it("When the same transaction id arrives at two instances at once, then exactly one answers 200", async () => {
      const other = await startMobilePlansService(s.pki, { db: s.db, clock: s.clock.now });
      try {
        const headers = { "X-MS-DM-TransactionId": txid() };
        const answers = await Promise.all(
          [s.url, other.url, s.url, other.url].map((u) =>
            get(`${u}${balances(ASHA!)}`, { client: s.pki.client, ca: s.pki.ca.cert, headers }),
          ),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      } finally {
        await other.close();
      }
    });
  });

  describe("mutual TLS", () => {
    it.each([
      ["no client certificate", 401, "client" as const, null],
      ["an expired client certificate", 401, "expiredClient" as const, "expired"],
      ["a client certificate not yet valid", 401, "notYetValidClient" as const, "not yet valid"],
      ["a client certificate of another subject", 403, "wrongSubjectClient" as const, "subject"],
      ["a client certificate from an untrusted CA", 403, "untrustedClient" as const, "trusted"],
    ])("When the caller presents %s, then %i", async (_, status, which, words) => {
      const client = words === null ? null : s.pki[which];
      const r = await s.call(balances(ASHA!), {}, client);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(status === 401 ? "Unauthorized" : "Forbidden");
      if (words) expect(String(r.body.message)).toContain(words);
    });

    it("When /healthz is asked without a client certificate, then it answers (health checks sit outside mutual TLS)", async () => {
      const r = await get(`${s.url}/healthz`, { client: null, ca: s.pki.ca.cert });
      expect(r.status).toBe(200);
    });
  });

  describe("GetOffers", () => {
    it("When a SIM has no plan and plans are on sale, then the no-plan gateway then the default one, at most limit", async () => {
      const two = await s.call(`/v1/sims/iccid:${RAVI}/offers?limit=2&imei=1234`);
      const one = await s.call(`/v1/sims/iccid:${RAVI}/offers?limit=1`);
      expect(two.body).toEqual({ offers: [{ gatewayId: "1" }, { gatewayId: "0" }] });
      expect(one.body).toEqual({ offers: [{ gatewayId: "1" }] });
    });

    it("When a SIM has plenty of data, then the default gateway template 0", async () => {
      const r = await s.call(`/v1/sims/iccid:${BEN}/offers?limit=5`);
      expect(r.body).toEqual({ offers: [{ gatewayId: "0" }] });
    });

    it("When the SIM is not supported, then no offers; when unknown, 404", async () => {
      const ns = await s.call(`/v1/sims/iccid:${RAVI_IOT}/offers?limit=1`);
      const unknown = await s.call("/v1/sims/iccid:8991010000000000000/offers?limit=1");
      expect([ns.status, ns.body, unknown.status]).toEqual([200, { offers: [] }, 404]);
    });
  });

  describe("GetNotifications", () => {
    it("When a SIM has no plan, then newOffer applies (either spelling) and lowBalance does not", async () => {
      const offer = await s.call(`/v1/sims/iccid:${RAVI}/notifications?notificationType=NewOffer&limit=1`);
      const low = await s.call(`/v1/sims/iccid:${RAVI}/notifications?notificationType=lowBalance&limit=1`);
      expect(offer.body).toEqual({ notifications: [{ notificationId: 3, notificationType: "newOffer" }] });
      expect(low.body).toEqual({ notifications: [] });
    });

    it("When a plan is below the low-balance threshold, then lowBalance applies; once used up, zeroBalance", async () => {
      const sub = await s.core.grantSubscription("sub-ben", "postpaid-addon-10gb", s.clock.now());
      // Ben's postpaid plans: use them down to 50 MB left in total.
      const active = await s.core.activeSubscriptions("sub-ben", s.clock.now());
      for (const a of active) await s.core.recordUsage(a.id, a.quotaBytes! - (a.id === sub.id ? 50n * MB : 0n));
      const low = await s.call(`/v1/sims/iccid:${BEN}/notifications?notificationType=LowBalance&limit=1`);
      expect(low.body).toEqual({ notifications: [{ notificationId: 1, notificationType: "lowBalance" }] });
      await s.core.recordUsage(sub.id, 50n * MB);
      const zero = await s.call(`/v1/sims/iccid:${BEN}/notifications?notificationType=zeroBalance&limit=1`);
      const stillLow = await s.call(`/v1/sims/iccid:${BEN}/notifications?notificationType=lowBalance&limit=1`);
      expect(zero.body).toEqual({ notifications: [{ notificationId: 2, notificationType: "zeroBalance" }] });
      expect(stillLow.body).toEqual({ notifications: [] });
    });

    it("When trial notifications are asked for, then none applies (the operator core has no trials)", async () => {
      const r = await s.call(`/v1/sims/iccid:${RAVI}/notifications?notificationType=trialOffer&limit=1`);
      expect([r.status, r.body]).toEqual([200, { notifications: [] }]);
    });
  });

  describe("purchases", () => {
    it("When the subscriber buys a plan with operator-core, then the next GetBalance shows it", async () => {
      const before = await s.call(balances(RAVI!));
      const outcome = await s.core.purchase(
        { subscriberId: "sub-ravi", planId: "daily-1gb", transactionId: `buy-${txid()}`, language: "en-US" },
        s.clock.now(),
      );
      expect(outcome.kind).toBe("succeeded");
      const after = await s.call(balances(RAVI!));
      expect((before.body.balances as Array<{ type: string }>)[0]!.type).toBe("NONE");
      expect(after.body).toEqual({
        balances: [{ type: "MODIRECTPAYG", dataRemainingInMB: 1000, timeRemaining: "P1D" }],
      });
    });
  });
});

describe("Basic credentials, rate limits and failures", () => {
  it("When Basic credentials are configured, then missing or wrong ones are 401 and right ones pass", async () => {
    const s = await startStack("sqlite", { basic: { username: "microsoft", password: "correct-horse-battery" } });
    try {
      const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
      const none = await s.call(balances(ASHA!));
      const wrong = await s.call(balances(ASHA!), { Authorization: basic("microsoft", "wrong-password") });
      const right = await s.call(balances(ASHA!), { Authorization: basic("microsoft", "correct-horse-battery") });
      expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
      expect(none.headers["www-authenticate"]).toMatch(/^Basic realm=/);
    } finally {
      await s.close();
    }
  });

  it.each(dialects)(
    "When a client goes over its rate on %s (on PostgreSQL across two instances), then 429 TooManyRequests with Retry-After",
    async (dialect) => {
      const s = await startStack(dialect, { rateLimit: { ratePerSecond: 1, burst: 2 } });
      const other =
        dialect === "postgres"
          ? await startMobilePlansService(s.pki, {
              db: s.db,
              clock: s.clock.now,
              rateLimit: { ratePerSecond: 1, burst: 2 },
            })
          : undefined;
      try {
        const urls = [s.url, other?.url ?? s.url, s.url];
        const answers = [];
        for (const u of urls)
          answers.push(
            await get(`${u}${balances(ASHA!)}`, {
              client: s.pki.client,
              ca: s.pki.ca.cert,
              headers: { "X-MS-DM-TransactionId": txid() },
            }),
          );
        expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
        expect(answers[2]!.headers["retry-after"]).toBe("1");
        expect(answers[2]!.body.code).toBe("TooManyRequests");
        s.clock.advance(1000);
        expect((await s.call(balances(ASHA!))).status).toBe(200);
      } finally {
        await other?.close();
        await s.close();
      }
    },
  );

  it("When another client subject is configured, then a certificate with it passes and one with the documented subject is 403", async () => {
    const subject = "C=US, O=Example Aggregator, CN=mobileplans.aggregator.example";
    const s = await startStack("sqlite", { mutualTls: { subject } });
    try {
      const custom = await s.pki.ca.issue({ subject, usage: "client" });
      const [mine, documented] = [await s.call(balances(ASHA!), {}, custom), await s.call(balances(ASHA!))];
      expect([mine.status, documented.status]).toEqual([200, 403]);
    } finally {
      await s.close();
    }
  });

  it("When the store fails, then 500 InternalError without the cause", async () => {
    const pki = await testPki();
    const store = await freshStore("sqlite");
    const service = await startMobilePlansService(pki, { db: store.db, rateLimit: false });
    try {
      await store.db.close();
      const r = await get(`${service.url}${balances(ASHA!)}`, {
        client: pki.client,
        ca: pki.ca.cert,
        headers: { "X-MS-DM-TransactionId": txid() },
      });
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ code: "InternalError", message: "Internal error." });
      expect(JSON.stringify(r.body)).not.toMatch(/stack|sqlite|closed/i);
    } finally {
      await service.close();
      await store.cleanup().catch(() => undefined);
    }
  });
});
