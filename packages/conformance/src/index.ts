export { type Check, checks, selectChecks, strictChecks, suite } from "./checks/index.js";
export { type CliIo, main, parseCommandLine, usage } from "./cli.js";
export { DpaContract, type DpaOperation, type ResponseCheck } from "./contract.js";
export { referenceDpaDemo } from "./demo.js";
export type { Answer, CheckContext, TokenKind } from "./harness.js";
export { esc as escapeHtml, reportCss } from "./html.js";
export { formatTable, progressLine, renderHtml, writeReports } from "./report.js";
export { runConformance } from "./run.js";
export { createDpaTokenSigner, type DpaTokenSigner, type DpaTokenSignerOptions } from "./tokens.js";
export {
  type CheckResult,
  type CheckStatus,
  type Clock,
  type ConformanceOptions,
  type ConformanceReport,
  ConformanceUsageError,
  PROFILES,
  type Profile,
  type RecordedCall,
  type UserPlan,
} from "./types.js";
