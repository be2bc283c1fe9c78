import { describe, expect, it } from "vitest";
import { start as main } from "../src/main.js";

// The DPA's CPID secret has no built-in default outside CARRIERKIT_DEMO=1 (checked before the store is opened).
describe("dpa main() secrets", () => {
  it.each([
    ["unset", {}, /^DPA_CPID_SECRET is not set .*CARRIERKIT_DEMO=1/],
    ["empty", { DPA_CPID_SECRET: "" }, /^DPA_CPID_SECRET is not set/],
    ["shorter than 16 characters", { DPA_CPID_SECRET: "short" }, /^DPA_CPID_SECRET must be at least 16 characters/],
  ])("When DPA_CPID_SECRET is %s outside demo mode, then main() rejects naming it", async (_n, env, message) => {
    await expect(main({ DPA_PORT: "0", DPA_SQLITE_PATH: ":memory:", LOG_LEVEL: "silent", ...env })).rejects.toThrow(
      message,
    );
  });
});
