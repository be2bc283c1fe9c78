import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];
export type RequestHeader = Schemas["RequestHeader"];
export type ResponseHeader = Schemas["ResponseHeader"];
export type FunctionExecutionStatus = Schemas["FunctionExecutionStatus"];
export type StatusCodeData = Schemas["StatusCodeData"];
export type HeaderOnlyResponse = Schemas["HeaderOnlyResponse"];
export type ProfileClass = Schemas["ProfileClass"];
export type DownloadOrderRequest = Schemas["DownloadOrderRequest"];
export type DownloadOrderResponse = Schemas["DownloadOrderResponse"];
export type ConfirmOrderRequest = Schemas["ConfirmOrderRequest"];
export type ConfirmOrderResponse = Schemas["ConfirmOrderResponse"];
export type CancelOrderRequest = Schemas["CancelOrderRequest"];
export type ReleaseProfileRequest = Schemas["ReleaseProfileRequest"];
export type DeviceInfo = Schemas["DeviceInfo"];
export type InitiateAuthenticationRequest = Schemas["InitiateAuthenticationRequest"];
export type InitiateAuthenticationResponse = Schemas["InitiateAuthenticationResponse"];
export type ServerSigned1 = Schemas["ServerSigned1"];
export type EuiccSigned1 = Schemas["EuiccSigned1"];
export type EuiccCertificate = Schemas["EuiccCertificate"];
export type AuthenticateClientRequest = Schemas["AuthenticateClientRequest"];
export type AuthenticateClientResponse = Schemas["AuthenticateClientResponse"];
export type ProfileMetadata = Schemas["ProfileMetadata"];
export type SmdpSigned2 = Schemas["SmdpSigned2"];
export type EuiccSigned2 = Schemas["EuiccSigned2"];
export type GetBoundProfilePackageRequest = Schemas["GetBoundProfilePackageRequest"];
export type GetBoundProfilePackageResponse = Schemas["GetBoundProfilePackageResponse"];
export type HandleNotificationRequest = Schemas["HandleNotificationRequest"];
export type CancelSessionRequest = Schemas["CancelSessionRequest"];
export type CancelSessionReason = CancelSessionRequest["euiccCancelSessionSigned"]["reason"];
export type HandleDownloadProgressInfoRequest = Schemas["HandleDownloadProgressInfoRequest"];

/** The path prefix of every ES2+ function. */
export const ES2PLUS_ROOT = "/gsma/rsp2/es2plus";
/** The path prefix of every ES9+ function. */
export const ES9PLUS_ROOT = "/gsma/rsp2/es9plus";
/** The `X-Admin-Protocol` header value of SGP.22 v2 requests and responses (§6.5.1). */
export const ADMIN_PROTOCOL = "gsma/rsp/v2.5.0";

/**
 * The SGP.22 v2.5 status codes this subset uses: `[subjectCode, reasonCode]` pairs (§5.2.6.1 subject codes, §5.2.6.2
 * reason codes), named after the condition of the function tables (§5.3 ES2+, §5.6 ES9+) that returns them.
 */
