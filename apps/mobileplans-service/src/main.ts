import { readFile } from "node:fs/promises";
import { observabilityFromEnv, startServer } from "@carrierkit/contract-runtime/node";
import {
  demoMobilePlansSims,
  MobilePlansStore,
  OperatorCore,
  openStore,
  seedDemo,
  seedMobilePlansDemo,
} from "@carrierkit/operator-core";
import { pino } from "pino";
import { createMobilePlansServiceApp } from "./app.js";
import { loadConfig } from "./config.js";
import { ensureDemoPki } from "./pki.js";

/**
 * Starts the reference Mobile Plans service APIs from the environment (see config.ts and the README): HTTPS that
 * requests a client certificate; `npm start` calls it too (demo mode: a throwaway PKI, printed curl commands).
 */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const log = pino({ name: "mobileplans-service", level: config.logLevel });
  const pki = config.tls ? undefined : await ensureDemoPki(config.demoPkiDir, config.clientSubject);
  const files = config.tls ?? { certFile: pki!.serverCert, keyFile: pki!.serverKey, clientCaFile: pki!.caCert };
  const [cert, key, ca] = await Promise.all([
    readFile(files.certFile),
    readFile(files.keyFile),
    readFile(files.clientCaFile),
  ]);
  if (pki || config.demoSecrets.length)
    console.warn(
      `mobileplans-service: demo mode (CARRIERKIT_DEMO=1): ${[
        pki ? `throwaway PKI in ${pki.dir}` : "",
        ...config.demoSecrets.map((s) => `demo value for ${s}`),
      ]
        .filter(Boolean)
        .join(", ")}; never use this in production`,
    );
  const db = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    tuning: {
      applicationName: "carrierkit-mobileplans-service",
      max: config.pool.size,
      poolWaitMs: config.pool.waitMs,
    },
  });
  const store = new MobilePlansStore(db);
  if (config.seedDemo) {
    await seedDemo(new OperatorCore(db), Date.now());
    await seedMobilePlansDemo(store, Date.now());
  }
  const { app } = createMobilePlansServiceApp({
    db,
    policy: config.policy,
    mutualTls: { subject: config.clientSubject },
    ...(config.basic ? { basic: config.basic } : {}),
    rateLimit: config.rateLimit,
    transactionRetentionMs: config.transactionRetentionSeconds * 1000,
    logger: log,
    observability: observabilityFromEnv(env),
  });
  const server = await startServer({
    app,
    port: config.port,
    host: config.host,
    tls: { cert, key, ca, requestCert: true },
    handleSignals: true,
    logger: log,
    onClose: () => db.close(),
  });
  log.info(
    { url: server.url, store: db.dialect, clientSubject: config.clientSubject },
    "mobile plans service APIs listening",
  );
  if (pki && config.seedDemo) {
    const sim = demoMobilePlansSims[0];
    const auth = config.basic ? ` -u '${config.basic.username}:${config.basic.password}'` : "";
    console.log(
      [
        "",
        `Mobile Plans service APIs at ${server.url} (mutual TLS; client certificate subject "${config.clientSubject}")`,
        "  call GetBalance as the Mobile Plans service does:",
        `    curl --cacert '${pki.caCert}' --cert '${pki.clientCert}' --key '${pki.clientKey}'${auth} -H "X-MS-DM-TransactionId: MSFT-$(date +%s%N)" '${server.url}/v1/sims/iccid:${sim.iccid}/balances?fieldsTemplate=full&location=US'`,
        `  demo SIMs: ${demoMobilePlansSims.map((s) => `${s.iccid} (${s.subscriberId})`).join(", ")}`,
        "",
      ].join("\n"),
    );
  }
  return { server, db, config, pki };
}
