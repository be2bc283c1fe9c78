import Database from "better-sqlite3";
import pg from "pg";

export type Dialect = "sqlite" | "postgres";
export type SqlParam = string | number | bigint | null;
export type Row = Record<string, unknown>;

/**
 * The one storage interface: SQL written once with `$1…$n` placeholders runs on SQLite (better-sqlite3) and
 * PostgreSQL (pg). Integers come back as bigint (SQLite) or string (PostgreSQL): read them with `big()`/`num()`.
 */
export interface Db {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: SqlParam[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: SqlParam[]): Promise<T | undefined>;
  run(sql: string, params?: SqlParam[]): Promise<{ changes: number }>;
  /** Runs `fn` in one database transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store cannot be reached or did not answer in time (connection reset or refused, server shutdown or
 * termination, a statement or connection timeout, SQLite busy). The transaction, if any, was rolled back; the caller
 * may retry later (services answer 503 with Retry-After).
 */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason?: unknown,
  ) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

const connectionCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01", // admin_shutdown (pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "57014", // query_canceled (statement_timeout)
  "25P03", // idle_in_transaction_session_timeout
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);

/** True when `err` says the store is unreachable or too slow, rather than that the statement is wrong. */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && connectionCodes.has(e.code)) return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /Connection terminated|connection error|timeout exceeded when trying to connect|timeout expired|Query read timeout|Client was closed|Connection ended|not queryable/i.test(
    message,
  );
}

/** Rethrows a store-unavailable failure as {@link StoreUnavailableError}; anything else unchanged. */
function translate(err: unknown): never {
  if (err instanceof StoreUnavailableError) throw err;
  if (isStoreUnavailable(err))
    throw new StoreUnavailableError(`the store is unavailable: ${(err as Error).message ?? String(err)}`, err);
  throw err;
}

/** An integer column as bigint (money, bytes, epoch milliseconds). */
export function big(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" || typeof v === "string") return BigInt(v);
  throw new TypeError(`not an integer: ${String(v)}`);
}

/** A small integer column as number. */
export function num(v: unknown): number {
  return Number(v);
}

/** A nullable integer column. */
export function bigOrNull(v: unknown): bigint | null {
  return v === null || v === undefined ? null : big(v);
}

const converted = new Map<string, { sql: string; order: number[] }>();

/** `$n` placeholders to SQLite's positional `?`, with the parameter order they need. */
function toSqlite(sql: string): { sql: string; order: number[] } {
  let hit = converted.get(sql);
  if (!hit) {
    const order: number[] = [];
    const out = sql.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return "?";
    });
    hit = { sql: out, order };
    converted.set(sql, hit);
  }
  return hit;
}

/** A promise-chained mutex: better-sqlite3 is synchronous, but transactions span awaits. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

export interface SqliteOptions {
  /** File path, or ":memory:". */
  path: string;
  /** How long a statement waits for another process's lock on the file before failing (default 5 s). */
  busyTimeoutMs?: number;
}

export class SqliteDb implements Db {
  readonly dialect = "sqlite" as const;
  private readonly db: Database.Database;
  /**
   * A second, read-only connection (file databases only). WAL lets it read the last committed state while the writer
   * holds a transaction, so plain reads and health checks never queue behind the write serialiser.
   */
  private reader: Database.Database | undefined;
  private readonly path: string;
  private readonly busyTimeoutMs: number;
  private readonly mutex = new Mutex();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readerStatements = new Map<string, Database.Statement | null>();

  constructor(options: SqliteOptions) {
    this.path = options.path;
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma(`busy_timeout = ${Math.floor(this.busyTimeoutMs)}`);
  }

  /** The read-only connection, opened on first use (after migrations created the file); none for `:memory:`. */
  private readConnection(): Database.Database | undefined {
    if (this.reader?.open) return this.reader;
    if (this.path === ":memory:" || this.path === "" || !this.db.open) return undefined;
    this.reader = new Database(this.path, { readonly: true, fileMustExist: true });
    this.reader.pragma(`busy_timeout = ${Math.floor(this.busyTimeoutMs)}`);
    return this.reader;
  }

