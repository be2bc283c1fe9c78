// Route selection as a UE applies URSP (TS 24.526 §4.2.2, TS 23.503 §6.6.2.3) with Android's slice-request
// behaviour (AOSP 5G network slicing guide): rules by precedence, traffic descriptor components of one type ORed and of different types
// ANDed, route selection descriptors by precedence, the match-all rule only when `matchAllRuleAllowed`, and the
// enterprise fallback to the default network.
import {
  ANDROID_OS_ID,
  type AndroidSliceCategory,
  isAndroidSliceCategory,
  isEnterpriseCategory,
  type SliceId,
} from "./android.js";
import { parseIpv4, parseIpv6, parseMac, toHex } from "./bytes.js";
import type {
  ConnectionCapability,
  LocationArea,
  RouteSelectionComponent,
  RouteSelectionDescriptor,
  TrafficDescriptorComponent,
  UrspPolicy,
  UrspRule,
} from "./model.js";

/** What the UE knows about the traffic (or the network request) to route. */
export interface TrafficRequest {
  /** OS App Id: an Android slice category ("ENTERPRISE", "CBS", …) or another application identifier. */
  osAppId?: string;
  /** OS Id for "OS Id + OS App Id" matching; defaults to Android's. */
  osId?: string;
  /** Remote IPv4 or IPv6 address. */
  remoteAddress?: string;
  remotePort?: number;
  /** IP protocol number / IPv6 next header (6 TCP, 17 UDP). */
  protocol?: number;
  spi?: number;
  /** Type of service / traffic class octet. */
  trafficClass?: number;
  flowLabel?: number;
  destinationMac?: string;
  ethertype?: number;
  ctagVid?: number;
  stagVid?: number;
  ctagPcp?: number;
  ctagDei?: boolean;
  stagPcp?: number;
  stagDei?: boolean;
  dnn?: string;
  fqdn?: string;
  connectionCapabilities?: ConnectionCapability[];
  /**
   * May the match-all rule be used? Android sets it for default-network requests and clears it for slice requests.
   * Default: false when `osAppId` is an Android slice category, true otherwise.
   */
  matchAllRuleAllowed?: boolean;
  /**
   * When no rule yields a usable route, use the default network (match-all rule) instead of reporting the request
   * unavailable. Default: true for ENTERPRISE…ENTERPRISE5 (Android's enterprise fallback), false otherwise.
   */
  fallbackToDefault?: boolean;
}

/** What the network currently offers the UE. Omitted lists mean "not restricted". */
export interface Availability {
  /** Allowed/available S-NSSAIs. */
  slices?: SliceId[];
  /** DNNs the UE may establish PDU sessions to. */
  dnns?: string[];
  /** Is a non-3GPP (WLAN) access available for non-seamless offload? Default false. */
  non3gppOffload?: boolean;
  /** Current time for time windows (default: now). */
  now?: Date | string;
  /** Current location for location criteria; without it, descriptors with location criteria are not used. */
  location?: { plmn: string; tac?: string; eutraCellId?: string; nrCellId?: string; gnbId?: string };
}

export interface DescriptorTrace {
  precedence: number;
  index: number;
  usable: boolean;
  reason: string;
}

export interface RuleTrace {
  precedence: number;
  index: number;
  matched: boolean;
  reason: string;
  descriptors: DescriptorTrace[];
}

export type RouteOutcome = "route" | "fallback" | "unavailable" | "noMatch";

export interface RouteSelection {
  /**
   * route: a rule matched and one of its descriptors is usable. fallback: the request fell back to the default
   * network's route. unavailable: matching rules exist but none of their descriptors is usable. noMatch: no rule
   * matches the traffic.
   */
  outcome: RouteOutcome;
  rule?: UrspRule;
  ruleIndex?: number;
  routeSelectionDescriptor?: RouteSelectionDescriptor;
  descriptorIndex?: number;
  /** The effective matchAllRuleAllowed of the (first) evaluation. */
  matchAllRuleAllowed: boolean;
  /** Human-readable reasoning, one step per line. */
  explanation: string[];
  trace: RuleTrace[];
  /** Evaluation of the default-network request when the request fell back. */
  fallbackTrace?: RuleTrace[];
}

