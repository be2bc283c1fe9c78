/**
 * The money audit: what must hold in the store after any run, crash or fault, and what must hold between the
 * store and what clients were told.
 */
import { big, type Db } from "@carrierkit/operator-core";

/** One answer a client received for a purchase request. */
export interface PurchaseAnswer {
  transactionId: string;
  subscriberId: string;
  planId: string;
  /** HTTP status, or 0 when the request got no HTTP answer (connection dropped, process killed). */
  status: number;
  cause?: string;
  /** The confirmation code of a 200. */
  confirmationCode?: string;
  /** Whether the answer carried Retry-After. */
  retryAfter?: boolean;
  /** Why no HTTP answer came (status 0). */
  error?: string;
  /** A 200 that accepted a queued purchase (`TRANSACTION_STATUS_UNSPECIFIED`): it may still settle as failed. */
  queued?: boolean;
}

export interface AuditReport {
  transactions: number;
  succeeded: number;
  failed: number;
  queued: number;
  /** Each entry is one broken invariant, with the transaction or subscriber it concerns. */
  violations: string[];
}

/**
 * Checks, over the whole store:
 * - every SUCCEEDED transaction has exactly one ledger row (a debit of its price for prepaid, a bill charge for
 *   postpaid) and exactly one subscription; no other transaction has either;
 * - every ledger purchase row belongs to a SUCCEEDED transaction; no ledger row without a transaction but top-ups;
 * - every wallet balance equals the sum of its ledger (top-ups minus purchases) and is never negative;
 * - no subscriber holds two active subscriptions of one exclusive group;
 * and, against the answers clients received: every 200 is a transaction of that subscriber and plan, SUCCEEDED with the
 * confirmation code that was sent unless it only accepted a queued purchase; no transaction id was answered 200 twice.
 */
export async function auditMoney(db: Db, answers: PurchaseAnswer[] = [], now = Date.now()): Promise<AuditReport> {
  const violations: string[] = [];
  const tx = await db.all<{
    transaction_id: string;
    subscriber_id: string;
    plan_id: string;
    status: string;
    charged_nanos: unknown;
    confirmation_code: string | null;
  }>("SELECT transaction_id, subscriber_id, plan_id, status, charged_nanos, confirmation_code FROM transactions");
  const ledger = await db.all<{
    transaction_id: string | null;
    kind: string;
    amount_nanos: unknown;
    subscriber_id: string;
  }>("SELECT transaction_id, kind, amount_nanos, subscriber_id FROM ledger");
  const subscriptions = await db.all<{ transaction_id: string | null }>(
    "SELECT transaction_id FROM subscriptions WHERE transaction_id IS NOT NULL",
  );
  const ledgerByTx = new Map<string, typeof ledger>();
  for (const l of ledger) {
    if (l.transaction_id === null) {
      if (l.kind !== "TOP_UP") violations.push(`ledger ${l.kind} row of ${l.subscriber_id} without a transaction`);
      continue;
    }
    ledgerByTx.set(l.transaction_id, [...(ledgerByTx.get(l.transaction_id) ?? []), l]);
  }
  const subsByTx = new Map<string, number>();
  for (const s of subscriptions) subsByTx.set(s.transaction_id!, (subsByTx.get(s.transaction_id!) ?? 0) + 1);
  const byId = new Map(tx.map((t) => [t.transaction_id, t]));

  for (const t of tx) {
    const rows = ledgerByTx.get(t.transaction_id) ?? [];
    const subs = subsByTx.get(t.transaction_id) ?? 0;
    if (t.status === "SUCCEEDED") {
      if (rows.length !== 1) violations.push(`${t.transaction_id}: SUCCEEDED with ${rows.length} ledger rows`);
      if (subs !== 1) violations.push(`${t.transaction_id}: SUCCEEDED with ${subs} subscriptions`);
      const row = rows[0];
      if (row && big(row.amount_nanos) !== (row.kind === "PURCHASE" ? -1n : 1n) * big(t.charged_nanos))
        violations.push(
          `${t.transaction_id}: ledger amount ${row.amount_nanos} does not match the charge ${t.charged_nanos}`,
        );
    } else {
      if (rows.length > 0) violations.push(`${t.transaction_id}: ${t.status} but has ${rows.length} ledger rows`);
      if (subs > 0) violations.push(`${t.transaction_id}: ${t.status} but has ${subs} subscriptions`);
    }
  }
  for (const id of ledgerByTx.keys()) if (!byId.has(id)) violations.push(`ledger row for unknown transaction ${id}`);

  const wallets = await db.all<{ subscriber_id: string; balance_nanos: unknown }>(
    "SELECT subscriber_id, balance_nanos FROM wallets",
  );
  const sums = new Map<string, bigint>();
  for (const l of ledger)
    if (l.kind === "TOP_UP" || l.kind === "PURCHASE")
      sums.set(l.subscriber_id, (sums.get(l.subscriber_id) ?? 0n) + big(l.amount_nanos));
  for (const w of wallets) {
    const balance = big(w.balance_nanos);
    if (balance < 0n) violations.push(`wallet of ${w.subscriber_id} is negative (${balance})`);
    const sum = sums.get(w.subscriber_id) ?? 0n;
    if (sum !== balance) violations.push(`wallet of ${w.subscriber_id} is ${balance} but its ledger sums to ${sum}`);
  }

  const doubled = await db.all<{ subscriber_id: string; exclusive_group: string; n: unknown }>(
    `SELECT s.subscriber_id, p.exclusive_group, COUNT(*) AS n FROM subscriptions s JOIN plans p ON p.id = s.plan_id
     WHERE p.exclusive_group IS NOT NULL AND s.expires_at > $1 AND s.activated_at <= $1
     GROUP BY s.subscriber_id, p.exclusive_group HAVING COUNT(*) > 1`,
    [now],
  );
  for (const d of doubled)
    violations.push(`${d.subscriber_id} holds ${d.n} active plans of the exclusive group '${d.exclusive_group}'`);

  const answered200 = new Map<string, number>();
  for (const a of answers) {
    if (a.status !== 200) continue;
    answered200.set(a.transactionId, (answered200.get(a.transactionId) ?? 0) + 1);
    const t = byId.get(a.transactionId);
    if (!t) {
      violations.push(`${a.transactionId}: answered 200 but absent from the store`);
      continue;
    }
    if (t.subscriber_id !== a.subscriberId || t.plan_id !== a.planId)
      violations.push(
        `${a.transactionId}: answered 200 for ${a.subscriberId}/${a.planId}, stored ${t.subscriber_id}/${t.plan_id}`,
      );
    if (!a.queued && t.status !== "SUCCEEDED")
      violations.push(`${a.transactionId}: answered 200 but stored ${t.status}`);
    if (a.confirmationCode && t.confirmation_code !== a.confirmationCode)
      violations.push(`${a.transactionId}: answered code ${a.confirmationCode}, stored ${t.confirmation_code}`);
  }
  for (const [id, n] of answered200) if (n > 1) violations.push(`${id}: answered 200 ${n} times`);

  return {
    transactions: tx.length,
    succeeded: tx.filter((t) => t.status === "SUCCEEDED").length,
    failed: tx.filter((t) => t.status === "FAILED").length,
    queued: tx.filter((t) => t.status === "QUEUED" || t.status === "PROCESSING").length,
    violations,
  };
}
