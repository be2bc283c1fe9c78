import { randomBytes } from "node:crypto";
import { envInteger } from "@carrierkit/contract-runtime/node";

/** The reference entitlement server's configuration, from the environment (defaults make `npm start` work). */
export interface EntitlementConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  seedDemo: boolean;
  /** Validity of issued ECS tokens, seconds. */
  tokenValiditySeconds: number;
  /** Validity of the configuration (VERS validity), seconds. */
  configValiditySeconds: number;
  /** How long an EAP-AKA exchange may take, seconds. */
  eapSessionSeconds: number;
  /** Bearer token of the admin API (generated and printed when not set). */
  adminToken: string;
  /** ServiceFlow_URL: the operator portal's data-boost purchase page. */
  purchaseUrl: string;
  /** ServiceFlow_ContentsType: `json`, `xml`, or `none` (the page is opened with GET and the user data as query). */
  serviceFlowContentsType: "json" | "xml" | "none";
  /** Secret signing ServiceFlow_UserData grants (shared with the portal). */
  grantSecret: string;
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
  return {
    port: envInteger(env, "ENTITLEMENT_PORT", 4030),
    host: env.ENTITLEMENT_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.ENTITLEMENT_SQLITE_PATH ?? ".data/carrierkit.db",
    seedDemo: env.ENTITLEMENT_SEED_DEMO !== "0",
    tokenValiditySeconds: envInteger(env, "ENTITLEMENT_TOKEN_VALIDITY_SECONDS", 86_400),
    configValiditySeconds: envInteger(env, "ENTITLEMENT_CONFIG_VALIDITY_SECONDS", 172_800),
    eapSessionSeconds: envInteger(env, "ENTITLEMENT_EAP_SESSION_SECONDS", 60),
    adminToken: env.ENTITLEMENT_ADMIN_TOKEN ?? randomBytes(18).toString("base64url"),
    purchaseUrl: env.ENTITLEMENT_PURCHASE_URL ?? `http://127.0.0.1:${env.PORTAL_PORT ?? 4040}/boost`,
    serviceFlowContentsType: contents,
    grantSecret: env.PURCHASE_GRANT_SECRET ?? "carrierkit-demo-grant-secret",
    legacyAp2012: env.ENTITLEMENT_LEGACY_AP2012 === "1",
    maxEntitlementVersion: envInteger(env, "ENTITLEMENT_MAX_VERSION", 12),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