  /** A statement prepared on the reader when it only reads, else null (it must go through the writer). */
  private readerStatement(sql: string): { stmt: Database.Statement; order: number[] } | null {
    const reader = this.readConnection();
    if (!reader) return null;
    const { sql: s, order } = toSqlite(sql);
    let stmt = this.readerStatements.get(s);
    if (stmt === undefined) {
      try {
        const prepared = reader.prepare(s);
        stmt = prepared.readonly && prepared.reader ? prepared.safeIntegers(true) : null;
        this.readerStatements.set(s, stmt);
      } catch {
        // e.g. a table a pending migration has not created yet: not remembered, it may exist next time.
        return null;
      }
    }
    return stmt ? { stmt, order } : null;
  }

  private statement(sql: string): { stmt: Database.Statement; order: number[] } {
    const { sql: s, order } = toSqlite(sql);
    let stmt = this.statements.get(s);
    if (!stmt) {
      stmt = this.db.prepare(s);
      if (stmt.reader) stmt.safeIntegers(true);
      this.statements.set(s, stmt);
    }
    return { stmt, order };
  }

  /** Runs a read on the read-only connection, outside the write serialiser; undefined when it cannot. */
  private read<T>(kind: "all" | "get", sql: string, params: SqlParam[]): T | undefined {
    const prepared = this.readerStatement(sql);
    if (!prepared) return undefined;
    const args = prepared.order.map((i) => params[i] ?? null);
    try {
      return (kind === "get" ? prepared.stmt.get(...args) : prepared.stmt.all(...args)) as T;
    } catch (err) {
      translate(err);
    }
  }

  private exec<T>(kind: "all" | "get" | "run", sql: string, params: SqlParam[]): T {
    const { stmt, order } = this.statement(sql);
    const args = order.map((i) => params[i] ?? null);
    try {
      if (kind === "run") return { changes: stmt.run(...args).changes } as T;
      if (kind === "get") return stmt.get(...args) as T;
      return stmt.all(...args) as T;
    } catch (err) {
      translate(err);
    }
  }

  private direct(): Db {
    return {
      dialect: "sqlite",
      all: async (sql, params = []) => this.exec("all", sql, params),
      get: async (sql, params = []) => this.exec("get", sql, params),
      run: async (sql, params = []) => this.exec("run", sql, params),
      transaction: () => Promise.reject(new Error("nested transactions are not supported")),
      ping: async () => undefined,
      close: async () => undefined,
    };
  }

  async all<T = Row>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    const read = this.read<T[]>("all", sql, params);
    if (read !== undefined) return read;
    return this.mutex.lock(async () => this.exec<T[]>("all", sql, params));
  }
  async get<T = Row>(sql: string, params: SqlParam[] = []): Promise<T | undefined> {
    if (this.readerStatement(sql)) return this.read<T | undefined>("get", sql, params);
    return this.mutex.lock(async () => this.exec<T | undefined>("get", sql, params));
  }
  run(sql: string, params: SqlParam[] = []): Promise<{ changes: number }> {
    return this.mutex.lock(async () => this.exec<{ changes: number }>("run", sql, params));
  }
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.mutex.lock(async () => {
      try {
        this.db.exec("BEGIN IMMEDIATE");
      } catch (err) {
        translate(err);
      }
      try {
        const result = await fn(this.direct());
        this.db.exec("COMMIT");
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw err;
      }
    });
  }
  /** Runs a multi-statement script (migrations). */
  script(sql: string): Promise<void> {
    return this.mutex.lock(async () => {
      this.db.exec(sql);
    });
  }
  /** Reads the schema table on the read-only connection: meaningful (the file is readable) and never queued. */
  async ping(): Promise<void> {
    if (!this.db.open) throw new Error("the SQLite database is closed");
    const reader = this.readConnection() ?? this.db;
    reader.prepare("SELECT count(*) FROM sqlite_master").get();
  }
  async close(): Promise<void> {
    await this.mutex.lock(async () => {
      if (this.reader?.open) this.reader.close();
      if (this.db.open) this.db.close();
    });
  }
}

export interface PostgresOptions {
  connectionString: string;
  /** Schema to use (created if missing); default `public`. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** `application_name` of the connections (default `carrierkit`). */
  applicationName?: string;
  /** Server-side `statement_timeout` (default 5 s). */
  statementTimeoutMs?: number;
  /**
   * Client-side bound on one query, for a server that stopped answering (default statement timeout + 1 s). The
   * connection of a query that timed out is discarded.
   */
  queryTimeoutMs?: number;
  /** Bound on opening a new connection (default 5 s): a server that does not answer is unavailable. */
  connectTimeoutMs?: number;
  /**
   * Bound on waiting for a free connection of a full pool (default: the connect timeout). Waiting in that queue
   * means the store is busy, not gone: the bound is meant to sit below the caller's request deadline. Past it the
   * query fails with StoreUnavailableError (503 + Retry-After: the store is saturated).
   */
  poolWaitMs?: number;
  /** Server-side `idle_in_transaction_session_timeout` (default 30 s). */
  idleInTransactionTimeoutMs?: number;
}

