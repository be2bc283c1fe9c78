import { describe, expect, it } from "vitest";
import { runMoney } from "../src/index.js";

// The fast version of `npm run chaos:money` (10,000 purchases from 100 connections): the same workload, smaller.
describe.each(["sqlite", "postgres"] as const)("money suite on %s", (dialect) => {
  it("When 600 purchases race from 20 connections with repeated ids, same-id bursts and exclusive-group races, then the store audits clean", async () => {
    const r = await runMoney({ dialect, purchases: 600, connections: 20, sameIdRaces: 10, exclusiveRaces: 5 });
    expect(r.audit.violations).toEqual([]);
    expect(r.byStatus["0"] ?? 0).toBe(0);
    expect(Object.keys(r.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(r.sameIdRaces.racesWithMoreThanOne200).toBe(0);
    expect(r.exclusiveRaces.racesWithMoreThanOneBase).toBe(0);
    // The workload really exercised each path.
    expect(r.byStatus["200"]).toBeGreaterThan(50);
    expect(r.byCause.DUPLICATE_TRANSACTION).toBeGreaterThan(50);
    expect(r.byCause.PAYMENT_MISSING ?? 0).toBeGreaterThan(0); // overdrawn wallets (INSUFFICIENT_BALANCE → 402)
    expect(r.byCause.INCOMPATIBLE_PLAN ?? 0).toBeGreaterThan(0);
    expect(r.audit.succeeded).toBeGreaterThan(50);
  }, 180_000);
});
