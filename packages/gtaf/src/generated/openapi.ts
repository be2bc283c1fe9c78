// This file is generated. Do not edit it by hand.
// Source: specs/gtaf/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/v1/operators/{operatorId}/clients/{clientId}/users/{userKey}/planStatus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push a user's plan status
         * @description `operators.clients.users.planStatus.create`: adds or replaces the plan status of one registered user for one
         *     Google client. Accepted until the registration's `expirationTime`; refused with 404 after it, or when the user
         *     key was never registered. The access token must belong to the operator named by `operatorId` (403 otherwise).
         *     The answer lists the notifications the pushed fields trigger. From then on the pushed status is what phones
         *     are served for that user and client (see `getClientPlanStatus`).
         */
        post: operations["pushPlanStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchaseCallbacks/{transactionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a queued purchase result
         * @description The `callbackUrl` GTAF puts in every `TransactionRequest`. The DPA POSTs the processed transaction's full
         *     `TransactionResponse`; `purchase.transactionId` must equal the path's. Repeated deliveries of a result are
         *     accepted (the DPA retries until it sees a 2xx). A bearer token is optional; one that is sent must be valid.
         */
        post: operations["deliverTransactionResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue an access token to a DPA
         * @description RFC 6749 token endpoint. `grant_type=client_credentials` with HTTP Basic client authentication (client id and
         *     secret form-urlencoded, then Base64), or `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` with an
         *     `assertion` JWT (RFC 7523) whose `iss`/`sub` is a registered service account, `aud` this endpoint's URL, signed
         *     with that account's key. Answers an ES256 JWT bearer token, valid `expires_in` seconds, for the account's
         *     operator. Errors the endpoint makes itself use RFC 6749 §5.2 bodies; a request the contract rejects before the
         *     endpoint runs (wrong media type) answers `GtafError`.
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the keys GTAF signs tokens with
         * @description The public keys of the tokens GTAF sends to DPAs and issues at `/oauth2/token` (a JWK Set, RFC 7517). The DPA
         *     verifies GTAF's calls against it (`DPA_JWKS_URL`).
         */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}/users/{userKey}/planStatus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a phone's plan status through GTAF
         * @description Data Plan Agent API guide, figure 4, steps 1 and 3. Answers from GTAF's cache while the cached answer's `expireTime` is in the
         *     future (`X-Gtaf-Cache: HIT`); otherwise calls the DPA's `planStatus` with `Cache-Control: no-cache` and the
         *     caller's `Accept-Language`, caches a valid answer until its `expireTime` and returns it (`MISS`). The cache
         *     key is client, key type, user key and Accept-Language. A DPA error is relayed with its status and `cause`;
         *     an unreachable DPA or one whose answer breaks the DPA contract gives 502. While the DPA asked GTAF to back
         *     off (429/503 with Retry-After), GTAF answers 503 with the remaining Retry-After without calling it.
         *     A status the DPA pushed for an MSISDN user (`pushPlanStatus`) replaces the cached answers of that user and
         *     client at once, in every language, and is served (`HIT`) until its own `expireTime`.
         */
        get: operations["getClientPlanStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}/users/{userKey}/planOffer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a phone's plan offers through GTAF
         * @description Like the plan status: cached until the DPA's `expireTime`, per client, key, Accept-Language and `context`.
         *     For the `mobiledataplan` client GTAF passes at most the first 10 offers (Data Plan Agent API guide).
         */
        get: operations["getClientPlanOffer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}/users/{userKey}/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Buy a plan for a phone through GTAF
         * @description GTAF starts a purchase at the DPA with a new unique `transactionId` and a `callbackUrl` pointing at
         *     `/v1/purchaseCallbacks/{transactionId}` on itself. When the DPA does not answer (timeout, connection reset)
         *     GTAF retries with the **same** `transactionId`, never a second transaction; a 429/503 with Retry-After
         *     schedules the retry after that many seconds. A retry answered 403 `DUPLICATE_TRANSACTION` means the first
         *     attempt executed, `REQUEST_QUEUED` that it is queued. The answer is the purchase record in whatever state the
         *     DPA left it (also for DPA errors such as 402 or 409, which appear as `FAILED` with the DPA's status and cause).
         */
        post: operations["startPurchase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/purchases/{transactionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a purchase GTAF started
         * @description The purchase record, including every attempt and the callback the DPA delivered, if any.
         */
        get: operations["getPurchase"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/registrations": {
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
         * @description GTAF calls the DPA's `POST /register` for an app with MSISDN access and, on success, accepts that user's
         *     plan-status pushes until the returned `expirationTime`. DPA errors are relayed with their status and cause
         *     (403 for a roaming or not-opted-in user).
         */
        post: operations["registerMsisdn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mock/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the recorded exchanges
         * @description Every HTTP exchange the mock took part in, newest last: its calls to the DPA and the DPA's calls to it, with
         *     status, headers (tokens redacted), bodies and the contract violations found. `format=html` (or
         *     `Accept: text/html`) renders a self-contained HTML page.
         */
        get: operations["listExchanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mock/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the mock's state
         * @description The DPA it plays GTAF for, the last dpaStatus poll, the cache, registrations and purchases.
         */
        get: operations["getMockState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mock/dpaStatus/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Poll the DPA's status now
         * @description Runs one `dpaStatus` poll now (GTAF also polls on an interval). When the DPA answers `UNAVAILABLE` or the poll
         *     fails, GTAF clears its cache of this operator.
         */
        post: operations["pollDpaStatus"];
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
         * @description The google.rpc.Code name of an error. HTTP status mapping used here: 400 `INVALID_ARGUMENT`, 401
         *     `UNAUTHENTICATED`, 402 and 410 `FAILED_PRECONDITION`, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 409 `ABORTED`,
         *     413 and 415 `INVALID_ARGUMENT`, 429 `RESOURCE_EXHAUSTED`, 500 `INTERNAL`, 501 `UNIMPLEMENTED`, 502 and 503
         *     `UNAVAILABLE`, 504 `DEADLINE_EXCEEDED`.
         * @enum {string}
         */
        GoogleStatus: "INVALID_ARGUMENT" | "UNAUTHENTICATED" | "FAILED_PRECONDITION" | "PERMISSION_DENIED" | "NOT_FOUND" | "ABORTED" | "RESOURCE_EXHAUSTED" | "INTERNAL" | "UNIMPLEMENTED" | "UNAVAILABLE" | "DEADLINE_EXCEEDED";
        /** @description Every GTAF error (google.rpc.Status JSON). `cause` is set when GTAF relays a DPA error. */
        GtafError: {
            error: {
                /** @description The HTTP status. */
                code: number;
                message: string;
                status: components["schemas"]["GoogleStatus"];
                cause?: components["schemas"]["ErrorCause"];
            };
        };
        /**
         * @description A notification GTAF sends the user because of a pushed field (Google's Push Notifications guide):
         *     `coarseBalanceLevel=LOW_QUOTA` → low balance, `OUT_OF_DATA` → out of data (with `PAY_AS_YOU_GO` → pay as you
         *     go), `planModuleState=EXPIRING_SOON` / `NEWLY_ACTIVE` / `EXPIRED` → expiration warning / plan activation / data
         *     expired, `accountInfo.accountTopUp` with `accountBalance` → top-up, `accountInfo.payAsYouGoCharge` → pay as you
         *     go. The literal names are UNCONFIRMED in the docs read; these are carrierkit's choice.
         * @enum {string}
         */
        NotificationType: "NOTIFICATION_LOW_BALANCE_WARNING" | "NOTIFICATION_OUT_OF_DATA" | "NOTIFICATION_PAYG" | "NOTIFICATION_DATA_EXPIRATION_WARNING" | "NOTIFICATION_PLAN_ACTIVATION" | "NOTIFICATION_DATA_EXPIRED" | "NOTIFICATION_ACCOUNT_TOP_UP";
        /** @description What GTAF did with a push. UNCONFIRMED shape (see the API description). */
        PlanStatusPushResponse: {
            /** @description `operators/{operatorId}/clients/{clientId}/users/{userKey}/planStatus`. */
            name: string;
            notifications: components["schemas"]["NotificationType"][];
        };
        /**
         * @description RFC 6749 §4.4 / RFC 7523 §2.1 token request. Fields are validated by the endpoint itself so that every error
         *     answers an RFC 6749 body.
         */
        TokenRequest: {
            /** @description `client_credentials` or `urn:ietf:params:oauth:grant-type:jwt-bearer`. */
            grant_type?: string;
            /** @description The service account's signed JWT (JWT-bearer grant). */
            assertion?: string;
            scope?: string;
            /** @description Accepted for client-credentials when no Basic header is sent (RFC 6749 §2.3.1 body form). */
            client_id?: string;
            client_secret?: string;
        };
        TokenResponse: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            expires_in: number;
            scope?: string;
        };
        /** @description RFC 6749 §5.2 error body. */
        OAuthError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";
            error_description?: string;
        };
        /** @description A public JSON Web Key (RFC 7517). */
        Jwk: {
            kty: string;
            kid?: string;
            alg?: string;
            use?: string;
            crv?: string;
            x?: string;
            y?: string;
            n?: string;
            e?: string;
        };
        Jwks: {
            keys: components["schemas"]["Jwk"][];
        };
        PurchaseStart: {
            /** @description `Offer.planId`. */
            planId: string;
            /** @description `Offer.offerContext`, if the offer had one. */
            offerContext?: string;
        };
        /**
         * @description `SUCCEEDED`: executed (200 SUCCESS, or a retry answered `DUPLICATE_TRANSACTION`). `QUEUED`: the DPA queued it
         *     and GTAF waits for the callback. `FAILED`: the DPA refused it (see `dpaStatus`/`cause`) or the callback
         *     reported a failure. `RETRY_SCHEDULED`: the DPA asked GTAF to retry after `retryAt`. `ABANDONED`: no answer
         *     after every attempt.
         * @enum {string}
         */
        PurchaseState: "SUCCEEDED" | "QUEUED" | "FAILED" | "RETRY_SCHEDULED" | "ABANDONED";
        PurchaseAttempt: {
            at: components["schemas"]["Timestamp"];
            /** @enum {string} */
            outcome: "answered" | "timeout" | "network_error" | "invalid_answer";
            /** @description The DPA's HTTP status, when it answered. */
            status?: number;
            cause?: components["schemas"]["ErrorCause"];
            retryAfterSeconds?: number;
        };
        PurchaseRecord: {
            transactionId: string;
            planId: string;
            offerContext?: string;
            clientId: string;
            userKey: string;
            keyType: components["schemas"]["KeyType"];
            /** Format: uri */
            callbackUrl: string;
            state: components["schemas"]["PurchaseState"];
            /** @description The HTTP status of the DPA's last answer. */
            dpaStatus?: number;
            cause?: components["schemas"]["ErrorCause"];
            response?: components["schemas"]["TransactionResponse"];
            callback?: components["schemas"]["TransactionResponse"];
            callbackReceivedAt?: components["schemas"]["Timestamp"];
            retryAt?: components["schemas"]["Timestamp"];
            attempts: components["schemas"]["PurchaseAttempt"][];
            createdAt: components["schemas"]["Timestamp"];
        };
        RegistrationStart: {
            msisdn: string;
        };
        Registration: {
            /** @description As the DPA answered it; pushes may use it with or without `+`. */
            msisdn: string;
            expirationTime: components["schemas"]["Timestamp"];
            registeredAt: components["schemas"]["Timestamp"];
            /** @description Whether pushes are accepted now. */
            live?: boolean;
            /** @description Pushes accepted so far. */
            pushes?: number;
        };
        /** @description One recorded HTTP exchange. */
        Exchange: {
            id: number;
            at: components["schemas"]["Timestamp"];
            /**
             * @description `to-dpa`: GTAF called the DPA. `from-dpa`: the DPA called GTAF.
             * @enum {string}
             */
            direction: "to-dpa" | "from-dpa";
            /** @description The operationId (of the DPA contract for `to-dpa`, of this one for `from-dpa`). */
            operation: string;
            method: string;
            url: string;
            requestHeaders?: {
                [key: string]: string;
            };
            requestBody?: unknown;
            /** @description Absent when no answer came. */
            status?: number;
            responseHeaders?: {
                [key: string]: string;
            };
            responseBody?: unknown;
            /** @description Why no answer came (timeout, connection refused). */
            error?: string;
            /** @description Where the answer breaks the DPA contract (for `to-dpa`) or the request breaks this one. */
            violations?: string[];
            durationMs: number;
        };
        ExchangeList: {
            exchanges: components["schemas"]["Exchange"][];
        };
        StatusPoll: {
            at: components["schemas"]["Timestamp"];
            /**
             * @description The DPA's status, `FAILED` when the poll got no valid answer, `BACKED_OFF` when skipped for Retry-After.
             * @enum {string}
             */
            outcome: "OPERATIONAL" | "UNAVAILABLE" | "UNKNOWN" | "FAILED" | "BACKED_OFF";
            httpStatus?: number;
            message?: string;
            /** @description Whether this poll cleared the operator's cache. */
            cacheCleared: boolean;
            entriesCleared?: number;
        };
        MockState: {
            dpaUrl: string;
            operatorId: string;
            lastPoll?: components["schemas"]["StatusPoll"];
            backoffUntil?: components["schemas"]["Timestamp"];
            cache: {
                key: string;
                expireTime: components["schemas"]["Timestamp"];
            }[];
            registrations: components["schemas"]["Registration"][];
            purchases: components["schemas"]["PurchaseRecord"][];
        };
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
         * @description Why a request failed. Status mapping used by carrierkit: 400 `BAD_REQUEST` (also an invalid purchase plan
         *     id), 402 `PAYMENT_MISSING`, 403 `USER_ROAMING` / `USER_OPT_OUT` / duplicate-transaction causes, 404
         *     `INVALID_NUMBER`, 409 `INCOMPATIBLE_PLAN`, 410 `BAD_CPID`, 429 `TOO_MANY_REQUESTS`, 501 and 503
         *     `SERVICE_UNAVAILABLE` (503 `BACKEND_FAILURE` when a back end is down), 500 `ERROR_CAUSE_UNSPECIFIED`.
         * @enum {string}
         */
        ErrorCause: "ERROR_CAUSE_UNSPECIFIED" | "INVALID_NUMBER" | "INCOMPATIBLE_PLAN" | "DUPLICATE_TRANSACTION" | "BAD_REQUEST" | "BAD_CPID" | "BACKEND_FAILURE" | "REQUEST_QUEUED" | "USER_ROAMING" | "USER_OPT_OUT" | "SIM_RELOAD_REQUIRED" | "TOO_MANY_REQUESTS" | "PAYMENT_MISSING" | "INVALID_IMSI" | "INELIGIBLE_FOR_SERVICE" | "SERVICE_UNAVAILABLE" | "SERVICE_NOT_SUBSCRIBED" | "ACCOUNT_SUSPENDED";
    };
    responses: {
        /** @description The request is malformed. */
        InvalidArgument: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The bearer token is missing, invalid or expired. */
        Unauthenticated: {
            headers: {
                /** @description RFC 6750 challenge. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The body is larger than GTAF accepts. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The body's media type is not the one the operation takes. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description Too many requests; retry after `Retry-After` seconds. */
        ResourceExhausted: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description Anything else; never carries internal details. */
        Internal: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description GTAF, or the DPA behind it, is temporarily unavailable; retry after `Retry-After` seconds. */
        Unavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The DPA did not answer, or its answer breaks the DPA contract. */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The DPA answered 403 (roaming user, not opted in); its cause is relayed. */
        RelayedForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The DPA answered 404 (the user key does not exist). */
        RelayedNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The DPA answered 410 (expired CPID); the phone must get a new CPID. */
        RelayedGone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
        /** @description The DPA does not implement this call (501). */
        RelayedNotImplemented: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["GtafError"];
            };
        };
    };
    parameters: {
        /**
         * @description The Google client (`mobiledataplan`, `youtube`, `AndroidSystemInfo`).
         * @example mobiledataplan
         */
        ClientId: string;
        /**
         * @description The phone's user key, a CPID or an MSISDN as `key_type` says; passed to the DPA as is.
         * @example 919876543210
         */
        DeviceUserKey: string;
        /**
         * @description `CPID` or `MSISDN`.
         * @example MSISDN
         */
        KeyType: components["schemas"]["KeyType"];
        /**
         * @description The phone's preferred languages; passed through to the DPA.
         * @example hi-IN, en;q=0.8
         */
        AcceptLanguage: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description `HIT` when answered from GTAF's cache, `MISS` when the DPA was called.
         * @example HIT
         */
        XGtafCache: "HIT" | "MISS";
        /**
         * @description The language of the body's strings (the DPA's `languageCode`).
         * @example hi-IN
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
    pushPlanStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The operator's ASN, as registered with Google.
                 * @example 64500
                 */
                operatorId: string;
                /**
                 * @description The Google client (`mobiledataplan`, `youtube`, `AndroidSystemInfo`).
                 * @example mobiledataplan
                 */
                clientId: components["parameters"]["ClientId"];
                /**
                 * @description The registered MSISDN (with or without `+`) or a live CPID.
                 * @example 919876543210
                 */
                userKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanStatus"];
            };
        };
        responses: {
            /** @description The status was stored; `notifications` lists what was sent to the user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanStatusPushResponse"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            401: components["responses"]["Unauthenticated"];
            /** @description The access token belongs to another operator. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtafError"];
                };
            };
            /** @description The user key is not registered, or its registration has expired. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtafError"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["ResourceExhausted"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    deliverTransactionResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The transaction GTAF started.
                 * @example 6b1f0e2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b
                 */
                transactionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransactionResponse"];
            };
        };
        responses: {
            /** @description Result recorded; the body is empty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is malformed, or names another transaction. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtafError"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            /** @description GTAF did not start this transaction. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtafError"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["ResourceExhausted"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description An access token. */
            200: {
                headers: {
                    /** @description Always `no-store` (RFC 6749 §5.1). */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Unsupported grant type, missing or invalid assertion, malformed request. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            /** @description Client authentication failed. */
            401: {
                headers: {
                    /** @description `Basic realm="gtaf"`. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthError"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The JWK Set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Jwks"];
                };
            };
            429: components["responses"]["ResourceExhausted"];
        };
    };
    getClientPlanStatus: {
        parameters: {
            query: {
                /**
                 * @description `CPID` or `MSISDN`.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
            };
            header?: {
                /**
                 * @description The phone's preferred languages; passed through to the DPA.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
            };
            path: {
                /**
                 * @description The Google client (`mobiledataplan`, `youtube`, `AndroidSystemInfo`).
                 * @example mobiledataplan
                 */
                clientId: components["parameters"]["ClientId"];
                /**
                 * @description The phone's user key, a CPID or an MSISDN as `key_type` says; passed to the DPA as is.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["DeviceUserKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's plan status. */
            200: {
                headers: {
                    "X-Gtaf-Cache": components["headers"]["XGtafCache"];
                    "Content-Language": components["headers"]["ContentLanguage"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanStatus"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            403: components["responses"]["RelayedForbidden"];
            404: components["responses"]["RelayedNotFound"];
            410: components["responses"]["RelayedGone"];
            500: components["responses"]["Internal"];
            501: components["responses"]["RelayedNotImplemented"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["Unavailable"];
        };
    };
    getClientPlanOffer: {
        parameters: {
            query: {
                /**
                 * @description `CPID` or `MSISDN`.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
                /**
                 * @description Opaque purchase context of the calling app, passed to the DPA.
                 * @example YouTube
                 */
                context?: string;
            };
            header?: {
                /**
                 * @description The phone's preferred languages; passed through to the DPA.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
            };
            path: {
                /**
                 * @description The Google client (`mobiledataplan`, `youtube`, `AndroidSystemInfo`).
                 * @example mobiledataplan
                 */
                clientId: components["parameters"]["ClientId"];
                /**
                 * @description The phone's user key, a CPID or an MSISDN as `key_type` says; passed to the DPA as is.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["DeviceUserKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The offers, in display order. */
            200: {
                headers: {
                    "X-Gtaf-Cache": components["headers"]["XGtafCache"];
                    "Content-Language": components["headers"]["ContentLanguage"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanOffer"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            403: components["responses"]["RelayedForbidden"];
            404: components["responses"]["RelayedNotFound"];
            410: components["responses"]["RelayedGone"];
            500: components["responses"]["Internal"];
            501: components["responses"]["RelayedNotImplemented"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["Unavailable"];
        };
    };
    startPurchase: {
        parameters: {
            query: {
                /**
                 * @description `CPID` or `MSISDN`.
                 * @example MSISDN
                 */
                key_type: components["parameters"]["KeyType"];
            };
            header?: {
                /**
                 * @description The phone's preferred languages; passed through to the DPA.
                 * @example hi-IN, en;q=0.8
                 */
                "Accept-Language"?: components["parameters"]["AcceptLanguage"];
            };
            path: {
                /**
                 * @description The Google client (`mobiledataplan`, `youtube`, `AndroidSystemInfo`).
                 * @example mobiledataplan
                 */
                clientId: components["parameters"]["ClientId"];
                /**
                 * @description The phone's user key, a CPID or an MSISDN as `key_type` says; passed to the DPA as is.
                 * @example 919876543210
                 */
                userKey: components["parameters"]["DeviceUserKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseStart"];
            };
        };
        responses: {
            /** @description The purchase record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseRecord"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
        };
    };
    getPurchase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The transaction GTAF started.
                 * @example 0d9f1a6e-7d8c-4b3a-9e2f-1a0b9c8d7e6f
                 */
                transactionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The purchase record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseRecord"];
                };
            };
            /** @description GTAF did not start this transaction. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtafError"];
                };
            };
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
                "application/json": components["schemas"]["RegistrationStart"];
            };
        };
        responses: {
            /** @description Registered; pushes for this MSISDN are accepted until `expirationTime`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Registration"];
                };
            };
            400: components["responses"]["InvalidArgument"];
            403: components["responses"]["RelayedForbidden"];
            404: components["responses"]["RelayedNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["Internal"];
            501: components["responses"]["RelayedNotImplemented"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["Unavailable"];
        };
    };
    listExchanges: {
        parameters: {
            query?: {
                /**
                 * @description `json` (default) or `html`.
                 * @example html
                 */
                format?: "json" | "html";
                /**
                 * @description At most this many of the newest exchanges.
                 * @example 50
                 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exchanges. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeList"];
                    "text/html": string;
                };
            };
            400: components["responses"]["InvalidArgument"];
        };
    };
    getMockState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MockState"];
                };
            };
            429: components["responses"]["ResourceExhausted"];
        };
    };
    pollDpaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The poll's outcome. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusPoll"];
                };
            };
            429: components["responses"]["ResourceExhausted"];
        };
    };
}
