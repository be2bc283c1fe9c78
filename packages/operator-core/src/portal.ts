import { randomBytes } from "node:crypto";
import { big, type Db, num } from "./db.js";

/**
 * A `Db` that runs inside the open transaction `tx`: its `transaction(fn)` runs `fn` on `tx` itself. With it the
 * services written against a `Db` (OperatorCore, EsimInventory, EntitlementCore) take part in a caller's transaction.
 */
export function joined(tx: Db): Db {
  return {
    dialect: tx.dialect,
    all: (sql, params) => tx.all(sql, params),
    get: (sql, params) => tx.get(sql, params),
    run: (sql, params) => tx.run(sql, params),
    transaction: (fn) => fn(tx),
    ping: () => tx.ping(),
    close: async () => undefined,
  };
}

/** One purchase intent of the portal's pay page, recorded once with what it produced. */
export interface PortalOrder {
  intentId: string;
  subscriberId: string;
  planId: string;
  flow: string;
  transactionId: string;
  iccid: string | null;
  activationCode: string | null;
  createdAt: number;
}

/** The state of one redeemed purchase grant (`ServiceFlow_UserData`). */
export interface GrantUse {
  grantId: string;
  subscriberId: string;
  offerId: string;
  transactionId: string;
  state: "CHARGED" | "PROVISIONED" | "REFUNDED";
}

/** The intent id was first used by another subscriber. */
export class IntentConflictError extends Error {}

const orderOf = (r: Record<string, unknown>): PortalOrder => ({
  intentId: String(r.intent_id),
  subscriberId: String(r.subscriber_id),
  planId: String(r.plan_id),
  flow: String(r.flow),
  transactionId: String(r.transaction_id),
  iccid: (r.iccid as string | null) ?? null,
  activationCode: (r.activation_code as string | null) ?? null,
  createdAt: num(r.created_at),
});

const useOf = (r: Record<string, unknown>): GrantUse => ({
  grantId: String(r.grant_id),
  subscriberId: String(r.subscriber_id),
  offerId: String(r.offer_id),
  transactionId: String(r.transaction_id),
  state: r.state as GrantUse["state"],
});

/**
 * What the reference portal keeps in the shared store: signed-in sessions (so a sign-out kills a cookie on every
 * instance), purchase intents (one charge per pay-form rendering), single-use purchase grants and refunds.
 */
export class PortalStore {
  constructor(readonly db: Db) {}

  // ── sessions ───────────────────────────────────────────────────────────────────────────────────────────────────
  async openSession(subscriberId: string, now: number): Promise<string> {
    const id = randomBytes(18).toString("base64url");
    await this.db.run("INSERT INTO portal_sessions (id, subscriber_id, created_at) VALUES ($1, $2, $3)", [
      id,
      subscriberId,
      now,
    ]);
    return id;
  }

  /** Whether the signed-in session `id` of `subscriberId` exists and was not signed out. */
  async sessionActive(id: string, subscriberId: string): Promise<boolean> {
    const r = await this.db.get("SELECT subscriber_id, revoked_at FROM portal_sessions WHERE id = $1", [id]);
    return Boolean(r && String(r.subscriber_id) === subscriberId && r.revoked_at === null);
  }

