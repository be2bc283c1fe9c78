// Generated from specs/portal-bridge/bridges.json, specs/portal-bridge/data-boost.schema.json, specs/portal-bridge/mobile-plans.schema.json by @carrierkit/portal-bridge (npm run generate -w @carrierkit/portal-bridge).
// Do not edit: change the specs and regenerate; test/drift.test.ts fails when this file no longer matches them.
//
// Add to a portal's tsconfig: "types": ["@carrierkit/portal-bridge/globals"] (or a triple-slash reference).
// Canonical forms only; the runtime also accepts the documented aliases (marked @deprecated) and warns about them.

// ----------------------------------------------------------------------------------------------------
// Windows Mobile Plans (mobile-plans.schema.json)

/** How the user's account was reached in the portal flow. Decision (conflict: the property tables write the values capitalised, `"userAccount": "New"`, while sample code uses the camelCase members `MobilePlansUserAccount.new`): the canonical string is the capitalised value of the JSON examples (the current page's table example column, the legacy page's payload `purchaseResult`), so `MobilePlansUserAccount.new === "New"`. Reason: it is the only literal value the documents ever print, it is what the legacy JSON payload carries, and the same rule (member name with an upper-case first letter) then fits every Mobile Plans enum. A literal written as the member name (`"new"`) or in any other case is accepted, canonicalised and reported as an alias. */
type MobilePlansUserAccount = "New" | "Existing" | "Bailed" | "None";

/** The means of payment used. Same values and casing decision as MobilePlansUserAccount. The current API page copies the userAccount descriptions here by mistake; the member descriptions follow the legacy page (its payload table), which describes payment methods. */
type MobilePlansPurchaseInstrument = "New" | "Existing" | "Bailed" | "None";

/** Whether a line was added. Same casing decision as MobilePlansUserAccount. The metadata property holding it is `line` (see PurchaseMetaData for the `lineType` alias). */
type MobilePlansLineType = "New" | "Existing" | "Bailed" | "None";

/** Outcome of the portal flow. Same casing decision as MobilePlansUserAccount (`"moDirectStatus": "Complete"`). The documented list has seven values (current page; in its zh-CN and ja-JP machine translations the BillingError item lost its `<li>` and the zh-CN one renders ClientError as "microsoft.relay" — the value list is still these seven). Decision on the two values outside that list: `Cancelled` is used by every notifyCancelledPurchase sample (`MobilePlansMoDirectStatus.cancelled`) and `None` is listed by the legacy payload table ("ended without a specific error"); both are accepted because real portals copy those samples, and each use is reported as an `undocumented-value` warning because the current value list does not contain them. */
type MobilePlansMoDirectStatus = "Complete" | "ServiceError" | "InvalidSIM" | "LogOnFailed" | "PurchaseFailed" | "ClientError" | "BillingError" | "Cancelled" | "None";

/** Network registration state carried by ProfileRegistrationCompleteArgs. The documents never print the string values (samples compare with the enum members). Decision: the same rule as the purchase-metadata enums, member name with an upper-case first letter (`MobilePlansNetworkRegistrationState.home === "Home"`), which also equals the member names of the UWP `NetworkRegistrationState` enum the seven members mirror. UNCONFIRMED against a real Mobile Plans app; other casings are accepted as aliases. */
type MobilePlansNetworkRegistrationState = "None" | "Deregistered" | "Searching" | "Home" | "Roaming" | "Partner" | "Denied";

