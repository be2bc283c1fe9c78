// The framework half of the slicing data path: apps installed per user (personal / work profile), their network
// requests (ConnectivityManager.requestNetwork), the per-profile preference a DPC sets (ConnectivityService's
// multi-layer request: the enterprise network first, the default network as fallback), and telephony turning each
// request into a traffic descriptor and a setupDataCall_1_6 on the modem (TelephonyNetworkFactory →
// DataNetworkController → DataNetwork). Requests that cannot be satisfied stay registered and are evaluated again
// when the modem reports slicingConfigChanged (URSP or allowed NSSAI changed), when a PDU session is lost, and when
// the DPC changes the preference.
import { type AndroidSliceCategory, isAndroidSliceCategory, type SliceId } from "@carrierkit/ursp";
import {
  apiLevel,
  type CapabilitySpec,
  capabilitySpec,
  enterpriseCategory,
  isEnterprise,
  type RequestedCapability,
} from "./categories.js";
import {
  DevicePolicyState,
  type DpcCaller,
  PER_USER_RANGE,
  PRIMARY_USER,
  type PreferentialNetworkServiceConfig,
  WORK_PROFILE_USER,
} from "./device-policy.js";
import { ConnectivityError } from "./errors.js";
import type { DataFailCause, RouteDiagnostics, SetupDataCallResult, SimulatedModem } from "./modem.js";
import {
  type ApnSetting,
  buildTrafficDescriptor,
  DEFAULT_APNS,
  describeTrafficDescriptor,
  matchAllRuleAllowed,
  parseOsAppId,
  type TrafficDescriptor,
} from "./traffic-descriptor.js";

export type ProfileKind = "personal" | "work";

/** An app installed on the device. `personal` is the primary user (user 0; managed itself on a fully managed device). */
export interface InstalledApp {
  packageName: string;
  uid: number;
  userId: number;
  profile: ProfileKind;
  targetSdk: number;
  /** Capabilities declared in PROPERTY_SELF_CERTIFIED_NETWORK_CAPABILITIES (Android 14+). */
  selfCertifiedCapabilities: ("PRIORITIZE_LATENCY" | "PRIORITIZE_BANDWIDTH")[];
  /** Granted permissions that matter here (a privileged/system app holds CONNECTIVITY_USE_RESTRICTED_NETWORKS). */
  permissions: AppPermission[];
}

/** android.Manifest.permission.CONNECTIVITY_USE_RESTRICTED_NETWORKS: needed to request a restricted network. */
export type AppPermission = "CONNECTIVITY_USE_RESTRICTED_NETWORKS";

export interface InstallAppOptions {
  packageName: string;
  profile?: ProfileKind;
  /** Default: the device's API level. */
  targetSdk?: number;
  selfCertifiedCapabilities?: ("PRIORITIZE_LATENCY" | "PRIORITIZE_BANDWIDTH")[];
  permissions?: AppPermission[];
}

/** A PDU session as the framework tracks it (one DataNetwork per modem data call). */
export interface PduSessionView {
  cid: number;
  pduSessionId: number;
  sNssai?: SliceId;
  dnn: string;
  ifname: string;
  addresses: string[];
  trafficDescriptors: TrafficDescriptor[];
  /** Uids of the apps whose requests it satisfies. */
  uids: number[];
}

/** Why a request (or its first layer, when it fell back) could not be satisfied. */
export interface RequestFailure {
  /** A DataCallFailCause from the modem, or a framework reason. */
  cause: DataFailCause | "SLICING_NOT_SUPPORTED" | "NO_PDU_SESSION_ID" | "BLOCKED" | "NETWORK_LOST";
  causeCode?: number;
  message: string;
  explanation: string[];
}

export interface RouteInfo {
  pduSession: PduSessionView;
  /** The capability actually satisfied (ENTERPRISE for a work app under the preference, INTERNET after a fallback). */
  satisfiedBy: RequestedCapability;
  trafficDescriptor: TrafficDescriptor;
  matchAllRuleAllowed: boolean;
  rulePrecedence?: number;
  descriptorPrecedence?: number;
  /** The enterprise request fell back to the default network. */
  fallback: boolean;
  /** How the request got its network: the app asked for it, or the DPC's preferential network service. */
  via: "request" | "preferential network service";
  explanation: string[];
}

