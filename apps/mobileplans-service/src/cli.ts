// The module bin/carrierkit-mobileplans-service.js runs. Only the flags live here; the server and its dependencies
// are imported when it starts, so --help and --version answer at once.
import { serverCli } from "@carrierkit/cli-runtime";

/** `carrierkit-mobileplans-service [flags]`: flags override their env variables; `main` resolves with 0 once it listens. */
export const { cli, main } = serverCli(import.meta.url, {
  name: "carrierkit-mobileplans-service",
  summary:
    "the reference operator APIs the Windows Mobile Plans service calls (GetBalance, GetOffers, GetNotifications)",
  prefix: "MOBILEPLANS_SERVICE",
  port: 4080,
  sqlitePath: ".data/carrierkit.db",
  env: [
    ["MOBILEPLANS_TLS_CERT", "PEM file of the server certificate (required; CARRIERKIT_DEMO=1: a throwaway PKI)"],
    ["MOBILEPLANS_TLS_KEY", "PEM file of the server key (required with MOBILEPLANS_TLS_CERT)"],
    ["MOBILEPLANS_CLIENT_CA", "PEM file of the CA client certificates must chain to (DigiCert Global Root G2)"],
    [
      "MOBILEPLANS_CLIENT_SUBJECT",
      "required client certificate subject (C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=partners.datamart.windows.com)",
    ],
    [
      "MOBILEPLANS_DEMO_PKI_DIR",
      "where demo mode writes its CA, server and client certificates (beside the SQLite file)",
    ],
    [
      "MOBILEPLANS_BASIC_USER, MOBILEPLANS_BASIC_PASSWORD",
      "optional Basic credentials (off when unset; CARRIERKIT_DEMO=1: microsoft + a random password, printed)",
    ],
    [
      "MOBILEPLANS_ICCID_RANGES",
      "comma-separated ICCID prefixes of the Mobile Plans ranges; others are NOTSUPPORTED (899101)",
    ],
    ["MOBILEPLANS_LOW_BALANCE_MB", "below this many MB left, lowBalance applies (100)"],
    ["MOBILEPLANS_GATEWAY_DEFAULT, _NO_PLAN, _LOW_BALANCE", "gateway template ids GetOffers answers (0, 1, 2)"],
    ["MOBILEPLANS_RATE_PER_SECOND, MOBILEPLANS_RATE_BURST", "rate limit per client certificate (50, 100)"],
    ["MOBILEPLANS_TRANSACTION_RETENTION_SECONDS", "how long a transaction id is remembered for the 409 (86400)"],
    ["DATABASE_POOL_SIZE, DATABASE_POOL_WAIT_MS", "PostgreSQL pool size and wait for a free connection (10, 8000)"],
  ],
  load: () => import("./main.js"),
});
