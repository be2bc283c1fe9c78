import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { parseAmount } from "@carrierkit/operator-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConformanceOptions,
  type ConformanceReport,
  checks,
  conformance,
  formatTable,
  renderHtml,
  runConformance,
  writeReports,
} from "../src/index.js";
import { brokenDpa } from "./fixtures/broken-dpa.js";
import { ASHA, AUDIENCE, BEN, ISSUER, LENA, RAVI, type Stack, startStack, TestClock } from "./harness.js";

const demoUsers = (h: { demo: Stack["demo"] }): Partial<ConformanceOptions> => ({
  msisdn: ASHA,
  cpid: h.demo.cpids.valid,
  expiredCpid: h.demo.cpids.expired,
  roamingMsisdn: RAVI,
  optedOutMsisdn: BEN,
  registerMsisdn: ASHA,
  purchase: { msisdn: ASHA, planId: "daily-1gb" },
  insufficientBalance: { msisdn: LENA, planId: "weekly-5gb" },
  incompatible: { msisdn: ASHA, planId: "postpaid-addon-10gb" },
  queued: { msisdn: ASHA, planId: "roaming-7d" },
});

const byStatus = (report: ConformanceReport, status: string) =>
  report.results.filter((r) => r.status === status).map((r) => r.name);

describe("the conformance suite against the reference DPA", () => {
  let h: Stack;
  let report: ConformanceReport;
  const progress: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "gtaf-conformance-"));
  beforeAll(async () => {
    h = await startStack();
    // Enough balance for the purchase and the queued plan both.
    await h.core.topUp("sub-asha", "INR", parseAmount("1000"), h.clock.now());
    h.dpa.start({ workerIntervalMs: 20, healthIntervalMs: 60_000 });
    report = await runConformance({
      dpaUrl: h.dpaServer.url,
      signer: h.signer,
      clock: h.clock.now,
      callbackTimeoutMs: 5000,
      ...demoUsers(h),
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
    expect(report.summary).toEqual({ pass: checks.length - 1, fail: 0, skip: 1, total: checks.length });
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
    for (const r of report.results) expect(html).toContain(r.name);
    expect(formatTable(report)).toContain(
      `${checks.length - 1} passed, 0 failed, 1 skipped of ${checks.length} checks`,
    );
  });
});

describe("the conformance suite against a deliberately broken DPA", () => {
  let server: RunningServer;
  let report: ConformanceReport;
  const clock = new TestClock();
  beforeAll(async () => {
    server = await startServer({ app: brokenDpa(clock.now), port: 0 });
    const h = await startStack();
    try {
      report = await runConformance({
        dpaUrl: server.url,
        signer: h.signer,
        clock: clock.now,
        callbackTimeoutMs: 300,
        ...demoUsers(h),
        expiredCpid: "an-expired-cpid",
      });
    } finally {
      await h.close();
    }
  }, 60_000);
  afterAll(async () => server.close());

  it("When the DPA breaks the contract, then exactly the checks aimed at its defects fail, by name", () => {
    expect(byStatus(report, "fail")).toEqual([
      "auth.missing-token",
      "auth.foreign-key",
      "auth.wrong-audience",
      "auth.expired-token",
      "planStatus.cpid",
      "planStatus.unknown-user",
      "planStatus.expired-cpid",
      "planStatus.bad-key-type",
      "planStatus.missing-client-id",
      "planOffer.msisdn",
      "i18n.accept-language",
      "cache.no-cache",
      "eligibility.one",
      "eligibility.invalid-plan",
      "eligibility.incompatible",
      "consent.record",
      "purchase.not-json",
      "purchase.invalid-plan",
      "purchase.idempotency",
      "callback.delivery",
      "register.opted-out",
    ]);
    expect(byStatus(report, "pass")).toEqual(
      expect.arrayContaining([
        "dpaStatus.operational",
        "planStatus.msisdn",
        "planStatus.roaming",
        "planOffer.context",
        "cache.lifetimes",
        "purchase.incompatible",
        "purchase.malformed",
        "register.ok",
      ]),
    );
  });

  it.each([
    ["auth.missing-token", "dpaStatus without a token: expected 401, got 200"],
    ["planStatus.unknown-user", "getPlanStatus 404 body must have required property 'cause'"],
    ["planStatus.expired-cpid", "planStatus of an expired CPID: expected 410, got 404"],
    ["purchase.not-json", "purchasePlan 400: the body is not JSON"],
    ["planOffer.msisdn", "is not in the future"],
    [
      "i18n.accept-language",
      "Accept-Language hi-IN answered languageCode fr-FR: neither that language nor the default en-US",
    ],
    ["cache.no-cache", "with no-cache, updateTime"],
    ["eligibility.one", 'eligiblePlans is [{"planId":"daily-1gb"},{"planId":"weekly-5gb"}], not only daily-1gb'],
    ["consent.record", "setConsentStatus 200 declares no body, but one was sent"],
    ["purchase.idempotency", "the same transactionId again: expected 403, got 200"],
    ["callback.delivery", "no callback reached callbackUrl within 0.3 s"],
    ["register.opted-out", "register of an opted-out user: expected 403, got 200"],
  ])("When %s fails, then its reasons say why", (name, reason) => {
    const result = report.results.find((r) => r.name === name)!;
    expect(result.reasons.join("\n")).toContain(reason);
  });

  it("When the HTML report is rendered, then failures are marked and their reasons escaped", () => {
    const html = renderHtml(report);
    expect(html).toContain('<td class="fail">FAIL</td>');
    expect(html).toContain("eligiblePlans is [{&quot;planId&quot;");
  });
});

