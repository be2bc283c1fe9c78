import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { type ConformanceReport, ConformanceUsageError, checks, runConformance } from "../src/index.js";
import { brokenDpa } from "./fixtures/broken-dpa.js";
import { omittingProxy } from "./fixtures/omitting-proxy.js";
import { ASHA, AUDIENCE, ISSUER, type ReferenceDpa, startReferenceDpa, TestClock, writeKeyFile } from "./harness.js";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const version = (JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string }).version;

describe("carrierkit-conformance (CLI)", () => {
  let h: ReferenceDpa;
  let broken: RunningServer;
  let proxy: Awaited<ReturnType<typeof omittingProxy>>;
  const dir = mkdtempSync(join(tmpdir(), "conformance-cli-"));
  let keyFile = "";
  const auth = () => ["--key-file", keyFile, "--token-issuer", ISSUER, "--token-audience", AUDIENCE];
  beforeAll(async () => {
    // The CLI runs on the real clock: so does this DPA.
    h = await startReferenceDpa({}, new TestClock(Date.now()));
    keyFile = writeKeyFile(dir, h.privateJwk);
    broken = await startServer({ app: brokenDpa(Date.now), port: 0 });
    proxy = await omittingProxy(h.url);
  });
  afterAll(async () => {
    await proxy.close();
    await broken.close();
    await h.close();
  });
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main([...args, "--out", dir], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("When the DPA passes the selected checks, then it prints progress and the table, writes both reports and exits 0", async () => {
    const only = "auth.,dpaStatus.,planStatus.unknown-user,register.opted-out,register.roaming,register.malformed";
    const r = await run(["--dpa", h.url, ...auth(), "--demo", "--only", only]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Running the DPA conformance suite (profile default) against ${h.url}`);
    expect(r.err).toContain("[1/9] PASS auth.missing-token");
    expect(r.out).toMatch(/auth\.expired-token\s+PASS/);
    expect(r.out).toMatch(/register\.opted-out\s+PASS/);
    expect(r.out).toContain("9 passed, 0 failed, 0 skipped of 9 checks");
    expect(r.out).toContain(`HTML report: ${join(dir, "conformance.html")}`);
    const report = JSON.parse(readFileSync(join(dir, "conformance.json"), "utf8")) as ConformanceReport;
    expect(report.results.map((x) => x.status)).toEqual(Array(9).fill("pass"));
    expect(existsSync(join(dir, "conformance.html"))).toBe(true);
  });

  it("When only a static --token is given, then the checks that need the DPA's key are skipped, the rest run", async () => {
    const token = await h.signer.mintForDpa();
    const r = await run(["--dpa", h.url, "--token", token, "--msisdn", ASHA, "--only", "auth.,planStatus.msisdn"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/auth\.wrong-audience\s+SKIP\s+\d+\s+the DPA's trusted key is unknown/);
    expect(r.out).toMatch(/planStatus\.msisdn\s+PASS/);
  });

  it("When a check fails, then the exit status is 1", async () => {
    const r = await run([
      "--dpa",
      broken.url,
      ...auth(),
      "--msisdn",
      ASHA,
      "--only",
      "auth.missing-token,planStatus.msisdn",
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/auth\.missing-token\s+FAIL/);
    expect(r.out).toMatch(/planStatus\.msisdn\s+PASS/);
  });

  it.each([
    ["default", 0, "3 passed, 0 failed, 0 skipped of 3 checks"],
    ["strict", 1, "3 passed, 3 failed, 0 skipped of 6 checks"],
  ])(
    "When --profile is %s against a DPA that omits the guide's required fields, then it exits %i",
    async (profile, code, summary) => {
      const only = "planStatus.msisdn,planOffer.msisdn,cache.lifetimes,strict.";
      const r = await run([
        "--dpa",
        proxy.url,
        ...auth(),
        "--msisdn",
        ASHA,
        "--profile",
        profile,
        "--only",
        profile === "strict" ? only : only.replace(",strict.", ""),
      ]);
      expect(r.code).toBe(code);
      expect(r.out).toContain(summary);
      if (profile === "strict") expect(r.out).toMatch(/strict\.offer-language-code\s+FAIL\s+\d+\s+offers\[0\]/);
    },
  );

  it.each([
    [["--msisdn", ASHA, "--key-file", "k.json"], "--dpa <url> is required"],
    [
      ["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--purchase", "919876543210"],
      "--purchase takes msisdn:planId, got '919876543210'",
    ],
    [["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--bogus"], "Unknown option '--bogus'"],
    [["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "stray"], "Unexpected argument 'stray'"],
    [
      ["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--profile", "lenient"],
      "--profile takes default or strict, got 'lenient'",
    ],
    [
      ["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--flood", "many"],
      "--flood takes an integer from 1 to 100000, got 'many'",
    ],
    [
      ["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--callback-port", "70000"],
      "--callback-port takes an integer from 0 to 65535",
    ],
    [
      ["--dpa", "http://127.0.0.1:9", "--key-file", "k.json", "--callback-timeout", "0"],
      "--callback-timeout takes a positive number of seconds, got '0'",
    ],
    [["--dpa", "ftp://dpa.example", "--key-file", "k.json"], "--dpa takes an http(s) URL, got 'ftp://dpa.example'"],
    [
      ["--dpa", "http://127.0.0.1:9", "--msisdn", ASHA],
      "the DPA needs a bearer token: give --token <jwt> or --key-file <private JWK>",
    ],
  ])(
    "When the arguments are %j, then it prints the problem and the usage on stderr and exits 2",
    async (args, message) => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err).toContain(`carrierkit-conformance: ${message}`);
      expect(r.err).toContain("Exit status: 0 when no check failed");
    },
  );

  it.each([
    [["--only", "purchase.idempotent"], "--only 'purchase.idempotent' matches no check of the default profile"],
    [["--only", "dpaStatus.,nope."], "--only 'nope.' matches no check of the default profile"],
    [["--only", ","], "--only names no check"],
    [["--only", "strict."], "(strict.* checks run with --profile strict)"],
  ])(
    "When %j selects no check, then it exits 2 before calling the DPA and lists the valid names",
    async (args, message) => {
      const r = await run(["--dpa", broken.url, ...auth(), ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).toContain(`valid names: ${checks.map((k) => k.name).join(", ")}`);
      expect(r.err).not.toContain("[1/");
      expect(r.out).toBe("");
    },
  );

  it.each([
    ["does not exist", undefined, "does not exist"],
    ["is not JSON", "-----BEGIN PRIVATE KEY-----", "is not JSON"],
    ["is a public key", JSON.stringify({ kty: "EC", crv: "P-256", x: "a", y: "b" }), 'is not a private JWK (no "d")'],
  ])("When the key file %s, then it exits 2 and says so", async (_, content, message) => {
    const file = join(dir, `key-${Math.random().toString(36).slice(2)}.json`);
    if (content !== undefined) writeFileSync(file, content);
    const r = await run(["--dpa", h.url, "--key-file", file, "--only", "dpaStatus."]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the key file ${file} ${message}`);
  });

  it("When --help or --version is given, then it prints the usage or the package version on stdout and exits 0", async () => {
    const help = await run(["--help"]);
    expect([help.code, help.err]).toEqual([0, ""]);
    for (const flag of [
      "--dpa",
      "--token",
      "--key-file",
      "--profile",
      "--only",
      "--flood",
      "--demo",
      "--out",
      "--version",
    ])
      expect(help.out).toContain(flag);
    const v = await run(["--version"]);
    expect([v.code, v.out, v.err]).toEqual([0, version, ""]);
  });

  it("When the runner is used programmatically with a pattern that matches nothing, then it throws a typed error", async () => {
    await expect(runConformance({ dpaUrl: h.url, signer: h.signer, only: ["nope"] })).rejects.toThrow(
      ConformanceUsageError,
    );
    await expect(runConformance({ dpaUrl: h.url })).rejects.toThrow("the DPA needs a bearer token");
  });
});

describe("bin/carrierkit-conformance.js", () => {
  const bin = join(packageDir, "bin/carrierkit-conformance.js");
  const exec = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: tmpdir() });

  it("When the shim is executed, then it runs the CLI: --version prints the version, an unknown flag exits 2 with the usage on stderr", () => {
    expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    const v = exec(["--version"]);
    expect([v.status, v.stdout.trim()]).toEqual([0, version]);
    const bad = exec(["--dpa", "http://127.0.0.1:9", "--bogus"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("carrierkit-conformance: Unknown option '--bogus'");
    expect(bad.stderr).toContain("carrierkit-conformance --dpa <url>");
  }, 60_000);
});
