import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { createDpaClient, type DpaClient } from "@carrierkit/dpa";
import { type Db, type DemoData, OperatorCore, seedDemo } from "@carrierkit/operator-core";
import { DEMO_MSISDN, freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { createDpaApp, type DpaApp, type DpaAppOptions } from "../src/index.js";

export const ISSUER = "https://gtaf.test";
export const AUDIENCE = "carrierkit-dpa-test";
export const CPID_SECRET = "test-cpid-secret-0123456789";
export const { ASHA, BEN, RAVI, LENA } = DEMO_MSISDN;

export interface Signer {
  jwks: { keys: JWK[] };
  token(claims?: { iss?: string; aud?: string; expiresIn?: number; at?: number }): Promise<string>;
}

export async function signer(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" };
  return {
    jwks: { keys: [jwk] },
    token: ({ iss = ISSUER, aud = AUDIENCE, expiresIn = 3600, at } = {}) => {
      const iat = Math.floor((at ?? Date.now()) / 1000);
      return new SignJWT({ scope: "dpa" })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuer(iss)
        .setAudience(aud)
        .setSubject("gtaf")
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresIn)
        .sign(privateKey);
    },
  };
}

export interface Dpa {
  store: TestStore;
  db: Db;
  core: OperatorCore;
  demo: DemoData;
  clock: TestClock;
  dpa: DpaApp;
  server: RunningServer;
  url: string;
  token: string;
  signer: Signer;
  client: DpaClient;
  /** Raw fetch with the bearer token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  restart(overrides?: Partial<DpaAppOptions>): Promise<void>;
  close(): Promise<void>;
}

/** Starts the reference DPA on an ephemeral port over a fresh store, with demo data and a test issuer. */
export async function startDpa(
  dialect: "sqlite" | "postgres" = "sqlite",
  overrides: Partial<DpaAppOptions> = {},
): Promise<Dpa> {
  const store = await freshStore(dialect);
  const clock = new TestClock();
  const core = new OperatorCore(store.db);
  const demo = await seedDemo(core, clock.now(), CPID_SECRET);
  const sign = await signer();
  const token = await sign.token({ at: clock.now(), expiresIn: 30 * 24 * 3600 });

  const build = (db: Db, o: Partial<DpaAppOptions>) =>
    createDpaApp({
      db,
      cpidSecret: CPID_SECRET,
      clock: clock.now,
      auth: { keys: createLocalJWKSet(sign.jwks as never), issuer: ISSUER, audience: AUDIENCE },
      rateLimit: false,
      worker: { baseBackoffMs: 1000 },
      ...overrides,
      ...o,
    });

  const h = {} as Dpa;
  const launch = async (db: Db, o: Partial<DpaAppOptions>) => {
    h.db = db;
    h.core = new OperatorCore(db);
    h.dpa = build(db, o);
    h.server = await startServer({ app: h.dpa.app, port: 0 });
    h.url = h.server.url;
    h.client = createDpaClient({ baseUrl: h.url, token });
    // express-openapi-validator compiles the spec on the first request: warm it up.
    await h.fetch("/dpaStatus");
  };
  Object.assign(h, {
    store,
    demo,
    clock,
    token,
    signer: sign,
    fetch: (path: string, init: RequestInit = {}) =>
      fetch(`${h.url}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      }),
    restart: async (o: Partial<DpaAppOptions> = {}) => {
      await h.server.close();
      await h.dpa.stop();
      await h.db.close();
      await launch(await store.reopen(), o);
    },
    close: async () => {
      await h.server.close();
      await h.dpa.stop();
      await store.cleanup();
    },
  });
  await launch(store.db, {});
  return h;
}

export const q = (keyType: "MSISDN" | "CPID" = "MSISDN", clientId = "mobiledataplan") => ({
  key_type: keyType,
  client_id: clientId,
});

export { TestClock };
