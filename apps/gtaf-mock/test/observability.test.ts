import { readMetric } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, BEN, q, type Stack, startStack } from "./harness.js";

const scrape = async (url: string) => {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

describe("GTAF mock: health, metrics and unknown paths", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
  });
  afterAll(async () => h.close());

  it("When /healthz is called, then it answers 200 ok for the gtaf-mock", async () => {
    const res = await fetch(`${h.mockServer.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", service: "gtaf-mock" });
  });

  it.each(["/nope", "/v1/clients/mobiledataplan/users", "/v2/purchases/x"])(
    "When %s is called, then it answers 404 in the google.rpc.Status body",
    async (path) => {
      const res = await fetch(`${h.mockServer.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 404, status: "NOT_FOUND" } });
    },
  );

  it("When a phone asks twice within expireTime, then the mock counts a miss then a hit and the DPA sees one call", async () => {
    const path = { clientId: "mobiledataplan", userKey: ASHA };
    for (let i = 0; i < 2; i++) {
      const res = await h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", {
        params: { path, query: q() },
      });
      expect(res.response.status).toBe(200);
    }
    await h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planOffer", {
      params: { path: { clientId: "mobiledataplan", userKey: BEN }, query: q() },
    });
    const mock = await scrape(h.mockServer.url);
    expect({
      statusMiss: readMetric(mock, "gtaf_mock_cache_lookups_total", { operation: "getPlanStatus", result: "miss" }),
      statusHit: readMetric(mock, "gtaf_mock_cache_lookups_total", { operation: "getPlanStatus", result: "hit" }),
      offerMiss: readMetric(mock, "gtaf_mock_cache_lookups_total", { operation: "getPlanOffer", result: "miss" }),
    }).toEqual({ statusMiss: 1, statusHit: 1, offerMiss: 1 });
    expect(readMetric(mock, "http_requests_total", { operation: "getClientPlanStatus", status: "200" })).toBe(2);
    // The DPA runs in the same process with a registry of its own: it saw the miss only.
    const dpa = await scrape(h.dpaServer.url);
    expect(readMetric(dpa, "http_requests_total", { operation: "getPlanStatus", status: "200" })).toBe(1);
    expect(readMetric(dpa, "gtaf_mock_cache_lookups_total")).toBe(0);
    for (const text of [mock, dpa]) {
      expect(text).not.toContain(ASHA);
      expect(text).not.toContain(BEN);
    }
  });
});
