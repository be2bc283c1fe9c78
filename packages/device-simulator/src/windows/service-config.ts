// The operator's Mobile Plans service configuration (portal URI, notification hosts, ICCID ranges, brand) and the
// launch contract the app derives from it: the portal URL's query parameters, `Accept-Language` and, after a failed
// download, the `X-MP-LPAError-*` headers (Microsoft "Mobile Plans web portal" and "eSIM error handling" pages).
import { randomBytes } from "node:crypto";

/** An ICCID range of the operator: every ICCID starting with `prefix`, or between `from` and `to` (same length). */
export type IccidRange = { prefix: string } | { from: string; to: string };

export interface ServiceConfiguration {
  /** Brand name shown in the app. */
  brand: string;
  /** MO Direct portal URI (https; `http://` only on a loopback host with `allowInsecureLoopback`). */
  portalUri: string;
  /** Hosts (origins) the bridge calls may come from; default the portal URI's origin. */
  notificationHosts?: readonly string[];
  /** The operator's ICCID ranges: which installed profiles the launch URL lists in `iccids`. */
  iccidRanges: readonly IccidRange[];
  /**
   * Development only: allow `http:` portal and notification origins on loopback hosts (127.0.0.1, ::1, localhost).
   * Passed to the bridge runtime as `allowInsecureLoopback`.
   */
  allowInsecureLoopback?: boolean;
}

export class ServiceConfigurationError extends Error {
  override readonly name = "ServiceConfigurationError";
}

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "::1", "localhost"]);
export const isLoopbackHost = (host: string): boolean => LOOPBACK.has(host.toLowerCase());

function secureOrigin(text: string, what: string, insecureLoopback: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServiceConfigurationError(`${what} ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol === "https:") return url.origin;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) {
    if (insecureLoopback) return url.origin;
    throw new ServiceConfigurationError(`${what} ${url.origin} is http: set allowInsecureLoopback (development only)`);
  }
  throw new ServiceConfigurationError(`${what} ${url.origin} must be https (http only on a loopback host)`);
}

/** The configuration checked: portal URI and notification hosts as origins, ICCID ranges well-formed. */
export function checkServiceConfiguration(config: ServiceConfiguration): {
  portal: URL;
  allowedOrigins: string[];
} {
  const insecure = config.allowInsecureLoopback === true;
  secureOrigin(config.portalUri, "portalUri", insecure);
  const hosts = config.notificationHosts?.length ? config.notificationHosts : [config.portalUri];
  const allowedOrigins = hosts.map((h) =>
    secureOrigin(h.includes("://") ? h : `https://${h}`, "notification host", insecure),
  );
  for (const r of config.iccidRanges) {
    const ok =
      "prefix" in r
        ? /^89[0-9]{0,18}$/.test(r.prefix)
        : /^89[0-9]{17,18}$/.test(r.from) && r.to.length === r.from.length && /^[0-9]+$/.test(r.to) && r.from <= r.to;
    if (!ok) throw new ServiceConfigurationError(`ICCID range ${JSON.stringify(r)} is not a prefix or from/to pair`);
  }
  return { portal: new URL(config.portalUri), allowedOrigins };
}

/** Whether an ICCID belongs to the operator's ranges. */
export function inIccidRanges(iccid: string, ranges: readonly IccidRange[]): boolean {
  return ranges.some((r) =>
    "prefix" in r ? iccid.startsWith(r.prefix) : iccid.length === r.from.length && iccid >= r.from && iccid <= r.to,
  );
}

/** What the PC knows at launch. */
export interface LaunchIdentity {
  imei: string;
  /** 2-letter ISO code of the PC's region setting. */
  market: string;
  /** 2-letter ISO code of the current physical location. */
  location: string;
  /** eSIM form: the eUICC's EID and the ICCIDs of the operator's installed profiles. */
  eid?: string;
  iccids?: readonly string[];
  /** Physical-SIM form: the SIM's ICCID (required when there is no eUICC). */
  iccid?: string;
}

/** A `transactionId` for one launch: unique, URL-safe, at most 64 characters (`<random>.<launch counter>`). */
export function newTransactionId(counter: number): string {
  return `${randomBytes(12).toString("base64url")}.${counter}`;
}

/**
 * The launch URL: the portal URI with the documented parameters (eSIM form: `eid` and, when there are any, `iccids`;
 * physical-SIM form: `iccid`), trailing `F` padding stripped from ICCIDs. Parameters already in the URI are kept.
 */
export function launchUrl(portalUri: string, identity: LaunchIdentity, transactionId: string): string {
  if (transactionId.length > 64) throw new ServiceConfigurationError("transactionId is longer than 64 characters");
  const url = new URL(portalUri);
  const strip = (iccid: string) => iccid.replace(/F$/i, "");
  const q = url.searchParams;
  q.set("market", identity.market);
  q.set("location", identity.location);
  q.set("transactionId", transactionId);
  if (identity.eid) {
    q.set("eid", identity.eid);
    if (identity.iccids?.length) q.set("iccids", identity.iccids.map(strip).join(","));
  } else if (identity.iccid) q.set("iccid", strip(identity.iccid));
  else throw new ServiceConfigurationError("a launch needs an EID (eSIM) or the physical SIM's ICCID");
  q.set("imei", identity.imei);
  return url.href;
}

/** One failed download the LPA remembers (ESimOperationStatus name, when, which profile). */
export interface LpaErrorRecord {
  code: string;
  at: number;
  iccid: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `5/18/2018 11:17:23 PM`: the documented "Date Time" form, in UTC. */
export function formatLpaTimestamp(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? "AM" : "PM"}`;
}

/**
 * The `X-MP-LPAError-*` headers for the failed downloads since the last launch (none when there were none):
 * codes and timestamps comma-separated in the same order, the ICCIDs concerned (distinct, known ones) comma-separated.
 */
export function lpaErrorHeaders(errors: readonly LpaErrorRecord[]): Record<string, string> {
  if (errors.length === 0) return {};
  const headers: Record<string, string> = {
    "X-MP-LPAError-Codes": errors.map((e) => e.code).join(","),
    "X-MP-LPAError-TimeStamps": errors.map((e) => formatLpaTimestamp(e.at)).join(","),
  };
  const iccids = [...new Set(errors.map((e) => e.iccid).filter(Boolean))];
  if (iccids.length) headers["X-MP-LPAError-ICCIDs"] = iccids.join(",");
  return headers;
}

/**
 * Minutes until the asynchronous-connectivity registration attempt: the requested interval rounded to the nearest
 * 15-minute slot, but never to the zero slot unless 0 was asked (0 means "register now"; 5 → 15, 20 → 15, 23 → 30).
 * The documents say both "rounded to the nearest 15-minute slot" and "5 means about 15": pure nearest rounding
 * would turn 5 into 0, i.e. an immediate attempt the operator said the network is not ready for, so the first slot
 * is the floor for any non-zero request.
 */
export function registrationSlotMinutes(requested: number): number {
  if (!Number.isInteger(requested) || requested < 0) throw new RangeError(`${requested} is not a uint of minutes`);
  if (requested === 0) return 0;
  return Math.max(1, Math.round(requested / 15)) * 15;
}
