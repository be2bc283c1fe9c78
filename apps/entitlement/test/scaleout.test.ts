import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  type Db,
  demoSims,
  EntitlementCore,
  OperatorCore,
  openStore,
  seedDemo,
  seedEntitlementDemo,
} from "@carrierkit/operator-core";
import {
  FaultProxy,
  freshStore,
  type OnceResponse,
  postgresUrl,
  RoundRobinBalancer,
  requestOnce,
  TestClock,
  type TestStore,
} from "@carrierkit/operator-core/testing";
import { EAP_RELAY_MEDIA_TYPE, EapAkaPeer, fromHex, rootNai, SoftUsim } from "@carrierkit/ts43";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEntitlementApp, loadConfig } from "../src/index.js";
import { ADMIN, androidParams, GRANT_SECRET } from "./harness.js";

interface Instance {
  db: Db;
  server: RunningServer;
  /** SIGKILL stand-in: the listener and every connection go at once, the pool is dropped. */
  kill(): Promise<void>;
}

async function instance(db: Db, clock: TestClock, sessions?: "memory" | "store"): Promise<Instance> {
  const { app } = createEntitlementApp({
    db,
    adminToken: ADMIN,
    grantSecret: GRANT_SECRET,
    clock: clock.now,
    sessions,
  });
  const server = await startServer({ app, port: 0 });
  // express-openapi-validator compiles the spec on the first request: warm it up.
  await requestOnce(`${server.url}/?vers=0&entitlement_version=2.0&app=ap2010&terminal_id=1`);
  return {
    db,
    server,
    kill: async () => {
      server.server.closeAllConnections();
      await server.close();
      await db.close();
    },
  };
}

const usim = (n: number, sqn = 0n) => {
  const sim = demoSims[n]!;
  return new SoftUsim({ imsi: sim.imsi, k: fromHex(sim.kHex), opc: fromHex(sim.opcHex), sqn });
};

/** The device side of the exchange, one connection per request, noting which instance answered each round. */
class Device {
  readonly peer: EapAkaPeer;
  cookie = "";
  constructor(
    readonly lb: RoundRobinBalancer,
    sim: SoftUsim,
  ) {
    this.peer = new EapAkaPeer(sim, rootNai(sim.imsi, 2));
  }

  /** Sends a request through the balancer and says which upstream took it. */
  async send(path: string, init: Parameters<typeof requestOnce>[1] = {}): Promise<OnceResponse & { by: number }> {
    const before = [...this.lb.forwarded];
    const res = await requestOnce(`${this.lb.url}${path}`, init);
    return { ...res, by: this.lb.forwarded.findIndex((n, i) => n !== before[i]) };
  }

  start() {
    const q = new URLSearchParams({ EAP_ID: this.peer.identity, ...androidParams });
    return this.send(`/?${q}`, { headers: { Accept: EAP_RELAY_MEDIA_TYPE } });
  }

  /** The peer's answer to the packet in `res`, relayed with the session cookie. */
  answer(res: OnceResponse) {
    const cookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
    if (cookie) this.cookie = cookie;
    const packet = Buffer.from((JSON.parse(res.body) as { "eap-relay-packet": string })["eap-relay-packet"], "base64");
    const out = this.peer.handle(packet);
    if (out.kind !== "response") throw new Error(`expected an EAP response, got ${out.kind}`);
    return JSON.stringify({ "eap-relay-packet": Buffer.from(out.packet).toString("base64") });
  }

  relay(body: string) {
    return this.send("/", {
      method: "POST",
      headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Accept: EAP_RELAY_MEDIA_TYPE, Cookie: this.cookie },
      body,
    });
  }

  withToken(token: string) {
    const q = new URLSearchParams({ token, IMSI: this.peer.identity.slice(1, 16), ...androidParams });
    return this.send(`/?${q}`, { headers: { Accept: "application/json" } });
  }
}

