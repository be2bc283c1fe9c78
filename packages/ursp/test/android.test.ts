import { describe, expect, it } from "vitest";
import {
  ANDROID_OS_ID,
  ANDROID_SLICE_CATEGORIES,
  androidExamplePolicy,
  androidTrafficDescriptor,
  decodeUrsp,
  encodeUrsp,
  NAMESPACE_OID,
  toHex,
  uuidV5,
} from "../src/index.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };

describe("Android presets (seed 003)", () => {
  it("When the Android OS Id is computed as UUID v5 of 'Android' in the ISO OID namespace, then it is the seed's value", () => {
    expect(ANDROID_OS_ID).toBe(seed.osId);
    expect(uuidV5("Android", NAMESPACE_OID)).toBe("97a498e3-fc92-5c94-8986-0333d06e4e47");
  });

  it("When UUID v5 is computed for RFC 4122's DNS example, then it matches the published value", () => {
    // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it.each(ANDROID_SLICE_CATEGORIES.map((c) => [c]))(
    "When the %s traffic descriptor is encoded, then its value is the seed's hex after the 0x08 type octet",
    (category) => {
      const rule = {
        precedence: 1,
        trafficDescriptor: [androidTrafficDescriptor(category)],
        routeSelectionDescriptors: [{ precedence: 1, components: [] }],
      };
      const hex = toHex(encodeUrsp({ rules: [rule] }));
      const expected = `08${seed.trafficDescriptorValues[category].toLowerCase()}`;
      // rule length(2) precedence(1) TD length(2), then the TD
      expect(hex.slice(10, 10 + expected.length)).toBe(expected);
      expect(Buffer.from(category, "ascii").toString("hex")).toBe(seed.osAppIds[category].toLowerCase());
    },
  );

  it("When the nine example rules are built, then precedences 1..9, DNNs and the match-all default follow the seed", () => {
    const policy = androidExamplePolicy();
    expect(policy.rules.map((r) => r.precedence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dnns = policy.rules
      .slice(0, 8)
      .map((r) => r.routeSelectionDescriptors.map((d) => d.components.find((c) => c.type === "dnn")));
    expect(dnns.map((d) => d.map((c) => (c?.type === "dnn" ? c.dnn : undefined)))).toEqual(
      ["enterprise", "enterprise2", "enterprise3", "enterprise4", "enterprise5", "cbs", "latency", "bandwidth"].map(
        (d) => [d, d],
      ),
    );
    expect(policy.rules[8]).toEqual({
      precedence: 9,
      trafficDescriptor: [{ type: "matchAll" }],
      routeSelectionDescriptors: [{ precedence: 1, components: [{ type: "sNssai", sst: 1 }] }],
    });
    expect(decodeUrsp(encodeUrsp(policy))).toEqual(policy);
  });

  it("When the ENTERPRISE rule uses SST 1 / SD 000001, then it encodes to the 77-octet reference vector", () => {
    const policy = androidExamplePolicy({ ENTERPRISE: { sst: 1, sd: "000001" } });
    expect(toHex(encodeUrsp({ rules: policy.rules.slice(0, 1) }))).toBe(seed.enterpriseRuleHex);
  });
});
