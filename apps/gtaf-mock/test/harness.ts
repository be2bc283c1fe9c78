import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  clientCredentials,
  createDpaApp,
  type DpaApp,
  type DpaAppOptions,
  HttpPlanStatusPusher,
  type PlanStatusPusher,
} from "@carrierkit/dpa-app";
import { createGtafClient, type GtafClient } from "@carrierkit/gtaf";
import { type Db, type DemoData, OperatorCore, seedDemo } from "@carrierkit/operator-core";
import { DEMO_MSISDN, freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import { createLocalJWKSet } from "jose";
import { createSigner, type GtafMock, type GtafMockOptions, type GtafSigner, startGtafMock } from "../src/index.js";

export const ISSUER = "https://gtaf.test";
export const AUDIENCE = "carrierkit-dpa-test";
export const CPID_SECRET = "test-cpid-secret-0123456789";
export const ASN = "64500";
export const CLIENT = { clientId: "dpa-test", clientSecret: "dpa-test-secret" };
export const { ASHA, BEN, RAVI, LENA } = DEMO_MSISDN;

export interface Stack {
  store: TestStore;
  db: Db;
  core: OperatorCore;
  demo: DemoData;
  clock: TestClock;
  signer: GtafSigner;
  dpa: DpaApp;
  dpaServer: RunningServer;
  mock: GtafMock;
  mockServer: RunningServer;
  /** The device-facing (and DPA-facing) typed client of the mock. */
  gtaf: GtafClient;
  /** A token source the way the reference DPA gets one from GTAF (client credentials, HTTP Basic). */
  tokens(): () => Promise<string>;
  close(): Promise<void>;
}

/**
 * The reference DPA (`apps/dpa`) and the GTAF mock wired to each other over real HTTP on ephemeral ports: the DPA
 * verifies the mock's tokens and pushes to it with a client-credentials token from the mock's token endpoint.
 */
export async function startStack(
  options: {
    dpa?: Partial<DpaAppOptions>;
    mock?: Partial<GtafMockOptions>;
    keyFile?: string;
    /** Start of the shared test clock (default TestClock's fixed instant). */
    clockAt?: number;
  } = {},
): Promise<Stack> {
  const store = await freshStore("sqlite");
  const clock = new TestClock(options.clockAt);
  const core = new OperatorCore(store.db);
  const demo = await seedDemo(core, clock.now(), CPID_SECRET);
  const signer = await createSigner({
    issuer: ISSUER,
    dpaAudience: AUDIENCE,
    clock: clock.now,
    keyFile: options.keyFile,
  });
  const h = { store, db: store.db, core, demo, clock, signer } as Stack;
  h.tokens = () => clientCredentials(`${h.mockServer.url}/oauth2/token`, CLIENT.clientId, CLIENT.clientSecret);
  let pushTokens: (() => Promise<string>) | undefined;
  // The mock listens after the DPA (each needs the other's URL), so the pusher resolves the mock's URL lazily.
  const pusher: PlanStatusPusher = {
    push: (update) => {
      pushTokens ??= h.tokens();
      return new HttpPlanStatusPusher(h.mockServer.url, ASN, pushTokens).push(update);
    },
  };
  h.dpa = createDpaApp({
    db: store.db,
    cpidSecret: CPID_SECRET,
    clock: clock.now,
    auth: { keys: createLocalJWKSet(signer.publicJwks as never), issuer: ISSUER, audience: AUDIENCE },
    rateLimit: false,
    pusher,
    policy: { registrationTtlSeconds: 3600 },
    worker: { baseBackoffMs: 1000 },
    ...options.dpa,
  });
  h.dpaServer = await startServer({ app: h.dpa.app, port: 0 });
  const started = await startGtafMock({
    dpaUrl: h.dpaServer.url,
    signer,
    clock: clock.now,
    operatorId: ASN,
    clients: [CLIENT, { clientId: "other-operator", clientSecret: "x", operatorId: "64501" }],
    port: 0,
    background: false,
    ...options.mock,
  });
  h.mock = started.mock;
  h.mockServer = started.server;
  h.gtaf = createGtafClient({ baseUrl: h.mockServer.url });
  // Both validators compile their spec on the first request: warm them up, then forget the warm-up.
  await h.mock.poll();
  await fetch(`${h.mockServer.url}/mock/state`);
  h.mock.recorder.clear();
  h.close = async () => {
    await h.mockServer.close();
    await h.dpaServer.close();
    await h.dpa.stop();
    await store.cleanup();
  };
  return h;
}

export const q = (keyType: "MSISDN" | "CPID" = "MSISDN") => ({ key_type: keyType });

/** The recorded exchanges of one operation. */
export const exchanges = (h: Stack, operation: string) =>
  h.mock.recorder.list().filter((e) => e.operation === operation);

export { TestClock };
