import { request } from "node:https";
import { type Db, MobilePlansStore, OperatorCore, seedDemo, seedMobilePlansDemo } from "@carrierkit/operator-core";
import { freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import type { MobilePlansServiceAppOptions } from "../src/index.js";
import type { PemPair } from "../src/pki.js";
import {
  createTestPki,
  type RunningMobilePlansService,
  startMobilePlansService,
  type TestPki,
} from "../src/testing.js";

let pki: Promise<TestPki> | undefined;
/** One PKI per test file (key generation is the slow part). */
export function testPki(): Promise<TestPki> {
  pki ??= createTestPki();
  return pki;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A GET over TLS with the given client certificate (none: `client: null`); the server's CA is trusted. */
export function get(
  url: string,
  options: { client: PemPair | null; ca: string; headers?: Record<string, string> },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "GET",
        ca: options.ca,
        ...(options.client ? { cert: options.client.cert, key: options.client.key } : {}),
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { unparsed: text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export interface Stack {
  store: TestStore;
  db: Db;
  core: OperatorCore;
  mp: MobilePlansStore;
  clock: TestClock;
  pki: TestPki;
  service: RunningMobilePlansService;
  url: string;
  /** GET with the good client certificate and a fresh transaction id (unless `headers` sets one). */
  call(path: string, headers?: Record<string, string>, client?: PemPair | null): Promise<Answer>;
  close(): Promise<void>;
}

let seq = 0;
export const txid = () => `MSFT-test-${process.pid}-${Date.now().toString(36)}-${seq++}`;

/** A fresh store with the demo operator and its SIM cards, and the service on it over mutual TLS. */
export async function startStack(
  dialect: "sqlite" | "postgres",
  overrides: Partial<MobilePlansServiceAppOptions> = {},
): Promise<Stack> {
  const store = await freshStore(dialect);
  const clock = new TestClock();
  const core = new OperatorCore(store.db);
  await seedDemo(core, clock.now());
  const mp = new MobilePlansStore(store.db);
  await seedMobilePlansDemo(mp, clock.now());
  const keys = await testPki();
  const service = await startMobilePlansService(keys, { db: store.db, clock: clock.now, ...overrides });
  return {
    store,
    db: store.db,
    core,
    mp,
    clock,
    pki: keys,
    service,
    url: service.url,
    call: (path, headers = {}, client = keys.client) =>
      get(`${service.url}${path}`, {
        client,
        ca: keys.ca.cert,
        headers: { "X-MS-DM-TransactionId": txid(), ...headers },
      }),
    close: async () => {
      await service.close();
      await store.cleanup();
    },
  };
}
