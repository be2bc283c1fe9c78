import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { demoMode, envInteger } from "@carrierkit/contract-runtime/node";
import { MOBILE_PLANS_CLIENT_SUBJECT } from "@carrierkit/mobileplans-service";
import { parseDistinguishedName } from "@carrierkit/mobileplans-service/server";
import { defaultMobilePlansPolicy, type MobilePlansPolicy } from "./service.js";

/** The reference Mobile Plans service's configuration, from the environment (defaults make `npm start` work). */
export interface MobilePlansServiceConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  pool: { size: number; waitMs: number };
  seedDemo: boolean;
  /**
   * PEM files: the server's certificate and key (MOBILEPLANS_TLS_CERT, MOBILEPLANS_TLS_KEY) and the CA client
   * certificates must chain to (MOBILEPLANS_CLIENT_CA; in production DigiCert Global Root G2). In demo mode, when
   * unset, a throwaway PKI is generated into `demoPkiDir` (and a client certificate with the Microsoft subject).
   */
  tls: { certFile: string; keyFile: string; clientCaFile: string } | undefined;
  /** Where demo mode writes its throwaway CA, server and client certificates (beside the store). */
  demoPkiDir: string;
  /** MOBILEPLANS_CLIENT_SUBJECT: the client certificate's required subject. */
  clientSubject: string;
  /** MOBILEPLANS_BASIC_USER / MOBILEPLANS_BASIC_PASSWORD; demo mode: user `microsoft`, a random password, printed. */
  basic?: { username: string; password: string };
  /** The secrets that fell back to demo values (CARRIERKIT_DEMO=1 only). */
  demoSecrets: string[];
  policy: MobilePlansPolicy;
  rateLimit: { ratePerSecond: number; burst: number };
  transactionRetentionSeconds: number;
  logLevel: string;
}

function list(text: string | undefined): string[] | undefined {
  const items = text
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MobilePlansServiceConfig {
  const demo = demoMode(env);
  const sqlitePath = env.MOBILEPLANS_SERVICE_SQLITE_PATH ?? ".data/carrierkit.db";
  const certFile = env.MOBILEPLANS_TLS_CERT?.trim();
  const keyFile = env.MOBILEPLANS_TLS_KEY?.trim();
  const clientCaFile = env.MOBILEPLANS_CLIENT_CA?.trim();
  const tlsSet = [certFile, keyFile, clientCaFile].filter(Boolean).length;
  if (tlsSet > 0 && tlsSet < 3)
    throw new Error("MOBILEPLANS_TLS_CERT, MOBILEPLANS_TLS_KEY and MOBILEPLANS_CLIENT_CA must be set together");
  if (tlsSet === 0 && !demo)
    throw new Error(
      "MOBILEPLANS_TLS_CERT, MOBILEPLANS_TLS_KEY and MOBILEPLANS_CLIENT_CA are not set (the server's certificate and " +
        "the CA of the Mobile Plans service's client certificate): set them, or set CARRIERKIT_DEMO=1 for a throwaway PKI",
    );
  const clientSubject = env.MOBILEPLANS_CLIENT_SUBJECT?.trim() || MOBILE_PLANS_CLIENT_SUBJECT;
  parseDistinguishedName(clientSubject); // a malformed subject is a startup error

  const user = env.MOBILEPLANS_BASIC_USER;
  const password = env.MOBILEPLANS_BASIC_PASSWORD;
  const demoSecrets: string[] = [];
  let basic: { username: string; password: string } | undefined;
  if (user || password) {
    if (!user || !password)
      throw new Error("MOBILEPLANS_BASIC_USER and MOBILEPLANS_BASIC_PASSWORD must be set together");
    if (password.length < 12) throw new Error("MOBILEPLANS_BASIC_PASSWORD must be at least 12 characters");
    basic = { username: user, password };
  } else if (demo && env.MOBILEPLANS_BASIC !== "off") {
    basic = { username: "microsoft", password: randomBytes(12).toString("base64url") };
    demoSecrets.push("MOBILEPLANS_BASIC_PASSWORD");
  }

  const ranges = list(env.MOBILEPLANS_ICCID_RANGES) ?? defaultMobilePlansPolicy.iccidRanges;
  for (const r of ranges)
    if (!/^89[0-9]{0,18}$/.test(r)) throw new Error(`MOBILEPLANS_ICCID_RANGES: ${r} is not an ICCID prefix (89…)`);
  return {
    port: envInteger(env, "MOBILEPLANS_SERVICE_PORT", 4080),
    host: env.MOBILEPLANS_SERVICE_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath,
    pool: { size: envInteger(env, "DATABASE_POOL_SIZE", 10), waitMs: envInteger(env, "DATABASE_POOL_WAIT_MS", 8000) },
    seedDemo: env.MOBILEPLANS_SERVICE_SEED_DEMO !== "0",
    tls: tlsSet === 3 ? { certFile: certFile!, keyFile: keyFile!, clientCaFile: clientCaFile! } : undefined,
    demoPkiDir: env.MOBILEPLANS_DEMO_PKI_DIR ?? join(dirname(sqlitePath), "mobileplans-pki"),
    clientSubject,
    ...(basic ? { basic } : {}),
    demoSecrets,
    policy: {
      iccidRanges: ranges,
      lowBalanceMb: envInteger(env, "MOBILEPLANS_LOW_BALANCE_MB", defaultMobilePlansPolicy.lowBalanceMb),
      gateways: {
        default: env.MOBILEPLANS_GATEWAY_DEFAULT ?? defaultMobilePlansPolicy.gateways.default,
        noPlan: env.MOBILEPLANS_GATEWAY_NO_PLAN ?? defaultMobilePlansPolicy.gateways.noPlan,
        lowBalance: env.MOBILEPLANS_GATEWAY_LOW_BALANCE ?? defaultMobilePlansPolicy.gateways.lowBalance,
      },
    },
    rateLimit: {
      ratePerSecond: envInteger(env, "MOBILEPLANS_RATE_PER_SECOND", 50),
      burst: envInteger(env, "MOBILEPLANS_RATE_BURST", 100),
    },
    transactionRetentionSeconds: envInteger(env, "MOBILEPLANS_TRANSACTION_RETENTION_SECONDS", 86_400),
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