describe("two entitlement instances on one PostgreSQL behind a round-robin balancer", () => {
  let store: TestStore;
  const clock = new TestClock();
  let instances: Instance[];
  let lb: RoundRobinBalancer;

  beforeAll(async () => {
    store = await freshStore("postgres");
    await seedDemo(new OperatorCore(store.db), clock.now());
    await seedEntitlementDemo(new EntitlementCore(store.db), clock.now());
  });
  afterAll(async () => store.cleanup());

  const up = async (sessions?: "memory" | "store") => {
    instances = [
      await instance(await store.reopen(), clock, sessions),
      await instance(await store.reopen(), clock, sessions),
    ];
    lb = await RoundRobinBalancer.ofUrls(instances.map((i) => i.server.url)).start();
  };
  afterEach(async () => {
    await lb.close();
    for (const i of instances) await i.kill();
  });

  it("When the rounds of a full EAP-AKA alternate instances, then it succeeds and the token issued by one is accepted by the other", async () => {
    await up();
    const d = new Device(lb, usim(0));
    const challenge = await d.start();
    expect([challenge.status, challenge.headers["content-type"]]).toEqual([200, expect.stringContaining("eap-relay")]);
    const done = await d.relay(d.answer(challenge));
    expect(done.status).toBe(200);
    expect(done.by).not.toBe(challenge.by);
    const doc = JSON.parse(done.body) as { Token: { token: string }; ap2010: { EntitlementStatus: string } };
    expect(doc.ap2010.EntitlementStatus).toBe(1);
    // The token now goes to the instance that did not issue it (and then to the one that did).
    const first = await d.withToken(doc.Token.token);
    const second = await d.withToken(doc.Token.token);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(new Set([done.by, first.by, second.by])).toEqual(new Set([0, 1]));
    expect(first.by).not.toBe(done.by);
    expect(JSON.parse(first.body)).toMatchObject({ ap2010: { EntitlementStatus: 1 } });
  });

  it("When the USIM's SQN is ahead, then the resync round and the next challenge alternate instances and the exchange succeeds", async () => {
    await up();
    const d = new Device(lb, usim(1, 0x10_0000n));
    const challenge = await d.start();
    const resync = await d.relay(d.answer(challenge));
    expect(resync.status).toBe(200);
    expect(resync.headers["content-type"]).toContain("eap-relay");
    const done = await d.relay(d.answer(resync));
    expect(done.status).toBe(200);
    expect([challenge.by, resync.by, done.by]).toEqual([challenge.by, 1 - challenge.by, challenge.by]);
    expect((JSON.parse(done.body) as { Token?: { token: string } }).Token?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("When the instance that sent the challenge is killed before the answer, then the other instance completes the exchange", async () => {
    await up();
    const d = new Device(lb, usim(2));
    const challenge = await d.start();
    await instances[challenge.by]!.kill();
    const done = await d.relay(d.answer(challenge));
    expect([done.status, done.by]).toEqual([200, 1 - challenge.by]);
    expect((JSON.parse(done.body) as { Token?: { token: string } }).Token?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("When the same challenge answer reaches both instances at once, then exactly one issues a token and the other says start again (511)", async () => {
    await up();
    const d = new Device(lb, usim(3));
    const body = d.answer(await d.start());
    // Straight to each instance (not through the balancer), so both surely get it.
    const answers = await Promise.all(
      instances.map((i) =>
        requestOnce(`${i.server.url}/`, {
          method: "POST",
          headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Accept: EAP_RELAY_MEDIA_TYPE, Cookie: d.cookie },
          body,
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 511]);
    const refused = answers.find((a) => a.status === 511)!;
    expect(JSON.parse(refused.body)).toEqual({ error: expect.stringContaining("No EAP-AKA exchange in progress") });
  });

  it("When the sessions are kept in one process's memory instead (the SQLite default), then the other instance cannot continue (511)", async () => {
    await up("memory");
    const d = new Device(lb, usim(1));
    const challenge = await d.start();
    const next = await d.relay(d.answer(challenge));
    expect([next.status, next.by]).toEqual([511, 1 - challenge.by]);
  });

  it("When the exchange outlives the EAP session time on the shared clock, then the other instance answers 511", async () => {
    await up();
    const d = new Device(lb, usim(0));
    const body = d.answer(await d.start());
    clock.advance(61_000);
    const late = await d.relay(body);
    expect(late.status).toBe(511);
  });
});

describe("an entitlement instance whose PostgreSQL fails (through a FaultProxy)", () => {
  let store: TestStore;
  let proxy: FaultProxy;
  let server: RunningServer;
  let db: Db;
  const clock = new TestClock();

  beforeAll(async () => {
    store = await freshStore("postgres");
    await seedDemo(new OperatorCore(store.db), clock.now());
    await seedEntitlementDemo(new EntitlementCore(store.db), clock.now());
    const target = new URL(postgresUrl);
    proxy = await new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    const schema = ((await store.db.get<{ s: string }>("SELECT current_schema() AS s")) as { s: string }).s;
    db = await openStore({
      databaseUrl: proxy.url(postgresUrl),
      schema,
      tuning: { connectTimeoutMs: 700, statementTimeoutMs: 500, queryTimeoutMs: 800 },
    });
    const { app } = createEntitlementApp({ db, adminToken: ADMIN, grantSecret: GRANT_SECRET, clock: clock.now });
    server = await startServer({ app, port: 0 });
  });
  afterAll(async () => {
    proxy.setMode("pass");
    await server.close();
    await db.close();
    await proxy.close();
    await store.cleanup();
  });

  it.each(["reset", "refuse", "blackhole"] as const)(
    "When the store connection is %s, then starting EAP-AKA and relaying answer 503 with Retry-After and the spec's error body, and it recovers",
    async (mode) => {
      proxy.setMode("pass");
      const d = new Device(await RoundRobinBalancer.ofUrls([server.url]).start(), usim(1));
      try {
        const challenge = await d.start();
        expect(challenge.status).toBe(200);
        const body = d.answer(challenge);
        // Refusing only concerns new connections: drop the pool's open ones first.
        if (mode === "refuse") proxy.setMode("reset");
        proxy.setMode(mode);
        for (const res of [await d.start(), await d.relay(body)]) {
          expect(res.status).toBe(503);
          expect(res.headers["retry-after"]).toBe("5");
          expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining("temporarily unavailable") });
        }
        proxy.setMode("pass");
        const again = await d.start();
        expect(again.status).toBe(200);
        expect((await d.relay(d.answer(again))).status).toBe(200);
      } finally {
        await d.lb.close();
      }
    },
    30_000,
  );
});

describe("the entitlement admin API when its PostgreSQL fails", () => {
  it.each(["GET", "PUT"] as const)(
    "When the store connection is reset, then %s answers 503 with Retry-After and { error }",
    async (method) => {
      const store = await freshStore("postgres");
      const clock = new TestClock();
      await seedDemo(new OperatorCore(store.db), clock.now());
      const target = new URL(postgresUrl);
      const proxy = await new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
      const schema = ((await store.db.get<{ s: string }>("SELECT current_schema() AS s")) as { s: string }).s;
      const db = await openStore({ databaseUrl: proxy.url(postgresUrl), schema, tuning: { connectTimeoutMs: 700 } });
      const { app } = createEntitlementApp({ db, adminToken: ADMIN, grantSecret: GRANT_SECRET, clock: clock.now });
      const server = await startServer({ app, port: 0 });
      try {
        const call = () =>
          requestOnce(`${server.url}/admin/subscribers/sub-asha${method === "PUT" ? "/data-boost" : ""}`, {
            method,
            headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" },
            body: method === "PUT" ? JSON.stringify({ entitlementStatus: 1, provStatus: 0 }) : undefined,
          });
        expect((await call()).status).toBe(200);
        proxy.setMode("reset");
        const failed = await call();
        expect([failed.status, failed.headers["retry-after"]]).toEqual([503, "5"]);
        expect(JSON.parse(failed.body)).toEqual({ error: expect.stringContaining("temporarily unavailable") });
        proxy.setMode("pass");
        expect((await call()).status).toBe(200);
      } finally {
        proxy.setMode("pass");
        await server.close();
        await db.close();
        await proxy.close();
        await store.cleanup();
      }
    },
  );
});

describe("the entitlement server's PostgreSQL pool settings", () => {
  const secrets = { ENTITLEMENT_ADMIN_TOKEN: "admin-token-0123456789", PURCHASE_GRANT_SECRET: GRANT_SECRET };
  it.each([
    [{}, 10, 8000],
    [{ DATABASE_POOL_SIZE: "5", DATABASE_POOL_WAIT_MS: "3000" }, 5, 3000],
  ])("When the environment is %j, then the pool has %i connections and waits %i ms for one", (env, size, waitMs) => {
    expect(loadConfig({ ...secrets, ...env }).pool).toEqual({ size, waitMs });
  });
});
