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

/**
 * The premium capabilities AOSP can set up on a slice, by number: the OS App Id its URSP rule carries
 * (`SlicePurchaseController.getAppId`) and the slice/service types that satisfy it (`getSliceServiceTypes`: eMBB 1,
 * URLLC 2). The one table both checks read: {@link activatingRule} on the UE's URSP and the modem's
 * `isSlicingConfigActive` on the HAL slicing config.
 */
const SLICE_CAPABILITIES: ReadonlyMap<number, { appId: string; sliceTypes: readonly number[] }> = new Map([
  [PREMIUM_CAPABILITY_PRIORITIZE_LATENCY, { appId: "PRIORITIZE_LATENCY", sliceTypes: [1, 2] }],
]);

/** The OS App Id of a capability (`SlicePurchaseController.getAppId`). */
export function capabilityAppId(capability: number): string | undefined {
  return SLICE_CAPABILITIES.get(capability)?.appId;
}

/** The capability number whose OS App Id is `appId` (PRIORITIZE_LATENCY → 34), if any. */
export function capabilityOfAppId(appId: string): number | undefined {
  for (const [capability, c] of SLICE_CAPABILITIES) if (c.appId === appId) return capability;
  return undefined;
}

/** The slice/service types that satisfy a capability (`getSliceServiceTypes`): eMBB and URLLC. */
export function capabilitySliceTypes(capability: number): number[] {
  return [...(SLICE_CAPABILITIES.get(capability)?.sliceTypes ?? [])];
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
