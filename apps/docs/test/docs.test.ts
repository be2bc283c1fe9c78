import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsHandler, siteDir } from "../src/server.js";

describe("rendered API docs", () => {
  let server: RunningServer;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(siteDir, "..", "scripts", "build-docs.mjs")], { stdio: "ignore" });
    server = await startServer({ app: docsHandler(), port: 0 });
  }, 120_000);
  afterAll(async () => server?.close());

  it("When the docs are built, then the DPA page is self-contained and lists every operation", () => {
    const html = readFileSync(join(siteDir, "dpa.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    for (const text of ["Buy a plan for a user", "Report the DPA", "getPlanStatus", "Data Plan Agent API (0.1.0)"]) {
      expect(html).toContain(text);
    }
  });

  it("When the server is asked for the index, a page, the spec or a path outside the site, then it answers accordingly", async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('href="dpa.html"');
    const spec = await fetch(`${server.url}/dpa.yaml`);
    expect(await spec.text()).toContain("title: Data Plan Agent API");
    expect((await fetch(`${server.url}/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/dpa.html`, { method: "POST" })).status).toBe(405);
  });
});
