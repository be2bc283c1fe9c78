import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDpaClient, DpaError, normalizeDpaError } from "../src/index.js";
import { createDpaRouter, type DpaHandlers } from "../src/server.js";

const now = "2026-11-22T10:00:00Z";

/** A minimal DPA on the router, with deliberate contract violations behind some user keys. */
const handlers: DpaHandlers = {
  getPlanStatus: ({ params }) => {
    if (params.userKey === "bad-shape")
      return { status: 200, body: { plans: [], languageCode: "en-US", expireTime: now } as never };
    if (params.userKey === "undeclared-status")
      throw new DpaError(402, "PAYMENT_MISSING", "planStatus does not declare 402");
    if (params.userKey === "crash") throw new Error("secret database password in this message");
    return { status: 200, body: { plans: [], languageCode: "en-US", expireTime: now, updateTime: now } };
  },
  getPlanOffer: () => ({ status: 200, body: { offers: [], expireTime: now } }),
  purchasePlan: ({ body }) => ({
    status: 200,
    body: { transactionStatus: "SUCCESS", purchase: { planId: body.planId, transactionId: body.transactionId } },
  }),
  setConsentStatus: () => ({ status: 200 }),
  getPlanEligibility: ({ params }) => ({ status: 200, body: { eligiblePlans: [{ planId: params.planId }] } }),
  listEligiblePlans: () => ({ status: 200, body: { eligiblePlans: [] } }),
  recordOfferOptOut: ({ body }) => ({ status: 200, body: { optedOut: body.optOut } }),
  registerMsisdn: ({ body }) => ({ status: 200, body: { msisdn: body.msisdn, expirationTime: now } }),
  getDpaStatus: () => ({ status: 200, body: { status: "OPERATIONAL" } }),
};

describe("createDpaRouter", () => {
  let server: RunningServer;
  const unexpected: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    app.use(createDpaRouter(handlers, { onUnexpectedError: (e) => unexpected.push(e) }));
    server = await startServer({ app, port: 0 });
  });
  afterAll(async () => server.close());

  const q = { key_type: "MSISDN", client_id: "mobiledataplan" } as const;

  it("When a handler answers as the spec says, then the typed client gets the body", async () => {
    const client = createDpaClient({ baseUrl: server.url });
    const { data } = await client.GET("/{userKey}/planStatus", { params: { path: { userKey: "ok" }, query: q } });
    expect(data).toEqual({ plans: [], languageCode: "en-US", expireTime: now, updateTime: now });
  });

  it.each([
    ["a body that violates the schema", "bad-shape", /updateTime/],
    ["a status the operation does not declare", "undeclared-status", /402/],
    ["an exception", "crash", /secret database password/],
  ])(
    "When a handler returns %s, then the client gets a 500 {error, cause} without internals",
    async (_, userKey, why) => {
      const reported = unexpected.length;
      const res = await fetch(`${server.url}/${userKey}/planStatus?key_type=MSISDN&client_id=mobiledataplan`);
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body).toEqual({ error: "Internal error.", cause: "ERROR_CAUSE_UNSPECIFIED" });
      // Each violation reaches onUnexpectedError once (the operator's log), with what went wrong.
      expect(unexpected).toHaveLength(reported + 1);
      const report = unexpected.at(-1) as { message?: string; errors?: unknown };
      expect(`${report.message} ${JSON.stringify(report.errors ?? "")}`).toMatch(why);
    },
  );

  it("When the client is created, then it sends Cache-Control: no-cache and the bearer token like GTAF", async () => {
    const seen: Headers[] = [];
    const client = createDpaClient({
      baseUrl: server.url,
      token: async () => "t0k3n",
      acceptLanguage: "pl-PL",
      fetch: async (req: Request) => {
        seen.push(req.headers);
        return fetch(req);
      },
    });
    await client.GET("/dpaStatus");
    expect(seen[0]?.get("cache-control")).toBe("no-cache");
    expect(seen[0]?.get("authorization")).toBe("Bearer t0k3n");
    expect(seen[0]?.get("accept-language")).toBe("pl-PL");
  });

  it("When the lower-case eligibility path is used, then it reaches the documented operation", async () => {
    const res = await fetch(`${server.url}/u/eligibility/p1?key_type=MSISDN`);
    expect(await res.json()).toEqual({ eligiblePlans: [{ planId: "p1" }] });
  });
});

describe("error bodies", () => {
  it.each([
    [
      { error: "seed 004 field", cause: "BAD_CPID" },
      { message: "seed 004 field", cause: "BAD_CPID" },
    ],
    [
      { errorMessage: "current reference field", cause: "INVALID_NUMBER" },
      { message: "current reference field", cause: "INVALID_NUMBER" },
    ],
    [{ cause: "BAD_CPID" }, undefined],
    ["text", undefined],
  ])("When a DPA answers %j, then normalizeDpaError reads it as %j", (body, expected) => {
    expect(normalizeDpaError(body)).toEqual(expected);
  });
});