function ipMatches(address: string | undefined, c: { address: string; mask?: string; prefixLength?: number }): boolean {
  if (address === undefined) return false;
  if (c.mask !== undefined) {
    const a = parseIpv4(address);
    const b = parseIpv4(c.address);
    const m = parseIpv4(c.mask);
    return a !== undefined && b !== undefined && m !== undefined && (a & m) >>> 0 === (b & m) >>> 0;
  }
  const a = parseIpv6(address);
  const b = parseIpv6(c.address);
  if (!a || !b) return false;
  let bits = c.prefixLength ?? 128;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((a[i] as number) & mask) !== ((b[i] as number) & mask)) return false;
  }
  return true;
}

function appIdMatches(t: TrafficRequest, c: { osAppId?: string; osAppIdHex?: string }): boolean {
  if (t.osAppId === undefined) return false;
  if (c.osAppId !== undefined) return t.osAppId === c.osAppId;
  return toHex(new TextEncoder().encode(t.osAppId)) === c.osAppIdHex;
}

function macValue(s: string | undefined): string | undefined {
  const b = s === undefined ? undefined : parseMac(s.toLowerCase());
  return b ? toHex(b) : undefined;
}

function regexMatches(pattern: string, subject: string | undefined): boolean {
  if (subject === undefined) return false;
  try {
    return new RegExp(pattern).test(subject);
  } catch {
    return false;
  }
}

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Does one traffic descriptor component match the traffic? */
export function componentMatches(c: TrafficDescriptorComponent, t: TrafficRequest): boolean {
  switch (c.type) {
    case "matchAll":
      return true;
    case "osIdOsAppId":
      return (t.osId ?? ANDROID_OS_ID) === c.osId && appIdMatches(t, c);
    case "osAppId":
      return appIdMatches(t, c);
    case "ipv4RemoteAddress":
      return ipMatches(t.remoteAddress, c);
    case "ipv6RemoteAddressPrefix":
      return ipMatches(t.remoteAddress, c);
    case "protocolIdNextHeader":
      return t.protocol === c.value;
    case "singleRemotePort":
      return t.remotePort === c.port;
    case "remotePortRange":
      return t.remotePort !== undefined && t.remotePort >= c.low && t.remotePort <= c.high;
    case "ip3Tuple":
      return (
        (c.ipv4 === undefined || ipMatches(t.remoteAddress, c.ipv4)) &&
        (c.ipv6 === undefined || ipMatches(t.remoteAddress, c.ipv6)) &&
        (c.protocol === undefined || t.protocol === c.protocol) &&
        (c.port === undefined || t.remotePort === c.port) &&
        (c.portRange === undefined ||
          (t.remotePort !== undefined && t.remotePort >= c.portRange.low && t.remotePort <= c.portRange.high))
      );
    case "securityParameterIndex":
      return t.spi === c.spi;
    case "typeOfServiceTrafficClass":
      return t.trafficClass !== undefined && (t.trafficClass & c.mask) === (c.value & c.mask);
    case "flowLabel":
      return t.flowLabel === c.label;
    case "destinationMacAddress":
      return macValue(t.destinationMac) === macValue(c.address);
    case "destinationMacAddressRange": {
      const m = macValue(t.destinationMac);
      return m !== undefined && m >= (macValue(c.low) as string) && m <= (macValue(c.high) as string);
    }
    case "ctagVid":
      return t.ctagVid === c.vid;
    case "stagVid":
      return t.stagVid === c.vid;
    case "ctagPcpDei":
      return t.ctagPcp === c.pcp && (t.ctagDei ?? false) === c.dei;
    case "stagPcpDei":
      return t.stagPcp === c.pcp && (t.stagDei ?? false) === c.dei;
    case "ethertype":
      return t.ethertype === c.value;
    case "dnn":
      return sameName(t.dnn, c.dnn);
    case "connectionCapabilities":
      return (t.connectionCapabilities ?? []).some((x) => c.capabilities.includes(x));
    case "destinationFqdn":
      return sameName(t.fqdn, c.fqdn);
    case "regularExpression":
      return regexMatches(c.regex, t.fqdn);
  }
}

function describeComponent(c: TrafficDescriptorComponent): string {
  const { type, ...rest } = c;
  const values = Object.values(rest).map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v)));
  return values.length ? `${type} ${values.join(" ")}` : type;
}