export const SGP22 = {
  /** 1.3.1 Protocol Format / 2.1 Invalid: the body is not JSON or not of this document's shape. */
  invalidRequest: ["1.3.1", "2.1"],
  /** 1.3.1 Protocol Format / 2.2 Mandatory Element Missing. */
  missingElement: ["1.3.1", "2.2"],
  /** 1.1 Function Requester / 1.1 Unknown (Identification or Authentication): not authenticated. */
  requesterUnknown: ["1.1", "1.1"],
  /** 1.6 Function / 3.9 Unknown: no such function. */
  unknownFunction: ["1.6", "3.9"],
  /** 1.2 Function Provider / 4.2 Execution Error: an unexpected server error. */
  executionError: ["1.2", "4.2"],
  /** 8.1.1 EID / 2.1 Invalid. */
  eidInvalid: ["8.1.1", "2.1"],
  /** 8.1.1 EID / 3.8 Refused: the profile is bound to another EID. */
  eidRefused: ["8.1.1", "3.8"],
  /** 8.1.1 EID / 3.9 Unknown: no order for this eUICC (download by EID). */
  eidUnknown: ["8.1.1", "3.9"],
  /** 8.1.1 EID / 3.10 Invalid Association: another EID is linked to the ICCID. */
  eidInvalidAssociation: ["8.1.1", "3.10"],
  /** 8.1 eUICC / 6.1 Verification Failed: the eUICC signature does not verify. */
  euiccSignatureInvalid: ["8.1", "6.1"],
  /** 8.1.3 eUICC Certificate / 6.1 Verification Failed: not the key registered for this EID. */
  euiccCertificateInvalid: ["8.1.3", "6.1"],
  /** 8.2 Profile / 1.2 Not Allowed: the profile has not been released. */
  profileNotReleased: ["8.2", "1.2"],
  /** 8.2.1 Profile ICCID / 2.2 Mandatory Element Missing. */
  iccidMissing: ["8.2.1", "2.2"],
  /** 8.2.1 Profile ICCID / 3.3 Already in Use: not available (e.g. already downloaded). */
  iccidInUse: ["8.2.1", "3.3"],
  /** 8.2.1 Profile ICCID / 3.5 Invalid Transition: the profile is in the wrong state for this function. */
  iccidInvalidTransition: ["8.2.1", "3.5"],
  /** 8.2.1 Profile ICCID / 3.9 Unknown. */
  iccidUnknown: ["8.2.1", "3.9"],
  /** 8.2.5 Profile Type / 3.7 Unavailable: no profile of that type left. */
  profileTypeUnavailable: ["8.2.5", "3.7"],
  /** 8.2.5 Profile Type / 3.8 Refused: the type does not match the ICCID's profile. */
  profileTypeMismatch: ["8.2.5", "3.8"],
  /** 8.2.5 Profile Type / 3.9 Unknown. */
  profileTypeUnknown: ["8.2.5", "3.9"],
  /** 8.2.5 Profile Type / 4.3 Stopped on Warning: no eligible profile for this eUICC/device. */
  noEligibleProfile: ["8.2.5", "4.3"],
  /** 8.2.6 Matching ID / 2.1 Invalid. */
  matchingIdInvalid: ["8.2.6", "2.1"],
  /** 8.2.6 Matching ID / 3.3 Already in Use. */
  matchingIdInUse: ["8.2.6", "3.3"],
  /** 8.2.6 Matching ID / 3.8 Refused: unknown matching id. */
  matchingIdRefused: ["8.2.6", "3.8"],
  /** 8.2.6 Matching ID / 3.10 Invalid Association. */
  matchingIdInvalidAssociation: ["8.2.6", "3.10"],
  /** 8.2.7 Confirmation Code / 2.1 Invalid. */
  confirmationCodeInvalid: ["8.2.7", "2.1"],
  /** 8.2.7 Confirmation Code / 2.2 Mandatory Element Missing. */
  confirmationCodeMissing: ["8.2.7", "2.2"],
  /** 8.2.7 Confirmation Code / 3.8 Refused. */
  confirmationCodeRefused: ["8.2.7", "3.8"],
  /** 8.2.7 Confirmation Code / 6.4 Maximum number of attempts exceeded. */
  confirmationCodeRetriesExceeded: ["8.2.7", "6.4"],
  /** 8.8.1 SM-DP+ Address / 3.8 Refused. */
  smdpAddressRefused: ["8.8.1", "3.8"],
  /** 8.8.3 SVN / 3.1 Unsupported. */
  svnUnsupported: ["8.8.3", "3.1"],
  /** 8.8.5 Download order / 6.4 Maximum number of attempts exceeded. */
  downloadRetriesExceeded: ["8.8.5", "6.4"],
  /** 8.8.5 Download order / 3.8 Refused: CancelSession endUserRejection / postponed / timeout. */
  downloadOrderRefused: ["8.8.5", "3.8"],
  /** 8.2.8 PPR / 1.2 Not Allowed: CancelSession pprNotAllowed. */
  pprNotAllowed: ["8.2.8", "1.2"],
  /** 8.2.9 Profile Metadata / 3.11 Value has Changed: CancelSession metadataMismatch. */
  metadataMismatch: ["8.2.9", "3.11"],
  /** 8.2.10 Bound Profile Package / 4.2 Execution Error: CancelSession loadBppExecutionError. */
  loadBppExecutionError: ["8.2.10", "4.2"],
  /** 8 / 4.2: CancelSession undefinedReason. */
  undefinedReason: ["8", "4.2"],
  /** 8.10.1 TransactionId / 3.9 Unknown. */
  transactionIdUnknown: ["8.10.1", "3.9"],
} as const satisfies Record<string, readonly [string, string]>;
export type Sgp22Code = keyof typeof SGP22;

/** A successful response header. */
export function executed(status: "Executed-Success" | "Executed-WithWarning" = "Executed-Success"): ResponseHeader {
  return { functionExecutionStatus: { status } };
}

/** A failed response header with the named SGP.22 status code. */
export function failed(code: Sgp22Code, message?: string, subjectIdentifier?: string): ResponseHeader {
  const [subjectCode, reasonCode] = SGP22[code];
  return {
    functionExecutionStatus: {
      status: "Failed",
      statusCodeData: {
        subjectCode,
        reasonCode,
        ...(subjectIdentifier ? { subjectIdentifier } : {}),
        ...(message ? { message } : {}),
      },
    },
  };
}

/** True when a response's function executed (with or without a warning). */
export function isExecuted(body: { header: ResponseHeader }): boolean {
  const s = body.header.functionExecutionStatus.status;
  return s === "Executed-Success" || s === "Executed-WithWarning";
}

/** The named code of a status code pair, when this subset knows it. */
export function codeName(data: Pick<StatusCodeData, "subjectCode" | "reasonCode"> | undefined): Sgp22Code | undefined {
  if (!data) return undefined;
  for (const [name, [s, r]] of Object.entries(SGP22))
    if (s === data.subjectCode && r === data.reasonCode) return name as Sgp22Code;
  return undefined;
}
