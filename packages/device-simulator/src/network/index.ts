// @carrierkit/device-simulator/network: the simulated network functions (HTTP servers; express is an optional peer).
export {
  type AmfEvent,
  amfPortFromEnv,
  SimulatedAmf,
  type SimulatedAmfOptions,
  type SimulatedUe,
  type UeReachability,
} from "./amf.js";
export {
  type AttachedPhone,
  type AttachOptions,
  attachToSimulatedNetwork,
  DEMO_ALLOWED_NSSAI,
  servingPlmn,
} from "./attach.js";
