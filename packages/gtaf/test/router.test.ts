import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { openapiDocument as dpaDocument } from "@carrierkit/dpa";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGtafClient, GtafError, gtafTokenSource, openapiDocument, type PlanStatus } from "../src/index.js";
import { createGtafRouter, type GtafHandlers } from "../src/server.js";

const now = "2026-11-22T10:00:00Z";
const status: PlanStatus = { plans: [], languageCode: "en-US", expireTime: now, updateTime: now };
const record = {
  transactionId: "t1",
  planId: "p1",
  clientId: "mobiledataplan",
  userKey: "919876543210",
  keyType: "MSISDN" as const,
  callbackUrl: "http://localhost:4020/v1/purchaseCallbacks/t1",
  state: "SUCCEEDED" as const,
  attempts: [],
  createdAt: now,
};

/** A minimal GTAF on the router; the token endpoint echoes what it parsed. */
const handlers: GtafHandlers = {
  pushPlanStatus: ({ params }) => {
    if (params.userKey === "0") throw new GtafError(404, "No live registration for user key 0.");
    return { status: 200, body: { name: `operators/${params.operatorId}/planStatus`, notifications: [] } };
  },
  deliverTransactionResult: () => ({ status: 200 }),
  issueToken: ({ body }) => ({
    status: 200,
    body: { access_token: `${body.grant_type}:${body.scope ?? ""}`, token_type: "Bearer", expires_in: 60 },
  }),
  getJwks: () => ({ status: 200, body: { keys: [] } }),
  getClientPlanStatus: ({ params }) => {
    if (params.userKey === "crash") throw new Error("secret");
    return { status: 200, body: status };
  },
  getClientPlanOffer: () => ({ status: 200, body: { offers: [], expireTime: now } }),
  startPurchase: () => ({ status: 200, body: record }),
  getPurchase: () => ({ status: 200, body: record }),
  registerMsisdn: ({ body }) => ({
    status: 200,
    body: { msisdn: body.msisdn, expirationTime: now, registeredAt: now },
  }),
  listExchanges: () => ({ status: 200, body: { exchanges: [] } }),
  getMockState: () => ({
    status: 200,
    body: { dpaUrl: "http://dpa", operatorId: "64500", cache: [], registrations: [], purchases: [] },
  }),
  pollDpaStatus: () => ({ status: 200, body: { at: now, outcome: "OPERATIONAL", cacheCleared: false } }),
};

describe("createGtafRouter", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const app = express();
    app.use(createGtafRouter(handlers, { onUnexpectedError: () => undefined }));
    server = await startServer({ app, port: 0 });
  });
  afterAll(async () => server.close());

  it("When a DPA pushes a valid plan status with the typed client, then the handler's answer comes back", async () => {
    const gtaf = createGtafClient({ baseUrl: server.url, token: "t" });
    const { data } = await gtaf.POST("/v1/operators/{operatorId}/clients/{clientId}/users/{userKey}/planStatus", {
      params: { path: { operatorId: "64500", clientId: "mobiledataplan", userKey: "919876543210" } },
      body: status,
    });
    expect(data).toEqual({ name: "operators/64500/planStatus", notifications: [] });
  });

  it.each([
    [
      "a push without updateTime",
      "/v1/operators/64500/clients/mobiledataplan/users/1/planStatus",
      { method: "POST", body: JSON.stringify({ plans: [], languageCode: "en", expireTime: now }) },
      400,
      "INVALID_ARGUMENT",
    ],
    [
      "a push for an unregistered user",
      "/v1/operators/64500/clients/mobiledataplan/users/0/planStatus",
      { method: "POST", body: JSON.stringify(status) },
      404,
      "NOT_FOUND",
    ],
    [
      "an operator id that is not an ASN",
      "/v1/operators/acme/clients/mobiledataplan/users/1/planStatus",
      { method: "POST", body: JSON.stringify(status) },
      400,
      "INVALID_ARGUMENT",
    ],
    [
      "a device call without key_type",
      "/v1/clients/mobiledataplan/users/919876543210/planStatus",
      { method: "GET" },
      400,
      "INVALID_ARGUMENT",
    ],
    [
      "a handler crash",
      "/v1/clients/youtube/users/crash/planStatus?key_type=MSISDN",
      { method: "GET" },
      500,
      "INTERNAL",
    ],
    ["broken JSON", "/v1/registrations", { method: "POST", body: "{" }, 400, "INVALID_ARGUMENT"],
  ])("When GTAF gets %s, then it answers google.rpc.Status JSON", async (_, path, init, code, googleStatus) => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(code);
    const body = (await res.json()) as { error: { code: number; status: string; message: string } };
    expect(body.error).toMatchObject({ code, status: googleStatus });
    if (code === 500) expect(body.error.message).toBe("Internal error.");
  });

  it("When a DPA asks for a token with a form body, then the token endpoint gets the parsed fields", async () => {
    const token = gtafTokenSource({
      tokenUrl: `${server.url}/oauth2/token`,
      clientId: "dpa",
      clientSecret: "s3cret",
      scope: "x",
    });
    expect(await token()).toBe("client_credentials:x");
  });
});

