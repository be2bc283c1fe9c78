// @carrierkit/device-simulator/network: the simulated network functions (HTTP servers; express is an optional peer).
export {
  type AmfEvent,
  amfPortFromEnv,
  SimulatedAmf,
  type SimulatedAmfOptions,
  type SimulatedUe,
  type UeReachability,
} from "./amf.js";
