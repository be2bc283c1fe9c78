import { describe, expect, it } from "vitest";
import {
  fieldsTemplateOf,
  iccidOfSimId,
  isoDuration,
  normalizeBalance,
  notificationTypeOf,
  parameterOfValidationMessage,
  parseIsoDuration,
  simIdOf,
} from "../src/index.js";
import { parseDistinguishedName } from "../src/server.js";

describe("contract helpers", () => {
  it.each([
    [0, "PT0S"],
    [999, "PT0S"],
    [61_000, "PT1M1S"],
    [3_600_000, "PT1H"],
    [86_400_000, "P1D"],
    [6 * 86_400_000 + 23 * 3_600_000, "P6DT23H"],
    [-5000, "PT0S"],
  ])("When %i ms is written as an ISO 8601 duration, then it is %s and reads back", (ms, text) => {
    expect(isoDuration(ms)).toBe(text);
    expect(parseIsoDuration(text)).toBe(Math.max(0, Math.floor(ms / 1000) * 1000));
  });

  it("When a malformed duration is read, then it is undefined", () => {
    expect([parseIsoDuration("P"), parseIsoDuration("PT"), parseIsoDuration("1D"), parseIsoDuration("P1DT")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("When balances use either spelling of dataRemainingInMB, then both read as the documented one", () => {
    const drift = normalizeBalance({ type: "MODIRECTPAYG", dataRemaininginMB: 12.5, timeRemaining: "P1D" });
    expect(drift).toEqual({ type: "MODIRECTPAYG", dataRemainingInMB: 12.5, timeRemaining: "P1D" });
    expect(normalizeBalance({ type: "NONE", dataRemainingInMB: 0, timeRemaining: "PT0S" })?.dataRemainingInMB).toBe(0);
    expect(normalizeBalance({ type: "PREMIUM", dataRemainingInMB: 1, timeRemaining: "P1D" })).toBeUndefined();
    expect(normalizeBalance({ type: "NONE", timeRemaining: "PT0S" })).toBeUndefined();
  });

  it("When the case-insensitive and two-spelling parameters are read, then each maps to one value", () => {
    expect(["basic", "Basic", "FULL", undefined, "medium"].map(fieldsTemplateOf)).toEqual([
      "basic",
      "basic",
      "full",
      "basic",
      undefined,
    ]);
    expect(["LowBalance", "lowBalance", "TrialEnded", "spam"].map(notificationTypeOf)).toEqual([
      "lowBalance",
      "lowBalance",
      "trialEnded",
      undefined,
    ]);
    expect([iccidOfSimId("iccid:8988247000100003319F"), iccidOfSimId("8988247000100003319")]).toEqual([
      "8988247000100003319",
      undefined,
    ]);
    expect(simIdOf("8988247000100003319F")).toBe("iccid:8988247000100003319");
  });

  it.each([
    ["/query/limit must be >= 1", "limit"],
    ["/query/limit must have required property 'limit'", "limit"],
    ["/headers/x-ms-dm-transactionid must have required property 'x-ms-dm-transactionid'", "X-MS-DM-TransactionId"],
    ["query.location must match pattern", "location"],
    ["Unsupported Content-Type", undefined],
  ])("When the validator says %j, then the parameter is %s", (message, parameter) => {
    expect(parameterOfValidationMessage(message)).toBe(parameter);
  });

  it("When the documented subject is parsed in either notation, then both give the same attributes", () => {
    const expected = {
      C: "US",
      ST: "WA",
      L: "Redmond",
      O: "Microsoft Corporation",
      CN: "partners.datamart.windows.com",
    };
    expect(
      parseDistinguishedName("C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=partners.datamart.windows.com"),
    ).toEqual(expected);
    expect(
      parseDistinguishedName("/C=US/ST=WA/L=Redmond/O=Microsoft Corporation/CN=partners.datamart.windows.com"),
    ).toEqual(expected);
    expect(() => parseDistinguishedName("not a name")).toThrow(/distinguished name/);
  });
});
