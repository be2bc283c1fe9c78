import { describe, expect, it } from "vitest";
import {
  decodeUrsp,
  encodeUrsp,
  parseHex,
  ROUTE_SELECTION_COMPONENTS,
  type RouteSelectionComponent,
  TRAFFIC_DESCRIPTOR_COMPONENTS,
  type TrafficDescriptorComponent,
  toHex,
  UrspDecodeError,
  UrspEncodeError,
  type UrspPolicy,
} from "../src/index.js";
import { RSD_VECTORS, TD_VECTORS } from "./fixtures/component-vectors.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };

const hex = (s: string) => s.replace(/\s/g, "");
const bytes = (s: string) => parseHex(s) as Uint8Array;

function tdRule(c: TrafficDescriptorComponent): UrspPolicy {
  return {
    rules: [{ precedence: 1, trafficDescriptor: [c], routeSelectionDescriptors: [{ precedence: 1, components: [] }] }],
  };
}

function rsdRule(c: RouteSelectionComponent): UrspPolicy {
  return {
    rules: [
      {
        precedence: 1,
        trafficDescriptor: [{ type: "matchAll" }],
        routeSelectionDescriptors: [{ precedence: 1, components: [c] }],
      },
    ],
  };
}

describe("URSP codec: the reference rule", () => {
  it("When the reference ENTERPRISE rule is decoded, then every field is read and re-encoding gives the same bytes", () => {
    const policy = decodeUrsp(bytes(seed.enterpriseRuleHex));
    expect(policy).toEqual({
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "osIdOsAppId", osId: seed.osId, osAppId: "ENTERPRISE" }],
          routeSelectionDescriptors: [
            {
              precedence: 1,
              components: [
                { type: "sNssai", sst: 1, sd: "000001" },
                { type: "dnn", dnn: "enterprise" },
              ],
            },
            { precedence: 2, components: [{ type: "dnn", dnn: "enterprise" }] },
          ],
        },
      ],
    });
    expect(toHex(encodeUrsp(policy))).toBe(seed.enterpriseRuleHex);
  });
});

describe("URSP codec: every traffic descriptor component type", () => {
  it("When the vectors are listed, then they cover every entry of the component table", () => {
    expect(new Set(TD_VECTORS.map(([, c]) => c.type))).toEqual(new Set(Object.keys(TRAFFIC_DESCRIPTOR_COMPONENTS)));
  });

  it.each(TD_VECTORS)(
    "When a %s component is encoded, then its bytes are the spec layout and decode back",
    (_, c, wire) => {
      const encoded = toHex(encodeUrsp(tdRule(c)));
      const td = hex(wire);
      // rule length(2) precedence(1) TD length(2) | TD | RSD list length(2) | RSD 0003 01 0000
      expect(encoded).toBe(
        `${(1 + 2 + td.length / 2 + 2 + 5).toString(16).padStart(4, "0")}01${(td.length / 2).toString(16).padStart(4, "0")}${td}0005${"0003010000"}`,
      );
      expect(decodeUrsp(bytes(encoded))).toEqual(tdRule(c));
    },
  );
});

describe("URSP codec: every route selection descriptor component type", () => {
  it("When the vectors are listed, then they cover every entry of the component table", () => {
    expect(new Set(RSD_VECTORS.map(([, c]) => c.type))).toEqual(new Set(Object.keys(ROUTE_SELECTION_COMPONENTS)));
  });

  it.each(RSD_VECTORS)(
    "When a %s component is encoded, then its bytes are the spec layout and decode back",
    (_, c, wire) => {
      const encoded = encodeUrsp(rsdRule(c));
      const contents = hex(wire);
      // 13 octets of rule/TD/RSD headers precede the RSD contents
      expect(toHex(encoded, 13)).toBe(contents);
      expect(toHex(encoded, 11, 13)).toBe((contents.length / 2).toString(16).padStart(4, "0"));
      expect(decodeUrsp(encoded)).toEqual(rsdRule(c));
    },
  );
});

