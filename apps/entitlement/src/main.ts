import { observabilityFromEnv, startServer } from "@carrierkit/contract-runtime/node";
import {
  demoSims,
  EntitlementCore,
  OperatorCore,
  openStore,
  seedDemo,
  seedEntitlementDemo,
} from "@carrierkit/operator-core";
import { pino } from "pino";
import { createEntitlementApp } from "./app.js";
import { loadConfig } from "./config.js";

/** Starts the reference entitlement server from the environment (see config.ts and the README); `npm start` calls it too. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const log = pino({ name: "entitlement", level: config.logLevel });
  if (config.demoSecrets.length)
    console.warn(
      `entitlement: demo mode (CARRIERKIT_DEMO=1): demo values for ${config.demoSecrets.join(", ")}; never use this in production`,
    );
  const db = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    tuning: { applicationName: "carrierkit-entitlement", max: config.pool.size, poolWaitMs: config.pool.waitMs },
  });
  if (config.seedDemo) {
    await seedDemo(new OperatorCore(db), Date.now());
    await seedEntitlementDemo(new EntitlementCore(db), Date.now());
  }
  const { app, pcf } = createEntitlementApp({
    db,
    adminToken: config.adminToken,
    grantSecret: config.grantSecret,
    eapSessionSeconds: config.eapSessionSeconds,
    policy: {
      tokenValiditySeconds: config.tokenValiditySeconds,
      configValiditySeconds: config.configValiditySeconds,
      maxEntitlementVersion: config.maxEntitlementVersion,
      legacyAp2012: config.legacyAp2012,
      purchaseUrl: config.purchaseUrl,
      serviceFlowContentsType: config.serviceFlowContentsType,
      serviceFlowContentsTypeForm: config.serviceFlowContentsTypeForm,
      eapStartsPerMinute: config.eapStartsPerMinute,
    },
    logger: log,
    observability: observabilityFromEnv(env),
    ...(config.pcf ? { pcf: config.pcf } : {}),
  });
  const server = await startServer({
    app,
    port: config.port,
    host: config.host,
    handleSignals: true,
    logger: log,
    onClose: async () => {
      await pcf?.stop();
      await db.close();
    },
  });
  log.info({ url: server.url, store: db.dialect }, "entitlement server listening");
  if (pcf) {
    pcf.start();
    log.info({ amf: config.pcf?.amfUrl, notify: config.pcf?.notifyUrl }, "PCF stand-in delivering URSP");
  }
  if (config.seedDemo) {
    console.log(
      [
        "",
        `TS.43 entitlement server at ${server.url} (admin API: ${server.url}/admin, Authorization: Bearer ${config.adminToken})`,
        "  demo USIMs (AMF 8000):",
        ...demoSims.map((s) => `    IMSI ${s.imsi}  K ${s.kHex}  OPc ${s.opcHex}  (${s.subscriberId})`),
        "",
      ].join("\n"),
    );
  }
  return { server, db, adminToken: config.adminToken, config };
}
