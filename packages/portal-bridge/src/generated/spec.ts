// Generated from specs/portal-bridge/bridges.json, specs/portal-bridge/data-boost.schema.json, specs/portal-bridge/mobile-plans.schema.json by @carrierkit/portal-bridge (npm run generate -w @carrierkit/portal-bridge).
// Do not edit: change the specs and regenerate; test/drift.test.ts fails when this file no longer matches them.
import type { PortalBridgeSpec } from "../core/spec-types.js";

export const portalBridgeSpec: PortalBridgeSpec = {
  "bridges": {
    "title": "carrierkit portal bridges",
    "description": "Machine-readable description of the JavaScript objects that hosts inject into operator portals: their methods (with overloads by arity), parameters (named by the `title` of each `prefixItems` entry of the referenced argument schema), return values, properties, enum objects and host-fired callbacks. `@carrierkit/portal-bridge` generates its global typings from this file and the schemas it references, and its browser runtime installs the objects and validates every call from them.",
    "version": 1,
    "bridges": [
      {
        "id": "mobilePlans",
        "title": "Windows Mobile Plans",
        "description": "Objects the Windows Mobile Plans app exposes to the operator (MO Direct) portal it hosts. Calls must come from a host listed in the operator's service configuration; the app ignores calls from any other origin.",
        "schema": "mobile-plans.schema.json",
        "sources": [
          "Microsoft Learn, Mobile Plans callback notifications (learn.microsoft.com/windows-hardware/drivers/mobilebroadband/mobile-plans-callback-notifications): current API, 2019-05-24 edition and its zh-CN and ja-JP machine translations",
          "Microsoft Learn, the same page's 2019-03-25 edition (ja-JP machine translation): legacy API, today's Mobile Plans legacy callback notifications page"
        ],
        "enumObjects": [
          {
            "name": "MobilePlansUserAccount",
            "schema": "#/$defs/MobilePlansUserAccount"
          },
          {
            "name": "MobilePlansPurchaseInstrument",
            "schema": "#/$defs/MobilePlansPurchaseInstrument"
          },
          {
            "name": "MobilePlansLineType",
            "schema": "#/$defs/MobilePlansLineType"
          },
          {
            "name": "MobilePlansMoDirectStatus",
            "schema": "#/$defs/MobilePlansMoDirectStatus"
          },
          {
            "name": "MobilePlansNetworkRegistrationState",
            "schema": "#/$defs/MobilePlansNetworkRegistrationState"
          },
          {
            "name": "MobilePlansActivationError",
            "schema": "#/$defs/MobilePlansActivationError"
          }
        ],
        "objects": [
          {
            "name": "MobilePlans",
            "description": "Purchase metadata factory and the purchase notifications that hand control back to the app.",
            "presence": "always",
            "methods": [
              {
                "name": "createPurchaseMetaData",
                "api": "current",
                "handling": "local",
                "description": "Creates an empty purchase metadata object for the portal to fill in. Handled in the page; nothing is sent to the host.",
                "overloads": [
                  {
                    "args": "#/$defs/CreatePurchaseMetaDataArgs",
                    "returns": {
                      "schema": "#/$defs/PurchaseMetaData",
                      "form": "input",
                      "source": "newPurchaseMetaData"
                    }
                  }
                ]
              },
              {
                "name": "notifyPurchaseWithProfileDownload",
                "api": "current",
                "description": "Asynchronous connectivity (current and legacy API alike).",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseWithProfileDownloadArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "notifyCancelledPurchase",
                "api": "current",
                "description": "The user cancelled the flow in the portal, or the purchase failed (moDirectStatus names the failure, planName is empty); current and legacy API alike.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyCancelledPurchaseArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "notifyBalanceAddition",
                "api": "legacy",
                "description": "Legacy balance addition (legacy API); use MobilePlansInlineOperations.notifyBalanceAddition.",
                "overloads": [
                  {
                    "args": "#/$defs/LegacyNotifyBalanceAdditionArgs",
                    "returns": null
                  }
                ]
              }
            ],
            "properties": []
          },
          {
            "name": "MobilePlansInlineOperations",
            "description": "Inline operations of the current API, which keep the user on the portal, and the callback registrations.",
            "presence": "always",
            "methods": [
              {
                "name": "notifyProfileDownload",
                "api": "current",
                "description": "Inline (or, with downloadDelay, delayed) eSIM profile download.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyProfileDownloadArgs",
                    "returns": {
                      "schema": "#/$defs/MobilePlansOperationContext",
                      "source": "operationContext"
                    }
                  },
                  {
                    "args": "#/$defs/NotifyProfileDownloadDelayedArgs",
                    "returns": {
                      "schema": "#/$defs/MobilePlansOperationContext",
                      "source": "operationContext"
                    }
                  }
                ]
              },
              {
                "name": "notifyOperationCancel",
                "api": "current",
                "description": "Cancels a pending delayed download.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyOperationCancelArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "notifyBalanceAddition",
                "api": "current",
                "description": "Balance added to an existing account, optionally activating the profile with the given ICCID.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyBalanceAdditionArgs",
                    "returns": {
                      "schema": "#/$defs/MobilePlansOperationContext",
                      "source": "operationContext"
                    }
                  },
                  {
                    "args": "#/$defs/NotifyBalanceAdditionWithIccidArgs",
                    "returns": {
                      "schema": "#/$defs/MobilePlansOperationContext",
                      "source": "operationContext"
                    }
                  }
                ]
              }
            ],
            "properties": [
              {
                "name": "registrationChangedScript",
                "schema": "#/$defs/CallbackFunctionName",
                "callback": "registrationChanged",
                "description": "Name of the global function the app calls with a ProfileRegistrationCompleteArgs JSON string when the network registration state changes."
              },
              {
                "name": "profileActivationCompleteScript",
                "schema": "#/$defs/CallbackFunctionName",
                "callback": "profileActivationComplete",
                "description": "Name of the global function the app calls with a ProfileActivationCompleteArgs JSON string when the profile activation completes."
              }
            ]
          },
          {
            "name": "MobilePlansInlineProfile",
            "description": "Legacy inline profile delivery (legacy API).",
            "presence": "always",
            "methods": [
              {
                "name": "notifyInlineProfileDownload",
                "api": "legacy",
                "description": "Legacy inline eSIM profile download; use MobilePlansInlineOperations.notifyProfileDownload.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyInlineProfileDownloadArgs",
                    "returns": null
                  }
                ]
              }
            ],
            "properties": []
          },
          {
            "name": "MobilePlansInlineProfileDownload",
            "description": "Name used by the prose for the callback registrations and by the legacy sample for notifyInlineProfileDownload. Decision (conflicts: the current samples set the `...Script` properties on MobilePlansInlineOperations while the prose names MobilePlansInlineProfileDownload; the legacy prose calls MobilePlansInlineProfile.notifyInlineProfileDownload while its sample calls it on MobilePlansInlineProfileDownload): the canonical holders are MobilePlansInlineOperations (what the current samples do) and MobilePlansInlineProfile (the documented method heading); this object shares their state, so a registration set here is the same registration, and each use is reported as an alias.",
            "presence": "always",
            "methods": [
              {
                "name": "notifyInlineProfileDownload",
                "api": "legacy",
                "aliasOf": "MobilePlansInlineProfile.notifyInlineProfileDownload",
                "description": "Alias of MobilePlansInlineProfile.notifyInlineProfileDownload used by the legacy sample."
              }
            ],
            "properties": [
              {
                "name": "registrationChangedScript",
                "aliasOf": "MobilePlansInlineOperations.registrationChangedScript",
                "description": "Alias named by the prose; same registration as MobilePlansInlineOperations.registrationChangedScript."
              },
              {
                "name": "profileActivationCompleteScript",
                "aliasOf": "MobilePlansInlineOperations.profileActivationCompleteScript",
                "description": "Alias named by the prose; same registration as MobilePlansInlineOperations.profileActivationCompleteScript."
              }
            ]
          },
          {
            "name": "DataMart",
            "description": "Oldest notification object (legacy API, \"legacy callback notifications\"; still supported by the app, not recommended).",
            "presence": "always",
            "methods": [
              {
                "name": "notifyPurchaseResult",
                "api": "legacy",
                "description": "Reports the whole purchase result as one JSON string.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseResultArgs",
                    "returns": null
                  }
                ]
              }
            ],
            "properties": []
          }
        ],
        "callbacks": [
          {
            "name": "registrationChanged",
            "property": "MobilePlansInlineOperations.registrationChangedScript",
            "argument": "#/$defs/ProfileRegistrationCompleteArgs",
            "description": "The host reports a network registration change; the portal's function receives the JSON string."
          },
          {
            "name": "profileActivationComplete",
            "property": "MobilePlansInlineOperations.profileActivationCompleteScript",
            "argument": "#/$defs/ProfileActivationCompleteArgs",
            "description": "The host reports the end of the profile activation; the portal's function receives the JSON string."
          }
        ]
      },
      {
        "id": "dataBoost",
        "title": "Android DataBoostWebServiceFlow",
        "description": "JavaScript interface Android (14 QPR1+) adds to the carrier purchase WebView of the 5G slicing upsell. If the page calls none of the notify methods and does not dismiss the flow, the purchase request eventually times out.",
        "schema": "data-boost.schema.json",
        "sources": [
          "Android Open Source Project, 5G network slicing (source.android.com/docs/core/connect/5g-slicing), section \"JavaScript interface\"; AOSP SlicePurchaseController"
        ],
        "enumObjects": [],
        "objects": [
          {
            "name": "DataBoostWebServiceFlow",
            "description": "The purchase page's bridge to the slice purchase app. Present only inside Android's purchase WebView: feature-detect it (and the older SlicePurchaseWebInterface).",
            "presence": "feature-detect",
            "methods": [
              {
                "name": "getRequestedCapability",
                "api": "current",
                "description": "The premium capability the user is buying.",
                "overloads": [
                  {
                    "args": "#/$defs/GetRequestedCapabilityArgs",
                    "returns": {
                      "schema": "#/$defs/PremiumCapability",
                      "source": "config:requestedCapability"
                    }
                  }
                ]
              },
              {
                "name": "notifyPurchaseSuccessful",
                "api": "current",
                "description": "The purchase succeeded.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseSuccessfulArgs",
                    "returns": null
                  },
                  {
                    "args": "#/$defs/NotifyPurchaseSuccessfulWithDurationArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "notifyPurchaseFailed",
                "api": "current",
                "description": "The purchase failed.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseFailedArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "dismissFlow",
                "api": "current",
                "description": "The page gives up (AOSP; not in the 5G network slicing guide).",
                "overloads": [
                  {
                    "args": "#/$defs/DismissFlowArgs",
                    "returns": null
                  }
                ]
              }
            ],
            "properties": []
          },
          {
            "name": "SlicePurchaseWebInterface",
            "description": "Older name of the same interface (AOSP before the rename; no dismissFlow). Installed only when the host asks for it, to test a portal's feature detection.",
            "presence": "feature-detect",
            "optional": true,
            "methods": [
              {
                "name": "getRequestedCapability",
                "api": "legacy",
                "description": "The premium capability the user is buying.",
                "overloads": [
                  {
                    "args": "#/$defs/GetRequestedCapabilityArgs",
                    "returns": {
                      "schema": "#/$defs/PremiumCapability",
                      "source": "config:requestedCapability"
                    }
                  }
                ]
              },
              {
                "name": "notifyPurchaseSuccessful",
                "api": "legacy",
                "description": "The purchase succeeded.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseSuccessfulArgs",
                    "returns": null
                  },
                  {
                    "args": "#/$defs/NotifyPurchaseSuccessfulWithDurationArgs",
                    "returns": null
                  }
                ]
              },
              {
                "name": "notifyPurchaseFailed",
                "api": "legacy",
                "description": "The purchase failed.",
                "overloads": [
                  {
                    "args": "#/$defs/NotifyPurchaseFailedArgs",
                    "returns": null
                  }
                ]
              }
            ],
            "properties": []
          }
        ],
        "callbacks": []
      }
    ]
  },
  "schemas": {
    "data-boost.schema.json": {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://carrierkit.dev/specs/portal-bridge/data-boost.schema.json",
      "title": "Android DataBoostWebServiceFlow portal bridge messages",
      "description": "Every value that crosses the `DataBoostWebServiceFlow` JavaScript interface Android (14 QPR1 and later; AOSP 5G network slicing guide) injects into the carrier's purchase WebView of the 5G slicing upsell: the requested premium capability, purchase success with an optional duration, purchase failure codes and reasons, and dismissal. The Java bridge matches methods by name and number of arguments, so each overload has a fixed arity. Conventions (`x-members`, accepted aliases, warnings) as in mobile-plans.schema.json.",
      "$defs": {
        "PremiumCapability": {
          "title": "PremiumCapability",
          "description": "`TelephonyManager.PremiumCapability` returned by `getRequestedCapability()`. Android 14 supports only PRIORITIZE_LATENCY (34, the same value as `NetworkCapabilities.NET_CAPABILITY_PRIORITIZE_LATENCY`).",
          "type": "integer",
          "enum": [
            34
          ],
          "x-members": [
            {
              "member": "PREMIUM_CAPABILITY_PRIORITIZE_LATENCY",
              "value": 34,
              "description": "Low-latency slice (URSP category PRIORITIZE_LATENCY)."
            }
          ]
        },
        "FailureCode": {
          "title": "FailureCode",
          "description": "Failure code passed to `notifyPurchaseFailed`. The 5G network slicing guide lists the names only; the numbers differ by Android version (14 GA: UNKNOWN 0, CARRIER_URL_UNAVAILABLE 1, SERVER_UNREACHABLE 2, AUTHENTICATION_FAILED 3, PAYMENT_FAILED 4; TS.43 v12 Table 84: AUTHENTICATION_FAILED 1, PAYMENT_FAILED 2). Decision: the numbering of Android 14 QPR1 and later (`SlicePurchaseController`), the release the 5G network slicing guide documents and whose name list matches it exactly. Reason: the guide's feature ships from 14 QPR1; AOSP logs the code without acting on its value, so the choice only matters for reporting. Passing a constant name (`\"FAILURE_CODE_PAYMENT_FAILED\"`) instead of its number is accepted, converted and reported as an alias.",
          "type": "integer",
          "enum": [
            0,
            1,
            2,
            3,
            4
          ],
          "x-members": [
            {
              "member": "FAILURE_CODE_UNKNOWN",
              "value": 0,
              "description": "Unknown failure; give a human-readable reason."
            },
            {
              "member": "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
              "value": 1,
              "description": "The carrier purchase URL is unavailable."
            },
            {
              "member": "FAILURE_CODE_AUTHENTICATION_FAILED",
              "value": 2,
              "description": "The user could not be authenticated."
            },
            {
              "member": "FAILURE_CODE_PAYMENT_FAILED",
              "value": 3,
              "description": "Payment failed."
            },
            {
              "member": "FAILURE_CODE_NO_USER_DATA",
              "value": 4,
              "description": "The purchase request carried no user data."
            }
          ]
        },
        "FailureReason": {
          "title": "reason",
          "description": "Human-readable failure reason. Required as an argument (the Java bridge matches `notifyPurchaseFailed(int, String)` by arity; pass `\"\"` when there is nothing to say) and must be non-empty when the code is FAILURE_CODE_UNKNOWN (5G network slicing guide: the reason explains a failure whose code is unknown).",
          "type": "string",
          "maxLength": 1024
        },
        "PurchaseDuration": {
          "title": "duration",
          "description": "Optional target duration of the (trial) purchase, a Java `long`. The 5G network slicing guide gives no unit and AOSP 14 QPR1+ ignores the value (\"the duration parameter is not used\"); the older SlicePurchaseWebInterface forwarded it. A non-negative safe integer. The carrierkit reference portal passes milliseconds, like Android's other durations (our choice; the unit is undocumented).",
          "type": "integer",
          "minimum": 0,
          "maximum": 9007199254740991
        },
        "GetRequestedCapabilityArgs": {
          "title": "DataBoostWebServiceFlow.getRequestedCapability()",
          "description": "Returns the premium capability being bought (PremiumCapability).",
          "type": "array",
          "maxItems": 0
        },
        "NotifyPurchaseSuccessfulArgs": {
          "title": "DataBoostWebServiceFlow.notifyPurchaseSuccessful()",
          "description": "The purchase succeeded.",
          "type": "array",
          "maxItems": 0
        },
        "NotifyPurchaseSuccessfulWithDurationArgs": {
          "title": "DataBoostWebServiceFlow.notifyPurchaseSuccessful(duration)",
          "description": "The purchase succeeded, with the target duration of a trial period.",
          "type": "array",
          "prefixItems": [
            {
              "title": "duration",
              "$ref": "#/$defs/PurchaseDuration"
            }
          ],
          "minItems": 1,
          "items": false
        },
        "NotifyPurchaseFailedArgs": {
          "title": "DataBoostWebServiceFlow.notifyPurchaseFailed(code, reason)",
          "description": "The purchase failed; Android reports CARRIER_ERROR and backs off.",
          "type": "array",
          "prefixItems": [
            {
              "title": "code",
              "$ref": "#/$defs/FailureCode"
            },
            {
              "title": "reason",
              "$ref": "#/$defs/FailureReason"
            }
          ],
          "minItems": 2,
          "items": false,
          "if": {
            "type": "array",
            "prefixItems": [
              {
                "const": 0
              },
              true
            ],
            "minItems": 2,
            "maxItems": 2
          },
          "then": {
            "type": "array",
            "prefixItems": [
              true,
              {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S"
              }
            ],
            "minItems": 2,
            "maxItems": 2
          }
        },
        "DismissFlowArgs": {
          "title": "DataBoostWebServiceFlow.dismissFlow()",
          "description": "The page gives up; the purchase request fails with REQUEST_FAILED and no throttling (AOSP; not in the 5G network slicing guide).",
          "type": "array",
          "maxItems": 0
        }
      }
    },
    "mobile-plans.schema.json": {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://carrierkit.dev/specs/portal-bridge/mobile-plans.schema.json",
      "title": "Windows Mobile Plans portal bridge messages",
      "description": "Every value that crosses the JavaScript bridge between an operator (MO) web portal and the Windows Mobile Plans app: purchase metadata and its enums, the arguments of each call of the current API (Microsoft's Mobile Plans callback notifications page, 2019-05-24 edition, read with its zh-CN and ja-JP machine translations) and of the legacy API (the page's 2019-03-25 edition, today's Mobile Plans legacy callback notifications page, and its DataMart.notifyPurchaseResult section), the returned MobilePlansOperationContext, and the JSON-string arguments of the registration and activation callbacks. Schemas describe the canonical form. Where these documents disagree the schema decides once and says why in the `description` of the element concerned; the documented alternatives are listed in the carrierkit keywords `x-propertyAliases` (alternative property names), `x-members` (enum members; every member name and every case variant of a value is accepted) and `x-stripPrefix`, and the runtime accepts them on input, rewrites them to the canonical form and reports each use as a warning. Values marked `x-jsonString` travel as a JSON string; the schema describes the decoded value. `x-checks` lists checks the runtime reports as warnings, not refusals.",
      "$defs": {
        "MobilePlansUserAccount": {
          "title": "MobilePlansUserAccount",
          "description": "How the user's account was reached in the portal flow. Decision (conflict: the property tables write the values capitalised, `\"userAccount\": \"New\"`, while sample code uses the camelCase members `MobilePlansUserAccount.new`): the canonical string is the capitalised value of the JSON examples (the current page's table example column, the legacy page's payload `purchaseResult`), so `MobilePlansUserAccount.new === \"New\"`. Reason: it is the only literal value the documents ever print, it is what the legacy JSON payload carries, and the same rule (member name with an upper-case first letter) then fits every Mobile Plans enum. A literal written as the member name (`\"new\"`) or in any other case is accepted, canonicalised and reported as an alias.",
          "type": "string",
          "enum": [
            "New",
            "Existing",
            "Bailed",
            "None"
          ],
          "x-members": [
            {
              "member": "new",
              "value": "New",
              "description": "The user created a new account."
            },
            {
              "member": "existing",
              "value": "Existing",
              "description": "The user logged on with an existing account."
            },
            {
              "member": "bailed",
              "value": "Bailed",
              "description": "The user left the purchase flow at this step."
            },
            {
              "member": "none",
              "value": "None",
              "description": "The user did not reach this step."
            }
          ]
        },
        "MobilePlansPurchaseInstrument": {
          "title": "MobilePlansPurchaseInstrument",
          "description": "The means of payment used. Same values and casing decision as MobilePlansUserAccount. The current API page copies the userAccount descriptions here by mistake; the member descriptions follow the legacy page (its payload table), which describes payment methods.",
          "type": "string",
          "enum": [
            "New",
            "Existing",
            "Bailed",
            "None"
          ],
          "x-members": [
            {
              "member": "new",
              "value": "New",
              "description": "The user used a new method of payment."
            },
            {
              "member": "existing",
              "value": "Existing",
              "description": "The user used an existing payment method on file."
            },
            {
              "member": "bailed",
              "value": "Bailed",
              "description": "The user left the purchase flow at this step."
            },
            {
              "member": "none",
              "value": "None",
              "description": "The user did not reach this step."
            }
          ]
        },
        "MobilePlansLineType": {
          "title": "MobilePlansLineType",
          "description": "Whether a line was added. Same casing decision as MobilePlansUserAccount. The metadata property holding it is `line` (see PurchaseMetaData for the `lineType` alias).",
          "type": "string",
          "enum": [
            "New",
            "Existing",
            "Bailed",
            "None"
          ],
          "x-members": [
            {
              "member": "new",
              "value": "New",
              "description": "A SIM was added to the user's account."
            },
            {
              "member": "existing",
              "value": "Existing",
              "description": "The user moved an existing line to this device."
            },
            {
              "member": "bailed",
              "value": "Bailed",
              "description": "The user left the purchase flow at this step."
            },
            {
              "member": "none",
              "value": "None",
              "description": "The user did not reach this step."
            }
          ]
        },
        "MobilePlansMoDirectStatus": {
          "title": "MobilePlansMoDirectStatus",
          "description": "Outcome of the portal flow. Same casing decision as MobilePlansUserAccount (`\"moDirectStatus\": \"Complete\"`). The documented list has seven values (current page; in its zh-CN and ja-JP machine translations the BillingError item lost its `<li>` and the zh-CN one renders ClientError as \"microsoft.relay\" — the value list is still these seven). Decision on the two values outside that list: `Cancelled` is used by every notifyCancelledPurchase sample (`MobilePlansMoDirectStatus.cancelled`) and `None` is listed by the legacy payload table (\"ended without a specific error\"); both are accepted because real portals copy those samples, and each use is reported as an `undocumented-value` warning because the current value list does not contain them.",
          "type": "string",
          "enum": [
            "Complete",
            "ServiceError",
            "InvalidSIM",
            "LogOnFailed",
            "PurchaseFailed",
            "ClientError",
            "BillingError",
            "Cancelled",
            "None"
          ],
          "x-members": [
            {
              "member": "complete",
              "value": "Complete",
              "description": "The user completed the purchase."
            },
            {
              "member": "serviceError",
              "value": "ServiceError",
              "description": "The purchase failed because of an MO service error."
            },
            {
              "member": "invalidSIM",
              "value": "InvalidSIM",
              "description": "The ICCID passed to the portal is not valid."
            },
            {
              "member": "logOnFailed",
              "value": "LogOnFailed",
              "description": "The user could not log on to the MO portal."
            },
            {
              "member": "purchaseFailed",
              "value": "PurchaseFailed",
              "description": "The purchase failed because of a billing error."
            },
            {
              "member": "clientError",
              "value": "ClientError",
              "description": "Invalid arguments were passed to the portal."
            },
            {
              "member": "billingError",
              "value": "BillingError",
              "description": "There was an error billing the user."
            },
            {
              "member": "cancelled",
              "value": "Cancelled",
              "description": "The user cancelled the flow (used by the notifyCancelledPurchase samples).",
              "undocumented": "`cancelled` appears only in sample code (current and legacy pages), not in the documented moDirectStatus value list."
            },
            {
              "member": "none",
              "value": "None",
              "description": "The user ended the flow without a specific error (legacy payload table).",
              "undocumented": "`None` is listed only by the legacy page's payload table, not by the current moDirectStatus value list."
            }
          ]
        },
        "MobilePlansNetworkRegistrationState": {
          "title": "MobilePlansNetworkRegistrationState",
          "description": "Network registration state carried by ProfileRegistrationCompleteArgs. The documents never print the string values (samples compare with the enum members). Decision: the same rule as the purchase-metadata enums, member name with an upper-case first letter (`MobilePlansNetworkRegistrationState.home === \"Home\"`), which also equals the member names of the UWP `NetworkRegistrationState` enum the seven members mirror. UNCONFIRMED against a real Mobile Plans app; other casings are accepted as aliases.",
          "type": "string",
          "enum": [
            "None",
            "Deregistered",
            "Searching",
            "Home",
            "Roaming",
            "Partner",
            "Denied"
          ],
          "x-members": [
            {
              "member": "none",
              "value": "None",
              "description": "No connectivity."
            },
            {
              "member": "deregistered",
              "value": "Deregistered",
              "description": "The device is not registered and is not searching for a network operator."
            },
            {
              "member": "searching",
              "value": "Searching",
              "description": "The device is not registered and is searching for a network operator."
            },
            {
              "member": "home",
              "value": "Home",
              "description": "The device is on its home network operator."
            },
            {
              "member": "roaming",
              "value": "Roaming",
              "description": "The device is on a roaming network operator."
            },
            {
              "member": "partner",
              "value": "Partner",
              "description": "The device is on a roaming partner network operator."
            },
            {
              "member": "denied",
              "value": "Denied",
              "description": "Registration of the device was denied."
            }
          ]
        },
        "MobilePlansActivationError": {
          "title": "MobilePlansActivationError",
          "description": "Result carried by ProfileActivationCompleteArgs. The documents never print the string values. Decision: member name with an upper-case first letter (`MobilePlansActivationError.success === \"Success\"`), as for the other Mobile Plans enums; the first 24 values then equal, in order, the first 24 member names of UWP `ESimOperationStatus` (the names the app also sends in `X-MP-LPAError-Codes`), the last 7 are app-specific. UNCONFIRMED against a real Mobile Plans app; other casings are accepted as aliases.",
          "type": "string",
          "enum": [
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
            "UnknownError",
            "LpaInitializationError",
            "ModemNotFound",
            "LocalSettingsAccessFailed",
            "InvalidJson",
            "InvalidActivationCode",
            "InvalidIccid"
          ],
          "x-members": [
            {
              "member": "success",
              "value": "Success",
              "description": "The operation succeeded."
            },
            {
              "member": "notAuthorized",
              "value": "NotAuthorized",
              "description": "The operation was not authorized."
            },
            {
              "member": "notFound",
              "value": "NotFound",
              "description": "The eSIM profile was not found."
            },
            {
              "member": "policyViolation",
              "value": "PolicyViolation",
              "description": "The operation violates a policy."
            },
            {
              "member": "insufficientSpaceOnCard",
              "value": "InsufficientSpaceOnCard",
              "description": "Not enough space on the card."
            },
            {
              "member": "serverFailure",
              "value": "ServerFailure",
              "description": "A server failure occurred during the operation."
            },
            {
              "member": "serverNotReachable",
              "value": "ServerNotReachable",
              "description": "The server could not be reached."
            },
            {
              "member": "timeoutWaitingForUserConsent",
              "value": "TimeoutWaitingForUserConsent",
              "description": "User consent was not given within the time-out."
            },
            {
              "member": "incorrectConfirmationCode",
              "value": "IncorrectConfirmationCode",
              "description": "An incorrect confirmation code was supplied."
            },
            {
              "member": "confirmationCodeMaxRetriesExceeded",
              "value": "ConfirmationCodeMaxRetriesExceeded",
              "description": "An incorrect confirmation code was supplied and no more retries are allowed."
            },
            {
              "member": "cardRemoved",
              "value": "CardRemoved",
              "description": "The SIM card was removed."
            },
            {
              "member": "cardBusy",
              "value": "CardBusy",
              "description": "The SIM card is busy."
            },
            {
              "member": "other",
              "value": "Other",
              "description": "A status not covered by a more specific one."
            },
            {
              "member": "cardGeneralFailure",
              "value": "CardGeneralFailure",
              "description": "A card error prevented the operation."
            },
            {
              "member": "confirmationCodeMissing",
              "value": "ConfirmationCodeMissing",
              "description": "A confirmation code is required to download the profile."
            },
            {
              "member": "invalidMatchingId",
              "value": "InvalidMatchingId",
              "description": "The matching ID of the activation code was rejected."
            },
            {
              "member": "noEligibleProfileForThisDevice",
              "value": "NoEligibleProfileForThisDevice",
              "description": "No profile compatible with this device was found."
            },
            {
              "member": "operationAborted",
              "value": "OperationAborted",
              "description": "The operation was aborted."
            },
            {
              "member": "eidMismatch",
              "value": "EidMismatch",
              "description": "The profile is bound to a different EID."
            },
            {
              "member": "profileNotAvailableForNewBinding",
              "value": "ProfileNotAvailableForNewBinding",
              "description": "The profile was already claimed or downloaded."
            },
            {
              "member": "profileNotReleasedByOperator",
              "value": "ProfileNotReleasedByOperator",
              "description": "The operator has not released the profile for download."
            },
            {
              "member": "operationProhibitedByProfileClass",
              "value": "OperationProhibitedByProfileClass",
              "description": "The profile class does not allow the operation."
            },
            {
              "member": "profileNotPresent",
              "value": "ProfileNotPresent",
              "description": "The profile could not be found."
            },
            {
              "member": "noCorrespondingRequest",
              "value": "NoCorrespondingRequest",
              "description": "No corresponding request was found."
            },
            {
              "member": "unknownError",
              "value": "UnknownError",
              "description": "The LPA returned an unknown error."
            },
            {
              "member": "lpaInitializationError",
              "value": "LpaInitializationError",
              "description": "The LPA failed to initialise."
            },
            {
              "member": "modemNotFound",
              "value": "ModemNotFound",
              "description": "No cellular modem was found on the device."
            },
            {
              "member": "localSettingsAccessFailed",
              "value": "LocalSettingsAccessFailed",
              "description": "Access to the app's local settings failed."
            },
            {
              "member": "invalidJson",
              "value": "InvalidJson",
              "description": "The portal supplied invalid JSON."
            },
            {
              "member": "invalidActivationCode",
              "value": "InvalidActivationCode",
              "description": "The portal supplied an invalid activation code."
            },
            {
              "member": "invalidIccid",
              "value": "InvalidIccid",
              "description": "The portal supplied an invalid ICCID."
            }
          ]
        },
        "PlanName": {
          "title": "planName",
          "description": "Name of the purchased plan: a descriptive, non-empty name for a successful transaction (`moDirectStatus` Complete) and the empty string otherwise (current page). The legacy page's ja-JP machine translation reads as if a successful transaction needed an empty name; the current page and the example (`\"2GB Monthly\"`) decide it.",
          "type": "string",
          "maxLength": 256
        },
        "PurchaseMetaData": {
          "title": "PurchaseMetaData",
          "description": "Metadata about the user's purchase, created by `MobilePlans.createPurchaseMetaData()` and used for business reporting. `moDirectStatus` and `planName` are required; `planName` is non-empty exactly when `moDirectStatus` is Complete. Decision on property names (conflict: every sample writes `modirectStatus` and most write `lineType`, while the property tables and the legacy JSON payload name them `moDirectStatus` and `line`): the table names are canonical, because they are the documented contract and the names the legacy JSON payload carries; `modirectStatus` and `lineType` are accepted, renamed and reported as aliases. Setting both spellings of one property to different values is refused. Unknown properties are refused (they are almost always misspellings).",
          "type": "object",
          "properties": {
            "userAccount": {
              "$ref": "#/$defs/MobilePlansUserAccount"
            },
            "purchaseInstrument": {
              "$ref": "#/$defs/MobilePlansPurchaseInstrument"
            },
            "line": {
              "$ref": "#/$defs/MobilePlansLineType"
            },
            "moDirectStatus": {
              "$ref": "#/$defs/MobilePlansMoDirectStatus"
            },
            "planName": {
              "$ref": "#/$defs/PlanName"
            }
          },
          "required": [
            "moDirectStatus",
            "planName"
          ],
          "additionalProperties": false,
          "x-propertyAliases": {
            "modirectStatus": "moDirectStatus",
            "lineType": "line"
          },
          "if": {
            "type": "object",
            "properties": {
              "moDirectStatus": {
                "const": "Complete"
              }
            },
            "required": [
              "moDirectStatus"
            ]
          },
          "then": {
            "properties": {
              "planName": {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S"
              }
            }
          },
          "else": {
            "properties": {
              "planName": {
                "type": "string",
                "maxLength": 0
              }
            }
          }
        },
        "ActivationCode": {
          "title": "activationCode",
          "description": "GSMA SGP.22 activation code `1$<SM-DP+ address>$<matching ID>[$<SM-DP+ OID>[$1]]` (the trailing `1` is the confirmation-code-required flag). The service configuration requires codes without the `LPA:` prefix that QR codes carry; a code with that prefix is accepted, the prefix removed and reported as an alias. SGP.22 limits matching IDs to upper-case letters, digits and `-`; the samples use `matchingID`, so lower case is accepted too. The SM-DP+ address is a host name; for loopback development (a simulated SM-DP+ on this machine) `localhost`, `127.0.0.1` and `[::1]` may carry a port (`1$127.0.0.1:4070$MATCHING-ID`), no other host may.",
          "type": "string",
          "maxLength": 255,
          "pattern": "^1\\$(?:(?:localhost|127\\.0\\.0\\.1|\\[::1\\])(?::[0-9]{1,5})?|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)\\$[0-9A-Za-z-]+(?:\\$(?:[0-2](?:\\.[0-9]+)+)?(?:\\$1)?)?$",
          "x-stripPrefix": "LPA:",
          "examples": [
            "1$smdp.address$matchingID",
            "1$trl.prod.ondemandconnectivity.com$JO46UQDI07IKQDGG"
          ]
        },
        "SmdpAddress": {
          "title": "smdpAddress",
          "description": "Address (FQDN) of the SM-DP+ where the profile is located, without scheme, path or activation-code framing, e.g. `smdp.example.com`: the second form Microsoft's Mobile Plans callback documentation gives for the `activationCode` parameter of the delayed download (\"the activation code or the SM-DP+ address where the profile is located\"); the LPA then asks that SM-DP+ for a profile bound to the device's EID. At least two labels (a single word is almost always a mistake). For loopback development `localhost`, `127.0.0.1` and `[::1]` are accepted, optionally with a port (`127.0.0.1:4070`); no other host may carry a port (the service configuration's hosts have none).",
          "type": "string",
          "maxLength": 255,
          "pattern": "^(?:(?:localhost|127\\.0\\.0\\.1|\\[::1\\])(?::[0-9]{1,5})?|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)$",
          "examples": [
            "smdp.example.com",
            "consumer.rsp.global",
            "127.0.0.1:4070"
          ]
        },
        "ActivationCodeOrSmdpAddress": {
          "title": "activationCode",
          "description": "The `activationCode` parameter of the delayed download: a full activation code (ActivationCode) or the bare SM-DP+ address (SmdpAddress), as Microsoft's Mobile Plans callback documentation gives it; the inline download and the other calls still need a full activation code. Decision on reporting the form: the canonical call message carries `forms: { activationCode: \"activationCode\" | \"smdpAddress\" }` (the `x-form` of the branch the value matched), so a host knows whether to download by matching ID or by EID without parsing the string again; neither form is a warning, both are documented. `1$<SM-DP+ address>$` (activation-code framing with an empty matching ID, as some operators print an SM-DP+ address) is accepted here as the SM-DP+ address form, rewritten to the bare address and reported as an alias; it stays refused where a full activation code is required.",
          "anyOf": [
            {
              "$ref": "#/$defs/ActivationCode",
              "x-form": "activationCode"
            },
            {
              "$ref": "#/$defs/SmdpAddress",
              "x-form": "smdpAddress"
            }
          ],
          "x-rewrite": [
            {
              "pattern": "^1\\$([^$]+)\\$$",
              "replacement": "$1",
              "message": "is an SM-DP+ address in activation-code framing with an empty matching ID; the documented form is the bare address"
            }
          ]
        },
        "Iccid": {
          "title": "iccid",
          "description": "ICCID: 19 or 20 decimal digits starting with the telecom prefix `89`, without the trailing `F` padding of the SIM file (the launch URL strips it too; a padded ICCID is refused). The last digit is a Luhn check digit; the documentation's own samples (`8900000000000000001`, `89000000000000000000`) are placeholders that fail it, so a wrong check digit is reported as a `check-digit` warning, not refused.",
          "type": "string",
          "pattern": "^89[0-9]{17,18}$",
          "x-checks": [
            "luhn"
          ],
          "examples": [
            "8988247000101997790"
          ]
        },
        "Minutes": {
          "title": "Minutes",
          "description": "Unsigned integer number of minutes (`uint`).",
          "type": "integer",
          "minimum": 0,
          "maximum": 4294967295
        },
        "MobilePlansOperationContext": {
          "title": "MobilePlansOperationContext",
          "description": "Returned by `notifyProfileDownload` and `notifyBalanceAddition` of MobilePlansInlineOperations: `Id` is a unique identifier the app creates for the operation (capital `I`, as documented). The portal passes the object back to `notifyOperationCancel`.",
          "type": "object",
          "properties": {
            "Id": {
              "type": "string",
              "minLength": 1,
              "maxLength": 128,
              "description": "Unique id created by the app for the operation."
            }
          },
          "required": [
            "Id"
          ],
          "additionalProperties": false
        },
        "CallbackFunctionName": {
          "title": "CallbackFunctionName",
          "description": "Name of a global JavaScript function (a dotted path such as `portal.onActivation` is resolved from the global object). The app calls it with one JSON string argument. Set through `registrationChangedScript` / `profileActivationCompleteScript`.",
          "type": "string",
          "pattern": "^[A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*$",
          "maxLength": 256
        },
        "ProfileRegistrationCompleteArgs": {
          "title": "ProfileRegistrationCompleteArgs",
          "description": "Argument of the function named by `registrationChangedScript`, passed as a JSON string. Decision on the ICCID key (conflict: the legacy page writes `Iccid`, the current page writes `iccid`): `iccid`; `Iccid` is accepted as an alias.",
          "type": "object",
          "properties": {
            "networkRegistrationState": {
              "$ref": "#/$defs/MobilePlansNetworkRegistrationState"
            },
            "iccid": {
              "$ref": "#/$defs/Iccid",
              "description": "ICCID whose network registration state changed."
            }
          },
          "required": [
            "networkRegistrationState",
            "iccid"
          ],
          "additionalProperties": false,
          "x-propertyAliases": {
            "Iccid": "iccid"
          },
          "x-jsonString": true
        },
        "ProfileActivationCompleteArgs": {
          "title": "ProfileActivationCompleteArgs",
          "description": "Argument of the function named by `profileActivationCompleteScript`, passed as a JSON string. Same `iccid` / `Iccid` decision as ProfileRegistrationCompleteArgs.",
          "type": "object",
          "properties": {
            "activationResult": {
              "$ref": "#/$defs/MobilePlansActivationError"
            },
            "iccid": {
              "description": "ICCID of the activated profile. Decision (Microsoft documents the argument only with a profile's ICCID): the empty string when the activation failed before the profile's ICCID was known (a malformed activation code, an SM-DP+ that refused the matching ID, a card fault, the user declining), so the portal still learns the result; a portal keys such a failure on the operation it started, not on an ICCID.",
              "anyOf": [
                {
                  "$ref": "#/$defs/Iccid"
                },
                {
                  "const": ""
                }
              ]
            }
          },
          "required": [
            "activationResult",
            "iccid"
          ],
          "additionalProperties": false,
          "x-propertyAliases": {
            "Iccid": "iccid"
          },
          "x-jsonString": true
        },
        "DataMartPurchaseResult": {
          "title": "DataMartPurchaseResult",
          "description": "The `purchaseResult` of the legacy DataMart payload: PurchaseMetaData with every property required (legacy page: \"this field is required\" for each), carried as a JSON string inside the payload.",
          "type": "object",
          "allOf": [
            {
              "$ref": "#/$defs/PurchaseMetaData"
            }
          ],
          "required": [
            "userAccount",
            "purchaseInstrument",
            "line",
            "moDirectStatus",
            "planName"
          ],
          "x-jsonString": true
        },
        "DataMartNotificationPayload": {
          "title": "DataMartNotificationPayload",
          "description": "Legacy `DataMart.notifyPurchaseResult` payload (legacy page), passed as `JSON.stringify(payload)`; its `purchaseResult` is itself a JSON string. `activationCode` is present for eSIM and empty on failure; `iccid` is empty on failure. Passing the payload (or purchaseResult) as an object instead of a string is accepted and reported as an alias; `Iccid` is accepted for `iccid`.",
          "type": "object",
          "properties": {
            "ver": {
              "const": "1",
              "description": "Payload version."
            },
            "success": {
              "type": "boolean",
              "description": "True when the user bought an MO Direct plan."
            },
            "transactionId": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64,
              "description": "The transactionId the portal received at launch."
            },
            "activationCode": {
              "anyOf": [
                {
                  "$ref": "#/$defs/ActivationCode"
                },
                {
                  "const": ""
                }
              ],
              "description": "Activation code of the eSIM profile; empty on failure, absent for a physical SIM."
            },
            "iccid": {
              "anyOf": [
                {
                  "$ref": "#/$defs/Iccid"
                },
                {
                  "const": ""
                }
              ],
              "description": "ICCID the client must use for the purchased plan; empty on failure."
            },
            "purchaseResult": {
              "$ref": "#/$defs/DataMartPurchaseResult"
            }
          },
          "required": [
            "ver",
            "success",
            "transactionId",
            "purchaseResult"
          ],
          "additionalProperties": false,
          "x-propertyAliases": {
            "Iccid": "iccid"
          },
          "x-jsonString": true
        },
        "CreatePurchaseMetaDataArgs": {
          "title": "MobilePlans.createPurchaseMetaData()",
          "type": "array",
          "maxItems": 0
        },
        "NotifyProfileDownloadArgs": {
          "title": "MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode)",
          "description": "Inline eSIM profile download: the app downloads the profile in the background while the user stays on the portal (a progress pop-up is shown over it).",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "activationCode",
              "$ref": "#/$defs/ActivationCode"
            }
          ],
          "minItems": 2,
          "items": false
        },
        "NotifyProfileDownloadDelayedArgs": {
          "title": "MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode, downloadDelay)",
          "description": "Delayed eSIM profile download: the profile is not yet available on the SM-DP+; after `downloadDelay` minutes a toast invites the user to start the download. `activationCode` may be a full activation code or only the SM-DP+ address (Microsoft's Mobile Plans callback documentation; see ActivationCodeOrSmdpAddress).",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "activationCode",
              "$ref": "#/$defs/ActivationCodeOrSmdpAddress",
              "description": "Activation code, or the SM-DP+ address where the profile will be located (download by EID)."
            },
            {
              "title": "downloadDelay",
              "$ref": "#/$defs/Minutes",
              "description": "Minutes to wait before the download is offered."
            }
          ],
          "minItems": 3,
          "items": false
        },
        "NotifyOperationCancelArgs": {
          "title": "MobilePlansInlineOperations.notifyOperationCancel(operationContext)",
          "description": "Cancels a pending (delayed) download; possible until the user sees the download-ready toast.",
          "type": "array",
          "prefixItems": [
            {
              "title": "operationContext",
              "$ref": "#/$defs/MobilePlansOperationContext"
            }
          ],
          "minItems": 1,
          "items": false
        },
        "NotifyPurchaseWithProfileDownloadArgs": {
          "title": "MobilePlans.notifyPurchaseWithProfileDownload(purchaseMetaData, activationCode, networkRegistrationInterval)",
          "description": "Asynchronous connectivity: the profile is available now but the network needs time before the device can register. The interval is rounded to the nearest 15-minute slot (5 means about 15); 0 registers immediately.",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "activationCode",
              "$ref": "#/$defs/ActivationCode"
            },
            {
              "title": "networkRegistrationInterval",
              "$ref": "#/$defs/Minutes",
              "description": "Minutes before the app tries to register (rounded to 15-minute slots; 0 = now)."
            }
          ],
          "minItems": 3,
          "items": false
        },
        "NotifyBalanceAdditionArgs": {
          "title": "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData)",
          "description": "Balance added to an existing account (physical SIM or installed eSIM). Decision (Microsoft's Mobile Plans documentation lists \"cancel a subscription\" among the portal's transactions but document no call for it): a completed subscription cancellation is reported with this call, because it is the one notification of a completed change to an existing account without a profile download, after which the app refreshes the balance (GetBalance); notifyCancelledPurchase would tell the app the user abandoned the flow. The reference portal sends `moDirectStatus` Complete, `purchaseInstrument` None (no payment), `line` Existing and `planName` `\"<plan name> (cancelled)\"`, so business reporting can tell a cancellation from a purchase; once per cancellation (a repeated submit notifies nothing).",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            }
          ],
          "minItems": 1,
          "items": false
        },
        "NotifyBalanceAdditionWithIccidArgs": {
          "title": "MobilePlansInlineOperations.notifyBalanceAddition(purchaseMetaData, iccid)",
          "description": "Balance added; the installed eSIM profile with this ICCID must become the active one.",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "iccid",
              "$ref": "#/$defs/Iccid",
              "description": "ICCID of the profile to activate after the balance addition."
            }
          ],
          "minItems": 2,
          "items": false
        },
        "NotifyCancelledPurchaseArgs": {
          "title": "MobilePlans.notifyCancelledPurchase(purchaseMetaData)",
          "description": "The user cancelled the flow in the portal. Decision (the documents name seven moDirectStatus values but no call to report a failure with): this is also the call that reports a failed purchase. The portal passes metadata whose `moDirectStatus` is the failure (ServiceError, InvalidSIM, LogOnFailed, PurchaseFailed, ClientError, BillingError) and whose `planName` is `\"\"` (the rule for an unsuccessful transaction), which hands control back to the app as a cancellation does; the legacy DataMart.notifyPurchaseResult carries the same purchaseResult with `success: false`. The reference portal's mapping of its failures to these values is in apps/portal/src/outcome.ts.",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            }
          ],
          "minItems": 1,
          "items": false
        },
        "NotifyInlineProfileDownloadArgs": {
          "title": "MobilePlansInlineProfile.notifyInlineProfileDownload(purchaseMetaData, activationCode)",
          "description": "Legacy inline profile delivery (legacy page), superseded by MobilePlansInlineOperations.notifyProfileDownload.",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "activationCode",
              "$ref": "#/$defs/ActivationCode"
            }
          ],
          "minItems": 2,
          "items": false
        },
        "LegacyNotifyBalanceAdditionArgs": {
          "title": "MobilePlans.notifyBalanceAddition(purchaseMetaData, iccid)",
          "description": "Legacy balance addition (legacy page): data added to the ICCID; if that profile is not active the app activates it. Superseded by MobilePlansInlineOperations.notifyBalanceAddition.",
          "type": "array",
          "prefixItems": [
            {
              "title": "purchaseMetaData",
              "$ref": "#/$defs/PurchaseMetaData"
            },
            {
              "title": "iccid",
              "$ref": "#/$defs/Iccid",
              "description": "ICCID the data was added to."
            }
          ],
          "minItems": 2,
          "items": false
        },
        "NotifyPurchaseResultArgs": {
          "title": "DataMart.notifyPurchaseResult(notificationPayload)",
          "description": "Oldest notification (legacy page, \"legacy callback notifications\"): one JSON string.",
          "type": "array",
          "prefixItems": [
            {
              "title": "notificationPayload",
              "$ref": "#/$defs/DataMartNotificationPayload"
            }
          ],
          "minItems": 1,
          "items": false
        }
      }
    }
  }
};
