// fast-check arbitraries for canonical URSP policies, typed by the package's model so the compiler checks that
// they produce values of the TypeScript types (and test/schema.test.ts checks the JSON schema accepts them).
import fc from "fast-check";
import { formatIpv6 } from "../../src/bytes.js";
import {
  ANDROID_OS_ID,
  type LocationArea,
  ROUTE_SELECTION_COMPONENTS,
  type RouteSelectionComponent,
  type RouteSelectionDescriptor,
  type TrafficDescriptorComponent,
  type UePolicyMessage,
  type UrspPolicy,
  type UrspRule,
} from "../../src/index.js";

const HEX = "0123456789abcdef";
const hexDigits = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
const printable = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: min, maxLength: max })
    .map((a) => String.fromCharCode(...a));
const labelChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-".split(""), "A", "Z", "_");
const label = (max: number) => fc.string({ unit: labelChar, minLength: 1, maxLength: max });
const dottedName = (maxChars: number) =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: label(12) }, { weight: 1, arbitrary: label(63) }), {
      minLength: 1,
      maxLength: 6,
    })
    .map((ls) => ls.join("."))
    .filter((s) => s.length <= maxChars);

const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 65535 });
const ipv4 = fc.ipV4();
const ipv6 = fc
  .oneof(
    fc.uint8Array({ minLength: 16, maxLength: 16 }),
    fc.tuple(fc.integer({ min: 0, max: 15 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map(([n, b]) => {
      b.fill(0, n, Math.min(16, n + 6));
      return b;
    }),
  )
  .map((b) => formatIpv6(b));
const mac = fc
  .uint8Array({ minLength: 6, maxLength: 6 })
  .map((b) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(":"));
const plmn = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.boolean(), fc.integer({ min: 0, max: 999 }))
  .map(
    ([mcc, three, mnc]) =>
      `${String(mcc).padStart(3, "0")}-${three ? String(mnc).padStart(3, "0") : String(mnc % 100).padStart(2, "0")}`,
  );
const osAppId = fc.oneof(
  { weight: 4, arbitrary: printable(1, 40).map((osAppId) => ({ osAppId })) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 20 })
      .filter((b) => b.some((x) => x < 0x20 || x > 0x7e))
      .map((b) => ({ osAppIdHex: Buffer.from(b).toString("hex") })),
  },
);
const portRange = fc.tuple(u16, u16).map(([a, b]) => ({ low: Math.min(a, b), high: Math.max(a, b) }));
const ipv4Mask = fc.record({ address: ipv4, mask: ipv4 }, { noNullPrototype: true });
const ipv6Prefix = fc.record(
  { address: ipv6, prefixLength: fc.integer({ min: 0, max: 128 }) },
  { noNullPrototype: true },
);
const macRange = fc.tuple(mac, mac).map(([a, b]) => (a <= b ? { low: a, high: b } : { low: b, high: a }));

export const trafficComponent: Record<
  Exclude<TrafficDescriptorComponent["type"], "matchAll">,
  fc.Arbitrary<TrafficDescriptorComponent>