/** Result carried by ProfileActivationCompleteArgs. The documents never print the string values. Decision: member name with an upper-case first letter (`MobilePlansActivationError.success === "Success"`), as for the other Mobile Plans enums; the first 24 values then equal, in order, the first 24 member names of UWP `ESimOperationStatus` (the names the app also sends in `X-MP-LPAError-Codes`), the last 7 are app-specific. UNCONFIRMED against a real Mobile Plans app; other casings are accepted as aliases. */
type MobilePlansActivationError = "Success" | "NotAuthorized" | "NotFound" | "PolicyViolation" | "InsufficientSpaceOnCard" | "ServerFailure" | "ServerNotReachable" | "TimeoutWaitingForUserConsent" | "IncorrectConfirmationCode" | "ConfirmationCodeMaxRetriesExceeded" | "CardRemoved" | "CardBusy" | "Other" | "CardGeneralFailure" | "ConfirmationCodeMissing" | "InvalidMatchingId" | "NoEligibleProfileForThisDevice" | "OperationAborted" | "EidMismatch" | "ProfileNotAvailableForNewBinding" | "ProfileNotReleasedByOperator" | "OperationProhibitedByProfileClass" | "ProfileNotPresent" | "NoCorrespondingRequest" | "UnknownError" | "LpaInitializationError" | "ModemNotFound" | "LocalSettingsAccessFailed" | "InvalidJson" | "InvalidActivationCode" | "InvalidIccid";

/** Metadata about the user's purchase, created by `MobilePlans.createPurchaseMetaData()` and used for business reporting. `moDirectStatus` and `planName` are required; `planName` is non-empty exactly when `moDirectStatus` is Complete. Decision on property names (conflict: every sample writes `modirectStatus` and most write `lineType`, while the property tables and the legacy JSON payload name them `moDirectStatus` and `line`): the table names are canonical, because they are the documented contract and the names the legacy JSON payload carries; `modirectStatus` and `lineType` are accepted, renamed and reported as aliases. Setting both spellings of one property to different values is refused. Unknown properties are refused (they are almost always misspellings). */
interface MobilePlansPurchaseMetaData {
  /** How the user's account was reached in the portal flow */
  userAccount?: MobilePlansUserAccount;
  /** The means of payment used */
  purchaseInstrument?: MobilePlansPurchaseInstrument;
  /** Whether a line was added */
  line?: MobilePlansLineType;
  /** Outcome of the portal flow */
  moDirectStatus: MobilePlansMoDirectStatus;
  /** Name of the purchased plan: a descriptive, non-empty name for a successful transaction (`moDirectStatus` Complete) and the empty string otherwise (current page) */
  planName: string;
  /** @deprecated Alias of `moDirectStatus`: accepted, renamed and reported as a warning. */
  modirectStatus?: MobilePlansMoDirectStatus;
  /** @deprecated Alias of `line`: accepted, renamed and reported as a warning. */
  lineType?: MobilePlansLineType;
}

/** Returned by `notifyProfileDownload` and `notifyBalanceAddition` of MobilePlansInlineOperations: `Id` is a unique identifier the app creates for the operation (capital `I`, as documented). The portal passes the object back to `notifyOperationCancel`. */
interface MobilePlansOperationContext {
  /** Unique id created by the app for the operation. */
  Id: string;
}

/**
 * The `purchaseResult` of the legacy DataMart payload: PurchaseMetaData with every property required (legacy page: "this field is required" for each), carried as a JSON string inside the payload.
 * Travels as a JSON string: `JSON.parse` the argument you receive.
 */
interface MobilePlansDataMartPurchaseResult {
  /** How the user's account was reached in the portal flow */
  userAccount: MobilePlansUserAccount;
  /** The means of payment used */
  purchaseInstrument: MobilePlansPurchaseInstrument;
  /** Whether a line was added */
  line: MobilePlansLineType;
  /** Outcome of the portal flow */
  moDirectStatus: MobilePlansMoDirectStatus;
  /** Name of the purchased plan: a descriptive, non-empty name for a successful transaction (`moDirectStatus` Complete) and the empty string otherwise (current page) */
  planName: string;
  /** @deprecated Alias of `moDirectStatus`: accepted, renamed and reported as a warning. */
  modirectStatus?: MobilePlansMoDirectStatus;
  /** @deprecated Alias of `line`: accepted, renamed and reported as a warning. */
  lineType?: MobilePlansLineType;
}

/**
 * Legacy `DataMart.notifyPurchaseResult` payload (legacy page), passed as `JSON.stringify(payload)`; its `purchaseResult` is itself a JSON string. `activationCode` is present for eSIM and empty on failure; `iccid` is empty on failure. Passing the payload (or purchaseResult) as an object instead of a string is accepted and reported as an alias; `Iccid` is accepted for `iccid`.
 * Travels as a JSON string: `JSON.parse` the argument you receive.
 */
