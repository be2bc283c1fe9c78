import { describe, expect, it } from "vitest";
import { parseActivationCode, smdpBaseUrl } from "../../src/windows/activation-code.js";

describe("parseActivationCode (SGP.22 §4.1, bridge form without LPA:)", () => {
  it.each([
    [
      "1$smdp.example.com$QR-G-5C-1LS-1W1Z9P7",
      { kind: "code", smdp: "smdp.example.com", matchingId: "QR-G-5C-1LS-1W1Z9P7", confirmationCodeRequired: false },
    ],
    [
      "1$127.0.0.1:4070$ABC",
      { kind: "code", smdp: "127.0.0.1:4070", matchingId: "ABC", confirmationCodeRequired: false },
    ],
    [
      "1$SMDP.Example.com$ABC$1.3.6.1.4.1.31746$1",
      {
        kind: "code",
        smdp: "smdp.example.com",
        matchingId: "ABC",
        oid: "1.3.6.1.4.1.31746",
        confirmationCodeRequired: true,
      },
    ],
    [
      "1$smdp.example.com$ABC$$1",
      { kind: "code", smdp: "smdp.example.com", matchingId: "ABC", confirmationCodeRequired: true },
    ],
    ["smdp.example.com", { kind: "smdp", smdp: "smdp.example.com" }],
    ["127.0.0.1:4070", { kind: "smdp", smdp: "127.0.0.1:4070" }],
  ])("When the code is %s, then it parses", (input, expected) => {
    expect(parseActivationCode(input)).toEqual(expected);
  });

  it.each([
    ["", "not a non-empty string"],
    [42, "not a non-empty string"],
    ["LPA:1$smdp.example.com$ABC", "LPA:"],
    ["2$smdp.example.com$ABC", "AC_Format"],
    ["1$smdp.example.com$", "matching id"],
    ["1$smdp.example$ABC$x.y", "OID"],
    ["1$smdp.example$ABC$$2", "flag"],
    ["1$bad host$ABC", "SM-DP+ address"],
    ["1$smdp.example:99999$ABC", "SM-DP+ address"],
    ["1$a$b$c$d$e", "five"],
    ["https://smdp.example.com", "neither"],
  ])("When the code is %j, then it is invalid (%s)", (input, reason) => {
    const parsed = parseActivationCode(input);
    expect(parsed.kind).toBe("invalid");
    expect(parsed.kind === "invalid" && parsed.reason).toContain(reason);
  });

  it("When the SM-DP+ is a loopback host, then http is used, otherwise https", () => {
    expect(smdpBaseUrl("127.0.0.1:4070")).toBe("http://127.0.0.1:4070");
    expect(smdpBaseUrl("localhost:4070")).toBe("http://localhost:4070");
    expect(smdpBaseUrl("smdp.example.com")).toBe("https://smdp.example.com");
    expect(smdpBaseUrl("127.0.0.1.evil.example")).toBe("https://127.0.0.1.evil.example");
  });
});
