import { readFileSync } from "node:fs";
import { observabilityFromEnv, type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { pino } from "pino";
import { createSigner } from "./keys.js";
import { GtafMock, type GtafMockOptions, type OAuthClient, type ServiceAccount } from "./mock.js";

/** The mock's configuration, from the environment; every default makes `npm start` work beside the reference DPA. */
export interface GtafMockConfig {
  port: number;
  host: string;
  publicUrl?: string;
  dpaUrl: string;
  operatorId: string;
  issuer: string;
  dpaAudience: string;
  keyFile: string;
  clients: OAuthClient[];
  serviceAccounts: ServiceAccount[];
  pollIntervalSeconds: number;
  dpaTimeoutMs: number;
  /** MSISDNs registered at the DPA at start (`GTAF_REGISTER_MSISDNS`; in demo mode the demo subscriber). */
  registerMsisdns: string[];
  logLevel: string;
}

/** The reference DPA's demo subscriber (Asha, opted in to sharing), registered at start in demo mode. */
export const DEMO_REGISTERED_MSISDNS = ["919876543210"];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${v}'`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GtafMockConfig {
  const clients = (env.GTAF_CLIENTS ?? "dpa-demo:dpa-demo-secret")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [clientId, clientSecret, operatorId] = entry.split(":");
      if (!clientId || !clientSecret) throw new Error(`GTAF_CLIENTS entries are id:secret[:asn], got '${entry}'`);
      return { clientId, clientSecret, ...(operatorId ? { operatorId } : {}) };
    });
  const saFile = env.GTAF_SERVICE_ACCOUNTS_FILE;
  const register = env.GTAF_REGISTER_MSISDNS;
  return {
    port: int(env, "GTAF_PORT", 4020),
    host: env.GTAF_HOST ?? "127.0.0.1",
    publicUrl: env.GTAF_PUBLIC_URL || undefined,
    dpaUrl: env.GTAF_DPA_URL ?? "http://127.0.0.1:4010",
    operatorId: env.GTAF_ASN ?? "64500",
    issuer: env.GTAF_ISSUER ?? "https://gtaf.carrierkit.local",
    dpaAudience: env.GTAF_DPA_AUDIENCE ?? "carrierkit-dpa",
    keyFile: env.GTAF_KEY_FILE ?? ".data/gtaf-mock.jwk.json",
    clients,
    serviceAccounts: saFile ? (JSON.parse(readFileSync(saFile, "utf8")) as ServiceAccount[]) : [],
    pollIntervalSeconds: int(env, "GTAF_POLL_INTERVAL_SECONDS", 30),
    dpaTimeoutMs: int(env, "GTAF_DPA_TIMEOUT_MS", 10_000),
    registerMsisdns:
      register !== undefined
        ? register
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : env.CARRIERKIT_DEMO === "1"
          ? DEMO_REGISTERED_MSISDNS
          : [],
    logLevel: env.LOG_LEVEL ?? "info",
  };
}

export interface StartedMock {
  server: RunningServer;
  mock: GtafMock;
}

/** Listens (port 0 allowed), points `callbackUrl`s at the real address, and starts polling. */
export async function startGtafMock(
  options: Omit<GtafMockOptions, "publicUrl"> & {
    port: number;
    host?: string;
    publicUrl?: string;
    pollIntervalMs?: number;
    /** Start the periodic work (default true). */
    background?: boolean;
    handleSignals?: boolean;
  },
): Promise<StartedMock> {
  const mock = new GtafMock(options);
  const server = await startServer({
    app: mock.app,
    port: options.port,
    host: options.host,
    handleSignals: options.handleSignals,
    logger: options.logger,
    onClose: () => mock.stop(),
  });
  mock.setPublicUrl(options.publicUrl ?? server.url);
  if (options.background !== false) mock.start({ pollIntervalMs: options.pollIntervalMs });
  return { server, mock };
}

/** Starts the GTAF mock from the environment (see the README); `npm start` calls it too. */
export async function start(env: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}) {
  const config = loadConfig(env);
  const log = pino({ name: "gtaf-mock", level: config.logLevel });
  const signer = await createSigner({
    issuer: config.issuer,
    dpaAudience: config.dpaAudience,
    keyFile: config.keyFile,
  });
  const started = await startGtafMock({
    dpaUrl: config.dpaUrl,
    signer,
    operatorId: config.operatorId,
    clients: config.clients,
    serviceAccounts: config.serviceAccounts,
    dpaTimeoutMs: config.dpaTimeoutMs,
    port: config.port,
    host: config.host,
    publicUrl: config.publicUrl,
    pollIntervalMs: config.pollIntervalSeconds * 1000,
    handleSignals: options.handleSignals ?? true,
    logger: log,
    observability: observabilityFromEnv(env),
  });
  const url = started.mock.publicUrl;
  log.info({ url, dpa: config.dpaUrl }, "GTAF mock listening");
  // Not awaited: under `npm start` the DPA starts after the mock; the registrations wait for it.
  const registered = started.mock.registerAtStart(config.registerMsisdns);
  const demo = config.clients[0];
  console.log(
    [
      "",
      `GTAF mock ready at ${url}, playing GTAF for the DPA at ${config.dpaUrl} (operator ${config.operatorId})`,
      `  DPA settings: DPA_JWKS_URL=${url}/.well-known/jwks.json DPA_JWT_ISSUER=${config.issuer} DPA_JWT_AUDIENCE=${config.dpaAudience}`,
      `                GTAF_PUSH_URL=${url} GTAF_TOKEN_URL=${url}/oauth2/token${demo ? ` GTAF_CLIENT_ID=${demo.clientId} GTAF_CLIENT_SECRET=${demo.clientSecret}` : ""}`,
      `  a phone asks:  curl '${url}/v1/clients/mobiledataplan/users/919876543210/planStatus?key_type=MSISDN'`,
      `  exchanges:     ${url}/mock/exchanges?format=html`,
      "",
    ].join("\n"),
  );
  return { ...started, config, signer, registered };
}
