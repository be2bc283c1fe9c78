export {
  BridgeEngine,
  type CanonicalCall,
  type CheckResult,
  type ValidateFunction,
  type ValidationError,
  type ValidatorLookup,
} from "./core/engine.js";
export type { BridgeProblem, BridgeWarning, WarningCode } from "./core/report.js";
export type * from "./core/spec-types.js";
export { portalBridgeSpec } from "./generated/spec.js";
export * from "./protocol.js";
export { readRuntimeScript, runtimeScriptPath } from "./runtime-file.js";
export { ajvLookup, createAjv, createBridgeEngine } from "./validators.js";