describe("gtafTokenSource", () => {
  it("When the token is fresh, then it is reused; 30 s before expiry, then a new one is fetched", async () => {
    let t = 0;
    const seen: Array<{ auth: string | null; body: string }> = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen.push({ auth: new Headers(init.headers).get("authorization"), body: String(init.body) });
      return new Response(JSON.stringify({ access_token: `tok${seen.length}`, token_type: "Bearer", expires_in: 60 }));
    }) as unknown as typeof fetch;
    const token = gtafTokenSource({
      tokenUrl: "http://gtaf/oauth2/token",
      clientId: "a b",
      clientSecret: "p:w",
      now: () => t,
      fetch: fetchImpl,
    });
    expect(await token()).toBe("tok1");
    t = 29_999;
    expect(await token()).toBe("tok1");
    t = 30_000;
    expect(await token()).toBe("tok2");
    expect(seen[0]?.auth).toBe(`Basic ${Buffer.from("a%20b:p%3Aw").toString("base64")}`);
    expect(seen[0]?.body).toBe("grant_type=client_credentials");
  });

  it("When an assertion is given, then the JWT-bearer grant is used without Basic auth", async () => {
    const seen: Array<{ auth: string | null; body: string }> = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      seen.push({ auth: new Headers(init.headers).get("authorization"), body: String(init.body) });
      return new Response(JSON.stringify({ access_token: "j", token_type: "bearer", expires_in: 3600 }));
    }) as unknown as typeof fetch;
    const token = gtafTokenSource({ tokenUrl: "http://gtaf/oauth2/token", assertion: () => "a.b.c", fetch: fetchImpl });
    expect(await token()).toBe("j");
    expect(seen[0]).toEqual({
      auth: null,
      body: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c",
    });
  });

  it("When the token endpoint refuses, then the error names its status and OAuth error", async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ error: "invalid_client" }), { status: 401 })) as unknown as typeof fetch;
    const token = gtafTokenSource({ tokenUrl: "http://gtaf/t", clientId: "a", clientSecret: "b", fetch: fetchImpl });
    await expect(token()).rejects.toThrow("GTAF token endpoint answered 401 invalid_client");
  });
});

describe("the GTAF contract", () => {
  type Doc = { components: { schemas: Record<string, unknown> } };
  const gtafSchemas = (openapiDocument as unknown as Doc).components.schemas;
  const dpaSchemas = (dpaDocument as unknown as Doc).components.schemas;
  const shared = Object.keys(gtafSchemas).filter((name) => name in dpaSchemas);

  it("When a schema exists in both the DPA and the GTAF specs, then the copies are identical", () => {
    expect(shared).toEqual(expect.arrayContaining(["PlanStatus", "PlanOffer", "TransactionResponse", "ErrorCause"]));
    for (const name of shared) expect({ name, schema: gtafSchemas[name] }).toEqual({ name, schema: dpaSchemas[name] });
  });

  it("When a handler returns an undeclared status or a wrong body, then it does not compile", () => {
    const wrong: Partial<GtafHandlers> = {
      // @ts-expect-error 402 is not declared for pushPlanStatus
      pushPlanStatus: () => ({ status: 402, body: { name: "x", notifications: [] } }),
      // @ts-expect-error every JWK needs kty
      getJwks: () => ({ status: 200, body: { keys: [{ kid: "no kty" }] } }),
    };
    expect(Object.keys(wrong)).toHaveLength(2);
  });
});
