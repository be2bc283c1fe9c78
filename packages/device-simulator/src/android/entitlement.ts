// The premium-network entitlement check of Android's slicing upsell (AOSP Telephony `PremiumNetworkEntitlementApi`
// on AOSP's service_entitlement library; GSMA TS.43 §2.8.1, §9.9): one TS.43 request with a full EAP-AKA,
// parsed like AOSP does.
import { ConfigDocError, type SoftUsim, Ts43Client, Ts43ClientError } from "@carrierkit/ts43";
import { PREMIUM_CAPABILITY_PRIORITIZE_LATENCY } from "./results.js";

/** What AOSP keeps of the `ap2010` answer (`PremiumNetworkEntitlementResponse`); absent numbers are 0. */
export interface PremiumNetworkEntitlementResponse {
  entitlementStatus: number;
  provStatus: number;
  serviceFlowUrl?: string;
  serviceFlowUserData?: string;
  serviceFlowContentsType?: string;
  /** What AOSP would log or report as an anomaly (no app, not JSON, a non-numeric value …). */
  anomalies: string[];
}

/** The check's outcome: a (possibly defaulted) response, or none at all (AOSP `null` → CARRIER_ERROR). */
export type EntitlementCheck =
  | { kind: "response"; response: PremiumNetworkEntitlementResponse }
  | { kind: "failed"; reason: string; status?: number };

/** The device's entitlement client (the seam: a real TS.43 client, or anything answering the same). */
export interface EntitlementChecker {
  check(capability: number): Promise<EntitlementCheck>;
}

const INT = /^[+-]?\d+$/;

/** Java `Integer.parseInt`: optional sign and decimal digits, within int32; anything else throws. */
function parseJavaInt(text: string): number {
  if (!INT.test(text)) throw new Error(`For input string: "${text}"`);
  const n = Number(text);
  if (n > 2_147_483_647 || n < -2_147_483_648) throw new Error(`For input string: "${text}"`);
  return n;
}

/** Android's org.json `getString`: strings as they are, other values (also `null`: JSONObject.NULL) as their JSON text. */
function coerce(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Parses a response body like AOSP 14+ (`PremiumNetworkEntitlementApi.checkEntitlementStatus`): JSON only (XML and
 * other text give the defaults, 0/0); without an `ap2010` object the defaults; the keys in AOSP's order, values
 * numbers or strings; the first non-numeric EntitlementStatus/ProvStatus stops the parse (NumberFormatException,
 * partially filled; a JSON `null` reads as "null").
 */
export function parseEntitlementBody(body: string): PremiumNetworkEntitlementResponse {
  const out: PremiumNetworkEntitlementResponse = { entitlementStatus: 0, provStatus: 0, anomalies: [] };
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    out.anomalies.push("the body is not JSON (JSONException): defaults");
    return out;
  }
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    out.anomalies.push("the body is not a JSON object (JSONException): defaults");
    return out;
  }
  const app = Object.hasOwn(root, "ap2010") ? (root as Record<string, unknown>).ap2010 : undefined;
  if (typeof app !== "object" || app === null || Array.isArray(app)) {
    out.anomalies.push("no ap2010 object: defaults");
    return out;
  }
  const a = app as Record<string, unknown>;
  const has = (k: string) => Object.hasOwn(a, k);
  try {
    if (has("EntitlementStatus")) out.entitlementStatus = parseJavaInt(coerce(a.EntitlementStatus));
    if (has("ProvStatus")) out.provStatus = parseJavaInt(coerce(a.ProvStatus));
  } catch (err) {
    out.anomalies.push(`NumberFormatException: ${(err as Error).message}; the response is partially filled`);
    return out;
  }
  if (has("ServiceFlow_URL")) out.serviceFlowUrl = coerce(a.ServiceFlow_URL);
  if (has("ServiceFlow_UserData")) out.serviceFlowUserData = coerce(a.ServiceFlow_UserData);
  if (has("ServiceFlow_ContentsType")) out.serviceFlowContentsType = coerce(a.ServiceFlow_ContentsType);
  return out;
}

export interface Ts43EntitlementCheckerOptions {
  /** The entitlement server (carrier config `imsserviceentitlement.entitlement_server_url_string`). */
  url: string;
  usim: SoftUsim;
  /** The device's IMEI: AOSP sends the real one as terminal_id. */
  imei: string;
  mncDigits?: 2 | 3;
  fetch?: typeof fetch;
  /** Called with every HTTP exchange (method, URL, status), for traces. */
  onHttp?: (exchange: { method: string; url: string; status: number; contentType: string }) => void;
}

/** The Accept header of AOSP 14 GA/QPR1's slicing client (`ACCEPT_CONTENT_TYPE_JSON` of that library). */
export const AOSP_SLICING_ACCEPT = "application/vnd.gsma.eap-relay.v1.0+json";

/**
 * AOSP's request through {@link Ts43Client}: GET `?EAP_ID=…&terminal_id=<IMEI>&boost_type=0&app=ap2010&
 * terminal_vendor=vend&terminal_model=modelY&terminal_sw_version=versionZ&vers=0&entitlement_version=2.0`, Accept
 * the EAP relay type only, a full EAP-AKA every time (never a token).
 */
export class Ts43EntitlementChecker implements EntitlementChecker {
  readonly client: Ts43Client;

  constructor(readonly options: Ts43EntitlementCheckerOptions) {
    const base = options.fetch ?? fetch;
    const observed: typeof fetch = async (input, init) => {
      const res = await base(input, init);
      options.onHttp?.({
        method: init?.method ?? "GET",
        url: String(input instanceof Request ? input.url : input),
        status: res.status,
        contentType: res.headers.get("content-type") ?? "",
      });
      return res;
    };
    this.client = new Ts43Client({
      baseUrl: options.url,
      usim: options.usim,
      mncDigits: options.mncDigits ?? 2,
      terminalId: options.imei,
      terminalVendor: "vend",
      terminalModel: "modelY",
      terminalSwVersion: "versionZ",
      entitlementVersion: "2.0",
      method: "GET",
      format: "json",
      accept: AOSP_SLICING_ACCEPT,
      parameterOrder: "aosp",
      fetch: observed,
    });
  }

  async check(capability: number): Promise<EntitlementCheck> {
    const extra: Record<string, string> =
      capability === PREMIUM_CAPABILITY_PRIORITIZE_LATENCY
        ? { boost_type: "0" /* REALTIME_INTERACTIVE_TRAFFIC */ }
        : {};
    try {
      const result = await this.client.getConfiguration(["ap2010"], extra, true);
      return { kind: "response", response: parseEntitlementBody(result.body) };
    } catch (err) {
      if (err instanceof ConfigDocError) {
        // A JSON body Ts43Client refuses as a TS.43 document (no `Vers`, say) is still what Android's TEL library
        // hands the framework, which reads only ap2010: parse it as AOSP does.
        if (err.received && /json/i.test(err.received.contentType))
          return { kind: "response", response: parseEntitlementBody(err.received.body) };
        // TEL's JSON parse fails on anything that is not a JSON object: defaults.
        return {
          kind: "response",
          response: { entitlementStatus: 0, provStatus: 0, anomalies: [`unparsable document: ${err.message}`] },
        };
      }
      if (err instanceof Ts43ClientError)
        return { kind: "failed", reason: `entitlement server: ${err.message}`, status: err.status };
      return { kind: "failed", reason: `entitlement server unreachable: ${(err as Error).message}` };
    }
  }
}
