export { createPortalApp, type Logger, type PortalApp, type PortalAppOptions } from "./app.js";
export {
  BOOST_OFFERS,
  type BoostFailure,
  type BoostOffer,
  type BoostResult,
  BoostService,
  ensureBoostPlans,
} from "./boost.js";
export { cli, main } from "./cli.js";
export {
  DEMO_SMDP_NOTIFICATION_TOKEN,
  DEMO_SMDP_URL,
  loadConfig,
  type PortalConfig,
} from "./config.js";
export { esc, Html, html, trusted } from "./html.js";
export { start } from "./main.js";
export { CheckoutRefused, CheckoutService } from "./service.js";
export {
  DEFAULT_SESSION_POLICY,
  FLOWS,
  type Flow,
  type LaunchParams,
  type Order,
  type Session,
  SessionCodec,
  type SessionPolicy,
} from "./session.js";
export {
  downloadProgressReceiver,
  es2plusOrders,
  notificationAuth,
  progressEvent,
  type SmdpSettings,
} from "./smdp.js";
