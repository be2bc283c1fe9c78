import { describe, expect, it } from "vitest";
import { fuzzTargets, runFuzz } from "../src/index.js";

// The fast version of `npm run chaos:fuzz` (1,000,000 inputs): 5,000 inputs per decoder.
describe("parser fuzzing", () => {
  it("When each decoder's seed corpus is decoded, then every seed is valid (so mutations start from real inputs)", () => {
    for (const t of fuzzTargets())
      for (const seed of t.corpus) expect(() => t.decode(seed as never), t.name).not.toThrow();
  });

  it.each(runFuzz(5000).map((t) => [t.target, t] as const))(
    "When %s is fed 5,000 mutated and random inputs, then each decodes or throws the typed error",
    (_, tally) => {
      expect(tally.examples).toEqual([]);
      expect(tally.uncaught).toBe(0);
      expect(tally.inputs).toBe(5000);
      expect(tally.typedErrors).toBeGreaterThan(500);
      expect(tally.decoded).toBeGreaterThan(0);
    },
  );
});
