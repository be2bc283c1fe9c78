import { describe, expect, it } from "vitest";
import { runScaleout } from "../src/index.js";

// The fast version of `npm run chaos:scaleout`: two DPA processes on one PostgreSQL behind the round-robin balancer.
describe("scale-out suite: two DPA instances on one PostgreSQL", () => {
  it("When the money races and queued purchases with callbacks hit both instances, then the store audits clean and no callback is delivered twice", async () => {
    const r = await runScaleout({ purchases: 500, connections: 16, sameIdRaces: 8, exclusiveRaces: 5 });
    expect(r.audit.violations).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(Object.keys(r.byStatus).filter((s) => s === "0" || Number(s) >= 500)).toEqual([]);
    expect(r.sameIdRaces.racesWithMoreThanOne200).toBe(0);
    expect(r.exclusiveRaces.racesWithMoreThanOneBase).toBe(0);
    expect(r.forwarded.every((n) => n > 0)).toBe(true);
    expect(r.callbacks.expected).toBeGreaterThan(10);
    expect(r.callbacks).toMatchObject({ received: r.callbacks.expected, duplicates: 0, concurrent: 0, undelivered: 0 });
    // The workload really exercised each path.
    expect(r.byStatus["200"]).toBeGreaterThan(50);
    expect(r.byCause.DUPLICATE_TRANSACTION).toBeGreaterThan(20);
    expect(r.byCause.PAYMENT_MISSING ?? 0).toBeGreaterThan(0);
    expect(r.byCause.INCOMPATIBLE_PLAN ?? 0).toBeGreaterThan(0);
  }, 240_000);

  it("When one instance is killed with SIGKILL mid-load and restarted, then every request is answered, the store audits clean and every callback arrives, never two at once", async () => {
    const r = await runScaleout({ purchases: 500, connections: 16, sameIdRaces: 8, exclusiveRaces: 5, killAt: 0.4 });
    expect(r.killed).toBe(true);
    // The kill really cut requests in flight, which were then sent again with their transaction id.
    expect(r.retried).toBeGreaterThan(0);
    expect(r.audit.violations).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(Object.keys(r.byStatus).filter((s) => s === "0" || Number(s) >= 500)).toEqual([]);
    expect(r.sameIdRaces.racesWithMoreThanOne200).toBe(0);
    expect(r.exclusiveRaces.racesWithMoreThanOneBase).toBe(0);
    expect(r.callbacks).toMatchObject({ received: r.callbacks.expected, concurrent: 0, undelivered: 0 });
    expect(r.audit.succeeded).toBeGreaterThan(50);
  }, 240_000);
});
