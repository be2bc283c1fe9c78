import { observabilityFromEnv, startServer } from "@carrierkit/contract-runtime/node";
import { EsimInventory, OperatorCore, openStore, seedDemo } from "@carrierkit/operator-core";
import { pino } from "pino";
import { createPortalApp } from "./app.js";
import { ensureBoostPlans } from "./boost.js";
import { loadConfig } from "./config.js";

/** Starts the reference operator portal from the environment (see config.ts and the README); `npm start` calls it too. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const log = pino({ name: "portal", level: config.logLevel });
  if (config.demoSecrets.length)
    console.warn(
      `portal: demo mode (CARRIERKIT_DEMO=1): demo values for ${config.demoSecrets.join(", ")}; never use this in production`,
    );
  const db = await openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  const core = new OperatorCore(db);
  const inventory = new EsimInventory(db);
  if (config.seedDemo) await seedDemo(core, Date.now());
  await ensureBoostPlans(core);
  const available = await inventory.available();
  if (available < config.esimStock) await inventory.stock(config.esimStock - available, config.smdpAddress, Date.now());
  const { app } = createPortalApp({
    db,
    sessionSecret: config.sessionSecret,
    grantSecret: config.grantSecret,
    entitlementAdmin: { url: config.entitlementAdminUrl, token: config.entitlementAdminToken },
    session: { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionMaxHours * 3_600_000 },
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    downloadDelayMinutes: config.downloadDelayMinutes,
    networkRegistrationMinutes: config.networkRegistrationMinutes,
    iccidRanges: config.iccidRanges,
    logger: log,
    observability: observabilityFromEnv(env),
  });
  const server = await startServer({
    app,
    port: config.port,
    host: config.host,
    handleSignals: true,
    logger: log,
    onClose: () => db.close(),
  });
  log.info({ url: server.url, store: db.dialect }, "portal listening");
  return { server, db, config };
}
