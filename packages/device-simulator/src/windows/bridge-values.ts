// The string values of MobilePlansNetworkRegistrationState, read from the portal-bridge spec (x-members; activation
// results: activationResultValue of ./activation.ts), and how the app classifies a refused (invalid) portal call.
import { type BridgeProblem, portalBridgeSpec } from "@carrierkit/portal-bridge";

type Members = ReadonlyArray<{ member: string; value: string }>;

function members(def: string): Members {
  const schema = portalBridgeSpec.schemas["mobile-plans.schema.json"] as
    | { $defs?: Record<string, { "x-members"?: Members }> }
    | undefined;
  const list = schema?.$defs?.[def]?.["x-members"];
  if (!list) throw new Error(`mobile-plans.schema.json has no x-members for ${def}`);
  return list;
}

const byMember = (def: string) => new Map(members(def).map((m) => [m.member, m.value]));
const REGISTRATION = byMember("MobilePlansNetworkRegistrationState");

/** `home` → `Home` (MobilePlansNetworkRegistrationState). */
export function registrationValue(member: string): string {
  const v = REGISTRATION.get(member);
  if (v === undefined) throw new RangeError(`${member} is not a MobilePlansNetworkRegistrationState member`);
  return v;
}

/**
 * The activation result a refused call stands for, when it is one of the bad-input members: a payload that is not
 * JSON → invalidJson, a bad activation code → invalidActivationCode, a bad ICCID → invalidIccid; else undefined
 * (wrong types, missing metadata: reported in the event log only).
 */
export function refusalResult(problems: readonly BridgeProblem[]): string | undefined {
  for (const p of problems) {
    const path = p.path.toLowerCase();
    if (/json/i.test(p.message) || path === "notificationpayload") return "invalidJson";
    if (path.includes("activationcode")) return "invalidActivationCode";
    if (path.includes("iccid")) return "invalidIccid";
  }
  return undefined;
}
