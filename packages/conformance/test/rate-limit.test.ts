import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start as startReferenceDpa } from "@carrierkit/dpa-app";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import type { ConformanceReport } from "../src/index.js";
import { AUDIENCE, CPID_SECRET, ISSUER, keyPair, writeKeyFile } from "./harness.js";

// The README's recipe: the reference DPA started with DPA_RATE_LIMIT_RPS=1 (a burst of 2 per token subject).
describe("the rate-limit check against the reference DPA started with DPA_RATE_LIMIT_RPS=1", () => {
  it.each([
    [10, "pass", []],
    [2, "skip", ["no 429 after 2 concurrent requests"]],
  ])(
    "When carrierkit-conformance runs with --flood %i, then rate-limit.retry-after is %s",
    async (flood, status, reasons) => {
      const dir = mkdtempSync(join(tmpdir(), "conformance-flood-"));
      const { privateJwk, publicJwks } = await keyPair();
      const dpa = await startReferenceDpa({
        DPA_PORT: "0",
        DPA_SQLITE_PATH: join(dir, "dpa.db"),
        DPA_CPID_SECRET: CPID_SECRET,
        DPA_JWKS: JSON.stringify(publicJwks),
        DPA_JWT_ISSUER: ISSUER,
        DPA_JWT_AUDIENCE: AUDIENCE,
        DPA_RATE_LIMIT_RPS: "1",
        LOG_LEVEL: "silent",
      });
      try {
        const out: string[] = [];
        const code = await main(
          [
            ...["--dpa", dpa.server.url, "--key-file", writeKeyFile(dir, privateJwk)],
            ...["--token-issuer", ISSUER, "--token-audience", AUDIENCE],
            ...["--flood", String(flood), "--only", "rate-limit.", "--out", dir],
          ],
          { out: (s) => out.push(s), err: () => undefined },
        );
        expect(code).toBe(0);
        const report = JSON.parse(readFileSync(join(dir, "conformance.json"), "utf8")) as ConformanceReport;
        expect(report.results.map((r) => [r.name, r.status, r.reasons])).toEqual([
          ["rate-limit.retry-after", status, reasons],
        ]);
        if (status === "pass") {
          const calls = report.results[0]!.calls;
          expect(calls.length).toBeGreaterThan(0);
          expect(calls.every((c) => c.status === 429 && c.violations.length === 0)).toBe(true);
        }
      } finally {
        await dpa.server.close();
      }
    },
  );
});
