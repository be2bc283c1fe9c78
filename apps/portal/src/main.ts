import { observabilityFromEnv, startServer } from "@carrierkit/contract-runtime/node";
import { EsimInventory, OperatorCore, openStore, profileOrder, seedDemo } from "@carrierkit/operator-core";
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
  // The demo profile order: ICCIDs 1…PORTAL_ESIM_STOCK of issuer 8991 01, the same the SM-DP+ stand-in holds (npm
  // start gives it `profileOrder(n)`); a real operator imports its SM-DP+ order's ICCIDs (importStock).
  await inventory.importStock(profileOrder(config.esimStock), config.smdpAddress, Date.now());
  const { app, orders } = createPortalApp({
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
    smdp: {
      url: config.smdpUrl,
      address: config.smdpAddress,
      requesterId: config.smdpRequesterId,
      es2plusToken: config.smdpEs2plusToken,
      notificationUrl: config.smdpNotificationUrl,
      notificationToken: config.smdpNotificationToken,
    },
    esimReleaseMinutes: config.esimReleaseMinutes,
    logger: log,
    observability: observabilityFromEnv(env),
  });
  const server = await startServer({
    app,
    port: config.port,
    host: config.host,
    handleSignals: true,
    logger: log,
    onClose: async () => {
      await orders.stop();
      await db.close();
    },
  });
  // The ES2+ worker: continues orders, releases and cancellations that requests left (any instance may run it).
  orders.start(5000);
  log.info(
    { url: server.url, store: db.dialect, smdp: config.smdpUrl, smdpNotifications: config.smdpNotificationUrl },
    "portal listening",
  );
  return { server, db, config };
}
