// A simulated Android phone attached to the simulated 5G network: the UE policy store registered at an AMF by its
// SUPI (so a PCF's N1N2MessageTransfer reaches it), and the modem and connectivity service routing app traffic with
// the URSP that store holds. The CLI and the end-to-end tests build the phone's network side with this.
import type { SliceId, UePolicyPartTypeName } from "@carrierkit/ursp";
import { AndroidConnectivity, SimulatedModem } from "../android/connectivity/index.js";
import { UePolicyStore } from "../android/ue-policy.js";
import type { DeviceClock } from "../clock.js";
import { amfPortFromEnv, SimulatedAmf } from "./amf.js";

/** The Allowed NSSAI of the demo network: eMBB for the internet and the operator's latency slice (PCF_LATENCY_SLICE). */
export const DEMO_ALLOWED_NSSAI: readonly SliceId[] = [{ sst: 1 }, { sst: 2, sd: "000001" }];

export interface AttachOptions {
  imsi: string;
  /** MNC length of the IMSI (2 or 3): gives the serving PLMN "MCC-MNC". */
  mncDigits?: 2 | 3;
  clock?: DeviceClock;
  /** An AMF to register with; absent: one is started on `amfPort` (default AMF_PORT, 4060) and closed by `close()`. */
  amf?: SimulatedAmf;
  amfPort?: number;
  amfHost?: string;
  /** Where the UE policy store persists its sections (absent: memory only). */
  uePolicyPath?: string;
  /** UE policy part types the UE supports (default URSP only); `[]` makes it reject every policy. */
  supportedPartTypes?: UePolicyPartTypeName[];
  allowedNssai?: readonly SliceId[];
  androidVersion?: number;
}

export interface AttachedPhone {
  readonly supi: string;
  readonly plmn: string;
  readonly allowedNssai: readonly SliceId[];
  readonly policies: UePolicyStore;
  readonly amf: SimulatedAmf;
  readonly modem: SimulatedModem;
  readonly connectivity: AndroidConnectivity;
  /** Deregisters the UE and closes the AMF if this attach started it. */
  close(): Promise<void>;
}

export function servingPlmn(imsi: string, mncDigits: 2 | 3 = 2): string {
  if (!/^\d{6,15}$/.test(imsi)) throw new RangeError(`'${imsi}' is not an IMSI`);
  return `${imsi.slice(0, 3)}-${imsi.slice(3, 3 + mncDigits)}`;
}

export async function attachToSimulatedNetwork(options: AttachOptions): Promise<AttachedPhone> {
  const plmn = servingPlmn(options.imsi, options.mncDigits);
  const supi = `imsi-${options.imsi}`;
  const allowedNssai = options.allowedNssai ?? DEMO_ALLOWED_NSSAI;
  const policies = new UePolicyStore({
    ...(options.uePolicyPath ? { path: options.uePolicyPath } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.supportedPartTypes ? { supportedPartTypes: options.supportedPartTypes } : {}),
  });
  const ownAmf = !options.amf;
  const amf = options.amf ?? new SimulatedAmf(options.clock ? { clock: options.clock } : {});
  if (ownAmf)
    await amf.start({
      port: options.amfPort ?? amfPortFromEnv(),
      ...(options.amfHost ? { host: options.amfHost } : {}),
    });
  amf.register(supi, policies);
  const modem = new SimulatedModem({
    policySource: policies,
    network: {
      plmn,
      rat: "NR_SA",
      allowedNssai: [...allowedNssai],
      defaultDnn: "internet",
      defaultSlice: allowedNssai[0],
    },
  });
  const connectivity = new AndroidConnectivity({ androidVersion: options.androidVersion ?? 14, modem });
  return {
    supi,
    plmn,
    allowedNssai,
    policies,
    amf,
    modem,
    connectivity,
    close: async () => {
      amf.deregister(supi);
      if (ownAmf) await amf.close();
    },
  };
}
