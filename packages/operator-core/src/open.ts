import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { type Db, PostgresDb, SqliteDb } from "./db.js";
import { migrate } from "./migrations.js";

export interface OpenStoreOptions {
  /** A `postgres://` URL: use PostgreSQL. Otherwise SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema (default public). */
  schema?: string;
  /** SQLite file (default `.data/carrierkit.db`); `:memory:` for a throwaway store. */
  sqlitePath?: string;
}

/**
 * Opens the store the environment asks for — PostgreSQL when a `DATABASE_URL` is given, else an embedded SQLite
 * file — and applies pending migrations.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Db> {
  const url = options.databaseUrl;
  let db: SqliteDb | PostgresDb;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    db = new PostgresDb({ connectionString: url, schema: options.schema });
    if (options.schema) await db.pool.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
  } else {
    const path = options.sqlitePath ?? ".data/carrierkit.db";
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new SqliteDb({ path });
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
