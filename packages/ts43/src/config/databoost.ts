import { DATA_BOOST_APP_ID } from "../types.js";
import { type Characteristic, ConfigDocError, type EntitlementDocument } from "./document.js";

/**
 * The five Data Boost keys Android's slicing client reads (TS.43 §9.9–9.10; TEL `PremiumNetworkEntitlementApi`).
 * `entitlementStatus` / `provStatus` take the values of `EntitlementStatus` / `ProvStatus`; unknown numbers are kept.
 */
export interface DataBoostStatus {
  entitlementStatus?: number;
  provStatus?: number;
  serviceFlowUrl?: string;
  serviceFlowUserData?: string;
  /** On the wire exactly `json` or `xml` (AOSP compares lowercase); absent → the WebView uses GET. */
  serviceFlowContentsType?: string;
}

const KEYS = {
  entitlementStatus: "EntitlementStatus",
  provStatus: "ProvStatus",
  serviceFlowUrl: "ServiceFlow_URL",
  serviceFlowUserData: "ServiceFlow_UserData",
  serviceFlowContentsType: "ServiceFlow_ContentsType",
} as const;

function integer(c: Characteristic, key: string, path: string): number | undefined {
  const v = c[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !/^[+-]?\d{1,9}$/.test(v.trim()))
    throw new ConfigDocError(`${path}/${key}`, "expected an integer");
  return Number.parseInt(v.trim(), 10);
}

function text(c: Characteristic, key: string, path: string): string | undefined {
  const v = c[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new ConfigDocError(`${path}/${key}`, "expected a value, not a characteristic");
  return v;
}

/**
 * The Data Boost fields of an application (default `ap2010`), typed; undefined when the document lacks the
 * application. Integers are parsed like AOSP (`Integer.parseInt`, so `1` and `"1"` both work); anything else throws
 * {@link ConfigDocError} naming the path.
 */
export function readDataBoost(doc: EntitlementDocument, appId = DATA_BOOST_APP_ID): DataBoostStatus | undefined {
  if (!Object.hasOwn(doc.apps, appId)) return undefined;
  const c = doc.apps[appId];
  if (!c) return undefined;
  const path = `/${appId}`;
  const out: DataBoostStatus = {};
  const es = integer(c, KEYS.entitlementStatus, path);
  if (es !== undefined) out.entitlementStatus = es;
  const ps = integer(c, KEYS.provStatus, path);
  if (ps !== undefined) out.provStatus = ps;
  for (const field of ["serviceFlowUrl", "serviceFlowUserData", "serviceFlowContentsType"] as const) {
    const v = text(c, KEYS[field], path);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** The characteristic for {@link DataBoostStatus} (values as strings, keys in TS.43 spelling, absent fields left out). */
export function dataBoostCharacteristic(status: DataBoostStatus): Characteristic {
  const out: Characteristic = {};
  if (status.entitlementStatus !== undefined) out[KEYS.entitlementStatus] = String(status.entitlementStatus);
  if (status.provStatus !== undefined) out[KEYS.provStatus] = String(status.provStatus);
  for (const field of ["serviceFlowUrl", "serviceFlowUserData", "serviceFlowContentsType"] as const) {
    const v = status[field];
    if (v !== undefined) out[KEYS[field]] = v;
  }
  return out;
}

/** Milliseconds since the epoch; injectable for tests. */
export type Clock = () => number;

function seconds(value: string | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,12}$/.test(value.trim())) throw new ConfigDocError(path, "validity must be whole seconds");
  return Number(value.trim());
}

/**
 * When the document's TOKEN stops being usable, for a document received at `receivedAt` (ms): receivedAt +
 * validity seconds; `undefined` when there is no token, and `Infinity` when the TOKEN has no validity (TS.43 makes it
 * optional; AOSP reads it as −1, "unknown").
 */
export function tokenExpiresAt(doc: EntitlementDocument, receivedAt: number): number | undefined {
  if (!doc.token) return undefined;
  const s = seconds(doc.token.validity, "/Token/validity");
  return s === undefined ? Number.POSITIVE_INFINITY : receivedAt + s * 1000;
}

/** Whether the TOKEN of a document received at `receivedAt` is still usable at `clock()`. */
export function isTokenValid(doc: EntitlementDocument, receivedAt: number, clock: Clock = Date.now): boolean {
  const expiresAt = tokenExpiresAt(doc, receivedAt);
  return expiresAt !== undefined && clock() < expiresAt;
}

/** When the configuration itself (VERS validity, seconds) should be fetched again. */
export function configExpiresAt(doc: EntitlementDocument, receivedAt: number): number {
  return receivedAt + (seconds(doc.vers.validity, "/Vers/validity") ?? 0) * 1000;
}
