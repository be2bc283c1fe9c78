import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeDlNasTransport,
  decodeUePolicyMessage,
  decodeUrsp,
  encodeDlNasTransport,
  encodeUePolicyMessage,
  encodeUrsp,
  validatePolicy,
} from "../src/index.js";
import { commandArbitrary, policyArbitrary } from "./support/arbitraries.js";

const runs = { numRuns: 300, seed: 24526 };

describe("URSP codec properties", () => {
  it("When any valid policy is encoded and decoded, then the result equals the policy", () => {
    fc.assert(
      fc.property(policyArbitrary(), (policy) => {
        expect(decodeUrsp(encodeUrsp(policy))).toStrictEqual(policy);
      }),
      runs,
    );
  });

  it("When canonical bytes are decoded and re-encoded, then the bytes are unchanged", () => {
    fc.assert(
      fc.property(policyArbitrary(), (policy) => {
        const bytes = encodeUrsp(policy);
        expect(encodeUrsp(decodeUrsp(bytes))).toEqual(bytes);
      }),
      runs,
    );
  });

  it("When any generated policy is validated, then the JSON schema and the structural rules accept it", () => {
    fc.assert(
      fc.property(policyArbitrary(), (policy) => {
        const result = validatePolicy(policy);
        expect(result.valid ? [] : result.errors).toEqual([]);
      }),
      { numRuns: 150, seed: 24526 },
    );
  });

  it("When any UE policy message is encoded and decoded (bare and in DL NAS TRANSPORT), then both directions round-trip", () => {
    fc.assert(
      fc.property(commandArbitrary(), (msg) => {
        const bytes = encodeUePolicyMessage(msg);
        expect(decodeUePolicyMessage(bytes)).toStrictEqual(msg);
        expect(encodeUePolicyMessage(decodeUePolicyMessage(bytes))).toEqual(bytes);
        const nas = encodeDlNasTransport(msg);
        expect(decodeDlNasTransport(nas)).toEqual(msg);
        expect(nas.subarray(6)).toEqual(bytes);
      }),
      { numRuns: 200, seed: 24501 },
    );
  });
});