  async revokeSession(id: string, now: number): Promise<void> {
    await this.db.run("UPDATE portal_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, now]);
  }

  // ── purchase intents ───────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Runs `work` once per intent, in one transaction with the intent's row (primary key `intent_id`): the first
   * request inserts it and does the work; a concurrent or later one waits for that transaction and gets the recorded
   * order (`replay`). When `work` throws, nothing is recorded (the intent can be used again).
   */
  async once(
    intent: { intentId: string; subscriberId: string; planId: string; flow: string; transactionId: string },
    now: number,
    work: (tx: Db) => Promise<{ iccid?: string; activationCode?: string }>,
  ): Promise<{ order: PortalOrder; replay: boolean }> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.get(
        `INSERT INTO portal_orders (intent_id, subscriber_id, plan_id, flow, transaction_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING intent_id`,
        [intent.intentId, intent.subscriberId, intent.planId, intent.flow, intent.transactionId, now],
      );
      // No conflict target: the transaction id is derived from the intent, so a concurrent twin conflicts on both
      // unique indexes, and PostgreSQL raises a unique violation for the index that is not the ON CONFLICT target.
      if (!claimed) {
        const row = await tx.get("SELECT * FROM portal_orders WHERE intent_id = $1", [intent.intentId]);
        if (!row) throw new IntentConflictError("transaction id already used by another intent");
        const existing = orderOf(row);
        if (existing.subscriberId !== intent.subscriberId)
          throw new IntentConflictError("intent used by another account");
        return { order: existing, replay: true };
      }
      const done = await work(joined(tx));
      const row = await tx.get(
        "UPDATE portal_orders SET iccid = $2, activation_code = $3 WHERE intent_id = $1 RETURNING *",
        [intent.intentId, done.iccid ?? null, done.activationCode ?? null],
      );
      return { order: orderOf(row!), replay: false };
    });
  }

  async order(intentId: string): Promise<PortalOrder | undefined> {
    const r = await this.db.get("SELECT * FROM portal_orders WHERE intent_id = $1", [intentId]);
    return r && orderOf(r);
  }

  // ── single-use purchase grants ─────────────────────────────────────────────────────────────────────────────────
  /**
   * Redeems a grant once: records its id (primary key) with the subscriber's data-boost state and URSP policy before
   * the purchase, and runs `charge` in the same transaction. A second use gets the recorded use (`replay`) and charges
   * nothing. When `charge` throws, nothing is recorded.
   */
  async redeemGrant(
    use: { grantId: string; subscriberId: string; offerId: string; transactionId: string },
    now: number,
    charge: (tx: Db) => Promise<void>,
  ): Promise<{ use: GrantUse; replay: boolean }> {
    return this.db.transaction(async (tx) => {
      const boost = await tx.get("SELECT entitlement_status, prov_status FROM data_boost WHERE subscriber_id = $1", [
        use.subscriberId,
      ]);
      const ursp = await tx.get("SELECT policy FROM ursp_policies WHERE subscriber_id = $1", [use.subscriberId]);
      const claimed = await tx.get(
        `INSERT INTO purchase_grant_uses (grant_id, subscriber_id, offer_id, transaction_id, state,
           prior_entitlement_status, prior_prov_status, prior_ursp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'CHARGED', $5, $6, $7, $8, $8) ON CONFLICT DO NOTHING RETURNING *`,
        [
          use.grantId,
          use.subscriberId,
          use.offerId,
          use.transactionId,
          boost ? num(boost.entitlement_status) : null,
          boost ? num(boost.prov_status) : null,
          ursp ? String(ursp.policy) : null,
          now,
        ],
      );
      // No conflict target, as for intents: the transaction id is derived from the grant id (both indexes conflict).
      if (!claimed) {
        const existing = await tx.get("SELECT * FROM purchase_grant_uses WHERE grant_id = $1", [use.grantId]);
        if (!existing) throw new IntentConflictError("transaction id already used by another grant");
        return { use: useOf(existing), replay: true };
      }
      await charge(joined(tx));
      return { use: useOf(claimed), replay: false };
    });
  }

  async markProvisioned(grantId: string, now: number): Promise<void> {
    await this.db.run(
      "UPDATE purchase_grant_uses SET state = 'PROVISIONED', updated_at = $2 WHERE grant_id = $1 AND state = 'CHARGED'",
      [grantId, now],
    );
  }

  /**
   * Undoes a charged grant whose provisioning failed, all in one transaction: the purchase is refunded (see
   * {@link refundPurchase}) and the subscriber's data-boost state and URSP policy go back to what they were before the
   * purchase (whatever the provisioning wrote). Returns false when the grant was not in the CHARGED state.
   */
  async refundGrant(grantId: string, reason: string, now: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.get(
        "UPDATE purchase_grant_uses SET state = 'REFUNDED', updated_at = $2 WHERE grant_id = $1 AND state = 'CHARGED' RETURNING *",
        [grantId, now],
      );
      if (!r) return false;
      const sub = String(r.subscriber_id);
      await refundPurchase(tx, String(r.transaction_id), reason, now);
      if (r.prior_prov_status === null || r.prior_prov_status === undefined)
        await tx.run("DELETE FROM data_boost WHERE subscriber_id = $1", [sub]);
      else
        await tx.run(
          "UPDATE data_boost SET entitlement_status = $2, prov_status = $3, updated_at = $4 WHERE subscriber_id = $1",
          [sub, num(r.prior_entitlement_status), num(r.prior_prov_status), now],
        );
      if (r.prior_ursp === null || r.prior_ursp === undefined)
        await tx.run("DELETE FROM ursp_policies WHERE subscriber_id = $1", [sub]);
      else
        await tx.run("UPDATE ursp_policies SET policy = $2, updated_at = $3 WHERE subscriber_id = $1", [
          sub,
          String(r.prior_ursp),
          now,
        ]);
      return true;
    });
  }

  async grantUse(grantId: string): Promise<GrantUse | undefined> {
    const r = await this.db.get("SELECT * FROM purchase_grant_uses WHERE grant_id = $1", [grantId]);
    return r && useOf(r);
  }
}

