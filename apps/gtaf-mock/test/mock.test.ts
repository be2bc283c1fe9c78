import { HttpPlanStatusPusher } from "@carrierkit/dpa-app";
import type { ExchangeList, PlanStatus, PurchaseRecord } from "@carrierkit/gtaf";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { notificationsFor, parseRetryAfter } from "../src/index.js";
import { ASHA, ASN, BEN, CLIENT, exchanges, LENA, q, RAVI, type Stack, startStack } from "./harness.js";

const path = { clientId: "mobiledataplan", userKey: ASHA };

describe("the GTAF mock in front of the reference DPA: plan information", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
  });
  afterAll(async () => h.close());

  it("When a phone asks twice before the DPA's expireTime, then the second answer is a cache hit; after it, the DPA is asked again", async () => {
    const ask = () =>
      h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", {
        params: { path, query: q(), header: { "Accept-Language": "hi-IN" } },
      });
    const first = await ask();
    expect(first.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(first.data).toMatchObject({ languageCode: "hi-IN", title: "प्रीपेड प्लान" });
    expect(first.response.headers.get("content-language")).toBe("hi-IN");
    const expireAt = Date.parse(first.data!.expireTime);
    expect(expireAt - h.clock.now()).toBe(900_000);

    h.clock.advance(899_999);
    const second = await ask();
    expect(second.response.headers.get("x-gtaf-cache")).toBe("HIT");
    expect(second.data).toEqual(first.data);
    expect(exchanges(h, "getPlanStatus")).toHaveLength(1);

    h.clock.advance(1);
    const third = await ask();
    expect(third.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(Date.parse(third.data!.expireTime)).toBeGreaterThan(expireAt);
    const calls = exchanges(h, "getPlanStatus");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.requestHeaders).toMatchObject({ "cache-control": "no-cache", "accept-language": "hi-IN" });
      expect(call.requestHeaders?.authorization).toMatch(/^Bearer .{6}…$/);
      expect(call.violations).toEqual([]);
    }
  });

  it("When phones ask in different languages, then each language is cached and fetched on its own", async () => {
    const ask = (lang: string) =>
      h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planOffer", {
        params: {
          path: { clientId: "youtube", userKey: LENA },
          query: { ...q(), context: "YouTube" },
          header: { "Accept-Language": lang },
        },
      });
    const pl = await ask("pl-PL");
    const en = await ask("en-US");
    expect([pl.data?.languageCode, en.data?.languageCode]).toEqual(["pl-PL", "en-US"]);
    expect(pl.data?.offers.every((o) => o.offerContext === "YouTube")).toBe(true);
    expect((await ask("pl-PL")).response.headers.get("x-gtaf-cache")).toBe("HIT");
    expect(exchanges(h, "getPlanOffer").map((e) => e.requestHeaders?.["accept-language"])).toEqual(["pl-PL", "en-US"]);
  });

  it.each([
    ["an unknown MSISDN", "919999999999", "MSISDN", 404, "INVALID_NUMBER"],
    ["a roaming user who disabled queries", RAVI, "MSISDN", 403, "USER_ROAMING"],
    ["an expired CPID", "expired", "CPID", 410, "BAD_CPID"],
    ["a CPID that is not one", "not-a-cpid", "CPID", 404, "INVALID_NUMBER"],
  ] as const)("When a phone asks with %s, then GTAF relays the DPA's %s", async (_, key, keyType, status, cause) => {
    const userKey = key === "expired" ? h.demo.cpids.expired : key;
    const res = await h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", {
      params: { path: { clientId: "mobiledataplan", userKey }, query: q(keyType) },
    });
    expect(res.response.status).toBe(status);
    expect(res.error).toMatchObject({ error: { code: status, cause } });
  });

  it("When a phone's request is malformed, then GTAF answers 400 INVALID_ARGUMENT without calling the DPA", async () => {
    const before = h.mock.recorder.list().length;
    const res = await fetch(`${h.mockServer.url}/v1/clients/mobiledataplan/users/${ASHA}/planStatus?key_type=PHONE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
    expect(h.mock.recorder.list()).toHaveLength(before);
  });

  it("When the exchanges are inspected, then JSON and a self-contained HTML page list them with tokens redacted", async () => {
    const json = await h.gtaf.GET("/mock/exchanges", { params: { query: { limit: 2 } } });
    expect((json.data as ExchangeList).exchanges).toHaveLength(2);
    const html = await fetch(`${h.mockServer.url}/mock/exchanges?format=html`);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain("getPlanStatus");
    expect(page).not.toMatch(/<script|<link|src="http/);
    expect(page).not.toContain(await h.signer.mintForDpa());
  });
});

describe("the GTAF mock in front of the reference DPA: monitoring and back-off", () => {
  let h: Stack;
  afterEach(async () => h?.close());

  it("When the DPA's store fails, then the next poll sees UNAVAILABLE, clears the cache, and GTAF honours the DPA's Retry-After", async () => {
    h = await startStack();
    const ask = () => h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", { params: { path, query: q() } });
    await ask();
    expect((await ask()).response.headers.get("x-gtaf-cache")).toBe("HIT");
    const healthy = await h.gtaf.POST("/mock/dpaStatus/poll");
    expect(healthy.data).toMatchObject({ outcome: "OPERATIONAL", cacheCleared: false });

    await h.db.close();
    const poll = await h.gtaf.POST("/mock/dpaStatus/poll");
    expect(poll.data).toMatchObject({
      outcome: "UNAVAILABLE",
      httpStatus: 500,
      message: "Back end(s) not reachable: store.",
      cacheCleared: true,
      entriesCleared: 1,
    });
    expect(h.mock.cache.size).toBe(0);

    const down = await ask();
    expect(down.response.status).toBe(503);
    expect(down.response.headers.get("retry-after")).toBe("30");
    expect(down.error).toMatchObject({ error: { code: 503, status: "UNAVAILABLE", cause: "BACKEND_FAILURE" } });
    const calls = exchanges(h, "getPlanStatus").length;

    h.clock.advance(29_000);
    const waiting = await ask();
    expect(waiting.response.status).toBe(503);
    expect(waiting.response.headers.get("retry-after")).toBe("1");
    expect((await h.gtaf.POST("/mock/dpaStatus/poll")).data?.outcome).toBe("BACKED_OFF");
    expect(exchanges(h, "getPlanStatus")).toHaveLength(calls);

    h.clock.advance(1000);
    await ask();
    expect(exchanges(h, "getPlanStatus")).toHaveLength(calls + 1);
  });

  it("When the DPA cannot be reached, then the poll fails and clears the cache", async () => {
    h = await startStack();
    await h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", { params: { path, query: q() } });
    expect(h.mock.cache.size).toBe(1);
    await h.dpaServer.close();
    const poll = await h.mock.poll();
    expect(poll).toMatchObject({ outcome: "FAILED", cacheCleared: true, entriesCleared: 1 });
    expect(poll.message).toMatch(/not reachable/);
    const res = await h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", { params: { path, query: q() } });
    expect(res.response.status).toBe(502);
  });
});

describe("the GTAF mock in front of the reference DPA: purchases", () => {
  let h: Stack;
  afterEach(async () => h?.close());
  const buy = (planId: string, userKey = ASHA) =>
    h.gtaf.POST("/v1/clients/{clientId}/users/{userKey}/purchases", {
      params: { path: { clientId: "mobiledataplan", userKey }, query: q() },
      body: { planId },
    });
  const charges = async (transactionId: string) =>
    (await h.core.ledger("sub-asha")).filter((e) => e.transactionId === transactionId);

  it("When the DPA's answer to a purchase is lost, then GTAF retries with the same transactionId and the user is charged once", async () => {
    let lost = 0;
    h = await startStack({
      mock: {
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (
            String((input as Request).url).endsWith("/purchasePlan?key_type=MSISDN&client_id=mobiledataplan") &&
            lost++ === 0
          ) {
            await res.body?.cancel();
            throw new DOMException("The operation timed out.", "TimeoutError");
          }
          return res;
        },
      },
    });
    const { data } = await buy("daily-1gb");
    const record = data as PurchaseRecord;
    expect(record.state).toBe("SUCCEEDED");
    expect(record.attempts.map((a) => [a.outcome, a.status, a.cause])).toEqual([
      ["timeout", undefined, undefined],
      ["answered", 403, "DUPLICATE_TRANSACTION"],
    ]);
    const sent = exchanges(h, "purchasePlan").map((e) => (e.requestBody as { transactionId: string }).transactionId);
    expect(sent).toEqual([record.transactionId, record.transactionId]);
    expect(await charges(record.transactionId)).toHaveLength(1);
    expect(h.mock.purchases.size).toBe(1);
  });

  it("When the DPA never answers, then GTAF gives up after its attempts without ever starting a second transaction", async () => {
    h = await startStack({
      mock: {
        purchaseAttempts: 3,
        fetch: async (input, init) => {
          if (String((input as Request).url).includes("/purchasePlan")) throw new TypeError("fetch failed");
          return fetch(input, init);
        },
      },
    });
    const { data } = await buy("daily-1gb");
    expect(data?.state).toBe("ABANDONED");
    expect(data?.attempts.map((a) => a.outcome)).toEqual(["network_error", "network_error", "network_error"]);
    expect(
      new Set(exchanges(h, "purchasePlan").map((e) => (e.requestBody as { transactionId: string }).transactionId)).size,
    ).toBe(1);
  });

  it("When the DPA answers 503 with Retry-After, then the same transaction is retried only after that many seconds", async () => {
    let refused = 0;
    h = await startStack({
      mock: {
        fetch: async (input, init) => {
          if (String((input as Request).url).includes("/purchasePlan") && refused++ === 0)
            return new Response(JSON.stringify({ error: "Maintenance.", cause: "SERVICE_UNAVAILABLE" }), {
              status: 503,
              headers: { "Content-Type": "application/json", "Retry-After": "20" },
            });
          return fetch(input, init);
        },
      },
    });
    const { data } = await buy("daily-1gb");
    expect(data).toMatchObject({
      state: "RETRY_SCHEDULED",
      dpaStatus: 503,
      retryAt: new Date(h.clock.now() + 20_000).toISOString(),
    });
    h.clock.advance(19_999);
    expect(await h.mock.retryDuePurchases()).toHaveLength(0);
    h.clock.advance(1);
    expect(await h.mock.retryDuePurchases()).toHaveLength(1);
    const after = await h.gtaf.GET("/v1/purchases/{transactionId}", {
      params: { path: { transactionId: data!.transactionId } },
    });
    expect(after.data).toMatchObject({
      state: "SUCCEEDED",
      dpaStatus: 200,
      response: { transactionStatus: "SUCCESS" },
    });
    expect(await charges(data!.transactionId)).toHaveLength(1);
  });

  it("When a purchase is queued, then the DPA's callback reaches GTAF's callbackUrl and completes the record", async () => {
    h = await startStack();
    const { data } = await buy("roaming-7d");
    expect(data).toMatchObject({ state: "QUEUED", response: { transactionStatus: "TRANSACTION_STATUS_UNSPECIFIED" } });
    expect(data!.callbackUrl).toBe(`${h.mockServer.url}/v1/purchaseCallbacks/${data!.transactionId}`);
    await h.dpa.worker.tick();
    const after = await h.gtaf.GET("/v1/purchases/{transactionId}", {
      params: { path: { transactionId: data!.transactionId } },
    });
    expect(after.data).toMatchObject({
      state: "SUCCEEDED",
      callback: {
        transactionStatus: "SUCCESS",
        purchase: { planId: "roaming-7d", transactionId: data!.transactionId },
      },
      callbackReceivedAt: new Date(h.clock.now()).toISOString(),
    });
    expect(exchanges(h, "deliverTransactionResult").map((e) => e.status)).toEqual([200]);
  });

  it.each([
    ["an unknown plan", "gold-999", 400, "BAD_REQUEST"],
    ["a second base plan", "unlimited-base", 409, "INCOMPATIBLE_PLAN"],
    ["a postpaid add-on for a prepaid user", "postpaid-addon-10gb", 409, "INCOMPATIBLE_PLAN"],
  ])(
    "When the DPA refuses %s, then the purchase is FAILED with its status and cause",
    async (_, planId, status, cause) => {
      h = await startStack();
      const { data } = await buy(planId);
      expect(data).toMatchObject({ state: "FAILED", dpaStatus: status, cause });
    },
  );

  it.each([
    ["an unknown transaction", "nope", { transactionStatus: "SUCCESS" }, 404],
    [
      "another transaction's result",
      "mine",
      { transactionStatus: "SUCCESS", purchase: { planId: "p", transactionId: "theirs" } },
      400,
    ],
    ["a body that is not a TransactionResponse", "mine", { transactionStatus: "DONE" }, 400],
  ])("When a DPA delivers %s, then GTAF refuses it", async (_, id, body, status) => {
    h = await startStack();
    const { data } = await buy("daily-1gb");
    const transactionId = id === "mine" ? data!.transactionId : id;
    const res = await fetch(`${h.mockServer.url}/v1/purchaseCallbacks/${transactionId}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code: status } });
  });
});