export type RequestStatus = "available" | "unavailable" | "released";

export interface NetworkRequestHandle {
  readonly id: number;
  readonly app: InstalledApp;
  readonly capability: RequestedCapability;
  readonly status: RequestStatus;
  readonly route: RouteInfo | undefined;
  /** When unavailable: why; when on a fallback: why the enterprise layer failed. */
  readonly failure: RequestFailure | undefined;
  /** Called after every status or route change; returns the unsubscribe function. */
  onChange(listener: (handle: NetworkRequestHandle) => void): () => void;
  /** ConnectivityManager.unregisterNetworkCallback: the request goes; its PDU session is torn down if it was the last. */
  release(): void;
}

export interface RouteReportEntry {
  requestId: number;
  packageName: string;
  uid: number;
  profile: ProfileKind;
  capability: RequestedCapability;
  status: RequestStatus;
  route?: RouteInfo;
  failure?: RequestFailure;
  line: string;
}

export interface AndroidConnectivityOptions {
  /** Android major version of the device (12, 13, 14, 15 …). */
  androidVersion: number;
  modem: SimulatedModem;
  /** The carrier's APN database; default one "internet" APN of type default. */
  apns?: ApnSetting[];
}

interface Layer {
  spec: CapabilitySpec;
  via: RouteInfo["via"];
  fallback: boolean;
}

interface DataNetwork {
  cid: number;
  pduSessionId: number;
  result: SetupDataCallResult;
  requests: Set<Request>;
}

interface Request {
  id: number;
  app: InstalledApp;
  spec: CapabilitySpec;
  status: RequestStatus;
  network?: DataNetwork;
  route?: Omit<RouteInfo, "pduSession">;
  failure?: RequestFailure;
  listeners: Set<(h: NetworkRequestHandle) => void>;
  handle: NetworkRequestHandle;
}

const FIRST_APPLICATION_UID = 10_000;

function sliceText(s: SliceId | undefined): string {
  if (!s) return "none";
  return s.sd === undefined ? `${s.sst}` : `${s.sst}/${s.sd}`;
}

/** Network capabilities a data network gets from its traffic descriptors (AOSP DataNetwork.updateNetworkCapabilities). */
function capabilitiesOf(result: SetupDataCallResult): Set<RequestedCapability> {
  const caps = new Set<RequestedCapability>();
  for (const td of result.trafficDescriptors) {
    if (td.osAppId === undefined) {
      caps.add("INTERNET");
      continue;
    }
    const app = parseOsAppId(td.osAppId)?.osAppId;
    if (app !== undefined && isAndroidSliceCategory(app)) caps.add(app);
  }
  return caps;
}

/** The framework half of the slicing data path; see the file comment. */
export class AndroidConnectivity {
  readonly androidVersion: number;
  readonly modem: SimulatedModem;
  readonly devicePolicy: DevicePolicyState;
  #apns: ApnSetting[];
  #apps = new Map<number, InstalledApp>();
  #appIds = new Map<string, number>();
  #nextAppId = FIRST_APPLICATION_UID;
  #workProfile = false;
  #requests = new Map<number, Request>();
  #nextRequestId = 1;
  #networks = new Map<number, DataNetwork>();
  #unsubscribe: (() => void)[] = [];

