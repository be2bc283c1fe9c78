import { randomBytes } from "node:crypto";
import { demoMode, type EnvSecret, envInteger, envSecret } from "@carrierkit/contract-runtime/node";

/**
 * The purchase-grant secret of the explicit demo mode only (`CARRIERKIT_DEMO=1`, set by `npm start`): public, shared
 * with the entitlement server's demo mode. Outside demo mode PURCHASE_GRANT_SECRET must be set.
 */
export const DEMO_GRANT_SECRET = "carrierkit-demo-grant-secret";

/** The SM-DP+ notification secret of the explicit demo mode only (public; `npm start` gives it to the stand-in). */
export const DEMO_SMDP_NOTIFICATION_TOKEN = "carrierkit-demo-smdp-notification-token";

/** The SM-DP+ stand-in of the demo (`npm start`, SMDP_PORT 4070). */
export const DEMO_SMDP_URL = "http://127.0.0.1:4070";

/** The reference portal's configuration, from the environment. Secrets have no default outside the demo mode. */
export interface PortalConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  seedDemo: boolean;
  /** `CARRIERKIT_DEMO=1`: demo secrets allowed (announced at start). */
  demo: boolean;
  /** SMDP_URL: the SM-DP+'s ES2+ base URL (demo: the stand-in at http://127.0.0.1:4070). */
  smdpUrl: string;
  /** SMDP_ADDRESS: the SM-DP+ address of activation codes when ConfirmOrder gives none (default: SMDP_URL's host). */
  smdpAddress: string;
  /** SMDP_ES2PLUS_TOKEN: Bearer token of our ES2+ calls (the stand-in's substitute for mutual TLS); unset: none. */
  smdpEs2plusToken?: string;
  /** SMDP_REQUESTER_ID: our ES2+ functionRequesterIdentifier. */
  smdpRequesterId: string;
  /** SMDP_NOTIFICATION_URL: where the SM-DP+ sends HandleDownloadProgressInfo (the portal serves its path). */
  smdpNotificationUrl: string;
  /** SMDP_NOTIFICATION_TOKEN: the Bearer secret the SM-DP+ sends with notifications (no default outside demo mode). */
  smdpNotificationToken: string;
  /** PORTAL_ESIM_RELEASE_MINUTES: minutes after a delayed-download purchase when the profile is released. */
  esimReleaseMinutes: number;
  /** PORTAL_ESIM_STOCK: size of the demo profile order (ICCIDs 1…n of 8991 01) imported into the stock at start. */
  esimStock: number;
  /** PORTAL_SESSION_SECRET: signs session cookies and CSRF tokens (demo: random per process). */
  sessionSecret: string;
  /** PURCHASE_GRANT_SECRET: verifies ServiceFlow_UserData grants (shared with the entitlement server). */
  grantSecret: string;
  /** Entitlement server admin API base URL (`…/admin`) and its Bearer token (ENTITLEMENT_ADMIN_TOKEN). */
  entitlementAdminUrl: string;
  entitlementAdminToken: string;
  /** Session lifetimes: PORTAL_SESSION_IDLE_MINUTES (30), PORTAL_SESSION_MAX_HOURS (12). */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** PORTAL_ALLOWED_ORIGINS (comma-separated): origins of state-changing requests; default the request's own. */
  allowedOrigins?: string[];
  /** PORTAL_TRUST_PROXY=1: trust X-Forwarded-* (Secure cookies behind a TLS proxy). */
  trustProxy: boolean;
  /** Minutes passed as `downloadDelay` and `networkRegistrationInterval`. */
  downloadDelayMinutes: number;
  networkRegistrationMinutes: number;
  /** PORTAL_ICCID_RANGES (comma-separated ICCID prefixes of our SIMs; default 8991). */
  iccidRanges?: string[];
  logLevel: string;
  /** The secrets that fell back to demo values (demo mode only). */
  demoSecrets: string[];
}

