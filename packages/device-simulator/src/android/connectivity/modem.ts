// The simulated modem behind the radio HAL, modelled on IRadio 1.6 (android.hardware.radio@1.6): the modem, not the
// framework, matches a setup request's traffic descriptor against the URSP of the serving PLMN and picks the route
// (TS 24.526 §4.2.2), so route selection lives here, on `selectRoute` of @carrierkit/ursp. One PDU session per
// (S-NSSAI, DNN): a second request that routes to an established session gets that session (its traffic descriptor
// is added to the session's list), as a real modem reports it.
import {
  type RouteSelection,
  type RouteSelectionDescriptor,
  type SliceId,
  selectRoute,
  type UrspPolicy,
  type UrspRule,
} from "@carrierkit/ursp";
import type { UePolicySource } from "../policy-source.js";
import { capabilityOfAppId, capabilitySliceTypes } from "../slicing-config.js";
import { ConnectivityError } from "./errors.js";
import { describeTrafficDescriptor, type TrafficDescriptor, trafficRequestOf } from "./traffic-descriptor.js";

/** The serving radio: 5G standalone (NR on 5GC), NR non-standalone (EN-DC on EPC), or LTE. URSP needs 5G SA. */
export type RadioTechnology = "NR_SA" | "NR_NSA" | "LTE";

/** What the network told the UE at registration, and the subscription defaults the SMF applies. */
export interface ServingNetwork {
  /** "MCC-MNC", the key of `UePolicySource.policy`. */
  plmn: string;
  rat: RadioTechnology;
  /** Allowed NSSAI of the REGISTRATION ACCEPT: the S-NSSAIs a PDU session may use. */
  allowedNssai: SliceId[];
  /** Rejected NSSAI (reported through getSlicingConfig; never usable). */
  rejectedNssai?: SliceId[];
  /** DNNs the network serves; omitted: any DNN. */
  dnns?: string[];
  /** The subscription's default DNN, used when a route selection descriptor names none. Default "internet". */
  defaultDnn?: string;
  /** The subscription's default S-NSSAI, used when a route selection descriptor names none. Default: the first allowed. */
  defaultSlice?: SliceId;
  /** Address pool (first three octets, "10.45.0") per DNN; default 10.<100+cid>.0. */
  addressPools?: Record<string, string>;
}

/** IRadio 1.6 SliceStatus. */
export type SliceStatus =
  | "UNKNOWN"
  | "CONFIGURED"
  | "ALLOWED"
  | "REJECTED_NOT_AVAILABLE_IN_PLMN"
  | "REJECTED_NOT_AVAILABLE_IN_REG_AREA"
  | "DEFAULT_CONFIGURED";

/** IRadio 1.6 SliceInfo (mapped HPLMN values omitted: the simulated network is the home network). */
export interface SliceInfo {
  sst: number;
  /** 6 lowercase hex digits. */
  sd?: string;
  status: SliceStatus;
}

/** IRadio 1.6 DataCallFailCause values used on this path (android.telephony.DataFailCause). */
export const DATA_FAIL_CAUSE = {
  NONE: 0,
  INSUFFICIENT_RESOURCES: 0x1a,
  MISSING_UNKNOWN_APN: 0x1b,
  SERVICE_OPTION_NOT_SUBSCRIBED: 0x21,
  PROTOCOL_ERRORS: 0x6f,
  SLICE_REJECTED: 0x8cc,
  MATCH_ALL_RULE_NOT_ALLOWED: 0x8cd,
  ALL_MATCHING_RULES_FAILED: 0x8ce,
} as const;
export type DataFailCause = keyof typeof DATA_FAIL_CAUSE;

/** The route the modem took (a simulator extension of SetupDataCallResult: a real modem does not report it). */
export interface RouteDiagnostics {
  /** Precedence of the URSP rule used; undefined when the UE's local configuration was used (no URSP). */
  rulePrecedence?: number;
  descriptorPrecedence?: number;
  matchAllRule: boolean;
  explanation: string[];
}