/** Matches a traffic descriptor: every component type present must have at least one matching component. */
export function trafficDescriptorMatches(
  td: TrafficDescriptorComponent[],
  t: TrafficRequest,
): { matched: boolean; reason: string } {
  const byType = new Map<string, TrafficDescriptorComponent[]>();
  for (const c of td) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  for (const [type, list] of byType) {
    if (!list.some((c) => componentMatches(c, t)))
      return { matched: false, reason: `${type} does not match (${list.map(describeComponent).join(" | ")})` };
  }
  return { matched: true, reason: `matches ${td.map(describeComponent).join(", ")}` };
}

function sliceText(s: { sst: number; sd?: string }): string {
  return s.sd === undefined ? `SST ${s.sst}` : `SST ${s.sst} SD ${s.sd}`;
}

function areaMatches(a: LocationArea, loc: NonNullable<Availability["location"]>): boolean {
  switch (a.areaType) {
    case "tais":
      return a.tais.some((x) => x.plmn === loc.plmn && x.tac === loc.tac);
    case "eutraCells":
      return a.cells.some((x) => x.plmn === loc.plmn && x.cellId === loc.eutraCellId);
    case "nrCells":
      return a.cells.some((x) => x.plmn === loc.plmn && x.cellId === loc.nrCellId);
    case "globalRanNodes":
      return a.nodes.some((x) => x.plmn === loc.plmn && x.gnbId === loc.gnbId);
  }
}

function componentUsable(c: RouteSelectionComponent, a: Availability, now: number): string | undefined {
  switch (c.type) {
    case "sNssai":
      if (a.slices && !a.slices.some((s) => s.sst === c.sst && s.sd === c.sd))
        return `slice ${sliceText(c)} is not available`;
      return undefined;
    case "dnn":
      if (a.dnns && !a.dnns.some((d) => d.toLowerCase() === c.dnn.toLowerCase()))
        return `DNN ${c.dnn} is not available`;
      return undefined;
    case "nonSeamlessNon3gppOffload":
      return a.non3gppOffload ? undefined : "no non-3GPP access for non-seamless offload";
    case "timeWindow": {
      const start = Date.parse(c.start);
      const stop = Date.parse(c.stop);
      return now >= start && now < stop ? undefined : `outside time window ${c.start} – ${c.stop}`;
    }
    case "locationCriteria":
      if (!a.location) return "location criteria present but the UE location is unknown";
      return c.areas.some((area) => areaMatches(area, a.location as NonNullable<Availability["location"]>))
        ? undefined
        : "UE is outside the location criteria";
    default:
      return undefined;
  }
}

function describeRsd(d: RouteSelectionDescriptor): string {
  if (d.components.length === 0) return "no components";
  return d.components
    .map((c) => {
      switch (c.type) {
        case "sNssai":
          return `S-NSSAI ${sliceText(c)}`;
        case "dnn":
          return `DNN ${c.dnn}`;
        case "sscMode":
          return `SSC mode ${c.sscMode}`;
        case "pduSessionType":
          return `PDU session type ${c.pduSessionType}`;
        case "preferredAccessType":
          return `preferred access ${c.accessType}`;
        default:
          return c.type;
      }
    })
    .join(", ");
}

function byPrecedence<T extends { precedence: number }>(list: T[]): { item: T; index: number }[] {
  return list
    .map((item, index) => ({ item, index }))
    .sort((x, y) => x.item.precedence - y.item.precedence || x.index - y.index);
}

interface Evaluation {
  hit?: { rule: UrspRule; ruleIndex: number; rsd: RouteSelectionDescriptor; rsdIndex: number };
  anyMatched: boolean;
  trace: RuleTrace[];
}

