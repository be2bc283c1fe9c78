import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConformanceReport,
  checks,
  formatTable,
  runConformance,
  strictChecks,
  suite,
  writeReports,
} from "../src/index.js";
import { demoUsers, type ReferenceDpa, startReferenceDpa } from "./harness.js";

const byStatus = (report: ConformanceReport, status: string) =>
  report.results.filter((r) => r.status === status).map((r) => r.name);

describe("the default profile against the reference DPA", () => {
  let h: ReferenceDpa;
  let report: ConformanceReport;
  const progress: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  beforeAll(async () => {
    h = await startReferenceDpa();
    report = await runConformance({
      dpaUrl: h.url,
      signer: h.signer,
      clock: h.clock.now,
      callbackTimeoutMs: 5000,
      ...demoUsers(h.demo),
      onProgress: (r, i, n) => progress.push(`${i + 1}/${n} ${r.name} ${r.status}`),
    });
  }, 60_000);
  afterAll(async () => h.close());

  it("When every input is given, then every check passes except the 429 one, which is skipped for want of --flood", () => {
    expect(report.results.filter((r) => r.status === "fail").map((r) => [r.name, r.reasons])).toEqual([]);
    expect(byStatus(report, "skip")).toEqual(["rate-limit.retry-after"]);
    expect(report.results.find((r) => r.status === "skip")?.reasons).toEqual([
      "needs --flood (a number of concurrent requests that exceeds the DPA's rate limit)",
    ]);
    expect(report.profile).toBe("default");
    expect(report.summary).toEqual({ pass: checks.length - 1, fail: 0, skip: 1, total: checks.length });
    expect(report.results.map((r) => r.name)).toEqual(checks.map((k) => k.name));
    expect(report.results.some((r) => r.name.startsWith("strict."))).toBe(false);
    expect(progress).toHaveLength(checks.length);
    expect(progress[0]).toBe(`1/${checks.length} auth.missing-token pass`);
  });

  it("When the suite has run, then it covered every DPA operation and validated every answer", () => {
    const operations = new Set(
      report.results.flatMap((r) =>
        r.calls.map((c) => `${c.method} ${new URL(c.url).pathname.replace(/^\/[^/]+\//, "/{userKey}/")}`),
      ),
    );
    for (const op of [
      "GET /dpaStatus",
      "GET /{userKey}/planStatus",
      "GET /{userKey}/planOffer",
      "POST /{userKey}/purchasePlan",
      "POST /{userKey}/consent",
      "GET /{userKey}/Eligibility",
      "POST /register",
    ])
      expect([...operations].some((o) => o.startsWith(op))).toBe(true);
    expect(report.results.flatMap((r) => r.calls.flatMap((c) => c.violations))).toEqual([]);
    const callback = report.results.find((r) => r.name === "callback.delivery")!;
    expect(callback.calls.at(-1)?.requestBody).toMatchObject({ transactionStatus: "SUCCESS" });
  });

  it("When the reports are written, then the JSON round-trips and the HTML is self-contained", () => {
    const files = writeReports(report, dir);
    expect(JSON.parse(readFileSync(files.json, "utf8"))).toEqual(report);
    const html = readFileSync(files.html, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain("carrierkit-conformance, profile default");
    for (const r of report.results) expect(html).toContain(r.name);
    expect(formatTable(report)).toContain(
      `${checks.length - 1} passed, 0 failed, 1 skipped of ${checks.length} checks against ${h.url}`,
    );
    expect(formatTable(report)).not.toContain("(profile");
  });
});

describe("the strict profile against the reference DPA (which sends every field the guide requires)", () => {
  let h: ReferenceDpa;
  let report: ConformanceReport;
  beforeAll(async () => {
    h = await startReferenceDpa();
    report = await runConformance({
      dpaUrl: h.url,
      signer: h.signer,
      clock: h.clock.now,
      callbackTimeoutMs: 5000,
      profile: "strict",
      ...demoUsers(h.demo),
    });
  }, 60_000);
  afterAll(async () => h.close());

  it("When the strict suite runs, then its extra checks run after the read-only ones and pass like all the others", () => {
    const strict = strictChecks.map((k) => k.name);
    expect(strict).toEqual([
      "strict.plan-expiration-time",
      "strict.plan-offer-language-code",
      "strict.offer-language-code",
    ]);
    expect(report.profile).toBe("strict");
    expect(report.results.map((r) => r.name)).toEqual(suite("strict").map((k) => k.name));
    const names = report.results.map((r) => r.name);
    expect(names.indexOf("strict.plan-expiration-time")).toBe(names.indexOf("cache.lifetimes") + 1);
    expect(report.results.filter((r) => r.status === "fail").map((r) => [r.name, r.reasons])).toEqual([]);
    expect(byStatus(report, "skip")).toEqual(["rate-limit.retry-after"]);
    expect(report.results.filter((r) => strict.includes(r.name)).map((r) => r.status)).toEqual([
      "pass",
      "pass",
      "pass",
    ]);
    expect(report.summary.total).toBe(checks.length + 3);
    expect(formatTable(report)).toContain(`checks against ${h.url} (profile strict)`);
  });
});
