import type { Db, Dialect, PostgresDb, SqliteDb } from "./db.js";

/** Column types that differ between the two dialects. */
interface Types {
  /** 64-bit integer. */
  int64: string;
  /** Auto-incrementing 64-bit primary key. */
  serial: string;
}

const types: Record<Dialect, Types> = {
  sqlite: { int64: "INTEGER", serial: "INTEGER PRIMARY KEY AUTOINCREMENT" },
  postgres: { int64: "BIGINT", serial: "BIGSERIAL PRIMARY KEY" },
};

export interface Migration {
  version: number;
  name: string;
  sql: (t: Types) => string;
}

/**
 * The schema, as ordered migrations. Money is integer nanos, times are epoch milliseconds, flags are 0/1 integers:
 * the same SQL then runs on both dialects. Never edit a released migration; add a new one.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    name: "subscribers, catalogue, wallets, ledger, purchases, consent, registrations",
    sql: (t) => `
CREATE TABLE subscribers (
  id TEXT PRIMARY KEY,
  msisdn TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  account_type TEXT NOT NULL CHECK (account_type IN ('PREPAID', 'POSTPAID')),
  language TEXT NOT NULL,
  roaming INTEGER NOT NULL DEFAULT 0,
  roaming_queries_disabled INTEGER NOT NULL DEFAULT 0,
  sharing_consent INTEGER NOT NULL DEFAULT 0,
  consent_at ${t.int64},
  suspended INTEGER NOT NULL DEFAULT 0,
  created_at ${t.int64} NOT NULL
);
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  category TEXT NOT NULL CHECK (category IN ('PREPAID', 'POSTPAID')),
  exclusive_group TEXT,
  currency TEXT NOT NULL,
  price_nanos ${t.int64} NOT NULL CHECK (price_nanos >= 0),
  duration_seconds ${t.int64} NOT NULL CHECK (duration_seconds > 0),
  quota_bytes ${t.int64},
  traffic_categories TEXT NOT NULL,
  max_rate_kbps ${t.int64},
  media_rate_kbps INTEGER,
  overusage_policy TEXT NOT NULL,
  refresh_period TEXT NOT NULL DEFAULT 'REFRESH_PERIOD_NONE',
  fulfilment TEXT NOT NULL CHECK (fulfilment IN ('immediate', 'queued')),
  clients TEXT,
  display_rank INTEGER NOT NULL DEFAULT 100,
  offered INTEGER NOT NULL DEFAULT 1,
  texts TEXT NOT NULL
);
CREATE TABLE wallets (
  subscriber_id TEXT PRIMARY KEY REFERENCES subscribers (id),
  currency TEXT NOT NULL,
  balance_nanos ${t.int64} NOT NULL CHECK (balance_nanos >= 0)
);
CREATE TABLE transactions (
  transaction_id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  plan_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('PROCESSING', 'QUEUED', 'SUCCEEDED', 'FAILED')),
  http_status INTEGER,
  cause TEXT,
  offer_context TEXT,
  callback_url TEXT,
  client_id TEXT,
  language TEXT NOT NULL,
  confirmation_code TEXT,
  charged_nanos ${t.int64},
  currency TEXT,
  balance_after_nanos ${t.int64},
  activated_at ${t.int64},
  callback_state TEXT NOT NULL DEFAULT 'none' CHECK (callback_state IN ('none', 'pending', 'delivered', 'failed')),
  callback_attempts INTEGER NOT NULL DEFAULT 0,
  callback_next_at ${t.int64},
  created_at ${t.int64} NOT NULL,
  updated_at ${t.int64} NOT NULL
);
CREATE INDEX transactions_queued ON transactions (status, created_at);
CREATE INDEX transactions_callbacks ON transactions (callback_state, callback_next_at);
CREATE TABLE ledger (
  id ${t.serial},
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  transaction_id TEXT REFERENCES transactions (transaction_id),
  kind TEXT NOT NULL CHECK (kind IN ('TOP_UP', 'PURCHASE', 'BILL_CHARGE')),
  amount_nanos ${t.int64} NOT NULL,
  currency TEXT NOT NULL,
  balance_after_nanos ${t.int64},
  created_at ${t.int64} NOT NULL
);
CREATE UNIQUE INDEX ledger_one_charge_per_transaction ON ledger (transaction_id);
CREATE TABLE subscriptions (
  id ${t.serial},
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  plan_id TEXT NOT NULL REFERENCES plans (id),
  transaction_id TEXT,
  activated_at ${t.int64} NOT NULL,
  expires_at ${t.int64} NOT NULL,
  quota_bytes ${t.int64},
  used_bytes ${t.int64} NOT NULL DEFAULT 0
);
CREATE INDEX subscriptions_active ON subscriptions (subscriber_id, expires_at);
CREATE TABLE consent_events (
  id ${t.serial},
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  action TEXT NOT NULL,
  action_at ${t.int64} NOT NULL,
  applied INTEGER NOT NULL,
  recorded_at ${t.int64} NOT NULL
);
CREATE TABLE registrations (
  msisdn TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  expires_at ${t.int64} NOT NULL,
  created_at ${t.int64} NOT NULL
);
`,
  },
  {
    version: 2,
    name: "SIM credentials (K, OPc, SQN), entitlement tokens, data-boost state, URSP policies",
    sql: (t) => `
CREATE TABLE sim_credentials (
  imsi TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  k_hex TEXT NOT NULL,
  opc_hex TEXT NOT NULL,
  amf_hex TEXT NOT NULL DEFAULT '8000',
  sqn ${t.int64} NOT NULL DEFAULT 0,
  created_at ${t.int64} NOT NULL
);
CREATE INDEX sim_credentials_subscriber ON sim_credentials (subscriber_id);
CREATE TABLE entitlement_tokens (
  token TEXT PRIMARY KEY,
  imsi TEXT NOT NULL REFERENCES sim_credentials (imsi),
  expires_at ${t.int64} NOT NULL,
  created_at ${t.int64} NOT NULL
);
CREATE INDEX entitlement_tokens_imsi ON entitlement_tokens (imsi);
CREATE TABLE data_boost (
  subscriber_id TEXT PRIMARY KEY REFERENCES subscribers (id),
  entitlement_status INTEGER NOT NULL CHECK (entitlement_status BETWEEN 0 AND 4),
  prov_status INTEGER NOT NULL CHECK (prov_status BETWEEN 0 AND 3),
  updated_at ${t.int64} NOT NULL
);
CREATE TABLE ursp_policies (
  subscriber_id TEXT PRIMARY KEY REFERENCES subscribers (id),
  policy TEXT NOT NULL,
  updated_at ${t.int64} NOT NULL
);
`,
  },
  {
    version: 3,
    name: "eSIM profile inventory",
    sql: (t) => `
CREATE TABLE esim_profiles (
  iccid TEXT PRIMARY KEY,
  matching_id TEXT NOT NULL UNIQUE,
  smdp_address TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('AVAILABLE', 'RESERVED', 'DOWNLOADED', 'RELEASED')),
  subscriber_id TEXT REFERENCES subscribers (id),
  reserved_at ${t.int64},
  updated_at ${t.int64} NOT NULL
);
CREATE INDEX esim_profiles_state ON esim_profiles (state, iccid);
`,
  },
  {
    version: 4,
    name: "offer info in the catalogue, users' choice about in-app offers",
    sql: (t) => `
ALTER TABLE plans ADD COLUMN offer_info TEXT;
CREATE TABLE offer_preferences (
  subscriber_id TEXT PRIMARY KEY REFERENCES subscribers (id),
  opted_out INTEGER NOT NULL,
  action_at ${t.int64} NOT NULL,
  recorded_at ${t.int64} NOT NULL
);
`,
  },
  {
    version: 5,
    name: "portal sessions, purchase intents, single-use purchase grants, refunds",
    sql: (t) => `
CREATE TABLE portal_sessions (
  id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  created_at ${t.int64} NOT NULL,
  revoked_at ${t.int64}
);
CREATE INDEX portal_sessions_subscriber ON portal_sessions (subscriber_id);
CREATE TABLE portal_orders (
  intent_id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  plan_id TEXT NOT NULL,
  flow TEXT NOT NULL,
  transaction_id TEXT NOT NULL UNIQUE,
  iccid TEXT,
  activation_code TEXT,
  created_at ${t.int64} NOT NULL
);
CREATE TABLE purchase_grant_uses (
  grant_id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  offer_id TEXT NOT NULL,
  transaction_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('CHARGED', 'PROVISIONED', 'REFUNDED')),
  prior_entitlement_status INTEGER,
  prior_prov_status INTEGER,
  prior_ursp TEXT,
  created_at ${t.int64} NOT NULL,
  updated_at ${t.int64} NOT NULL
);
CREATE TABLE refunds (
  transaction_id TEXT PRIMARY KEY REFERENCES transactions (transaction_id),
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  amount_nanos ${t.int64} NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at ${t.int64} NOT NULL
);
`,
  },
  {
    version: 6,
    name: "URSP deliveries of the PCF stand-in (N1N2MessageTransfer, UE answers), PTIs and N1 subscriptions per UE",
    sql: (t) => `
CREATE TABLE ursp_deliveries (
  id TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  supi TEXT NOT NULL,
  pti INTEGER NOT NULL,
  plmn TEXT NOT NULL,
  upsc INTEGER NOT NULL,
  command_hex TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('PENDING', 'SENT', 'DELIVERED', 'REJECTED', 'FAILED')),
  transmissions INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at ${t.int64} NOT NULL,
  lease_owner TEXT,
  lease_until ${t.int64},
  last_result TEXT,
  reject_results TEXT,
  failure TEXT,
  created_at ${t.int64} NOT NULL,
  updated_at ${t.int64} NOT NULL,
  completed_at ${t.int64}
);
CREATE INDEX ursp_deliveries_due ON ursp_deliveries (state, next_attempt_at);
CREATE INDEX ursp_deliveries_subscriber ON ursp_deliveries (subscriber_id, created_at);
CREATE INDEX ursp_deliveries_pti ON ursp_deliveries (supi, pti);
CREATE TABLE pcf_ptis (
  supi TEXT PRIMARY KEY,
  last_pti INTEGER NOT NULL
);
CREATE TABLE pcf_n1_subscriptions (
  supi TEXT NOT NULL,
  amf_url TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  created_at ${t.int64} NOT NULL,
  PRIMARY KEY (supi, amf_url)
);
`,
  },
  {
    version: 7,
    name: "shared state of several server instances: EAP-AKA exchanges in progress, rate-limit buckets",
    sql: (t) => `
CREATE TABLE eap_sessions (
  id_hash TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  expires_at ${t.int64} NOT NULL
);
CREATE INDEX eap_sessions_expiry ON eap_sessions (expires_at);
CREATE TABLE rate_limit_buckets (
  bucket_key TEXT PRIMARY KEY,
  tokens_milli ${t.int64} NOT NULL,
  at_ms ${t.int64} NOT NULL,
  allowed INTEGER NOT NULL
);
CREATE INDEX rate_limit_buckets_at ON rate_limit_buckets (at_ms);
`,
  },
  {
    version: 8,
    name: "eSIM profiles ordered through the SM-DP+ (ES2+); the abandoned state is RETURNED, RELEASED means released for download (C-8)",
    // Rebuilt (SQLite cannot change a CHECK constraint): RELEASED rows (cancelled reservations) become RETURNED; the
    // matching IDs minted for stock never ordered are dropped (the SM-DP+'s ConfirmOrder gives them now).
    sql: (t) => `
CREATE TABLE esim_profiles_v8 (
  iccid TEXT PRIMARY KEY,
  smdp_address TEXT NOT NULL,
  matching_id TEXT UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('AVAILABLE', 'RESERVED', 'CONFIRMED', 'RELEASED', 'DOWNLOADED', 'INSTALLED',
    'RETURNED', 'ERROR')),
  subscriber_id TEXT REFERENCES subscribers (id),
  reservation TEXT UNIQUE,
  eid TEXT,
  release_flag INTEGER,
  release_at ${t.int64},
  transaction_id TEXT UNIQUE,
  reserved_at ${t.int64},
  ordered_at ${t.int64},
  confirmed_at ${t.int64},
  released_at ${t.int64},
  smdp_pending TEXT CHECK (smdp_pending IN ('ORDER', 'RELEASE', 'CANCEL')),
  smdp_due_at ${t.int64},
  smdp_attempts INTEGER NOT NULL DEFAULT 0,
  smdp_error TEXT,
  lease_owner TEXT,
  lease_until ${t.int64},
  last_event TEXT,
  download_failure TEXT,
  notified_at ${t.int64},
  updated_at ${t.int64} NOT NULL
);
INSERT INTO esim_profiles_v8 (iccid, smdp_address, matching_id, state, subscriber_id, reserved_at, updated_at)
  SELECT iccid, smdp_address, CASE WHEN state = 'AVAILABLE' THEN NULL ELSE matching_id END,
    CASE WHEN state = 'RELEASED' THEN 'RETURNED' ELSE state END, subscriber_id, reserved_at, updated_at
  FROM esim_profiles;
DROP TABLE esim_profiles;
ALTER TABLE esim_profiles_v8 RENAME TO esim_profiles;
CREATE INDEX esim_profiles_state ON esim_profiles (state, iccid);
CREATE INDEX esim_profiles_due ON esim_profiles (smdp_pending, smdp_due_at);
CREATE INDEX esim_profiles_unpaid ON esim_profiles (transaction_id, reserved_at);
`,
  },
  {
    version: 9,
    name: "subscription cancellations (one per subscription, with the pro-rata refund and its ledger entry)",
    sql: (t) => `
CREATE TABLE subscription_cancellations (
  subscription_id ${t.int64} PRIMARY KEY REFERENCES subscriptions (id),
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  plan_id TEXT NOT NULL,
  transaction_id TEXT,
  refund_nanos ${t.int64} NOT NULL CHECK (refund_nanos >= 0),
  currency TEXT,
  ledger_id ${t.int64} REFERENCES ledger (id),
  channel TEXT NOT NULL,
  previous_expires_at ${t.int64} NOT NULL,
  cancelled_at ${t.int64} NOT NULL
);
CREATE INDEX subscription_cancellations_subscriber ON subscription_cancellations (subscriber_id, cancelled_at);
`,
  },
  {
    version: 10,
    name: "physical SIM cards (ICCID to subscriber), transaction ids seen by the Mobile Plans service APIs",
    sql: (t) => `
CREATE TABLE sim_cards (
  iccid TEXT PRIMARY KEY,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
  imsi TEXT,
  created_at ${t.int64} NOT NULL
);
CREATE INDEX sim_cards_subscriber ON sim_cards (subscriber_id);
CREATE TABLE mobileplans_transactions (
  transaction_id TEXT PRIMARY KEY,
  operation TEXT NOT NULL,
  received_at ${t.int64} NOT NULL
);
CREATE INDEX mobileplans_transactions_received ON mobileplans_transactions (received_at);
`,
  },
];

/**
 * Applies the pending migrations in order, each in its own transaction. Safe to run from several processes. `upTo`
 * stops after that version (tests of a migration's data mapping start from the schema before it).
 */
export async function migrate(db: (SqliteDb | PostgresDb) & Db, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  const t = types[db.dialect];
  await db.script(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${t.int64} NOT NULL)`,
  );
  const applied: number[] = [];
  for (const m of migrations.filter((x) => x.version <= upTo)) {
    const done = await db.transaction(async (tx) => {
      if (db.dialect === "postgres") await tx.run("SELECT pg_advisory_xact_lock(74201)");
      const row = await tx.get("SELECT version FROM schema_migrations WHERE version = $1", [m.version]);
      if (row) return false;
      for (const statement of m.sql(t).split(/;\s*\n/)) {
        if (statement.trim()) await tx.run(statement);
      }
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
