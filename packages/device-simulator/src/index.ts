// @carrierkit/device-simulator: the simulated Android and Windows devices, the simulated network and SM-DP+.

export type { UePolicySource } from "./android/policy-source.js";
export {
  type AppliedInstruction,
  type FailedInstruction,
  type UePolicyOutcome,
  type UePolicyResult,
  type UePolicySection,
  UePolicyStore,
  UePolicyStoreFileError,
  type UePolicyStoreOptions,
} from "./android/ue-policy.js";
export { type DeviceClock, type DeviceTimer, SimulatedClock, systemDeviceClock } from "./clock.js";
// The simulated network (an express server) is the "./network" entry: @carrierkit/device-simulator/network.
