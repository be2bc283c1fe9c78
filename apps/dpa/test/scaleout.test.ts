import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { type Db, openStore } from "@carrierkit/operator-core";
import { FaultProxy, postgresUrl, RoundRobinBalancer, requestOnce } from "@carrierkit/operator-core/testing";
import { createLocalJWKSet } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { createDpaApp, type DpaAppOptions, loadConfig } from "../src/index.js";
import { ASHA, AUDIENCE, CPID_SECRET, type Dpa, ISSUER, startDpa } from "./harness.js";

const PS = `/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`;

/** Another DPA instance on the harness's store (its own pool), on its own port. */
async function second(h: Dpa, o: Partial<DpaAppOptions>, db?: Db): Promise<{ url: string; close(): Promise<void> }> {
  const own = db ?? (await h.store.reopen());
  const dpa = createDpaApp({
    db: own,
    cpidSecret: CPID_SECRET,
    clock: h.clock.now,
    auth: { keys: createLocalJWKSet(h.signer.jwks as never), issuer: ISSUER, audience: AUDIENCE },
    ...o,
  });
  const server: RunningServer = await startServer({ app: dpa.app, port: 0 });
  await requestOnce(`${server.url}/dpaStatus`, { headers: { Authorization: `Bearer ${h.token}` } });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await dpa.stop();
    },
  };
}

describe("two reference DPA instances on one PostgreSQL", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  const pair = async (rateLimit: DpaAppOptions["rateLimit"]) => {
    const h = await startDpa("postgres", { rateLimit });
    cleanup.push(() => h.close());
    const b = await second(h, { rateLimit });
    cleanup.push(b.close);
    const lb = await RoundRobinBalancer.ofUrls([h.url, b.url]).start();
    cleanup.push(() => lb.close());
    const send = (path: string) => requestOnce(`${lb.url}${path}`, { headers: { Authorization: `Bearer ${h.token}` } });
    return { h, lb, send };
  };

  it("When one caller sends 12 requests alternating between the instances, then the 6 tokens left of the burst hold in total, not 6 per instance", async () => {
    const { h, lb, send } = await pair({ ratePerSecond: 1, burst: 8 });
    // The two warm-up requests (one per instance) took 2 of the 8 tokens.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await send(PS)).status);
    expect(lb.forwarded).toEqual([6, 6]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429, 429, 429]);
    const limited = await send(PS);
    expect([limited.status, limited.headers["retry-after"]]).toEqual([429, "1"]);
    expect(JSON.parse(limited.body)).toMatchObject({ cause: "TOO_MANY_REQUESTS" });
    h.clock.advance(2000);
    const after = [(await send(PS)).status, (await send(PS)).status, (await send(PS)).status];
    expect(after).toEqual([200, 200, 429]);
  });

  it("When the buckets are kept per process instead, then each instance allows its own burst (what sharing prevents)", async () => {
    const { send } = await pair({ ratePerSecond: 1, burst: 4, shared: false });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(PS)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
  });

  it("When a plan is bought through one instance, then the other's planStatus shows it at once (no per-process response cache on PostgreSQL)", async () => {
    const { h, send } = await pair(false);
    // Both instances answer once first (each would cache that answer for 5 s on SQLite).
    const [before] = [(await send(PS)).body, (await send(PS)).body].map((b) => JSON.parse(b) as { plans: unknown[] });
    const bought = await requestOnce(`${h.url}/${ASHA}/purchasePlan?key_type=MSISDN&client_id=mobiledataplan`, {
      method: "POST",
      headers: { Authorization: `Bearer ${h.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ planId: "daily-1gb", transactionId: "scaleout-cache-1" }),
    });
    expect(bought.status).toBe(200);
    const seen = await Promise.all([send(PS), send(PS)]);
    for (const s of seen)
      expect((JSON.parse(s.body) as { plans: unknown[] }).plans).toHaveLength(before!.plans.length + 1);
  });
});

describe("a reference DPA whose shared rate-limit store fails (PostgreSQL through a FaultProxy)", () => {
  it.each(["reset", "blackhole"] as const)(
    "When the store connection is %s, then rate-limited calls answer 503 BACKEND_FAILURE with Retry-After, and recover",
    async (mode) => {
      const h = await startDpa("postgres");
      const target = new URL(postgresUrl);
      const proxy = await new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
      const schema = ((await h.db.get<{ s: string }>("SELECT current_schema() AS s")) as { s: string }).s;
      const db = await openStore({
        databaseUrl: proxy.url(postgresUrl),
        schema,
        tuning: { connectTimeoutMs: 700, statementTimeoutMs: 500, queryTimeoutMs: 800 },
      });
      const b = await second(h, { rateLimit: { ratePerSecond: 100, burst: 100 } }, db);
      try {
        const send = () => requestOnce(`${b.url}${PS}`, { headers: { Authorization: `Bearer ${h.token}` } });
        expect((await send()).status).toBe(200);
        proxy.setMode(mode);
        const failed = await send();
        expect([failed.status, failed.headers["retry-after"]]).toEqual([503, "30"]);
        expect(JSON.parse(failed.body)).toEqual({ error: expect.any(String), cause: "BACKEND_FAILURE" });
        proxy.setMode("pass");
        await expect.poll(async () => (await send()).status, { timeout: 10_000 }).toBe(200);
      } finally {
        proxy.setMode("pass");
        await b.close();
        await db.close();
        await proxy.close();
        await h.close();
      }
    },
    30_000,
  );
});

describe("the DPA's PostgreSQL pool settings", () => {
  it.each([
    [{}, 10, 8000],
    [{ DATABASE_POOL_SIZE: "32", DATABASE_POOL_WAIT_MS: "9000" }, 32, 9000],
    [{ DATABASE_POOL_SIZE: "32", DPA_DB_POOL_SIZE: "12", DPA_DB_POOL_WAIT_MS: "2000" }, 12, 2000],
  ])("When the environment is %j, then the pool has %i connections and waits %i ms for one", (env, size, wait) => {
    const store = loadConfig(env).store;
    expect([store.poolSize, store.poolWaitMs]).toEqual([size, wait]);
  });

  it("When DATABASE_POOL_SIZE is not a non-negative integer, then loading the configuration fails naming it", () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "many" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