describe("carrierkit-gtaf conformance (CLI)", () => {
  let h: Stack;
  let broken: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), "gtaf-cli-"));
  const keyFile = join(dir, "gtaf.jwk.json");
  beforeAll(async () => {
    // The CLI mints its tokens on the real clock; the DPA refuses an iat ahead of its own clock, so it runs on it too.
    h = await startStack({ keyFile, clockAt: Date.now() });
    broken = await startServer({ app: brokenDpa(Date.now), port: 0 });
  });
  afterAll(async () => {
    await broken.close();
    await h.close();
  });
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await conformance(
      [...args, "--key-file", keyFile, "--token-issuer", ISSUER, "--token-audience", AUDIENCE, "--out", dir],
      { out: (s) => out.push(s), err: (s) => err.push(s) },
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("When the DPA passes the selected checks, then it prints progress and the table, writes both reports and exits 0", async () => {
    const r = await run([
      "--dpa",
      h.dpaServer.url,
      "--demo",
      "--only",
      "auth.missing-token,auth.foreign-key,dpaStatus.,planStatus.unknown-user,register.opted-out,register.roaming,register.malformed",
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("[1/7] PASS auth.missing-token");
    expect(r.out).toMatch(/register\.opted-out\s+PASS/);
    expect(r.out).toContain("7 passed, 0 failed, 0 skipped of 7 checks");
    expect(existsSync(join(dir, "conformance.html"))).toBe(true);
    expect(r.out).toContain(`HTML report: ${join(dir, "conformance.html")}`);
  });

  it("When a check fails, then the exit status is 1", async () => {
    const r = await run(["--dpa", broken.url, "--msisdn", ASHA, "--only", "auth.missing-token,planStatus.msisdn"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/auth\.missing-token\s+FAIL/);
    expect(r.out).toMatch(/planStatus\.msisdn\s+PASS/);
  });

  it.each([
    [["--msisdn", ASHA], "--dpa <url> is required"],
    [["--dpa", "http://x", "--purchase", "919876543210"], "--purchase takes msisdn:planId"],
    [["--dpa", "http://x", "--bogus"], "Unknown option '--bogus'"],
  ])("When the arguments are %j, then it refuses with a usage error", async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });
});

describe("the conformance suite's 429 check", () => {
  it("When the DPA rate-limits a flood, then 429 answers with Retry-After pass", async () => {
    const h = await startStack({ dpa: { rateLimit: { ratePerSecond: 1, burst: 3 } } });
    try {
      const report = await runConformance({
        dpaUrl: h.dpaServer.url,
        signer: h.signer,
        clock: h.clock.now,
        flood: 10,
        only: ["rate-limit."],
      });
      expect(report.results.map((r) => [r.name, r.status, r.reasons])).toEqual([
        ["rate-limit.retry-after", "pass", []],
      ]);
    } finally {
      await h.close();
    }
  });
});
