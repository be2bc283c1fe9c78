import type { components, operations, paths } from "./generated/openapi.js";

export type { components, operations, paths };

type Schemas = components["schemas"];
export type PlanStatus = Schemas["PlanStatus"];
export type Plan = Schemas["Plan"];
export type PlanModule = Schemas["PlanModule"];
export type PlanOffer = Schemas["PlanOffer"];
export type Offer = Schemas["Offer"];
export type OfferInfo = Schemas["OfferInfo"];
export type OfferOptOutRequest = Schemas["OfferOptOutRequest"];
export type OfferOptOutStatus = Schemas["OfferOptOutStatus"];
export type Money = Schemas["Money"];
export type TransactionRequest = Schemas["TransactionRequest"];
export type TransactionResponse = Schemas["TransactionResponse"];
export type TransactionStatus = Schemas["TransactionStatus"];
export type SetConsentStatusRequest = Schemas["SetConsentStatusRequest"];
export type ConsentAction = Schemas["ConsentAction"];
export type EligibilityResponse = Schemas["EligibilityResponse"];
export type RegistrationRequest = Schemas["RegistrationRequest"];
export type RegistrationResponse = Schemas["RegistrationResponse"];
export type DpaStatus = Schemas["DpaStatus"];
export type DpaStatusEnum = Schemas["DpaStatusEnum"];
export type ErrorResponse = Schemas["ErrorResponse"];
export type ErrorCause = Schemas["ErrorCause"];
export type KeyType = Schemas["KeyType"];
export type PlanModuleTrafficCategory = Schemas["PlanModuleTrafficCategory"];
export type PlanCategory = Schemas["PlanCategory"];
export type BalanceLevel = Schemas["BalanceLevel"];
export type OperationId = keyof operations;

/** Every ErrorCause value, in spec order. */
export const errorCauses = [
  "ERROR_CAUSE_UNSPECIFIED",
  "INVALID_NUMBER",
  "INCOMPATIBLE_PLAN",
  "DUPLICATE_TRANSACTION",
  "BAD_REQUEST",
  "BAD_CPID",
  "BACKEND_FAILURE",
  "REQUEST_QUEUED",
  "USER_ROAMING",
  "USER_OPT_OUT",
  "SIM_RELOAD_REQUIRED",
  "TOO_MANY_REQUESTS",
  "PAYMENT_MISSING",
  "INVALID_IMSI",
  "INELIGIBLE_FOR_SERVICE",
  "SERVICE_UNAVAILABLE",
  "SERVICE_NOT_SUBSCRIBED",
  "ACCOUNT_SUSPENDED",
] as const satisfies readonly ErrorCause[];
