import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_RECORDED_BODY } from "../src/index.js";
import { ASHA, ASN, CLIENT, exchanges, type Stack, startStack } from "./harness.js";

describe("GTAF mock: the token endpoint's rejections are RFC 6749 bodies", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
  });
  afterAll(async () => h.close());

  const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
  const form = "application/x-www-form-urlencoded";
  it.each([
    ["an unknown query parameter", "?__proto__=x", form, "grant_type=client_credentials"],
    ["a query with a bad escape", "?a=%E0%A4%A", form, "grant_type=client_credentials"],
    ["a JSON body in UTF-16", "", "application/json; charset=utf-16", "grant_type=client_credentials"],
    ["truncated JSON", "", "application/json", '{"grant_type":'],
  ])("When the token endpoint gets %s, then it answers 400 invalid_request", async (_what, query, type, body) => {
    const res = await fetch(`${h.mockServer.url}/oauth2/token${query}`, {
      method: "POST",
      headers: { Authorization: basic, "Content-Type": type },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_request", error_description: expect.any(String) });
  });

  it("When another operation gets a malformed request, then its 400 stays google.rpc.Status", async () => {
    const res = await fetch(`${h.mockServer.url}/v1/registrations?__proto__=x`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ msisdn: ASHA }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 400, message: expect.any(String), status: "INVALID_ARGUMENT" } });
  });
});

describe("GTAF mock: what hostile requests leave behind in the exchange recorder", () => {
  let h: Stack;
  let token: string;
  beforeAll(async () => {
    h = await startStack();
    token = await h.tokens()();
  });
  afterAll(async () => h.close());

  const push = (body: string) =>
    fetch(`${h.mockServer.url}/v1/operators/${ASN}/clients/mobiledataplan/users/${ASHA}/planStatus`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body,
    });

  it("When the DPA pushes arrays nested 20,000 deep, then the push is a 400 and the exchanges still list (JSON and HTML) with that body cut short", async () => {
    const res = await push(`${"[".repeat(20_000)}${"]".repeat(20_000)}`);
    expect(res.status).toBe(400);
    const json = await fetch(`${h.mockServer.url}/mock/exchanges?format=json`);
    expect(json.status).toBe(200);
    const html = await fetch(`${h.mockServer.url}/mock/exchanges?format=html`);
    expect(html.status).toBe(200);
    const recorded = exchanges(h, "pushPlanStatus").at(-1)!;
    expect(recorded.status).toBe(400);
    expect(typeof recorded.requestBody).toBe("string");
    expect((recorded.requestBody as string).length).toBeLessThanOrEqual(MAX_RECORDED_BODY + 1);
  });

  it("When the DPA pushes a 60 KB document, then the recorder keeps at most MAX_RECORDED_BODY characters of it", async () => {
    const res = await push(JSON.stringify({ plans: [], pad: "x".repeat(60_000) }));
    expect(res.status).toBe(400);
    const recorded = exchanges(h, "pushPlanStatus").at(-1)!;
    expect(String(recorded.requestBody).length).toBeLessThanOrEqual(MAX_RECORDED_BODY + 1);
  });
});

describe("GTAF mock: the state requests leave behind is bounded", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack({ mock: { maxEntries: 3 } });
  });
  afterAll(async () => h.close());

  const user = `/v1/clients/mobiledataplan/users/${ASHA}`;

  it("When phones ask in 8 different languages, then the cache keeps the newest 3 answers", async () => {
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${h.mockServer.url}${user}/planStatus?key_type=MSISDN`, {
        headers: { "Accept-Language": `x-hostile-${i}` },
      });
      expect(res.status).toBe(200);
    }
    expect(h.mock.cache.size).toBe(3);
  });

  it("When 5 purchases are started, then the newest 3 are kept and the oldest is forgotten (404)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${h.mockServer.url}${user}/purchases?key_type=MSISDN`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": `x-${i}` },
        body: JSON.stringify({ planId: "no-such-plan" }),
      });
      expect(res.status).toBe(200);
      ids.push(((await res.json()) as { transactionId: string }).transactionId);
    }
    expect(h.mock.purchases.size).toBe(3);
    expect((await fetch(`${h.mockServer.url}/v1/purchases/${ids[0]}`)).status).toBe(404);
    expect((await fetch(`${h.mockServer.url}/v1/purchases/${ids[4]}`)).status).toBe(200);
  });

  it("When the DPA pushes for 6 different client ids, then the newest 3 pushed statuses are kept", async () => {
    await h.gtaf.POST("/v1/registrations", { body: { msisdn: ASHA } });
    const token = await h.tokens()();
    const now = h.clock.now();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${h.mockServer.url}/v1/operators/${ASN}/clients/client-${i}/users/${ASHA}/planStatus`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          plans: [],
          languageCode: "en-US",
          expireTime: new Date(now + 60_000).toISOString(),
          updateTime: new Date(now).toISOString(),
        }),
      });
      expect(res.status).toBe(200);
    }
    expect(h.mock.pushed.size).toBe(3);
    expect(h.mock.cache.size).toBeLessThanOrEqual(3);
  });
});
