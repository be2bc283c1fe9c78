import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];
export type Balance = Schemas["Balance"];
export type BalanceType = Schemas["BalanceType"];
export type BalancesResponse = Schemas["BalancesResponse"];
export type Offer = Schemas["Offer"];
export type OffersResponse = Schemas["OffersResponse"];
export type MobilePlansNotification = Schemas["Notification"];
export type NotificationsResponse = Schemas["NotificationsResponse"];
export type NotificationType = MobilePlansNotification["notificationType"];
/** What the `notificationType` query accepts: both documented spellings of each type. */
export type NotificationTypeQuery = operations["GetNotifications"]["parameters"]["query"]["notificationType"];
export type MobilePlansErrorBody = Schemas["Error"];
export type MobilePlansErrorCode = Schemas["ErrorCode"];
export type FieldsTemplate = "basic" | "full";

/** The request and response header carrying the Mobile Plans service's transaction id. */
export const TRANSACTION_ID_HEADER = "X-MS-DM-TransactionId";
/** The longest transaction id accepted (and echoed). */
export const MAX_TRANSACTION_ID_LENGTH = 128;

/** The documented subject of the Mobile Plans service's client certificate (Microsoft's account management page). */
export const MOBILE_PLANS_CLIENT_SUBJECT =
  "C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=partners.datamart.windows.com";

export const BALANCE_TYPES: readonly BalanceType[] = ["MODIRECT", "MODIRECTPAYG", "NONE", "NOTSUPPORTED"];

/** The notification types in the lower-camel spelling answers use, in the documented order. */
export const NOTIFICATION_TYPES: readonly NotificationType[] = [
  "lowBalance",
  "zeroBalance",
  "newOffer",
  "trialOffer",
  "trialEnding",
  "trialEnded",
];

/** `LowBalance` or `lowBalance` → `lowBalance`; undefined for anything else. */
export function notificationTypeOf(text: string): NotificationType | undefined {
  const lower = text.charAt(0).toLowerCase() + text.slice(1);
  return (NOTIFICATION_TYPES as readonly string[]).includes(lower) ? (lower as NotificationType) : undefined;
}

/** `basic`, `Basic`, `FULL` … → `basic` / `full` (case-insensitive, as this contract decides); absent → `basic`. */
export function fieldsTemplateOf(text: string | undefined): FieldsTemplate | undefined {
  if (text === undefined) return "basic";
  const t = text.toLowerCase();
  return t === "basic" || t === "full" ? t : undefined;
}

/**
 * The ICCID of a `simId`/`simmri` (`iccid:8988…`), without a trailing `F`; undefined when it is not of that form.
 */
export function iccidOfSimId(simId: string): string | undefined {
  const m = /^iccid:([0-9]{1,22})[Ff]?$/.exec(simId);
  return m?.[1];
}

/** The `simId` of an ICCID: `iccid:<ICCID>` (a trailing `F` stripped). */
export function simIdOf(iccid: string): string {
  return `iccid:${iccid.replace(/[Ff]$/, "")}`;
}

/**
 * A whole-second duration as ISO 8601 (`P6DT23H`, `PT5M`, `PT0S`): days, hours, minutes and seconds (no months or
 * years, whose length varies).
 */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total === 0) return "PT0S";
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const time = `${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s ? `${s}S` : ""}`;
  return `P${d ? `${d}D` : ""}${time ? `T${time}` : ""}`;
}

/** An ISO 8601 duration in milliseconds (`PnYnMnWnDTnHnMnS`; a year counts 365 days, a month 30); undefined if malformed. */
export function parseIsoDuration(text: string): number | undefined {
  const m =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!m) return undefined;
  const [, y, mo, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (
    ((((y ?? 0) * 365 + (mo ?? 0) * 30 + (w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (mi ?? 0)) * 60_000 +
    (s ?? 0) * 1000
  );
}

/**
 * Reads a balance from any operator, accepting the documented `dataRemainingInMB` and the `dataRemaininginMB`
 * spelling of Microsoft's examples. Returns undefined for something that is not a balance.
 */
export function normalizeBalance(raw: unknown): Balance | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const data = typeof r.dataRemainingInMB === "number" ? r.dataRemainingInMB : r.dataRemaininginMB;
  if (typeof r.type !== "string" || !(BALANCE_TYPES as readonly string[]).includes(r.type)) return undefined;
  if (typeof data !== "number" || typeof r.timeRemaining !== "string") return undefined;
  const { dataRemaininginMB: _drift, ...rest } = r;
  return { ...(rest as Balance), type: r.type as BalanceType, dataRemainingInMB: data, timeRemaining: r.timeRemaining };
}
