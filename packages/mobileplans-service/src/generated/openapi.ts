// This file is generated. Do not edit it by hand.
// Source: specs/mobileplans-service/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/v1/sims/{simId}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the balances of a SIM
         * @description The SIM's balances, most urgent (soonest expiring) first, at most `limit`. A SIM without usable balance
         *     answers one `NONE` balance with 0 MB and `PT0S`; a SIM outside the operator's Mobile Plans ranges one
         *     `NOTSUPPORTED` balance; an unknown SIM 404.
         */
        get: operations["GetBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sims/{simmri}/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the gateway offers of a SIM
         * @description The configured gateway templates to show for the SIM, at most `limit`. The Mobile Plans service does not call
         *     it when the PC has no active profile of the operator; it then shows template `0`.
         */
        get: operations["GetOffers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sims/{simmri}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the toast notifications of a SIM
         * @description The toast notifications of the requested type that apply to the SIM now, at most `limit` (often none).
         */
        get: operations["GetNotifications"];
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
         * @description `iccid:` followed by the ICCID's digits (a trailing `F` is tolerated).
         * @example iccid:8988247000100003319
         */
        SimId: string;
        /** @example MSFT-12345678-1234-1234-1234-123456789abc */
        TransactionId: string;
        /** @example 1 */
        Limit: number;
        /**
         * @description `MODIRECT`: the SIM has a plan whose balance is not shown (postpaid or unlimited): the flyout offers "View my
         *     account" (an unlimited plan reports `dataRemainingInMB` 0: nothing is counted). `MODIRECTPAYG`: a plan with a data balance: the flyout shows the account link and the balance.
         *     `NONE`: no balance (also when 0 is left before expiry): "Connect with a data plan". `NOTSUPPORTED`: the SIM
         *     is outside the operator's Mobile Plans ranges: "View my account" only.
         * @enum {string}
         */
        BalanceType: "MODIRECT" | "MODIRECTPAYG" | "NONE" | "NOTSUPPORTED";
        Balance: {
            /** @description The balance's id (full template). */
            id?: string;
            type: components["schemas"]["BalanceType"];
            /** @description The plan's name (full template). */
            name?: string;
            /** @description Data left, in MB (10^6 bytes). Examples in Microsoft's documentation spell it `dataRemaininginMB`. */
            dataRemainingInMB: number;
            /** @description The plan's data allowance, in MB (full template; absent for unlimited plans). */
            dataTotalInMB?: number;
            /** @description Time left, an ISO 8601 duration (`P6DT23H`, `PT0S`). */
            timeRemaining: string;
            /**
             * Format: date-time
             * @description When the balance expires (full template).
             */
            expiryTime?: string;
        };
        BalancesResponse: {
            balances: components["schemas"]["Balance"][];
        };
        Offer: {
            /** @description The id of a gateway template the operator configured (`0` is the default template). */
            gatewayId: string;
        };
        OffersResponse: {
            offers: components["schemas"]["Offer"][];
        };
        Notification: {
            /** @description The id of the toast the operator configured for this notification. */
            notificationId: number;
            /** @enum {string} */
            notificationType: "lowBalance" | "zeroBalance" | "newOffer" | "trialOffer" | "trialEnding" | "trialEnded";
        };
        NotificationsResponse: {
            notifications: components["schemas"]["Notification"][];
        };
        /** @enum {string} */
        ErrorCode: "BadRequest" | "Unauthorized" | "Forbidden" | "NotFound" | "MethodNotAllowed" | "NotAcceptable" | "PayloadTooLarge" | "UnsupportedMediaType" | "Conflict" | "TooManyRequests" | "InternalError";
        Error: {
            code: components["schemas"]["ErrorCode"];
            message: string;
            /** @description The parameter or header a 400 is about (`limit`, `location`, `X-MS-DM-TransactionId` …). */
            parameter?: string;
            /** @description The request's `X-MS-DM-TransactionId`, when it had one. */
            transactionId?: string;
        };
    };
    responses: {
        /** @description A parameter or header is missing or invalid; `parameter` names it. */
        BadRequest: {
            headers: {
                "X-MS-DM-TransactionId": components["headers"]["TransactionIdIfSent"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid client certificate (missing, expired, not yet valid), or wrong Basic credentials. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The client certificate does not chain to the trusted CA, or its subject is not the Mobile Plans service's. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The operator does not know this ICCID. */
        UnknownSim: {
            headers: {
                "X-MS-DM-TransactionId": components["headers"]["TransactionIdIfSent"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description This `X-MS-DM-TransactionId` was seen before. */
        RepeatedTransaction: {
            headers: {
                "X-MS-DM-TransactionId": components["headers"]["TransactionIdIfSent"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests; retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The server failed; nothing about the cause is disclosed. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The Mobile Plans service's id of this request, echoed in the response; a repeated one is 409. */
        TransactionId: components["schemas"]["TransactionId"];
        /** @description The SIM, as `iccid:` and its ICCID (our decision; the format is not documented). */
        SimMri: components["schemas"]["SimId"];
        /** @description The most entries to answer (1 to 2,147,483,647). */
        OptionalLimit: components["schemas"]["Limit"];
        /** @description The most entries to answer (1 to 2,147,483,647). */
        RequiredLimit: components["schemas"]["Limit"];
        /** @description The PC's IMEI, informational. */
        Imei: string;
    };
    requestBodies: never;
    headers: {
        /** @description The request's `X-MS-DM-TransactionId`, echoed. */
        TransactionId: components["schemas"]["TransactionId"];
        /** @description The request's `X-MS-DM-TransactionId`, echoed when the request carried one. */
        TransactionIdIfSent: components["schemas"]["TransactionId"];
        /** @description Seconds to wait before the next request. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetBalance: {
        parameters: {
            query?: {
                /** @description `basic` (default) or `full`, matched case-insensitively. */
                fieldsTemplate?: string;
                /** @description The most entries to answer (1 to 2,147,483,647). */
                limit?: components["parameters"]["OptionalLimit"];
                /** @description The device's current country, ISO 3166-1 alpha-2, case-sensitive (upper case). */
                location?: string;
            };
            header: {
                /** @description The Mobile Plans service's id of this request, echoed in the response; a repeated one is 409. */
                "X-MS-DM-TransactionId": components["parameters"]["TransactionId"];
            };
            path: {
                /** @description `iccid:` and the SIM's ICCID (a trailing `F` is stripped). */
                simId: components["schemas"]["SimId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SIM's balances (a zero balance is a 200 too). */
            200: {
                headers: {
                    "X-MS-DM-TransactionId": components["headers"]["TransactionId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalancesResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UnknownSim"];
            409: components["responses"]["RepeatedTransaction"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    GetOffers: {
        parameters: {
            query: {
                /** @description The most entries to answer (1 to 2,147,483,647). */
                limit: components["parameters"]["RequiredLimit"];
                /** @description The PC's IMEI, informational. */
                imei?: components["parameters"]["Imei"];
            };
            header: {
                /** @description The Mobile Plans service's id of this request, echoed in the response; a repeated one is 409. */
                "X-MS-DM-TransactionId": components["parameters"]["TransactionId"];
            };
            path: {
                /** @description The SIM, as `iccid:` and its ICCID (our decision; the format is not documented). */
                simmri: components["parameters"]["SimMri"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The gateway templates to show, most relevant first. */
            200: {
                headers: {
                    "X-MS-DM-TransactionId": components["headers"]["TransactionId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OffersResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UnknownSim"];
            409: components["responses"]["RepeatedTransaction"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    GetNotifications: {
        parameters: {
            query: {
                /** @description The notification type, in either documented spelling (`LowBalance` or `lowBalance` …). */
                notificationType: "lowBalance" | "zeroBalance" | "newOffer" | "trialOffer" | "trialEnding" | "trialEnded" | "LowBalance" | "ZeroBalance" | "NewOffer" | "TrialOffer" | "TrialEnding" | "TrialEnded";
                /** @description The most entries to answer (1 to 2,147,483,647). */
                limit: components["parameters"]["RequiredLimit"];
                /** @description The PC's IMEI, informational. */
                imei?: components["parameters"]["Imei"];
            };
            header: {
                /** @description The Mobile Plans service's id of this request, echoed in the response; a repeated one is 409. */
                "X-MS-DM-TransactionId": components["parameters"]["TransactionId"];
            };
            path: {
                /** @description The SIM, as `iccid:` and its ICCID (our decision; the format is not documented). */
                simmri: components["parameters"]["SimMri"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notifications that apply (an empty list when none does). */
            200: {
                headers: {
                    "X-MS-DM-TransactionId": components["headers"]["TransactionId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UnknownSim"];
            409: components["responses"]["RepeatedTransaction"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
}
