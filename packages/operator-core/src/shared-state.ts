import { createHash } from "node:crypto";
import { type Db, num } from "./db.js";

/**
 * State that several instances of a server must share, kept in the store they already share (PostgreSQL when
 * several instances run; the same SQL runs on SQLite). Short-lived: every row carries its expiry.
 */

const hashId = (id: string) => createHash("sha256").update(id).digest("base64url");

/** A stored session: its serialised state and the version a later write must name. */
export interface StoredSession {
  state: string;
  version: number;
  expiresAt: number;
}

/**
 * Sessions of a multi-round exchange (EAP-AKA), keyed by their bearer id (a cookie). Only the id's SHA-256 is stored,
 * so reading the table does not hand out live sessions. Every write names the version it read: of two instances
 * answering the same round at once, one wins and the other learns the session moved on (optimistic concurrency).
 */
export class SharedSessions {
  private lastSweep = 0;

  constructor(
    readonly db: Db,
    /** How often expired rows are deleted, at most (default every 10 s). */
    private readonly sweepEveryMs = 10_000,
  ) {}

  async create(id: string, state: string, expiresAt: number, now: number): Promise<void> {
    await this.sweep(now);
    await this.db.run("INSERT INTO eap_sessions (id_hash, state, version, expires_at) VALUES ($1, $2, 1, $3)", [
      hashId(id),
      state,
      expiresAt,
    ]);
  }

  /** The live session, or undefined when unknown, ended or expired. */
  async load(id: string, now: number): Promise<StoredSession | undefined> {
    const row = await this.db.get<{ state: string; version: unknown; expires_at: unknown }>(
      "SELECT state, version, expires_at FROM eap_sessions WHERE id_hash = $1 AND expires_at > $2",
      [hashId(id), now],
    );
    return row ? { state: row.state, version: num(row.version), expiresAt: num(row.expires_at) } : undefined;
  }

  /** Writes the next state if the session is still at `version` and live; false when another write came first. */
  async replace(id: string, version: number, state: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      "UPDATE eap_sessions SET state = $3, version = version + 1 WHERE id_hash = $1 AND version = $2 AND expires_at > $4",
      [hashId(id), version, state, now],
    );
    return r.changes > 0;
  }

  /** Ends the session if it is still at `version` (so one round ends it once); false when it was already gone. */
  async take(id: string, version: number): Promise<boolean> {
    const r = await this.db.run("DELETE FROM eap_sessions WHERE id_hash = $1 AND version = $2", [hashId(id), version]);
    return r.changes > 0;
  }

  /** Live sessions (for metrics and tests). */
  async count(now: number): Promise<number> {
    const row = await this.db.get<{ n: unknown }>("SELECT COUNT(*) AS n FROM eap_sessions WHERE expires_at > $1", [
      now,
    ]);
    return num(row?.n ?? 0);
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    await this.db.run("DELETE FROM eap_sessions WHERE expires_at <= $1", [now]);
  }
}

/** What a rate-limit bucket said about one request. */
export interface RateDecision {
  allowed: boolean;
  /** Tokens left (fractional). */
  tokens: number;
}

/**
 * Token buckets in the store, shared by every instance: one `INSERT … ON CONFLICT DO UPDATE` per request refills the
 * bucket for the time since its last use, takes a token if there is one, and says whether it did. The row lock of the
 * upsert serialises the instances, so N requests are allowed in total, not N per instance. Tokens are kept in
 * thousandths (an integer column on both dialects). Fits `RateLimitStore` of `@carrierkit/contract-runtime`.
 */
export class SharedRateLimits {
  private lastSweep = 0;

  constructor(
    readonly db: Db,
    private readonly sweepEveryMs = 60_000,
  ) {}

  async take(key: string, now: number, ratePerSecond: number, burst: number): Promise<RateDecision> {
    await this.sweep(now, ratePerSecond, burst);
    const full = Math.round(burst * 1000);
    // Milli-tokens refilled since the bucket's last use: elapsed ms × tokens per second.
    const refill =
      "CASE WHEN excluded.at_ms > b.at_ms THEN CAST((excluded.at_ms - b.at_ms) * CAST($4 AS DOUBLE PRECISION) AS BIGINT) ELSE 0 END";
    const available = `CASE WHEN b.tokens_milli + ${refill} > $2 THEN $2 ELSE b.tokens_milli + ${refill} END`;
    const row = await this.db.get<{ tokens_milli: unknown; allowed: unknown }>(
      `INSERT INTO rate_limit_buckets AS b (bucket_key, tokens_milli, at_ms, allowed) VALUES ($1, $5, $3, 1)
       ON CONFLICT (bucket_key) DO UPDATE SET
         tokens_milli = CASE WHEN ${available} >= 1000 THEN ${available} - 1000 ELSE ${available} END,
         allowed = CASE WHEN ${available} >= 1000 THEN 1 ELSE 0 END,
         at_ms = CASE WHEN excluded.at_ms > b.at_ms THEN excluded.at_ms ELSE b.at_ms END
       RETURNING tokens_milli, allowed`,
      [key, full, now, ratePerSecond, full - 1000],
    );
    return { allowed: num(row?.allowed) === 1, tokens: num(row?.tokens_milli) / 1000 };
  }

  /** A bucket untouched for long enough to be full again is the same as none: its row goes. */
  private async sweep(now: number, ratePerSecond: number, burst: number): Promise<void> {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    const refillMs = Math.ceil((burst / Math.max(ratePerSecond, 1e-9)) * 1000);
    await this.db.run("DELETE FROM rate_limit_buckets WHERE at_ms < $1", [now - refillMs]);
  }
}
