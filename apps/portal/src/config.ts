import { randomBytes } from "node:crypto";
import { demoMode, type EnvSecret, envInteger, envSecret } from "@carrierkit/contract-runtime/node";

/**
 * The purchase-grant secret of the explicit demo mode only (`CARRIERKIT_DEMO=1`, set by `npm start`): public, shared
 * with the entitlement server's demo mode. Outside demo mode PURCHASE_GRANT_SECRET must be set.
 */
export const DEMO_GRANT_SECRET = "carrierkit-demo-grant-secret";

/** The reference portal's configuration, from the environment. Secrets have no default outside the demo mode. */
export interface PortalConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  seedDemo: boolean;
  /** `CARRIERKIT_DEMO=1`: demo secrets allowed (announced at start). */
  demo: boolean;
  /** SM-DP+ address of the activation codes the portal issues. */
  smdpAddress: string;
  /** eSIM profiles kept in stock (topped up at start). */
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
  ];
  const [session, grant, admin] = secrets as [EnvSecret, EnvSecret, EnvSecret];
  const origins = (env.PORTAL_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    port: envInteger(env, "PORTAL_PORT", 4040),
    host: env.PORTAL_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.PORTAL_SQLITE_PATH ?? ".data/carrierkit.db",
    seedDemo: env.PORTAL_SEED_DEMO !== "0",
    demo: demoMode(env),
    smdpAddress: env.PORTAL_SMDP_ADDRESS ?? "smdp.carrierkit.dev",
    esimStock: envInteger(env, "PORTAL_ESIM_STOCK", 50),
    sessionSecret: session.value,
    grantSecret: grant.value,
    entitlementAdminUrl: env.ENTITLEMENT_ADMIN_URL ?? `http://127.0.0.1:${env.ENTITLEMENT_PORT ?? 4030}/admin`,
    entitlementAdminToken: admin.value,
    sessionIdleMinutes: envInteger(env, "PORTAL_SESSION_IDLE_MINUTES", 30),
    sessionMaxHours: envInteger(env, "PORTAL_SESSION_MAX_HOURS", 12),
    allowedOrigins: origins.length ? origins : undefined,
    trustProxy: env.PORTAL_TRUST_PROXY === "1",
    downloadDelayMinutes: envInteger(env, "PORTAL_DOWNLOAD_DELAY_MINUTES", 15),
    networkRegistrationMinutes: envInteger(env, "PORTAL_NETWORK_REGISTRATION_MINUTES", 15),
    iccidRanges: iccidRanges(env.PORTAL_ICCID_RANGES),
    logLevel: env.LOG_LEVEL ?? "info",
    demoSecrets: secrets.filter((s) => s.demo).map((s) => s.name),
  };
}
