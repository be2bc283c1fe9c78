import { randomBytes } from "node:crypto";
import { big, bigOrNull, type Db, num, type Row, type SqlParam } from "./db.js";
import type {
  CallbackState,
  CatalogPlan,
  ConsentDecision,
  LedgerEntry,
  OfferInfoEntry,
  OfferPreference,
  PurchaseFailure,
  PurchaseOutcome,
  Registration,
  Subscriber,
  Subscription,
  TransactionRecord,
  Wallet,
} from "./model.js";

const bool = (v: unknown) => num(v) !== 0;
const flag = (b: boolean) => (b ? 1 : 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : num(v));

function subscriberOf(r: Row): Subscriber {
  return {
    id: String(r.id),
    msisdn: String(r.msisdn),
    displayName: String(r.display_name),
    accountType: r.account_type as Subscriber["accountType"],
    language: String(r.language),
    roaming: bool(r.roaming),
    roamingQueriesDisabled: bool(r.roaming_queries_disabled),
    sharingConsent: bool(r.sharing_consent),
    consentAt: numOrNull(r.consent_at),
    suspended: bool(r.suspended),
    createdAt: num(r.created_at),
  };
}

function planOf(r: Row): CatalogPlan {
  return {
    id: String(r.id),
    category: r.category as CatalogPlan["category"],
    exclusiveGroup: (r.exclusive_group as string | null) ?? null,
    currency: String(r.currency),
    priceNanos: big(r.price_nanos),
    durationSeconds: big(r.duration_seconds),
    quotaBytes: bigOrNull(r.quota_bytes),
    trafficCategories: JSON.parse(String(r.traffic_categories)) as string[],
    maxRateKbps: bigOrNull(r.max_rate_kbps),
    mediaRateKbps: numOrNull(r.media_rate_kbps),
    overusagePolicy: String(r.overusage_policy),
    refreshPeriod: String(r.refresh_period),
    fulfilment: r.fulfilment as CatalogPlan["fulfilment"],
    clients: r.clients === null || r.clients === undefined ? null : (JSON.parse(String(r.clients)) as string[]),
    displayRank: num(r.display_rank),
    offered: bool(r.offered),
    texts: JSON.parse(String(r.texts)) as CatalogPlan["texts"],
    offerInfo:
      r.offer_info === null || r.offer_info === undefined ? null : (JSON.parse(String(r.offer_info)) as OfferInfoEntry),
  };
}

function subscriptionOf(r: Row): Subscription {
  return {
    id: num(r.id),
    subscriberId: String(r.subscriber_id),
    planId: String(r.plan_id),
    transactionId: (r.transaction_id as string | null) ?? null,
    activatedAt: num(r.activated_at),
    expiresAt: num(r.expires_at),
    quotaBytes: bigOrNull(r.quota_bytes),
    usedBytes: big(r.used_bytes),
  };
}

