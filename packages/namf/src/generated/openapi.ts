// This file is generated. Do not edit it by hand.
// Source: specs/namf/openapi.yaml
// Generator: openapi-typescript 7 (npm run generate); npm test fails when it drifts from the source.

export interface paths {
    "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a NAS message to the device
         * @description The PCF hands the AMF a MANAGE UE POLICY COMMAND for the UE. 200 `N1_N2_TRANSFER_INITIATED`: the UE is
         *     connected and the AMF sent the DL NAS TRANSPORT; 202 `ATTEMPTING_TO_REACH_UE`: the UE is idle and is being
         *     paged (the message is sent when it answers). Either way the UE's answer comes later as an `N1MessageNotify`
         *     to the PCF's subscription.
         */
        post: operations["N1N2MessageTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe to the NAS messages of a device
         * @description The PCF subscribes to the UE's N1 messages of class `UPDP`; the AMF posts each one (the UE's COMPLETE or
         *     COMMAND REJECT) to `n1NotifyCallbackUri` as an `N1MessageNotify`. A second subscription of the same consumer
         *     replaces nothing: each has its own id.
         */
        post: operations["N1N2MessageSubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a NAS message subscription
         * @description The PCF ends its subscription (UE policy association termination).
         */
        delete: operations["N1N2MessageUnSubscribe"];
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
         * @description A URI (RFC 3986).
         * @example http://127.0.0.1:4030/pcf/n1-notify
         */
        Uri: string;
        /**
         * @description Supported features bitmask (TS 29.500 §6.6), hexadecimal.
         * @example 0
         */
        SupportedFeatures: string;
        /**
         * Format: uuid
         * @description The NF instance id (UUID).
         * @example 3fa85f64-5717-4562-b3fc-2c963f66afa6
         */
        NfInstanceId: string;
        /**
         * @description The UE's SUPI (TS 23.003 §2.2A), `imsi-<IMSI>` for an IMSI.
         * @example imsi-001010000000001
         */
        Supi: string;
        /**
         * @description The N1 message class; this subset carries `UPDP` (UE policy delivery) only.
         * @example UPDP
         * @enum {string}
         */
        N1MessageClass: "UPDP";
        /**
         * @description Names a binary body part by its `Content-ID`.
         * @example {
         *       "contentId": "n1msg"
         *     }
         */
        RefToBinaryData: {
            /** @description The `Content-ID` of the referenced body part. */
            contentId: string;
        };
        /**
         * @description An N1 message (its class and a reference to its binary part).
         * @example {
         *       "n1MessageClass": "UPDP",
         *       "n1MessageContent": {
         *         "contentId": "n1msg"
         *       }
         *     }
         */
        N1MessageContainer: {
            n1MessageClass: components["schemas"]["N1MessageClass"];
            n1MessageContent: components["schemas"]["RefToBinaryData"];
            nfId?: components["schemas"]["NfInstanceId"];
        };
        /**
         * @description The JSON part of an N1N2MessageTransfer request (UPDP subset; other members are ignored).
         * @example {
         *       "n1MessageContainer": {
         *         "n1MessageClass": "UPDP",
         *         "n1MessageContent": {
         *           "contentId": "n1msg"
         *         }
         *       }
         *     }
         */
        N1N2MessageTransferReqData: {
            n1MessageContainer: components["schemas"]["N1MessageContainer"];
            n1n2FailureTxfNotifURI?: components["schemas"]["Uri"];
            /** @description Do not page an idle UE for this N1-only message (answered 200 `N1_MSG_NOT_TRANSFERRED`); absent = false. */
            skipInd?: boolean;
            supportedFeatures?: components["schemas"]["SupportedFeatures"];
            nfId?: components["schemas"]["NfInstanceId"];
        };
        /**
         * Format: binary
         * @description A binary body part; after parsing, its octets as a binary string (one character per octet).
         */
        BinaryPart: string;
        /** @description The parts of a multipart/related N1N2MessageTransfer request. */
        N1N2MessageTransferRequest: {
            jsonData: components["schemas"]["N1N2MessageTransferReqData"];
            binaryDataN1Message: components["schemas"]["BinaryPart"];
        };
        /**
         * @description The outcome of a transfer (TS 29.518 §6.1.6.3.9); extensible, any other string is tolerated by clients.
         * @example N1_N2_TRANSFER_INITIATED
         * @enum {string}
         */
        N1N2MessageTransferCause: "ATTEMPTING_TO_REACH_UE" | "N1_N2_TRANSFER_INITIATED" | "WAITING_FOR_ASYNCHRONOUS_TRANSFER" | "UE_NOT_RESPONDING" | "N1_MSG_NOT_TRANSFERRED" | "UE_NOT_REACHABLE_FOR_SESSION" | "TEMPORARY_REJECT_REGISTRATION_ONGOING" | "TEMPORARY_REJECT_HANDOVER_ONGOING" | "FAILURE_CAUSE_UNSPECIFIED";
        /**
         * @description The answer to an accepted transfer.
         * @example {
         *       "cause": "N1_N2_TRANSFER_INITIATED"
         *     }
         */
        N1N2MessageTransferRspData: {
            cause: components["schemas"]["N1N2MessageTransferCause"];
            supportedFeatures?: components["schemas"]["SupportedFeatures"];
        };
        /**
         * @description Details of a refused transfer.
         * @example {
         *       "retryAfter": 30
         *     }
         */
        N1N2MsgTxfrErrDetail: {
            /** @description Seconds after which the consumer may retry. */
            retryAfter?: number;
        };
        /**
         * @description A refused transfer (409, 504).
         * @example {
         *       "error": {
         *         "status": 504,
         *         "cause": "UE_NOT_REACHABLE"
         *       }
         *     }
         */
        N1N2MessageTransferError: {
            error: components["schemas"]["ProblemDetails"];
            errInfo?: components["schemas"]["N1N2MsgTxfrErrDetail"];
        };
        /**
         * @description A subscription to the UE's N1 messages of one class (UPDP subset; other members are ignored).
         * @example {
         *       "n1MessageClass": "UPDP",
         *       "n1NotifyCallbackUri": "http://127.0.0.1:4030/pcf/n1-notify"
         *     }
         */
        UeN1N2InfoSubscriptionCreateData: {
            n1MessageClass: components["schemas"]["N1MessageClass"];
            n1NotifyCallbackUri: components["schemas"]["Uri"];
            nfId?: components["schemas"]["NfInstanceId"];
            supportedFeatures?: components["schemas"]["SupportedFeatures"];
        };
        /**
         * @description The created subscription.
         * @example {
         *       "n1n2NotifySubscriptionId": "1"
         *     }
         */
        UeN1N2InfoSubscriptionCreatedData: {
            /** @description The subscription's id, echoed in every notification. */
            n1n2NotifySubscriptionId: string;
            supportedFeatures?: components["schemas"]["SupportedFeatures"];
        };
        /**
         * @description The JSON part of an N1MessageNotify (UPDP subset; other members are ignored).
         * @example {
         *       "n1NotifySubscriptionId": "1",
         *       "n1MessageContainer": {
         *         "n1MessageClass": "UPDP",
         *         "n1MessageContent": {
         *           "contentId": "n1msg"
         *         }
         *       },
         *       "supi": "imsi-001010000000001"
         *     }
         */
        N1MessageNotification: {
            /** @description The subscription this notification belongs to. */
            n1NotifySubscriptionId?: string;
            n1MessageContainer: components["schemas"]["N1MessageContainer"];
            supi?: components["schemas"]["Supi"];
        };
        /** @description The parts of a multipart/related N1MessageNotify request. */
        N1MessageNotifyRequest: {
            jsonData: components["schemas"]["N1MessageNotification"];
            binaryDataN1Message: components["schemas"]["BinaryPart"];
        };
        /**
         * @description One invalid parameter (a JSON pointer, `header <name>`, `query <name>` or `{pathParam}`).
         * @example {
         *       "param": "/jsonData/n1MessageContainer/n1MessageContent/contentId",
         *       "reason": "names no body part"
         *     }
         */
        InvalidParam: {
            param: string;
            reason?: string;
        };
        /**
         * @description An error (RFC 9457 with the TS 29.571 `cause` and `invalidParams`).
         * @example {
         *       "status": 404,
         *       "cause": "CONTEXT_NOT_FOUND",
         *       "title": "Not Found"
         *     }
         */
        ProblemDetails: {
            type?: components["schemas"]["Uri"];
            title?: string;
            status?: number;
            detail?: string;
            instance?: components["schemas"]["Uri"];
            /** @description The TS 29.500 / TS 29.518 application error. */
            cause?: string;
            invalidParams?: components["schemas"]["InvalidParam"][];
            supportedFeatures?: components["schemas"]["SupportedFeatures"];
        };
    };
    responses: {
        /** @description Malformed request (`INVALID_MSG_FORMAT`, `MANDATORY_IE_MISSING`, `MANDATORY_IE_INCORRECT` …). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Not allowed (`MODIFICATION_NOT_ALLOWED`). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description No UE context (`CONTEXT_NOT_FOUND`) or subscription (`SUBSCRIPTION_NOT_FOUND`) with that id. */
        ContextNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description The notification names no subscription of this consumer. */
        SubscriptionNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description No Content-Length. */
        LengthRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Body too large. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Not multipart/related (or not JSON where JSON is expected). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Too many requests (`NF_CONGESTION_RISK`). */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description A fault of the AMF (`SYSTEM_FAILURE`). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
        /** @description Overloaded (`NF_CONGESTION`). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["ProblemDetails"];
            };
        };
    };
    parameters: {
        /**
         * @description The UE context, named by the UE's SUPI (`imsi-<IMSI>`) or another TS 29.518 UE context identifier.
         * @example imsi-001010000000001
         */
        UeContextId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    N1N2MessageTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The UE context, named by the UE's SUPI (`imsi-<IMSI>`) or another TS 29.518 UE context identifier.
                 * @example imsi-001010000000001
                 */
                ueContextId: components["parameters"]["UeContextId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/related": components["schemas"]["N1N2MessageTransferRequest"];
            };
        };
        responses: {
            /** @description N1 message transfer initiated (the UE is connected). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["N1N2MessageTransferRspData"];
                };
            };
            /** @description Accepted; the AMF is paging the UE. */
            202: {
                headers: {
                    /** @description The transfer's URI, for correlation only (TS 29.518 §6.1.3.5.3.1). */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["N1N2MessageTransferRspData"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ContextNotFound"];
            /** @description The AMF cannot transfer the message now (a registration or handover is ongoing). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["N1N2MessageTransferError"];
                };
            };
            411: components["responses"]["LengthRequired"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
            /** @description The UE is not reachable (not registered, or not answering paging). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["N1N2MessageTransferError"];
                };
            };
        };
    };
    N1N2MessageSubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The UE context, named by the UE's SUPI (`imsi-<IMSI>`) or another TS 29.518 UE context identifier.
                 * @example imsi-001010000000001
                 */
                ueContextId: components["parameters"]["UeContextId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UeN1N2InfoSubscriptionCreateData"];
            };
        };
        responses: {
            /** @description Subscription created. */
            201: {
                headers: {
                    /** @description `{apiRoot}/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}`. */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UeN1N2InfoSubscriptionCreatedData"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["ContextNotFound"];
            411: components["responses"]["LengthRequired"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    N1N2MessageUnSubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The UE context, named by the UE's SUPI (`imsi-<IMSI>`) or another TS 29.518 UE context identifier.
                 * @example imsi-001010000000001
                 */
                ueContextId: components["parameters"]["UeContextId"];
                /**
                 * @description The subscription's id (`n1n2NotifySubscriptionId`).
                 * @example 1
                 */
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscription removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["ContextNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
