export { cli, conformance, main } from "./cli.js";
export {
  type CheckResult,
  type CheckStatus,
  type ConformanceOptions,
  type ConformanceReport,
  checks,
  type RecordedCall,
  runConformance,
  type UserPlan,
} from "./conformance.js";
export { DpaContract, type DpaOperation, type ResponseCheck } from "./dpa-validator.js";
export { type Clock, createSigner, type GtafSigner, type SignerOptions } from "./keys.js";
export {
  DEMO_REGISTERED_MSISDNS,
  type GtafMockConfig,
  loadConfig,
  type StartedMock,
  start,
  startGtafMock,
} from "./main.js";
export {
  BoundedMap,
  GtafMock,
  type GtafMockOptions,
  type Logger,
  notificationsFor,
  type OAuthClient,
  parseRetryAfter,
  type ServiceAccount,
} from "./mock.js";
export { ExchangeRecorder, exchangeOf, MAX_RECORDED_BODY, recordableBody } from "./recorder.js";
export { formatTable, progressLine, renderHtml, writeReports } from "./report.js";
