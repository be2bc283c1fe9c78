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
  capabilityOfAppId,
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
export {
  ACTIVATION_ERROR_MEMBERS,
  type ActivationErrorMember,
  activationResultValue,
  ESIM_OPERATION_STATUSES,
  type EsimOperationStatus,
  memberOfStatus,
  SGP22_TO_STATUS,
} from "./windows/activation.js";
export { smdpBaseUrl } from "./windows/activation-code.js";
export { refusalResult, registrationValue } from "./windows/bridge-values.js";
export {
  type DownloadToast,
  WindowsDevice,
  type WindowsDeviceOptions,
  type WindowsUser,
} from "./windows/device.js";
export { type CardFaults, Euicc, type EuiccOptions, type InstalledProfile } from "./windows/euicc.js";
export * from "./windows/flyout.js";
export {
  type DownloadOutcome,
  type DownloadProgress,
  type DownloadRequest,
  Lpa,
  type LpaOptions,
  type ParsedActivationCode,
  parseActivationCode,
} from "./windows/lpa.js";
export type {
  CardPort,
  CardProfile,
  DownloadOrder,
  DownloadProgressEvent,
  DownloadResult,
  LpaPort,
} from "./windows/lpa-port.js";
export {
  CellularNetwork,
  HOME_NETWORK,
  isRegistered,
  REGISTRATION_STATES,
  type RegistrationChange,
  type RegistrationScript,
  type RegistrationState,
} from "./windows/network.js";
export { MobilePlansOperations, type PendingDownload } from "./windows/operations.js";
export { openPortalSession, type PortalSession, type PortalSessionOptions } from "./windows/portal-host.js";
export {
  DEMO_MSISDN,
  type FinishPageData,
  finish,
  finishPageData,
  PORTAL_FLOWS,
  type PortalFlow,
  type PortalPurchase,
  PortalScriptError,
  signInAndCancel,
  signInAndPay,
} from "./windows/reference-portal.js";
export { metadataOf, metadataProblems, type PurchaseRecord, purchaseRecord } from "./windows/report.js";
export { resolvingFetch } from "./windows/resolver.js";
export {
  checkServiceConfiguration,
  formatLpaTimestamp,
  type IccidRange,
  inIccidRanges,
  isLoopbackHost,
  type LaunchIdentity,
  type LpaErrorRecord,
  launchUrl,
  lpaErrorHeaders,
  newTransactionId,
  registrationSlotMinutes,
  type ServiceConfiguration,
  ServiceConfigurationError,
} from "./windows/service-config.js";
