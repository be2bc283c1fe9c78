import { describe, expect, it } from "vitest";
import {
  type Availability,
  androidCategoryRule,
  androidDefaultRule,
  androidExamplePolicy,
  componentMatches,
  selectRoute,
  type TrafficDescriptorComponent,
  type TrafficRequest,
  type UrspPolicy,
} from "../src/index.js";

// Seed 003's test set-up: the enterprise rule plus a default rule to the internet slice.
const ENTERPRISE_SLICE = { sst: 1, sd: "000001" };
const INTERNET_SLICE = { sst: 1 };
const seedPolicy: UrspPolicy = {
  rules: [
    androidCategoryRule("ENTERPRISE", { precedence: 1, slice: ENTERPRISE_SLICE }),
    androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE }),
  ],
};

describe("selectRoute: seed 003 behaviour", () => {
  it("When a work-profile app asks for ENTERPRISE and the slice is available, then it gets the enterprise slice via RSD 1", () => {
    const r = selectRoute(seedPolicy, { osAppId: "ENTERPRISE" }, { slices: [ENTERPRISE_SLICE, INTERNET_SLICE] });
    expect(r).toMatchObject({ outcome: "route", ruleIndex: 0, descriptorIndex: 0, matchAllRuleAllowed: false });
    expect(r.routeSelectionDescriptor?.components).toContainEqual({ type: "sNssai", ...ENTERPRISE_SLICE });
    expect(r.explanation.at(-1)).toBe(
      "→ route: rule 0 [precedence 1], descriptor 0: S-NSSAI SST 1 SD 000001, DNN enterprise",
    );
  });

  it("When a personal app uses the default network, then the match-all rule sends it to the internet slice", () => {
    const r = selectRoute(seedPolicy, {}, { slices: [ENTERPRISE_SLICE, INTERNET_SLICE] });
    expect(r).toMatchObject({ outcome: "route", ruleIndex: 1, matchAllRuleAllowed: true });
    expect(r.routeSelectionDescriptor?.components).toEqual([{ type: "sNssai", sst: 1 }]);
    expect(r.trace[0]?.reason).toContain("osIdOsAppId does not match");
  });

  it("When the enterprise slice is unavailable but its DNN is, then RSD 2 (DNN only) is used", () => {
    const r = selectRoute(seedPolicy, { osAppId: "ENTERPRISE" }, { slices: [INTERNET_SLICE] });
    expect(r).toMatchObject({ outcome: "route", ruleIndex: 0, descriptorIndex: 1 });
    expect(r.trace[0]?.descriptors[0]).toMatchObject({
      usable: false,
      reason: "slice SST 1 SD 000001 is not available",
    });
  });

  it("When neither the enterprise slice nor its DNN is available, then the enterprise app falls back to the default network", () => {
    const r = selectRoute(seedPolicy, { osAppId: "ENTERPRISE" }, { slices: [INTERNET_SLICE], dnns: ["internet"] });
    expect(r).toMatchObject({ outcome: "fallback", ruleIndex: 1, matchAllRuleAllowed: false });
    expect(r.trace[1]?.reason).toBe("match-all rule skipped: matchAllRuleAllowed is false");
    expect(r.explanation).toContain(
      "no usable route for the request; falling back to the default network (matchAllRuleAllowed=true)",
    );
  });

  it("When a non-enterprise category asks for an unavailable slice, then it is reported unavailable (no fallback)", () => {
    const policy = androidExamplePolicy();
    const r = selectRoute(policy, { osAppId: "PRIORITIZE_LATENCY" }, { slices: [{ sst: 1 }], dnns: ["internet"] });
    expect(r.outcome).toBe("unavailable");
    expect(r.rule).toBeUndefined();
    expect(r.explanation.at(-1)).toBe("→ unavailable: matching rules have no usable route selection descriptor");
  });

  it("When a category has no rule and match-all is not allowed, then the request is unavailable", () => {
    const r = selectRoute(seedPolicy, { osAppId: "CBS" }, {});
    expect(r.outcome).toBe("unavailable");
    expect(r.explanation.at(-1)).toContain("the match-all rule is not allowed for slice requests");
  });

  it("When matchAllRuleAllowed is forced true for a category, then the match-all rule can carry it", () => {
    const r = selectRoute(seedPolicy, { osAppId: "CBS", matchAllRuleAllowed: true }, {});
    expect(r).toMatchObject({ outcome: "route", ruleIndex: 1 });
  });

  it("When a policy has no match-all rule and nothing matches, then the outcome is noMatch", () => {
    const r = selectRoute({ rules: [seedPolicy.rules[0]!] }, { fqdn: "example.com" }, {});
    expect(r.outcome).toBe("noMatch");
  });

  it("When two rules match, then the lower precedence value wins regardless of list order", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 20,
          trafficDescriptor: [{ type: "destinationFqdn", fqdn: "video.example.com" }],
          routeSelectionDescriptors: [{ precedence: 1, components: [{ type: "dnn", dnn: "slow" }] }],
        },
        {
          precedence: 10,
          trafficDescriptor: [{ type: "singleRemotePort", port: 443 }],
          routeSelectionDescriptors: [{ precedence: 1, components: [{ type: "dnn", dnn: "fast" }] }],
        },
      ],
    };
    const r = selectRoute(policy, { fqdn: "video.example.com", remotePort: 443 }, {});
    expect(r.ruleIndex).toBe(1);
  });

  it("When descriptors are listed out of order, then the one with the lowest precedence value is tried first", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }],
          routeSelectionDescriptors: [
            { precedence: 5, components: [{ type: "dnn", dnn: "b" }] },
            { precedence: 2, components: [{ type: "dnn", dnn: "a" }] },
          ],
        },
      ],
    };
    expect(selectRoute(policy, {}, {}).descriptorIndex).toBe(1);
  });

  it("When a descriptor has a time window, then it is used only inside the window", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }],
          routeSelectionDescriptors: [
            {
              precedence: 1,
              components: [
                { type: "timeWindow", start: "2025-01-01T08:00:00Z", stop: "2025-01-01T18:00:00Z" },
                { type: "dnn", dnn: "office" },
              ],
            },
            { precedence: 2, components: [{ type: "dnn", dnn: "internet" }] },
          ],
        },
      ],
    };
    const at = (now: string) => selectRoute(policy, {}, { now }).descriptorIndex;
    expect(at("2025-01-01T09:00:00Z")).toBe(0);
    expect(at("2025-01-01T19:00:00Z")).toBe(1);
  });

  it("When a descriptor has location criteria, then it is used only where the UE is", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }],
          routeSelectionDescriptors: [
            {
              precedence: 1,
              components: [
                { type: "locationCriteria", areas: [{ areaType: "tais", tais: [{ plmn: "001-01", tac: "000001" }] }] },
              ],
            },
            { precedence: 2, components: [] },
          ],
        },
      ],
    };
    expect(selectRoute(policy, {}, { location: { plmn: "001-01", tac: "000001" } }).descriptorIndex).toBe(0);
    expect(selectRoute(policy, {}, { location: { plmn: "001-01", tac: "000002" } }).descriptorIndex).toBe(1);
    expect(selectRoute(policy, {}, {}).descriptorIndex).toBe(1);
  });
});

