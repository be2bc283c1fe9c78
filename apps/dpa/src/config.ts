import { readFileSync } from "node:fs";
import { envInteger } from "@carrierkit/contract-runtime/node";
import type { OperationId } from "@carrierkit/dpa";
import { type BackendCheck, httpBackend } from "./health.js";

/** The reference DPA's configuration, from the environment; every default makes `npm start` work on a fresh machine. */
export interface DpaConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  sqlitePath: string;
  seedDemo: boolean;
  cpidSecret?: string;
  jwt: {
    jwksUrl?: string;
    jwks?: { keys: unknown[] };
    issuer: string;
    audience: string;
  };
  tls?: { key: string; cert: string };
  disabledOperations: OperationId[];
  clients: string[];
  defaultLanguage: string;
  rateLimitPerSecond: number;
  planStatusTtlSeconds: number;
  degradedTtlSeconds: number;
  offerTtlSeconds: number;
  registrationTtlSeconds: number;
  backends: BackendCheck[];
  maintenance: boolean;
  gtaf: {
    pushUrl?: string;
    asn: string;
    tokenUrl?: string;
    clientId?: string;
    clientSecret?: string;
    token?: string;
    pushClients: string[];
  };
  logLevel: string;
  /** Store timeouts (see the README's "Timeouts" table). */
  store: {
    statementTimeoutMs: number;
    queryTimeoutMs: number;
    connectTimeoutMs: number;
    poolSize: number;
    poolWaitMs: number;
    sqliteBusyTimeoutMs: number;
  };
  /** Longest a request may take before it is answered 503 with Retry-After. */
  requestDeadlineMs: number;
  /** HTTP server timeouts. */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
}

const list = (v: string | undefined, fallback: string[]) =>
  v === undefined
    ? fallback
    : v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);

/**
 * PostgreSQL pool defaults. With the wait for a free connection bounded by the 5 s connect timeout, 0.8% of a
 * 100-connection purchase load got 503 (`timeout exceeded when trying to connect`: requests queued for a connection
 * while others held theirs waiting on a subscriber's row lock); with an 8 s wait none did, with 10 or 20 connections
 * alike (tools/bench/results/chaos.md). Keep instances × pool size below the server's `max_connections`.
 */
export const DEFAULT_POOL_SIZE = 10;
/** Waiting for a free connection is saturation, not an outage: bounded just below the 10 s request deadline. */
export const DEFAULT_POOL_WAIT_MS = 8000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): DpaConfig {
  const jwksFile = env.DPA_JWKS_FILE;
  const jwksInline = env.DPA_JWKS;
  const jwks = jwksFile ? JSON.parse(readFileSync(jwksFile, "utf8")) : jwksInline ? JSON.parse(jwksInline) : undefined;
  if ((env.DPA_TLS_KEY_FILE === undefined) !== (env.DPA_TLS_CERT_FILE === undefined))
    throw new Error("DPA_TLS_KEY_FILE and DPA_TLS_CERT_FILE go together");
  const statementTimeoutMs = envInteger(env, "DPA_DB_STATEMENT_TIMEOUT_MS", 5000);
  return {
    port: envInteger(env, "DPA_PORT", 4010),
    host: env.DPA_HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.DPA_SQLITE_PATH ?? ".data/dpa.db",
    seedDemo: env.DPA_SEED_DEMO !== "0",
    cpidSecret: env.DPA_CPID_SECRET,
    jwt: {
      jwksUrl: env.DPA_JWKS_URL,
      jwks,
      issuer: env.DPA_JWT_ISSUER ?? "https://gtaf.carrierkit.local",
      audience: env.DPA_JWT_AUDIENCE ?? "carrierkit-dpa",
    },
    tls:
      env.DPA_TLS_KEY_FILE && env.DPA_TLS_CERT_FILE
        ? { key: readFileSync(env.DPA_TLS_KEY_FILE, "utf8"), cert: readFileSync(env.DPA_TLS_CERT_FILE, "utf8") }
        : undefined,
    disabledOperations: list(env.DPA_DISABLED_OPERATIONS, []) as OperationId[],
    clients: list(env.DPA_CLIENTS, ["mobiledataplan", "youtube"]),
    defaultLanguage: env.DPA_DEFAULT_LANGUAGE ?? "en-US",
    rateLimitPerSecond: envInteger(env, "DPA_RATE_LIMIT_RPS", 200),
    planStatusTtlSeconds: envInteger(env, "DPA_PLAN_STATUS_TTL_SECONDS", 900),
    degradedTtlSeconds: envInteger(env, "DPA_DEGRADED_TTL_SECONDS", 60),
    offerTtlSeconds: envInteger(env, "DPA_OFFER_TTL_SECONDS", 3600),
    registrationTtlSeconds: envInteger(env, "DPA_REGISTRATION_TTL_SECONDS", 30 * 24 * 3600),
    backends: list(env.DPA_BACKEND_HEALTH_URLS, []).map((entry) => {
      const eq = entry.indexOf("=");
      if (eq < 1) throw new Error(`DPA_BACKEND_HEALTH_URLS entries are name=url, got '${entry}'`);
      return httpBackend(entry.slice(0, eq), entry.slice(eq + 1));
    }),
    maintenance: env.DPA_MAINTENANCE === "1",
    gtaf: {
      pushUrl: env.GTAF_PUSH_URL,
      asn: env.GTAF_ASN ?? "64500",
      tokenUrl: env.GTAF_TOKEN_URL,
      clientId: env.GTAF_CLIENT_ID,
      clientSecret: env.GTAF_CLIENT_SECRET,
      token: env.GTAF_TOKEN,
      pushClients: list(env.DPA_PUSH_CLIENTS, ["mobiledataplan"]),
    },
    logLevel: env.LOG_LEVEL ?? "info",
    store: {
      statementTimeoutMs,
      queryTimeoutMs: envInteger(env, "DPA_DB_QUERY_TIMEOUT_MS", statementTimeoutMs + 1000),
      connectTimeoutMs: envInteger(env, "DPA_DB_CONNECT_TIMEOUT_MS", 5000),
      poolSize: envInteger(env, "DPA_DB_POOL_SIZE", envInteger(env, "DATABASE_POOL_SIZE", DEFAULT_POOL_SIZE)),
      poolWaitMs: envInteger(
        env,
        "DPA_DB_POOL_WAIT_MS",
        envInteger(env, "DATABASE_POOL_WAIT_MS", DEFAULT_POOL_WAIT_MS),
      ),
      sqliteBusyTimeoutMs: envInteger(env, "DPA_SQLITE_BUSY_TIMEOUT_MS", 5000),
    },
    requestDeadlineMs: envInteger(env, "DPA_REQUEST_DEADLINE_MS", 10_000),
    http: {
      headersTimeoutMs: envInteger(env, "DPA_HTTP_HEADERS_TIMEOUT_MS", 10_000),
      requestTimeoutMs: envInteger(env, "DPA_HTTP_REQUEST_TIMEOUT_MS", 30_000),
      keepAliveTimeoutMs: envInteger(env, "DPA_HTTP_KEEP_ALIVE_TIMEOUT_MS", 65_000),
    },
  };
}
