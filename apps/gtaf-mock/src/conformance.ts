// The conformance runner lives in the public @carrierkit/conformance package; re-exported for this app's users.
export {
  type CheckResult,
  type CheckStatus,
  type ConformanceOptions,
  type ConformanceReport,
  checks,
  type RecordedCall,
  runConformance,
  type UserPlan,
} from "@carrierkit/conformance";
