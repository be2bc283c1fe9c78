import type { components, operations, paths } from "./generated/openapi.js";

export type { components, operations, paths };

type Schemas = components["schemas"];
export type PlanStatus = Schemas["PlanStatus"];
export type PlanOffer = Schemas["PlanOffer"];
export type TransactionResponse = Schemas["TransactionResponse"];
export type ErrorCause = Schemas["ErrorCause"];
export type KeyType = Schemas["KeyType"];
export type GoogleStatus = Schemas["GoogleStatus"];
export type GtafErrorBody = Schemas["GtafError"];
export type NotificationType = Schemas["NotificationType"];
export type PlanStatusPushResponse = Schemas["PlanStatusPushResponse"];
export type TokenRequest = Schemas["TokenRequest"];
export type TokenResponse = Schemas["TokenResponse"];
export type OAuthError = Schemas["OAuthError"];
export type Jwks = Schemas["Jwks"];
export type PurchaseStart = Schemas["PurchaseStart"];
export type PurchaseState = Schemas["PurchaseState"];
export type PurchaseAttempt = Schemas["PurchaseAttempt"];
export type PurchaseRecord = Schemas["PurchaseRecord"];
export type RegistrationStart = Schemas["RegistrationStart"];
export type Registration = Schemas["Registration"];
export type Exchange = Schemas["Exchange"];
export type ExchangeList = Schemas["ExchangeList"];
export type StatusPoll = Schemas["StatusPoll"];
export type MockState = Schemas["MockState"];
export type OperationId = keyof operations;

/** The JWT-bearer grant type of RFC 7523 (Google's service-account flow). */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** The OAuth scope of Google's Mobile Data Plan Sharing API. */
export const DATA_PLAN_SHARING_SCOPE = "https://www.googleapis.com/auth/dataplansharing";

/** google.rpc.Code name for an HTTP status, as documented in the spec's `GoogleStatus`. */
export function googleStatusOf(httpStatus: number): GoogleStatus {
  switch (httpStatus) {
    case 400:
    case 413:
    case 415:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 402:
    case 410:
      return "FAILED_PRECONDITION";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "ABORTED";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 501:
      return "UNIMPLEMENTED";
    case 502:
    case 503:
      return "UNAVAILABLE";
    case 504:
      return "DEADLINE_EXCEEDED";
    default:
      return httpStatus >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
  }
}
