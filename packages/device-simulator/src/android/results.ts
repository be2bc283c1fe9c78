// TelephonyManager's premium-capability constants (AOSP, API 34/35).

/** `TelephonyManager.PREMIUM_CAPABILITY_PRIORITIZE_LATENCY` (= `NetworkCapabilities.NET_CAPABILITY_PRIORITIZE_LATENCY`). */
export const PREMIUM_CAPABILITY_PRIORITIZE_LATENCY = 34;

/** `PURCHASE_PREMIUM_CAPABILITY_RESULT_*`: 1–15 from API 34, USER_DISABLED (16) from API 35. */
export const PURCHASE_RESULTS = {
  SUCCESS: 1,
  THROTTLED: 2,
  ALREADY_PURCHASED: 3,
  ALREADY_IN_PROGRESS: 4,
  NOT_FOREGROUND: 5,
  USER_CANCELED: 6,
  CARRIER_DISABLED: 7,
  CARRIER_ERROR: 8,
  TIMEOUT: 9,
  FEATURE_NOT_SUPPORTED: 10,
  REQUEST_FAILED: 11,
  NETWORK_NOT_AVAILABLE: 12,
  ENTITLEMENT_CHECK_FAILED: 13,
  NOT_DEFAULT_DATA_SUBSCRIPTION: 14,
  PENDING_NETWORK_SETUP: 15,
  USER_DISABLED: 16,
} as const;

export type PurchaseResultName = keyof typeof PURCHASE_RESULTS;
export type PurchaseResultCode = (typeof PURCHASE_RESULTS)[PurchaseResultName];

/** What `purchasePremiumCapability` answers: the result by name and number, and why (for traces). */
export interface PurchaseResult {
  readonly name: PurchaseResultName;
  readonly code: PurchaseResultCode;
  readonly reason: string;
}

export function purchaseResult(name: PurchaseResultName, reason: string): PurchaseResult {
  return { name, code: PURCHASE_RESULTS[name], reason };
}

/** The name of a result number (undefined for numbers outside 1–16). */
export function purchaseResultName(code: number): PurchaseResultName | undefined {
  return (Object.keys(PURCHASE_RESULTS) as PurchaseResultName[]).find((n) => PURCHASE_RESULTS[n] === code);
}

/**
 * Which back-off a result starts (TEL `SlicePurchaseController.getThrottleDuration`): the notification back-off after
 * USER_CANCELED, TIMEOUT and USER_DISABLED, the purchase-condition back-off after ENTITLEMENT_CHECK_FAILED and
 * CARRIER_ERROR, none after the others.
 */
export function backoffAfter(name: PurchaseResultName): "notification" | "purchase-condition" | undefined {
  if (name === "USER_CANCELED" || name === "TIMEOUT" || name === "USER_DISABLED") return "notification";
  if (name === "ENTITLEMENT_CHECK_FAILED" || name === "CARRIER_ERROR") return "purchase-condition";
  return undefined;
}