> = {
  osIdOsAppId: fc
    .tuple(fc.oneof(fc.constant(ANDROID_OS_ID), fc.uuid()), osAppId)
    .map(([osId, app]) => ({ type: "osIdOsAppId", osId, ...app }) as TrafficDescriptorComponent),
  osAppId: osAppId.map((app) => ({ type: "osAppId", ...app }) as TrafficDescriptorComponent),
  ipv4RemoteAddress: ipv4Mask.map((v) => ({ type: "ipv4RemoteAddress", ...v })),
  ipv6RemoteAddressPrefix: ipv6Prefix.map((v) => ({ type: "ipv6RemoteAddressPrefix", ...v })),
  protocolIdNextHeader: u8.map((value) => ({ type: "protocolIdNextHeader", value })),
  singleRemotePort: u16.map((port) => ({ type: "singleRemotePort", port })),
  remotePortRange: portRange.map((r) => ({ type: "remotePortRange", ...r })),
  ip3Tuple: fc
    .record(
      {
        ip: fc.option(
          fc.oneof(
            ipv4Mask.map((ipv4) => ({ ipv4 })),
            ipv6Prefix.map((ipv6) => ({ ipv6 })),
          ),
          { nil: undefined },
        ),
        protocol: fc.option(u8, { nil: undefined }),
        port: fc.option(
          fc.oneof(
            u16.map((port) => ({ port })),
            portRange.map((portRange) => ({ portRange })),
          ),
          { nil: undefined },
        ),
      },
      { requiredKeys: [] },
    )
    .filter((r) => r.ip !== undefined || r.protocol !== undefined || r.port !== undefined)
    .map((r) => ({
      type: "ip3Tuple",
      ...r.ip,
      ...(r.protocol === undefined ? {} : { protocol: r.protocol }),
      ...r.port,
    })),
  securityParameterIndex: fc
    .integer({ min: 0, max: 0xffffffff })
    .map((spi) => ({ type: "securityParameterIndex", spi })),
  typeOfServiceTrafficClass: fc
    .tuple(u8, u8)
    .map(([value, mask]) => ({ type: "typeOfServiceTrafficClass", value, mask })),
  flowLabel: fc.integer({ min: 0, max: 0xfffff }).map((label) => ({ type: "flowLabel", label })),
  destinationMacAddress: mac.map((address) => ({ type: "destinationMacAddress", address })),
  ctagVid: fc.integer({ min: 0, max: 4095 }).map((vid) => ({ type: "ctagVid", vid })),
  stagVid: fc.integer({ min: 0, max: 4095 }).map((vid) => ({ type: "stagVid", vid })),
  ctagPcpDei: fc
    .tuple(fc.integer({ min: 0, max: 7 }), fc.boolean())
    .map(([pcp, dei]) => ({ type: "ctagPcpDei", pcp, dei })),
  stagPcpDei: fc
    .tuple(fc.integer({ min: 0, max: 7 }), fc.boolean())
    .map(([pcp, dei]) => ({ type: "stagPcpDei", pcp, dei })),
  ethertype: u16.map((value) => ({ type: "ethertype", value })),
  dnn: dottedName(99).map((dnn) => ({ type: "dnn", dnn })),
  connectionCapabilities: fc
    .array(
      fc.oneof(
        fc.constantFrom("ims", "mms", "supl", "internet" as const),
        u8.filter((v) => ![1, 2, 4, 8].includes(v)),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((capabilities) => ({ type: "connectionCapabilities", capabilities })),
  destinationFqdn: dottedName(254).map((fqdn) => ({ type: "destinationFqdn", fqdn })),
  regularExpression: printable(1, 60).map((regex) => ({ type: "regularExpression", regex })),
  destinationMacAddressRange: macRange.map((r) => ({ type: "destinationMacAddressRange", ...r })),
};

const tais = fc.array(fc.record({ plmn, tac: hexDigits(6) }, { noNullPrototype: true }), {
  minLength: 1,
  maxLength: 8,
});
const locationArea: fc.Arbitrary<LocationArea> = fc.oneof(
  fc
    .array(fc.record({ plmn, cellId: hexDigits(7) }, { noNullPrototype: true }), { minLength: 1, maxLength: 4 })
    .map((cells) => ({ areaType: "eutraCells" as const, cells })),
  fc
    .array(fc.record({ plmn, cellId: hexDigits(9) }, { noNullPrototype: true }), { minLength: 1, maxLength: 4 })
    .map((cells) => ({ areaType: "nrCells" as const, cells })),
  fc
    .array(fc.record({ plmn, gnbId: hexDigits(8) }, { noNullPrototype: true }), { minLength: 1, maxLength: 4 })
    .map((nodes) => ({ areaType: "globalRanNodes" as const, nodes })),
  tais.map((t) => ({ areaType: "tais" as const, tais: t })),
);
const NTP_MIN = -2_208_988_800;
const NTP_MAX = 2_085_978_495;
const time = fc
  .tuple(
    fc.integer({ min: NTP_MIN, max: NTP_MAX }),
    fc.option(fc.integer({ min: 1, max: 999_999_999 }), { nil: undefined }),
  )
  .map(([s, ns]) => {
    const base = new Date(s * 1000).toISOString().slice(0, 19);
    return ns === undefined ? `${base}Z` : `${base}.${String(ns).padStart(9, "0").replace(/0+$/, "")}Z`;
  });

export const routeComponent: Record<
  Exclude<RouteSelectionComponent["type"], "nonSeamlessNon3gppOffload">,
  fc.Arbitrary<RouteSelectionComponent>
> = {
  sscMode: fc.constantFrom(1 as const, 2 as const, 3 as const).map((sscMode) => ({ type: "sscMode", sscMode })),
  sNssai: fc
    .tuple(u8, fc.option(hexDigits(6), { nil: undefined }))
    .map(([sst, sd]) => (sd === undefined ? { type: "sNssai", sst } : { type: "sNssai", sst, sd })),
  dnn: dottedName(99).map((dnn) => ({ type: "dnn", dnn })),
  pduSessionType: fc
    .constantFrom("ipv4", "ipv6", "ipv4v6", "unstructured", "ethernet" as const)
    .map((pduSessionType) => ({ type: "pduSessionType", pduSessionType })),
  preferredAccessType: fc
    .constantFrom("3gpp", "non-3gpp" as const)
    .map((accessType) => ({ type: "preferredAccessType", accessType })),
  multiAccessPreference: fc.constant({ type: "multiAccessPreference" }),
  locationCriteria: fc
    .array(locationArea, { minLength: 1, maxLength: 3 })
    .map((areas) => ({ type: "locationCriteria", areas })),
  timeWindow: fc.tuple(time, time).map(([start, stop]) => ({ type: "timeWindow", start, stop })),
  proseL3RelayOffload: fc.constant({ type: "proseL3RelayOffload" }),
  pduSessionPairId: u8.map((pairId) => ({ type: "pduSessionPairId", pairId })),
  rsn: u8.map((rsn) => ({ type: "rsn", rsn })),
};

const SINGLETONS = new Set(
  Object.entries(ROUTE_SELECTION_COMPONENTS)
    .filter(([, c]) => (c as { singleton?: boolean }).singleton)
    .map(([t]) => t),
);

function dedupeSingletons(list: RouteSelectionComponent[]): RouteSelectionComponent[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    if (!SINGLETONS.has(c.type)) return true;
    if (seen.has(c.type)) return false;
    seen.add(c.type);
    return true;
  });
}

