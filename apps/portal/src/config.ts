import { randomBytes } from "node:crypto";
import { envInteger } from "@carrierkit/contract-runtime/node";

/** The reference portal's configuration, from the environment (defaults make `npm start` work). */
export interface PortalConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  seedDemo: boolean;
  /** SM-DP+ address of the activation codes the portal issues. */
  smdpAddress: string;
  /** eSIM profiles kept in stock (topped up at start). */
  esimStock: number;
  /** Secret of the session cookie (random per process when not set). */
  sessionSecret: string;
  /** Secret of the ServiceFlow_UserData grants (shared with the entitlement server). */
  grantSecret: string;
  /** Entitlement server admin API base URL (`…/admin`) and its Bearer token. */
  entitlementAdminUrl: string;
  entitlementAdminToken: string;
  /** Minutes passed as `downloadDelay` and `networkRegistrationInterval`. */
  downloadDelayMinutes: number;
  networkRegistrationMinutes: number;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  return {
    port: envInteger(env, "PORTAL_PORT", 4040),
    host: env.PORTAL_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.PORTAL_SQLITE_PATH ?? ".data/carrierkit.db",
    seedDemo: env.PORTAL_SEED_DEMO !== "0",
    smdpAddress: env.PORTAL_SMDP_ADDRESS ?? "smdp.carrierkit.dev",
    esimStock: envInteger(env, "PORTAL_ESIM_STOCK", 50),
    sessionSecret: env.PORTAL_SESSION_SECRET ?? randomBytes(24).toString("base64url"),
    grantSecret: env.PURCHASE_GRANT_SECRET ?? "carrierkit-demo-grant-secret",
    entitlementAdminUrl: env.ENTITLEMENT_ADMIN_URL ?? `http://127.0.0.1:${env.ENTITLEMENT_PORT ?? 4030}/admin`,
    entitlementAdminToken: env.ENTITLEMENT_ADMIN_TOKEN ?? "",
    downloadDelayMinutes: envInteger(env, "PORTAL_DOWNLOAD_DELAY_MINUTES", 15),
    networkRegistrationMinutes: envInteger(env, "PORTAL_NETWORK_REGISTRATION_MINUTES", 15),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
