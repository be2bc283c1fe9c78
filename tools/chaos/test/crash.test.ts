import { describe, expect, it } from "vitest";
import { runCrash } from "../src/index.js";

// The fast version of `npm run chaos:crash`: two SIGKILLs during a purchase load, per store.
describe.each(["sqlite", "postgres"] as const)("crash suite on %s", (dialect) => {
  it("When the DPA is killed with SIGKILL twice under load and restarted, then nothing is lost or doubled and queued purchases and callbacks complete", async () => {
    const r = await runCrash({ dialect, purchases: 300, connections: 10, kills: 2 });
    expect(r.audit.violations).toEqual([]);
    expect(r.unanswered).toEqual([]);
    expect(r.byStatus["0"] ?? 0).toBe(0);
    expect(Object.keys(r.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
    expect(r.queued).toBeGreaterThan(10);
    expect(r.callbacks.undelivered).toBe(0);
    expect(r.callbacks.received).toBe(r.callbacks.expected);
    expect(r.callbacks.withoutTransactionId).toBe(0);
    expect(r.audit.succeeded).toBeGreaterThan(50);
  }, 240_000);
});
