// This file is generated. Do not edit it by hand.
// Source: specs/es2plus/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/gsma/rsp2/es2plus/downloadOrder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reserve a profile for download
         * @description SGP.22 §5.3.1 ES2+.DownloadOrder. Picks the profile with `iccid` (or, without it, the first `Available` one of
         *     `profileType`) and moves it to `Allocated`, or `Linked` when `eid` is given. Failures: `8.2.1`/`3.9` unknown
         *     ICCID; `8.2.1`/`3.3` the profile is not `Available` (already in use); `8.2.5`/`3.9` unknown profile type;
         *     `8.2.5`/`3.7` no profile of that type left; `8.2.5`/`3.8` the type does not match the ICCID's profile;
         *     `8.1.1`/`2.1` an EID that is not 32 digits; `8.2.1`/`2.2` neither `iccid` nor `profileType`.
         */
        post: operations["downloadOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es2plus/confirmOrder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a download order
         * @description SGP.22 §5.3.2 ES2+.ConfirmOrder. The profile must be `Allocated` or `Linked`; it becomes `Confirmed`, or
         *     `Released` when `releaseFlag` is true. Without `matchingId` the SM-DP+ generates one (unless `eid` is given,
         *     which allows a download by EID without a matching id: the default SM-DP+ address form). A confirmation code is
         *     kept only as its SHA-256 hash. Failures: `8.2.1`/`3.9` unknown ICCID; `8.2.1`/`3.5` the profile is not
         *     `Allocated`/`Linked` (e.g. confirmed twice); `8.1.1`/`3.10` an EID other than the one linked by DownloadOrder;
         *     `8.2.6`/`3.3` the matching id is in use by another profile; `8.2.6`/`2.1` an invalid matching id;
         *     `8.2.7`/`2.1` an empty confirmation code.
         */
        post: operations["confirmOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es2plus/cancelOrder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a download order
         * @description SGP.22 §5.3.3 ES2+.CancelOrder. Allowed while the profile is `Allocated`, `Linked`, `Confirmed` or `Released`;
         *     the profile becomes `Available` or `Unavailable` as `finalProfileStatusIndicator` says. Failures: `8.2.1`/`3.9`
         *     unknown ICCID; `8.2.1`/`3.5` the profile was already downloaded or installed (cancel after download) or has no
         *     order; `8.1.1`/`3.10` a different EID; `8.2.6`/`3.10` a different matching id.
         */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es2plus/releaseProfile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release a confirmed profile for download
         * @description SGP.22 §5.3.4 ES2+.ReleaseProfile. The profile must be `Confirmed`; it becomes `Released`. Failures:
         *     `8.2.1`/`3.9` unknown ICCID; `8.2.1`/`3.5` the profile is not `Confirmed` (it cannot be released).
         */
        post: operations["releaseProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es9plus/initiateAuthentication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open an RSP session
         * @description SGP.22 §5.6.1 ES9+.InitiateAuthentication. The SM-DP+ allocates a transaction id and a server challenge and
         *     signs `serverSigned1`. Failures: `8.8.1`/`3.8` the `smdpAddress` is not this SM-DP+'s address; `8.8.3`/`3.1`
         *     an unsupported specification version (not 2.x).
         */
        post: operations["initiateAuthentication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es9plus/authenticateClient": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Authenticate the eUICC and pick its profile
         * @description SGP.22 §5.6.2 ES9+.AuthenticateClient. Verifies the eUICC's signature and finds the profile by matching id (or,
         *     without one, the released profile linked to this EID). Failures: `8.10.1`/`3.9` unknown or expired transaction
         *     id; `8.1`/`6.1` the eUICC signature does not verify; `8.1.3`/`6.1` the eUICC's key is not the one registered for
         *     its EID; `8.2.6`/`3.8` unknown matching id; `8.1.1`/`3.9` no order for this EID (download by EID); `8.1.1`/`3.8`
         *     the profile is linked to another EID; `8.2`/`1.2` the profile has not been released; `8.2.1`/`3.3` the profile
         *     was already downloaded (not available for a new binding); `8.2.5`/`4.3` no eligible profile for this device
         *     (radio access technology); `8.8.5`/`6.4` the download order's attempts are exhausted.
         */
        post: operations["authenticateClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es9plus/getBoundProfilePackage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Download the bound profile package
         * @description SGP.22 §5.6.3 ES9+.GetBoundProfilePackage. Checks the confirmation code hash when the order has one, and
         *     returns the bound profile package; the profile becomes `Downloaded`. Failures: `8.10.1`/`3.9` unknown or
         *     expired transaction id; `8.1`/`6.1` bad eUICC signature; `8.2.7`/`2.2` confirmation code missing;
         *     `8.2.7`/`3.8` confirmation code refused; `8.2.7`/`6.4` too many wrong confirmation codes (the order is then
         *     unusable).
         */
        post: operations["getBoundProfilePackage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es9plus/handleNotification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deliver an eUICC notification
         * @description SGP.22 §5.6.4 ES9+.HandleNotification: the LPA forwards the eUICC's pending notification (the Profile
         *     Installation Result, or enable/disable/delete). An install success makes the profile `Installed`, a failure
         *     `Error`. As in SGP.22 the answer is HTTP 204 without a body, whatever the notification said.
         */
        post: operations["handleNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsma/rsp2/es9plus/cancelSession": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an RSP session
         * @description SGP.22 §5.6.5 ES9+.CancelSession: the end user refused, postponed or the eUICC could not load the package. The
         *     session ends; the profile stays `Released` so the activation code can be used again (counted as a download
         *     attempt). Failures: `8.10.1`/`3.9` unknown transaction id; `8.1`/`6.1` bad eUICC signature.
         */
        post: operations["cancelSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    handleDownloadProgressInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report download progress to the operator
         * @description SGP.22 §5.3.5 ES2+.HandleDownloadProgressInfo, called by the SM-DP+ on the operator's notification URL at each
         *     notification point: `1` eligibility and retry-limit check (after AuthenticateClient), `2` confirmation failure,
         *     `3` bound profile package download (GetBoundProfilePackage, or its cancellation), `4` bound profile package
         *     installation (the installation result). The SM-DP+ retries with back-off until the operator answers HTTP 200;
         *     it never holds up the LPA.
         */
        post: operations["handleDownloadProgressInfo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description SGP.22 §6.5.1.3 request header of ES2+ functions. */
        RequestHeader: {
            functionRequesterIdentifier: string;
            functionCallIdentifier: string;
        };
        /** @description SGP.22 §6.5.1.4 status code data of a failed function (codes of §5.2.6). */
        StatusCodeData: {
            /** @example 8.2.1 */
            subjectCode: string;
            /** @example 3.9 */
            reasonCode: string;
            subjectIdentifier?: string;
            message?: string;
        };
        FunctionExecutionStatus: {
            /** @enum {string} */
            status: "Executed-Success" | "Executed-WithWarning" | "Failed" | "Expired";
            statusCodeData?: components["schemas"]["StatusCodeData"];
        };
        ResponseHeader: {
            functionExecutionStatus: components["schemas"]["FunctionExecutionStatus"];
        };
        HeaderOnlyResponse: {
            header: components["schemas"]["ResponseHeader"];
        };
        /**
         * @description The eUICC identifier, 32 digits (SGP.29).
         * @example 89033023422130000000000199055797
         */
        Eid: string;
        /**
         * @description ICCID (ITU-T E.118), 18 to 20 digits; an F filler is not carried.
         * @example 8988247000101867183
         */
        Iccid: string;
        /**
         * @description The matching id of an activation code (SGP.22 §4.1), letters, digits and hyphens.
         * @example QR-G-5C-1LS-1W1Z9P7
         */
        MatchingId: string;
        /**
         * @description The RSP session's transaction id, 1 to 16 octets as upper-case hex.
         * @example 6B3D5E1AA0C34F2B8E0D7C6B5A493827
         */
        TransactionId: string;
        Base64: string;
        /** @enum {string} */
        ProfileClass: "test" | "provisioning" | "operational";
        DownloadOrderRequest: {
            header: components["schemas"]["RequestHeader"];
            /** @description 32 digits; an EID of another form is refused (8.1.1/2.1). */
            eid?: string;
            iccid?: components["schemas"]["Iccid"];
            profileType?: string;
        };
        DownloadOrderResponse: {
            header: components["schemas"]["ResponseHeader"];
            iccid?: components["schemas"]["Iccid"];
        };
        ConfirmOrderRequest: {
            header: components["schemas"]["RequestHeader"];
            iccid: components["schemas"]["Iccid"];
            eid?: components["schemas"]["Eid"];
            /** @description Refused with 8.2.6/2.1 unless it matches MatchingId. */
            matchingId?: string;
            /** @description The confirmation code; kept only hashed. */
            confirmationCode?: string;
            smdsAddress?: string;
            releaseFlag: boolean;
        };
        ConfirmOrderResponse: {
            header: components["schemas"]["ResponseHeader"];
            eid?: components["schemas"]["Eid"];
            matchingId?: components["schemas"]["MatchingId"];
            smdpAddress?: string;
        };
        CancelOrderRequest: {
            header: components["schemas"]["RequestHeader"];
            iccid: components["schemas"]["Iccid"];
            eid?: components["schemas"]["Eid"];
            matchingId?: string;
            /** @enum {string} */
            finalProfileStatusIndicator: "Available" | "Unavailable";
        };
        ReleaseProfileRequest: {
            header: components["schemas"]["RequestHeader"];
            iccid: components["schemas"]["Iccid"];
        };
        /** @description The device's capabilities (SGP.22 DeviceInfo; stand-in: the radio access technologies it supports). */
        DeviceInfo: {
            tac: string;
            imei?: string;
            rats: ("GSM" | "UMTS" | "LTE" | "NR")[];
        };
        EuiccInfo1: {
            /** @description The SGP.22 version the eUICC implements. */
            svn: string;
        };
        InitiateAuthenticationRequest: {
            euiccChallenge: components["schemas"]["Base64"];
            euiccInfo1: components["schemas"]["EuiccInfo1"];
            smdpAddress: string;
        };
        ServerSigned1: {
            transactionId: components["schemas"]["TransactionId"];
            euiccChallenge: components["schemas"]["Base64"];
            serverAddress: string;
            serverChallenge: components["schemas"]["Base64"];
        };
        InitiateAuthenticationResponse: {
            header: components["schemas"]["ResponseHeader"];
            transactionId?: components["schemas"]["TransactionId"];
            serverSigned1?: components["schemas"]["ServerSigned1"];
            serverSignature1?: components["schemas"]["Base64"];
            /** @description Stand-in for the SM-DP+ certificate: its P-256 public key (base64 DER SubjectPublicKeyInfo). */
            serverCertificate?: components["schemas"]["Base64"];
        };
        EuiccSigned1: {
            transactionId: components["schemas"]["TransactionId"];
            serverAddress: string;
            serverChallenge: components["schemas"]["Base64"];
            ctxParams1: {
                matchingId?: string;
                deviceInfo: components["schemas"]["DeviceInfo"];
            };
        };
        AuthenticateClientRequest: {
            transactionId: components["schemas"]["TransactionId"];
            euiccSigned1: components["schemas"]["EuiccSigned1"];
            euiccSignature1: components["schemas"]["Base64"];
            euiccCertificate: components["schemas"]["EuiccCertificate"];
        };
        /** @description Stand-in for the eUICC and EUM certificates, the EID and the eUICC's P-256 public key. */
        EuiccCertificate: {
            eid: components["schemas"]["Eid"];
            publicKey: components["schemas"]["Base64"];
        };
        /** @description SGP.22 StoreMetadataRequest subset shown to the user before consent. */
        ProfileMetadata: {
            iccid: components["schemas"]["Iccid"];
            serviceProviderName: string;
            profileName: string;
            profileClass: components["schemas"]["ProfileClass"];
            /** @description Profile policy rules the profile carries (SGP.22 §2.9: ppr1 disabling not allowed, ppr2 deletion not allowed). */
            pprIds?: ("ppr1" | "ppr2")[];
        };
        SmdpSigned2: {
            transactionId: components["schemas"]["TransactionId"];
            ccRequiredFlag: boolean;
        };
        AuthenticateClientResponse: {
            header: components["schemas"]["ResponseHeader"];
            transactionId?: components["schemas"]["TransactionId"];
            profileMetadata?: components["schemas"]["ProfileMetadata"];
            smdpSigned2?: components["schemas"]["SmdpSigned2"];
            smdpSignature2?: components["schemas"]["Base64"];
        };
        EuiccSigned2: {
            transactionId: components["schemas"]["TransactionId"];
            euiccOtpk: components["schemas"]["Base64"];
            /** @description SHA-256(SHA-256(confirmation code) ‖ transaction id octets), base64. */
            hashCc?: components["schemas"]["Base64"];
        };
        GetBoundProfilePackageRequest: {
            transactionId: components["schemas"]["TransactionId"];
            euiccSigned2: components["schemas"]["EuiccSigned2"];
            euiccSignature2: components["schemas"]["Base64"];
        };
        GetBoundProfilePackageResponse: {
            header: components["schemas"]["ResponseHeader"];
            transactionId?: components["schemas"]["TransactionId"];
            /** @description The stand-in bound profile package: base64 of a JSON object (profile metadata, transaction id, sha256). */
            boundProfilePackage?: components["schemas"]["Base64"];
        };
        HandleNotificationRequest: {
            pendingNotification: {
                notificationMetadata: {
                    seqNumber: number;
                    /** @enum {string} */
                    profileManagementOperation: "install" | "enable" | "disable" | "delete";
                    notificationAddress: string;
                    iccid?: components["schemas"]["Iccid"];
                };
                transactionId?: components["schemas"]["TransactionId"];
                /** @description The Profile Installation Result of an install notification. */
                finalResult?: {
                    success: boolean;
                    errorReason?: string;
                };
            };
        };
        CancelSessionRequest: {
            transactionId: components["schemas"]["TransactionId"];
            euiccCancelSessionSigned: {
                transactionId: components["schemas"]["TransactionId"];
                /**
                 * @description SGP.22 CancelSessionReason.
                 * @enum {string}
                 */
                reason: "endUserRejection" | "postponed" | "timeout" | "pprNotAllowed" | "metadataMismatch" | "loadBppExecutionError" | "undefinedReason";
            };
            euiccCancelSessionSignature: components["schemas"]["Base64"];
        };
        HandleDownloadProgressInfoRequest: {
            header: components["schemas"]["RequestHeader"];
            eid?: components["schemas"]["Eid"];
            iccid: components["schemas"]["Iccid"];
            profileType?: string;
            /** Format: date-time */
            timestamp: string;
            notificationPointId: number;
            notificationPointStatus: components["schemas"]["FunctionExecutionStatus"];
            resultData?: components["schemas"]["Base64"];
        };
    };
    responses: {
        /** @description The caller is not authenticated (subject `1.1` Function Requester, reason `1.1` Unknown). */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HeaderOnlyResponse"];
            };
        };
        /** @description The body is not JSON or does not match this document (subject `1.3.1`, reason `2.1` or `2.2`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "header": {
                 *         "functionExecutionStatus": {
                 *           "status": "Failed",
                 *           "statusCodeData": {
                 *             "subjectCode": "1.3.1",
                 *             "reasonCode": "2.1",
                 *             "message": "The request body is not valid JSON."
                 *           }
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["HeaderOnlyResponse"];
            };
        };
        /** @description An unexpected server error (subject `1.2`, reason `4.2`). */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["HeaderOnlyResponse"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    downloadOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "header": {
                 *         "functionRequesterIdentifier": "operator-core",
                 *         "functionCallIdentifier": "call-1"
                 *       },
                 *       "iccid": "8988247000101867183"
                 *     }
                 */
                "application/json": components["schemas"]["DownloadOrderRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "header": {
                     *         "functionExecutionStatus": {
                     *           "status": "Executed-Success"
                     *         }
                     *       },
                     *       "iccid": "8988247000101867183"
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadOrderResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
        };
    };
    confirmOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "header": {
                 *         "functionRequesterIdentifier": "operator-core",
                 *         "functionCallIdentifier": "call-2"
                 *       },
                 *       "iccid": "8988247000101867183",
                 *       "releaseFlag": true
                 *     }
                 */
                "application/json": components["schemas"]["ConfirmOrderRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "header": {
                     *         "functionExecutionStatus": {
                     *           "status": "Executed-Success"
                     *         }
                     *       },
                     *       "matchingId": "QR-G-5C-1LS-1W1Z9P7",
                     *       "smdpAddress": "smdp.example.com"
                     *     }
                     */
                    "application/json": components["schemas"]["ConfirmOrderResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "header": {
                 *         "functionRequesterIdentifier": "operator-core",
                 *         "functionCallIdentifier": "call-3"
                 *       },
                 *       "iccid": "8988247000101867183",
                 *       "finalProfileStatusIndicator": "Available"
                 *     }
                 */
                "application/json": components["schemas"]["CancelOrderRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "header": {
                     *         "functionExecutionStatus": {
                     *           "status": "Executed-Success"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HeaderOnlyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
        };
    };
    releaseProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "header": {
                 *         "functionRequesterIdentifier": "operator-core",
                 *         "functionCallIdentifier": "call-4"
                 *       },
                 *       "iccid": "8988247000101867183"
                 *     }
                 */
                "application/json": components["schemas"]["ReleaseProfileRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "header": {
                     *         "functionExecutionStatus": {
                     *           "status": "Executed-Success"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HeaderOnlyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
        };
    };
    initiateAuthentication: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InitiateAuthenticationRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InitiateAuthenticationResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["ServerError"];
        };
    };
    authenticateClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuthenticateClientRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthenticateClientResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["ServerError"];
        };
    };
    getBoundProfilePackage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetBoundProfilePackageRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBoundProfilePackageResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["ServerError"];
        };
    };
    handleNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandleNotificationRequest"];
            };
        };
        responses: {
            /** @description The notification was received. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["ServerError"];
        };
    };
    cancelSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelSessionRequest"];
            };
        };
        responses: {
            /** @description The function's result (also when it failed). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeaderOnlyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["ServerError"];
        };
    };
    handleDownloadProgressInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandleDownloadProgressInfoRequest"];
            };
        };
        responses: {
            /** @description The operator received the notification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeaderOnlyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["ServerError"];
        };
    };
}