interface MobilePlansDataMartNotificationPayload {
  /** Payload version. */
  ver: "1";
  /** True when the user bought an MO Direct plan. */
  success: boolean;
  /** The transactionId the portal received at launch. */
  transactionId: string;
  /** Activation code of the eSIM profile; empty on failure, absent for a physical SIM. */
  activationCode?: string;
  /** ICCID the client must use for the purchased plan; empty on failure. */
  iccid?: string;
  /** The `purchaseResult` of the legacy DataMart payload: PurchaseMetaData with every property required (legacy page: "this field is required" for each), carried as a JSON string inside the payload. */
  purchaseResult: string;
  /** @deprecated Alias of `iccid`: accepted, renamed and reported as a warning. */
  Iccid?: string;
}

/**
 * Argument of the function named by `registrationChangedScript`, passed as a JSON string. Decision on the ICCID key (conflict: the legacy page writes `Iccid`, the current page writes `iccid`): `iccid`; `Iccid` is accepted as an alias.
 * Travels as a JSON string: `JSON.parse` the argument you receive.
 */
interface MobilePlansProfileRegistrationCompleteArgs {
  /** Network registration state carried by ProfileRegistrationCompleteArgs */
  networkRegistrationState: MobilePlansNetworkRegistrationState;
  /** ICCID whose network registration state changed. */
  iccid: string;
  /** @deprecated Alias of `iccid`: accepted, renamed and reported as a warning. */
  Iccid?: string;
}

/**
 * Argument of the function named by `profileActivationCompleteScript`, passed as a JSON string. Same `iccid` / `Iccid` decision as ProfileRegistrationCompleteArgs.
 * Travels as a JSON string: `JSON.parse` the argument you receive.
 */
interface MobilePlansProfileActivationCompleteArgs {
  /** Result carried by ProfileActivationCompleteArgs */
  activationResult: MobilePlansActivationError;
  /** ICCID of the activated profile */
  iccid: string;
  /** @deprecated Alias of `iccid`: accepted, renamed and reported as a warning. */
  Iccid?: string;
}

/** How the user's account was reached in the portal flow */
declare var MobilePlansUserAccount: {
  /** The user created a new account. */
  readonly new: "New";
  /** The user logged on with an existing account. */
  readonly existing: "Existing";
  /** The user left the purchase flow at this step. */
  readonly bailed: "Bailed";
  /** The user did not reach this step. */
  readonly none: "None";
};

/** The means of payment used */
declare var MobilePlansPurchaseInstrument: {
  /** The user used a new method of payment. */
  readonly new: "New";
  /** The user used an existing payment method on file. */
  readonly existing: "Existing";
  /** The user left the purchase flow at this step. */
  readonly bailed: "Bailed";
  /** The user did not reach this step. */
  readonly none: "None";
};

/** Whether a line was added */
declare var MobilePlansLineType: {
  /** A SIM was added to the user's account. */
  readonly new: "New";
  /** The user moved an existing line to this device. */
  readonly existing: "Existing";
  /** The user left the purchase flow at this step. */
  readonly bailed: "Bailed";
  /** The user did not reach this step. */
  readonly none: "None";
};

/** Outcome of the portal flow */
declare var MobilePlansMoDirectStatus: {
  /** The user completed the purchase. */
  readonly complete: "Complete";
  /** The purchase failed because of an MO service error. */
  readonly serviceError: "ServiceError";
  /** The ICCID passed to the portal is not valid. */
  readonly invalidSIM: "InvalidSIM";
  /** The user could not log on to the MO portal. */
  readonly logOnFailed: "LogOnFailed";
  /** The purchase failed because of a billing error. */
  readonly purchaseFailed: "PurchaseFailed";
  /** Invalid arguments were passed to the portal. */
  readonly clientError: "ClientError";
  /** There was an error billing the user. */
  readonly billingError: "BillingError";
  /** The user cancelled the flow (used by the notifyCancelledPurchase samples). */
  readonly cancelled: "Cancelled";
  /** The user ended the flow without a specific error (legacy payload table). */
  readonly none: "None";
};

