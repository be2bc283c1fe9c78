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
    ["PORTAL_SMDP_ADDRESS", "SM-DP+ address of issued activation codes (smdp.carrierkit.dev)"],
    ["PORTAL_ESIM_STOCK", "eSIM profiles kept in stock (50)"],
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
