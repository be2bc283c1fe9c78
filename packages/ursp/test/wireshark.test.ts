// Independent decoder: Wireshark 4.4's NAS-5GS dissector (npm @goodtools/wiregasm) must read our encodings the same
// way we do. For every item Wireshark dissects, we derive the display-filter values it must show from our JSON
// model and compare the whole sequence; for the components Wireshark 4.4 does not dissect, the test pins down
// exactly what it does show (the component name, then "IE not dissected yet").
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  encodeDlNasTransport,
  encodeUlNasTransport,
  encodeUrsp,
  manageUePolicyCommand,
  parseHex,
  type RouteSelectionComponent,
  type TrafficDescriptorComponent,
  type UePolicyMessage,
  type UrspPolicy,
} from "../src/index.js";
import { RSD_VECTORS, TD_VECTORS } from "./fixtures/component-vectors.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };
import { policyArbitrary, routeComponent, trafficComponent } from "./support/arbitraries.js";
import { type Dissection, loadWireshark } from "./support/wireshark.js";

let ws: Awaited<ReturnType<typeof loadWireshark>>;

beforeAll(async () => {
  ws = await loadWireshark();
});

const h = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, "0")}`;
const colonHex = (hex: string) => hex.match(/../g)?.join(":") ?? "";
const asciiHex = (s: string) => Buffer.from(s, "latin1").toString("hex");
const f = (name: string, value: string | number) => `nas-5gs.${name} == ${value}`;
const td = (name: string, value: string | number) => f(`ursp.traff_desc.${name}`, value);

/** Display-filter values Wireshark 4.4 shows for a traffic descriptor component, derived from our JSON. */
function tdFields(c: TrafficDescriptorComponent): string[] | undefined {
  const id = (n: number) => f("ursp.traff_desc", n);
  switch (c.type) {
    case "matchAll":
      return [id(1)];
    case "osIdOsAppId": {
      const app = c.osAppId !== undefined ? asciiHex(c.osAppId) : (c.osAppIdHex as string);
      return [id(8), f("os_id", c.osId), f("app_id_len", app.length / 2), f("os_app_id", colonHex(app))];
    }
    case "osAppId": {
      const app = c.osAppId !== undefined ? asciiHex(c.osAppId) : (c.osAppIdHex as string);
      return [id(160), f("app_id_len", app.length / 2), f("os_app_id", colonHex(app))];
    }
    case "ipv4RemoteAddress":
      return [id(16), td("ipv4", c.address), td("ipv4_mask", c.mask)];
    case "ipv6RemoteAddressPrefix":
      return [id(33), td("ipv6", c.address), td("ipv6_prefix_len", c.prefixLength)];
    case "protocolIdNextHeader":
      return [id(48), td("next_hdr", c.value)];
    case "singleRemotePort":
      return [id(80), td("single_remote_port", c.port)];
    case "remotePortRange":
      return [id(81), td("remote_port_range_low", c.low), td("remote_port_range_high", c.high)];
    case "securityParameterIndex":
      return [id(96), td("sec_param_index", h(c.spi, 8))];
    case "typeOfServiceTrafficClass":
      return [id(112), td("tos_tc", h(c.value, 2)), td("tos_tc_mask", h(c.mask, 2))];
    case "flowLabel":
      return [id(128), td("flow_label", h(c.label, 6))];
    case "destinationMacAddress":
      return [id(129), td("dest_mac_addr", c.address)];
    case "ctagVid":
      return [id(131), td("ctag_vid", h(c.vid, 4))];
    case "stagVid":
      return [id(132), td("stag_vid", h(c.vid, 4))];
    case "ctagPcpDei":
      return [id(133), td("ctag_pcp", h(c.pcp, 2)), td("ctag_dei", h(c.dei ? 1 : 0, 2))];
    case "stagPcpDei":
      return [id(134), td("stag_pcp", h(c.pcp, 2)), td("stag_dei", h(c.dei ? 1 : 0, 2))];
    case "ethertype":
      return [id(135), td("ethertype", h(c.value, 4))];
    case "dnn":
      return [id(136), f("dnn_len", c.dnn.length + 1), f("cmn.dnn", JSON.stringify(c.dnn))];
    case "connectionCapabilities": {
      const values = c.capabilities.map((x) =>
        typeof x === "number" ? x : { ims: 1, mms: 2, supl: 4, internet: 8 }[x],
      );
      return [id(144), td("conn_cap_len", values.length), ...values.map((v) => td("conn_cap", h(v, 2)))];
    }
    case "destinationFqdn":
      return [id(145), td("dest_fqdn_len", c.fqdn.length + 1), td("dest_fqdn", JSON.stringify(c.fqdn))];
    case "destinationMacAddressRange":
      return [id(161), td("dest_mac_addr_range_low", c.low), td("dest_mac_addr_range_high", c.high)];
    default:
      return undefined; // 0x52 IP 3 tuple, 0x92 regular expression: not dissected by Wireshark 4.4
  }
}

/** Display-filter values Wireshark 4.4 shows for a route selection descriptor component. */
function rsdFields(c: RouteSelectionComponent): string[] | undefined {
  const id = (n: number) => f("ursp.r_sel_desc_comp_type", n);
  switch (c.type) {
    case "sscMode":
      return [id(1), f("sm.sc_mode", c.sscMode)];
    case "sNssai":
      return c.sd === undefined
        ? [id(2), f("mm.len_of_mapped_s_nssai", 1), f("mm.sst", c.sst)]
        : [id(2), f("mm.len_of_mapped_s_nssai", 4), f("mm.sst", c.sst), f("mm.mm_sd", Number.parseInt(c.sd, 16))];
    case "dnn":
      return [id(4), f("dnn_len", c.dnn.length + 1), f("cmn.dnn", JSON.stringify(c.dnn))];
    case "pduSessionType":
      return [
        id(8),
        f("sm.pdu_session_type", ["ipv4", "ipv6", "ipv4v6", "unstructured", "ethernet"].indexOf(c.pduSessionType) + 1),
      ];
    case "preferredAccessType":
      return [id(16), f("spare_b3", 0), f("spare_b2", 0), f("cmn.acc_type", c.accessType === "3gpp" ? 1 : 2)];
    case "multiAccessPreference":
      return [id(17)];
    case "nonSeamlessNon3gppOffload":
      return [id(32)];
    default:
      return undefined; // 0x40, 0x80, 0x81-0x83: not dissected by Wireshark 4.4
  }
}

const RULE_FIELDS = [
  "ursp.rule_len",
  "ursp.rule_prec",
  "ursp.traff_desc_len",
  "ursp.r_sel_desc_lst_len",
  "ursp.r_sel_desc_len",
  "ursp.r_sel_des_prec",
  "ursp.r_sel_des_cont_len",
];

/** Everything Wireshark must show for the rules of a policy, in order. */
function expectedFields(policy: UrspPolicy): string[] {
  const out: string[] = [];
  const bytes = encodeUrsp(policy);
  let at = 0;
  for (const rule of policy.rules) {
    const ruleLen = (bytes[at] as number) * 256 + (bytes[at + 1] as number);
    const tdLen = (bytes[at + 3] as number) * 256 + (bytes[at + 4] as number);
    out.push(f("ursp.rule_len", ruleLen), f("ursp.rule_prec", rule.precedence), f("ursp.traff_desc_len", tdLen));
    for (const c of rule.trafficDescriptor) out.push(...(tdFields(c) ?? []));
    let p = at + 5 + tdLen;
    out.push(f("ursp.r_sel_desc_lst_len", (bytes[p] as number) * 256 + (bytes[p + 1] as number)));
    p += 2;
    for (const rsd of rule.routeSelectionDescriptors) {
      const len = (bytes[p] as number) * 256 + (bytes[p + 1] as number);
      out.push(
        f("ursp.r_sel_desc_len", len),
        f("ursp.r_sel_des_prec", rsd.precedence),
        f("ursp.r_sel_des_cont_len", len - 3),
      );
      for (const c of rsd.components) out.push(...(rsdFields(c) ?? []));
      p += 2 + len;
    }
    at += 2 + ruleLen;
  }
  return out;
}

const KNOWN = new Set<string>();
function collectKnown(fields: string[]) {
  for (const x of fields) KNOWN.add(x.split(" == ")[0] as string);
}
for (const [, c] of TD_VECTORS) collectKnown(tdFields(c) ?? []);
for (const [, c] of RSD_VECTORS) collectKnown(rsdFields(c) ?? []);
for (const x of RULE_FIELDS) KNOWN.add(`nas-5gs.${x}`);
KNOWN.add("nas-5gs.ie_not_dis");

/** The URSP items Wireshark showed (only fields our model speaks about, plus "IE not dissected"). */
function shown(d: Dissection): string[] {
  return d.items.map((i) => i.filter).filter((x) => KNOWN.has(x.split(" == ")[0] as string));
}

function dissectPolicy(policy: UrspPolicy): Dissection {
  return ws.dissect(encodeDlNasTransport(manageUePolicyCommand(policy, { plmn: "001-01" })));
}

const tdPolicy = (c: TrafficDescriptorComponent): UrspPolicy => ({
  rules: [{ precedence: 1, trafficDescriptor: [c], routeSelectionDescriptors: [{ precedence: 1, components: [] }] }],
});
const rsdPolicy = (c: RouteSelectionComponent): UrspPolicy => ({
  rules: [
    {
      precedence: 1,
      trafficDescriptor: [{ type: "matchAll" }],
      routeSelectionDescriptors: [{ precedence: 1, components: [c] }],
    },
  ],
});

describe("Wireshark 4.4 (wiregasm) reads our encodings", () => {
  it("When wiregasm is loaded, then it is Wireshark 4.4 or later with the nas-5gs dissector", () => {
    const [major, minor] = ws.version.split(".").map(Number) as [number, number];
    expect(major * 100 + minor).toBeGreaterThanOrEqual(404);
    const d = ws.dissect(parseHex(seed.enterpriseDlNasTransportHex) as Uint8Array);
    expect(d.encapsulation).toBe("Wireshark Upper PDU export");
    expect(d.items.some((i) => i.filter === "nas-5gs")).toBe(true);
  });

  it("When the reference ENTERPRISE delivery is dissected, then every wrapper and rule field is the one we encoded", () => {
    const d = ws.dissect(parseHex(seed.enterpriseDlNasTransportHex) as Uint8Array);
    const filters = d.items.map((i) => i.filter);
    expect(filters).toEqual(
      expect.arrayContaining([
        "nas-5gs.mm.message_type == 0x68",
        "nas-5gs.mm.pld_cont_type == 5",
        "nas-5gs.proc_trans_id == 128",
        "nas-5gs.updp.message_type == 0x01",
        "nas-5gs.updp.ue_pol_sect_sublst_len == 87",
        'e212.mcc == "001"',
        'e212.mnc == "01"',
        "nas-5gs.updp.instr_len == 82",
        "nas-5gs.updp.upsc == 1",
        "nas-5gs.updp.policy_len == 78",
        "nas-5gs.updp.ue_policy_part_type == 1",
      ]),
    );
    expect(d.items.some((i) => i.filter === "nas-5gs.ie_not_dis" || /malformed/i.test(i.label))).toBe(false);
  });

  it.each([
    [
      "COMPLETE",
      { messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x80 } as const,
      [
        "nas-5gs.mm.message_type == 0x67",
        "nas-5gs.mm.pld_cont_type == 5",
        "nas-5gs.proc_trans_id == 128",
        "nas-5gs.updp.message_type == 0x02",
      ],
    ],
    [
      "COMMAND REJECT",
      {
        messageType: "MANAGE_UE_POLICY_COMMAND_REJECT",
        pti: 0x81,
        results: [{ plmn: "001-01", results: [{ upsc: 2, failedInstructionOrder: 1, cause: 111 }] }],
      } as const,
      [
        "nas-5gs.mm.message_type == 0x67",
        "nas-5gs.proc_trans_id == 129",
        "nas-5gs.updp.message_type == 0x03",
        "nas-5gs.updp.ue_pol_sect_subresult_len == 1",
        'e212.mcc == "001"',
        'e212.mnc == "01"',
        "nas-5gs.updp.upsc == 2",
        "nas-5gs.updp.failed_instruction_order == 1",
        "nas-5gs.upds_cause == 111",
      ],
    ],
  ])(
    "When the UE's %s is sent in a UL NAS TRANSPORT, then Wireshark reads every field as we encoded it",
    (_n, msg, fields) => {
      const d = ws.dissect(encodeUlNasTransport(msg as UePolicyMessage));
      expect(d.items.map((i) => i.filter)).toEqual(expect.arrayContaining(fields));
      expect(d.items.some((i) => i.filter === "nas-5gs.ie_not_dis" || /malformed/i.test(i.label))).toBe(false);
    },
  );

  const coveredTd = TD_VECTORS.filter(([, c]) => tdFields(c) !== undefined);
  it.each(coveredTd)(
    "When a %s traffic descriptor is dissected, then Wireshark shows the values we encoded",
    (_, c) => {
      const policy = tdPolicy(c);
      expect(shown(dissectPolicy(policy))).toEqual(expectedFields(policy));
    },
  );

  const coveredRsd = RSD_VECTORS.filter(([, c]) => rsdFields(c) !== undefined);
  it.each(coveredRsd)(
    "When a %s route selection component is dissected, then Wireshark shows the values we encoded",
    (_, c) => {
      const policy = rsdPolicy(c);
      expect(shown(dissectPolicy(policy))).toEqual(expectedFields(policy));
    },
  );

  it("When random policies of the components Wireshark 4.4 dissects are delivered, then it reads every field as we do", () => {
    const shape = {
      traffic: Object.entries(trafficComponent)
        .filter(([t]) => t !== "ip3Tuple" && t !== "regularExpression")
        .map(([, a]) => a),
      route: Object.entries(routeComponent)
        .filter(([t]) =>
          ["sscMode", "sNssai", "dnn", "pduSessionType", "preferredAccessType", "multiAccessPreference"].includes(t),
        )
        .map(([, a]) => a),
      exclusive: true,
    };
    fc.assert(
      fc.property(policyArbitrary(shape, 3), (policy) => {
        expect(shown(dissectPolicy(policy))).toEqual(expectedFields(policy));
      }),
      { numRuns: 60, seed: 44 },
    );
  });

  const NOT_DISSECTED: [string, TrafficDescriptorComponent | RouteSelectionComponent, string][] = [
    ["IP 3 tuple (0x52)", { type: "ip3Tuple", protocol: 6 }, "nas-5gs.ursp.traff_desc == 82"],
    ["regular expression (0x92)", { type: "regularExpression", regex: "a+b" }, "nas-5gs.ursp.traff_desc == 146"],
    [
      "location criteria (0x40)",
      { type: "locationCriteria", areas: [{ areaType: "tais", tais: [{ plmn: "001-01", tac: "000001" }] }] },
      "nas-5gs.ursp.r_sel_desc_comp_type == 64",
    ],
    [
      "time window (0x80)",
      { type: "timeWindow", start: "2025-01-01T00:00:00Z", stop: "2025-01-02T00:00:00Z" },
      "nas-5gs.ursp.r_sel_desc_comp_type == 128",
    ],
    ["PDU session pair ID (0x82)", { type: "pduSessionPairId", pairId: 3 }, "nas-5gs.ursp.r_sel_desc_comp_type == 130"],
    ["RSN (0x83)", { type: "rsn", rsn: 1 }, "nas-5gs.ursp.r_sel_desc_comp_type == 131"],
  ];
  it.each(NOT_DISSECTED)(
    "When a %s component is dissected, then Wireshark 4.4 names its type and reports the value as not dissected",
    (_, c, typeFilter) => {
      const policy =
        c.type === "ip3Tuple" || c.type === "regularExpression"
          ? tdPolicy(c as TrafficDescriptorComponent)
          : rsdPolicy(c as RouteSelectionComponent);
      const filters = dissectPolicy(policy).items.map((i) => i.filter);
      const at = filters.indexOf(typeFilter);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(filters.slice(at)).toContain("nas-5gs.ie_not_dis");
    },
  );

  it("When a 0x81 ProSe relay offload component is followed by a DNN, then Wireshark 4.4 stops at it (its framing is unconfirmed)", () => {
    const policy: UrspPolicy = {
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }],
          routeSelectionDescriptors: [
            { precedence: 1, components: [{ type: "proseL3RelayOffload" }, { type: "dnn", dnn: "ims" }] },
          ],
        },
      ],
    };
    const filters = dissectPolicy(policy).items.map((i) => i.filter);
    expect(filters).toContain("nas-5gs.ursp.r_sel_desc_comp_type == 129");
    expect(filters).toContain("nas-5gs.ie_not_dis");
    expect(filters).not.toContain('nas-5gs.cmn.dnn == "ims"');
  });
});
