// This file is generated. Do not edit it by hand.
// Source: specs/ts43/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Request an entitlement configuration
         * @description The GET form (TS.43 §2.3). With `EAP_ID` the server starts EAP-AKA and answers an EAP relay packet (an
         *     AKA-Challenge) with a session cookie; the device continues with the POST relay form. With `token` (and
         *     `IMSI`) the server checks the token and answers the configuration directly. Without either the request is
         *     not authenticated: 511.
         */
        get: operations["getEntitlementConfiguration"];
        put?: never;
        /**
         * Send an entitlement request or an EAP relay packet
         * @description Two bodies share this operation:
         *
         *     * `application/json` — the POST form of the configuration request (TS.43 §2.4, Table 6): the same parameters
         *       as the GET query, as a JSON object.
         *     * `application/vnd.gsma.eap-relay.v1.0+json` — the device's EAP-Response (AKA-Challenge response,
         *       Synchronization-Failure, Authentication-Reject or Client-Error) inside an authentication started by a GET
         *       or POST with `EAP_ID`, sent with the session cookie that request set. The answer is another challenge
         *       (after a resynchronisation) or, on success, the configuration document with a TOKEN.
         */
        post: operations["postEntitlementRequest"];
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
         * @description An application ID: `ap2003` VoLTE/VoNR, `ap2004` VoWiFi, `ap2005` SMSoIP, `ap2006` ODSA companion, `ap2009`
         *     ODSA primary, `ap2010` data plan information incl. data boost, `ap2011` ODSA server-initiated, `ap2012`
         *     Direct Carrier Billing, `ap2013` private user identity, `ap2014` device and user information, `ap2015` app
         *     authentication, `ap2016` satellite mode.
         * @example ap2010
         */
        AppId: string;
        /** @example 001010123456789 */
        Imsi: string;
        /**
         * @description The permanent EAP-AKA identity (leading `0`), 3-digit MNC zero-padded.
         * @example 0001010123456789@nai.epc.mnc001.mcc001.3gppnetwork.org
         */
        EapIdentity: string;
        /** @description One EAP packet (RFC 3748 / RFC 4187) in standard base64. */
        EapRelayPacket: {
            "eap-relay-packet": string;
        };
        /**
         * @description The POST form of a configuration request (TS.43 §2.4). `app` is a string or an array; AOSP's bracketed string
         *     `"[ap2003,ap2004]"` is accepted.
         */
        EntitlementRequestBody: {
            vers: number | string;
            entitlement_version: string;
            terminal_id?: string;
            terminal_vendor?: string;
            terminal_model?: string;
            terminal_sw_version?: string;
            app: string | components["schemas"]["AppId"][];
            IMSI?: components["schemas"]["Imsi"];
            EAP_ID?: components["schemas"]["EapIdentity"];
            token?: string;
            temporary_token?: string;
            operator_token?: string;
            app_name?: string;
            app_version?: string;
            notif_token?: string;
            notif_action?: number | string;
            boost_type?: number | string;
            GID1?: string;
            GID2?: string;
            requestor_id?: string;
        };
        /** @description A parameter value; carrierkit sends strings, clients accept numbers too. */
        Scalar: string | number;
        Vers: {
            version: components["schemas"]["Scalar"];
            validity: components["schemas"]["Scalar"];
        };
        TokenCharacteristic: {
            token: string;
            validity?: components["schemas"]["Scalar"];
        };
        /**
         * @description The `ap2010` characteristic of a data-boost real-time request (TS.43 §9.9-9.10; what Android reads).
         *     `EntitlementStatus`: 0 disabled, 1 enabled, 2 incompatible, 3 provisioning, 4 included. `ProvStatus`: 0 not
         *     provisioned, 1 provisioned, 2 not available (not tracked), 3 in progress (JSON numbers or strings).
         *     `ServiceFlow_ContentsType`: absent or `0` (the purchase page is opened with GET and `ServiceFlow_UserData` as
         *     its query), `json`/`1` or `xml`/`2` (POST with the user data, base64-decoded after `encodedValue=`, as the
         *     body).
         */
        DataBoostApplication: {
            /** @enum {string|integer} */
            EntitlementStatus: "0" | "1" | "2" | "3" | "4" | 0 | 1 | 2 | 3 | 4;
            /** @enum {string|integer} */
            ProvStatus?: "0" | "1" | "2" | "3" | 0 | 1 | 2 | 3;
            /** Format: uri */
            ServiceFlow_URL?: string;
            ServiceFlow_UserData?: string;
            /** @enum {string} */
            ServiceFlow_ContentsType?: "json" | "xml" | "0" | "1" | "2";
        } & {
            [key: string]: components["schemas"]["Scalar"];
        };
        /**
         * @description The JSON configuration document (TS.43 §2.9.4): `Vers`, optional `Token`, and one object per requested
         *     application keyed by its AppID.
         */
        EntitlementConfiguration: {
            Vers: components["schemas"]["Vers"];
            Token?: components["schemas"]["TokenCharacteristic"];
            ap2010?: components["schemas"]["DataBoostApplication"];
        } & {
            [key: string]: Record<string, never>;
        };
        /** @description carrierkit's diagnostic error body; TS.43 defines status codes only. */
        EntitlementError: {
            error: string;
        };
    };
    responses: {
        /**
         * @description An EAP relay packet (the authentication continues), or the configuration document in JSON or XML. A response
         *     that starts an EAP exchange sets the session cookie.
         */
        Configuration: {
            headers: {
                "Set-Cookie": components["headers"]["SetCookie"];
                [name: string]: unknown;
            };
            content: {
                "application/vnd.gsma.eap-relay.v1.0+json": components["schemas"]["EapRelayPacket"];
                "application/json": components["schemas"]["EntitlementConfiguration"];
                "text/vnd.wap.connectivity-xml": string;
            };
        };
        /** @description A parameter is missing or malformed, or an EAP packet is malformed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /** @description The identity is invalid or unknown, or EAP-AKA authentication failed (AAA results 4001, 5001, 5003). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /** @description The `entitlement_version` is not supported ("protocol not supported", TS.43 §2.5). */
        VersionNotSupported: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /** @description The POST body is neither `application/json` nor the EAP relay type. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /** @description Unexpected server failure. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /** @description The requested operation is not implemented. */
        NotImplemented: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /**
         * @description Temporarily unavailable (for example the AAA server cannot be reached, or one identity started too many EAP-AKA
         *     authentications: the reference server limits them per IMSI); retry after `Retry-After`.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
        /**
         * @description Network Authentication Required (TS.43 §2.10): no authentication parameters, an expired or unknown token, or an
         *     EAP session that expired. The device must authenticate again (EAP-AKA, or without `EAP_ID` for OIDC).
         */
        AuthenticationRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["EntitlementError"];
            };
        };
    };
    parameters: {
        /**
         * @description The configuration version the device holds (0 at first, or to force a full configuration).
         * @example 0
         */
        Vers: number;
        /**
         * @description The TS.43 version the device speaks (`2.0` from Android's library, up to `12.0`). Unsupported versions get 406.
         * @example 2.0
         */
        EntitlementVersion: string;
        /**
         * @description The device's IMEI (preferred) or a UUID. Required unless `requestor_id` is given.
         * @example 356938035643809
         */
        TerminalId: string;
        /**
         * @description Device vendor (Android's slicing client sends a fake value, `vendorX` or `vend`).
         * @example vend
         */
        TerminalVendor: string;
        /**
         * @description Device model (Android's slicing client sends `modelY`).
         * @example modelY
         */
        TerminalModel: string;
        /**
         * @description Device software version (Android's slicing client sends `versionZ`).
         * @example versionZ
         */
        TerminalSwVersion: string;
        /**
         * @description One or more application IDs, repeated (`app=ap2003&app=ap2004`). `ap2010` is the data-boost application.
         * @example [
         *       "ap2010"
         *     ]
         */
        App: components["schemas"]["AppId"][];
        /** @description The subscriber's IMSI, sent with `token` for token authentication. */
        Imsi: components["schemas"]["Imsi"];
        /**
         * @description The root NAI `0<IMSI>@nai.epc.mnc<MNC3>.mcc<MCC>.3gppnetwork.org`; starts embedded EAP-AKA. AOSP encodes the `@`
         *     (`%40`); RFC 3986 allows it raw in a query, and both are accepted.
         */
        EapId: components["schemas"]["EapIdentity"];
        /**
         * @description A token from an earlier authentication's TOKEN characteristic (fast re-authentication).
         * @example ASH127AHHA88SF
         */
        Token: string;
        /** @description A temporary token handed to a third party (TS.43 §2.8.6). */
        TemporaryToken: string;
        /** @description An operator token (App authentication use case). */
        OperatorToken: string;
        /** @description The calling application's name; recommended as a unique client identifier. */
        AppName: string;
        /** @description The calling application's version. */
        AppVersion: string;
        /** @description Push notification token of the device. */
        NotifToken: string;
        /** @description Push channel - 0 disable, 1 GCM, 2 FCM, 3 WNS, 4 APNS. */
        NotifAction: 0 | 1 | 2 | 3 | 4;
        /**
         * @description Data boost real-time request (TS.43 §9.7, Table 77). `0` (REALTIME_INTERACTIVE_TRAFFIC, what Android sends
         *     for PRIORITIZE_LATENCY) and `166` (the TS 24.526 connection capability "real-time interactive") mean the same.
         * @example 0
         */
        BoostType: number;
        /** @description SIM group identifier level 1 (hex). */
        Gid1: string;
        /** @description SIM group identifier level 2 (hex). */
        Gid2: string;
        /** @description Identifier of a server requesting for the device (makes `terminal_id` optional). */
        RequestorId: string;
        /**
         * @description Which document form the device reads (see the API description).
         * @example application/vnd.gsma.eap-relay.v1.0+json
         */
        Accept: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The EAP session cookie to send back with the relay POST.
         * @example ECS_SESSION=2f9c7e0a4b1d4f3e8a6b5c4d3e2f1a0b; Path=/; HttpOnly; Secure; SameSite=Strict
         */
        SetCookie: string;
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
    getEntitlementConfiguration: {
        parameters: {
            query: {
                /**
                 * @description The configuration version the device holds (0 at first, or to force a full configuration).
                 * @example 0
                 */
                vers: components["parameters"]["Vers"];
                /**
                 * @description The TS.43 version the device speaks (`2.0` from Android's library, up to `12.0`). Unsupported versions get 406.
                 * @example 2.0
                 */
                entitlement_version: components["parameters"]["EntitlementVersion"];
                /**
                 * @description The device's IMEI (preferred) or a UUID. Required unless `requestor_id` is given.
                 * @example 356938035643809
                 */
                terminal_id?: components["parameters"]["TerminalId"];
                /**
                 * @description Device vendor (Android's slicing client sends a fake value, `vendorX` or `vend`).
                 * @example vend
                 */
                terminal_vendor?: components["parameters"]["TerminalVendor"];
                /**
                 * @description Device model (Android's slicing client sends `modelY`).
                 * @example modelY
                 */
                terminal_model?: components["parameters"]["TerminalModel"];
                /**
                 * @description Device software version (Android's slicing client sends `versionZ`).
                 * @example versionZ
                 */
                terminal_sw_version?: components["parameters"]["TerminalSwVersion"];
                /**
                 * @description One or more application IDs, repeated (`app=ap2003&app=ap2004`). `ap2010` is the data-boost application.
                 * @example [
                 *       "ap2010"
                 *     ]
                 */
                app: components["parameters"]["App"];
                /** @description The subscriber's IMSI, sent with `token` for token authentication. */
                IMSI?: components["parameters"]["Imsi"];
                /**
                 * @description The root NAI `0<IMSI>@nai.epc.mnc<MNC3>.mcc<MCC>.3gppnetwork.org`; starts embedded EAP-AKA. AOSP encodes the `@`
                 *     (`%40`); RFC 3986 allows it raw in a query, and both are accepted.
                 */
                EAP_ID?: components["parameters"]["EapId"];
                /**
                 * @description A token from an earlier authentication's TOKEN characteristic (fast re-authentication).
                 * @example ASH127AHHA88SF
                 */
                token?: components["parameters"]["Token"];
                /** @description A temporary token handed to a third party (TS.43 §2.8.6). */
                temporary_token?: components["parameters"]["TemporaryToken"];
                /** @description An operator token (App authentication use case). */
                operator_token?: components["parameters"]["OperatorToken"];
                /** @description The calling application's name; recommended as a unique client identifier. */
                app_name?: components["parameters"]["AppName"];
                /** @description The calling application's version. */
                app_version?: components["parameters"]["AppVersion"];
                /** @description Push notification token of the device. */
                notif_token?: components["parameters"]["NotifToken"];
                /** @description Push channel - 0 disable, 1 GCM, 2 FCM, 3 WNS, 4 APNS. */
                notif_action?: components["parameters"]["NotifAction"];
                /**
                 * @description Data boost real-time request (TS.43 §9.7, Table 77). `0` (REALTIME_INTERACTIVE_TRAFFIC, what Android sends
                 *     for PRIORITIZE_LATENCY) and `166` (the TS 24.526 connection capability "real-time interactive") mean the same.
                 * @example 0
                 */
                boost_type?: components["parameters"]["BoostType"];
                /** @description SIM group identifier level 1 (hex). */
                GID1?: components["parameters"]["Gid1"];
                /** @description SIM group identifier level 2 (hex). */
                GID2?: components["parameters"]["Gid2"];
                /** @description Identifier of a server requesting for the device (makes `terminal_id` optional). */
                requestor_id?: components["parameters"]["RequestorId"];
            };
            header?: {
                /**
                 * @description Which document form the device reads (see the API description).
                 * @example application/vnd.gsma.eap-relay.v1.0+json
                 */
                Accept?: components["parameters"]["Accept"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Configuration"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["VersionNotSupported"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
            511: components["responses"]["AuthenticationRequired"];
        };
    };
    postEntitlementRequest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Which document form the device reads (see the API description).
                 * @example application/vnd.gsma.eap-relay.v1.0+json
                 */
                Accept?: components["parameters"]["Accept"];
                /**
                 * @description The EAP session cookie (`ECS_SESSION=…`) set by the response that started the authentication.
                 * @example ECS_SESSION=2f9c7e0a4b1d4f3e8a6b5c4d3e2f1a0b
                 */
                Cookie?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntitlementRequestBody"];
                "application/vnd.gsma.eap-relay.v1.0+json": components["schemas"]["EapRelayPacket"];
            };
        };
        responses: {
            200: components["responses"]["Configuration"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["VersionNotSupported"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
            511: components["responses"]["AuthenticationRequired"];
        };
    };
}