  constructor(options: AndroidConnectivityOptions) {
    if (!Number.isInteger(options.androidVersion) || options.androidVersion < 10)
      throw new ConnectivityError(
        "INVALID_ARGUMENT",
        `androidVersion ${options.androidVersion} is not an Android major version ≥ 10`,
      );
    this.androidVersion = options.androidVersion;
    this.modem = options.modem;
    this.#apns = structuredClone(options.apns ?? [...DEFAULT_APNS]);
    this.devicePolicy = new DevicePolicyState(this.androidVersion);
    this.#unsubscribe.push(
      this.modem.onSlicingConfigChanged(() =>
        this.#reevaluate((r) => r.status === "unavailable" || !!r.route?.fallback),
      ),
      this.modem.onDataCallListChanged((calls) => this.#onDataCallList(calls)),
      this.devicePolicy.onChange((userId) => this.#reevaluate((r) => r.app.userId === userId)),
    );
  }

  // ---- users and apps -------------------------------------------------------------------------------------------

  /** Creates the work profile (user 10) with its DPC as profile owner; the DPC is installed in it. */
  createWorkProfile(options: { profileOwner: string }): InstalledApp {
    if (this.#workProfile) throw new ConnectivityError("ILLEGAL_STATE", "the device already has a work profile");
    if (this.devicePolicy.deviceOwner !== undefined)
      throw new ConnectivityError(
        "ILLEGAL_STATE",
        "a fully managed device (device owner set) gets no separate work profile here",
      );
    this.#workProfile = true;
    const dpc = this.installApp({ packageName: options.profileOwner, profile: "work" });
    this.devicePolicy.setProfileOwner(WORK_PROFILE_USER, dpc.packageName);
    return dpc;
  }

  /** Makes an app of the primary user the device owner: a fully managed device. */
  setDeviceOwner(app: InstalledApp): void {
    this.#installed(app);
    if (app.userId !== PRIMARY_USER)
      throw new ConnectivityError("ILLEGAL_STATE", "the device owner runs in the primary user");
    if (this.#workProfile)
      throw new ConnectivityError("ILLEGAL_STATE", "a device with a work profile cannot get a device owner");
    this.devicePolicy.setDeviceOwner(app.packageName);
  }

  /** Is there a work profile on the device? (AOSP: the enterprise slicing support detects it.) */
  get hasWorkProfile(): boolean {
    return this.#workProfile;
  }

  installApp(options: InstallAppOptions): InstalledApp {
    if (typeof options !== "object" || options === null)
      throw new ConnectivityError("INVALID_ARGUMENT", "installApp takes { packageName, profile?, targetSdk? }");
    if (options.targetSdk !== undefined && (!Number.isInteger(options.targetSdk) || options.targetSdk < 1))
      throw new ConnectivityError("INVALID_ARGUMENT", `targetSdk ${options.targetSdk} is not an API level`);
    if (options.selfCertifiedCapabilities !== undefined && !Array.isArray(options.selfCertifiedCapabilities))
      throw new ConnectivityError("INVALID_ARGUMENT", "selfCertifiedCapabilities must be a list");
    const profile = options.profile ?? "personal";
    if (profile !== "personal" && profile !== "work")
      throw new ConnectivityError("INVALID_ARGUMENT", `profile "${String(profile)}" is not personal or work`);
    if (!/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)+$/.test(options.packageName ?? ""))
      throw new ConnectivityError(
        "INVALID_ARGUMENT",
        `"${options.packageName}" is not a package name (e.g. com.example.app)`,
      );
    if (profile === "work" && !this.#workProfile)
      throw new ConnectivityError("ILLEGAL_STATE", "no work profile: create one with createWorkProfile first");
    const userId = profile === "work" ? WORK_PROFILE_USER : PRIMARY_USER;
    let appId = this.#appIds.get(options.packageName);
    if (appId === undefined) {
      appId = this.#nextAppId++;
      this.#appIds.set(options.packageName, appId);
    }
    const uid = userId * PER_USER_RANGE + appId;
    if (this.#apps.has(uid))
      throw new ConnectivityError(
        "ILLEGAL_STATE",
        `${options.packageName} is already installed in the ${profile} profile`,
      );
    const permissions = options.permissions ?? [];
    if (!Array.isArray(permissions) || permissions.some((p) => p !== "CONNECTIVITY_USE_RESTRICTED_NETWORKS"))
      throw new ConnectivityError("INVALID_ARGUMENT", "permissions may only list CONNECTIVITY_USE_RESTRICTED_NETWORKS");
    const self = options.selfCertifiedCapabilities ?? [];
    for (const c of self)
      if (c !== "PRIORITIZE_LATENCY" && c !== "PRIORITIZE_BANDWIDTH")
        throw new ConnectivityError(
          "INVALID_ARGUMENT",
          `self-certified capability "${String(c)}" is not PRIORITIZE_LATENCY or PRIORITIZE_BANDWIDTH`,
        );
    const app: InstalledApp = {
      packageName: options.packageName,
      uid,
      userId,
      profile,
      targetSdk: options.targetSdk ?? apiLevel(this.androidVersion),
      selfCertifiedCapabilities: [...self],
      permissions: [...permissions],
    };
    this.#apps.set(uid, app);
    return { ...app };
  }

  /** Uninstalling releases the app's requests. */
  uninstallApp(app: InstalledApp): void {
    this.#installed(app);
    for (const r of [...this.#requests.values()]) if (r.app.uid === app.uid) this.#release(r);
    this.#apps.delete(app.uid);
  }

  apps(): InstalledApp[] {
    return [...this.#apps.values()].map((a) => ({ ...a }));
  }

  // ---- DevicePolicyManager, bound to the calling app ------------------------------------------------------------

  /** The DevicePolicyManager an app gets from getSystemService: every call is checked against the caller. */
  devicePolicyManager(caller: InstalledApp): {
    setPreferentialNetworkServiceEnabled(enabled: boolean): void;
    isPreferentialNetworkServiceEnabled(): boolean;
    setPreferentialNetworkServiceConfigs(configs: PreferentialNetworkServiceConfig[]): void;
    getPreferentialNetworkServiceConfigs(): Required<PreferentialNetworkServiceConfig>[];
  } {
    const who = (): DpcCaller => {
      const app = this.#installed(caller);
      return { packageName: app.packageName, userId: app.userId };
    };
    return {
      setPreferentialNetworkServiceEnabled: (enabled) =>
        this.devicePolicy.setPreferentialNetworkServiceEnabled(who(), enabled),
      isPreferentialNetworkServiceEnabled: () => this.devicePolicy.isPreferentialNetworkServiceEnabled(who()),
      setPreferentialNetworkServiceConfigs: (configs) =>
        this.devicePolicy.setPreferentialNetworkServiceConfigs(who(), configs),
      getPreferentialNetworkServiceConfigs: () => this.devicePolicy.getPreferentialNetworkServiceConfigs(who()),
    };
  }

  // ---- network requests -----------------------------------------------------------------------------------------

  /**
   * ConnectivityManager.requestNetwork for the default internet network ("INTERNET": what the app's sockets use, so
   * the DPC's preferential network service applies to it) or a slice category. A category that does not exist on
   * the device's Android version is refused (CATEGORY_NOT_AVAILABLE); on Android 14+ an app targeting API 34+ must
   * self-certify PRIORITIZE_LATENCY/BANDWIDTH (SECURITY_EXCEPTION otherwise). The handle then reports availability.
   */
  requestNetwork(app: InstalledApp, request: { capability: RequestedCapability }): NetworkRequestHandle {
    const installed = this.#installed(app);
    const spec = capabilitySpec(String(request?.capability), this.androidVersion);
    if (
      (spec.name === "PRIORITIZE_LATENCY" || spec.name === "PRIORITIZE_BANDWIDTH") &&
      this.androidVersion >= 14 &&
      installed.targetSdk >= 34 &&
      !installed.selfCertifiedCapabilities.includes(spec.name)
    )
      throw new ConnectivityError(
        "SECURITY_EXCEPTION",
        `${installed.packageName} requests ${spec.name} without declaring it in android.net.PROPERTY_SELF_CERTIFIED_NETWORK_CAPABILITIES`,
      );
    // ENTERPRISE is a force-restricted capability and a CBS network is inferred restricted (NetworkCapabilitiesUtils):
    // asking for one directly needs CONNECTIVITY_USE_RESTRICTED_NETWORKS (ConnectivityService
    // enforceNetworkRequestPermissions). Other apps reach the enterprise slice through the DPC's preference.
    if (
      (spec.enterpriseId !== undefined || spec.name === "CBS") &&
      !installed.permissions.includes("CONNECTIVITY_USE_RESTRICTED_NETWORKS")
    )
      throw new ConnectivityError(
        "SECURITY_EXCEPTION",
        `${installed.packageName} requests the restricted network ${spec.name} without CONNECTIVITY_USE_RESTRICTED_NETWORKS${installed.profile === "work" ? " (work-profile apps get the enterprise slice through the DPC's preferential network service)" : ""}`,
      );
    const id = this.#nextRequestId++;
    const view = (n: DataNetwork) => this.#view(n);
    const release = (x: Request) => this.#release(x);
    const listeners = new Set<(h: NetworkRequestHandle) => void>();
    const handle: NetworkRequestHandle = {
      id,
      app: { ...installed },
      capability: spec.name,
      get status() {
        return r.status;
      },
      get route() {
        return r.route && r.network ? { ...structuredClone(r.route), pduSession: view(r.network) } : undefined;
      },
      get failure() {
        return r.failure ? structuredClone(r.failure) : undefined;
      },
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      release: () => release(r),
    };
    const r: Request = { id, app: installed, spec, status: "unavailable", listeners, handle };
    this.#requests.set(id, r);
    this.#evaluate(r);
    return r.handle;
  }

  /** Every PDU session the framework holds. */
  pduSessions(): PduSessionView[] {
    return [...this.#networks.values()].map((n) => this.#view(n));
  }

  /** One entry per live request: which PDU session it uses and why, ready to print. */
  routeReport(): RouteReportEntry[] {
    return [...this.#requests.values()].map((r) => {
      const h = r.handle;
      const route = h.route;
      const failure = h.failure;
      const who = `${r.app.packageName} (uid ${r.app.uid}, ${r.app.profile})`;
      let line: string;
      if (route) {
        const s = route.pduSession;
        const how =
          route.rulePrecedence === undefined
            ? "via the UE's local configuration (no URSP rule)"
            : `via rule precedence ${route.rulePrecedence}`;
        const why =
          route.fallback && failure
            ? ` (fallback to the default network: ${route.satisfiedBy === "INTERNET" ? "" : `${route.satisfiedBy} `}${failure.cause})`
            : route.via === "preferential network service"
              ? ` (preferential network service → ${route.satisfiedBy})`
              : "";
        line = `${who} ${r.spec.name} → PDU session ${s.pduSessionId} S-NSSAI ${sliceText(s.sNssai)}, DNN ${s.dnn}, ${how}${why}`;
      } else {
        line = `${who} ${r.spec.name} → unavailable: ${failure?.cause ?? "?"} (${failure?.message ?? ""})`;
      }
      return {
        requestId: r.id,
        packageName: r.app.packageName,
        uid: r.app.uid,
        profile: r.app.profile,
        capability: r.spec.name,
        status: r.status,
        ...(route ? { route } : {}),
        ...(failure ? { failure } : {}),
        line,
      };
    });
  }

  /** The report's lines. */
  formatRouteReport(): string {
    return this.routeReport()
      .map((e) => e.line)
      .join("\n");
  }

  /** Unsubscribes from the modem (the modem itself stays). */
  close(): void {
    for (const u of this.#unsubscribe.splice(0)) u();
  }

  // ---- internals ------------------------------------------------------------------------------------------------

  #installed(app: InstalledApp): InstalledApp {
    const found = app && typeof app.uid === "number" ? this.#apps.get(app.uid) : undefined;
    if (!found || found.packageName !== app.packageName)
      throw new ConnectivityError(
        "UNKNOWN_APP",
        `${app?.packageName ?? "?"} (uid ${app?.uid ?? "?"}) is not installed`,
      );
    return found;
  }

  /** ConnectivityService's layers for a request: the preference's enterprise network first, then the fallback. */
  #layers(r: Request): Layer[] | RequestFailure {
    const pref = this.devicePolicy.configFor(r.app.uid);
    if (r.spec.name === "INTERNET" && pref) {
      const enterprise = capabilitySpec(enterpriseCategory(pref.networkId), this.androidVersion);
      const layers: Layer[] = [{ spec: enterprise, via: "preferential network service", fallback: false }];
      if (pref.fallbackToDefaultConnectionAllowed)
        layers.push({ spec: r.spec, via: "preferential network service", fallback: true });
      return layers;
    }
    if (pref?.shouldBlockNonMatchingNetworks && r.spec.name !== enterpriseCategory(pref.networkId))
      return {
        cause: "BLOCKED",
        message: `the DPC blocks uid ${r.app.uid} from networks other than ${enterpriseCategory(pref.networkId)}`,
        explanation: ["preferential network service with shouldBlockNonMatchingNetworks"],
      };
    const layers: Layer[] = [{ spec: r.spec, via: "request", fallback: false }];
    // Enterprise categories fall back to the default network when their slice is unavailable (AOSP 5G slicing guide).
    if (isEnterprise(r.spec.name))
      layers.push({ spec: capabilitySpec("INTERNET", this.androidVersion), via: "request", fallback: true });
    return layers;
  }

  /** Finds or sets up a data network for one layer. */
  #satisfy(layer: Layer): { network: DataNetwork; route: Omit<RouteInfo, "pduSession"> } | RequestFailure {
    const spec = layer.spec;
    const td = buildTrafficDescriptor(spec, this.#apns);
    const matchAll = matchAllRuleAllowed(td);
    const base = {
      satisfiedBy: spec.name,
      trafficDescriptor: td,
      matchAllRuleAllowed: matchAll,
      fallback: layer.fallback,
      via: layer.via,
    };
    // ConnectivityService first matches existing networks by capability.
    for (const n of this.#networks.values())
      if (capabilitiesOf(n.result).has(spec.name)) {
        const diag = this.modem.routeOf(n.cid, td) ?? n.result.route;
        return { network: n, route: { ...base, ...precedences(diag), explanation: diag?.explanation ?? [] } };
      }
    if (spec.slice && !this.modem.supportsTrafficDescriptors)
      return {
        cause: "SLICING_NOT_SUPPORTED",
        message: `radio HAL ${this.modem.halVersion} has no setupDataCall_1_6: no traffic descriptor for ${spec.name}`,
        explanation: [],
      };
    const pduSessionId = this.modem.allocatePduSessionId();
    if (pduSessionId === undefined)
      return { cause: "NO_PDU_SESSION_ID", message: "all 15 PDU session identities are in use", explanation: [] };
    const result = this.modem.supportsTrafficDescriptors
      ? this.modem.setupDataCall_1_6({ pduSessionId, trafficDescriptor: td, matchAllRuleAllowed: matchAll })
      : this.modem.setupDataCall_1_5({ pduSessionId, apn: td.dnn ?? "internet" });
    if (result.cause !== "NONE") {
      this.modem.releasePduSessionId(pduSessionId);
      const explanation = result.route?.explanation ?? [];
      return {
        cause: result.cause,
        causeCode: result.causeCode,
        message: `${this.modem.supportsTrafficDescriptors ? "setupDataCall_1_6" : "setupDataCall_1_5"}(${describeTrafficDescriptor(td)}, matchAllRuleAllowed=${matchAll}) failed: ${explanation.at(-1) ?? result.cause}`,
        explanation,
      };
    }
    let network = this.#networks.get(result.cid);
    if (network) {
      // The modem put the request on an established PDU session (same S-NSSAI and DNN).
      if (pduSessionId !== network.pduSessionId) this.modem.releasePduSessionId(pduSessionId);
      network.result = result;
    } else {
      network = { cid: result.cid, pduSessionId: result.pduSessionId, result, requests: new Set() };
      this.#networks.set(result.cid, network);
    }
    return { network, route: { ...base, ...precedences(result.route), explanation: result.route?.explanation ?? [] } };
  }

  #evaluate(r: Request): void {
    if (r.status === "released") return;
    const previous = r.network;
    const before = JSON.stringify([r.status, r.network?.cid, r.route?.satisfiedBy, r.failure?.cause]);
    const layers = this.#layers(r);
    let primaryFailure: RequestFailure | undefined;
    let attached = false;
    if (!Array.isArray(layers)) primaryFailure = layers;
    else
      for (const layer of layers) {
        const outcome = this.#satisfy(layer);
        if ("cause" in outcome) {
          primaryFailure ??= outcome;
          continue;
        }
        outcome.network.requests.add(r);
        r.network = outcome.network;
        r.route = outcome.route;
        r.status = "available";
        attached = true;
        break;
      }
    if (attached) {
      if (r.route?.fallback) r.failure = primaryFailure;
      else delete r.failure;
    } else {
      delete r.network;
      delete r.route;
      r.status = "unavailable";
      r.failure = primaryFailure;
    }
    if (previous && previous !== r.network) this.#detach(r, previous);
    const after = JSON.stringify([r.status, r.network?.cid, r.route?.satisfiedBy, r.failure?.cause]);
    if (before !== after) this.#notify(r);
  }

  #detach(r: Request, network: DataNetwork): void {
    network.requests.delete(r);
    if (network.requests.size === 0 && this.#networks.get(network.cid) === network) {
      // DataNetwork: no live request left → tear down (TEAR_DOWN_REASON_NO_LIVE_REQUEST).
      this.#networks.delete(network.cid);
      this.modem.deactivateDataCall(network.cid);
    }
  }

  #release(r: Request): void {
    if (r.status === "released") return;
    const n = r.network;
    r.status = "released";
    delete r.network;
    delete r.route;
    this.#requests.delete(r.id);
    if (n) this.#detach(r, n);
    this.#notify(r);
  }

  #reevaluate(which: (r: Request) => boolean): void {
    for (const r of [...this.#requests.values()].sort((a, b) => a.id - b.id)) if (which(r)) this.#evaluate(r);
  }

  #onDataCallList(calls: SetupDataCallResult[]): void {
    const live = new Map(calls.map((c) => [c.cid, c]));
    const lost: Request[] = [];
    const idle: number[] = [];
    for (const n of [...this.#networks.values()]) {
      const c = live.get(n.cid);
      if (c) {
        n.result = c;
        // The modem took traffic descriptors off the session (URSP now routes them elsewhere): the requests that
        // relied on them lose this network.
        const caps = capabilitiesOf(c);
        for (const r of [...n.requests])
          if (r.route && !caps.has(r.route.satisfiedBy)) {
            n.requests.delete(r);
            delete r.network;
            delete r.route;
            r.status = "unavailable";
            r.failure = {
              cause: "NETWORK_LOST",
              message: `URSP no longer routes ${r.spec.name} to PDU session ${n.pduSessionId}`,
              explanation: [],
            };
            lost.push(r);
          }
        if (n.requests.size === 0) {
          this.#networks.delete(n.cid);
          idle.push(n.cid);
        }
        continue;
      }
      // The network released the PDU session: its requests go back to the unsatisfied pool.
      this.#networks.delete(n.cid);
      for (const r of n.requests) {
        delete r.network;
        delete r.route;
        r.status = "unavailable";
        r.failure = {
          cause: "NETWORK_LOST",
          message: `PDU session ${n.pduSessionId} was released by the network`,
          explanation: [],
        };
        lost.push(r);
      }
      n.requests.clear();
    }
    for (const cid of idle) this.modem.deactivateDataCall(cid);
    for (const r of lost) {
      this.#notify(r);
      this.#evaluate(r);
    }
  }

  #notify(r: Request): void {
    for (const l of [...r.listeners]) l(r.handle);
  }

  #view(n: DataNetwork): PduSessionView {
    const res = n.result;
    return {
      cid: n.cid,
      pduSessionId: res.pduSessionId,
      ...(res.sliceInfo
        ? {
            sNssai:
              res.sliceInfo.sd === undefined
                ? { sst: res.sliceInfo.sst }
                : { sst: res.sliceInfo.sst, sd: res.sliceInfo.sd },
          }
        : {}),
      dnn: res.dnn,
      ifname: res.ifname,
      addresses: [...res.addresses],
      trafficDescriptors: res.trafficDescriptors.map((t) => ({ ...t })),
      uids: [...new Set([...n.requests].map((r) => r.app.uid))].sort((a, b) => a - b),
    };
  }
}

function precedences(d: RouteDiagnostics | undefined): { rulePrecedence?: number; descriptorPrecedence?: number } {
  return {
    ...(d?.rulePrecedence !== undefined ? { rulePrecedence: d.rulePrecedence } : {}),
    ...(d?.descriptorPrecedence !== undefined ? { descriptorPrecedence: d.descriptorPrecedence } : {}),
  };
}

export type { AndroidSliceCategory };
