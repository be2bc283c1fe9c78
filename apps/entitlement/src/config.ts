import { randomBytes } from "node:crypto";
import { envInteger, envSecret } from "@carrierkit/contract-runtime/node";

/**
 * The purchase-grant secret of the explicit demo mode only (`CARRIERKIT_DEMO=1`, set by `npm start`): public, shared
 * with the portal's demo mode. Outside demo mode PURCHASE_GRANT_SECRET must be set.
 */
export const DEMO_GRANT_SECRET = "carrierkit-demo-grant-secret";

/** The reference entitlement server's configuration, from the environment (defaults make `npm start` work). */
export interface EntitlementConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  /** PostgreSQL pool: size and the wait for a free connection (past it: 503 + Retry-After). */
  pool: { size: number; waitMs: number };
  seedDemo: boolean;
  /** Validity of issued ECS tokens, seconds. */
  tokenValiditySeconds: number;
  /** Validity of the configuration (VERS validity), seconds. */
  configValiditySeconds: number;
  /** How long an EAP-AKA exchange may take, seconds. */
  eapSessionSeconds: number;
  /** ENTITLEMENT_ADMIN_TOKEN: Bearer token of the admin API (demo mode: generated and printed when not set). */
  adminToken: string;
  /** ServiceFlow_URL: the operator portal's data-boost purchase page. */
  purchaseUrl: string;
  /** ServiceFlow_ContentsType: `json`, `xml`, or `none` (the page is opened with GET and the user data as query). */
  serviceFlowContentsType: "json" | "xml" | "none";
  /** SERVICE_FLOW_CONTENTS_TYPE_FORM: `aosp` (`json`/`xml`, what Android compares) or `seed` (`1`/`2`, `0` for none). */
  serviceFlowContentsTypeForm: "aosp" | "seed";
  /** PURCHASE_GRANT_SECRET: signs ServiceFlow_UserData grants (shared with the portal). */
  grantSecret: string;
  /** The secrets that fell back to demo values (`CARRIERKIT_DEMO=1` only; outside it a missing secret is an error). */
  demoSecrets: string[];
  /** Answer `ap2012` like `ap2010` (early AOSP builds); off by default — ap2012 is Direct Carrier Billing. */
  legacyAp2012: boolean;
  /** Highest entitlement_version major this server speaks (others: 406). */
  maxEntitlementVersion: number;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EntitlementConfig {
  const contents = env.SERVICE_FLOW_CONTENTS_TYPE ?? "json";
  if (contents !== "json" && contents !== "xml" && contents !== "none")
    throw new Error("SERVICE_FLOW_CONTENTS_TYPE must be json, xml or none");
  const form = env.SERVICE_FLOW_CONTENTS_TYPE_FORM ?? "aosp";
  if (form !== "aosp" && form !== "seed") throw new Error("SERVICE_FLOW_CONTENTS_TYPE_FORM must be aosp or seed");
  const admin = envSecret(env, "ENTITLEMENT_ADMIN_TOKEN", () => randomBytes(18).toString("base64url"), {
    minLength: 16,
    purpose: "the admin API's Bearer token",
  });
  const grant = envSecret(env, "PURCHASE_GRANT_SECRET", () => DEMO_GRANT_SECRET, {
    minLength: 16,
    purpose: "signs data-boost purchase grants; the portal needs the same value",
  });
  return {
    port: envInteger(env, "ENTITLEMENT_PORT", 4030),
    host: env.ENTITLEMENT_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    pool: {
      size: envInteger(env, "DATABASE_POOL_SIZE", 10),
      waitMs: envInteger(env, "DATABASE_POOL_WAIT_MS", 8000),
    },
    sqlitePath: env.ENTITLEMENT_SQLITE_PATH ?? ".data/carrierkit.db",
    seedDemo: env.ENTITLEMENT_SEED_DEMO !== "0",
    tokenValiditySeconds: envInteger(env, "ENTITLEMENT_TOKEN_VALIDITY_SECONDS", 86_400),
    configValiditySeconds: envInteger(env, "ENTITLEMENT_CONFIG_VALIDITY_SECONDS", 172_800),
    eapSessionSeconds: envInteger(env, "ENTITLEMENT_EAP_SESSION_SECONDS", 60),
    adminToken: admin.value,
    purchaseUrl: env.ENTITLEMENT_PURCHASE_URL ?? `http://127.0.0.1:${env.PORTAL_PORT ?? 4040}/boost`,
    serviceFlowContentsType: contents,
    serviceFlowContentsTypeForm: form,
    grantSecret: grant.value,
    demoSecrets: [admin, grant].filter((s) => s.demo).map((s) => s.name),
    legacyAp2012: env.ENTITLEMENT_LEGACY_AP2012 === "1",
    maxEntitlementVersion: envInteger(env, "ENTITLEMENT_MAX_VERSION", 12),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
