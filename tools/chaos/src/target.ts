/**
 * The system under attack: a reference DPA in its own process (so it can be killed with SIGKILL) on a store of its
 * own — a fresh SQLite file or a fresh PostgreSQL schema — seeded with the demo catalogue and a population of
 * prepaid and postpaid subscribers, trusting tokens of a signer the suite holds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  type Db,
  type OpenStoreOptions,
  OperatorCore,
  openStore,
  PostgresDb,
  parseAmount,
  seedDemo,
} from "@carrierkit/operator-core";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

const here = dirname(fileURLToPath(import.meta.url));
export const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const ISSUER = "https://gtaf.chaos.test";
export const AUDIENCE = "carrierkit-dpa-chaos";

export type Dialect = "sqlite" | "postgres";

/** Where a store lives; enough for another process to open it. */
export type StoreLocation = { dialect: "sqlite"; sqlitePath: string } | { dialect: "postgres"; schema: string };

export interface Population {
  /** Prepaid subscribers with a wallet (MSISDNs 91700000xxxx). */
  prepaid: number;
  /** Postpaid subscribers (MSISDNs 91710000xxxx). */
  postpaid: number;
  /** Initial wallet balance in INR units. */
  balance: string;
}

export interface ChaosSubscriber {
  id: string;
  msisdn: string;
  accountType: "PREPAID" | "POSTPAID";
}

export interface ChaosStore {
  location: StoreLocation;
  subscribers: ChaosSubscriber[];
  /** Opens a connection of the suite's own (for audits). */
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

let counter = 0;
const msisdn = (prefix: string, i: number) => `${prefix}${String(i).padStart(6, "0")}`;

/** A fresh store with the demo catalogue and the population (topped up through the ledger). */
export async function createChaosStore(dialect: Dialect, population: Population): Promise<ChaosStore> {
  let location: StoreLocation;
  let dir: string | undefined;
  if (dialect === "sqlite") {
    dir = mkdtempSync(join(tmpdir(), "carrierkit-chaos-"));
    location = { dialect, sqlitePath: join(dir, "store.db") };
  } else {
    location = { dialect, schema: `chaos_${process.pid}_${Date.now().toString(36)}_${counter++}` };
  }
  const open = () => openLocation(location);
  const db = await open();
  const core = new OperatorCore(db);
  const now = Date.now();
  await seedDemo(core, now, "chaos-cpid-secret-0123456789");
  const subscribers: ChaosSubscriber[] = [];
  for (let i = 0; i < population.prepaid + population.postpaid; i++) {
    const prepaid = i < population.prepaid;
    const s: ChaosSubscriber = {
      id: `chaos-${i}`,
      msisdn: prepaid ? msisdn("917000", i) : msisdn("917100", i),
      accountType: prepaid ? "PREPAID" : "POSTPAID",
    };
    await core.upsertSubscriber({
      id: s.id,
      msisdn: s.msisdn,
      displayName: `Chaos ${i}`,
      accountType: s.accountType,
      language: "en-US",
      roaming: false,
      roamingQueriesDisabled: false,
      sharingConsent: true,
      consentAt: now,
      suspended: false,
      createdAt: now,
    });
    if (prepaid) await core.topUp(s.id, "INR", parseAmount(population.balance), now);
    subscribers.push(s);
  }
  await db.close();
  return {
    location,
    subscribers,
    open,
    cleanup: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (location.dialect === "postgres") {
        const admin = new PostgresDb({ connectionString: postgresUrl });
        await admin.run(`DROP SCHEMA IF EXISTS ${location.schema} CASCADE`);
        await admin.close();
      }
    },
  };
}

/** Opens a store; `databaseUrl` reaches PostgreSQL another way (e.g. through a fault proxy). */
export function openLocation(
  location: StoreLocation,
  databaseUrl = postgresUrl,
  tuning?: OpenStoreOptions["tuning"],
): Promise<Db> {
  return location.dialect === "sqlite"
    ? openStore({ sqlitePath: location.sqlitePath, tuning })
    : openStore({ databaseUrl, schema: location.schema, tuning });
}

export interface Signer {
  jwks: { keys: JWK[] };
  token(claims?: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
}

/** An ES256 issuer the DPA under attack trusts. */
export async function createSigner(kid = "chaos-1"): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return {
    jwks: { keys: [jwk] },
    privateKey,
    token: (claims = {}, header = {}) => {
      const iat = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: "dpa", iss: ISSUER, aud: AUDIENCE, sub: "gtaf", iat, exp: iat + 3600, ...claims })
        .setProtectedHeader({ alg: "ES256", kid, ...header })
        .sign(privateKey);
    },
  };
}

export interface DpaProcessOptions {
  location: StoreLocation;
  /** PostgreSQL URL the DPA connects to (default: the suite's own, `TEST_DATABASE_URL`). */
  databaseUrl?: string;
  jwks: { keys: JWK[] };
  /** Worker poll interval in ms (default 50). */
  workerIntervalMs?: number;
  /** Extra DpaAppOptions (JSON-serialisable), e.g. `{ rateLimit: false }`. */
  app?: Record<string, unknown>;
}

export interface DpaProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | string | null>;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** SIGKILL, no chance to clean up. */
  kill(): Promise<void>;
}

/** Starts the reference DPA in a child process on an ephemeral port and waits until it listens. */
export function launchDpa(options: DpaProcessOptions, launch: LaunchOptions = {}): Promise<DpaProcess> {
  return launchServer(join(here, "dpa-process.ts"), options, launch);
}

export interface LaunchOptions {
  /** Start the child with `--expose-gc`, so the memory probe (memory-hook.ts) can force a collection. */
  exposeGc?: boolean;
}

/** A server in a child process (`entry` prints `{"url"}` once it listens), with an IPC channel for the memory probe. */
export async function launchServer(entry: string, options: unknown, launch: LaunchOptions = {}): Promise<DpaProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(launch.exposeGc ? ["--expose-gc"] : []),
      "--conditions=@carrierkit/source",
      "--import",
      "tsx",
      entry,
      JSON.stringify(options),
    ],
    { stdio: ["ignore", "pipe", "pipe", "ipc"], env: { ...process.env, TEST_DATABASE_URL: postgresUrl } },
  );
  const stderr: string[] = [];
  child.stderr!.on("data", (d: Buffer) => {
    stderr.push(d.toString());
    if (stderr.length > 200) stderr.shift();
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
    void exited.then((how) =>
      reject(new Error(`the server process ${entry} ended (${how}) before listening:\n${stderr.join("")}`)),
    );
  });
  return {
    url,
    child,
    exited,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