/**
 * Refunds a succeeded purchase inside the transaction `tx`, at most once (`refunds` is keyed by transaction): a
 * prepaid debit is credited back to the wallet with a TOP_UP ledger entry, a postpaid bill charge gets a negative
 * BILL_CHARGE entry (the ledger has one entry per transaction id, so the credit carries none; the refund row links
 * them) and the subscription it created ends now. The transaction record stays as charged (SUCCEEDED: its failure
 * codes are the purchase's own); the `refunds` row, with `reason`, is the second half of the story.
 */
export async function refundPurchase(tx: Db, transactionId: string, reason: string, now: number): Promise<boolean> {
  const t = await tx.get("SELECT * FROM transactions WHERE transaction_id = $1 AND status = 'SUCCEEDED'", [
    transactionId,
  ]);
  if (!t) return false;
  const subscriberId = String(t.subscriber_id);
  const amount = big(t.charged_nanos ?? 0);
  const currency = String(t.currency);
  const inserted = await tx.get(
    `INSERT INTO refunds (transaction_id, subscriber_id, amount_nanos, currency, reason, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (transaction_id) DO NOTHING RETURNING transaction_id`,
    [transactionId, subscriberId, amount, currency, reason, now],
  );
  if (!inserted) return false;
  if (amount > 0n) {
    const charge = await tx.get("SELECT kind FROM ledger WHERE transaction_id = $1", [transactionId]);
    if (charge?.kind === "PURCHASE") {
      const w = await tx.get(
        "UPDATE wallets SET balance_nanos = balance_nanos + $1 WHERE subscriber_id = $2 RETURNING balance_nanos",
        [amount, subscriberId],
      );
      await tx.run(
        `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
         VALUES ($1, NULL, 'TOP_UP', $2, $3, $4, $5)`,
        [subscriberId, amount, currency, big(w!.balance_nanos), now],
      );
    } else if (charge?.kind === "BILL_CHARGE") {
      await tx.run(
        `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
         VALUES ($1, NULL, 'BILL_CHARGE', $2, $3, NULL, $4)`,
        [subscriberId, -amount, currency, now],
      );
    }
  }
  await tx.run("UPDATE subscriptions SET expires_at = $2 WHERE transaction_id = $1 AND expires_at > $2", [
    transactionId,
    now,
  ]);
  return true;
}