const TRAFFIC: [string, TrafficDescriptorComponent, TrafficRequest, TrafficRequest][] = [
  [
    "IPv4 address/mask",
    { type: "ipv4RemoteAddress", address: "10.1.0.0", mask: "255.255.0.0" },
    { remoteAddress: "10.1.2.3" },
    { remoteAddress: "10.2.0.1" },
  ],
  [
    "IPv6 prefix",
    { type: "ipv6RemoteAddressPrefix", address: "2001:db8::", prefixLength: 33 },
    { remoteAddress: "2001:db8:7fff::1" },
    { remoteAddress: "2001:db8:8000::1" },
  ],
  ["protocol", { type: "protocolIdNextHeader", value: 17 }, { protocol: 17 }, { protocol: 6 }],
  ["port range", { type: "remotePortRange", low: 8000, high: 8080 }, { remotePort: 8080 }, { remotePort: 8081 }],
  [
    "IP 3 tuple",
    { type: "ip3Tuple", ipv4: { address: "192.0.2.1", mask: "255.255.255.255" }, protocol: 6, port: 443 },
    { remoteAddress: "192.0.2.1", protocol: 6, remotePort: 443 },
    { remoteAddress: "192.0.2.1", protocol: 17, remotePort: 443 },
  ],
  [
    "ToS with mask",
    { type: "typeOfServiceTrafficClass", value: 0xb8, mask: 0xfc },
    { trafficClass: 0xbb },
    { trafficClass: 0x00 },
  ],
  [
    "MAC range",
    { type: "destinationMacAddressRange", low: "00:11:22:33:44:00", high: "00:11:22:33:44:ff" },
    { destinationMac: "00:11:22:33:44:7F" },
    { destinationMac: "00:11:22:33:45:00" },
  ],
  ["DNN (case-insensitive)", { type: "dnn", dnn: "ims" }, { dnn: "IMS" }, { dnn: "internet" }],
  [
    "connection capabilities",
    { type: "connectionCapabilities", capabilities: ["ims", "mms"] },
    { connectionCapabilities: ["mms"] },
    { connectionCapabilities: ["internet"] },
  ],
  [
    "FQDN",
    { type: "destinationFqdn", fqdn: "video.example.com" },
    { fqdn: "video.example.com" },
    { fqdn: "example.com" },
  ],
  [
    "regular expression",
    { type: "regularExpression", regex: "^.*\\.example\\.com$" },
    { fqdn: "a.example.com" },
    { fqdn: "example.org" },
  ],
  [
    "OS App Id",
    { type: "osAppId", osAppId: "com.example.app" },
    { osAppId: "com.example.app" },
    { osAppId: "com.other" },
  ],
];

describe("traffic descriptor component matching", () => {
  it.each(TRAFFIC)("When matching %s, then the matching traffic matches and the other does not", (_, c, yes, no) => {
    expect(componentMatches(c, yes)).toBe(true);
    expect(componentMatches(c, no)).toBe(false);
  });

  it("When a descriptor has two components of one type and one of another, then one-of and all-types logic applies", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [
            { type: "singleRemotePort", port: 80 },
            { type: "singleRemotePort", port: 443 },
            { type: "protocolIdNextHeader", value: 6 },
          ],
          routeSelectionDescriptors: [{ precedence: 1, components: [] }],
        },
      ],
    };
    const route = (t: TrafficRequest, a: Availability = {}) => selectRoute(policy, t, a).outcome;
    expect(route({ remotePort: 443, protocol: 6 })).toBe("route");
    expect(route({ remotePort: 443, protocol: 17 })).toBe("noMatch");
    expect(route({ remotePort: 22, protocol: 6 })).toBe("noMatch");
  });
});
