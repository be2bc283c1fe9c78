// The carrier-config keys of the slicing upsell (AOSP CarrierConfigManager, with its defaults).

/** The nine premium-capability keys, by their AOSP key strings, with AOSP's default values. */
export interface CarrierConfig {
  /** KEY_SUPPORTED_PREMIUM_CAPABILITIES_INT_ARRAY (default `[]`). */
  supported_premium_capabilities_int_array: number[];
  /** KEY_PREMIUM_CAPABILITY_NOTIFICATION_DISPLAY_TIMEOUT_MILLIS_LONG (30 min): the notification and purchase timer. */
  premium_capability_notification_display_timeout_millis_long: number;
  /** KEY_PREMIUM_CAPABILITY_NOTIFICATION_BACKOFF_HYSTERESIS_TIME_MILLIS_LONG (30 min). */
  premium_capability_notification_backoff_hysteresis_time_millis_long: number;
  /** KEY_PREMIUM_CAPABILITY_MAXIMUM_DAILY_NOTIFICATION_COUNT_INT (2). */
  premium_capability_maximum_daily_notification_count_int: number;
  /** KEY_PREMIUM_CAPABILITY_MAXIMUM_MONTHLY_NOTIFICATION_COUNT_INT (10). */
  premium_capability_maximum_monthly_notification_count_int: number;
  /** KEY_PREMIUM_CAPABILITY_PURCHASE_CONDITION_BACKOFF_HYSTERESIS_TIME_MILLIS_LONG (30 min). */
  premium_capability_purchase_condition_backoff_hysteresis_time_millis_long: number;
  /** KEY_PREMIUM_CAPABILITY_NETWORK_SETUP_TIME_MILLIS_LONG (5 min). */
  premium_capability_network_setup_time_millis_long: number;
  /** KEY_PREMIUM_CAPABILITY_PURCHASE_URL_STRING (null): the fallback when the entitlement answer has no ServiceFlow_URL. */
  premium_capability_purchase_url_string: string | null;
  /** KEY_PREMIUM_CAPABILITY_SUPPORTED_ON_LTE_BOOL (false). */
  premium_capability_supported_on_lte_bool: boolean;
}

export const CARRIER_CONFIG_DEFAULTS: Readonly<CarrierConfig> = Object.freeze({
  supported_premium_capabilities_int_array: [],
  premium_capability_notification_display_timeout_millis_long: 30 * 60_000,
  premium_capability_notification_backoff_hysteresis_time_millis_long: 30 * 60_000,
  premium_capability_maximum_daily_notification_count_int: 2,
  premium_capability_maximum_monthly_notification_count_int: 10,
  premium_capability_purchase_condition_backoff_hysteresis_time_millis_long: 30 * 60_000,
  premium_capability_network_setup_time_millis_long: 5 * 60_000,
  premium_capability_purchase_url_string: null,
  premium_capability_supported_on_lte_bool: false,
});

export type CarrierConfigKey = keyof CarrierConfig;
export const CARRIER_CONFIG_KEYS = Object.keys(CARRIER_CONFIG_DEFAULTS) as CarrierConfigKey[];

export class CarrierConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`carrier config ${key}: ${message}`);
    this.name = "CarrierConfigError";
  }
}

const isKey = (key: string): key is CarrierConfigKey => (CARRIER_CONFIG_KEYS as string[]).includes(key);

/** Accepts the key string, or the `KEY_…` constant name (`KEY_PREMIUM_CAPABILITY_SUPPORTED_ON_LTE_BOOL`). */
export function carrierConfigKey(name: string): CarrierConfigKey {
  const key = name.startsWith("KEY_") ? name.slice(4).toLowerCase() : name;
  if (!isKey(key)) throw new CarrierConfigError(name, `unknown key (known: ${CARRIER_CONFIG_KEYS.join(", ")})`);
  return key;
}

function checked(key: CarrierConfigKey, value: unknown): CarrierConfig[CarrierConfigKey] {
  const fail = (what: string): never => {
    throw new CarrierConfigError(key, `expected ${what}, got ${JSON.stringify(value)}`);
  };
  if (key === "supported_premium_capabilities_int_array") {
    if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) fail("an array of integers");
    return value as number[];
  }
  if (key === "premium_capability_purchase_url_string") {
    if (value !== null && typeof value !== "string") fail("a string or null");
    return value as string | null;
  }
  if (key === "premium_capability_supported_on_lte_bool") {
    if (typeof value !== "boolean") fail("a boolean");
    return value as boolean;
  }
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail("a non-negative integer");
  return value as number;
}

/** AOSP's defaults with `overrides` applied (each value type-checked: a wrong one is a {@link CarrierConfigError}). */
export function carrierConfig(overrides: Partial<Record<string, unknown>> = {}): CarrierConfig {
  const out: CarrierConfig = { ...CARRIER_CONFIG_DEFAULTS, supported_premium_capabilities_int_array: [] };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const key = carrierConfigKey(name);
    (out as unknown as Record<string, unknown>)[key] = checked(key, value);
  }
  return out;
}

/**
 * One `key=value` override as the CLI and `adb shell cmd phone cc set-value` take it: an int array as `34` or
 * `34,35`, a bool as `true`/`false`, a string as is (`null` for none), numbers in decimal.
 */
export function parseCarrierConfigOverride(text: string): [CarrierConfigKey, CarrierConfig[CarrierConfigKey]] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new CarrierConfigError(text, "expected key=value");
  const key = carrierConfigKey(text.slice(0, eq).trim());
  const raw = text.slice(eq + 1).trim();
  let value: unknown = raw;
  if (key === "supported_premium_capabilities_int_array")
    value = raw === "" ? [] : raw.split(",").map((v) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN));
  else if (key === "premium_capability_supported_on_lte_bool")
    value = raw === "true" ? true : raw === "false" ? false : raw;
  else if (key === "premium_capability_purchase_url_string") value = raw === "null" ? null : raw;
  else value = /^\d+$/.test(raw) ? Number(raw) : raw;
  return [key, checked(key, value)];
}
