import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, readMetric, startServer } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsHandler } from "../src/server.js";

describe("docs server: health, metrics and unknown paths", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "carrierkit-docs-"));
    writeFileSync(join(dir, "index.html"), "<h1>docs</h1>");
    writeFileSync(join(dir, "dpa.html"), "<h1>dpa</h1>");
    server = await startServer({ app: docsHandler(dir), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("When /healthz is called, then it answers 200 ok for the docs as JSON", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", service: "docs" });
  });

  it("When pages and unknown paths are served, then /metrics counts them as static and (unmatched), never by path", async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect((await fetch(`${server.url}/dpa.html`)).status).toBe(200);
    const missing = await fetch(`${server.url}/919876543210.html`);
    expect(missing.status).toBe(404);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(readMetric(text, "http_requests_total", { operation: "static", method: "GET", status: "200" })).toBe(2);
    expect(readMetric(text, "http_requests_total", { operation: "(unmatched)", method: "GET", status: "404" })).toBe(1);
    expect(text).not.toContain("dpa.html");
    expect(text).not.toContain("919876543210");
  });

  it("When a metrics token is configured, then /metrics needs it", async () => {
    const guarded = await startServer({ app: docsHandler(dir, { metricsToken: "docs-metrics-token" }), port: 0 });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, { headers: { Authorization: "Bearer docs-metrics-token" } });
      expect(ok.status).toBe(200);
      expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