// Malformed inputs with the exact offset, field and code each must report.
const DECODE_ERRORS: [string, string, string, number, string][] = [
  ["empty input", "", "EMPTY", 0, "ursp"],
  ["a lone octet", "00", "TRUNCATED", 0, "ursp.rule[0].length"],
  ["a rule length beyond the input", "004b01", "TRUNCATED", 0, "ursp.rule[0].length"],
  ["trailing octet after a rule", `${seed.enterpriseRuleHex}00`, "TRUNCATED", 77, "ursp.rule[1].length"],
  [
    "an unknown TD component",
    "000b01000102 0005 0003010000",
    "UNKNOWN_COMPONENT",
    5,
    "ursp.rule[0].trafficDescriptor[0].type",
  ],
  [
    "an unknown RSD component",
    "000c01000101 0006 0004010001 05",
    "UNKNOWN_COMPONENT",
    13,
    "ursp.rule[0].routeSelectionDescriptor[0].components[0].type",
  ],
  [
    "an S-NSSAI with mapped HPLMN values (length 8)",
    "0015 01 0001 01 000f 000d 01 000a 02 08 0100000101000001",
    "INVALID_VALUE",
    14,
    "ursp.rule[0].routeSelectionDescriptor[0].components[0](sNssai).length",
  ],
  [
    "match-all with another TD component",
    "000d 01 0003 013006 0005 0003010000",
    "STRUCTURE",
    5,
    "ursp.rule[0].trafficDescriptor",
  ],
  [
    "non-seamless offload with another RSD component",
    "000d 01 0001 01 0007 0005 01 0002 2011",
    "STRUCTURE",
    13,
    "ursp.rule[0].routeSelectionDescriptor[0].components",
  ],
  [
    "two SSC mode components",
    "000f 01 0001 01 0009 0007 01 0004 01010102",
    "STRUCTURE",
    15,
    "ursp.rule[0].routeSelectionDescriptor[0].components[1]",
  ],
  [
    "a TD length beyond the rule",
    "0008 01 0010 01 00000000",
    "LENGTH_OVERRUN",
    3,
    "ursp.rule[0].trafficDescriptorLength",
  ],
  [
    "a DNN label running past the DNN",
    "0010 01 0006 880405696d73 0005 0003010000",
    "LENGTH_OVERRUN",
    7,
    "ursp.rule[0].trafficDescriptor[0](dnn).dnn.label",
  ],
  [
    "a rule longer than its contents",
    "000c 01 0001 01 0005 0003010000 ff",
    "LENGTH_MISMATCH",
    13,
    "ursp.rule[0].length",
  ],
  ["an empty traffic descriptor", "000a 01 0000 0005 0003010000", "EMPTY", 5, "ursp.rule[0].trafficDescriptor"],
  ["no route selection descriptor", "0006 01 0001 01 0000", "EMPTY", 6, "ursp.rule[0].routeSelectionDescriptorList"],
  [
    "an SSC mode of 0",
    "000d 01 0001 01 0007 0005 01 0002 0100",
    "INVALID_VALUE",
    14,
    "ursp.rule[0].routeSelectionDescriptor[0].components[0](sscMode)",
  ],
  [
    "an IPv6 prefix length of 129",
    "001c 01 0012 21 00000000000000000000000000000000 81 0005 0003010000",
    "INVALID_VALUE",
    22,
    "ursp.rule[0].trafficDescriptor[0](ipv6RemoteAddressPrefix).prefixLength",
  ],
  [
    "a zero-length DNN label",
    "000e 01 0004 88020003 0005 0003010000",
    "INVALID_VALUE",
    7,
    "ursp.rule[0].trafficDescriptor[0](dnn).dnn.label",
  ],
];

describe("URSP codec: decoding malformed input", () => {
  it.each(DECODE_ERRORS)(
    "When the input has %s, then decodeUrsp reports %s at the offset and field",
    (_, input, code, offset, field) => {
      let error: unknown;
      try {
        decodeUrsp(bytes(hex(input)));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UrspDecodeError);
      expect(error).toMatchObject({ code, offset, field });
    },
  );
});

