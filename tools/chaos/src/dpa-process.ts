/** Child-process entry of {@link launchDpa}: the reference DPA on a given store, printing `{"url"}` once it listens. */
import { startServer } from "@carrierkit/contract-runtime/node";
import { createDpaApp, loadConfig } from "@carrierkit/dpa-app";
import { createLocalJWKSet } from "jose";
import { installMemoryHook } from "./memory-hook.js";
import { AUDIENCE, type DpaProcessOptions, ISSUER, openLocation } from "./target.js";

installMemoryHook();

const options = JSON.parse(process.argv[2] ?? "{}") as DpaProcessOptions;
// The store settings a DPA started from this environment would use (pool size and wait, timeouts: DATABASE_POOL_SIZE …).
const { store } = loadConfig(process.env);
const db = await openLocation(options.location, options.databaseUrl, {
  applicationName: "carrierkit-dpa",
  statementTimeoutMs: store.statementTimeoutMs,
  queryTimeoutMs: store.queryTimeoutMs,
  connectTimeoutMs: store.connectTimeoutMs,
  max: store.poolSize,
  poolWaitMs: store.poolWaitMs,
  busyTimeoutMs: store.sqliteBusyTimeoutMs,
});
const dpa = createDpaApp({
  db,
  cpidSecret: "chaos-cpid-secret-0123456789",
  auth: { keys: createLocalJWKSet(options.jwks as never), issuer: ISSUER, audience: AUDIENCE },
  rateLimit: false,
  // A callback lease just above the 5 s delivery timeout, so a crash mid-delivery is re-sent within seconds.
  worker: { baseBackoffMs: 200, leaseMs: 6000 },
  ...options.app,
});
dpa.start({ workerIntervalMs: options.workerIntervalMs ?? 50 });
const server = await startServer({
  app: dpa.app,
  port: 0,
  handleSignals: true,
  onClose: async () => {
    await dpa.stop();
    await db.close();
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
