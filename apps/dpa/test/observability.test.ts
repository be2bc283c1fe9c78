import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readMetric } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, type Dpa, LENA, q, startDpa } from "./harness.js";

const scrape = async (h: Dpa, headers: Record<string, string> = {}) => {
  const res = await fetch(`${h.url}/metrics`, { headers });
  return { res, text: await res.text() };
};

describe("reference DPA: health, metrics and unknown paths", () => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa();
  });
  afterAll(async () => h.close());

  it("When /healthz is called without a token, then it answers 200 ok for the dpa", async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", service: "dpa" });
  });

  it.each([
    ["without a token", {}],
    ["with a valid token", "token"],
  ] as const)("When an unknown path is called %s, then the DPA answers 404 in its error body", async (_, auth) => {
    for (const path of ["/nope", `/${ASHA}/dataPlanStatus?key_type=MSISDN`, "/a/b/c/d"]) {
      const headers: Record<string, string> = auth === "token" ? { Authorization: `Bearer ${h.token}` } : {};
      const res = await fetch(`${h.url}${path}`, { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: "No such operation.", cause: "ERROR_CAUSE_UNSPECIFIED" });
      expect(res.headers.get("www-authenticate")).toBeNull();
    }
  });

  it.each([
    ["GET", `/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`],
    ["GET", `/${ASHA}/planOffer?key_type=MSISDN&client_id=mobiledataplan`],
    ["POST", `/${ASHA}/purchasePlan?key_type=MSISDN&client_id=mobiledataplan`],
    ["POST", `/${ASHA}/consent?key_type=MSISDN&client_id=mobiledataplan`],
    ["GET", `/${ASHA}/Eligibility/daily-1gb?key_type=MSISDN`],
    ["GET", `/${ASHA}/eligibility?key_type=MSISDN`],
    ["POST", "/register"],
    ["GET", "/dpaStatus"],
  ])("When %s %s is called without a token, then it still answers 401", async (method, path) => {
    const res = await fetch(`${h.url}${path}`, { method });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="dpa"/);
  });

  it("When purchases are made over HTTP, then /metrics counts their outcomes and labels requests by operationId", async () => {
    const before = (await scrape(h)).text;
    const buy = (userKey: string, planId: string, transactionId: string) =>
      h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey }, query: q() },
        body: { planId, transactionId },
      });
    expect((await buy(ASHA, "daily-1gb", "obs-ok-1")).response.status).toBe(200);
    expect((await buy(ASHA, "daily-1gb", "obs-ok-1")).response.status).toBe(403);
    expect((await buy(LENA, "weekly-5gb", "obs-poor-1")).response.status).toBe(402);
    const { res, text } = await scrape(h);
    expect(res.status).toBe(200);
    const delta = (name: string, labels: Record<string, string>) =>
      readMetric(text, name, labels) - readMetric(before, name, labels);
    expect({
      succeeded: delta("dpa_purchases_total", { result: "succeeded", cause: "none" }),
      duplicate: delta("dpa_purchases_total", { result: "duplicate", cause: "none" }),
      poor: delta("dpa_purchases_total", { result: "failed", cause: "INSUFFICIENT_BALANCE" }),
      http200: delta("http_requests_total", { operation: "purchasePlan", method: "POST", status: "200" }),
      http403: delta("http_requests_total", { operation: "purchasePlan", method: "POST", status: "403" }),
      http402: delta("http_requests_total", { operation: "purchasePlan", method: "POST", status: "402" }),
      timed: delta("http_request_duration_seconds_count", { operation: "purchasePlan", method: "POST" }),
    }).toEqual({ succeeded: 1, duplicate: 1, poor: 1, http200: 1, http403: 1, http402: 1, timed: 3 });
  });

  it("When a user key is in the path, then it never becomes a label value", async () => {
    await h.fetch(`/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`);
    await h.fetch(`/${h.demo.cpids.valid}/planStatus?key_type=CPID&client_id=mobiledataplan`);
    await h.fetch(`/${ASHA}/nothingHere`);
    const { text } = await scrape(h);
    expect(readMetric(text, "http_requests_total", { operation: "getPlanStatus", status: "200" })).toBeGreaterThan(0);
    expect(readMetric(text, "http_requests_total", { operation: "(unmatched)", status: "404" })).toBeGreaterThan(0);
    expect(text).not.toContain(ASHA);
    expect(text).not.toContain(LENA);
    expect(text).not.toContain(h.demo.cpids.valid);
  });

  it("When /healthz and /metrics are called, then no token is needed and health is counted under its own label", async () => {
    await fetch(`${h.url}/healthz`);
    const { res, text } = await scrape(h);
    expect(res.status).toBe(200);
    expect(readMetric(text, "http_requests_total", { operation: "/healthz", method: "GET", status: "200" })).toBe(
      readMetric(text, "http_request_duration_seconds_count", { operation: "/healthz" }),
    );
    expect(readMetric(text, "http_requests_total", { operation: "/healthz" })).toBeGreaterThan(0);
  });
});