function evaluate(policy: UrspPolicy, t: TrafficRequest, a: Availability, matchAllAllowed: boolean): Evaluation {
  const now = a.now === undefined ? Date.now() : new Date(a.now).getTime();
  const trace: RuleTrace[] = [];
  let anyMatched = false;
  for (const { item: rule, index } of byPrecedence(policy.rules)) {
    const isMatchAll = rule.trafficDescriptor.some((c) => c.type === "matchAll");
    if (isMatchAll && !matchAllAllowed) {
      trace.push({
        precedence: rule.precedence,
        index,
        matched: false,
        reason: "match-all rule skipped: matchAllRuleAllowed is false",
        descriptors: [],
      });
      continue;
    }
    const m = trafficDescriptorMatches(rule.trafficDescriptor, t);
    const rt: RuleTrace = { precedence: rule.precedence, index, matched: m.matched, reason: m.reason, descriptors: [] };
    trace.push(rt);
    if (!m.matched) continue;
    anyMatched = true;
    for (const { item: rsd, index: rsdIndex } of byPrecedence(rule.routeSelectionDescriptors)) {
      const problem = rsd.components.map((c) => componentUsable(c, a, now)).find((p) => p !== undefined);
      rt.descriptors.push({
        precedence: rsd.precedence,
        index: rsdIndex,
        usable: problem === undefined,
        reason: problem ?? `usable: ${describeRsd(rsd)}`,
      });
      if (problem === undefined) return { hit: { rule, ruleIndex: index, rsd, rsdIndex }, anyMatched, trace };
    }
  }
  return { anyMatched, trace };
}

function narrate(trace: RuleTrace[], into: string[]): void {
  for (const r of trace) {
    into.push(`rule ${r.index} [precedence ${r.precedence}]: ${r.matched ? "traffic descriptor " : ""}${r.reason}`);
    for (const d of r.descriptors) into.push(`  descriptor ${d.index} [precedence ${d.precedence}]: ${d.reason}`);
  }
}

/**
 * Selects the URSP rule and route selection descriptor the UE would use for `traffic` given what is `available`,
 * and explains why.
 */
export function selectRoute(policy: UrspPolicy, traffic: TrafficRequest, available: Availability = {}): RouteSelection {
  const category: AndroidSliceCategory | undefined =
    traffic.osAppId !== undefined && isAndroidSliceCategory(traffic.osAppId) ? traffic.osAppId : undefined;
  const matchAllAllowed = traffic.matchAllRuleAllowed ?? category === undefined;
  const fallback = traffic.fallbackToDefault ?? (category !== undefined && isEnterpriseCategory(category));
  const explanation: string[] = [
    category
      ? `request for slice category ${category}: matchAllRuleAllowed=${matchAllAllowed}${fallback ? ", enterprise fallback to the default network allowed" : ""}`
      : `request with matchAllRuleAllowed=${matchAllAllowed}`,
  ];
  const first = evaluate(policy, traffic, available, matchAllAllowed);
  narrate(first.trace, explanation);
  const base = { matchAllRuleAllowed: matchAllAllowed, explanation, trace: first.trace };
  if (first.hit) {
    const { rule, ruleIndex, rsd, rsdIndex } = first.hit;
    explanation.push(
      `→ route: rule ${ruleIndex} [precedence ${rule.precedence}], descriptor ${rsdIndex}: ${describeRsd(rsd)}`,
    );
    return { ...base, outcome: "route", rule, ruleIndex, routeSelectionDescriptor: rsd, descriptorIndex: rsdIndex };
  }
  if (fallback && !matchAllAllowed) {
    explanation.push("no usable route for the request; falling back to the default network (matchAllRuleAllowed=true)");
    const dflt = evaluate(policy, {}, available, true);
    narrate(dflt.trace, explanation);
    if (dflt.hit) {
      const { rule, ruleIndex, rsd, rsdIndex } = dflt.hit;
      explanation.push(
        `→ fallback: default network via rule ${ruleIndex} [precedence ${rule.precedence}], descriptor ${rsdIndex}: ${describeRsd(rsd)}`,
      );
      return {
        ...base,
        outcome: "fallback",
        rule,
        ruleIndex,
        routeSelectionDescriptor: rsd,
        descriptorIndex: rsdIndex,
        fallbackTrace: dflt.trace,
      };
    }
    explanation.push("→ unavailable: the default network has no usable route either");
    return { ...base, outcome: "unavailable", fallbackTrace: dflt.trace };
  }
  if (first.anyMatched) {
    explanation.push("→ unavailable: matching rules have no usable route selection descriptor");
    return { ...base, outcome: "unavailable" };
  }
  explanation.push(
    category && !matchAllAllowed
      ? `→ unavailable: no rule for ${category} and the match-all rule is not allowed for slice requests`
      : "→ no match: no URSP rule matches this traffic",
  );
  return { ...base, outcome: category && !matchAllAllowed ? "unavailable" : "noMatch" };
}