describe("the GTAF mock in front of the reference DPA: registrations, pushes and tokens", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
  });
  afterAll(async () => h.close());

  const pushUrl = (userKey: string, operator = ASN) =>
    `${h.mockServer.url}/v1/operators/${operator}/clients/mobiledataplan/users/${userKey}/planStatus`;
  const status: PlanStatus = {
    plans: [],
    languageCode: "en-US",
    expireTime: "2026-11-22T11:00:00Z",
    updateTime: "2026-11-22T10:00:00Z",
  };

  it.each([
    ["a user who has not opted in", BEN, 403, "USER_OPT_OUT"],
    ["a roaming user", RAVI, 403, "USER_ROAMING"],
    ["an unknown MSISDN", "919999999999", 404, "INVALID_NUMBER"],
  ])("When GTAF registers %s, then the DPA's refusal is relayed", async (_, msisdn, code, cause) => {
    const res = await h.gtaf.POST("/v1/registrations", { body: { msisdn } });
    expect(res.error).toMatchObject({ error: { code, cause } });
  });

  it("When the DPA pushes for a registered MSISDN, then GTAF accepts until expirationTime and refuses after", async () => {
    const reg = await h.gtaf.POST("/v1/registrations", { body: { msisdn: ASHA } });
    expect(reg.data).toMatchObject({
      msisdn: ASHA,
      live: true,
      expirationTime: new Date(h.clock.now() + 3_600_000).toISOString(),
    });

    // A purchase changes Asha's plans: the reference DPA pushes her status with a token from GTAF's token endpoint.
    const bought = await h.gtaf.POST("/v1/clients/{clientId}/users/{userKey}/purchases", {
      params: { path: { clientId: "mobiledataplan", userKey: ASHA }, query: q() },
      body: { planId: "daily-1gb" },
    });
    expect(bought.data?.state).toBe("SUCCEEDED");
    const pushes = exchanges(h, "pushPlanStatus");
    expect(pushes.map((e) => e.status)).toEqual([200]);
    expect(pushes[0]!.responseBody).toMatchObject({
      name: `operators/${ASN}/clients/mobiledataplan/users/${ASHA}/planStatus`,
      notifications: ["NOTIFICATION_PLAN_ACTIVATION"],
    });
    expect(exchanges(h, "issueToken").map((e) => e.status)).toEqual([200]);
    expect(h.mock.pushed.get(`mobiledataplan|${ASHA}`)?.plans.map((p) => p.planId)).toContain("daily-1gb");

    h.clock.advance(3_599_999);
    await expect(
      new HttpPlanStatusPusher(h.mockServer.url, ASN, h.tokens()).push({
        clientId: "mobiledataplan",
        userKey: `+${ASHA}`,
        planStatus: status,
      }),
    ).resolves.toBeUndefined();
    h.clock.advance(1);
    await expect(
      new HttpPlanStatusPusher(h.mockServer.url, ASN, h.tokens()).push({
        clientId: "mobiledataplan",
        userKey: ASHA,
        planStatus: status,
      }),
    ).rejects.toThrow("GTAF refused the push: HTTP 404");
    expect(exchanges(h, "pushPlanStatus").at(-1)?.responseBody).toMatchObject({
      error: { code: 404, status: "NOT_FOUND", message: expect.stringContaining("expired") },
    });
    const state = await h.gtaf.GET("/mock/state");
    expect(state.data?.registrations).toEqual([expect.objectContaining({ msisdn: ASHA, live: false, pushes: 2 })]);
  });

  it.each([
    ["no token", undefined, ASN, 401, "UNAUTHENTICATED"],
    ["a token GTAF did not issue", "forged", ASN, 401, "UNAUTHENTICATED"],
    ["a token of another operator", "other", ASN, 403, "PERMISSION_DENIED"],
    ["a token for this operator used on another", "ours", "64501", 403, "PERMISSION_DENIED"],
    ["a user key never registered", "ours", ASN, 404, "NOT_FOUND"],
  ])("When a push comes with %s, then GTAF refuses it", async (_, token, operator, code, googleStatus) => {
    const bearer =
      token === "ours"
        ? await h.tokens()()
        : token === "other"
          ? await h.mock.options.signer.mintAccessToken({ subject: "x", operatorId: "64501", ttlSeconds: 60 })
          : token === "forged"
            ? await h.signer.mintForDpa()
            : undefined;
    const res = await fetch(pushUrl(token === "ours" && code === 404 ? LENA : ASHA, operator), {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(status),
    });
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ error: { code, status: googleStatus } });
    if (code === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="gtaf"/);
  });

  it.each([
    ["a wrong secret", { grant_type: "client_credentials" }, `${CLIENT.clientId}:nope`, 401, "invalid_client"],
    ["no credentials", { grant_type: "client_credentials" }, undefined, 401, "invalid_client"],
    [
      "an unsupported grant",
      { grant_type: "password" },
      `${CLIENT.clientId}:${CLIENT.clientSecret}`,
      400,
      "unsupported_grant_type",
    ],
    ["no grant type", {}, undefined, 400, "invalid_request"],
    [
      "a JWT-bearer grant without assertion",
      { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer" },
      undefined,
      400,
      "invalid_request",
    ],
    [
      "an assertion of an unknown account",
      { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "a.b.c" },
      undefined,
      400,
      "invalid_grant",
    ],
  ])("When the token endpoint gets %s, then it answers an RFC 6749 error", async (_, form, basic, status, error) => {
    const res = await fetch(`${h.mockServer.url}/oauth2/token`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(basic ? { Authorization: `Basic ${Buffer.from(basic).toString("base64")}` } : {}),
      },
      body: new URLSearchParams(form as Record<string, string>),
    });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("When a registered service account presents a signed assertion, then GTAF issues a token that pushes work with", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const account = "dpa@operator.iam.example";
    h.mock.options.serviceAccounts = [
      { id: account, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "sa1" }] } },
    ];
    const now = Math.floor(h.clock.now() / 1000);
    const assertion = await new SignJWT({ scope: "https://www.googleapis.com/auth/dataplansharing" })
      .setProtectedHeader({ alg: "ES256", kid: "sa1" })
      .setIssuer(account)
      .setSubject(account)
      .setAudience(`${h.mockServer.url}/oauth2/token`)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    const res = await fetch(`${h.mockServer.url}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    });
    expect(res.status).toBe(200);
    const token = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(token).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    await h.gtaf.POST("/v1/registrations", { body: { msisdn: LENA } });
    const push = await fetch(pushUrl(LENA), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify(status),
    });
    expect(push.status).toBe(200);
  });

  it("When the DPA fetches GTAF's JWKS, then it holds only public keys, and GTAF's calls verify against it", async () => {
    const res = await h.gtaf.GET("/.well-known/jwks.json");
    expect(res.data?.keys).toHaveLength(1);
    expect(res.data?.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
    expect(res.data?.keys[0]).not.toHaveProperty("d");
    const poll = await h.mock.poll();
    expect(poll.outcome).toBe("OPERATIONAL");
  });
});

describe("GTAF rules", () => {
  const module = { moduleName: "m", expirationTime: "2026-12-01T00:00:00Z", description: "d" };
  const base: PlanStatus = {
    plans: [],
    languageCode: "en",
    expireTime: "2026-12-01T00:00:00Z",
    updateTime: "2026-11-01T00:00:00Z",
  };
  const withModule = (m: Record<string, unknown>): PlanStatus => ({
    ...base,
    plans: [{ planModules: [{ ...module, ...m }] }],
  });

  it.each([
    [
      "a low balance with remaining bytes",
      withModule({ coarseBalanceLevel: "LOW_QUOTA", byteBalance: { remainingBytes: "1" } }),
      ["NOTIFICATION_LOW_BALANCE_WARNING"],
    ],
    ["a low balance without remaining bytes", withModule({ coarseBalanceLevel: "LOW_QUOTA" }), []],
    [
      "out of data on pay-as-you-go",
      withModule({ coarseBalanceLevel: "OUT_OF_DATA", overUsagePolicy: "PAY_AS_YOU_GO" }),
      ["NOTIFICATION_OUT_OF_DATA", "NOTIFICATION_PAYG"],
    ],
    [
      "a plan expiring soon",
      withModule({ planModuleState: "EXPIRING_SOON" }),
      ["NOTIFICATION_DATA_EXPIRATION_WARNING"],
    ],
    ["an expired plan", withModule({ planModuleState: "EXPIRED" }), ["NOTIFICATION_DATA_EXPIRED"]],
    [
      "a top-up with its balance",
      {
        ...base,
        accountInfo: {
          accountTopUp: { currencyCode: "INR", units: "100" },
          accountBalance: { currencyCode: "INR", units: "150" },
        },
      },
      ["NOTIFICATION_ACCOUNT_TOP_UP"],
    ],
    ["a top-up without balance", { ...base, accountInfo: { accountTopUp: { currencyCode: "INR", units: "100" } } }, []],
  ] as Array<[string, PlanStatus, string[]]>)("When a push carries %s, then GTAF sends %j", (_, pushed, expected) => {
    expect(notificationsFor(pushed)).toEqual(expected);
  });

  const now = Date.parse("2026-11-22T10:00:00Z");
  it.each([
    ["30", 30],
    [" 5 ", 5],
    ["Sun, 22 Nov 2026 10:01:00 GMT", 60],
    ["Sun, 22 Nov 2026 09:00:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("When Retry-After is %j, then GTAF waits %j seconds", (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
});
