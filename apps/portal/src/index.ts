export { createPortalApp, type Logger, type PortalApp, type PortalAppOptions } from "./app.js";
export { BOOST_OFFERS, type BoostOffer, type BoostResult, BoostService, ensureBoostPlans } from "./boost.js";
export { cli, main } from "./cli.js";
export { loadConfig, type PortalConfig } from "./config.js";
export { start } from "./main.js";
export { FLOWS, type Flow, type LaunchParams, type Order, type Session, SessionCodec } from "./session.js";
