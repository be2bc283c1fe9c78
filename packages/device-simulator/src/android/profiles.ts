// Device profiles: the Android releases whose slicing-upsell code differs (AOSP Telephony `android14-release` vs
// `android14-qpr1-release` and later, `PremiumNetworkEntitlementResponse`, CarrierDefaultApp). Everything else is shared.
import type { PurchaseResultName } from "./results.js";

/** What the device does with one entitlement answer (after the parse). */
export type EntitlementDecision =
  | { kind: "purchase" }
  | {
      kind: "result";
      name: Extract<
        PurchaseResultName,
        "ENTITLEMENT_CHECK_FAILED" | "CARRIER_ERROR" | "ALREADY_PURCHASED" | "ALREADY_IN_PROGRESS"
      >;
    };

/** `EntitlementStatus` values (TS.43 Table 87). */
export const ENTITLEMENT_STATUS = { DISABLED: 0, ENABLED: 1, INCOMPATIBLE: 2, PROVISIONING: 3, INCLUDED: 4 } as const;
/** `ProvStatus` values (TS.43 Table 88). */
export const PROV_STATUS = { NOT_PROVISIONED: 0, PROVISIONED: 1, NOT_AVAILABLE: 2, IN_PROGRESS: 3 } as const;

/** The failure codes a page passes to `notifyPurchaseFailed`, by number, as one Android release names them. */
export type FailureCodeTable = Readonly<Record<number, string>>;

/**
 * When the daily/monthly notification counters start again: `utc` at 00:00 UTC and on the 1st (AOSP: counters in
 * SharedPreferences compared by UTC date), `local` at the device's local midnight and on the local 1st (Android's 5G
 * network slicing guide: "until midnight of the next day / the 1st of the next month"), with the device's
 * `utcOffsetMinutes`.
 */
export type CapResetRule = "utc" | "local";

/**
 * Which `ServiceFlow_ContentsType` spellings mean POST: `aosp` only the exact lower-case `json`/`xml` (what
 * SlicePurchaseActivity compares; anything else opens the page with GET), `seed` also the 5G slicing guide's `1`
 * (JSON) and `2` (XML) (`0` = unspecified = GET), `none` never (Android 14 GA ignores the key).
 */
export type ContentsTypeForms = "aosp" | "aosp+seed" | "none";

export interface DeviceProfile {
  readonly id: string;
  readonly description: string;
  /** The EntitlementStatus × ProvStatus table. */
  decide(entitlementStatus: number, provStatus: number): EntitlementDecision;
  /** QPR1+: the notification caps are checked before the entitlement request; GA: after it. */
  readonly capCheckBeforeEntitlement: boolean;
  readonly contentsTypeForms: ContentsTypeForms;
  readonly failureCodes: FailureCodeTable;
  /** Inject the older `SlicePurchaseWebInterface` beside `DataBoostWebServiceFlow`. */
  readonly legacyBridgeObject: boolean;
  /** The result when the user has turned the upsell notifications off: USER_DISABLED from API 35, else USER_CANCELED. */
  readonly notificationsDisabledResult: "USER_DISABLED" | "USER_CANCELED";
  readonly capReset: CapResetRule;
}

const { DISABLED, ENABLED, INCOMPATIBLE, PROVISIONING, INCLUDED } = ENTITLEMENT_STATUS;
const { NOT_PROVISIONED, PROVISIONED, NOT_AVAILABLE, IN_PROGRESS } = PROV_STATUS;
const result = (name: Extract<EntitlementDecision, { kind: "result" }>["name"]): EntitlementDecision => ({
  kind: "result",
  name,
});

/**
 * Android 14 QPR1 and later (TEL `PremiumNetworkEntitlementResponse`, main): invalid = INCLUDED with PS 0/3 or
 * PROVISIONING with PS 0/1 (→ CARRIER_ERROR); not allowed = ES 0/2 (→ ENTITLEMENT_CHECK_FAILED); purchased = ES 1/4
 * with PS 1/2; in progress = ENABLED+3 or PROVISIONING+2/3; anything else (ENABLED+0, an unknown ES) opens the page.
 */
export function decideQpr1(es: number, ps: number): EntitlementDecision {
  const invalid =
    (es === INCLUDED && (ps === NOT_PROVISIONED || ps === IN_PROGRESS)) ||
    (es === PROVISIONING && (ps === NOT_PROVISIONED || ps === PROVISIONED));
  if (invalid) return result("CARRIER_ERROR");
  if (es === DISABLED || es === INCOMPATIBLE) return result("ENTITLEMENT_CHECK_FAILED");
  if ((es === ENABLED || es === INCLUDED) && (ps === PROVISIONED || ps === NOT_AVAILABLE))
    return result("ALREADY_PURCHASED");
  if ((es === ENABLED && ps === IN_PROGRESS) || (es === PROVISIONING && (ps === IN_PROGRESS || ps === NOT_AVAILABLE)))
    return result("ALREADY_IN_PROGRESS");
  return { kind: "purchase" };
}

