import { describe, expect, it } from "vitest";
import { runFaults } from "../src/index.js";

// The fast version of `npm run chaos:faults`: 40 requests per fault.
describe("faults suite (PostgreSQL through a fault proxy)", () => {
  it("When the store connection is reset, blackholed and refused under load, then the DPA answers 200 or 503 with Retry-After, says UNAVAILABLE, recovers and audits clean", async () => {
    const r = await runFaults({ requestsPerPhase: 40, connections: 8 });
    expect(r.phases.map((p) => p.mode)).toEqual(["reset", "blackhole", "refuse"]);
    for (const p of r.phases) {
      expect(
        Object.keys(p.byStatus).filter((s) => s !== "200" && s !== "503"),
        p.mode,
      ).toEqual([]);
      expect(p.byStatus["503"] ?? 0, p.mode).toBeGreaterThan(0);
      expect(p.withoutRetryAfter, p.mode).toBe(0);
      expect(p.dpaStatusDuring, p.mode).toBe("UNAVAILABLE");
      expect(Number.isFinite(p.recoverySeconds), p.mode).toBe(true);
      expect(p.failedAfterRecovery, p.mode).toBe(0);
    }
    expect(r.alive).toBe(true);
    expect(r.audit.violations).toEqual([]);
    expect(r.audit.succeeded).toBeGreaterThan(0);
  }, 300_000);
});