/** IRadio 1.6 SetupDataCallResult, the fields this path uses, plus `dnn` and `route` (simulator extensions). */
export interface SetupDataCallResult {
  cause: DataFailCause;
  /** Numeric DataCallFailCause. */
  causeCode: number;
  cid: number;
  active: boolean;
  ifname: string;
  addresses: string[];
  pduSessionId: number;
  sliceInfo?: SliceInfo;
  /** Every traffic descriptor the PDU session carries (grows when requests share the session). */
  trafficDescriptors: TrafficDescriptor[];
  dnn: string;
  route?: RouteDiagnostics;
}

/** Arguments of setupDataCall_1_6 that matter here (accessNetwork, dataProfile, roaming flags are implied). */
export interface SetupDataCallRequest {
  pduSessionId: number;
  /** Only set for an EPDG → 5G handover (null otherwise, as in AOSP). */
  sliceInfo?: SliceInfo;
  trafficDescriptor: TrafficDescriptor;
  matchAllRuleAllowed: boolean;
}

/** IRadio 1.6 UrspRule / RouteSelectionDescriptor as getSlicingConfig reports them. */
export interface HalUrspRule {
  precedence: number;
  trafficDescriptors: TrafficDescriptor[];
  routeSelectionDescriptor: {
    precedence: number;
    sessionType?: string;
    sscMode?: number;
    sliceInfo: SliceInfo[];
    dnn: string[];
  }[];
}

/** IRadio 1.6 SlicingConfig. */
export interface SlicingConfig {
  urspRules: HalUrspRule[];
  sliceInfo: SliceInfo[];
}

/** getHalDeviceCapabilities (IRadioConfig 1.3) and the framework's derived radio interface capabilities. */
export interface HalDeviceCapabilities {
  halVersion: string;
  modemReducedFeatureSet1: boolean;
  /** TelephonyManager CAPABILITY_* strings (AOSP RILUtils.getCaps). */
  capabilities: string[];
}

export interface SimulatedModemOptions {
  policySource: UePolicySource;
  network: ServingNetwork;
  /** Radio HAL version, "1.6" (default) or later; "1.5" has no traffic descriptors at all. */
  halVersion?: string;
  /** getHalDeviceCapabilities' modemReducedFeatureSet1: no getSlicingConfig (AOSP drops CAPABILITY_SLICING_CONFIG_SUPPORTED). */
  reducedFeatureSet?: boolean;
}

interface Session {
  cid: number;
  pduSessionId: number;
  key: string;
  slice?: SliceId;
  dnn: string;
  ifname: string;
  address: string;
  tds: { td: TrafficDescriptor; matchAll: boolean; route: RouteDiagnostics }[];
}

const MAX_PDU_SESSION_ID = 15; // TS 24.007 §11.2.3.1b: PDU session identity values 1..15

function sameSlice(a: SliceId | undefined, b: SliceId | undefined): boolean {
  return a?.sst === b?.sst && a?.sd === b?.sd;
}

function sliceText(s: SliceId | undefined): string {
  if (!s) return "no S-NSSAI";
  return s.sd === undefined ? `${s.sst}` : `${s.sst}/${s.sd}`;
}

function tdKey(td: TrafficDescriptor): string {
  return `${td.osAppId ?? ""}|${td.dnn ?? ""}`;
}

