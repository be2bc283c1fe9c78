import { big, bigOrNull, type Db, num, type Row } from "./db.js";

/** A cancelled subscription: when, through which channel, and what was refunded (see cancelSubscription). */
export interface SubscriptionCancellation {
  subscriptionId: number;
  subscriberId: string;
  planId: string;
  /** The purchase that created the subscription (null for a granted one). */
  transactionId: string | null;
  /** Refunded to the wallet (prepaid) or credited on the bill (postpaid); 0 when nothing was left or nothing paid. */
  refundNanos: bigint;
  currency: string | null;
  /** The ledger entry of the refund (null when nothing was refunded). */
  ledgerId: number | null;
  /** Who asked, e.g. `portal`. */
  channel: string;
  /** When the subscription would have ended. */
  previousExpiresAt: number;
  cancelledAt: number;
}

export type CancelOutcome =
  /** This request ended the subscription. */
  | { kind: "cancelled"; cancellation: SubscriptionCancellation }
  /** An earlier (or concurrent) request ended it: the same record, nothing changed now. */
  | { kind: "already-cancelled"; cancellation: SubscriptionCancellation }
  /** It had already run out (or was ended by a refund): nothing to cancel. */
  | { kind: "ended" }
  /** No such subscription of this subscriber. */
  | { kind: "not-found" };

const cancellationOf = (r: Row): SubscriptionCancellation => ({
  subscriptionId: num(r.subscription_id),
  subscriberId: String(r.subscriber_id),
  planId: String(r.plan_id),
  transactionId: (r.transaction_id as string | null) ?? null,
  refundNanos: big(r.refund_nanos),
  currency: (r.currency as string | null) ?? null,
  ledgerId: r.ledger_id === null || r.ledger_id === undefined ? null : num(r.ledger_id),
  channel: String(r.channel),
  previousExpiresAt: num(r.previous_expires_at),
  cancelledAt: num(r.cancelled_at),
});

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * The refund of a cancelled subscription: the price paid, pro rata of what is left unused, the smaller of the
 * unused time (`expires − now` over `expires − activated`) and, for a plan with a data quota, the unused quota
 * (`quota − used` over `quota`), rounded down to the nano. Nothing for a subscription nobody paid for.
 */
export function proRataRefund(
  chargedNanos: bigint,
  sub: { activatedAt: number; expiresAt: number; quotaBytes: bigint | null; usedBytes: bigint },
  now: number,
): bigint {
  if (chargedNanos <= 0n) return 0n;
  const total = BigInt(Math.max(0, sub.expiresAt - sub.activatedAt));
  const left = BigInt(Math.max(0, sub.expiresAt - Math.max(now, sub.activatedAt)));
  if (total === 0n || left === 0n) return 0n;
  let refund = (chargedNanos * left) / total;
  if (sub.quotaBytes !== null && sub.quotaBytes > 0n) {
    const unused = sub.quotaBytes > sub.usedBytes ? sub.quotaBytes - sub.usedBytes : 0n;
    refund = minBig(refund, (chargedNanos * unused) / sub.quotaBytes);
  }
  return refund;
}

/**
 * Subscription cancellation (a transaction type of the Mobile Plans portal seeds: "cancel a subscription").
 *
 * Refund policy (our decision; the seeds do not set one): pro rata of what is left unused, the smaller of unused
 * time and unused data quota ({@link proRataRefund}); a prepaid purchase is credited back to the wallet (a TOP_UP
 * ledger entry), a postpaid one gets a negative BILL_CHARGE (the ledger keeps one entry per transaction id, so the
 * credit carries none; the cancellation row links it by `ledger_id`). A granted subscription (no purchase) refunds
 * nothing. The subscription ends at `now` (`expires_at = now`), so it is no longer active for offers, balances or
 * the compatibility check.
 */
export class SubscriptionCancellations {
  constructor(private readonly db: Db) {}

