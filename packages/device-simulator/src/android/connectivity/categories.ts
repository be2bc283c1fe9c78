// What an app can ask ConnectivityManager for on the slicing data path: the default internet network or one of
// Android's slice categories, the NetworkCapabilities constants behind them, and from which Android version each
// exists (AOSP NetworkCapabilities: NET_CAPABILITY_ENTERPRISE in API 31 = Android 12; NET_ENTERPRISE_ID_1..5,
// NET_CAPABILITY_PRIORITIZE_LATENCY/BANDWIDTH and CBS as an OS App Id traffic descriptor in API 33 = Android 13).
import { ANDROID_SLICE_CATEGORIES, type AndroidSliceCategory, isAndroidSliceCategory } from "@carrierkit/ursp";
import { ConnectivityError } from "./errors.js";

/** What `requestNetwork` takes: the default internet network, or a slice category. */
export type RequestedCapability = "INTERNET" | AndroidSliceCategory;

/** android.net.NetworkCapabilities values of the capabilities on this path. */
export const NET_CAPABILITY = {
  CBS: 5,
  INTERNET: 12,
  NOT_RESTRICTED: 13,
  ENTERPRISE: 29,
  PRIORITIZE_LATENCY: 34,
  PRIORITIZE_BANDWIDTH: 35,
} as const;

/** The first Android version (major) on which each slice category can be requested. */
export const CATEGORY_MIN_ANDROID_VERSION: Readonly<Record<AndroidSliceCategory, number>> = {
  ENTERPRISE: 12,
  ENTERPRISE2: 13,
  ENTERPRISE3: 13,
  ENTERPRISE4: 13,
  ENTERPRISE5: 13,
  CBS: 13,
  PRIORITIZE_LATENCY: 13,
  PRIORITIZE_BANDWIDTH: 13,
};

/** API level of an Android major version (12 → 31, 13 → 33, 14 → 34 …; 12L = API 32 is not a major version). */
export function apiLevel(androidVersion: number): number {
  if (androidVersion >= 13) return androidVersion + 20;
  if (androidVersion === 12) return 31;
  return androidVersion + 19; // 11 → 30, 10 → 29
}

/** A capability as ConnectivityService sees it: the NET_CAPABILITY_* value and, for ENTERPRISE, the enterprise id. */
export interface CapabilitySpec {
  name: RequestedCapability;
  netCapability: number;
  /** NET_ENTERPRISE_ID_1..5 for ENTERPRISE…ENTERPRISE5. */
  enterpriseId?: number;
  /** A slice category (anything but INTERNET). */
  slice: boolean;
}

export function isEnterprise(c: RequestedCapability): boolean {
  return c.startsWith("ENTERPRISE");
}

/** The enterprise id (1..5) of ENTERPRISE…ENTERPRISE5. */
export function enterpriseIdOf(c: RequestedCapability): number | undefined {
  if (!isEnterprise(c)) return undefined;
  return c === "ENTERPRISE" ? 1 : Number(c.slice("ENTERPRISE".length));
}

/** The category name of an enterprise id: 1 → ENTERPRISE, 2 → ENTERPRISE2 … (AOSP OsAppId differentiator). */
export function enterpriseCategory(enterpriseId: number): AndroidSliceCategory {
  if (!Number.isInteger(enterpriseId) || enterpriseId < 1 || enterpriseId > 5)
    throw new ConnectivityError("INVALID_ARGUMENT", `enterprise id ${enterpriseId} is not 1..5`);
  return (enterpriseId === 1 ? "ENTERPRISE" : `ENTERPRISE${enterpriseId}`) as AndroidSliceCategory;
}

/**
 * Checks that `capability` can be requested on a device running `androidVersion` and describes it; a slice category
 * that does not exist yet on that version, or an unknown name, is refused with a clear error.
 */
export function capabilitySpec(capability: string, androidVersion: number): CapabilitySpec {
  if (capability === "INTERNET") return { name: "INTERNET", netCapability: NET_CAPABILITY.INTERNET, slice: false };
  if (!isAndroidSliceCategory(capability))
    throw new ConnectivityError(
      "UNKNOWN_CAPABILITY",
      `"${capability}" is not INTERNET or a slice category (${ANDROID_SLICE_CATEGORIES.join(", ")})`,
    );
  const min = CATEGORY_MIN_ANDROID_VERSION[capability];
  if (androidVersion < min)
    throw new ConnectivityError(
      "CATEGORY_NOT_AVAILABLE",
      `slice category ${capability} needs Android ${min} or later; this device runs Android ${androidVersion}`,
    );
  const enterpriseId = enterpriseIdOf(capability);
  if (enterpriseId !== undefined)
    return { name: capability, netCapability: NET_CAPABILITY.ENTERPRISE, enterpriseId, slice: true };
  return { name: capability, netCapability: NET_CAPABILITY[capability as "CBS"], slice: true };
}
