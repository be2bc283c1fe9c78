import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createContractRouter,
  createObservability,
  HttpError,
  type Observability,
  type ObservabilityOptions,
  readMetric,
  runHealthChecks,
  startServer,
} from "../src/node.js";

/** A two-operation contract: one user-keyed path (the key must never become a label) and one plain path. */
const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/{userKey}/things": {
      get: {
        operationId: "getThings",
        parameters: [{ name: "userKey", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
          "401": { description: "no", content: { "application/json": { schema: { type: "object" } } } },
        },
      },
    },
    "/status": {
      get: {
        operationId: "getStatus",
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  },
};

const SECRET_KEY = "919876543210";

async function startApp(options: Partial<ObservabilityOptions> = {}) {
  const obs = createObservability({ service: "test", ...options });
  const app = express();
  app.use(obs.middleware);
  const admin = express.Router();
  admin.get("/users/:id", (req, res) => {
    res.json({ id: req.params.id });
  });
  app.use("/admin", admin);
  app.use(
    createContractRouter({
      document,
      handlers: {
        getThings: async () => ({ status: 200, body: { things: [] } }),
        getStatus: async () => ({ status: 200, body: {} }),
      } as never,
      errorBody: (e: HttpError) => ({ error: e.message, kind: e.kind }),
      before: [
        (req, _res, next) =>
          next(req.headers.authorization === "Bearer ok" ? undefined : new HttpError(401, "unauthorized", "token")),
      ],
    }),
  );
  const server = await startServer({ app, port: 0 });
  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/metrics`, { headers });
    return { res, text: await res.text() };
  };
  return { obs, server, scrape };
}

describe("observability: health", () => {
  const failing = async (): Promise<void> => {
    throw new Error("down");
  };
  const ok = async (): Promise<void> => undefined;
  it.each<[string, number, Record<string, unknown>, ObservabilityOptions["health"]]>([
    ["no checks", 200, { status: "ok", service: "test" }, undefined],
    ["passing checks", 200, { status: "ok", service: "test" }, [{ name: "store", check: ok }]],
    [
      "a failing check",
      503,
      { status: "degraded", service: "test", failed: ["charging"] },
      [
        { name: "store", check: ok },
        { name: "charging", check: failing },
      ],
    ],
    [
      "a report function saying degraded",
      503,
      { status: "degraded", service: "test", failed: ["store"] },
      async () => ({ ok: false, failed: ["store"] }),
    ],
  ])("When /healthz has %s, then it answers %s with the report as JSON", async (_, status, body, health) => {
    const { server } = await startApp({ health });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(body);
    } finally {
      await server.close();
    }
  });

  it("When a check never settles, then runHealthChecks reports it failed after the timeout", async () => {
    const report = await runHealthChecks(
      [
        { name: "hangs", check: () => new Promise<void>(() => undefined) },
        { name: "sync-ok", check: () => undefined },
        {
          name: "sync-throws",
          check: () => {
            throw new Error("x");
          },
        },
      ],
      20,
    );
    expect(report).toEqual({ ok: false, failed: ["hangs", "sync-throws"] });
  });

  it("When /healthz and /metrics are asked with HEAD, then they answer their status and headers with no body", async () => {
    const { server } = await startApp({ health: [{ name: "store", check: failing }] });
    try {
      const health = await fetch(`${server.url}/healthz`, { method: "HEAD" });
      expect([health.status, health.headers.get("content-type"), await health.text()]).toEqual([
        503,
        "application/json; charset=utf-8",
        "",
      ]);
      const metrics = await fetch(`${server.url}/metrics`, { method: "HEAD" });
      expect([metrics.status, await metrics.text()]).toEqual([200, ""]);
      expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
    } finally {
      await server.close();
    }
  });

  it("When /healthz is called without the contract's token, then it still answers (it is outside the contract)", async () => {
    const { server } = await startApp();
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/status`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

describe("observability: HTTP metrics", () => {
  let h: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    h = await startApp();
    const auth = { Authorization: "Bearer ok" };
    await fetch(`${h.server.url}/${SECRET_KEY}/things`, { headers: auth });
    await fetch(`${h.server.url}/${SECRET_KEY}/things`, { headers: auth });
    await fetch(`${h.server.url}/${SECRET_KEY}/things`);
    await fetch(`${h.server.url}/status`, { method: "POST", headers: auth });
    await fetch(`${h.server.url}/admin/users/${SECRET_KEY}`);
    await fetch(`${h.server.url}/no/such/${SECRET_KEY}/path`, { headers: auth });
    await fetch(`${h.server.url}/healthz`);
  });
  afterAll(async () => h.server.close());

  it.each([
    ["a contract operation answered", { operation: "getThings", method: "GET", status: "200" }, 2],
    ["a contract operation rejected by auth", { operation: "getThings", method: "GET", status: "401" }, 1],
    ["a non-contract route (by its template)", { operation: "/admin/users/:id", method: "GET", status: "200" }, 1],
    ["an unknown path", { operation: "(unmatched)", method: "GET", status: "404" }, 1],
    ["the health endpoint", { operation: "/healthz", method: "GET", status: "200" }, 1],
  ])("When there was %s, then http_requests_total counts it under its label", async (_, labels, count) => {
    const { text } = await h.scrape();
    expect(readMetric(text, "http_requests_total", labels)).toBe(count);
    expect(readMetric(text, "http_request_duration_seconds_count", labels)).toBe(count);
  });

  it("When requests carried a user key in the path, then no label value contains it", async () => {
    const { res, text } = await h.scrape();
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    expect(text).not.toContain(SECRET_KEY);
  });

  it("When a path is unknown, then it answers 404 in the contract body even without a token", async () => {
    const res = await fetch(`${h.server.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "No such operation.", kind: "not_found" });
    const known = await fetch(`${h.server.url}/${SECRET_KEY}/things`);
    expect(known.status).toBe(401);
  });
});

describe("observability: registries and options", () => {
  it("When two apps run in one process, then each has its own registry and counts", async () => {
    const a = await startApp();
    const b = await startApp();
    try {
      await fetch(`${a.server.url}/healthz`);
      await fetch(`${a.server.url}/healthz`);
      await fetch(`${b.server.url}/healthz`);
      const count = async (x: typeof a) =>
        readMetric((await x.scrape()).text, "http_requests_total", { operation: "/healthz" });
      expect([await count(a), await count(b)]).toEqual([2, 1]);
    } finally {
      await a.server.close();
      await b.server.close();
    }
  });

  it("When a metrics token is configured, then /metrics needs it and /healthz does not", async () => {
    const { server, scrape } = await startApp({ metricsToken: "s3cret-metrics" });
    try {
      const without = await scrape();
      expect(without.res.status).toBe(401);
      expect(without.res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(JSON.parse(without.text)).toEqual({ error: "The metrics token is required." });
      expect((await scrape({ Authorization: "Bearer wrong" })).res.status).toBe(401);
      expect((await scrape({ Authorization: "Bearer s3cret-metrics" })).res.status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("When exposeMetrics is false, then /metrics is not served on the app but metricsHandler serves it elsewhere", async () => {
    const { obs, server, scrape } = await startApp({ exposeMetrics: false });
    const side = await startServer({ app: (req, res) => (obs as Observability).metricsHandler(req, res), port: 0 });
    try {
      expect((await scrape()).res.status).toBe(404);
      const text = await (await fetch(`${side.url}/`)).text();
      expect(readMetric(text, "http_requests_total", { operation: "(unmatched)", status: "404" })).toBe(1);
    } finally {
      await server.close();
      await side.close();
    }
  });

  it.each([
    [true, "present"],
    [false, "absent"],
  ])("When defaultMetrics is %s, then process metrics are %s in the registry", async (defaultMetrics, expected) => {
    const obs = createObservability({ service: "x", defaultMetrics });
    const text = await obs.registry.metrics();
    expect(text.includes("process_cpu_user_seconds_total") ? "present" : "absent").toBe(expected);
  });

  it("When an app registers a domain counter, then it is exposed with its labels", async () => {
    const obs = createObservability({ service: "x" });
    const c = obs.counter("things_total", "Things.", ["outcome"]);
    c.inc({ outcome: "won" });
    c.inc({ outcome: "won" });
    expect(readMetric(await obs.registry.metrics(), "things_total", { outcome: "won" })).toBe(2);
  });
});
