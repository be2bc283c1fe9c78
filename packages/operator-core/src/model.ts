/** Operator domain model (storage-independent). Money is integer nanos; times are epoch milliseconds. */

export type AccountType = "PREPAID" | "POSTPAID";

export interface Subscriber {
  id: string;
  /** E.164 without "+". */
  msisdn: string;
  displayName: string;
  accountType: AccountType;
  /** BCP 47 preferred language. */
  language: string;
  roaming: boolean;
  /** The user disabled plan queries (by Google) while roaming. */
  roamingQueriesDisabled: boolean;
  /** The user opted in to sharing plan information with Google. */
  sharingConsent: boolean;
  consentAt: number | null;
  suspended: boolean;
  createdAt: number;
}

export interface PlanTexts {
  name: string;
  description: string;
  promo?: string;
  moduleName?: string;
  /** The text shown with the offer's more-info link (offerInfo.promoMessage); the DPA has a default. */
  moreInfo?: string;
}

/**
 * What an offer's `offerInfo` carries: the operator's page about the offer, where the user can also choose to
 * receive no further in-app offers, and the operator's brand.
 */
export interface OfferInfoEntry {
  moreInfoUrl: string;
  operatorBrandName?: string;
  operatorLogoUrl?: string;
}

/** A user's choice about in-app offers; `actionAt` null: never chose (offers are shown). */
export interface OfferPreference {
  optedOut: boolean;
  actionAt: number | null;
}

export interface CatalogPlan {
  id: string;
  category: AccountType;
  /** Plans of one group cannot be held at once (e.g. two base plans). */
  exclusiveGroup: string | null;
  currency: string;
  priceNanos: bigint;
  durationSeconds: bigint;
  quotaBytes: bigint | null;
  trafficCategories: string[];
  maxRateKbps: bigint | null;
  /** YouTube's rate-limited streaming ceiling, when the plan has one. */
  mediaRateKbps: number | null;
  overusagePolicy: string;
  refreshPeriod: string;
  /** `queued`: the operator provisions it asynchronously (a worker processes it). */
  fulfilment: "immediate" | "queued";
  /** Google clients offered this plan; null = every client. */
  clients: string[] | null;
  displayRank: number;
  offered: boolean;
  /** Texts per BCP 47 language. */
  texts: Record<string, PlanTexts>;
  /** Sent as the offer's `offerInfo` (absent or null: none). */
  offerInfo?: OfferInfoEntry | null;
}

export interface Wallet {
  subscriberId: string;
  currency: string;
  balanceNanos: bigint;
}

export interface Subscription {
  id: number;
  subscriberId: string;
  planId: string;
  transactionId: string | null;
  activatedAt: number;
  expiresAt: number;
  quotaBytes: bigint | null;
  usedBytes: bigint;
}

export type TransactionState = "PROCESSING" | "QUEUED" | "SUCCEEDED" | "FAILED";
export type PurchaseFailure = "UNKNOWN_PLAN" | "INCOMPATIBLE_PLAN" | "INSUFFICIENT_BALANCE" | "ACCOUNT_SUSPENDED";
export type CallbackState = "none" | "pending" | "delivered" | "failed";

export interface TransactionRecord {
  transactionId: string;
  subscriberId: string;
  planId: string;
  status: TransactionState;
  failure: PurchaseFailure | null;
  offerContext: string | null;
  callbackUrl: string | null;
  clientId: string | null;
  language: string;
  confirmationCode: string | null;
  chargedNanos: bigint | null;
  currency: string | null;
  balanceAfterNanos: bigint | null;
  activatedAt: number | null;
  callbackState: CallbackState;
  callbackAttempts: number;
  callbackNextAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type PurchaseOutcome =
  | { kind: "succeeded"; transaction: TransactionRecord }
  | { kind: "queued"; transaction: TransactionRecord }
  | { kind: "failed"; transaction: TransactionRecord; failure: PurchaseFailure }
  | { kind: "duplicate"; transaction: TransactionRecord };

export interface LedgerEntry {
  id: number;
  subscriberId: string;
  transactionId: string | null;
  kind: "TOP_UP" | "PURCHASE" | "BILL_CHARGE";
  amountNanos: bigint;
  currency: string;
  balanceAfterNanos: bigint | null;
  createdAt: number;
}

export interface Registration {
  msisdn: string;
  subscriberId: string;
  expiresAt: number;
  createdAt: number;
}

export type ConsentDecision = "OPT_IN" | "OPT_OUT";
