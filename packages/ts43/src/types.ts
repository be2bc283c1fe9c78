import type { components, operations, paths } from "./generated/openapi.js";

export type { components, operations, paths };

type Schemas = components["schemas"];
export type EntitlementConfigurationJson = Schemas["EntitlementConfiguration"];
export type DataBoostApplication = Schemas["DataBoostApplication"];
export type EapRelayPacket = Schemas["EapRelayPacket"];
export type EntitlementRequestBody = Schemas["EntitlementRequestBody"];
export type EntitlementError = Schemas["EntitlementError"];

/** `application/vnd.gsma.eap-relay.v1.0+json`: the EAP relay media type (TS.43 §2.8.1). */
export const EAP_RELAY_MEDIA_TYPE = "application/vnd.gsma.eap-relay.v1.0+json";
/** The XML configuration document's media type (TS.43 §2.9.1). */
export const XML_MEDIA_TYPE = "text/vnd.wap.connectivity-xml";
/** The data-boost application (Data Plan Related Information). */
export const DATA_BOOST_APP_ID = "ap2010";

/** EntitlementStatus of a data-boost answer (TS.43 Table 87). */
export const EntitlementStatus = { DISABLED: 0, ENABLED: 1, INCOMPATIBLE: 2, PROVISIONING: 3, INCLUDED: 4 } as const;
export type EntitlementStatusValue = (typeof EntitlementStatus)[keyof typeof EntitlementStatus];
/** ProvStatus of a data-boost answer (TS.43 Table 88). */
export const ProvStatus = { NOT_PROVISIONED: 0, PROVISIONED: 1, NOT_AVAILABLE: 2, IN_PROGRESS: 3 } as const;
export type ProvStatusValue = (typeof ProvStatus)[keyof typeof ProvStatus];

/** Which document form a request's Accept header asks for (see the spec's description): JSON if it names any JSON type. */
export function preferredFormat(accept: string | undefined): "json" | "xml" {
  return accept && /json/i.test(accept) ? "json" : "xml";
}

/** The `app` list of a POST body: a string, AOSP's bracketed string `"[ap2003,ap2004]"`, or an array. */
export function parseAppList(app: string | string[]): string[] {
  if (Array.isArray(app)) return app;
  return app
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}