const ENCODE_ERRORS: [string, UrspPolicy, string, string][] = [
  ["no rules", { rules: [] }, "STRUCTURE", "/rules"],
  [
    "match-all beside another component",
    {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }, { type: "protocolIdNextHeader", value: 6 }],
          routeSelectionDescriptors: [{ precedence: 1, components: [] }],
        },
      ],
    },
    "STRUCTURE",
    "/rules/0/trafficDescriptor/0",
  ],
  [
    "non-seamless offload beside another component",
    rsdPolicy([{ type: "nonSeamlessNon3gppOffload" }, { type: "dnn", dnn: "x" }]),
    "STRUCTURE",
    "/rules/0/routeSelectionDescriptors/0/components/0",
  ],
  [
    "two PDU session types",
    rsdPolicy([
      { type: "pduSessionType", pduSessionType: "ipv4" },
      { type: "pduSessionType", pduSessionType: "ipv6" },
    ]),
    "STRUCTURE",
    "/rules/0/routeSelectionDescriptors/0/components/1",
  ],
  [
    "two multi-access preferences",
    rsdPolicy([{ type: "multiAccessPreference" }, { type: "multiAccessPreference" }]),
    "STRUCTURE",
    "/rules/0/routeSelectionDescriptors/0/components/1",
  ],
  [
    "an SD of 5 digits",
    rsdPolicy([{ type: "sNssai", sst: 1, sd: "00001" }]),
    "INVALID_VALUE",
    "/rules/0/routeSelectionDescriptors/0/components/0/sd",
  ],
  [
    "a DNN label of 64 characters",
    rsdPolicy([{ type: "dnn", dnn: "a".repeat(64) }]),
    "INVALID_VALUE",
    "/rules/0/routeSelectionDescriptors/0/components/0/dnn",
  ],
  [
    "a DNN of 101 octets",
    rsdPolicy([{ type: "dnn", dnn: `${"a".repeat(50)}.${"b".repeat(49)}` }]),
    "INVALID_VALUE",
    "/rules/0/routeSelectionDescriptors/0/components/0/dnn",
  ],
  [
    "an FQDN with an empty label",
    tdPolicy({ type: "destinationFqdn", fqdn: "a..b" }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0/fqdn",
  ],
  [
    "a non-canonical IPv6 address",
    tdPolicy({ type: "ipv6RemoteAddressPrefix", address: "2001:DB8::1", prefixLength: 64 }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0/address",
  ],
  [
    "a reversed port range",
    tdPolicy({ type: "remotePortRange", low: 9, high: 8 }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0",
  ],
  [
    "an IP 3 tuple with IPv4 and IPv6",
    tdPolicy({
      type: "ip3Tuple",
      ipv4: { address: "1.2.3.4", mask: "255.255.255.255" },
      ipv6: { address: "::1", prefixLength: 128 },
    }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0",
  ],
  [
    "a precedence of 256",
    {
      rules: [
        {
          precedence: 256,
          trafficDescriptor: [{ type: "matchAll" }],
          routeSelectionDescriptors: [{ precedence: 1, components: [] }],
        },
      ],
    },
    "INVALID_VALUE",
    "/rules/0/precedence",
  ],
  [
    "an OS App Id hex that is printable",
    tdPolicy({ type: "osAppId", osAppIdHex: "414243" }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0/osAppIdHex",
  ],
  [
    "a connection capability number that has a name",
    tdPolicy({ type: "connectionCapabilities", capabilities: [1] }),
    "INVALID_VALUE",
    "/rules/0/trafficDescriptor/0/capabilities/0",
  ],
];

function rsdPolicy(components: RouteSelectionComponent[]): UrspPolicy {
  return {
    rules: [
      {
        precedence: 1,
        trafficDescriptor: [{ type: "matchAll" }],
        routeSelectionDescriptors: [{ precedence: 1, components }],
      },
    ],
  };
}
function tdPolicy(c: TrafficDescriptorComponent): UrspPolicy {
  return tdRule(c);
}

describe("URSP codec: encoding invalid policies", () => {
  it.each(ENCODE_ERRORS)("When a policy has %s, then encodeUrsp throws %s naming the path", (_, policy, code, path) => {
    let error: unknown;
    try {
      encodeUrsp(policy);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UrspEncodeError);
    expect(error).toMatchObject({ code, path });
  });

  it("When a rule grows beyond 65535 octets, then encodeUrsp reports TOO_LONG instead of wrapping the length", () => {
    const components = Array.from({ length: 700 }, () => ({
      type: "dnn" as const,
      dnn: "a".repeat(63) + ".b".repeat(18),
    }));
    expect(() => encodeUrsp(rsdPolicy(components))).toThrow(UrspEncodeError);
  });
});