function iccidRanges(value: string | undefined): string[] | undefined {
  const ranges = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const r of ranges)
    if (!/^89[0-9]{0,17}$/.test(r)) throw new Error(`PORTAL_ICCID_RANGES: ${r} is not an ICCID prefix (89 and digits)`);
  return ranges.length ? ranges : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const secrets: EnvSecret[] = [
    envSecret(env, "PORTAL_SESSION_SECRET", () => randomBytes(24).toString("base64url"), {
      minLength: 16,
      purpose: "signs the portal's session cookies",
    }),
    envSecret(env, "PURCHASE_GRANT_SECRET", () => DEMO_GRANT_SECRET, {
      minLength: 16,
      purpose: "verifies data-boost purchase grants; the entitlement server's value",
    }),
    envSecret(env, "ENTITLEMENT_ADMIN_TOKEN", () => "", { purpose: "the entitlement server's admin API token" }),
    envSecret(env, "SMDP_NOTIFICATION_TOKEN", () => DEMO_SMDP_NOTIFICATION_TOKEN, {
      minLength: 16,
      purpose: "authenticates the SM-DP+'s download progress notifications",
    }),
  ];
  const [session, grant, admin, smdpToken] = secrets as [EnvSecret, EnvSecret, EnvSecret, EnvSecret];
  const demo = demoMode(env);
  const smdpUrl = env.SMDP_URL || (demo ? DEMO_SMDP_URL : undefined);
  if (!smdpUrl)
    throw new Error(
      "SMDP_URL is not set (the SM-DP+ the eSIM inventory orders from): set it, or set CARRIERKIT_DEMO=1",
    );
  let smdpHost: string;
  try {
    smdpHost = new URL(smdpUrl).host;
  } catch {
    throw new Error(`SMDP_URL is not a URL: ${smdpUrl}`);
  }
  const port = envInteger(env, "PORTAL_PORT", 4040);
  const downloadDelayMinutes = envInteger(env, "PORTAL_DOWNLOAD_DELAY_MINUTES", 15);
  const notificationUrl = env.SMDP_NOTIFICATION_URL || `http://127.0.0.1:${port}/es2plus/handleDownloadProgressInfo`;
  try {
    new URL(notificationUrl);
  } catch {
    throw new Error(`SMDP_NOTIFICATION_URL is not a URL: ${notificationUrl}`);
  }
  const origins = (env.PORTAL_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    port,
    host: env.PORTAL_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.PORTAL_SQLITE_PATH ?? ".data/carrierkit.db",
    seedDemo: env.PORTAL_SEED_DEMO !== "0",
    demo,
    smdpUrl,
    smdpAddress: env.SMDP_ADDRESS || env.PORTAL_SMDP_ADDRESS || smdpHost,
    smdpRequesterId: env.SMDP_REQUESTER_ID || "carrierkit-portal",
    smdpEs2plusToken: env.SMDP_ES2PLUS_TOKEN || undefined,
    smdpNotificationUrl: notificationUrl,
    smdpNotificationToken: smdpToken.value,
    esimReleaseMinutes: envInteger(env, "PORTAL_ESIM_RELEASE_MINUTES", Math.max(0, downloadDelayMinutes - 1)),
    esimStock: envInteger(env, "PORTAL_ESIM_STOCK", 50),
    sessionSecret: session.value,
    grantSecret: grant.value,
    entitlementAdminUrl: env.ENTITLEMENT_ADMIN_URL ?? `http://127.0.0.1:${env.ENTITLEMENT_PORT ?? 4030}/admin`,
    entitlementAdminToken: admin.value,
    sessionIdleMinutes: envInteger(env, "PORTAL_SESSION_IDLE_MINUTES", 30),
    sessionMaxHours: envInteger(env, "PORTAL_SESSION_MAX_HOURS", 12),
    allowedOrigins: origins.length ? origins : undefined,
    trustProxy: env.PORTAL_TRUST_PROXY === "1",
    downloadDelayMinutes,
    networkRegistrationMinutes: envInteger(env, "PORTAL_NETWORK_REGISTRATION_MINUTES", 15),
    iccidRanges: iccidRanges(env.PORTAL_ICCID_RANGES),
    logLevel: env.LOG_LEVEL ?? "info",
    demoSecrets: secrets.filter((s) => s.demo).map((s) => s.name),
  };
}
