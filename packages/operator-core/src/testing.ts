import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openStore, PostgresDb } from "./index.js";

/** PostgreSQL of the machine (CI starts it); override with TEST_DATABASE_URL. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStore {
  db: Db;
  /** Opens the same store again (a restart). */
  reopen(): Promise<Db>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A fresh store of the given dialect: a new SQLite file, or a new PostgreSQL schema. */
export async function freshStore(dialect: "sqlite" | "postgres"): Promise<TestStore> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "carrierkit-"));
    const sqlitePath = join(dir, "store.db");
    const opened: Db[] = [await openStore({ sqlitePath })];
    return {
      db: opened[0]!,
      reopen: async () => {
        const db = await openStore({ sqlitePath });
        opened.push(db);
        return db;
      },
      cleanup: async () => {
        for (const db of opened) await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const opened: Db[] = [await openStore({ databaseUrl: postgresUrl, schema })];
  return {
    db: opened[0]!,
    reopen: async () => {
      const db = await openStore({ databaseUrl: postgresUrl, schema });
      opened.push(db);
      return db;
    },
    cleanup: async () => {
      const admin = new PostgresDb({ connectionString: postgresUrl });
      for (const db of opened) await db.close();
      await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export const dialects = ["sqlite", "postgres"] as const;

/** A settable clock starting at a fixed instant (2026-11-22T10:00:00Z), for apps that take a `Clock`. */
export class TestClock {
  constructor(public t = Date.parse("2026-11-22T10:00:00Z")) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

/** The demo subscribers' MSISDNs (see `seedDemo`). */
export const DEMO_MSISDN = {
  ASHA: "919876543210",
  BEN: "919812345678",
  RAVI: "919800000001",
  LENA: "919800000002",
} as const;
export { type OnceResponse, RoundRobinBalancer, requestOnce, type Upstream } from "./balancer.js";
export { type FaultMode, FaultProxy } from "./fault-proxy.js";