function pgParams(params: SqlParam[]): unknown[] {
  return params.map((p) => (typeof p === "bigint" ? p.toString() : p));
}

export class PostgresDb implements Db {
  readonly dialect = "postgres" as const;
  readonly pool: pg.Pool;
  readonly schema: string;

  constructor(options: PostgresOptions) {
    this.schema = options.schema ?? "public";
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new Error(`invalid schema name ${this.schema}`);
    const statementTimeout = options.statementTimeoutMs ?? 5000;
    const connectTimeout = options.connectTimeoutMs ?? 5000;
    const poolWait = options.poolWaitMs ?? connectTimeout;
    // pg-pool bounds both the wait for a free client and a new connection with one setting: it gets the pool wait,
    // and each new client bounds its own connection attempt with the connect timeout (the shorter one ends it).
    class BoundedClient extends pg.Client {
      constructor(config?: string | pg.ClientConfig) {
        super({
          ...(typeof config === "string" ? { connectionString: config } : config),
          connectionTimeoutMillis: connectTimeout,
        });
      }
    }
    this.pool = new pg.Pool({
      Client: BoundedClient,
      connectionString: options.connectionString,
      max: options.max ?? 10,
      options: `-c search_path=${this.schema}`,
      application_name: options.applicationName ?? "carrierkit",
      statement_timeout: statementTimeout,
      query_timeout: options.queryTimeoutMs ?? statementTimeout + 1000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 30_000,
      connectionTimeoutMillis: poolWait,
      keepAlive: true,
    });
    // An idle client's connection error must not crash the process; the next query reports it.
    this.pool.on("error", () => undefined);
  }

  private static on(client: pg.Pool | pg.PoolClient): Omit<Db, "transaction" | "ping" | "close" | "dialect"> {
    const query = (sql: string, params: SqlParam[]) => client.query(sql, pgParams(params)).catch(translate);
    return {
      all: async <T>(sql: string, params: SqlParam[] = []) => (await query(sql, params)).rows as T[],
      get: async <T>(sql: string, params: SqlParam[] = []) => (await query(sql, params)).rows[0] as T | undefined,
      run: async (sql: string, params: SqlParam[] = []) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
    };
  }

  all<T = Row>(sql: string, params?: SqlParam[]): Promise<T[]> {
    return PostgresDb.on(this.pool).all<T>(sql, params);
  }
  get<T = Row>(sql: string, params?: SqlParam[]): Promise<T | undefined> {
    return PostgresDb.on(this.pool).get<T>(sql, params);
  }
  run(sql: string, params?: SqlParam[]): Promise<{ changes: number }> {
    return PostgresDb.on(this.pool).run(sql, params);
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch(translate);
    // A checked-out client has no pool listener: without this, a reset or a terminated backend during the
    // transaction is an unhandled 'error' event that ends the process. The failing query reports the error.
    let broken: unknown;
    const onError = (err: unknown) => {
      broken ??= err;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN").catch(translate);
      const tx: Db = {
        dialect: "postgres",
        ...PostgresDb.on(client),
        transaction: () => Promise.reject(new Error("nested transactions are not supported")),
        ping: async () => undefined,
        close: async () => undefined,
      };
      const result = await fn(tx);
      await client.query("COMMIT").catch(translate);
      if (broken) translate(broken);
      return result;
    } catch (err) {
      if (isStoreUnavailable(err)) broken ??= err;
      // A broken connection rolled back on its own (the server aborts an unfinished transaction).
      if (!broken) await client.query("ROLLBACK").catch((e: unknown) => (broken ??= e));
      throw err;
    } finally {
      // A broken client keeps the listener: it may still report the failure while it is being discarded.
      if (!broken) client.removeListener("error", onError);
      // A broken client is discarded, not returned to the pool.
      client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
    }
  }
  async script(sql: string): Promise<void> {
    await this.pool.query(sql).catch(translate);
  }
  async ping(): Promise<void> {
    await this.pool.query("SELECT 1").catch(translate);
  }
  private ended = false;
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }
}
