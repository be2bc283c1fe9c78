import { describe, expect, it } from "vitest";
import { demoMode, envSecret } from "../src/env.js";

describe("envSecret and the demo switch", () => {
  it.each([
    ["set", { S: "a-secret-value-0123" }, { value: "a-secret-value-0123", demo: false }],
    [
      "set, in demo mode",
      { S: "a-secret-value-0123", CARRIERKIT_DEMO: "1" },
      { value: "a-secret-value-0123", demo: false },
    ],
    ["unset, in demo mode (1)", { CARRIERKIT_DEMO: "1" }, { value: "demo-value", demo: true }],
    ["unset, in demo mode (true)", { CARRIERKIT_DEMO: "true" }, { value: "demo-value", demo: true }],
  ])("When the secret is %s, then it is read as such", (_n, env, expected) => {
    expect(envSecret(env, "S", () => "demo-value", { minLength: 8 })).toEqual({ name: "S", ...expected });
  });

  it.each([
    ["unset", {}, "S is not set (signs things): set it, or set CARRIERKIT_DEMO=1 to run the demo with demo secrets"],
    [
      "empty",
      { S: "" },
      "S is not set (signs things): set it, or set CARRIERKIT_DEMO=1 to run the demo with demo secrets",
    ],
    ["unset with CARRIERKIT_DEMO=0", { CARRIERKIT_DEMO: "0" }, "S is not set (signs things)"],
    ["too short", { S: "short" }, "S must be at least 8 characters"],
  ])("When the secret is %s outside demo mode, then reading it throws a message naming it", (_n, env, message) => {
    expect(() => envSecret(env, "S", () => "demo-value", { minLength: 8, purpose: "signs things" })).toThrow(message);
  });

  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    ["yes", false],
    [undefined, false],
  ])("When CARRIERKIT_DEMO is %s, then demoMode() is %s", (v, expected) => {
    expect(demoMode(v === undefined ? {} : { CARRIERKIT_DEMO: v })).toBe(expected);
  });
});
