// The upsell's throttles (AOSP `SlicePurchaseController`; Android's 5G network slicing guide): the daily and monthly notification
// caps, and the two back-offs with their hysteresis timers.
import type { CarrierConfig } from "./carrier-config.js";
import type { CapResetRule } from "./profiles.js";
import type { DeviceStateData, ThrottleRecord } from "./state.js";

/** The counting day and month of `at` under a reset rule (`local`: shifted by the device's UTC offset). */
export function countingPeriod(
  at: number,
  rule: CapResetRule,
  utcOffsetMinutes: number,
): { day: string; month: string } {
  const shifted = new Date(rule === "local" ? at + utcOffsetMinutes * 60_000 : at);
  const iso = shifted.toISOString();
  return { day: iso.slice(0, 10), month: iso.slice(0, 7) };
}

/**
 * When the cap that is full at `at` opens again: the next counting midnight (daily cap) or the next counting 1st
 * (monthly cap), as epoch ms.
 */
export function nextReset(at: number, rule: CapResetRule, utcOffsetMinutes: number, which: "day" | "month"): number {
  const offset = rule === "local" ? utcOffsetMinutes * 60_000 : 0;
  const d = new Date(at + offset);
  const next =
    which === "day"
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return next - offset;
}

/** Starts the counters again when the counting day or month changed (AOSP `updateNotificationCounts`). */
export function rollCounters(state: DeviceStateData, at: number, rule: CapResetRule, utcOffsetMinutes: number): void {
  const { day, month } = countingPeriod(at, rule, utcOffsetMinutes);
  const n = state.notifications;
  if (n.monthKey !== month) {
    n.monthKey = month;
    n.monthly = 0;
  }
  if (n.dayKey !== day) {
    n.dayKey = day;
    n.daily = 0;
  }
}

/** Which cap is full, if any (after {@link rollCounters}). */
export function capReached(state: DeviceStateData, config: CarrierConfig): "daily" | "monthly" | undefined {
  const n = state.notifications;
  if (n.daily >= config.premium_capability_maximum_daily_notification_count_int) return "daily";
  if (n.monthly >= config.premium_capability_maximum_monthly_notification_count_int) return "monthly";
  return undefined;
}

/** A notification was shown: it counts toward both caps. */
export function countNotification(state: DeviceStateData): void {
  state.notifications.daily += 1;
  state.notifications.monthly += 1;
}

/** The back-off in force for `capability` at `at`, if any. */
export function activeThrottle(state: DeviceStateData, capability: number, at: number): ThrottleRecord | undefined {
  const t = state.throttles[String(capability)];
  return t && at < t.until ? t : undefined;
}

/** Starts a back-off of the configured hysteresis (a zero hysteresis starts none). */
export function startBackoff(
  state: DeviceStateData,
  capability: number,
  kind: ThrottleRecord["kind"],
  after: string,
  at: number,
  config: CarrierConfig,
): ThrottleRecord | undefined {
  const ms =
    kind === "notification"
      ? config.premium_capability_notification_backoff_hysteresis_time_millis_long
      : config.premium_capability_purchase_condition_backoff_hysteresis_time_millis_long;
  if (ms <= 0) return undefined;
  const record: ThrottleRecord = { until: at + ms, kind, after };
  state.throttles[String(capability)] = record;
  return record;
}
