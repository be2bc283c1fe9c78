// The module bin/carrierkit-portal.js runs. Only the flags live here; the server and its dependencies are imported
// when it starts, so --help and --version answer at once.
import { serverCli } from "@carrierkit/cli-runtime";

/** `carrierkit-portal [flags]`: flags override their env variables; `main` resolves with 0 once the portal listens. */
export const { cli, main } = serverCli(import.meta.url, {
  name: "carrierkit-portal",
  summary: "the reference operator portal (Windows Mobile Plans, Android data boost) on operator-core",
  prefix: "PORTAL",
  port: 4040,
  sqlitePath: ".data/carrierkit.db",
  env: [
    ["SMDP_URL", "the SM-DP+ the eSIM inventory orders from over ES2+ (CARRIERKIT_DEMO=1: http://127.0.0.1:4070)"],
    ["SMDP_ADDRESS", "SM-DP+ address of activation codes when ConfirmOrder gives none (SMDP_URL's host)"],
    [
      "SMDP_NOTIFICATION_URL",
      "the URL the SM-DP+ sends HandleDownloadProgressInfo to; served here (http://127.0.0.1:$PORTAL_PORT/es2plus/handleDownloadProgressInfo)",
    ],
    [
      "SMDP_NOTIFICATION_TOKEN",
      "Bearer secret the SM-DP+ sends with notifications (required outside CARRIERKIT_DEMO=1)",
    ],
    ["SMDP_REQUESTER_ID", "our ES2+ functionRequesterIdentifier (carrierkit-portal)"],
    ["SMDP_ES2PLUS_TOKEN", "Bearer token sent on our ES2+ calls, if the SM-DP+ asks for one (none)"],
    ["PORTAL_ESIM_STOCK", "eSIM profiles of the demo profile order kept in stock (50)"],
    [
      "PORTAL_ESIM_RELEASE_MINUTES",
      "delayed download: minutes until ReleaseProfile (PORTAL_DOWNLOAD_DELAY_MINUTES - 1)",
    ],
    ["PORTAL_SESSION_SECRET", "session cookie secret (required outside CARRIERKIT_DEMO=1)"],
    [
      "PURCHASE_GRANT_SECRET",
      "secret of the ServiceFlow_UserData grants, shared with the entitlement server (required outside CARRIERKIT_DEMO=1)",
    ],
    ["ENTITLEMENT_ADMIN_URL", "the entitlement admin API (http://127.0.0.1:$ENTITLEMENT_PORT/admin)"],
    ["ENTITLEMENT_ADMIN_TOKEN", "its Bearer token (required outside CARRIERKIT_DEMO=1)"],
    ["PORTAL_DOWNLOAD_DELAY_MINUTES", "downloadDelay passed to Mobile Plans (15)"],
    ["PORTAL_NETWORK_REGISTRATION_MINUTES", "networkRegistrationInterval (15)"],
    ["PORTAL_ICCID_RANGES", "ICCID prefixes of our SIMs, comma-separated; others are InvalidSIM (8991)"],
    ["PORTAL_SESSION_IDLE_MINUTES, PORTAL_SESSION_MAX_HOURS", "session idle and absolute lifetimes (30, 12)"],
    ["PORTAL_ALLOWED_ORIGINS", "origins state-changing requests may come from (default: the portal's own)"],
    ["PORTAL_TRUST_PROXY", "express trust proxy, for Secure cookies behind a TLS proxy (off)"],
  ],
  load: () => import("./main.js"),
});
