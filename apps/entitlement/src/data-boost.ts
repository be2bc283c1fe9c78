import type { DataBoostState } from "@carrierkit/operator-core";
import { androidCategoryRule, androidDefaultRule, type SliceId, type UrspPolicy } from "@carrierkit/ursp";

export type { SliceId };

/** Android's premium capability PRIORITIZE_LATENCY (TelephonyManager). */
export const PRIORITIZE_LATENCY = 34;

export interface ServiceFlow {
  url: string;
  /** `encodedValue=<base64>` grant for the purchase page. */
  userData: string;
  contentsType: "json" | "xml" | "none";
  /** `aosp`: `json`/`xml`, nothing for none (default); `seed`: `1`/`2`, `0` for none (seed 003's values). */
  form?: "aosp" | "seed";
}

const SEED_CONTENTS_TYPE = { none: "0", json: "1", xml: "2" } as const;

/**
 * The `ap2010` parameters for a subscriber's data-boost state (TS.43 §9.9–9.10). The ServiceFlow fields are sent only
 * where Android would open the purchase page (EntitlementStatus 1 ENABLED with ProvStatus 0 NOT PROVISIONED), and
 * as strings here (the JSON form turns the statuses into numbers); ContentsType lower-case (`json`/`xml`) or absent,
 * or in the seed's form `0`/`1`/`2`.
 */
export function dataBoostParameters(
  state: DataBoostState | undefined,
  flow: ServiceFlow | undefined,
): Record<string, string> {
  const es = state?.entitlementStatus ?? 0;
  const ps = state?.provStatus ?? 0;
  const params: Record<string, string> = { EntitlementStatus: String(es), ProvStatus: String(ps) };
  if (es === 1 && ps === 0 && flow) {
    params.ServiceFlow_URL = flow.url;
    params.ServiceFlow_UserData = flow.userData;
    if (flow.form === "seed") params.ServiceFlow_ContentsType = SEED_CONTENTS_TYPE[flow.contentsType];
    else if (flow.contentsType !== "none") params.ServiceFlow_ContentsType = flow.contentsType;
  }
  return params;
}

/** The slice the PRIORITIZE_LATENCY rule routes to (URLLC, SST 2) and the subscriber's internet slice (eMBB, SST 1). */
export const LATENCY_SLICE = { sst: 2, sd: "000001" } as const;
export const INTERNET_SLICE = { sst: 1 } as const;

/**
 * The subscriber's URSP after a data-boost purchase: a PRIORITIZE_LATENCY rule (OS Id + OS App Id "PRIORITIZE_LATENCY",
 * S-NSSAI `slice`, default SST 2 / SD 000001, + DNN) ahead of the existing rules, keeping a match-all default last. Idempotent.
 */
export function withLatencyRule(policy: UrspPolicy | undefined, slice: SliceId = LATENCY_SLICE): UrspPolicy {
  const rules = (policy?.rules ?? []).filter(
    (r) =>
      !r.trafficDescriptor.some(
        (c) => c.type === "osIdOsAppId" && "osAppId" in c && c.osAppId === "PRIORITIZE_LATENCY",
      ),
  );
  const hasDefault = rules.some((r) => r.trafficDescriptor.some((c) => c.type === "matchAll"));
  const latency = androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice });
  const all = [latency, ...rules.filter((r) => r.precedence !== 7)];
  if (!hasDefault) all.push(androidDefaultRule({ precedence: 255, slice: INTERNET_SLICE }));
  return { rules: all.sort((a, b) => a.precedence - b.precedence) };
}
