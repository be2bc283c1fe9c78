// The module bin/carrierkit-dpa.js runs. Only the flags live here; the server and its dependencies are imported
// when it starts, so --help and --version answer at once.
import { serverCli } from "@carrierkit/cli-runtime";

/** `carrierkit-dpa [flags]`: flags override their env variables; `main` resolves with 0 once the DPA listens. */
export const { cli, main } = serverCli(import.meta.url, {
  name: "carrierkit-dpa",
  summary: "the reference Data Plan Agent (Google DPA API) on operator-core",
  prefix: "DPA",
  port: 4010,
  sqlitePath: ".data/dpa.db",
  env: [
    [
      "DPA_JWKS_URL | DPA_JWKS_FILE | DPA_JWKS",
      "keys of the OAuth server (none: a local demo issuer, its token printed)",
    ],
    ["DPA_JWT_ISSUER, DPA_JWT_AUDIENCE", "expected claims (https://gtaf.carrierkit.local, carrierkit-dpa)"],
    ["DPA_TLS_KEY_FILE, DPA_TLS_CERT_FILE", "serve HTTPS"],
    ["DPA_CPID_SECRET", "CPID encryption secret, 16+ characters (required outside CARRIERKIT_DEMO=1)"],
    ["DPA_CLIENTS", "Google clients served (mobiledataplan,youtube)"],
    ["DPA_DISABLED_OPERATIONS", "operationIds answered with 501"],
    ["DPA_RATE_LIMIT_RPS", "requests per second per caller (200; 0 disables)"],
    ["DPA_PLAN_STATUS_TTL_SECONDS", "planStatus lifetime (900)"],
    ["DPA_OFFER_TTL_SECONDS", "planOffer lifetime (3600)"],
    ["DPA_DEGRADED_TTL_SECONDS", "lifetime of answers while a back end is down (60)"],
    ["DPA_REGISTRATION_TTL_SECONDS", "MSISDN registration lifetime (2592000)"],
    ["DPA_BACKEND_HEALTH_URLS", "name=url,… back ends checked by dpaStatus"],
    ["DPA_MAINTENANCE", "1: answer 503 with Retry-After"],
    ["GTAF_PUSH_URL, GTAF_ASN", "where plan-status pushes go, the operator's ASN (64500)"],
    ["GTAF_TOKEN_URL, GTAF_CLIENT_ID, GTAF_CLIENT_SECRET", "client-credentials token for pushes (or GTAF_TOKEN)"],
    ["DPA_PUSH_CLIENTS", "clients whose plan changes are pushed (mobiledataplan)"],
    ["DPA_REQUEST_DEADLINE_MS", "longest a request may take before 503 + Retry-After (10000)"],
    [
      "DPA_DB_STATEMENT_TIMEOUT_MS, DPA_DB_QUERY_TIMEOUT_MS",
      "PostgreSQL statement and client-side query bounds (5000, +1000)",
    ],
    ["DPA_DB_CONNECT_TIMEOUT_MS", "bound on opening a PostgreSQL connection (5000)"],
    [
      "DATABASE_POOL_SIZE, DATABASE_POOL_WAIT_MS",
      "PostgreSQL pool size and wait for a free connection (10, 8000; DPA_DB_POOL_SIZE / DPA_DB_POOL_WAIT_MS win)",
    ],
    ["DPA_SQLITE_BUSY_TIMEOUT_MS", "SQLite busy_timeout (5000)"],
    [
      "DPA_HTTP_HEADERS_TIMEOUT_MS, DPA_HTTP_REQUEST_TIMEOUT_MS, DPA_HTTP_KEEP_ALIVE_TIMEOUT_MS",
      "server timeouts (10000, 30000, 65000)",
    ],
    ["DPA_DEFAULT_LANGUAGE", "language when Accept-Language matches none (en-US)"],
  ],
  load: () => import("./main.js"),
});
