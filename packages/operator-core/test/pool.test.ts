import { afterEach, describe, expect, it } from "vitest";
import { PostgresDb, StoreUnavailableError } from "../src/index.js";
import { FaultProxy, postgresUrl } from "../src/testing.js";

const target = new URL(postgresUrl);

describe("PostgreSQL pool: waiting for a free connection vs opening one", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** Holds the pool's only connection in a transaction until `release` is called. */
  const hold = async (db: PostgresDb) => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const inside = new Promise<void>((r) => {
      started = r;
    });
    const done = db.transaction(async (tx) => {
      await tx.get("SELECT 1");
      started();
      await released;
    });
    await inside;
    return { release, done };
  };

  it("When the pool is full for longer than the connect timeout but less than poolWaitMs, then the waiting query runs once a connection is free", async () => {
    const db = new PostgresDb({ connectionString: postgresUrl, max: 1, connectTimeoutMs: 200, poolWaitMs: 10_000 });
    cleanup.push(() => db.close());
    const { release, done } = await hold(db);
    const waiting = db.get<{ n: number }>("SELECT 2 AS n");
    // Longer than the connect timeout: a pool bounded by it alone would have failed the query by now.
    await new Promise((r) => setTimeout(r, 600));
    release();
    await done;
    expect(await waiting).toEqual({ n: 2 });
  });

  it("When the pool stays full past poolWaitMs, then the waiting query fails as StoreUnavailableError", async () => {
    const db = new PostgresDb({ connectionString: postgresUrl, max: 1, connectTimeoutMs: 5000, poolWaitMs: 150 });
    cleanup.push(() => db.close());
    const { release, done } = await hold(db);
    await expect(db.get("SELECT 2")).rejects.toBeInstanceOf(StoreUnavailableError);
    release();
    await done;
    expect(await db.get("SELECT 3 AS n")).toEqual({ n: 3 });
  });

  it("When a new connection gets no answer, then it fails after the connect timeout even though poolWaitMs is longer", async () => {
    const proxy = await new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
    cleanup.push(() => proxy.close());
    proxy.setMode("blackhole");
    const db = new PostgresDb({ connectionString: proxy.url(postgresUrl), connectTimeoutMs: 200, poolWaitMs: 60_000 });
    cleanup.push(() => db.close());
    // vitest's own timeout (5 s) is far below the 60 s pool wait: only the connect timeout can end this in time.
    await expect(db.get("SELECT 1")).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