  /**
   * Ends the subscriber's subscription `subscriptionId` now, once. In one transaction: the subscription row is
   * locked (PostgreSQL `FOR UPDATE`; SQLite's single writer serialises anyway), the cancellation row (primary key:
   * the subscription) decides the first request, then the subscription ends and the refund and its ledger entry are
   * written. A repeated or concurrent request gets `already-cancelled` with the same record and changes nothing.
   */
  async cancel(
    req: { subscriberId: string; subscriptionId: number; channel: string },
    now: number,
  ): Promise<CancelOutcome> {
    if (!Number.isSafeInteger(req.subscriptionId) || req.subscriptionId <= 0) return { kind: "not-found" };
    return this.db.transaction(async (tx) => {
      const lock = tx.dialect === "postgres" ? " FOR UPDATE" : "";
      const s = await tx.get(`SELECT * FROM subscriptions WHERE id = $1 AND subscriber_id = $2${lock}`, [
        req.subscriptionId,
        req.subscriberId,
      ]);
      if (!s) return { kind: "not-found" };
      const earlier = await tx.get("SELECT * FROM subscription_cancellations WHERE subscription_id = $1", [
        req.subscriptionId,
      ]);
      if (earlier) return { kind: "already-cancelled", cancellation: cancellationOf(earlier) };
      const expiresAt = num(s.expires_at);
      if (expiresAt <= now) return { kind: "ended" };

      const transactionId = (s.transaction_id as string | null) ?? null;
      const t = transactionId
        ? await tx.get(
            `SELECT t.charged_nanos, t.currency, l.kind AS charge_kind,
                    (SELECT COUNT(*) FROM refunds r WHERE r.transaction_id = t.transaction_id) AS refunded
               FROM transactions t LEFT JOIN ledger l ON l.transaction_id = t.transaction_id
              WHERE t.transaction_id = $1 AND t.status = 'SUCCEEDED'`,
            [transactionId],
          )
        : undefined;
      const charged = t && num(t.refunded) === 0 ? (bigOrNull(t.charged_nanos) ?? 0n) : 0n;
      const refund = proRataRefund(
        charged,
        {
          activatedAt: num(s.activated_at),
          expiresAt,
          quotaBytes: bigOrNull(s.quota_bytes),
          usedBytes: big(s.used_bytes),
        },
        now,
      );
      const currency = t ? ((t.currency as string | null) ?? null) : null;

      const claimed = await tx.get(
        `INSERT INTO subscription_cancellations
           (subscription_id, subscriber_id, plan_id, transaction_id, refund_nanos, currency, ledger_id, channel,
            previous_expires_at, cancelled_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9) ON CONFLICT (subscription_id) DO NOTHING RETURNING *`,
        [
          req.subscriptionId,
          req.subscriberId,
          String(s.plan_id),
          transactionId,
          refund,
          currency,
          req.channel,
          expiresAt,
          now,
        ],
      );
      if (!claimed) {
        const row = await tx.get("SELECT * FROM subscription_cancellations WHERE subscription_id = $1", [
          req.subscriptionId,
        ]);
        return { kind: "already-cancelled", cancellation: cancellationOf(row!) };
      }
      await tx.run("UPDATE subscriptions SET expires_at = $2 WHERE id = $1 AND expires_at > $2", [
        req.subscriptionId,
        now,
      ]);
      let ledgerId: number | null = null;
      if (refund > 0n && currency) {
        if (t?.charge_kind === "BILL_CHARGE") {
          const entry = await tx.get(
            `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
             VALUES ($1, NULL, 'BILL_CHARGE', $2, $3, NULL, $4) RETURNING id`,
            [req.subscriberId, -refund, currency, now],
          );
          ledgerId = num(entry!.id);
        } else {
          const w = await tx.get(
            "UPDATE wallets SET balance_nanos = balance_nanos + $1 WHERE subscriber_id = $2 RETURNING balance_nanos",
            [refund, req.subscriberId],
          );
          if (w) {
            const entry = await tx.get(
              `INSERT INTO ledger (subscriber_id, transaction_id, kind, amount_nanos, currency, balance_after_nanos, created_at)
               VALUES ($1, NULL, 'TOP_UP', $2, $3, $4, $5) RETURNING id`,
              [req.subscriberId, refund, currency, big(w.balance_nanos), now],
            );
            ledgerId = num(entry!.id);
          }
        }
      }
      const row = await tx.get(
        "UPDATE subscription_cancellations SET ledger_id = $2 WHERE subscription_id = $1 RETURNING *",
        [req.subscriptionId, ledgerId],
      );
      return { kind: "cancelled", cancellation: cancellationOf(row!) };
    });
  }

  /** The subscriber's cancellations, newest first (the business report's cancellation lines). */
  async list(subscriberId: string): Promise<SubscriptionCancellation[]> {
    const rows = await this.db.all(
      "SELECT * FROM subscription_cancellations WHERE subscriber_id = $1 ORDER BY cancelled_at DESC, subscription_id DESC",
      [subscriberId],
    );
    return rows.map(cancellationOf);
  }

  async of(subscriptionId: number): Promise<SubscriptionCancellation | undefined> {
    const r = await this.db.get("SELECT * FROM subscription_cancellations WHERE subscription_id = $1", [
      subscriptionId,
    ]);
    return r && cancellationOf(r);
  }
}
