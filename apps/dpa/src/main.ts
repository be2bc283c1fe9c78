import { envSecret, observabilityFromEnv, startServer } from "@carrierkit/contract-runtime/node";
import { OperatorCore, openStore, seedDemo } from "@carrierkit/operator-core";
import { createLocalJWKSet, createRemoteJWKSet } from "jose";
import { pino } from "pino";
import { createDpaApp } from "./app.js";
import { loadConfig } from "./config.js";
import { demoIssuer } from "./demo-auth.js";
import { clientCredentials, HttpPlanStatusPusher, type PlanStatusPusher } from "./push.js";

/** Starts the reference DPA from the environment (see config.ts and the README); `npm start` calls it too. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const log = pino({ name: "dpa", level: config.logLevel });
  // No built-in secret outside the explicit demo mode (CARRIERKIT_DEMO=1, set by `npm start`).
  const cpid = envSecret(env, "DPA_CPID_SECRET", () => "carrierkit-demo-cpid-secret", {
    minLength: 16,
    purpose: "encrypts CPIDs",
  });
  if (cpid.demo)
    console.warn(
      "dpa: demo mode (CARRIERKIT_DEMO=1): DPA_CPID_SECRET is the public demo secret; never use this in production",
    );
  const cpidSecret = cpid.value;
  const db = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    tuning: {
      applicationName: "carrierkit-dpa",
      statementTimeoutMs: config.store.statementTimeoutMs,
      queryTimeoutMs: config.store.queryTimeoutMs,
      connectTimeoutMs: config.store.connectTimeoutMs,
      max: config.store.poolSize,
      poolWaitMs: config.store.poolWaitMs,
      busyTimeoutMs: config.store.sqliteBusyTimeoutMs,
    },
  });
  const core = new OperatorCore(db);
  const demo = config.seedDemo ? await seedDemo(core, Date.now(), cpidSecret) : undefined;

  let issuer: Awaited<ReturnType<typeof demoIssuer>> | undefined;
  let keys: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
  if (config.jwt.jwksUrl) keys = createRemoteJWKSet(new URL(config.jwt.jwksUrl));
  else if (config.jwt.jwks) keys = createLocalJWKSet(config.jwt.jwks as never);
  else {
    issuer = await demoIssuer(".data/dpa-demo-issuer.jwk.json", config.jwt.issuer, config.jwt.audience);
    keys = createLocalJWKSet(issuer.publicJwks as never);
    log.warn("no DPA_JWKS_URL / DPA_JWKS_FILE: accepting tokens of the local demo issuer");
  }

  let pusher: PlanStatusPusher | undefined;
  if (config.gtaf.pushUrl) {
    const token = config.gtaf.token;
    const source =
      config.gtaf.tokenUrl && config.gtaf.clientId && config.gtaf.clientSecret
        ? clientCredentials(config.gtaf.tokenUrl, config.gtaf.clientId, config.gtaf.clientSecret)
        : async () => token ?? "";
    pusher = new HttpPlanStatusPusher(config.gtaf.pushUrl, config.gtaf.asn, source);
  }

  const dpa = createDpaApp({
    db,
    cpidSecret,
    auth: { keys, issuer: config.jwt.issuer, audience: config.jwt.audience },
    policy: {
      clients: config.clients,
      defaultLanguage: config.defaultLanguage,
      planStatusTtlSeconds: config.planStatusTtlSeconds,
      degradedTtlSeconds: config.degradedTtlSeconds,
      offerTtlSeconds: config.offerTtlSeconds,
      registrationTtlSeconds: config.registrationTtlSeconds,
      pushClients: config.gtaf.pushClients,
      requestDeadlineMs: config.requestDeadlineMs,
    },
    disabledOperations: config.disabledOperations,
    rateLimit:
      config.rateLimitPerSecond > 0
        ? { ratePerSecond: config.rateLimitPerSecond, burst: config.rateLimitPerSecond * 2 }
        : false,
    backends: config.backends,
    pusher,
    maintenance: config.maintenance,
    logger: log,
    observability: observabilityFromEnv(env),
  });
  dpa.start();
  const server = await startServer({
    app: dpa.app,
    port: config.port,
    host: config.host,
    tls: config.tls,
    timeouts: {
      headersMs: config.http.headersTimeoutMs,
      requestMs: config.http.requestTimeoutMs,
      keepAliveMs: config.http.keepAliveTimeoutMs,
    },
    handleSignals: true,
    logger: log,
    onClose: async () => {
      await dpa.stop();
      await db.close();
    },
  });
  log.info({ url: server.url, store: db.dialect }, "DPA listening");

  if (issuer && demo) {
    const token = await issuer.mint({ ttlSeconds: 24 * 3600 });
    // Warm up the validator (it compiles the spec on the first request).
    await fetch(`${server.url}/dpaStatus`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
    const tlsFlag = config.tls ? " -k" : "";
    console.log(
      [
        "",
        `DPA ready at ${server.url} (demo data, demo issuer; token valid 24 h)`,
        `  curl${tlsFlag} -H 'Authorization: Bearer ${token}' -H 'Accept-Language: hi-IN' '${server.url}/919876543210/planStatus?key_type=MSISDN&client_id=mobiledataplan'`,
        `  demo CPID (valid):   ${demo.cpids.valid}`,
        `  demo CPID (expired): ${demo.cpids.expired}`,
        "",
      ].join("\n"),
    );
  }
  return { server, dpa, issuer, demo };
}
