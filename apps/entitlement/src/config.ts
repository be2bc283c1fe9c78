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
  /** EAP-AKA authentications one IMSI may start per minute (0: no limit). */
  eapStartsPerMinute: number;
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
  /** The PCF stand-in (URSP delivery through the AMF after a purchase); undefined when PCF_AMF_URL is unset. */
  pcf?: PcfConfig;
}

/** The PCF stand-in's settings (see PcfOptions). */
export interface PcfConfig {
  /** PCF_AMF_URL: the AMF's apiRoot (the device simulator's AMF: http://127.0.0.1:4060). */
  amfUrl: string;
  /** PCF_NOTIFY_URL: the n1NotifyCallbackUri (default this server's /pcf/n1-notify). */
  notifyUrl: string;
  /** PCF_LATENCY_SLICE: `SST` or `SST:SD` of the PRIORITIZE_LATENCY rule (default 2:000001). */
  latencySlice: { sst: number; sd?: string };
  /** PCF_PLMN: MCC-MNC of the URSP (default: from the IMSI, 2-digit MNC). */
  plmn?: string;
  /** PCF_UPSC: the UE policy section code (default 1). */
  upsc: number;
  /** PCF_RETRY_BASE_MS / PCF_RETRY_MAX_MS: back-off (defaults 2,000 / 60,000). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** PCF_ANSWER_TIMEOUT_MS: wait for the UE's answer before re-sending (default 15,000). */
  answerTimeoutMs: number;
  /** PCF_MAX_TRANSMISSIONS: commands sent without answer before the delivery fails (default 5). */
  maxTransmissions: number;
}

/** `SST` or `SST:SD` (SD six hex digits). */
export function parseSlice(text: string): { sst: number; sd?: string } {
  const m = /^(\d{1,3})(?::([0-9a-fA-F]{6}))?$/.exec(text.trim());
  const sst = m ? Number(m[1]) : Number.NaN;
  if (!m || sst > 255)
    throw new Error(`PCF_LATENCY_SLICE must be SST or SST:SD (SST 0..255, SD 6 hex digits), got ${text}`);
  return m[2] ? { sst, sd: m[2].toLowerCase() } : { sst };
}

function loadPcf(env: NodeJS.ProcessEnv, port: number, host: string): PcfConfig | undefined {
  const amfUrl = env.PCF_AMF_URL?.trim();
  if (!amfUrl) return undefined;
  if (!/^https?:\/\//.test(amfUrl)) throw new Error("PCF_AMF_URL must be an http(s) URL");
  const plmn = env.PCF_PLMN?.trim() || undefined;
  if (plmn && !/^\d{3}-\d{2,3}$/.test(plmn)) throw new Error("PCF_PLMN must be MCC-MNC, e.g. 001-01");
  const upsc = envInteger(env, "PCF_UPSC", 1);
  if (upsc < 0 || upsc > 0xffff) throw new Error("PCF_UPSC must be 0..65535");
  return {
    amfUrl,
    notifyUrl: env.PCF_NOTIFY_URL?.trim() || `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/pcf/n1-notify`,
    latencySlice: parseSlice(env.PCF_LATENCY_SLICE ?? "2:000001"),
    ...(plmn ? { plmn } : {}),
    upsc,
    retryBaseMs: envInteger(env, "PCF_RETRY_BASE_MS", 2000),
    retryMaxMs: envInteger(env, "PCF_RETRY_MAX_MS", 60_000),
    answerTimeoutMs: envInteger(env, "PCF_ANSWER_TIMEOUT_MS", 15_000),
    maxTransmissions: envInteger(env, "PCF_MAX_TRANSMISSIONS", 5),
  };
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
  const port = envInteger(env, "ENTITLEMENT_PORT", 4030);
  const host = env.ENTITLEMENT_HOST ?? "127.0.0.1";
  const pcf = loadPcf(env, port, host);
  return {
    port,
    host,
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
    eapStartsPerMinute: envInteger(env, "ENTITLEMENT_EAP_STARTS_PER_MINUTE", 30),
    adminToken: admin.value,
    purchaseUrl: env.ENTITLEMENT_PURCHASE_URL ?? `http://127.0.0.1:${env.PORTAL_PORT ?? 4040}/boost`,
    serviceFlowContentsType: contents,
    serviceFlowContentsTypeForm: form,
    grantSecret: grant.value,
    demoSecrets: [admin, grant].filter((s) => s.demo).map((s) => s.name),
    legacyAp2012: env.ENTITLEMENT_LEGACY_AP2012 === "1",
    maxEntitlementVersion: envInteger(env, "ENTITLEMENT_MAX_VERSION", 12),
    logLevel: env.LOG_LEVEL ?? "info",
    ...(pcf ? { pcf } : {}),
  };
}
