// Test fixtures: a small in-test UePolicySource (the real UE policy store is the namf branch's) fed with policies
// built by @carrierkit/ursp, and a device on a 5G SA network.
import type { SliceId, UrspPolicy } from "@carrierkit/ursp";
import { decodeDlNasTransport, decodeUrsp, encodeUrsp } from "@carrierkit/ursp";
import type { UePolicySource } from "../../src/android/policy-source.js";
import { AndroidConnectivity, type ServingNetwork, SimulatedModem } from "../../src/index.js";

export const PLMN = "001-01";
/** A privileged app: may request restricted networks (ENTERPRISE…, CBS) directly. */
export const PRIVILEGED = { permissions: ["CONNECTIVITY_USE_RESTRICTED_NETWORKS" as const] };
export const INTERNET_SLICE: SliceId = { sst: 1 };
export const ENTERPRISE_SLICE: SliceId = { sst: 1, sd: "000001" };
export const LATENCY_SLICE: SliceId = { sst: 2, sd: "000007" };

/** A UE policy store stand-in: one policy per PLMN, sent through the codec (bytes in, rules out) like the real one. */
export class TestPolicySource implements UePolicySource {
  #policies = new Map<string, UrspPolicy>();
  #listeners = new Set<(plmn: string) => void>();

  constructor(initial: Record<string, UrspPolicy> = {}) {
    for (const [plmn, policy] of Object.entries(initial)) this.#policies.set(plmn, viaWire(policy));
  }

  policy(plmn: string): UrspPolicy {
    return structuredClone(this.#policies.get(plmn) ?? { rules: [] });
  }

  onChange(listener: (plmn: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the PLMN's policy and tells the listeners (as after a MANAGE UE POLICY COMMAND). */
  set(plmn: string, policy: UrspPolicy): void {
    this.#policies.set(plmn, viaWire(policy));
    for (const l of [...this.#listeners]) l(plmn);
  }

  /**
   * Takes a DL NAS TRANSPORT carrying a MANAGE UE POLICY COMMAND (the bytes the simulated AMF sends): every
   * sublist's URSP parts become that PLMN's policy (whole-policy replacement; the real store keeps UPSCs apart).
   */
  deliver(nas: Uint8Array): void {
    const msg = decodeDlNasTransport(nas);
    if (msg.messageType !== "MANAGE_UE_POLICY_COMMAND") throw new Error(`unexpected ${msg.messageType}`);
    for (const sublist of msg.sublists) {
      const rules = sublist.instructions.flatMap((i) =>
        i.parts.flatMap((p) => (p.partType === "ursp" ? p.ursp.rules : [])),
      );
      this.set(sublist.plmn, { rules });
    }
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

function viaWire(policy: UrspPolicy): UrspPolicy {
  return policy.rules.length ? decodeUrsp(encodeUrsp(policy)) : { rules: [] };
}

export function saNetwork(overrides: Partial<ServingNetwork> = {}): ServingNetwork {
  return {
    plmn: PLMN,
    rat: "NR_SA",
    allowedNssai: [INTERNET_SLICE, ENTERPRISE_SLICE, LATENCY_SLICE],
    defaultDnn: "internet",
    defaultSlice: INTERNET_SLICE,
    ...overrides,
  };
}

export function makeDevice(options: {
  androidVersion?: number;
  policy?: UrspPolicy;
  network?: ServingNetwork;
  halVersion?: string;
  reducedFeatureSet?: boolean;
  apns?: ConstructorParameters<typeof AndroidConnectivity>[0]["apns"];
}) {
  const source = new TestPolicySource(options.policy ? { [PLMN]: options.policy } : {});
  const modem = new SimulatedModem({
    policySource: source,
    network: options.network ?? saNetwork(),
    ...(options.halVersion ? { halVersion: options.halVersion } : {}),
    ...(options.reducedFeatureSet !== undefined ? { reducedFeatureSet: options.reducedFeatureSet } : {}),
  });
  const device = new AndroidConnectivity({
    androidVersion: options.androidVersion ?? 14,
    modem,
    ...(options.apns ? { apns: options.apns } : {}),
  });
  return { source, modem, device };
}
