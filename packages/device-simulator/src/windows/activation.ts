// MobilePlansActivationError members (the bridge's `activationResult`), UWP ESimOperationStatus names (the LPA's own
// status, sent as X-MP-LPAError-Codes), and the one table from SGP.22 status codes to them.
import type { Sgp22Code } from "@carrierkit/es2plus";
import { portalBridgeSpec } from "@carrierkit/portal-bridge";

/** The 31 MobilePlansActivationError members, in the bridge spec's order. */
export const ACTIVATION_ERROR_MEMBERS = [
  "success",
  "notAuthorized",
  "notFound",
  "policyViolation",
  "insufficientSpaceOnCard",
  "serverFailure",
  "serverNotReachable",
  "timeoutWaitingForUserConsent",
  "incorrectConfirmationCode",
  "confirmationCodeMaxRetriesExceeded",
  "cardRemoved",
  "cardBusy",
  "other",
  "cardGeneralFailure",
  "confirmationCodeMissing",
  "invalidMatchingId",
  "noEligibleProfileForThisDevice",
  "operationAborted",
  "eidMismatch",
  "profileNotAvailableForNewBinding",
  "profileNotReleasedByOperator",
  "operationProhibitedByProfileClass",
  "profileNotPresent",
  "noCorrespondingRequest",
  "unknownError",
  "lpaInitializationError",
  "modemNotFound",
  "localSettingsAccessFailed",
  "invalidJson",
  "invalidActivationCode",
  "invalidIccid",
] as const;
export type ActivationErrorMember = (typeof ACTIVATION_ERROR_MEMBERS)[number];

/** UWP `Windows.Networking.NetworkOperators.ESimOperationStatus` members (declaration order). */
export const ESIM_OPERATION_STATUSES = [
  "Success",
  "NotAuthorized",
  "NotFound",
  "PolicyViolation",
  "InsufficientSpaceOnCard",
  "ServerFailure",
  "ServerNotReachable",
  "TimeoutWaitingForUserConsent",
  "IncorrectConfirmationCode",
  "ConfirmationCodeMaxRetriesExceeded",
  "CardRemoved",
  "CardBusy",
  "Other",
  "CardGeneralFailure",
  "ConfirmationCodeMissing",
  "InvalidMatchingId",
  "NoEligibleProfileForThisDevice",
  "OperationAborted",
  "EidMismatch",
  "ProfileNotAvailableForNewBinding",
  "ProfileNotReleasedByOperator",
  "OperationProhibitedByProfileClass",
  "ProfileNotPresent",
  "NoCorrespondingRequest",
  "TimeoutWaitingForResponse",
  "IccidAlreadyExists",
  "ProfileProcessingError",
  "ServerNotTrusted",
  "ProfileDownloadMaxRetriesExceeded",
] as const;
export type EsimOperationStatus = (typeof ESIM_OPERATION_STATUSES)[number];

type XMember = { member: string; value: string };
const xMembers = (
  portalBridgeSpec.schemas["mobile-plans.schema.json"] as { $defs: Record<string, { "x-members"?: XMember[] }> }
).$defs.MobilePlansActivationError?.["x-members"];
const VALUES = new Map((xMembers ?? []).map((m) => [m.member, m.value]));
for (const m of ACTIVATION_ERROR_MEMBERS)
  if (!VALUES.has(m)) throw new Error(`specs/portal-bridge has no MobilePlansActivationError member ${m}`);

/** The string the bridge carries for a member (x-members of MobilePlansActivationError in specs/portal-bridge). */
export function activationResultValue(member: ActivationErrorMember): string {
  return VALUES.get(member)!;
}

/**
 * The activation result of an LPA status. The first 24 statuses are the first 24 members (same order, camelCase);
 * the five statuses Mobile Plans has no member for are our choice: TimeoutWaitingForResponse → serverNotReachable,
 * ServerNotTrusted → notAuthorized, ProfileProcessingError → cardGeneralFailure, IccidAlreadyExists and
 * ProfileDownloadMaxRetriesExceeded → other.
 */
export function memberOfStatus(status: EsimOperationStatus): ActivationErrorMember {
  switch (status) {
    case "TimeoutWaitingForResponse":
      return "serverNotReachable";
    case "ServerNotTrusted":
      return "notAuthorized";
    case "ProfileProcessingError":
      return "cardGeneralFailure";
    case "IccidAlreadyExists":
    case "ProfileDownloadMaxRetriesExceeded":
      return "other";
    default:
      return (status.charAt(0).toLowerCase() + status.slice(1)) as ActivationErrorMember;
  }
}

/** SGP.22 status codes of a failed ES9+ function → the LPA's status (SGP.22 v2.5 §5.6 tables). */
export const SGP22_TO_STATUS: Partial<Record<Sgp22Code, EsimOperationStatus>> = {
  eidUnknown: "NotFound",
  euiccCertificateInvalid: "NotAuthorized",
  euiccSignatureInvalid: "NotAuthorized",
  matchingIdRefused: "InvalidMatchingId",
  eidRefused: "EidMismatch",
  iccidInUse: "ProfileNotAvailableForNewBinding",
  profileNotReleased: "ProfileNotReleasedByOperator",
  noEligibleProfile: "NoEligibleProfileForThisDevice",
  downloadRetriesExceeded: "ProfileDownloadMaxRetriesExceeded",
  confirmationCodeMissing: "ConfirmationCodeMissing",
  confirmationCodeRefused: "IncorrectConfirmationCode",
  confirmationCodeRetriesExceeded: "ConfirmationCodeMaxRetriesExceeded",
  transactionIdUnknown: "NoCorrespondingRequest",
  smdpAddressRefused: "ServerNotTrusted",
  executionError: "ServerFailure",
};