describe("reference DPA: health of the back ends, callback metrics and the metrics token", () => {
  it("When a back end fails, then /healthz answers 503 degraded naming it (and dpaStatus agrees)", async () => {
    const h = await startDpa("sqlite", {
      backends: [
        {
          name: "charging",
          check: async () => {
            throw new Error("down");
          },
        },
      ],
    });
    try {
      const res = await fetch(`${h.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "degraded", service: "dpa", failed: ["charging"] });
      expect(h.dpa.health.degraded()).toBe(true);
      const status = await h.fetch("/dpaStatus");
      expect(status.status).toBe(500);
    } finally {
      await h.close();
    }
  });

  it("When the worker delivers callbacks, then dpa_callback_deliveries_total counts each outcome", async () => {
    const statuses = [503, 200];
    const received: string[] = [];
    const gtaf: Server = createServer((req, res) => {
      received.push(req.url ?? "");
      req.resume();
      req.on("end", () => {
        res.statusCode = statuses.shift() ?? 400;
        res.end();
      });
    });
    await new Promise<void>((r) => gtaf.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(gtaf.address() as AddressInfo).port}`;
    const h = await startDpa();
    try {
      const queued = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body: { planId: "roaming-7d", transactionId: "obs-queued-1", callbackUrl: `${url}/cb/1` },
      });
      expect(queued.response.status).toBe(200);
      await h.dpa.worker.tick(); // settles the purchase; delivery → 503 (retry)
      h.clock.advance(1000);
      await h.dpa.worker.tick(); // → 200 (delivered)
      const rejected = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body: { planId: "roaming-7d", transactionId: "obs-queued-2", callbackUrl: `${url}/cb/2` },
      });
      expect(rejected.response.status).toBe(200);
      await h.dpa.worker.tick(); // → 400 (abandoned: permanent)
      expect(received).toEqual(["/cb/1", "/cb/1", "/cb/2"]);
      const { text } = await scrape(h);
      expect(
        ["delivered", "retry", "abandoned"].map((outcome) =>
          readMetric(text, "dpa_callback_deliveries_total", { outcome }),
        ),
      ).toEqual([1, 1, 1]);
      expect(readMetric(text, "dpa_purchases_total", { result: "queued", cause: "none" })).toBe(2);
      // The second roaming pack cannot be held next to the first: the worker settles it as failed.
      expect(readMetric(text, "dpa_queued_purchases_settled_total", { result: "succeeded", cause: "none" })).toBe(1);
      expect(readMetric(text, "dpa_queued_purchases_settled_total")).toBe(2);
    } finally {
      await h.close();
      await new Promise<void>((r) => gtaf.close(() => r()));
    }
  });

  it("When a metrics token is set, then /metrics needs it (in the DPA error body) and /healthz does not", async () => {
    const h = await startDpa("sqlite", { observability: { metricsToken: "metrics-test-token" } });
    try {
      const denied = await scrape(h);
      expect(denied.res.status).toBe(401);
      expect(JSON.parse(denied.text)).toEqual({
        error: "The metrics token is required.",
        cause: "ERROR_CAUSE_UNSPECIFIED",
      });
      // The contract's bearer token is not the metrics token.
      expect((await scrape(h, { Authorization: `Bearer ${h.token}` })).res.status).toBe(401);
      const allowed = await scrape(h, { Authorization: "Bearer metrics-test-token" });
      expect(allowed.res.status).toBe(200);
      expect(allowed.text).toContain("# TYPE dpa_purchases_total counter");
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
