// @carrierkit/device-simulator: the simulated Android and Windows devices, the simulated network and SM-DP+.

export {
  CARRIER_CONFIG_DEFAULTS,
  CARRIER_CONFIG_KEYS,
  type CarrierConfig,
  CarrierConfigError,
  type CarrierConfigKey,
  carrierConfig,
  carrierConfigKey,
  parseCarrierConfigOverride,
} from "./android/carrier-config.js";
export * from "./android/connectivity/index.js";
export {
  AndroidDevice,
  type AndroidDeviceOptions,
  DEFAULT_RADIO,
  DEFAULT_SETTINGS,
  type DeviceSettings,
  type DeviceStep,
  pageMethod,
  persistedUsimState,
  postBody,
  type RadioState,
  type Rat,
} from "./android/device.js";
export {
  AOSP_SLICING_ACCEPT,
  type EntitlementCheck,
  type EntitlementChecker,
  type PremiumNetworkEntitlementResponse,
  parseEntitlementBody,
  Ts43EntitlementChecker,
  type Ts43EntitlementCheckerOptions,
} from "./android/entitlement.js";
export {
  acceptingUser,
  closingUser,
  type NotificationAction,
  type NotificationResponse,
  presetUser,
  type SimulatedUser,
  scriptedUser,
  type UpsellNotification,
} from "./android/notification.js";
export type { UePolicySource } from "./android/policy-source.js";
export {
  type CapResetRule,
  type ContentsTypeForms,
  DEVICE_PROFILES,
  type DeviceProfile,
  decideGa,
  decideQpr1,
  deviceProfile,
  ENTITLEMENT_STATUS,
  type EntitlementDecision,
  FAILURE_CODES_GA,
  FAILURE_CODES_QPR1,
  type FailureCodeTable,
  PROV_STATUS,
  UnknownProfileError,
} from "./android/profiles.js";
export {
  bridgeRuntimeScript,
  ChromiumPurchasePages,
  type PageOutcome,
  type PurchasePageLauncher,
  type PurchasePageRequest,
  type PurchasePageSession,
  type RuntimeScriptSource,
} from "./android/purchase-page.js";
export {
  backoffAfter,
  PREMIUM_CAPABILITY_PRIORITIZE_LATENCY,
  PURCHASE_RESULTS,
  type PurchaseResult,
  type PurchaseResultCode,
  type PurchaseResultName,
  purchaseResult,
  purchaseResultName,
} from "./android/results.js";
export {
  type AllowedSlice,
  activatingRule,
  capabilityAppId,
  capabilitySliceTypes,
} from "./android/slicing-config.js";
export {
  type DeviceStateData,
  DeviceStateError,
  type DeviceStateStore,
  emptyDeviceState,
  JsonFileDeviceState,
  MemoryDeviceState,
  type ThrottleRecord,
  validateDeviceState,
} from "./android/state.js";
export { countingPeriod, nextReset } from "./android/throttle.js";
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
export * from "./windows/flyout.js";
