// The module bin/carrierkit-dpa.js runs. Only the flags live here; the server and its dependencies are imported
// when it starts, so --help and --version answer at once.
import { cliMain, defineCli, isEntryPoint, packageOf, runMain, serverOptions } from "@carrierkit/cli-runtime";

export const cli = defineCli({
  name: "carrierkit-dpa",
  version: packageOf(import.meta.url).version,
  summary: "the reference Data Plan Agent (Google DPA API) on operator-core",
  usage: "carrierkit-dpa [options]",
  options: serverOptions("DPA", { port: 4010, sqlitePath: ".data/dpa.db" }),
  env: [
    [
      "DPA_JWKS_URL | DPA_JWKS_FILE | DPA_JWKS",
      "keys of the OAuth server (none: a local demo issuer, its token printed)",
    ],
    ["DPA_JWT_ISSUER, DPA_JWT_AUDIENCE", "expected claims (https://gtaf.carrierkit.local, carrierkit-dpa)"],
    ["DPA_TLS_KEY_FILE, DPA_TLS_CERT_FILE", "serve HTTPS"],
    ["DPA_CPID_SECRET", "CPID encryption secret, 16+ characters (unset: the public demo secret)"],
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
    ["LOG_LEVEL", "pino level (info)"],
  ],
  footer: "Runs until SIGINT/SIGTERM (graceful shutdown).",
});

/** `carrierkit-dpa [flags]`: flags override their env variables; resolves with 0 once the DPA listens. */
export const main = cliMain(cli, async ({ env }) => {
  const { start } = await import("./main.js");
  await start(env);
  return 0;
});

if (isEntryPoint(import.meta.url)) void runMain("carrierkit-dpa", main);
