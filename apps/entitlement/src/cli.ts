// The module bin/carrierkit-entitlement.js runs. Only the flags live here; the server and its dependencies are imported
// when it starts, so --help and --version answer at once.
import { serverCli } from "@carrierkit/cli-runtime";

/** `carrierkit-entitlement [flags]`: flags override their env variables; `main` resolves with 0 once the server listens. */
export const { cli, main } = serverCli(import.meta.url, {
  name: "carrierkit-entitlement",
  summary: "the reference GSMA TS.43 entitlement server (EAP-AKA, 5G slicing upsell) on operator-core",
  prefix: "ENTITLEMENT",
  port: 4030,
  sqlitePath: ".data/carrierkit.db",
  env: [
    [
      "ENTITLEMENT_ADMIN_TOKEN",
      "Bearer token of the admin API (required; with CARRIERKIT_DEMO=1 random and printed when unset)",
    ],
    ["ENTITLEMENT_TOKEN_VALIDITY_SECONDS", "validity of issued tokens (86400)"],
    ["ENTITLEMENT_CONFIG_VALIDITY_SECONDS", "VERS validity (172800)"],
    ["ENTITLEMENT_EAP_SESSION_SECONDS", "how long an EAP-AKA exchange may take (60)"],
    [
      "ENTITLEMENT_EAP_STARTS_PER_MINUTE",
      "EAP-AKA authentications one IMSI may start per minute, then 503 + Retry-After (30; 0 = no limit)",
    ],
    ["ENTITLEMENT_PURCHASE_URL", "ServiceFlow_URL, the portal's boost page (http://127.0.0.1:$PORTAL_PORT/boost)"],
    ["SERVICE_FLOW_CONTENTS_TYPE", "ServiceFlow_ContentsType: json, xml or none (json)"],
    ["SERVICE_FLOW_CONTENTS_TYPE_FORM", "aosp (json/xml, Android's values) or seed (1/2, 0 for none) (aosp)"],
    [
      "PURCHASE_GRANT_SECRET",
      "secret of the ServiceFlow_UserData grants, shared with the portal (required outside CARRIERKIT_DEMO=1)",
    ],
    ["ENTITLEMENT_LEGACY_AP2012", "1: answer ap2012 like ap2010 (early AOSP builds)"],
    ["ENTITLEMENT_MAX_VERSION", "highest entitlement_version major spoken (12)"],
    [
      "DATABASE_POOL_SIZE, DATABASE_POOL_WAIT_MS",
      "PostgreSQL pool size and wait for a free connection (10, 8000); EAP-AKA sessions live in PostgreSQL",
    ],
    ["PCF_AMF_URL", "AMF apiRoot for URSP delivery after a purchase (TS 29.518 N1N2MessageTransfer); unset = off"],
    ["PCF_NOTIFY_URL", "n1NotifyCallbackUri the AMF posts the UE's answers to (http://$HOST:$PORT/pcf/n1-notify)"],
    ["PCF_LATENCY_SLICE", "S-NSSAI of the PRIORITIZE_LATENCY rule, SST or SST:SD (2:000001)"],
    ["PCF_PLMN", "MCC-MNC of the delivered URSP (from the IMSI, 2-digit MNC)"],
    ["PCF_UPSC", "UE policy section code of the URSP (1)"],
    ["PCF_RETRY_BASE_MS", "first retry delay, doubling per try (2000)"],
    ["PCF_RETRY_MAX_MS", "longest retry delay (60000)"],
    ["PCF_ANSWER_TIMEOUT_MS", "wait for the UE's answer before re-sending the command (15000)"],
    ["PCF_MAX_TRANSMISSIONS", "commands sent without an answer before the delivery fails (5)"],
  ],
  load: () => import("./main.js"),
});