/** Network registration state carried by ProfileRegistrationCompleteArgs */
declare var MobilePlansNetworkRegistrationState: {
  /** No connectivity. */
  readonly none: "None";
  /** The device is not registered and is not searching for a network operator. */
  readonly deregistered: "Deregistered";
  /** The device is not registered and is searching for a network operator. */
  readonly searching: "Searching";
  /** The device is on its home network operator. */
  readonly home: "Home";
  /** The device is on a roaming network operator. */
  readonly roaming: "Roaming";
  /** The device is on a roaming partner network operator. */
  readonly partner: "Partner";
  /** Registration of the device was denied. */
  readonly denied: "Denied";
};

/** Result carried by ProfileActivationCompleteArgs */
declare var MobilePlansActivationError: {
  /** The operation succeeded. */
  readonly success: "Success";
  /** The operation was not authorized. */
  readonly notAuthorized: "NotAuthorized";
  /** The eSIM profile was not found. */
  readonly notFound: "NotFound";
  /** The operation violates a policy. */
  readonly policyViolation: "PolicyViolation";
  /** Not enough space on the card. */
  readonly insufficientSpaceOnCard: "InsufficientSpaceOnCard";
  /** A server failure occurred during the operation. */
  readonly serverFailure: "ServerFailure";
  /** The server could not be reached. */
  readonly serverNotReachable: "ServerNotReachable";
  /** User consent was not given within the time-out. */
  readonly timeoutWaitingForUserConsent: "TimeoutWaitingForUserConsent";
  /** An incorrect confirmation code was supplied. */
  readonly incorrectConfirmationCode: "IncorrectConfirmationCode";
  /** An incorrect confirmation code was supplied and no more retries are allowed. */
  readonly confirmationCodeMaxRetriesExceeded: "ConfirmationCodeMaxRetriesExceeded";
  /** The SIM card was removed. */
  readonly cardRemoved: "CardRemoved";
  /** The SIM card is busy. */
  readonly cardBusy: "CardBusy";
  /** A status not covered by a more specific one. */
  readonly other: "Other";
  /** A card error prevented the operation. */
  readonly cardGeneralFailure: "CardGeneralFailure";
  /** A confirmation code is required to download the profile. */
  readonly confirmationCodeMissing: "ConfirmationCodeMissing";
  /** The matching ID of the activation code was rejected. */
  readonly invalidMatchingId: "InvalidMatchingId";
  /** No profile compatible with this device was found. */
  readonly noEligibleProfileForThisDevice: "NoEligibleProfileForThisDevice";
  /** The operation was aborted. */
  readonly operationAborted: "OperationAborted";
  /** The profile is bound to a different EID. */
  readonly eidMismatch: "EidMismatch";
  /** The profile was already claimed or downloaded. */
  readonly profileNotAvailableForNewBinding: "ProfileNotAvailableForNewBinding";
  /** The operator has not released the profile for download. */
  readonly profileNotReleasedByOperator: "ProfileNotReleasedByOperator";
  /** The profile class does not allow the operation. */
  readonly operationProhibitedByProfileClass: "OperationProhibitedByProfileClass";
  /** The profile could not be found. */
  readonly profileNotPresent: "ProfileNotPresent";
  /** No corresponding request was found. */
  readonly noCorrespondingRequest: "NoCorrespondingRequest";
  /** The LPA returned an unknown error. */
  readonly unknownError: "UnknownError";
  /** The LPA failed to initialise. */
  readonly lpaInitializationError: "LpaInitializationError";
  /** No cellular modem was found on the device. */
  readonly modemNotFound: "ModemNotFound";
  /** Access to the app's local settings failed. */
  readonly localSettingsAccessFailed: "LocalSettingsAccessFailed";
  /** The portal supplied invalid JSON. */
  readonly invalidJson: "InvalidJson";
  /** The portal supplied an invalid activation code. */
  readonly invalidActivationCode: "InvalidActivationCode";
  /** The portal supplied an invalid ICCID. */
  readonly invalidIccid: "InvalidIccid";
};