export interface PolicyShape {
  traffic: fc.Arbitrary<TrafficDescriptorComponent>[];
  route: fc.Arbitrary<RouteSelectionComponent>[];
  /** Include match-all-only and non-seamless-offload-only descriptors. */
  exclusive: boolean;
}

export const ALL_COMPONENTS: PolicyShape = {
  traffic: Object.values(trafficComponent),
  route: Object.values(routeComponent),
  exclusive: true,
};

export function policyArbitrary(shape: PolicyShape = ALL_COMPONENTS, maxRules = 4): fc.Arbitrary<UrspPolicy> {
  const td = fc.array(fc.oneof(...shape.traffic), { minLength: 1, maxLength: 4 });
  const tdOrMatchAll = shape.exclusive
    ? fc.oneof(
        { weight: 5, arbitrary: td },
        { weight: 1, arbitrary: fc.constant<TrafficDescriptorComponent[]>([{ type: "matchAll" }]) },
      )
    : td;
  const comps = fc.array(fc.oneof(...shape.route), { minLength: 0, maxLength: 5 }).map(dedupeSingletons);
  const compsOrOffload = shape.exclusive
    ? fc.oneof(
        { weight: 8, arbitrary: comps },
        { weight: 1, arbitrary: fc.constant<RouteSelectionComponent[]>([{ type: "nonSeamlessNon3gppOffload" }]) },
      )
    : comps;
  const rsd: fc.Arbitrary<RouteSelectionDescriptor> = fc.record(
    { precedence: u8, components: compsOrOffload },
    { noNullPrototype: true },
  );
  const rule: fc.Arbitrary<UrspRule> = fc.record(
    {
      precedence: u8,
      trafficDescriptor: tdOrMatchAll,
      routeSelectionDescriptors: fc.array(rsd, { minLength: 1, maxLength: 3 }),
    },
    { noNullPrototype: true },
  );
  return fc.array(rule, { minLength: 1, maxLength: maxRules }).map((rules) => ({ rules }));
}

export function commandArbitrary(): fc.Arbitrary<UePolicyMessage> {
  const part = fc.oneof(
    { weight: 4, arbitrary: policyArbitrary(ALL_COMPONENTS, 2).map((ursp) => ({ partType: "ursp" as const, ursp })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("andsp", "v2xp", "prosep" as const), fc.uint8Array({ maxLength: 8 }))
        .map(([partType, b]) => ({ partType, contentsHex: Buffer.from(b).toString("hex") })),
    },
  );
  const instruction = fc.record({ upsc: u16, parts: fc.array(part, { maxLength: 2 }) }, { noNullPrototype: true });
  const sublist = fc.record(
    { plmn, instructions: fc.array(instruction, { minLength: 1, maxLength: 2 }) },
    { noNullPrototype: true },
  );
  const pti = fc.integer({ min: 0x80, max: 0xfe });
  return fc.oneof(
    fc.record(
      {
        messageType: fc.constant("MANAGE_UE_POLICY_COMMAND" as const),
        pti,
        sublists: fc.array(sublist, { minLength: 1, maxLength: 2 }),
        networkClassmarkHex: hexDigits(2).chain((a) => fc.constantFrom(a, `${a}00`, `${a}0102`)),
      },
      { noNullPrototype: true, requiredKeys: ["messageType", "pti", "sublists"] },
    ),
    fc.record({ messageType: fc.constant("MANAGE_UE_POLICY_COMPLETE" as const), pti }, { noNullPrototype: true }),
    fc.record(
      {
        messageType: fc.constant("MANAGE_UE_POLICY_COMMAND_REJECT" as const),
        pti,
        results: fc.array(
          fc.record(
            {
              plmn,
              results: fc.array(
                fc.record({ upsc: u16, failedInstructionOrder: u16, cause: u8 }, { noNullPrototype: true }),
                { minLength: 1, maxLength: 3 },
              ),
            },
            { noNullPrototype: true },
          ),
          { minLength: 1, maxLength: 2 },
        ),
      },
      { noNullPrototype: true },
    ),
  );
}
