import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];
export type N1N2MessageTransferReqData = Schemas["N1N2MessageTransferReqData"];
export type N1N2MessageTransferRspData = Schemas["N1N2MessageTransferRspData"];
export type N1N2MessageTransferError = Schemas["N1N2MessageTransferError"];
export type N1N2MessageTransferCause = Schemas["N1N2MessageTransferCause"];
export type UeN1N2InfoSubscriptionCreateData = Schemas["UeN1N2InfoSubscriptionCreateData"];
export type UeN1N2InfoSubscriptionCreatedData = Schemas["UeN1N2InfoSubscriptionCreatedData"];
export type N1MessageNotification = Schemas["N1MessageNotification"];
export type N1MessageContainer = Schemas["N1MessageContainer"];
export type ProblemDetails = Schemas["ProblemDetails"];
export type InvalidParam = Schemas["InvalidParam"];

/** The media type of an N1 (NAS) binary part (TS 29.518 §6.1.2.1). */
export const NAS_MEDIA_TYPE = "application/vnd.3gpp.5gnas";
/** The media type of every 3GPP SBI error body (TS 29.500 §5.2.7). */
export const PROBLEM_MEDIA_TYPE = "application/problem+json";
/** The API's path prefix (`{apiRoot}/namf-comm/v1`). */
export const NAMF_COMM_ROOT = "/namf-comm/v1";

/**
 * Application error causes used by this subset: TS 29.500 Table 5.2.7.2-1 (protocol errors) and TS 29.518
 * Table 6.1.7.3-1 (Namf_Communication).
 */
export const NAMF_CAUSES = {
  INVALID_MSG_FORMAT: 400,
  MANDATORY_IE_INCORRECT: 400,
  MANDATORY_IE_MISSING: 400,
  INVALID_QUERY_PARAM: 400,
  MODIFICATION_NOT_ALLOWED: 403,
  CONTEXT_NOT_FOUND: 404,
  SUBSCRIPTION_NOT_FOUND: 404,
  RESOURCE_URI_STRUCTURE_NOT_FOUND: 404,
  TEMPORARY_REJECT_REGISTRATION_ONGOING: 409,
  TEMPORARY_REJECT_HANDOVER_ONGOING: 409,
  HIGHER_PRIORITY_REQUEST_ONGOING: 409,
  NF_CONGESTION_RISK: 429,
  SYSTEM_FAILURE: 500,
  NF_CONGESTION: 503,
  UE_NOT_REACHABLE: 504,
} as const;
export type NamfCause = keyof typeof NAMF_CAUSES;

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  411: "Length Required",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The HTTP reason phrase of a status (ProblemDetails `title`). */
export function statusTitle(status: number): string {
  return titles[status] ?? "Error";
}

/** The default application cause of a runtime rejection of that status, if TS 29.500 names one. */
export function defaultCause(status: number): string | undefined {
  if (status === 400) return "INVALID_MSG_FORMAT";
  if (status === 404) return "RESOURCE_URI_STRUCTURE_NOT_FOUND";
  if (status === 429) return "NF_CONGESTION_RISK";
  if (status === 500) return "SYSTEM_FAILURE";
  if (status === 503) return "NF_CONGESTION";
  return undefined;
}