/** Purchase metadata factory and the purchase notifications that hand control back to the app. */
interface MobilePlansBridge {
  /** Creates an empty purchase metadata object for the portal to fill in. Handled in the page; nothing is sent to the host. */
  createPurchaseMetaData(): MobilePlansPurchaseMetaData;
  /**
   * Asynchronous connectivity (current and legacy API alike).
   *
   * Asynchronous connectivity: the profile is available now but the network needs time before the device can register. The interval is rounded to the nearest 15-minute slot (5 means about 15); 0 registers immediately.
   * @param networkRegistrationInterval Minutes before the app tries to register (rounded to 15-minute slots; 0 = now).
   */
  notifyPurchaseWithProfileDownload(purchaseMetaData: MobilePlansPurchaseMetaData, activationCode: string, networkRegistrationInterval: number): void;
  /**
   * The user cancelled the flow in the portal, or the purchase failed (moDirectStatus names the failure, planName is empty); current and legacy API alike.
   *
   * The user cancelled the flow in the portal. Decision (the documents name seven moDirectStatus values but no call to report a failure with): this is also the call that reports a failed purchase. The portal passes metadata whose `moDirectStatus` is the failure (ServiceError, InvalidSIM, LogOnFailed, PurchaseFailed, ClientError, BillingError) and whose `planName` is `""` (the rule for an unsuccessful transaction), which hands control back to the app as a cancellation does; the legacy DataMart.notifyPurchaseResult carries the same purchaseResult with `success: false`. The reference portal's mapping of its failures to these values is in apps/portal/src/outcome.ts.
   */
  notifyCancelledPurchase(purchaseMetaData: MobilePlansPurchaseMetaData): void;
  /**
   * Legacy balance addition (legacy API); use MobilePlansInlineOperations.notifyBalanceAddition.
   *
   * Legacy balance addition (legacy page): data added to the ICCID; if that profile is not active the app activates it. Superseded by MobilePlansInlineOperations.notifyBalanceAddition.
   * @param iccid ICCID the data was added to.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyBalanceAddition(purchaseMetaData: MobilePlansPurchaseMetaData, iccid: string): void;
}

/** MobilePlans: injected by the host (Windows Mobile Plans). */
declare var MobilePlans: MobilePlansBridge;

/** Inline operations of the current API, which keep the user on the portal, and the callback registrations. */
interface MobilePlansInlineOperationsBridge {
  /**
   * Inline (or, with downloadDelay, delayed) eSIM profile download.
   *
   * Inline eSIM profile download: the app downloads the profile in the background while the user stays on the portal (a progress pop-up is shown over it).
   */
  notifyProfileDownload(purchaseMetaData: MobilePlansPurchaseMetaData, activationCode: string): MobilePlansOperationContext;
  /**
   * Inline (or, with downloadDelay, delayed) eSIM profile download.
   *
   * Delayed eSIM profile download: the profile is not yet available on the SM-DP+; after `downloadDelay` minutes a toast invites the user to start the download. `activationCode` may be a full activation code or only the SM-DP+ address (Microsoft's Mobile Plans callback documentation; see ActivationCodeOrSmdpAddress).
   * @param activationCode Activation code, or the SM-DP+ address where the profile will be located (download by EID).
   * @param downloadDelay Minutes to wait before the download is offered.
   */
  notifyProfileDownload(purchaseMetaData: MobilePlansPurchaseMetaData, activationCode: string, downloadDelay: number): MobilePlansOperationContext;
  /**
   * Cancels a pending delayed download.
   *
   * Cancels a pending (delayed) download; possible until the user sees the download-ready toast.
   */
  notifyOperationCancel(operationContext: MobilePlansOperationContext): void;
  /**
   * Balance added to an existing account, optionally activating the profile with the given ICCID.
   *
   * Balance added to an existing account (physical SIM or installed eSIM). Decision (Microsoft's Mobile Plans documentation lists "cancel a subscription" among the portal's transactions but document no call for it): a completed subscription cancellation is reported with this call, because it is the one notification of a completed change to an existing account without a profile download, after which the app refreshes the balance (GetBalance); notifyCancelledPurchase would tell the app the user abandoned the flow. The reference portal sends `moDirectStatus` Complete, `purchaseInstrument` None (no payment), `line` Existing and `planName` `"<plan name> (cancelled)"`, so business reporting can tell a cancellation from a purchase; once per cancellation (a repeated submit notifies nothing).
   */
  notifyBalanceAddition(purchaseMetaData: MobilePlansPurchaseMetaData): MobilePlansOperationContext;
  /**
   * Balance added to an existing account, optionally activating the profile with the given ICCID.
   *
   * Balance added; the installed eSIM profile with this ICCID must become the active one.
   * @param iccid ICCID of the profile to activate after the balance addition.
   */
  notifyBalanceAddition(purchaseMetaData: MobilePlansPurchaseMetaData, iccid: string): MobilePlansOperationContext;
  /** Name of the global function the app calls with a ProfileRegistrationCompleteArgs JSON string when the network registration state changes. */
  registrationChangedScript: string;
  /** Name of the global function the app calls with a ProfileActivationCompleteArgs JSON string when the profile activation completes. */
  profileActivationCompleteScript: string;
}

/** MobilePlansInlineOperations: injected by the host (Windows Mobile Plans). */
declare var MobilePlansInlineOperations: MobilePlansInlineOperationsBridge;

/** Legacy inline profile delivery (legacy API). */
interface MobilePlansInlineProfileBridge {
  /**
   * Legacy inline eSIM profile download; use MobilePlansInlineOperations.notifyProfileDownload.
   *
   * Legacy inline profile delivery (legacy page), superseded by MobilePlansInlineOperations.notifyProfileDownload.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyInlineProfileDownload(purchaseMetaData: MobilePlansPurchaseMetaData, activationCode: string): void;
}

/** MobilePlansInlineProfile: injected by the host (Windows Mobile Plans). */
declare var MobilePlansInlineProfile: MobilePlansInlineProfileBridge;

/** Name used by the prose for the callback registrations and by the legacy sample for notifyInlineProfileDownload. Decision (conflicts: the current samples set the `...Script` properties on MobilePlansInlineOperations while the prose names MobilePlansInlineProfileDownload; the legacy prose calls MobilePlansInlineProfile.notifyInlineProfileDownload while its sample calls it on MobilePlansInlineProfileDownload): the canonical holders are MobilePlansInlineOperations (what the current samples do) and MobilePlansInlineProfile (the documented method heading); this object shares their state, so a registration set here is the same registration, and each use is reported as an alias. */
interface MobilePlansInlineProfileDownloadBridge {
  /**
   * Alias of MobilePlansInlineProfile.notifyInlineProfileDownload used by the legacy sample.
   *
   * Legacy inline profile delivery (legacy page), superseded by MobilePlansInlineOperations.notifyProfileDownload.
   * @deprecated Alias of `MobilePlansInlineProfile.notifyInlineProfileDownload`: accepted and reported as a warning.
   */
  notifyInlineProfileDownload(purchaseMetaData: MobilePlansPurchaseMetaData, activationCode: string): void;
  /**
   * Alias named by the prose; same registration as MobilePlansInlineOperations.registrationChangedScript.
   * @deprecated Alias of `MobilePlansInlineOperations.registrationChangedScript`: the same registration; reported as a warning.
   */
  registrationChangedScript: string;
  /**
   * Alias named by the prose; same registration as MobilePlansInlineOperations.profileActivationCompleteScript.
   * @deprecated Alias of `MobilePlansInlineOperations.profileActivationCompleteScript`: the same registration; reported as a warning.
   */
  profileActivationCompleteScript: string;
}

/** MobilePlansInlineProfileDownload: injected by the host (Windows Mobile Plans). */
declare var MobilePlansInlineProfileDownload: MobilePlansInlineProfileDownloadBridge;

/** Oldest notification object (legacy API, "legacy callback notifications"; still supported by the app, not recommended). */
interface DataMartBridge {
  /**
   * Reports the whole purchase result as one JSON string.
   *
   * Oldest notification (legacy page, "legacy callback notifications"): one JSON string.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyPurchaseResult(notificationPayload: string): void;
}

/** DataMart: injected by the host (Windows Mobile Plans). */
declare var DataMart: DataMartBridge;

// ----------------------------------------------------------------------------------------------------
// Android DataBoostWebServiceFlow (data-boost.schema.json)

/** `TelephonyManager.PremiumCapability` returned by `getRequestedCapability()`. Android 14 supports only PRIORITIZE_LATENCY (34, the same value as `NetworkCapabilities.NET_CAPABILITY_PRIORITIZE_LATENCY`). */
type DataBoostPremiumCapability = 34;

/** Failure code passed to `notifyPurchaseFailed`. The 5G network slicing guide lists the names only; the numbers differ by Android version (14 GA: UNKNOWN 0, CARRIER_URL_UNAVAILABLE 1, SERVER_UNREACHABLE 2, AUTHENTICATION_FAILED 3, PAYMENT_FAILED 4; TS.43 v12 Table 84: AUTHENTICATION_FAILED 1, PAYMENT_FAILED 2). Decision: the numbering of Android 14 QPR1 and later (`SlicePurchaseController`), the release the 5G network slicing guide documents and whose name list matches it exactly. Reason: the guide's feature ships from 14 QPR1; AOSP logs the code without acting on its value, so the choice only matters for reporting. Passing a constant name (`"FAILURE_CODE_PAYMENT_FAILED"`) instead of its number is accepted, converted and reported as an alias. */
type DataBoostFailureCode = 0 | 1 | 2 | 3 | 4;

/** The purchase page's bridge to the slice purchase app. Present only inside Android's purchase WebView: feature-detect it (and the older SlicePurchaseWebInterface). */
interface DataBoostWebServiceFlowBridge {
  /**
   * The premium capability the user is buying.
   *
   * Returns the premium capability being bought (PremiumCapability).
   */
  getRequestedCapability(): DataBoostPremiumCapability;
  /**
   * The purchase succeeded.
   *
   * The purchase succeeded.
   */
  notifyPurchaseSuccessful(): void;
  /**
   * The purchase succeeded.
   *
   * The purchase succeeded, with the target duration of a trial period.
   */
  notifyPurchaseSuccessful(duration: number): void;
  /**
   * The purchase failed.
   *
   * The purchase failed; Android reports CARRIER_ERROR and backs off.
   */
  notifyPurchaseFailed(code: DataBoostFailureCode, reason: string): void;
  /**
   * The page gives up (AOSP; not in the 5G network slicing guide).
   *
   * The page gives up; the purchase request fails with REQUEST_FAILED and no throttling (AOSP; not in the 5G network slicing guide).
   */
  dismissFlow(): void;
}

/** DataBoostWebServiceFlow: injected by the host (Android DataBoostWebServiceFlow). */
declare var DataBoostWebServiceFlow: DataBoostWebServiceFlowBridge | undefined;

/** Older name of the same interface (AOSP before the rename; no dismissFlow). Installed only when the host asks for it, to test a portal's feature detection. */
interface SlicePurchaseWebInterfaceBridge {
  /**
   * The premium capability the user is buying.
   *
   * Returns the premium capability being bought (PremiumCapability).
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  getRequestedCapability(): DataBoostPremiumCapability;
  /**
   * The purchase succeeded.
   *
   * The purchase succeeded.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyPurchaseSuccessful(): void;
  /**
   * The purchase succeeded.
   *
   * The purchase succeeded, with the target duration of a trial period.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyPurchaseSuccessful(duration: number): void;
  /**
   * The purchase failed.
   *
   * The purchase failed; Android reports CARRIER_ERROR and backs off.
   * @deprecated Legacy API (Mobile Plans legacy callback notifications), kept working.
   */
  notifyPurchaseFailed(code: DataBoostFailureCode, reason: string): void;
}

/** SlicePurchaseWebInterface: injected by the host (Android DataBoostWebServiceFlow). */
declare var SlicePurchaseWebInterface: SlicePurchaseWebInterfaceBridge | undefined;
