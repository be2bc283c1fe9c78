// Telephony's traffic descriptor for a network request (AOSP DataProfileManager.getDataProfileForNetworkRequest and
// TelephonyNetworkRequest): the DNN from the APN setting when the capability is APN-based, the OS Id + OS App Id when
// it is a slice category, and matchAllRuleAllowed as DataNetwork.setupData computes it.
import {
  ANDROID_OS_ID,
  type AndroidSliceCategory,
  androidTrafficDescriptor,
  type TrafficRequest,
  toHex,
} from "@carrierkit/ursp";
import type { CapabilitySpec } from "./categories.js";

/** An APN setting of the device (the carrier's APN database entry): name = DNN, types = APN types it serves. */
export interface ApnSetting {
  name: string;
  types: ApnType[];
}

export type ApnType = "default" | "enterprise" | "cbs" | "ims" | "mms" | "supl";

/** The APN database a device gets when none is given: one "internet" APN of type default. */
export const DEFAULT_APNS: readonly ApnSetting[] = [{ name: "internet", types: ["default"] }];

/**
 * IRadio 1.6 TrafficDescriptor: an optional DNN (used for URSP traffic matching, not as the end point) and an
 * optional OsAppId (16-octet OS Id, 1-octet length, OS App Id), both as carried to the modem.
 */
export interface TrafficDescriptor {
  dnn?: string;
  /** Lowercase hex of the OsAppId bytes: OS Id ‖ length ‖ OS App Id. */
  osAppId?: string;
}

/** Which APN type serves a capability (AOSP DataUtils.networkCapabilityToApnType); undefined: not APN-based. */
function apnTypeOf(spec: CapabilitySpec): ApnType | undefined {
  if (spec.name === "INTERNET") return "default";
  if (spec.enterpriseId !== undefined) return "enterprise";
  if (spec.name === "CBS") return "cbs";
  return undefined; // PRIORITIZE_LATENCY / PRIORITIZE_BANDWIDTH: OS App Id only
}

/** The OsAppId bytes of a slice category (the OS App Id is the category name in ASCII). */
export function osAppIdBytes(category: AndroidSliceCategory): Uint8Array {
  const c = androidTrafficDescriptor(category);
  if (c.type !== "osIdOsAppId" || c.osAppId === undefined) throw new TypeError("unexpected Android traffic descriptor");
  const osId = Buffer.from(c.osId.replaceAll("-", ""), "hex");
  const app = Buffer.from(c.osAppId, "ascii");
  return new Uint8Array(Buffer.concat([osId, Buffer.from([app.length]), app]));
}

/** Builds the traffic descriptor telephony sends for a request, given the device's APN database. */
export function buildTrafficDescriptor(spec: CapabilitySpec, apns: readonly ApnSetting[]): TrafficDescriptor {
  const td: TrafficDescriptor = {};
  const apnType = apnTypeOf(spec);
  const apn = apnType === undefined ? undefined : apns.find((a) => a.types.includes(apnType));
  if (apn) td.dnn = apn.name;
  if (spec.slice) td.osAppId = toHex(osAppIdBytes(spec.name as AndroidSliceCategory));
  return td;
}

/**
 * AOSP DataNetwork.setupData: the match-all rule is allowed when there is no OS App Id, or when the descriptor also
 * names a DNN. A request for a slice category through its OS App Id alone never gets the default route.
 */
export function matchAllRuleAllowed(td: TrafficDescriptor): boolean {
  return td.osAppId === undefined || (td.dnn !== undefined && td.dnn !== "");
}

/** Reads an OsAppId back: OS Id (UUID text) and the OS App Id string; undefined when malformed. */
export function parseOsAppId(hex: string): { osId: string; osAppId: string } | undefined {
  const b = Buffer.from(hex, "hex");
  if (b.length < 17 || b[16] !== b.length - 17) return undefined;
  const h = b.subarray(0, 16).toString("hex");
  return {
    osId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
    osAppId: b.subarray(17).toString("ascii"),
  };
}

/** The URSP matching input (`@carrierkit/ursp` TrafficRequest) for a traffic descriptor, as the modem evaluates it. */
export function trafficRequestOf(td: TrafficDescriptor, matchAll: boolean): TrafficRequest {
  const request: TrafficRequest = { matchAllRuleAllowed: matchAll, fallbackToDefault: false };
  if (td.dnn !== undefined) request.dnn = td.dnn;
  if (td.osAppId !== undefined) {
    const parsed = parseOsAppId(td.osAppId);
    if (parsed) {
      request.osId = parsed.osId;
      request.osAppId = parsed.osAppId;
    }
  }
  return request;
}

/** Human text of a traffic descriptor: `OS App Id ENTERPRISE (OS Id Android) + DNN internet`. */
export function describeTrafficDescriptor(td: TrafficDescriptor): string {
  const parts: string[] = [];
  if (td.osAppId !== undefined) {
    const p = parseOsAppId(td.osAppId);
    parts.push(p ? `OS App Id ${p.osAppId}${p.osId === ANDROID_OS_ID ? "" : ` (OS Id ${p.osId})`}` : "OS App Id ?");
  }
  if (td.dnn !== undefined) parts.push(`DNN ${td.dnn}`);
  return parts.length ? parts.join(" + ") : "none";
}
