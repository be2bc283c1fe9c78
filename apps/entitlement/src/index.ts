export {
  createEntitlementApp,
  defaultEntitlementPolicy,
  type EntitlementApp,
  type EntitlementAppOptions,
} from "./app.js";
export { cli, main } from "./cli.js";
export { type EntitlementConfig, loadConfig, type PcfConfig, parseSlice } from "./config.js";
export {
  dataBoostParameters,
  INTERNET_SLICE,
  LATENCY_SLICE,
  PRIORITIZE_LATENCY,
  type SliceId,
  withLatencyRule,
} from "./data-boost.js";
export { start } from "./main.js";
export { deliveryView, pcfNotifyRouter } from "./pcf/routes.js";
export { type PcfLogger, type PcfOptions, PcfStandIn, plmnOfImsi } from "./pcf/stand-in.js";
export { type DeliveryState, type RejectResults, type UrspDelivery, UrspDeliveryStore } from "./pcf/store.js";
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