/**
 * Android 14 GA (`android14-release`): invalid also covers ENABLED with PS 0/3; purchased = INCLUDED with PS 1/2;
 * in progress = PROVISIONING with PS 2/3; ENABLED with PS 1/2 (and an unknown ES) opens the page.
 */
export function decideGa(es: number, ps: number): EntitlementDecision {
  const invalid =
    (es === INCLUDED && (ps === NOT_PROVISIONED || ps === IN_PROGRESS)) ||
    (es === PROVISIONING && (ps === NOT_PROVISIONED || ps === PROVISIONED)) ||
    (es === ENABLED && (ps === NOT_PROVISIONED || ps === IN_PROGRESS));
  if (invalid) return result("CARRIER_ERROR");
  if (es === DISABLED || es === INCOMPATIBLE) return result("ENTITLEMENT_CHECK_FAILED");
  if (es === INCLUDED && (ps === PROVISIONED || ps === NOT_AVAILABLE)) return result("ALREADY_PURCHASED");
  if (es === PROVISIONING && (ps === IN_PROGRESS || ps === NOT_AVAILABLE)) return result("ALREADY_IN_PROGRESS");
  return { kind: "purchase" };
}

/** FAILURE_CODE_* of 14 QPR1+ (after TEL commit c975857d2). */
export const FAILURE_CODES_QPR1: FailureCodeTable = {
  0: "FAILURE_CODE_UNKNOWN",
  1: "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
  2: "FAILURE_CODE_AUTHENTICATION_FAILED",
  3: "FAILURE_CODE_PAYMENT_FAILED",
  4: "FAILURE_CODE_NO_USER_DATA",
};

/** FAILURE_CODE_* of 14 GA. */
export const FAILURE_CODES_GA: FailureCodeTable = {
  0: "FAILURE_CODE_UNKNOWN",
  1: "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
  2: "FAILURE_CODE_SERVER_UNREACHABLE",
  3: "FAILURE_CODE_AUTHENTICATION_FAILED",
  4: "FAILURE_CODE_PAYMENT_FAILED",
};

const android14: DeviceProfile = {
  id: "android-14",
  description:
    "Android 14 GA (AOSP android14-release): GA decision table, cap checked after the entitlement check, no ContentsType",
  decide: decideGa,
  capCheckBeforeEntitlement: false,
  contentsTypeForms: "none",
  failureCodes: FAILURE_CODES_GA,
  legacyBridgeObject: true,
  notificationsDisabledResult: "USER_CANCELED",
  capReset: "utc",
};

const android14Qpr1: DeviceProfile = {
  id: "android-14-qpr1",
  description: "Android 14 QPR1 to QPR3 (AOSP android14-qpr1-release): the 5G slicing guide's behaviour",
  decide: decideQpr1,
  capCheckBeforeEntitlement: true,
  contentsTypeForms: "aosp+seed",
  failureCodes: FAILURE_CODES_QPR1,
  legacyBridgeObject: false,
  notificationsDisabledResult: "USER_CANCELED",
  capReset: "utc",
};

const android15: DeviceProfile = {
  ...android14Qpr1,
  id: "android-15",
  description: "Android 15 and later: as 14 QPR1, plus USER_DISABLED (16) when the user turned the notifications off",
  notificationsDisabledResult: "USER_DISABLED",
};

export const DEVICE_PROFILES: Readonly<Record<string, DeviceProfile>> = {
  "android-14": android14,
  "android-14-qpr1": android14Qpr1,
  "android-15": android15,
};

export class UnknownProfileError extends Error {
  constructor(readonly profile: string) {
    super(`unknown device profile '${profile}' (known: ${Object.keys(DEVICE_PROFILES).join(", ")})`);
    this.name = "UnknownProfileError";
  }
}

/** A profile by id, with optional overrides of its settings (e.g. `{ capReset: "local" }`). */
export function deviceProfile(id: string, overrides: Partial<Omit<DeviceProfile, "id">> = {}): DeviceProfile {
  const base = Object.hasOwn(DEVICE_PROFILES, id) ? DEVICE_PROFILES[id] : undefined;
  if (!base) throw new UnknownProfileError(id);
  return { ...base, ...overrides };
}