function transactionOf(r: Row): TransactionRecord {
  return {
    transactionId: String(r.transaction_id),
    subscriberId: String(r.subscriber_id),
    planId: String(r.plan_id),
    status: r.status as TransactionRecord["status"],
    failure: (r.cause as PurchaseFailure | null) ?? null,
    offerContext: (r.offer_context as string | null) ?? null,
    callbackUrl: (r.callback_url as string | null) ?? null,
    clientId: (r.client_id as string | null) ?? null,
    language: String(r.language),
    confirmationCode: (r.confirmation_code as string | null) ?? null,
    chargedNanos: bigOrNull(r.charged_nanos),
    currency: (r.currency as string | null) ?? null,
    balanceAfterNanos: bigOrNull(r.balance_after_nanos),
    activatedAt: numOrNull(r.activated_at),
    callbackState: r.callback_state as CallbackState,
    callbackAttempts: num(r.callback_attempts),
    callbackNextAt: numOrNull(r.callback_next_at),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

const HTTP_OF_FAILURE: Record<PurchaseFailure, number> = {
  UNKNOWN_PLAN: 400,
  INSUFFICIENT_BALANCE: 402,
  ACCOUNT_SUSPENDED: 403,
  INCOMPATIBLE_PLAN: 409,
};

/** A confirmation code such as `CK-7F3A9Q2M` (Crockford base32, 40 random bits). */
export function newConfirmationCode(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const bytes = randomBytes(8);
  let out = "";
  for (const b of bytes) out += alphabet[b & 31];
  return `CK-${out}`;
}

export interface PurchaseRequest {
  subscriberId: string;
  planId: string;
  transactionId: string;
  offerContext?: string | null;
  callbackUrl?: string | null;
  clientId?: string | null;
  language: string;
}

/**
 * Why a plan cannot be bought by a subscriber now, or null when it can. This is plan compatibility, not money: a
 * prepaid wallet in another currency makes a plan incompatible, but a missing wallet (a new customer before the first
 * top-up) does not; buying then fails on the debit with `INSUFFICIENT_BALANCE` (HTTP 402 `PAYMENT_MISSING`).
 */
export function incompatibility(
  subscriber: Subscriber,
  plan: CatalogPlan,
  active: Array<{ plan: CatalogPlan }>,
  wallet: Wallet | undefined,
): PurchaseFailure | null {
  if (subscriber.suspended) return "ACCOUNT_SUSPENDED";
  if (plan.category !== subscriber.accountType) return "INCOMPATIBLE_PLAN";
  if (plan.exclusiveGroup && active.some((a) => a.plan.exclusiveGroup === plan.exclusiveGroup))
    return "INCOMPATIBLE_PLAN";
  if (subscriber.accountType === "PREPAID" && wallet && wallet.currency !== plan.currency) return "INCOMPATIBLE_PLAN";
  return null;
}

/**
 * The operator's domain core on one store: subscribers, the plan catalogue, wallets and their ledger, purchases
 * (idempotent on transaction id, one debit per transaction in one database transaction with its ledger entry),
 * consent, and MSISDN registrations.
 */
export class OperatorCore {
  private catalogue: { at: number; plans: CatalogPlan[]; byId: Map<string, CatalogPlan> } | undefined;

  /**
   * @param catalogueTtlMs how long the plan catalogue is kept in memory (default 5 s). Writes through this instance
   *   refresh it at once; other processes sharing the store see a change within the TTL.
   */
  constructor(
    readonly db: Db,
    private readonly catalogueTtlMs = 5000,
  ) {}

  /** `db` is the connection to read with on a miss (inside a transaction: the transaction's). */
  private async cachedCatalogue(db: Db = this.db): Promise<{ plans: CatalogPlan[]; byId: Map<string, CatalogPlan> }> {
    const t = Date.now();
    if (!this.catalogue || t - this.catalogue.at >= this.catalogueTtlMs) {
      const plans = (await db.all("SELECT * FROM plans ORDER BY display_rank, id")).map(planOf);
      this.catalogue = { at: t, plans, byId: new Map(plans.map((p) => [p.id, p])) };
    }
    return this.catalogue;
  }

  // ── subscribers ────────────────────────────────────────────────────────────────────────────────────────────
  async subscriberByMsisdn(msisdn: string): Promise<Subscriber | undefined> {
    const r = await this.db.get("SELECT * FROM subscribers WHERE msisdn = $1", [msisdn.replace(/^\+/, "")]);
    return r && subscriberOf(r);
  }

  async subscriber(id: string): Promise<Subscriber | undefined> {
    const r = await this.db.get("SELECT * FROM subscribers WHERE id = $1", [id]);
    return r && subscriberOf(r);
  }

  async listSubscribers(): Promise<Subscriber[]> {
    return (await this.db.all("SELECT * FROM subscribers ORDER BY msisdn")).map(subscriberOf);
  }

  async upsertSubscriber(s: Subscriber): Promise<void> {
    await this.db.run(
      `INSERT INTO subscribers (id, msisdn, display_name, account_type, language, roaming, roaming_queries_disabled,
         sharing_consent, consent_at, suspended, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET msisdn = excluded.msisdn, display_name = excluded.display_name,
         account_type = excluded.account_type, language = excluded.language, roaming = excluded.roaming,
         roaming_queries_disabled = excluded.roaming_queries_disabled, sharing_consent = excluded.sharing_consent,
         consent_at = excluded.consent_at, suspended = excluded.suspended`,
      [
        s.id,
        s.msisdn.replace(/^\+/, ""),
        s.displayName,
        s.accountType,
        s.language,
        flag(s.roaming),
        flag(s.roamingQueriesDisabled),
        flag(s.sharingConsent),
        s.consentAt,
        flag(s.suspended),
        s.createdAt,
      ],
    );
  }

  /** Changes the roaming flags (what the network would report). */
  async setRoaming(subscriberId: string, roaming: boolean, queriesDisabled: boolean): Promise<void> {
    await this.db.run("UPDATE subscribers SET roaming = $1, roaming_queries_disabled = $2 WHERE id = $3", [
      flag(roaming),
      flag(queriesDisabled),
      subscriberId,
    ]);
  }

  // ── catalogue ──────────────────────────────────────────────────────────────────────────────────────────────
  async plan(id: string): Promise<CatalogPlan | undefined> {
    return (await this.cachedCatalogue()).byId.get(id);
  }

  /** The catalogue in display order. */
  async listPlans(): Promise<CatalogPlan[]> {
    return (await this.cachedCatalogue()).plans;
  }

  async upsertPlan(p: CatalogPlan): Promise<void> {
    const params: SqlParam[] = [
      p.id,
      p.category,
      p.exclusiveGroup,
      p.currency,
      p.priceNanos,
      p.durationSeconds,
      p.quotaBytes,
      JSON.stringify(p.trafficCategories),
      p.maxRateKbps,
      p.mediaRateKbps,
      p.overusagePolicy,
      p.refreshPeriod,
      p.fulfilment,
      p.clients ? JSON.stringify(p.clients) : null,
      p.displayRank,
      flag(p.offered),
      JSON.stringify(p.texts),
      p.offerInfo ? JSON.stringify(p.offerInfo) : null,
    ];
    await this.db.run(
      `INSERT INTO plans (id, category, exclusive_group, currency, price_nanos, duration_seconds, quota_bytes,
         traffic_categories, max_rate_kbps, media_rate_kbps, overusage_policy, refresh_period, fulfilment, clients,
         display_rank, offered, texts, offer_info)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (id) DO UPDATE SET category = excluded.category, exclusive_group = excluded.exclusive_group,
         currency = excluded.currency, price_nanos = excluded.price_nanos, duration_seconds = excluded.duration_seconds,
         quota_bytes = excluded.quota_bytes, traffic_categories = excluded.traffic_categories,
         max_rate_kbps = excluded.max_rate_kbps, media_rate_kbps = excluded.media_rate_kbps,
         overusage_policy = excluded.overusage_policy, refresh_period = excluded.refresh_period,
         fulfilment = excluded.fulfilment, clients = excluded.clients, display_rank = excluded.display_rank,
         offered = excluded.offered, texts = excluded.texts, offer_info = excluded.offer_info`,
      params,
    );
    this.catalogue = undefined;
  }

  // ── wallet, ledger, subscriptions ──────────────────────────────────────────────────────────────────────────
  async wallet(subscriberId: string, db: Db = this.db): Promise<Wallet | undefined> {
    const r = await db.get("SELECT * FROM wallets WHERE subscriber_id = $1", [subscriberId]);
    return r && { subscriberId, currency: String(r.currency), balanceNanos: big(r.balance_nanos) };
  }

  /** Credits a wallet (creating it), with its ledger entry, in one transaction. */
  async topUp(subscriberId: string, currency: string, amountNanos: bigint, now: number): Promise<Wallet> {
    if (amountNanos <= 0n) throw new RangeError("a top-up must be positive");
    return this.db.transaction(async (tx) => {
      const existing = await this.wallet(subscriberId, tx);
      if (existing && existing.currency !== currency) throw new RangeError(`the wallet is in ${existing.currency}`);
      const row = await tx.get(
        `INSERT INTO wallets (subscriber_id, currency, balance_nanos) VALUES ($1, $2, $3)
         ON CONFLICT (subscriber_id) DO UPDATE SET balance_nanos = wallets.balance_nanos + excluded.balance_nanos
         RETURNING balance_nanos`,
        [subscriberId, currency, amountNanos],
      );
      const balance = big(row!.balance_nanos);
      await tx.run(
        `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
         VALUES ($1, NULL, 'TOP_UP', $2, $3, $4, $5)`,
        [subscriberId, amountNanos, currency, balance, now],
      );
      return { subscriberId, currency, balanceNanos: balance };
    });
  }

  async ledger(subscriberId: string): Promise<LedgerEntry[]> {
    const rows = await this.db.all("SELECT * FROM ledger WHERE subscriber_id = $1 ORDER BY id", [subscriberId]);
    return rows.map((r) => ({
      id: num(r.id),
      subscriberId: String(r.subscriber_id),
      transactionId: (r.transaction_id as string | null) ?? null,
      kind: r.kind as LedgerEntry["kind"],
      amountNanos: big(r.amount_nanos),
      currency: String(r.currency),
      balanceAfterNanos: bigOrNull(r.balance_after_nanos),
      createdAt: num(r.created_at),
    }));
  }

  /** Subscriptions not yet expired at `now`, with their plans, soonest expiry first. */
  async activeSubscriptions(
    subscriberId: string,
    now: number,
    db: Db = this.db,
  ): Promise<Array<Subscription & { plan: CatalogPlan }>> {
    const rows = await db.all(
      "SELECT * FROM subscriptions WHERE subscriber_id = $1 AND expires_at > $2 ORDER BY expires_at, id",
      [subscriberId, now],
    );
    const { byId } = await this.cachedCatalogue(db);
    const out: Array<Subscription & { plan: CatalogPlan }> = [];
    for (const r of rows) {
      const s = subscriptionOf(r);
      const plan = byId.get(s.planId) ?? (await this.planFrom(db, s.planId));
      if (plan) out.push({ ...s, plan });
    }
    return out;
  }

  private async planFrom(db: Db, id: string): Promise<CatalogPlan | undefined> {
    const r = await db.get("SELECT * FROM plans WHERE id = $1", [id]);
    return r && planOf(r);
  }

  /** Adds a subscription directly (seeding, migrations from another system). */
  async grantSubscription(
    subscriberId: string,
    planId: string,
    activatedAt: number,
    usedBytes = 0n,
  ): Promise<Subscription> {
    const plan = await this.plan(planId);
    if (!plan) throw new RangeError(`unknown plan ${planId}`);
    const row = await this.db.get(
      `INSERT INTO subscriptions (subscriber_id, plan_id, transaction_id, activated_at, expires_at, quota_bytes, used_bytes)
       VALUES ($1, $2, NULL, $3, $4, $5, $6) RETURNING *`,
      [
        subscriberId,
        planId,
        activatedAt,
        activatedAt + Number(plan.durationSeconds) * 1000,
        plan.quotaBytes,
        usedBytes,
      ],
    );
    return subscriptionOf(row!);
  }

  /** Records data use on a subscription (capped at its quota). */
  async recordUsage(subscriptionId: number, bytes: bigint): Promise<void> {
    await this.db.run(
      `UPDATE subscriptions SET used_bytes = CASE WHEN quota_bytes IS NOT NULL AND used_bytes + $1 > quota_bytes
         THEN quota_bytes ELSE used_bytes + $1 END WHERE id = $2`,
      [bytes, subscriptionId],
    );
  }

  // ── eligibility and offers ─────────────────────────────────────────────────────────────────────────────────
  /** Why `plan` cannot be bought by the subscriber now (null: it can). */
  async checkEligibility(subscriber: Subscriber, plan: CatalogPlan, now: number): Promise<PurchaseFailure | null> {
    const [active, wallet] = await Promise.all([
      this.activeSubscriptions(subscriber.id, now),
      this.wallet(subscriber.id),
    ]);
    return incompatibility(subscriber, plan, active, wallet);
  }

  /** Every offered plan the subscriber may buy now, in display order; restricted to a client when given. */
  async eligiblePlans(subscriber: Subscriber, now: number, clientId?: string): Promise<CatalogPlan[]> {
    const [plans, active, wallet] = await Promise.all([
      this.listPlans(),
      this.activeSubscriptions(subscriber.id, now),
      this.wallet(subscriber.id),
    ]);
    return plans.filter(
      (p) =>
        p.offered &&
        (clientId === undefined || p.clients === null || p.clients.includes(clientId)) &&
        incompatibility(subscriber, p, active, wallet) === null,
    );
  }

  /** The user's choice about in-app offers (never chosen: offers are shown). */
  async offerPreference(subscriberId: string): Promise<OfferPreference> {
    const r = await this.db.get("SELECT opted_out, action_at FROM offer_preferences WHERE subscriber_id = $1", [
      subscriberId,
    ]);
    return r ? { optedOut: bool(r.opted_out), actionAt: num(r.action_at) } : { optedOut: false, actionAt: null };
  }

  /**
   * Records the user's choice about further in-app offers (from the page `offerInfo` leads to). Choices apply in
   * `actionAt` order, like consent: one older than the choice in force is ignored. Returns the choice in force.
   */
  async recordOfferChoice(
    subscriberId: string,
    optOut: boolean,
    actionAt: number,
    now: number,
  ): Promise<OfferPreference> {
    await this.db.run(
      `INSERT INTO offer_preferences (subscriber_id, opted_out, action_at, recorded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subscriber_id) DO UPDATE SET opted_out = excluded.opted_out, action_at = excluded.action_at,
         recorded_at = excluded.recorded_at
       WHERE offer_preferences.action_at <= excluded.action_at`,
      [subscriberId, flag(optOut), actionAt, now],
    );
    return this.offerPreference(subscriberId);
  }

  // ── purchases ──────────────────────────────────────────────────────────────────────────────────────────────
  async transaction(transactionId: string): Promise<TransactionRecord | undefined> {
    const r = await this.db.get("SELECT * FROM transactions WHERE transaction_id = $1", [transactionId]);
    return r && transactionOf(r);
  }

  /**
   * Buys a plan. Idempotent on `transactionId`: the first request decides, every later one gets `duplicate` with the
   * first one's record. Immediate plans are charged here, queued plans by {@link processQueued}; either way the debit,
   * its ledger entry, the subscription and the transaction's outcome commit together.
   */
  async purchase(req: PurchaseRequest, now: number): Promise<PurchaseOutcome> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.get(
        `INSERT INTO transactions (transaction_id, subscriber_id, plan_id, status, offer_context, callback_url, client_id,
           language, created_at, updated_at)
         VALUES ($1, $2, $3, 'PROCESSING', $4, $5, $6, $7, $8, $9)
         ON CONFLICT (transaction_id) DO NOTHING RETURNING *`,
        [
          req.transactionId,
          req.subscriberId,
          req.planId,
          req.offerContext ?? null,
          req.callbackUrl ?? null,
          req.clientId ?? null,
          req.language,
          now,
          now,
        ],
      );
      if (!inserted) {
        const existing = await tx.get("SELECT * FROM transactions WHERE transaction_id = $1", [req.transactionId]);
        return { kind: "duplicate", transaction: transactionOf(existing!) };
      }
      const p = await this.planFrom(tx, req.planId);
      if (!p) return this.fail(tx, req.transactionId, "UNKNOWN_PLAN", now, false);
      if (p.fulfilment === "queued") {
        const failure = await this.precheck(tx, req.subscriberId, p, now);
        if (failure) return this.fail(tx, req.transactionId, failure, now, false);
        const row = await tx.get(
          "UPDATE transactions SET status = 'QUEUED', updated_at = $2 WHERE transaction_id = $1 RETURNING *",
          [req.transactionId, now],
        );
        return { kind: "queued", transaction: transactionOf(row!) };
      }
      return this.execute(tx, req.transactionId, req.subscriberId, p, now, false);
    });
  }

  private async precheck(
    tx: Db,
    subscriberId: string,
    plan: CatalogPlan,
    now: number,
  ): Promise<PurchaseFailure | null> {
    // Purchases of one subscriber are serialised here, before the compatibility check reads the active plans: on
    // PostgreSQL by a row lock on the subscriber (NO KEY UPDATE, which the foreign-key checks of concurrent inserts
    // do not wait for), on SQLite by the store's single writer (BEGIN IMMEDIATE).
    const lock = tx.dialect === "postgres" ? " FOR NO KEY UPDATE" : "";
    const sub = subscriberOf((await tx.get(`SELECT * FROM subscribers WHERE id = $1${lock}`, [subscriberId]))!);
    const active = await this.activeSubscriptions(subscriberId, now, tx);
    return incompatibility(sub, plan, active, await this.wallet(subscriberId, tx));
  }

  private async fail(
    tx: Db,
    transactionId: string,
    failure: PurchaseFailure,
    now: number,
    notify: boolean,
  ): Promise<PurchaseOutcome> {
    const callback = await this.callbackColumns(tx, transactionId, notify, now);
    const row = await tx.get(
      `UPDATE transactions SET status = 'FAILED', cause = $2, http_status = $3, updated_at = $4,
         callback_state = $5, callback_next_at = $6
       WHERE transaction_id = $1 RETURNING *`,
      [transactionId, failure, HTTP_OF_FAILURE[failure], now, callback.state, callback.nextAt],
    );
    return { kind: "failed", transaction: transactionOf(row!), failure };
  }

  /** A processed queued transaction with a callback URL is due for delivery now. */
  private async callbackColumns(
    tx: Db,
    transactionId: string,
    notify: boolean,
    now: number,
  ): Promise<{ state: CallbackState; nextAt: number | null }> {
    if (!notify) return { state: "none", nextAt: null };
    const r = await tx.get("SELECT callback_url FROM transactions WHERE transaction_id = $1", [transactionId]);
    return r?.callback_url ? { state: "pending", nextAt: now } : { state: "none", nextAt: null };
  }

  private async execute(
    tx: Db,
    transactionId: string,
    subscriberId: string,
    plan: CatalogPlan,
    now: number,
    notify: boolean,
  ): Promise<PurchaseOutcome> {
    const failure = await this.precheck(tx, subscriberId, plan, now);
    if (failure) return this.fail(tx, transactionId, failure, now, notify);
    const sub = subscriberOf((await tx.get("SELECT * FROM subscribers WHERE id = $1", [subscriberId]))!);
    let balanceAfter: bigint | null = null;
    if (sub.accountType === "PREPAID") {
      const debited = await tx.get(
        `UPDATE wallets SET balance_nanos = balance_nanos - $1
         WHERE subscriber_id = $2 AND currency = $3 AND balance_nanos >= $1 RETURNING balance_nanos`,
        [plan.priceNanos, subscriberId, plan.currency],
      );
      if (!debited) return this.fail(tx, transactionId, "INSUFFICIENT_BALANCE", now, notify);
      balanceAfter = big(debited.balance_nanos);
    }
    await tx.run(
      `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        subscriberId,
        transactionId,
        sub.accountType === "PREPAID" ? "PURCHASE" : "BILL_CHARGE",
        sub.accountType === "PREPAID" ? -plan.priceNanos : plan.priceNanos,
        plan.currency,
        balanceAfter,
        now,
      ],
    );
    await tx.run(
      `INSERT INTO subscriptions (subscriber_id, plan_id, transaction_id, activated_at, expires_at, quota_bytes, used_bytes)
       VALUES ($1, $2, $3, $4, $5, $6, 0)`,
      [subscriberId, plan.id, transactionId, now, now + Number(plan.durationSeconds) * 1000, plan.quotaBytes],
    );
    const callback = await this.callbackColumns(tx, transactionId, notify, now);
    const row = await tx.get(
      `UPDATE transactions SET status = 'SUCCEEDED', http_status = 200, confirmation_code = $2, charged_nanos = $3,
         currency = $4, balance_after_nanos = $5, activated_at = $6, updated_at = $7, callback_state = $8,
         callback_next_at = $9
       WHERE transaction_id = $1 RETURNING *`,
      [
        transactionId,
        newConfirmationCode(),
        plan.priceNanos,
        plan.currency,
        balanceAfter,
        now,
        now,
        callback.state,
        callback.nextAt,
      ],
    );
    return { kind: "succeeded", transaction: transactionOf(row!) };
  }

  /**
   * Processes up to `limit` queued purchases, oldest first. Each is claimed and settled in one database
   * transaction, so two workers never process the same one. Returns the outcomes.
   */
  async processQueued(now: number, limit = 20): Promise<PurchaseOutcome[]> {
    const queued = await this.db.all(
      "SELECT transaction_id FROM transactions WHERE status = 'QUEUED' ORDER BY created_at LIMIT $1",
      [limit],
    );
    const outcomes: PurchaseOutcome[] = [];
    for (const q of queued) {
      const outcome = await this.db.transaction(async (tx) => {
        const claimed = await tx.get(
          "UPDATE transactions SET status = 'PROCESSING', updated_at = $2 WHERE transaction_id = $1 AND status = 'QUEUED' RETURNING *",
          [String(q.transaction_id), now],
        );
        if (!claimed) return undefined;
        const t = transactionOf(claimed);
        const plan = await this.planFrom(tx, t.planId);
        if (!plan) return this.fail(tx, t.transactionId, "UNKNOWN_PLAN", now, true);
        return this.execute(tx, t.transactionId, t.subscriberId, plan, now, true);
      });
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  /** Transactions whose result is due to be POSTed to their callback URL. */
  async dueCallbacks(now: number, limit = 20): Promise<TransactionRecord[]> {
    const rows = await this.db.all(
      `SELECT * FROM transactions WHERE callback_state = 'pending' AND callback_next_at <= $1
       ORDER BY callback_next_at LIMIT $2`,
      [now, limit],
    );
    return rows.map(transactionOf);
  }

  /**
   * Claims a due callback for one delivery attempt: moves its next attempt `leaseMs` ahead, so no other worker (or
   * this one after a restart) sends it while the attempt runs. False when another worker claimed it first or it is
   * no longer pending. A worker that dies mid-attempt leaves the lease to expire: the callback is sent again
   * (at-least-once, with the same transactionId for the receiver to de-duplicate).
   */
  async claimCallback(transactionId: string, now: number, leaseMs: number): Promise<boolean> {
    const claimed = await this.db.run(
      `UPDATE transactions SET callback_next_at = $3
       WHERE transaction_id = $1 AND callback_state = 'pending' AND callback_next_at <= $2`,
      [transactionId, now, now + leaseMs],
    );
    return claimed.changes > 0;
  }

  /**
   * Records a callback attempt: delivered (acknowledged), failed for good, or retried at `retryAt`. One conditional
   * update: only a still-pending callback changes, so an acknowledged one is never re-opened.
   */
  async recordCallbackAttempt(
    transactionId: string,
    result: { state: "delivered" | "failed" } | { state: "pending"; retryAt: number },
    now: number,
  ): Promise<void> {
    await this.db.run(
      `UPDATE transactions SET callback_state = $2, callback_attempts = callback_attempts + 1, callback_next_at = $3,
         updated_at = $4 WHERE transaction_id = $1 AND callback_state = 'pending'`,
      [transactionId, result.state, result.state === "pending" ? result.retryAt : null, now],
    );
  }

  // ── consent and registrations ──────────────────────────────────────────────────────────────────────────────
  /**
   * Records a consent decision. Decisions apply in `actionAt` order: one older than the latest applied decision is
   * kept in the history and does not change the state. Returns whether it was applied.
   */
  async recordConsent(
    subscriberId: string,
    decision: ConsentDecision,
    actionAt: number,
    now: number,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const updated = await tx.run(
        `UPDATE subscribers SET sharing_consent = $2, consent_at = $3
         WHERE id = $1 AND (consent_at IS NULL OR consent_at <= $3)`,
        [subscriberId, decision === "OPT_IN" ? 1 : 0, actionAt],
      );
      const applied = updated.changes > 0;
      await tx.run(
        "INSERT INTO consent_events (subscriber_id, action, action_at, applied, recorded_at) VALUES ($1, $2, $3, $4, $5)",
        [subscriberId, decision, actionAt, flag(applied), now],
      );
      return applied;
    });
  }

  async consentHistory(
    subscriberId: string,
  ): Promise<Array<{ action: ConsentDecision; actionAt: number; applied: boolean }>> {
    const rows = await this.db.all("SELECT * FROM consent_events WHERE subscriber_id = $1 ORDER BY id", [subscriberId]);
    return rows.map((r) => ({
      action: r.action as ConsentDecision,
      actionAt: num(r.action_at),
      applied: bool(r.applied),
    }));
  }

  async register(subscriberId: string, msisdn: string, expiresAt: number, now: number): Promise<Registration> {
    const m = msisdn.replace(/^\+/, "");
    await this.db.run(
      `INSERT INTO registrations (msisdn, subscriber_id, expires_at, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (msisdn) DO UPDATE SET subscriber_id = excluded.subscriber_id, expires_at = excluded.expires_at`,
      [m, subscriberId, expiresAt, now],
    );
    return { msisdn: m, subscriberId, expiresAt, createdAt: now };
  }

  /** The subscriber's registration, if it has not expired at `now`. */
  async activeRegistration(subscriberId: string, now: number): Promise<Registration | undefined> {
    const r = await this.db.get("SELECT * FROM registrations WHERE subscriber_id = $1 AND expires_at > $2", [
      subscriberId,
      now,
    ]);
    return (
      r && {
        msisdn: String(r.msisdn),
        subscriberId: String(r.subscriber_id),
        expiresAt: num(r.expires_at),
        createdAt: num(r.created_at),
      }
    );
  }
}
