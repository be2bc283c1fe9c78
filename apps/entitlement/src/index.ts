export {
  createEntitlementApp,
  defaultEntitlementPolicy,
  type EntitlementApp,
  type EntitlementAppOptions,
} from "./app.js";
export { cli, main } from "./cli.js";
export { type EntitlementConfig, loadConfig } from "./config.js";
export {
  dataBoostParameters,
  INTERNET_SLICE,
  LATENCY_SLICE,
  PRIORITIZE_LATENCY,
  withLatencyRule,
} from "./data-boost.js";
export { start } from "./main.js";
export {
  type EapRoundOutcome,
  type EntitlementAnswer,
  type EntitlementParams,
  type EntitlementPolicy,
  EntitlementService,
} from "./service.js";
export {
  type EapSession,
  MemorySessionBackend,
  SESSION_COOKIE,
  type SessionBackend,
  SessionStore,
  sessionCookie,
} from "./sessions.js";
export { type PurchaseGrant, PurchaseGrantCodec, type ReadGrant } from "./user-data.js";
