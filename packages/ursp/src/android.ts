// Android 5G slicing presets (AOSP "5G network slicing" guide, source.android.com): the Android OS Id, the slice categories'
// OS App Ids, and builders for the nine example URSP rules.
import { createHash } from "node:crypto";
import { parseUuid, toHex } from "./bytes.js";
import type { RouteSelectionComponent, TrafficDescriptorComponent, UrspPolicy, UrspRule } from "./model.js";

/** RFC 4122 / RFC 9562 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const ns = parseUuid(namespace);
  if (!ns) throw new TypeError(`namespace "${namespace}" is not a lowercase UUID`);
  const hash = createHash("sha1").update(ns).update(Buffer.from(name, "utf8")).digest();
  const b = new Uint8Array(hash.subarray(0, 16));
  b[6] = ((b[6] as number) & 0x0f) | 0x50; // version 5
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ISO OID name space of RFC 4122 appendix C. */
export const NAMESPACE_OID = "6ba7b812-9dad-11d1-80b4-00c04fd430c8";

/** Android's OS Id: UUID v5 of "Android" in the ISO OID name space (computed, = 97a498e3-fc92-5c94-8986-0333d06e4e47). */
export const ANDROID_OS_ID = uuidV5("Android", NAMESPACE_OID);

/** Android slice categories (NetworkCapabilities / TelephonyManager) whose name is the OS App Id. */
export const ANDROID_SLICE_CATEGORIES = [
  "ENTERPRISE",
  "ENTERPRISE2",
  "ENTERPRISE3",
  "ENTERPRISE4",
  "ENTERPRISE5",
  "CBS",
  "PRIORITIZE_LATENCY",
  "PRIORITIZE_BANDWIDTH",
] as const;
export type AndroidSliceCategory = (typeof ANDROID_SLICE_CATEGORIES)[number];

export function isAndroidSliceCategory(s: string): s is AndroidSliceCategory {
  return (ANDROID_SLICE_CATEGORIES as readonly string[]).includes(s);
}

/** Enterprise categories may fall back to the default network when their slice is unavailable (AOSP 5G network slicing guide). */
export function isEnterpriseCategory(s: string): boolean {
  return /^ENTERPRISE[2-5]?$/.test(s);
}

/** Traffic descriptor component "OS Id + OS App Id" for an Android slice category. */
export function androidTrafficDescriptor(category: AndroidSliceCategory): TrafficDescriptorComponent {
  return { type: "osIdOsAppId", osId: ANDROID_OS_ID, osAppId: category };
}

/** The 5G network slicing guide's DNN per category. */
export const ANDROID_EXAMPLE_DNNS: Record<AndroidSliceCategory, string> = {
  ENTERPRISE: "enterprise",
  ENTERPRISE2: "enterprise2",
  ENTERPRISE3: "enterprise3",
  ENTERPRISE4: "enterprise4",
  ENTERPRISE5: "enterprise5",
  CBS: "cbs",
  PRIORITIZE_LATENCY: "latency",
  PRIORITIZE_BANDWIDTH: "bandwidth",
};

export interface SliceId {
  sst: number;
  /** 6 lowercase hex digits. */
  sd?: string;
}

function sNssai(s: SliceId): RouteSelectionComponent {
  return s.sd === undefined ? { type: "sNssai", sst: s.sst } : { type: "sNssai", sst: s.sst, sd: s.sd };
}

/**
 * The 5G network slicing guide's rule for a slice category: precedence, TD = OS Id + OS App Id, RSD 1 [1] = S-NSSAI + DNN, RSD 2 [2] = DNN.
 */
export function androidCategoryRule(
  category: AndroidSliceCategory,
  options: { precedence: number; slice: SliceId; dnn?: string },
): UrspRule {
  const dnn = options.dnn ?? ANDROID_EXAMPLE_DNNS[category];
  return {
    precedence: options.precedence,
    trafficDescriptor: [androidTrafficDescriptor(category)],
    routeSelectionDescriptors: [
      { precedence: 1, components: [sNssai(options.slice), { type: "dnn", dnn }] },
      { precedence: 2, components: [{ type: "dnn", dnn }] },
    ],
  };
}

/** The 5G network slicing guide's default rule: match-all → RSD 1 [1] = S-NSSAI of the internet slice. */
export function androidDefaultRule(options: { precedence: number; slice: SliceId }): UrspRule {
  return {
    precedence: options.precedence,
    trafficDescriptor: [{ type: "matchAll" }],
    routeSelectionDescriptors: [{ precedence: 1, components: [sNssai(options.slice)] }],
  };
}

/**
 * The nine example rules of the AOSP 5G network slicing guide (enterprise 1–5 [1–5], CBS [6], low latency [7], high bandwidth [8],
 * default match-all [9]). The guide leaves SST/SD open ("SST:XX SD:YYYYYY"); pass them per category, or get
 * SST 1 and SD 000001…000008 for the categories and SST 1 without SD for the internet slice.
 */
export function androidExamplePolicy(
  slices: Partial<Record<AndroidSliceCategory | "DEFAULT", SliceId>> = {},
): UrspPolicy {
  const rules = ANDROID_SLICE_CATEGORIES.map((category, i) =>
    androidCategoryRule(category, {
      precedence: i + 1,
      slice: slices[category] ?? { sst: 1, sd: (i + 1).toString(16).padStart(6, "0") },
    }),
  );
  rules.push(androidDefaultRule({ precedence: 9, slice: slices.DEFAULT ?? { sst: 1 } }));
  return { rules };
}
