// When a bought capability counts as active (AOSP Telephony
// `SlicePurchaseController.isSlicingConfigActive`): a URSP rule whose traffic descriptor's OS App Id is the capability's app id ("PRIORITIZE_LATENCY") routes to
// an allowed slice of the capability's service types (eMBB 1 or URLLC 2).
import type { UrspPolicy, UrspRule } from "@carrierkit/ursp";
import { PREMIUM_CAPABILITY_PRIORITIZE_LATENCY } from "./results.js";

/** An S-NSSAI the network allowed (the registration's Allowed NSSAI). */
export interface AllowedSlice {
  sst: number;
  sd?: string;
}

/** The OS App Id of a capability (`SlicePurchaseController.getAppId`). */
export function capabilityAppId(capability: number): string | undefined {
  return capability === PREMIUM_CAPABILITY_PRIORITIZE_LATENCY ? "PRIORITIZE_LATENCY" : undefined;
}

/** The slice/service types that satisfy a capability (`getSliceServiceTypes`): eMBB and URLLC. */
export function capabilitySliceTypes(capability: number): number[] {
  return capability === PREMIUM_CAPABILITY_PRIORITIZE_LATENCY ? [1, 2] : [];
}

const sliceAllowed = (sst: number, sd: string | undefined, allowed: readonly AllowedSlice[] | undefined) =>
  allowed === undefined ||
  allowed.some((a) => a.sst === sst && (a.sd === undefined || a.sd.toLowerCase() === (sd ?? "").toLowerCase()));

/**
 * The rule of `policy` that makes `capability` active, if any. `allowed` lists the allowed S-NSSAIs (undefined: every
 * slice the rules name counts as allowed).
 */
export function activatingRule(
  policy: UrspPolicy,
  capability: number,
  allowed?: readonly AllowedSlice[],
): UrspRule | undefined {
  const appId = capabilityAppId(capability);
  const types = capabilitySliceTypes(capability);
  if (!appId) return undefined;
  return policy.rules.find(
    (rule) =>
      rule.trafficDescriptor.some((c) => c.type === "osIdOsAppId" && "osAppId" in c && c.osAppId === appId) &&
      rule.routeSelectionDescriptors.some((rsd) =>
        rsd.components.some((c) => c.type === "sNssai" && types.includes(c.sst) && sliceAllowed(c.sst, c.sd, allowed)),
      ),
  );
}
