import { openStore, PostgresDb, parseAmount, SqliteDb } from "@carrierkit/operator-core";
import { FaultProxy, postgresUrl } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, type Dpa, q, startDpa } from "./harness.js";

/**
 * Database faults on PostgreSQL, injected by a TCP proxy between the DPA and the local server (never touching the
 * server itself) and by terminating the DPA's own backends (found by their application_name).
 */
describe("reference DPA: PostgreSQL connection faults", () => {
  let h: Dpa;
  let proxy: FaultProxy;
  let admin: PostgresDb;
  const applicationName = `dpa-faults-${process.pid}-${Date.now().toString(36)}`;
  const url = new URL(postgresUrl);

  beforeAll(async () => {
    proxy = await new FaultProxy({ host: url.hostname, port: Number(url.port || 5432) }).start();
    admin = new PostgresDb({ connectionString: postgresUrl });
    h = await startDpa("postgres");
    const proxied = await openStore({
      databaseUrl: proxy.url(postgresUrl),
      schema: (h.db as PostgresDb).schema,
      tuning: { applicationName, statementTimeoutMs: 1000, queryTimeoutMs: 1500, connectTimeoutMs: 1000 },
    });
    await h.restart({ db: proxied, policy: { requestDeadlineMs: 4000, retryAfterSeconds: 7 } });
    await h.core.topUp("sub-asha", "INR", parseAmount("1000000"), h.clock.now());
  });
  afterAll(async () => {
    await h.close();
    await proxy.close();
    await admin.close();
  });

  const buy = (transactionId: string) =>
    h.client.POST("/{userKey}/purchasePlan", {
      params: { path: { userKey: ASHA }, query: q() },
      body: { planId: "daily-1gb", transactionId },
    });

  /** Every purchase of the prefix that succeeded has exactly one ledger entry and no transaction is left half-done. */
  async function expectNoHalfPurchases(prefix: string) {
    const rows = await h.db.all<{ transaction_id: string; status: string }>(
      "SELECT transaction_id, status FROM transactions WHERE transaction_id LIKE $1",
      [`${prefix}%`],
    );
    const ledger = (await h.core.ledger("sub-asha")).filter((e) => e.transactionId?.startsWith(prefix));
    expect(rows.filter((r) => r.status === "PROCESSING")).toEqual([]);
    expect(ledger.map((e) => e.transactionId).sort()).toEqual(
      rows
        .filter((r) => r.status === "SUCCEEDED")
        .map((r) => r.transaction_id)
        .sort(),
    );
    return { succeeded: ledger.length };
  }

  /** Fires `n` purchases, injects `fault` once the first one answered, and checks every answer is 200 or a proper 503. */
  async function underFault(prefix: string, n: number, fault: () => Promise<void> | void) {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    let injected: Promise<void> | undefined;
    const answers = await Promise.all(
      ids.map((id) =>
        buy(id).then(async (r) => {
          injected ??= Promise.resolve(fault());
          return {
            id,
            status: r.response.status,
            retryAfter: r.response.headers.get("retry-after"),
            error: r.error as { cause?: string } | undefined,
          };
        }),
      ),
    );
    await injected;
    for (const a of answers) {
      expect([200, 503]).toContain(a.status);
      if (a.status === 503) expect([a.retryAfter, a.error?.cause]).toEqual(["7", "BACKEND_FAILURE"]);
    }
    return answers;
  }

  /**
   * After the fault: the 503'd transactions again. A rolled-back one now succeeds; one whose COMMIT reached the server
   * just before the connection broke (the client cannot know) is a duplicate of the committed one. Either way every
   * transaction ends up charged exactly once.
   */
  async function recover(prefix: string, answers: Array<{ id: string; status: number }>) {
    const failed = answers.filter((a) => a.status === 503);
    await expect
      .poll(async () => (await h.client.GET("/dpaStatus")).response.status, { timeout: 15_000, interval: 250 })
      .toBe(200);
    const retried = await Promise.all(failed.map((a) => buy(a.id)));
    const duplicates = retried.filter((r) => r.response.status === 403);
    for (const r of duplicates) expect(r.error).toMatchObject({ cause: "DUPLICATE_TRANSACTION" });
    expect(retried.filter((r) => r.response.status === 200).length + duplicates.length).toBe(failed.length);
    const { succeeded } = await expectNoHalfPurchases(prefix);
    expect(succeeded).toBe(answers.length);
    return {
      first: answers.length - failed.length,
      unavailable: failed.length,
      rolledBack: failed.length - duplicates.length,
      committedBeforeBreak: duplicates.length,
    };
  }

  it("When every connection is reset during a purchase load, then in-flight purchases get 503, roll back, and succeed once the network is back", async () => {
    const answers = await underFault("reset-", 40, () => {
      proxy.setMode("reset");
      setTimeout(() => proxy.setMode("pass"), 300);
    });
    await new Promise((r) => setTimeout(r, 350));
    await expectNoHalfPurchases("reset-");
    const figures = await recover("reset-", answers);
    expect(figures.unavailable).toBeGreaterThan(0);
    console.info("reset during 40 purchases:", figures);
  });

  it("When the DPA's backends are terminated during a purchase load, then in-flight purchases get 503 and the DPA reconnects", async () => {
    const answers = await underFault("terminate-", 40, async () => {
      await admin.all("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [
        applicationName,
      ]);
    });
    await expectNoHalfPurchases("terminate-");
    const figures = await recover("terminate-", answers);
    console.info("pg_terminate_backend during 40 purchases:", figures);
  });

  it("When the database accepts connections but stays silent, then reads answer 503 within the deadline and dpaStatus is UNAVAILABLE", async () => {
    proxy.setMode("blackhole");
    try {
      const reads = await Promise.all(
        Array.from({ length: 15 }, () =>
          h.client.GET("/{userKey}/planStatus", {
            params: { path: { userKey: ASHA }, query: q() },
            headers: { "Cache-Control": "no-cache" },
            // The generous bound: far above the 4 s deadline. Without one, these reads hung for minutes.
            signal: AbortSignal.timeout(20_000),
          }),
        ),
      );
      expect(reads.map((r) => r.response.status)).toEqual(Array(15).fill(503));
      expect(reads.map((r) => r.response.headers.get("retry-after"))).toEqual(Array(15).fill("7"));
      expect(reads.every((r) => (r.error as { cause?: string }).cause === "BACKEND_FAILURE")).toBe(true);
      const status = await h.client.GET("/dpaStatus", { signal: AbortSignal.timeout(20_000) });
      expect(status.error).toMatchObject({ status: "UNAVAILABLE" });
    } finally {
      proxy.setMode("pass");
    }
    await expect
      .poll(async () => (await h.client.GET("/dpaStatus")).response.status, { timeout: 15_000, interval: 250 })
      .toBe(200);
    const after = await h.client.GET("/{userKey}/planStatus", {
      params: { path: { userKey: ASHA }, query: q() },
      headers: { "Cache-Control": "no-cache" },
    });
    expect(after.response.status).toBe(200);
  });

  it("When new connections are refused, then a purchase answers 503 and nothing is charged", async () => {
    // Discard the pooled connections, then refuse new ones.
    proxy.setMode("reset");
    proxy.setMode("refuse");
    try {
      const r = await buy("refused-0");
      expect([r.response.status, r.response.headers.get("retry-after")]).toEqual([503, "7"]);
      await expectNoHalfPurchases("refused-");
    } finally {
      proxy.setMode("pass");
    }
    await recover("refused-", [{ id: "refused-0", status: 503 }]);
  });
});

describe("reference DPA: SQLite lock held by another process", () => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa("sqlite");
  });
  afterAll(async () => h.close());

  it("When another process holds the write lock beyond busy_timeout, then a purchase answers 503 and succeeds after", async () => {
    const [main] = await h.db.all<{ file: string }>("PRAGMA database_list");
    const db = await openStore({ sqlitePath: main!.file, tuning: { busyTimeoutMs: 200 } });
    await h.restart({ db, policy: { retryAfterSeconds: 7 } });
    // Another process's connection, holding a write transaction until released.
    const other = new SqliteDb({ path: main!.file });
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const held = other.transaction(async () => {
      entered();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await inside;
    const buy = () =>
      h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body: { planId: "daily-1gb", transactionId: "busy-1" },
      });
    try {
      const blocked = await buy();
      expect([blocked.response.status, blocked.response.headers.get("retry-after")]).toEqual([503, "7"]);
      expect(blocked.error).toMatchObject({ cause: "BACKEND_FAILURE" });
    } finally {
      release();
      await held;
      await other.close();
    }
    expect((await buy()).response.status).toBe(200);
    expect((await h.core.ledger("sub-asha")).filter((e) => e.transactionId === "busy-1")).toHaveLength(1);
  });
});
