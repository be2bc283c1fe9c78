import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { createDpaApp, type DpaApp, type DpaAppOptions } from "@carrierkit/dpa-app";
import { type DemoData, OperatorCore, parseAmount, seedDemo } from "@carrierkit/operator-core";
import { DEMO_MSISDN, freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from "jose";
import { type ConformanceOptions, createDpaTokenSigner, type DpaTokenSigner } from "../src/index.js";

export const ISSUER = "https://gtaf.test";
export const AUDIENCE = "carrierkit-dpa-test";
export const CPID_SECRET = "test-cpid-secret-0123456789";
export const { ASHA, BEN, RAVI, LENA } = DEMO_MSISDN;

/** An ES256 key pair as JWKs (the private one is what an operator's test issuer would hand the runner). */
export async function keyPair(): Promise<{ privateJwk: JWK; publicJwks: { keys: JWK[] } }> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: "test-issuer", alg: "ES256" };
  const { d: _d, ...publicJwk } = privateJwk;
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

/** Writes a private JWK where the CLI's --key-file can read it. */
export function writeKeyFile(dir: string, jwk: JWK): string {
  const file = join(dir, "issuer.jwk.json");
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return file;
}

export interface ReferenceDpa {
  store: TestStore;
  core: OperatorCore;
  demo: DemoData;
  clock: TestClock;
  privateJwk: JWK;
  signer: DpaTokenSigner;
  dpa: DpaApp;
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

/**
 * The reference DPA (`apps/dpa`) on a fresh SQLite store with the demo data, over real HTTP on an ephemeral port,
 * trusting one test key (`signer` / `privateJwk`); its purchase worker runs, so queued purchases are called back.
 * Its clock stands still at `clock` (a fixed test instant; `new TestClock(Date.now())` for a runner on the real
 * clock, like the CLI).
 */
export async function startReferenceDpa(
  options: Partial<DpaAppOptions> = {},
  clock = new TestClock(),
): Promise<ReferenceDpa> {
  const store = await freshStore("sqlite");
  const core = new OperatorCore(store.db);
  const demo = await seedDemo(core, clock.now(), CPID_SECRET);
  // Enough balance for the purchase and the queued plan both.
  await core.topUp("sub-asha", "INR", parseAmount("1000"), clock.now());
  const { privateJwk, publicJwks } = await keyPair();
  const signer = await createDpaTokenSigner({ issuer: ISSUER, audience: AUDIENCE, privateJwk, clock: clock.now });
  const dpa = createDpaApp({
    db: store.db,
    cpidSecret: CPID_SECRET,
    clock: clock.now,
    auth: { keys: createLocalJWKSet(publicJwks as never), issuer: ISSUER, audience: AUDIENCE },
    rateLimit: false,
    policy: { registrationTtlSeconds: 3600 },
    worker: { baseBackoffMs: 1000 },
    ...options,
  });
  const server = await startServer({ app: dpa.app, port: 0 });
  dpa.start({ workerIntervalMs: 20, healthIntervalMs: 60_000 });
  return {
    store,
    core,
    demo,
    clock,
    privateJwk,
    signer,
    dpa,
    server,
    url: server.url,
    close: async () => {
      await server.close();
      await dpa.stop();
      await store.cleanup();
    },
  };
}

/** Every user-dependent input, for the reference DPA's demo data. */
export const demoUsers = (demo: DemoData): Partial<ConformanceOptions> => ({
  msisdn: ASHA,
  cpid: demo.cpids.valid,
  expiredCpid: demo.cpids.expired,
  roamingMsisdn: RAVI,
  optedOutMsisdn: BEN,
  registerMsisdn: ASHA,
  purchase: { msisdn: ASHA, planId: "daily-1gb" },
  insufficientBalance: { msisdn: LENA, planId: "weekly-5gb" },
  incompatible: { msisdn: ASHA, planId: "postpaid-addon-10gb" },
  queued: { msisdn: ASHA, planId: "roaming-7d" },
});

/** A plain HTTP server on an ephemeral loopback port. */
export async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { TestClock };
