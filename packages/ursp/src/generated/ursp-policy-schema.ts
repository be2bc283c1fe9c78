// Generated from specs/ursp/ursp-policy.schema.json by packages/ursp/scripts/generate-schema.ts. Do not edit;
// test/schema.test.ts fails when this file drifts from the schema.

export const urspPolicySchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://carrierkit.dev/schemas/ursp/ursp-policy.schema.json",
  "title": "URSP policy",
  "description": "UE route selection policy (3GPP TS 24.526 §5.2): the rules of one UE policy part of type URSP, in human units. Canonical text forms (lowercase hex, RFC 5952 IPv6) make decode(encode(x)) equal x.",
  "type": "object",
  "properties": {
    "rules": {
      "type": "array",
      "minItems": 1,
      "items": {
        "$ref": "#/$defs/rule"
      }
    }
  },
  "required": [
    "rules"
  ],
  "additionalProperties": false,
  "$defs": {
    "rule": {
      "description": "URSP rule (figure 5.2.2).",
      "type": "object",
      "properties": {
        "precedence": {
          "description": "Lower value = higher priority.",
          "type": "integer",
          "minimum": 0,
          "maximum": 255
        },
        "trafficDescriptor": {
          "description": "Components of different types must all match; of the same type, one must match.",
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/trafficDescriptorComponent"
          }
        },
        "routeSelectionDescriptors": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/routeSelectionDescriptor"
          }
        }
      },
      "required": [
        "precedence",
        "trafficDescriptor",
        "routeSelectionDescriptors"
      ],
      "additionalProperties": false
    },
    "routeSelectionDescriptor": {
      "description": "Route selection descriptor (figure 5.2.4).",
      "type": "object",
      "properties": {
        "precedence": {
          "type": "integer",
          "minimum": 0,
          "maximum": 255
        },
        "components": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/routeSelectionComponent"
          }
        }
      },
      "required": [
        "precedence",
        "components"
      ],
      "additionalProperties": false
    },
    "trafficDescriptorComponent": {
      "description": "Traffic descriptor component (TS 24.526 Table 5.2.1); `type` names the component type identifier.",
      "type": "object",
      "required": [
        "type"
      ],
      "discriminator": {
        "propertyName": "type"
      },
      "oneOf": [
        {
          "description": "0x01 Match-all type. Must be the only component of its traffic descriptor.",
          "type": "object",
          "properties": {
            "type": {
              "const": "matchAll"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x08 OS Id + OS App Id type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "osIdOsAppId"
            },
            "osId": {
              "$ref": "#/$defs/uuid"
            },
            "osAppId": {
              "description": "OS App Id as printable ASCII, e.g. an Android slice category \"ENTERPRISE\".",
              "type": "string",
              "minLength": 1,
              "maxLength": 255,
              "pattern": "^[\\x20-\\x7e]+$"
            },
            "osAppIdHex": {
              "description": "OS App Id octets as lowercase hex, only when they are not all printable ASCII.",
              "type": "string",
              "pattern": "^([0-9a-f]{2}){1,255}$"
            }
          },
          "required": [
            "type",
            "osId"
          ],
          "additionalProperties": false,
          "oneOf": [
            {
              "required": [
                "osAppId"
              ]
            },
            {
              "required": [
                "osAppIdHex"
              ]
            }
          ]
        },
        {
          "description": "0xA0 OS App Id type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "osAppId"
            },
            "osAppId": {
              "description": "OS App Id as printable ASCII, e.g. an Android slice category \"ENTERPRISE\".",
              "type": "string",
              "minLength": 1,
              "maxLength": 255,
              "pattern": "^[\\x20-\\x7e]+$"
            },
            "osAppIdHex": {
              "description": "OS App Id octets as lowercase hex, only when they are not all printable ASCII.",
              "type": "string",
              "pattern": "^([0-9a-f]{2}){1,255}$"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false,
          "oneOf": [
            {
              "required": [
                "osAppId"
              ]
            },
            {
              "required": [
                "osAppIdHex"
              ]
            }
          ]
        },
        {
          "description": "0x10 IPv4 remote address type: address + mask.",
          "type": "object",
          "properties": {
            "type": {
              "const": "ipv4RemoteAddress"
            },
            "address": {
              "$ref": "#/$defs/ipv4"
            },
            "mask": {
              "$ref": "#/$defs/ipv4"
            }
          },
          "required": [
            "type",
            "address",
            "mask"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x21 IPv6 remote address/prefix length type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "ipv6RemoteAddressPrefix"
            },
            "address": {
              "$ref": "#/$defs/ipv6"
            },
            "prefixLength": {
              "$ref": "#/$defs/prefixLength"
            }
          },
          "required": [
            "type",
            "address",
            "prefixLength"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x30 Protocol identifier/next header type (e.g. 6 TCP, 17 UDP).",
          "type": "object",
          "properties": {
            "type": {
              "const": "protocolIdNextHeader"
            },
            "value": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            }
          },
          "required": [
            "type",
            "value"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x50 Single remote port type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "singleRemotePort"
            },
            "port": {
              "type": "integer",
              "minimum": 0,
              "maximum": 65535
            }
          },
          "required": [
            "type",
            "port"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x51 Remote port range type (low ≤ high).",
          "type": "object",
          "properties": {
            "type": {
              "const": "remotePortRange"
            },
            "low": {
              "type": "integer",
              "minimum": 0,
              "maximum": 65535
            },
            "high": {
              "type": "integer",
              "minimum": 0,
              "maximum": 65535
            }
          },
          "required": [
            "type",
            "low",
            "high"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x52 IP 3 tuple type (Rel-17): at least one field; not IPv4 and IPv6 together; not port and port range together.",
          "type": "object",
          "properties": {
            "type": {
              "const": "ip3Tuple"
            },
            "ipv4": {
              "$ref": "#/$defs/ipv4Mask"
            },
            "ipv6": {
              "$ref": "#/$defs/ipv6Prefix"
            },
            "protocol": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            },
            "port": {
              "type": "integer",
              "minimum": 0,
              "maximum": 65535
            },
            "portRange": {
              "$ref": "#/$defs/portRange"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false,
          "minProperties": 2,
          "not": {
            "anyOf": [
              {
                "required": [
                  "ipv4",
                  "ipv6"
                ]
              },
              {
                "required": [
                  "port",
                  "portRange"
                ]
              }
            ]
          }
        },
        {
          "description": "0x60 Security parameter index type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "securityParameterIndex"
            },
            "spi": {
              "type": "integer",
              "minimum": 0,
              "maximum": 4294967295
            }
          },
          "required": [
            "type",
            "spi"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x70 Type of service/traffic class type: value + mask.",
          "type": "object",
          "properties": {
            "type": {
              "const": "typeOfServiceTrafficClass"
            },
            "value": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            },
            "mask": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            }
          },
          "required": [
            "type",
            "value",
            "mask"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x80 Flow label type (20 bits).",
          "type": "object",
          "properties": {
            "type": {
              "const": "flowLabel"
            },
            "label": {
              "type": "integer",
              "minimum": 0,
              "maximum": 1048575
            }
          },
          "required": [
            "type",
            "label"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x81 Destination MAC address type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "destinationMacAddress"
            },
            "address": {
              "$ref": "#/$defs/mac"
            }
          },
          "required": [
            "type",
            "address"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x83 802.1Q C-TAG VID type (12 bits).",
          "type": "object",
          "properties": {
            "type": {
              "const": "ctagVid"
            },
            "vid": {
              "$ref": "#/$defs/vid"
            }
          },
          "required": [
            "type",
            "vid"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x84 802.1Q S-TAG VID type (12 bits).",
          "type": "object",
          "properties": {
            "type": {
              "const": "stagVid"
            },
            "vid": {
              "$ref": "#/$defs/vid"
            }
          },
          "required": [
            "type",
            "vid"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x85 802.1Q C-TAG PCP/DEI type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "ctagPcpDei"
            },
            "pcp": {
              "type": "integer",
              "minimum": 0,
              "maximum": 7
            },
            "dei": {
              "type": "boolean"
            }
          },
          "required": [
            "type",
            "pcp",
            "dei"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x86 802.1Q S-TAG PCP/DEI type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "stagPcpDei"
            },
            "pcp": {
              "type": "integer",
              "minimum": 0,
              "maximum": 7
            },
            "dei": {
              "type": "boolean"
            }
          },
          "required": [
            "type",
            "pcp",
            "dei"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x87 Ethertype type (e.g. 2048 = 0x0800 IPv4).",
          "type": "object",
          "properties": {
            "type": {
              "const": "ethertype"
            },
            "value": {
              "type": "integer",
              "minimum": 0,
              "maximum": 65535
            }
          },
          "required": [
            "type",
            "value"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x88 DNN type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "dnn"
            },
            "dnn": {
              "$ref": "#/$defs/dnn"
            }
          },
          "required": [
            "type",
            "dnn"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x90 Connection capabilities type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "connectionCapabilities"
            },
            "capabilities": {
              "type": "array",
              "minItems": 1,
              "maxItems": 255,
              "items": {
                "$ref": "#/$defs/connectionCapability"
              }
            }
          },
          "required": [
            "type",
            "capabilities"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x91 Destination FQDN type (encoded as length-prefixed labels).",
          "type": "object",
          "properties": {
            "type": {
              "const": "destinationFqdn"
            },
            "fqdn": {
              "$ref": "#/$defs/fqdn"
            }
          },
          "required": [
            "type",
            "fqdn"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x92 Regular expression type (Rel-17), POSIX ERE text.",
          "type": "object",
          "properties": {
            "type": {
              "const": "regularExpression"
            },
            "regex": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255,
              "pattern": "^[\\x20-\\x7e]+$"
            }
          },
          "required": [
            "type",
            "regex"
          ],
          "additionalProperties": false
        },
        {
          "description": "0xA1 Destination MAC address range type (Rel-17), low ≤ high.",
          "type": "object",
          "properties": {
            "type": {
              "const": "destinationMacAddressRange"
            },
            "low": {
              "$ref": "#/$defs/mac"
            },
            "high": {
              "$ref": "#/$defs/mac"
            }
          },
          "required": [
            "type",
            "low",
            "high"
          ],
          "additionalProperties": false
        }
      ]
    },
    "routeSelectionComponent": {
      "description": "Route selection descriptor component (TS 24.526 Table 5.2.1).",
      "type": "object",
      "required": [
        "type"
      ],
      "discriminator": {
        "propertyName": "type"
      },
      "oneOf": [
        {
          "description": "0x01 SSC mode type; at most once per descriptor.",
          "type": "object",
          "properties": {
            "type": {
              "const": "sscMode"
            },
            "sscMode": {
              "enum": [
                1,
                2,
                3
              ]
            }
          },
          "required": [
            "type",
            "sscMode"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x02 S-NSSAI type: SST, or SST + SD. URSP carries no mapped HPLMN values (length 1 or 4 on the wire).",
          "type": "object",
          "properties": {
            "type": {
              "const": "sNssai"
            },
            "sst": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            },
            "sd": {
              "$ref": "#/$defs/sd"
            }
          },
          "required": [
            "type",
            "sst"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x04 DNN type.",
          "type": "object",
          "properties": {
            "type": {
              "const": "dnn"
            },
            "dnn": {
              "$ref": "#/$defs/dnn"
            }
          },
          "required": [
            "type",
            "dnn"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x08 PDU session type type; at most once.",
          "type": "object",
          "properties": {
            "type": {
              "const": "pduSessionType"
            },
            "pduSessionType": {
              "enum": [
                "ipv4",
                "ipv6",
                "ipv4v6",
                "unstructured",
                "ethernet"
              ]
            }
          },
          "required": [
            "type",
            "pduSessionType"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x10 Preferred access type type; at most once.",
          "type": "object",
          "properties": {
            "type": {
              "const": "preferredAccessType"
            },
            "accessType": {
              "enum": [
                "3gpp",
                "non-3gpp"
              ]
            }
          },
          "required": [
            "type",
            "accessType"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x11 Multi-access preference type (no value); at most once.",
          "type": "object",
          "properties": {
            "type": {
              "const": "multiAccessPreference"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x20 Non-seamless non-3GPP offload indication type (no value); must be the only component of its descriptor.",
          "type": "object",
          "properties": {
            "type": {
              "const": "nonSeamlessNon3gppOffload"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x40 Location criteria type. Wire framing (one length octet + location areas of figure 5.2.6) not confirmed by an independent decoder.",
          "type": "object",
          "properties": {
            "type": {
              "const": "locationCriteria"
            },
            "areas": {
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/locationArea"
              }
            }
          },
          "required": [
            "type",
            "areas"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x80 Time window type: start and stop as UTC date-times (NTP timestamps on the wire). Wire framing not confirmed by an independent decoder.",
          "type": "object",
          "properties": {
            "type": {
              "const": "timeWindow"
            },
            "start": {
              "$ref": "#/$defs/dateTime"
            },
            "stop": {
              "$ref": "#/$defs/dateTime"
            }
          },
          "required": [
            "type",
            "start",
            "stop"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x81 5G ProSe layer-3 UE-to-network relay offload indication type (no value; unconfirmed).",
          "type": "object",
          "properties": {
            "type": {
              "const": "proseL3RelayOffload"
            }
          },
          "required": [
            "type"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x82 PDU session pair ID type (one octet; unconfirmed).",
          "type": "object",
          "properties": {
            "type": {
              "const": "pduSessionPairId"
            },
            "pairId": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            }
          },
          "required": [
            "type",
            "pairId"
          ],
          "additionalProperties": false
        },
        {
          "description": "0x83 RSN type (one octet; unconfirmed).",
          "type": "object",
          "properties": {
            "type": {
              "const": "rsn"
            },
            "rsn": {
              "type": "integer",
              "minimum": 0,
              "maximum": 255
            }
          },
          "required": [
            "type",
            "rsn"
          ],
          "additionalProperties": false
        }
      ]
    },
    "uuid": {
      "description": "Lowercase UUID (RFC 4122 byte order on the wire).",
      "type": "string",
      "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    },
    "ipv4": {
      "description": "Dotted-decimal IPv4.",
      "type": "string",
      "format": "ipv4"
    },
    "ipv6": {
      "description": "IPv6 in RFC 5952 canonical text (lowercase, :: for the longest zero run).",
      "type": "string",
      "format": "ipv6"
    },
    "prefixLength": {
      "type": "integer",
      "minimum": 0,
      "maximum": 128
    },
    "ipv4Mask": {
      "type": "object",
      "properties": {
        "address": {
          "$ref": "#/$defs/ipv4"
        },
        "mask": {
          "$ref": "#/$defs/ipv4"
        }
      },
      "required": [
        "address",
        "mask"
      ],
      "additionalProperties": false
    },
    "ipv6Prefix": {
      "type": "object",
      "properties": {
        "address": {
          "$ref": "#/$defs/ipv6"
        },
        "prefixLength": {
          "$ref": "#/$defs/prefixLength"
        }
      },
      "required": [
        "address",
        "prefixLength"
      ],
      "additionalProperties": false
    },
    "portRange": {
      "type": "object",
      "properties": {
        "low": {
          "type": "integer",
          "minimum": 0,
          "maximum": 65535
        },
        "high": {
          "type": "integer",
          "minimum": 0,
          "maximum": 65535
        }
      },
      "required": [
        "low",
        "high"
      ],
      "additionalProperties": false
    },
    "mac": {
      "description": "Lowercase colon-separated MAC address.",
      "type": "string",
      "pattern": "^[0-9a-f]{2}(:[0-9a-f]{2}){5}$"
    },
    "vid": {
      "type": "integer",
      "minimum": 0,
      "maximum": 4095
    },
    "dnn": {
      "description": "DNN/APN as dotted labels (TS 23.003 §9.1): labels 1..63 octets, at most 100 octets encoded.",
      "type": "string",
      "minLength": 1,
      "maxLength": 99,
      "pattern": "^[\\x21-\\x2d\\x2f-\\x7e]{1,63}(\\.[\\x21-\\x2d\\x2f-\\x7e]{1,63})*$"
    },
    "fqdn": {
      "description": "FQDN as dotted labels without trailing dot: labels 1..63 octets, at most 255 octets encoded.",
      "type": "string",
      "minLength": 1,
      "maxLength": 254,
      "pattern": "^[\\x21-\\x2d\\x2f-\\x7e]{1,63}(\\.[\\x21-\\x2d\\x2f-\\x7e]{1,63})*$"
    },
    "connectionCapability": {
      "anyOf": [
        {
          "description": "01 IMS, 02 MMS, 04 SUPL, 08 Internet.",
          "enum": [
            "ims",
            "mms",
            "supl",
            "internet"
          ]
        },
        {
          "description": "Other values (operator specific 0x20..0x3f, later releases) as numbers.",
          "type": "integer",
          "minimum": 0,
          "maximum": 255,
          "not": {
            "enum": [
              1,
              2,
              4,
              8
            ]
          }
        }
      ]
    },
    "sd": {
      "description": "Slice differentiator, 6 lowercase hex digits.",
      "type": "string",
      "pattern": "^[0-9a-f]{6}$"
    },
    "dateTime": {
      "description": "UTC date-time within NTP era 0 (1900-01-01..2036-02-07), e.g. 2025-06-01T08:00:00Z.",
      "type": "string",
      "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,8}[1-9])?Z$",
      "format": "date-time"
    },
    "plmn": {
      "description": "PLMN as MCC-MNC, e.g. \"001-01\" or \"310-410\".",
      "type": "string",
      "pattern": "^[0-9]{3}-[0-9]{2,3}$"
    },
    "locationArea": {
      "type": "object",
      "required": [
        "areaType"
      ],
      "discriminator": {
        "propertyName": "areaType"
      },
      "oneOf": [
        {
          "type": "object",
          "properties": {
            "areaType": {
              "const": "eutraCells"
            },
            "cells": {
              "type": "array",
              "minItems": 1,
              "maxItems": 255,
              "items": {
                "type": "object",
                "properties": {
                  "plmn": {
                    "$ref": "#/$defs/plmn"
                  },
                  "cellId": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{7}$"
                  }
                },
                "required": [
                  "plmn",
                  "cellId"
                ],
                "additionalProperties": false
              }
            }
          },
          "required": [
            "areaType",
            "cells"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "properties": {
            "areaType": {
              "const": "nrCells"
            },
            "cells": {
              "type": "array",
              "minItems": 1,
              "maxItems": 255,
              "items": {
                "type": "object",
                "properties": {
                  "plmn": {
                    "$ref": "#/$defs/plmn"
                  },
                  "cellId": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{9}$"
                  }
                },
                "required": [
                  "plmn",
                  "cellId"
                ],
                "additionalProperties": false
              }
            }
          },
          "required": [
            "areaType",
            "cells"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "properties": {
            "areaType": {
              "const": "globalRanNodes"
            },
            "nodes": {
              "type": "array",
              "minItems": 1,
              "maxItems": 255,
              "items": {
                "type": "object",
                "properties": {
                  "plmn": {
                    "$ref": "#/$defs/plmn"
                  },
                  "gnbId": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{8}$"
                  }
                },
                "required": [
                  "plmn",
                  "gnbId"
                ],
                "additionalProperties": false
              }
            }
          },
          "required": [
            "areaType",
            "nodes"
          ],
          "additionalProperties": false
        },
        {
          "type": "object",
          "properties": {
            "areaType": {
              "const": "tais"
            },
            "tais": {
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "object",
                "properties": {
                  "plmn": {
                    "$ref": "#/$defs/plmn"
                  },
                  "tac": {
                    "type": "string",
                    "pattern": "^[0-9a-f]{6}$"
                  }
                },
                "required": [
                  "plmn",
                  "tac"
                ],
                "additionalProperties": false
              }
            }
          },
          "required": [
            "areaType",
            "tais"
          ],
          "additionalProperties": false
        }
      ]
    }
  }
};
