// This file is generated. Do not edit it by hand.
// Source: specs/dpa/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/{userKey}/planStatus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user's plan status
         * @description Returns the user's current plans, their modules and balances. `expireTime` tells GTAF how long it may cache
         *     the answer; while a back end is down the DPA shortens it. `Cache-Control: no-cache` (always sent by GTAF)
         *     makes the DPA read its back ends instead of any cache of its own. With `client_id=youtube` the DPA may add
         *     `planInfoPerClient.youtube`.
         */
        get: operations["getPlanStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/planOffer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the plans a user is offered
         * @description Returns the offers the user may buy, in display order: a client that can show x offers shows the first x
         *     (GTAF passes at most 10 to the Mobile Data Plan UI). `context` is an opaque string from the calling app; the
         *     DPA may tailor offers to it and echoes it as `offerContext`. Each offer may carry `offerInfo` (where to read
         *     more and opt out of further in-app offers). A user who opted out (`recordOfferOptOut`) gets 200 with an empty
         *     `offers` list: they are a valid user who asked to be offered nothing, which is not an error.
         */
        get: operations["getPlanOffer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/purchasePlan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Buy a plan for a user
         * @description Buys the plan `planId` (from an offer) for the user. `transactionId` de-duplicates: a transaction executes
         *     at most once and is debited at most once. A repeated `transactionId` answers 403 with the cause
         *     `DUPLICATE_TRANSACTION` if the first succeeded, `REQUEST_QUEUED` if it is still queued, or the first
         *     attempt's own failure cause if it failed.
         *
         *     200 answers only executed or queued transactions. A queued one carries only `transactionStatus`
         *     (`TRANSACTION_STATUS_UNSPECIFIED`, see the API description); when the DPA has processed it, it POSTs the full
         *     `TransactionResponse` to `callbackUrl`.
         */
        post: operations["purchasePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a user's consent decision
         * @description Passes the user's consent to share plan information with Google. `CONSENT_GRANTED` and `CONSENT_USER_OPT_IN`
         *     opt the user in; `CONSENT_REVOKED` and `CONSENT_USER_OPT_OUT` opt them out. Decisions are applied in
         *     `actionTimestamp` order: one older than the latest recorded decision is kept in the history but does not change
         *     the state. An `actionTimestamp` more than the DPA's allowed clock skew (reference DPA: 5 minutes) in the future
         *     is a 400 `BAD_REQUEST`, so a decision dated far ahead cannot outrank every later one. On success the body is
         *     empty.
         */
        post: operations["setConsentStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/Eligibility/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check whether a user may buy one plan
         * @description 200 with that plan alone in `eligiblePlans` when the user may buy it; 400 when the plan id is invalid; 409 when
         *     the plan is incompatible with the user's plans. Eligibility is about compatibility, not money: a plan the user
         *     cannot pay for yet (a new prepaid customer before the first top-up, or a low balance) is eligible, and buying
         *     it answers 402 `PAYMENT_MISSING`. The lower-case path `/{userKey}/eligibility/{planId}` is accepted too (see
         *     the API description).
         */
        get: operations["getPlanEligibility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/Eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every plan a user may buy
         * @description The form without `planId`: every plan the user may buy, whatever their balance (a new customer with no wallet
         *     gets the plans they may buy after their first top-up). A DPA that cannot list plans answers 400. The
         *     lower-case path `/{userKey}/eligibility` is accepted too.
         */
        get: operations["listEligiblePlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{userKey}/offerOptOut": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a user's choice about further in-app offers
         * @description An operator extension, not called by GTAF. `offerInfo.moreInfoURL` leads the user to the operator's page about
         *     the offer, where they can choose not to receive further in-app offers; the operator's page, app or customer
         *     care records that choice here, with an access token of the operator's authorization server like every call.
         *     `optOut: true` stops offers: `planOffer` then answers an empty `offers` list. `optOut: false` offers again.
         *     Choices apply in `actionTimestamp` order, as consent does: an older one than the choice in force is ignored.
         *     The answer is the choice in force. This is not `consent` (sharing plan information with Google): a user may
         *     share plans and refuse offers. Purchases and Eligibility are not affected. A DPA without the mechanism answers
         *     501.
         */
        post: operations["recordOfferOptOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an MSISDN for plan-status pushes
         * @description GTAF registers an MSISDN when an app with MSISDN access uses the plan-sharing API. Until `expirationTime` the
         *     DPA pushes that user's plan-status changes to GTAF. 403 `USER_ROAMING` for a roaming user, 403 `USER_OPT_OUT`
         *     for one who has not opted in to sharing plan information with Google.
         */
        post: operations["registerMsisdn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dpaStatus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Report the DPA's health
         * @description 200 `OPERATIONAL` when the DPA and all its back ends work; 500 `UNAVAILABLE` when any does not. While
         *     unavailable the DPA answers UNAVAILABLE to every poll and shortens the `expireTime` of the plan information it
         *     still serves; GTAF clears its cache of the operator when it sees UNAVAILABLE.
         */
        get: operations["getDpaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description `CPID`: an operator-issued, expiring identifier. `MSISDN`: the phone number.
         * @enum {string}
         */
        KeyType: "CPID" | "MSISDN";
        /**
         * Format: date-time
         * @description RFC 3339 timestamp. Sent in UTC ("Z") with up to nine fractional digits; any offset is accepted on input. Read strictly: month 01-12, day within the month, hour 00-23, minute 00-59, offset below ±24:00, and a lower-case "t"/"z" or a space separator are accepted (RFC 3339 §5.6). Decision on leap seconds: second 60 is accepted only at 23:59:60 UTC on the last day of a month (where UTC may insert one, RFC 3339 Appendix D) and read as 23:59:59.999Z; any other second 60 is a 400.
         * @example 2026-12-01T10:00:00Z
         */
        Timestamp: string;
        /**
         * @description A duration in seconds with up to nine fractional digits and an `s` suffix (google.protobuf.Duration JSON).
         * @example 2592000s
         */
        Duration: string;
        /**
         * @description A 64-bit integer as a decimal string (google.protobuf JSON mapping).
         * @example 1500
         */
        Int64String: string;
        /**
         * @description A BCP 47 language tag (`en-US`, `sr-Latn`). The underscore form of the offer example in Google's Data Plan Agent API guide (`en_US`) is accepted on input.
         * @example en-US
         */
        LanguageCode: string;
        /**
         * @description An amount of money (google.type.Money): `units` whole units as an int64 string and `nanos` billionths, with the
         *     same sign as `units`. carrierkit stores money as integer nanos, never floats.
         * @example {
         *       "currencyCode": "INR",
         *       "units": "300",
         *       "nanos": 0
         *     }
         */
        Money: {
            /** @description ISO 4217 currency code. */
            currencyCode: string;
            units: components["schemas"]["Int64String"];
            /** @description Nano units (10^-9) of the amount. */
            nanos?: number;
        };
        /**
         * @description The payment category of a plan. Only `PREPAID` is printed in Google's Data Plan Agent API guide; `POSTPAID` follows from its prose.
         * @enum {string}
         */
        PlanCategory: "PLAN_CATEGORY_UNSPECIFIED" | "PREPAID" | "POSTPAID";
        /**
         * @description Traffic a plan module serves. The first eight are the predefined categories of Google's Data Plan Agent API guide; `APP_STORE` is the
         *     app-store category added in the v6.1 changelog (its literal name is our choice), `PMTC_UNSPECIFIED` the
         *     unspecified value of the legacy API.
         * @enum {string}
         */
        PlanModuleTrafficCategory: "PMTC_UNSPECIFIED" | "GENERIC" | "VIDEO" | "VIDEO_BROWSING" | "VIDEO_OFFLINE" | "MUSIC" | "GAMING" | "SOCIAL" | "MESSAGING" | "APP_STORE";
        /**
         * @description What happens when the quota is used up.
         * @enum {string}
         */
        OverUsagePolicy: "OVER_USAGE_POLICY_UNSPECIFIED" | "THROTTLED" | "BLOCKED" | "PAY_AS_YOU_GO";
        /**
         * @description Coarse remaining balance of a plan module.
         * @enum {string}
         */
        BalanceLevel: "BALANCE_LEVEL_UNSPECIFIED" | "NO_PLAN" | "OUT_OF_DATA" | "LOW_QUOTA" | "HIGH_QUOTA";
        /**
         * @description Lifecycle state of a plan module; `NEWLY_ACTIVE`, `EXPIRING_SOON` and `EXPIRED` trigger GTAF notifications.
         * @enum {string}
         */
        PlanState: "PLAN_STATE_UNSPECIFIED" | "ACTIVE" | "NEWLY_ACTIVE" | "EXPIRING_SOON" | "EXPIRED" | "PURCHASED";
        /**
         * @description How often a plan's quota refreshes.
         * @enum {string}
         */
        RefreshPeriod: "REFRESH_PERIOD_NONE" | "DAILY" | "MONTHLY" | "BIWEEKLY" | "WEEKLY";
        /**
         * @description `UI_INCOMPATIBLE`: the status may be used but must not be shown in the UI (for example an incomplete push).
         * @enum {string}
         */
        UiCompatibility: "UI_COMPATIBILITY_UNSPECIFIED" | "UI_COMPATIBLE" | "UI_INCOMPATIBLE";
        /**
         * @description The radio generation a plan serves (legacy names of the v4.2 API, carried over).
         * @enum {string}
         */
        ConnectionType: "CONNECTION_TYPE_UNSPECIFIED" | "CONNECTION_2_G" | "CONNECTION_3_G" | "CONNECTION_4_G" | "CONNECTION_5_G" | "CONNECTION_ALL";
        /**
         * @description `REPURCHASE`: offered only because the user bought it before.
         * @enum {string}
         */
        OfferType: "OFFER_TYPE_UNSPECIFIED" | "REPURCHASE";
        /**
         * @description How the user pays: `WALLET_BALANCE` deducted from account balance; `CREDIT_CARD_ON_FILE` charged to the saved
         *     payment method; `LOAN` deducted from the next top-up; `ADD_TO_BILL` added to the current billing cycle;
         *     `MAIN_BALANCE` deducted from the main balance.
         * @enum {string}
         */
        FormOfPayment: "WALLET_BALANCE" | "CREDIT_CARD_ON_FILE" | "LOAN" | "ADD_TO_BILL" | "MAIN_BALANCE";
        /** @description A byte balance. `remainingBytes` is the field GTAF's low-balance notification reads. */
        ByteQuota: {
            quotaBytes?: components["schemas"]["Int64String"];
            remainingBytes: components["schemas"]["Int64String"];
        };
        /** @description One part of a plan (for example "1 GB for a month" or "unlimited night video"). */
        PlanModule: {
            /** @description Shown to the user. */
            moduleName: string;
            trafficCategories?: components["schemas"]["PlanModuleTrafficCategory"][];
            expirationTime: components["schemas"]["Timestamp"];
            overUsagePolicy?: components["schemas"]["OverUsagePolicy"];
            maxRateKbps?: components["schemas"]["Int64String"];
            description: string;
            coarseBalanceLevel?: components["schemas"]["BalanceLevel"];
            byteBalance?: components["schemas"]["ByteQuota"];
            planModuleState?: components["schemas"]["PlanState"];
            refreshPeriod?: components["schemas"]["RefreshPeriod"];
        };
        /** @description A plan the user has. For postpaid plans `expirationTime` is the renewal date. */
        Plan: {
            planName?: string;
            planId?: string;
            planCategory?: components["schemas"]["PlanCategory"];
            expirationTime?: components["schemas"]["Timestamp"];
            planModules: components["schemas"]["PlanModule"][];
        };
        /** @description Prepaid account state (required for prepaid users). `accountTopUp` with `accountBalance` triggers the top-up notification. */
        AccountInfo: {
            accountBalance?: components["schemas"]["Money"];
            accountTopUp?: components["schemas"]["Money"];
            payAsYouGoCharge?: components["schemas"]["Money"];
        };
        RateLimitedStreaming: {
            /** @description The highest media bit rate the plan allows. */
            maxMediaRateKbps: number;
        };
        YouTube: {
            rateLimitedStreaming?: components["schemas"]["RateLimitedStreaming"];
        };
        /** @description Client-specific plan information. */
        PlanInfoPerClient: {
            youtube?: components["schemas"]["YouTube"];
        };
        /** @description A user's plans. GTAF may cache it until `expireTime`. */
        PlanStatus: {
            plans: components["schemas"]["Plan"][];
            languageCode: components["schemas"]["LanguageCode"];
            expireTime: components["schemas"]["Timestamp"];
            updateTime: components["schemas"]["Timestamp"];
            /** @description Contract title, shown as the UI header. */
            title?: string;
            /** @description A stable operator-side identifier of the user. */
            subscriberId?: string;
            accountInfo?: components["schemas"]["AccountInfo"];
            uiCompatibility?: components["schemas"]["UiCompatibility"];
            planInfoPerClient?: components["schemas"]["PlanInfoPerClient"];
        };
        /**
         * @description Strings that let the user read more about an offer and choose not to receive further in-app offers.
         *     Decision: the DPA API guide makes this a live field with a duty (operators that sell in app without asking
         *     the user must let them opt out, and these strings carry that option); Google's 2019 changelog lists it as
         *     removed from `Offer`. The guide wins: carrierkit servers send `offerInfo` for every offer whose catalogue
         *     entry has one, and readers accept offers without it. The DPA operation `recordOfferOptOut` records the opt-out.
         */
        OfferInfo: {
            /** @description Localised text shown with the link, saying what the page offers (including the opt-out). */
            promoMessage?: string;
            /** @description The operator's page about the offer, where the user can also stop further in-app offers. */
            moreInfoURL?: string;
            operatorBrandName?: string;
            operatorLogoUrl?: string;
        };
        /**
         * @description A plan the user may buy. Note the spelling `overusagePolicy` (lower-case u), as documented for offers,
         *     unlike `PlanModule.overUsagePolicy`. `quotaBytes` and `quotaMinutes` are alternatives: at most one.
         */
        Offer: {
            planName: string;
            /** @description Used to buy the plan (`TransactionRequest.planId`). */
            planId: string;
            planDescription: string;
            promoMessage?: string;
            languageCode?: components["schemas"]["LanguageCode"];
            overusagePolicy?: components["schemas"]["OverUsagePolicy"];
            maxRateKbps?: components["schemas"]["Int64String"];
            cost: components["schemas"]["Money"];
            duration?: components["schemas"]["Duration"];
            /** @description Echoed in `TransactionRequest.offerContext`. */
            offerContext?: string;
            trafficCategories?: components["schemas"]["PlanModuleTrafficCategory"][];
            connectionType?: components["schemas"]["ConnectionType"];
            refreshPeriod?: components["schemas"]["RefreshPeriod"];
            offerType?: components["schemas"]["OfferType"];
            quotaBytes?: components["schemas"]["Int64String"];
            quotaMinutes?: number;
            offerInfo?: components["schemas"]["OfferInfo"];
        };
        /** @description The offers for one user, in display order. */
        PlanOffer: {
            offers: components["schemas"]["Offer"][];
            expireTime: components["schemas"]["Timestamp"];
            formOfPayment?: components["schemas"]["FormOfPayment"];
            languageCode?: components["schemas"]["LanguageCode"];
        };
        /** @description A purchase. All but the first request with a given `transactionId` are rejected. */
        TransactionRequest: {
            /** @description The plan to buy, from `Offer.planId`. */
            planId: string;
            /** @description Unique request identifier; de-duplicates retries. */
            transactionId: string;
            /** @description `Offer.offerContext`, if the offer had one. */
            offerContext?: string;
            /**
             * Format: uri
             * @description Where the DPA POSTs the full `TransactionResponse` once a queued transaction is processed.
             */
            callbackUrl?: string;
        };
        /**
         * @description The outcome of a transaction. A queued transaction answers `TRANSACTION_STATUS_UNSPECIFIED` (the enum has no
         *     queued value; see the API description).
         * @enum {string}
         */
        TransactionStatus: "TRANSACTION_STATUS_UNSPECIFIED" | "SUCCESS" | "INVALID_PLAN_ID" | "PAYMENT_REQUIRED" | "CONFLICT";
        Purchase: {
            /** @description Copied from the request. */
            planId: string;
            /** @description Copied from the request. */
            transactionId: string;
            /** @description Status message shown to the user. */
            transactionMessage?: string;
            /** @description DPA-generated confirmation code of a successful transaction. */
            confirmationCode?: string;
            planActivationTime?: components["schemas"]["Timestamp"];
        };
        /** @description A transaction's outcome; a queued transaction carries only `transactionStatus`. */
        TransactionResponse: {
            transactionStatus: components["schemas"]["TransactionStatus"];
            purchase?: components["schemas"]["Purchase"];
            walletBalance?: components["schemas"]["Money"];
        };
        /**
         * @description The user's consent decision about sharing plan information with Google.
         * @enum {string}
         */
        ConsentAction: "CONSENT_ACTION_UNSPECIFIED" | "CONSENT_GRANTED" | "CONSENT_REVOKED" | "CONSENT_USER_OPT_IN" | "CONSENT_USER_OPT_OUT";
        SetConsentStatusRequest: {
            consentAction: components["schemas"]["ConsentAction"];
            actionTimestamp: components["schemas"]["Timestamp"];
        };
        EligiblePlan: {
            planId: string;
        };
        EligibilityResponse: {
            eligiblePlans: components["schemas"]["EligiblePlan"][];
        };
        /** @description The user's choice about further in-app offers. */
        OfferOptOutRequest: {
            /** @description `true`: no further in-app offers; `false`: offers again. */
            optOut: boolean;
            actionTimestamp: components["schemas"]["Timestamp"];
        };
        /** @description The user's choice in force. */
        OfferOptOutStatus: {
            /** @description Whether the user receives no in-app offers. */
            optedOut: boolean;
            actionTimestamp?: components["schemas"]["Timestamp"];
        };
        RegistrationRequest: {
            /** @description The MSISDN in E.164, with or without `+`. */
            msisdn: string;
        };
        RegistrationResponse: {
            msisdn: string;
            expirationTime: components["schemas"]["Timestamp"];
        };
        /** @enum {string} */
        DpaStatusEnum: "UNKNOWN" | "OPERATIONAL" | "UNAVAILABLE";
        DpaStatus: {
            status: components["schemas"]["DpaStatusEnum"];
            /** @description Human-readable detail (which back end is down); never internal data. */
            message?: string;
        };
        /**
         * @description Why a request failed. Status mapping used by carrierkit: 400 `BAD_REQUEST` (also an invalid purchase plan
         *     id), 402 `PAYMENT_MISSING`, 403 `USER_ROAMING` / `USER_OPT_OUT` / duplicate-transaction causes, 404
         *     `INVALID_NUMBER`, 409 `INCOMPATIBLE_PLAN`, 410 `BAD_CPID`, 429 `TOO_MANY_REQUESTS`, 501 and 503
         *     `SERVICE_UNAVAILABLE` (503 `BACKEND_FAILURE` when a back end is down), 500 `ERROR_CAUSE_UNSPECIFIED`.
         * @enum {string}
         */
        ErrorCause: "ERROR_CAUSE_UNSPECIFIED" | "INVALID_NUMBER" | "INCOMPATIBLE_PLAN" | "DUPLICATE_TRANSACTION" | "BAD_REQUEST" | "BAD_CPID" | "BACKEND_FAILURE" | "REQUEST_QUEUED" | "USER_ROAMING" | "USER_OPT_OUT" | "SIM_RELOAD_REQUIRED" | "TOO_MANY_REQUESTS" | "PAYMENT_MISSING" | "INVALID_IMSI" | "INELIGIBLE_FOR_SERVICE" | "SERVICE_UNAVAILABLE" | "SERVICE_NOT_SUBSCRIBED" | "ACCOUNT_SUSPENDED";
        /**
         * @description Every error body. carrierkit servers send `error`, the field named by Google's Data Plan Agent API guide; Google's
         *     current reference names it `errorMessage`, which is accepted as an alternative. At least one must be present.
         */
        ErrorResponse: {
            /** @description Human-readable message (canonical). */
            error?: string;
            /** @description Human-readable message, as named by Google's current reference (accepted alternative). */
            errorMessage?: string;
            cause: components["schemas"]["ErrorCause"];
        } | unknown | unknown;
    };
    responses: {
        /** @description The request is malformed (bad JSON, wrong types, unknown fields, bad parameters). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The bearer token is missing, malformed, expired, or not for this DPA. */
        Unauthorized: {
            headers: {
                /** @description RFC 6750 challenge, e.g. `Bearer error="invalid_token"`. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The user is roaming and has disabled DPA queries while roaming. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The user key does not exist. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description `key_type=CPID` and the CPID has expired: the client must get a new user key. */
        Gone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request body exceeds the DPA's limit. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description GTAF sends too many requests; retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Anything else; never carries internal details. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description This DPA does not implement this call (or does not serve this `client_id`). */
        NotImplemented: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Temporarily unavailable (maintenance, or a back end is down); retry after `Retry-After` seconds. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
         *     without the leading `+`, as `key_type` says.
         * @example 919876543210
         */
        UserKey: string;
        /**
         * @description Which kind of user key `userKey` is.
         * @example MSISDN
         */
        KeyType: components["schemas"]["KeyType"];
        /**
         * @description The Google client on whose behalf GTAF calls: `mobiledataplan` (the Mobile Data Plan UI) or `youtube`. The
         *     DPA may tailor its answer per client; a client this DPA does not serve gets 501.
         * @example mobiledataplan
         */
        ClientId: string;
        /**
         * @description The user's preferred languages (RFC 9110). The DPA answers in the best supported match, or in its default
         *     language, and says which in `languageCode` and `Content-Language`.
         * @example hi-IN, en;q=0.8
         */
        AcceptLanguage: string;
        /**
         * @description GTAF sends `no-cache`; the DPA then reads its back ends rather than any cache of its own.
         * @example no-cache
         */
        CacheControl: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The BCP 47 language of the human-readable strings in the body (the same as `languageCode`).
         * @example en-US
         */
        ContentLanguage: string;
        /**
         * @description Seconds after which the request may be retried.
         * @example 30
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getPlanStatus: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
                /**
                 * @description The Google client on whose behalf GTAF calls: `mobiledataplan` (the Mobile Data Plan UI) or `youtube`. The
                 *     DPA may tailor its answer per client; a client this DPA does not serve gets 501.
                 * @example mobiledataplan
                 */
                client_id: components["parameters"]["ClientId"];
            };
            header?: {
                /**
                 * @description The user's preferred languages (RFC 9110). The DPA answers in the best supported match, or in its default
                 *     language, and says which in `languageCode` and `Content-Language`.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
                /**
                 * @description GTAF sends `no-cache`; the DPA then reads its back ends rather than any cache of its own.
                 * @example no-cache
                 */
                "Cache-Control"?: components["parameters"]["CacheControl"];
            };
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's plan status. */
            200: {
                headers: {
                    "Content-Language": components["headers"]["ContentLanguage"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlanOffer: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
                /**
                 * @description The Google client on whose behalf GTAF calls: `mobiledataplan` (the Mobile Data Plan UI) or `youtube`. The
                 *     DPA may tailor its answer per client; a client this DPA does not serve gets 501.
                 * @example mobiledataplan
                 */
                client_id: components["parameters"]["ClientId"];
                /**
                 * @description Opaque purchase context from the calling application (for example `YouTube`).
                 * @example YouTube
                 */
                context?: string;
            };
            header?: {
                /**
                 * @description The user's preferred languages (RFC 9110). The DPA answers in the best supported match, or in its default
                 *     language, and says which in `languageCode` and `Content-Language`.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
                /**
                 * @description GTAF sends `no-cache`; the DPA then reads its back ends rather than any cache of its own.
                 * @example no-cache
                 */
                "Cache-Control"?: components["parameters"]["CacheControl"];
            };
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The offers, in display order. */
            200: {
                headers: {
                    "Content-Language": components["headers"]["ContentLanguage"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanOffer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    purchasePlan: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
                /**
                 * @description The Google client on whose behalf GTAF calls: `mobiledataplan` (the Mobile Data Plan UI) or `youtube`. The
                 *     DPA may tailor its answer per client; a client this DPA does not serve gets 501.
                 * @example mobiledataplan
                 */
                client_id: components["parameters"]["ClientId"];
            };
            header?: {
                /**
                 * @description The user's preferred languages (RFC 9110). The DPA answers in the best supported match, or in its default
                 *     language, and says which in `languageCode` and `Content-Language`.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
            };
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransactionRequest"];
            };
        };
        responses: {
            /** @description The transaction was executed, or queued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransactionResponse"];
                };
            };
            /** @description The plan id is invalid, or the request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /**
             * @description The user's balance does not cover the plan (cause `PAYMENT_MISSING`), also when a prepaid user has no
             *     wallet yet: a new customer before the first top-up is asked to pay, not told the plan is incompatible.
             */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /**
             * @description A repeated `transactionId` (cause `DUPLICATE_TRANSACTION`, `REQUEST_QUEUED`, or the first attempt's
             *     failure cause), or a roaming user who disabled DPA queries (`USER_ROAMING`).
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            404: components["responses"]["NotFound"];
            /** @description The plan is incompatible with the user's current plans (for example a prepaid plan for a postpaid user). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            410: components["responses"]["Gone"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    setConsentStatus: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
                /**
                 * @description The Google client on whose behalf GTAF calls: `mobiledataplan` (the Mobile Data Plan UI) or `youtube`. The
                 *     DPA may tailor its answer per client; a client this DPA does not serve gets 501.
                 * @example mobiledataplan
                 */
                client_id: components["parameters"]["ClientId"];
            };
            header?: never;
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetConsentStatusRequest"];
            };
        };
        responses: {
            /** @description Consent recorded; the body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlanEligibility: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
            };
            header?: never;
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
                /**
                 * @description The plan to check, as in `Offer.planId`.
                 * @example video-30d
                 */
                planId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user may buy the plan. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityResponse"];
                };
            };
            /** @description The plan id is invalid. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The plan is incompatible with the user's plans. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEligiblePlans: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
            };
            header?: never;
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every plan the user may buy (possibly none). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EligibilityResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordOfferOptOut: {
        parameters: {
            query: {
                /**
                 * @description Which kind of user key `userKey` is.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
            };
            header?: never;
            path: {
                /**
                 * @description The user key: a CPID (opaque, operator-issued, expiring; GTAF URL-encodes it) or an MSISDN in E.164, with or
                 *     without the leading `+`, as `key_type` says.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["UserKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferOptOutRequest"];
            };
        };
        responses: {
            /** @description The choice in force. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OfferOptOutStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            410: components["responses"]["Gone"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    registerMsisdn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegistrationRequest"];
            };
        };
        responses: {
            /** @description Registered until `expirationTime`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The user is roaming, or has not opted in to sharing plan information with Google. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDpaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The DPA and all its back ends work. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DpaStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            /** @description The DPA or one of its back ends does not work. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DpaStatus"];
                };
            };
        };
    };
}