function halVersionAtLeast(v: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = v.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

/** The simulated modem; see the file comment. */
export class SimulatedModem {
  readonly halVersion: string;
  readonly reducedFeatureSet: boolean;
  #network: ServingNetwork;
  #policySource: UePolicySource;
  #sessions = new Map<number, Session>();
  #pduIds = new Set<number>();
  #nextCid = 1;
  #faults: Exclude<DataFailCause, "NONE">[] = [];
  #dataCallListeners = new Set<(calls: SetupDataCallResult[]) => void>();
  #slicingListeners = new Set<() => void>();
  #unsubscribe: () => void;

  constructor(options: SimulatedModemOptions) {
    this.halVersion = options.halVersion ?? "1.6";
    if (!/^\d+\.\d+$/.test(this.halVersion))
      throw new ConnectivityError("INVALID_ARGUMENT", `halVersion "${this.halVersion}" is not <major>.<minor>`);
    this.reducedFeatureSet = options.reducedFeatureSet ?? false;
    this.#policySource = options.policySource;
    this.#network = checkNetwork(options.network);
    // IRadio 1.6 slicingConfigChanged: the URSP of the serving PLMN changed.
    this.#unsubscribe = this.#policySource.onChange((plmn) => {
      if (plmn !== this.#network.plmn) return;
      this.#reapplyUrsp();
      for (const l of [...this.#slicingListeners]) l();
    });
  }

  /** Does this HAL carry traffic descriptors (setupDataCall_1_6)? */
  get supportsTrafficDescriptors(): boolean {
    return halVersionAtLeast(this.halVersion, 1, 6);
  }

  get servingNetwork(): ServingNetwork {
    return structuredClone(this.#network);
  }

  getHalDeviceCapabilities(): HalDeviceCapabilities {
    const capabilities: string[] = [];
    if (halVersionAtLeast(this.halVersion, 1, 6)) {
      capabilities.push("CAPABILITY_USES_ALLOWED_NETWORK_TYPES_BITMASK");
      if (!this.reducedFeatureSet)
        capabilities.push(
          "CAPABILITY_SECONDARY_LINK_BANDWIDTH_VISIBLE",
          "CAPABILITY_NR_DUAL_CONNECTIVITY_CONFIGURATION_AVAILABLE",
          "CAPABILITY_THERMAL_MITIGATION_DATA_THROTTLING",
          "CAPABILITY_SLICING_CONFIG_SUPPORTED",
          "CAPABILITY_PHYSICAL_CHANNEL_CONFIG_1_6_SUPPORTED",
        );
      else capabilities.push("CAPABILITY_SIM_PHONEBOOK_IN_MODEM");
    }
    return { halVersion: this.halVersion, modemReducedFeatureSet1: this.reducedFeatureSet, capabilities };
  }

  /** IRadio 1.6 getSlicingConfig: the URSP of the serving PLMN and the slice status. */
  getSlicingConfig(): SlicingConfig {
    if (!this.getHalDeviceCapabilities().capabilities.includes("CAPABILITY_SLICING_CONFIG_SUPPORTED"))
      throw new ConnectivityError(
        "REQUEST_NOT_SUPPORTED",
        `getSlicingConfig is not supported: ${this.reducedFeatureSet ? "modemReducedFeatureSet1" : `radio HAL ${this.halVersion}`}`,
      );
    const n = this.#network;
    const sliceInfo: SliceInfo[] = [
      ...n.allowedNssai.map((s) => ({ ...s, status: "ALLOWED" as const })),
      ...(n.rejectedNssai ?? []).map((s) => ({ ...s, status: "REJECTED_NOT_AVAILABLE_IN_PLMN" as const })),
    ];
    const urspRules = n.rat === "NR_SA" ? this.#ursp().policy.rules.map((r) => halRule(r, n)) : [];
    return { urspRules, sliceInfo };
  }

  /** IRadio 1.6 allocatePduSessionId: a free PDU session identity 1..15, undefined when all are in use. */
  allocatePduSessionId(): number | undefined {
    for (let id = 1; id <= MAX_PDU_SESSION_ID; id++)
      if (!this.#pduIds.has(id)) {
        this.#pduIds.add(id);
        return id;
      }
    return undefined;
  }

  releasePduSessionId(id: number): void {
    if (![...this.#sessions.values()].some((s) => s.pduSessionId === id)) this.#pduIds.delete(id);
  }

  /** Makes the next PDU session establishment fail with `cause` (the network rejecting it; joining a session is not one). */
  failNextSetup(cause: Exclude<DataFailCause, "NONE">): void {
    if (!(cause in DATA_FAIL_CAUSE) || cause === ("NONE" as string))
      throw new ConnectivityError("INVALID_ARGUMENT", `"${cause}" is not a DataCallFailCause`);
    this.#faults.push(cause);
  }

  /** IRadio 1.6 setupDataCall_1_6: matches the traffic descriptor against URSP and establishes (or joins) a PDU session. */
  setupDataCall_1_6(request: SetupDataCallRequest): SetupDataCallResult {
    if (!this.supportsTrafficDescriptors)
      throw new ConnectivityError(
        "REQUEST_NOT_SUPPORTED",
        `setupDataCall_1_6 needs radio HAL 1.6 (this is ${this.halVersion})`,
      );
    return this.#setup(request);
  }

  /**
   * The pre-1.6 setupDataCall of an older HAL: an APN and no traffic descriptor, so the modem can only use the
   * default route (the match-all rule or its local configuration).
   */
  setupDataCall_1_5(request: { pduSessionId: number; apn: string }): SetupDataCallResult {
    return this.#setup({
      pduSessionId: request.pduSessionId,
      trafficDescriptor: { dnn: request.apn },
      matchAllRuleAllowed: true,
    });
  }

  /** The serving PLMN's URSP; a store that fails to answer counts as no URSP (the UE's local configuration applies). */
  #ursp(): { policy: UrspPolicy; error?: string } {
    try {
      const policy = this.#policySource.policy(this.#network.plmn);
      if (!policy || !Array.isArray(policy.rules)) return { policy: { rules: [] }, error: "no rule list" };
      return { policy };
    } catch (e) {
      return { policy: { rules: [] }, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Where URSP sends a traffic descriptor now, or why it cannot go anywhere. */
  #resolve(
    td: TrafficDescriptor,
    matchAll: boolean,
  ):
    | { slice?: SliceId; dnn: string; route: RouteDiagnostics }
    | { cause: Exclude<DataFailCause, "NONE">; explanation: string[] } {
    const n = this.#network;
    let slice: SliceId | undefined;
    let dnn: string;
    let route: RouteDiagnostics;
    if (n.rat !== "NR_SA") {
      // EPS (LTE or EN-DC): no URSP; a PDN connection to the APN. A slice request by OS App Id alone cannot be met.
      if (!matchAll)
        return {
          cause: "MATCH_ALL_RULE_NOT_ALLOWED",
          explanation: [
            `${describeTrafficDescriptor(td)}: no URSP on ${n.rat} (URSP applies in 5G SA only) and the match-all rule is not allowed`,
          ],
        };
      dnn = td.dnn ?? n.defaultDnn ?? "internet";
      route = { matchAllRule: false, explanation: [`${n.rat}: PDN connection to ${dnn}, no network slice`] };
    } else {
      const ursp = this.#ursp();
      const selection = selectRoute(ursp.policy, trafficRequestOf(td, matchAll), {
        slices: n.allowedNssai,
        ...(n.dnns ? { dnns: n.dnns } : {}),
      });
      if (ursp.error) selection.explanation.unshift(`UE policy store unreadable (${ursp.error}): no URSP`);
      if (selection.outcome === "route") {
        const rsd = selection.routeSelectionDescriptor as RouteSelectionDescriptor;
        const rule = selection.rule as UrspRule;
        slice = rsdSlice(rsd) ?? n.defaultSlice ?? n.allowedNssai[0];
        dnn = rsdDnn(rsd) ?? n.defaultDnn ?? "internet";
        route = {
          rulePrecedence: rule.precedence,
          descriptorPrecedence: rsd.precedence,
          matchAllRule: rule.trafficDescriptor.some((c) => c.type === "matchAll"),
          explanation: selection.explanation,
        };
      } else if (selection.outcome === "noMatch" && matchAll) {
        // No URSP rule applies: the UE's local configuration (TS 24.526 §4.2.2): default S-NSSAI and DNN.
        slice = n.defaultSlice ?? n.allowedNssai[0];
        dnn = n.defaultDnn ?? "internet";
        route = {
          matchAllRule: false,
          explanation: [...selection.explanation, `→ UE local configuration: S-NSSAI ${sliceText(slice)}, DNN ${dnn}`],
        };
      } else {
        return { cause: causeOf(selection), explanation: selection.explanation };
      }
      if (slice && !n.allowedNssai.some((a) => sameSlice(a, slice)))
        return {
          cause: "SLICE_REJECTED",
          explanation: [...route.explanation, `slice ${sliceText(slice)} is not in the allowed NSSAI`],
        };
    }
    if (n.dnns && !n.dnns.some((d) => d.toLowerCase() === dnn.toLowerCase()))
      return {
        cause: "MISSING_UNKNOWN_APN",
        explanation: [...route.explanation, `DNN ${dnn} is not served by the network`],
      };
    return { ...(slice ? { slice } : {}), dnn, route };
  }

  #setup(request: SetupDataCallRequest): SetupDataCallResult {
    if (
      !Number.isInteger(request.pduSessionId) ||
      request.pduSessionId < 1 ||
      request.pduSessionId > MAX_PDU_SESSION_ID
    )
      throw new ConnectivityError("INVALID_ARGUMENT", `PDU session id ${request.pduSessionId} is not 1..15`);
    const td = request.trafficDescriptor;
    const n = this.#network;
    if (request.sliceInfo && !n.allowedNssai.some((s) => sameSlice(s, request.sliceInfo)))
      return this.#failure("SLICE_REJECTED", [`slice ${sliceText(request.sliceInfo)} of the handover is not allowed`]);
    const resolved = this.#resolve(td, request.matchAllRuleAllowed);
    if ("cause" in resolved) return this.#failure(resolved.cause, resolved.explanation);
    const { slice, dnn, route } = resolved;

    const key = `${sliceText(slice)}|${dnn.toLowerCase()}`;
    let session = [...this.#sessions.values()].find((s) => s.key === key);
    if (!session) {
      // A new PDU session establishment: the network may reject it (failNextSetup).
      const fault = this.#faults.shift();
      if (fault) return this.#failure(fault, [...route.explanation, `the network rejected the PDU session: ${fault}`]);
      const cid = this.#nextCid++;
      const pool = n.addressPools?.[dnn] ?? `10.${100 + (cid % 150)}.0`;
      session = {
        cid,
        pduSessionId: request.pduSessionId,
        key,
        ...(slice ? { slice: { ...slice } } : {}),
        dnn,
        ifname: `rmnet_data${cid - 1}`,
        address: `${pool}.${2 + ((cid - 1) % 250)}`,
        tds: [],
      };
      this.#pduIds.add(request.pduSessionId);
      this.#sessions.set(cid, session);
    }
    if (!session.tds.some((t) => tdKey(t.td) === tdKey(td)))
      session.tds.push({ td: { ...td }, matchAll: request.matchAllRuleAllowed, route });
    const result = this.#result(session, route);
    this.#emitDataCalls();
    return result;
  }

  /** IRadio deactivateDataCall: releases the PDU session. Unknown cids are ignored (already released). */
  deactivateDataCall(cid: number): void {
    const s = this.#sessions.get(cid);
    if (!s) return;
    this.#sessions.delete(cid);
    this.#pduIds.delete(s.pduSessionId);
    this.#emitDataCalls();
  }

  getDataCallList(): SetupDataCallResult[] {
    return [...this.#sessions.values()].map((s) => this.#result(s, s.tds[0]?.route));
  }

  /** The route the modem recorded for a traffic descriptor on a session (simulator diagnostics). */
  routeOf(cid: number, td: TrafficDescriptor): RouteDiagnostics | undefined {
    return this.#sessions.get(cid)?.tds.find((t) => tdKey(t.td) === tdKey(td))?.route;
  }

  /** IRadio dataCallListChanged. */
  onDataCallListChanged(listener: (calls: SetupDataCallResult[]) => void): () => void {
    this.#dataCallListeners.add(listener);
    return () => this.#dataCallListeners.delete(listener);
  }

  /** IRadio 1.6 slicingConfigChanged (the serving PLMN's URSP changed, or the allowed NSSAI did). */
  onSlicingConfigChanged(listener: () => void): () => void {
    this.#slicingListeners.add(listener);
    return () => this.#slicingListeners.delete(listener);
  }

  /**
   * The UE registered again (new PLMN, RAT or allowed NSSAI): PDU sessions on slices no longer allowed, or on any
   * slice after leaving 5G SA, are released by the network; then slicingConfigChanged.
   */
  setServingNetwork(network: ServingNetwork): void {
    this.#network = checkNetwork(network);
    let changed = false;
    for (const s of [...this.#sessions.values()]) {
      const stillAllowed =
        network.rat === "NR_SA"
          ? s.slice !== undefined && network.allowedNssai.some((a) => sameSlice(a, s.slice))
          : s.slice === undefined;
      if (!stillAllowed) {
        this.#sessions.delete(s.cid);
        this.#pduIds.delete(s.pduSessionId);
        changed = true;
      }
    }
    if (changed) this.#emitDataCalls();
    for (const l of [...this.#slicingListeners]) l();
  }

  /**
   * TS 24.526 §4.2.2: after a URSP change the UE evaluates its traffic again. A traffic descriptor that URSP no
   * longer sends to its PDU session (other S-NSSAI/DNN, or nowhere) leaves it; a session left without any is released.
   */
  #reapplyUrsp(): void {
    let changed = false;
    for (const s of [...this.#sessions.values()]) {
      const keep = s.tds.filter((t) => {
        const r = this.#resolve(t.td, t.matchAll);
        if ("cause" in r || `${sliceText(r.slice)}|${r.dnn.toLowerCase()}` !== s.key) return false;
        t.route = r.route;
        return true;
      });
      if (keep.length !== s.tds.length) changed = true;
      s.tds = keep;
      if (keep.length === 0) {
        this.#sessions.delete(s.cid);
        this.#pduIds.delete(s.pduSessionId);
      }
    }
    if (changed) this.#emitDataCalls();
  }

  /** Stops listening to the policy source. */
  close(): void {
    this.#unsubscribe();
  }

  #failure(cause: Exclude<DataFailCause, "NONE">, explanation: string[]): SetupDataCallResult {
    return {
      cause,
      causeCode: DATA_FAIL_CAUSE[cause],
      cid: -1,
      active: false,
      ifname: "",
      addresses: [],
      pduSessionId: 0,
      trafficDescriptors: [],
      dnn: "",
      route: { matchAllRule: false, explanation },
    };
  }

  #result(s: Session, route: RouteDiagnostics | undefined): SetupDataCallResult {
    return {
      cause: "NONE",
      causeCode: 0,
      cid: s.cid,
      active: true,
      ifname: s.ifname,
      addresses: [`${s.address}/24`],
      pduSessionId: s.pduSessionId,
      ...(s.slice ? { sliceInfo: { ...s.slice, status: "ALLOWED" as const } } : {}),
      trafficDescriptors: s.tds.map((t) => ({ ...t.td })),
      dnn: s.dnn,
      ...(route ? { route } : {}),
    };
  }

  #emitDataCalls(): void {
    const list = this.getDataCallList();
    for (const l of [...this.#dataCallListeners]) l(list);
  }
}

function causeOf(selection: RouteSelection): Exclude<DataFailCause, "NONE"> {
  // IRadio 1.6: MATCH_ALL_RULE_NOT_ALLOWED when no non-match-all rule matches (or no URSP at all);
  // ALL_MATCHING_RULES_FAILED when rules matched but none of their route selection descriptors could be used.
  return selection.trace.some((r) => r.matched) ? "ALL_MATCHING_RULES_FAILED" : "MATCH_ALL_RULE_NOT_ALLOWED";
}

function rsdSlice(rsd: RouteSelectionDescriptor): SliceId | undefined {
  const c = rsd.components.find((x) => x.type === "sNssai");
  return c && c.type === "sNssai" ? (c.sd === undefined ? { sst: c.sst } : { sst: c.sst, sd: c.sd }) : undefined;
}

function rsdDnn(rsd: RouteSelectionDescriptor): string | undefined {
  const c = rsd.components.find((x) => x.type === "dnn");
  return c && c.type === "dnn" ? c.dnn : undefined;
}

function halRule(rule: UrspRule, n: ServingNetwork): HalUrspRule {
  const tds: TrafficDescriptor[] = [];
  for (const c of rule.trafficDescriptor) {
    if (c.type === "matchAll") tds.push({});
    else if (c.type === "dnn") tds.push({ dnn: c.dnn });
    else if (c.type === "osIdOsAppId") {
      const app = c.osAppId !== undefined ? Buffer.from(c.osAppId, "ascii") : Buffer.from(c.osAppIdHex ?? "", "hex");
      const bytes = Buffer.concat([Buffer.from(c.osId.replaceAll("-", ""), "hex"), Buffer.from([app.length]), app]);
      tds.push({ osAppId: bytes.toString("hex") });
    }
    // Other TD component types have no IRadio TrafficDescriptor field and are not reported.
  }
  return {
    precedence: rule.precedence,
    trafficDescriptors: tds,
    routeSelectionDescriptor: rule.routeSelectionDescriptors.map((d) => {
      const slices: SliceInfo[] = [];
      const dnns: string[] = [];
      let sessionType: string | undefined;
      let sscMode: number | undefined;
      for (const c of d.components) {
        if (c.type === "sNssai") {
          const s = c.sd === undefined ? { sst: c.sst } : { sst: c.sst, sd: c.sd };
          const allowed = n.allowedNssai.some((a) => sameSlice(a, s));
          slices.push({ ...s, status: allowed ? "ALLOWED" : "CONFIGURED" });
        } else if (c.type === "dnn") dnns.push(c.dnn);
        else if (c.type === "pduSessionType") sessionType = c.pduSessionType.toUpperCase();
        else if (c.type === "sscMode") sscMode = c.sscMode;
      }
      return {
        precedence: d.precedence,
        ...(sessionType ? { sessionType } : {}),
        ...(sscMode ? { sscMode } : {}),
        sliceInfo: slices,
        dnn: dnns,
      };
    }),
  };
}

function checkNetwork(n: ServingNetwork): ServingNetwork {
  if (!/^\d{3}-\d{2,3}$/.test(n.plmn))
    throw new ConnectivityError("INVALID_ARGUMENT", `PLMN "${n.plmn}" is not MCC-MNC (e.g. 001-01)`);
  if (!["NR_SA", "NR_NSA", "LTE"].includes(n.rat))
    throw new ConnectivityError("INVALID_ARGUMENT", `radio technology "${n.rat}" is not NR_SA, NR_NSA or LTE`);
  for (const s of [...n.allowedNssai, ...(n.rejectedNssai ?? [])]) {
    if (!Number.isInteger(s.sst) || s.sst < 0 || s.sst > 255)
      throw new ConnectivityError("INVALID_ARGUMENT", `SST ${s.sst} is not 0..255`);
    if (s.sd !== undefined && !/^[0-9a-f]{6}$/.test(s.sd))
      throw new ConnectivityError("INVALID_ARGUMENT", `SD "${s.sd}" is not 6 lowercase hex digits`);
  }
  return structuredClone(n);
}

/**
 * AOSP SlicePurchaseController.isSlicingConfigActive: is the premium capability set up on the carrier network, i.e.
 * does a URSP rule of the slicing config carry its OS App Id and route it to an ALLOWED slice of an accepted
 * service type? This is what turns a purchase into "network setup complete" (PRIORITIZE_LATENCY only in AOSP).
 */
export function isSlicingConfigActive(
  config: SlicingConfig,
  capability: "PRIORITIZE_LATENCY" | "PRIORITIZE_BANDWIDTH",
): boolean {
  const code = capabilityOfAppId(capability);
  if (code === undefined) return false;
  const types = capabilitySliceTypes(code);
  return config.urspRules.some(
    (rule) =>
      rule.trafficDescriptors.some((td) => {
        if (td.osAppId === undefined) return false;
        const b = Buffer.from(td.osAppId, "hex");
        return b.length > 17 && b.subarray(17).toString("ascii") === capability;
      }) &&
      rule.routeSelectionDescriptor.some((rsd) =>
        rsd.sliceInfo.some((s) => s.status === "ALLOWED" && types.includes(s.sst)),
      ),
  );
}
