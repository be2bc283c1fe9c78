import { describe, expect, it } from "vitest";
import { CpidCodec, formatAmount, fromMoney, parseAmount, toMoney } from "../src/index.js";

describe("money", () => {
  it.each([
    ["300", { currencyCode: "INR", units: "300", nanos: 0 }],
    ["99.5", { currencyCode: "INR", units: "99", nanos: 500_000_000 }],
    ["-1.75", { currencyCode: "INR", units: "-1", nanos: -750_000_000 }],
    ["92233720368.547758", { currencyCode: "INR", units: "92233720368", nanos: 547_758_000 }],
  ])("When %s is converted to google.type.Money and back, then nothing is lost", (amount, money) => {
    const nanos = parseAmount(amount);
    expect(toMoney("INR", nanos)).toEqual(money);
    expect(fromMoney(money)).toBe(nanos);
  });

  it("When units and nanos disagree in sign, then fromMoney refuses", () => {
    expect(() => fromMoney({ units: "1", nanos: -5 })).toThrow(RangeError);
  });

  it("When an amount is formatted, then it has at least two decimals", () => {
    expect(formatAmount(parseAmount("99.5"))).toBe("99.50");
    expect(formatAmount(parseAmount("0.000000001"))).toBe("0.000000001");
  });
});

describe("CPID", () => {
  const codec = new CpidCodec("a-long-enough-test-secret");
  const now = Date.parse("2026-11-22T10:00:00Z");

  it("When a CPID is minted twice, then the two differ and both read back", () => {
    const a = codec.mint({ msisdn: "919876543210", issuedAt: now, language: "hi-IN" });
    const b = codec.mint({ msisdn: "919876543210", issuedAt: now, language: "hi-IN" });
    expect(a).not.toBe(b);
    expect(codec.read(a, now + 1000)).toEqual({
      state: "valid",
      claims: { msisdn: "919876543210", issuedAt: now, ttlSeconds: 2592000, language: "hi-IN" },
    });
  });

  it("When its TTL has passed, then the CPID reads as expired", () => {
    const cpid = codec.mint({ msisdn: "919876543210", issuedAt: now, language: "en", ttlSeconds: 14 * 86400 });
    expect(codec.read(cpid, now + 14 * 86400 * 1000).state).toBe("expired");
  });

  it.each([
    ["tampered", (c: string) => `${c.slice(0, 20)}${c[20] === "A" ? "B" : "A"}${c.slice(21)}`],
    [
      "another secret",
      (c: string) =>
        new CpidCodec("another-long-secret-value").mint({
          msisdn: c.slice(0, 0) || "1",
          issuedAt: now,
          language: "en",
        }),
    ],
    ["not base64url", () => "a/b+c=="],
    ["too short", () => "abc"],
  ])("When a CPID is %s, then it reads as invalid", (_, make) => {
    const cpid = make(codec.mint({ msisdn: "919876543210", issuedAt: now, language: "en" }));
    expect(codec.read(cpid, now).state).toBe("invalid");
  });
});
