export {
  type CancelOutcome,
  proRataRefund,
  type SubscriptionCancellation,
  SubscriptionCancellations,
} from "./cancellation.js";
export { type Clock, systemClock } from "./clock.js";
export { incompatibility, newConfirmationCode, OperatorCore, type PurchaseRequest } from "./core.js";
export {
  CPID_DEFAULT_TTL_SECONDS,
  CPID_MIN_TTL_SECONDS,
  type CpidClaims,
  CpidCodec,
  type CpidReading,
} from "./cpid.js";
export {
  big,
  bigOrNull,
  type Db,
  type Dialect,
  isStoreUnavailable,
  num,
  PostgresDb,
  type PostgresOptions,
  SqliteDb,
  type SqliteOptions,
  type SqlParam,
  StoreUnavailableError,
} from "./db.js";
export { type DataBoostState, EntitlementCore, type SimCredentials, SQN_IND_BITS } from "./entitlement.js";
export {
  activationCode,
  type DownloadProgressEvent,
  EsimInventory,
  type EsimProfile,
  type EsimState,
  isValidIccid,
  luhnCheckDigit,
  makeIccid,
  newMatchingId,
  profileOrder,
  type ReservationRequest,
  type SmdpStep,
} from "./esim.js";
export {
  type Es2plusOrders,
  EsimOrders,
  type EsimOrdersLogger,
  type EsimOrdersOptions,
  type SmdpAnswer,
  SmdpUnavailableError,
} from "./esim-orders.js";
export { type PurchaseGrant, PurchaseGrantCodec, type ReadGrant } from "./grant.js";
export { type Migration, migrate, migrations } from "./migrations.js";
export {
  demoMobilePlansSims,
  ESIM_STATES_OF_A_SUBSCRIBER,
  MobilePlansStore,
  type SimCard,
  type SimOwner,
  type SubscriptionBalance,
  seedMobilePlansDemo,
} from "./mobileplans.js";
export * from "./model.js";
export { formatAmount, fromMoney, type MoneyJson, NANOS_PER_UNIT, parseAmount, toMoney } from "./money.js";
export { type OpenStoreOptions, openStore } from "./open.js";
export {
  type GrantUse,
  IntentConflictError,
  joined,
  type PortalOrder,
  PortalStore,
  refundPurchase,
} from "./portal.js";
export {
  DEMO_OFFER_PAGES,
  type DemoData,
  demoPlans,
  demoSims,
  demoSubscribers,
  seedDemo,
  seedEntitlementDemo,
} from "./seed.js";
export { type RateDecision, SharedRateLimits, SharedSessions, type StoredSession } from "./shared-state.js";
