// @carrierkit/device-simulator: the simulated Android and Windows devices, the simulated network and SM-DP+.

export * from "./android/connectivity/index.js";
export { type DeviceClock, type DeviceTimer, SimulatedClock, systemDeviceClock } from "./clock.js";
