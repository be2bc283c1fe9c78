import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  type Db,
  demoSims,
  EntitlementCore,
  OperatorCore,
  seedDemo,
  seedEntitlementDemo,
} from "@carrierkit/operator-core";
import { freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import { fromHex, SoftUsim, Ts43Client, type Ts43ClientOptions } from "@carrierkit/ts43";
import { createEntitlementApp, type EntitlementAppOptions } from "../src/index.js";

export const ADMIN = "test-admin-token";
export const GRANT_SECRET = "test-grant-secret-0123456789";

export interface Ecs {
  store: TestStore;
  db: Db;
  ent: EntitlementCore;
  clock: TestClock;
  server: RunningServer;
  url: string;
  /** A software USIM holding demo subscriber `n`'s K/OPc (0 = Asha). */
  usim(n?: number, sqn?: bigint, k?: string): SoftUsim;
  client(usim: SoftUsim, options?: Partial<Ts43ClientOptions>): Ts43Client;
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startEcs(
  dialect: "sqlite" | "postgres" = "sqlite",
  overrides: Partial<EntitlementAppOptions> = {},
): Promise<Ecs> {
  const store = await freshStore(dialect);
  const clock = new TestClock();
  await seedDemo(new OperatorCore(store.db), clock.now());
  const ent = new EntitlementCore(store.db);
  await seedEntitlementDemo(ent, clock.now());
  const { app } = createEntitlementApp({
    db: store.db,
    adminToken: ADMIN,
    grantSecret: GRANT_SECRET,
    clock: clock.now,
    ...overrides,
  });
  const server = await startServer({ app, port: 0 });
  const url = `${server.url}/`;
  const ecs: Ecs = {
    store,
    db: store.db,
    ent,
    clock,
    server,
    url,
    usim: (n = 0, sqn = 0n, k?: string) => {
      const sim = demoSims[n]!;
      return new SoftUsim({ imsi: sim.imsi, k: fromHex(k ?? sim.kHex), opc: fromHex(sim.opcHex), sqn });
    },
    client: (usim, options = {}) =>
      new Ts43Client({ baseUrl: url, usim, terminalId: "356938035643809", now: clock.now, ...options }),
    admin: (path, init = {}) =>
      fetch(`${server.url}/admin${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${ADMIN}`,
          "Content-Type": "application/json",
          ...(init.headers as Record<string, string>),
        },
      }),
    close: async () => {
      await server.close();
      await store.cleanup();
    },
  };
  // express-openapi-validator compiles the spec on the first request: warm it up.
  await (await fetch(`${url}?vers=0&entitlement_version=2.0&app=ap2010&terminal_id=1`)).body?.cancel();
  return ecs;
}

/** Android's exact slicing request parameters (AOSP PremiumNetworkEntitlementApi), minus EAP_ID. */
export const androidParams = {
  terminal_id: "356938035643809",
  boost_type: "0",
  app: "ap2010",
  terminal_vendor: "vend",
  terminal_model: "modelY",
  terminal_sw_version: "versionZ",
  vers: "0",
  entitlement_version: "2.0",
};

export { TestClock };
