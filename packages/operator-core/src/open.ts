import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Db, PostgresDb, type PostgresOptions, SqliteDb, type SqliteOptions } from "./db.js";
import { migrate } from "./migrations.js";

export interface OpenStoreOptions {
  /** A `postgres://` URL: use PostgreSQL. Otherwise SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema (default public). */
  schema?: string;
  /** SQLite file (default `.data/carrierkit.db`); `:memory:` for a throwaway store. */
  sqlitePath?: string;
  /** Timeouts, connection naming and pool size (see {@link PostgresOptions}, {@link SqliteOptions}). */
  tuning?: Omit<PostgresOptions, "connectionString" | "schema"> & Pick<SqliteOptions, "busyTimeoutMs">;
}

/**
 * Opens the store the environment asks for — PostgreSQL when a `DATABASE_URL` is given, else an embedded SQLite
 * file — and applies pending migrations.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Db> {
  const url = options.databaseUrl;
  let db: SqliteDb | PostgresDb;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { busyTimeoutMs: _busy, ...pgTuning } = options.tuning ?? {};
    db = new PostgresDb({ ...pgTuning, connectionString: url, schema: options.schema });
    if (options.schema) await db.pool.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
  } else {
    const path = options.sqlitePath ?? ".data/carrierkit.db";
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new SqliteDb({ path, busyTimeoutMs: options.tuning?.busyTimeoutMs });
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
