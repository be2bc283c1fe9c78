import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../src/clock.js";

describe("SimulatedClock", () => {
  it("fires due timers in time order, each seeing its own due time, and skips cancelled ones", () => {
    const clock = new SimulatedClock(1_000);
    const seen: string[] = [];
    clock.setTimer(300, () => seen.push(`b@${clock.now()}`));
    clock.setTimer(100, () => seen.push(`a@${clock.now()}`));
    const c = clock.setTimer(200, () => seen.push("cancelled"));
    clock.setTimer(300, () => seen.push(`b2@${clock.now()}`));
    c.cancel();
    clock.advance(250);
    expect(seen).toEqual(["a@1100"]);
    expect(clock.now()).toBe(1_250);
    clock.advance(1_000);
    expect(seen).toEqual(["a@1100", "b@1300", "b2@1300"]);
    expect(clock.pending).toBe(0);
  });

  it("fires timers a timer sets when they fall inside the same advance", () => {
    const clock = new SimulatedClock(0);
    const seen: number[] = [];
    clock.setTimer(10, () => {
      seen.push(clock.now());
      clock.setTimer(10, () => seen.push(clock.now()));
    });
    clock.advance(25);
    expect(seen).toEqual([10, 20]);
  });

  it("refuses to go backwards", () => {
    const clock = new SimulatedClock(100);
    expect(() => clock.advanceTo(50)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
