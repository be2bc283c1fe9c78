import type { OperatorCore } from "./core.js";
import { type Db, num } from "./db.js";
import { makeIccid } from "./esim.js";
import type { AccountType, CatalogPlan, Subscriber } from "./model.js";

/**
 * What the Windows Mobile Plans service asks an operator about a SIM (GetBalance, GetOffers, GetNotifications),
 * answered from the subscriber model: which subscriber an ICCID belongs to (an eSIM profile of the inventory, or a
 * physical SIM card), the subscriber's balances from their active subscriptions, and the transaction ids the service
 * already sent (shared by every instance through the store).
 */

/**
 * The inventory states in which an eSIM profile belongs to its subscriber: reserved, confirmed or released for
 * download on the SM-DP+ for them, downloaded or installed. A profile never handed out (`AVAILABLE`), returned
 * (`RETURNED`: cancelled or abandoned, out of stock for good) or refused by the SM-DP+ (`ERROR`) belongs to nobody.
 * When the inventory's states change, this list is the one place to follow.
 */
export const ESIM_STATES_OF_A_SUBSCRIBER = ["RESERVED", "CONFIRMED", "RELEASED", "DOWNLOADED", "INSTALLED"] as const;

/** Where an ICCID was found. */
export interface SimOwner {
  iccid: string;
  subscriberId: string;
  kind: "esim" | "physical";
}

/** One balance of a subscriber: an active subscription and what is left of it. */
export interface SubscriptionBalance {
  subscriptionId: number;
  planId: string;
  /** The plan's name in the subscriber's language (else en-US, else the plan id). */
  planName: string;
  accountType: AccountType;
  /** The plan's data allowance in bytes; null = unlimited. */
  quotaBytes: bigint | null;
  /** Bytes left (null = unlimited). */
  remainingBytes: bigint | null;
  expiresAt: number;
}

/** A physical SIM card of a subscriber. */
export interface SimCard {
  iccid: string;
  subscriberId: string;
  imsi: string | null;
  createdAt: number;
}

function planName(plan: CatalogPlan, language: string): string {
  return plan.texts[language]?.name ?? plan.texts["en-US"]?.name ?? Object.values(plan.texts)[0]?.name ?? plan.id;
}

export class MobilePlansStore {
  private lastSweep = 0;

  constructor(
    readonly db: Db,
    /** How long a transaction id is remembered (default 24 h): a repeat within it is refused. */
    readonly transactionRetentionMs = 24 * 3600 * 1000,
    private readonly sweepEveryMs = 60_000,
  ) {}

  /** Records a physical SIM card (ICCID → subscriber); replaces the owner of a known ICCID. */
  async upsertSimCard(card: Omit<SimCard, "createdAt">, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO sim_cards (iccid, subscriber_id, imsi, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (iccid) DO UPDATE SET subscriber_id = excluded.subscriber_id, imsi = excluded.imsi`,
      [card.iccid, card.subscriberId, card.imsi, now],
    );
  }

  async simCards(subscriberId: string): Promise<SimCard[]> {
    const rows = await this.db.all("SELECT * FROM sim_cards WHERE subscriber_id = $1 ORDER BY iccid", [subscriberId]);
    return rows.map((r) => ({
      iccid: String(r.iccid),
      subscriberId: String(r.subscriber_id),
      imsi: (r.imsi as string | null) ?? null,
      createdAt: num(r.created_at),
    }));
  }

  /** The subscriber an ICCID belongs to: an eSIM profile handed to them, or their physical SIM card. */
  async simOwner(iccid: string): Promise<SimOwner | undefined> {
    const states = ESIM_STATES_OF_A_SUBSCRIBER.map((_, i) => `$${i + 2}`).join(", ");
    const esim = await this.db.get<{ subscriber_id: string }>(
      `SELECT subscriber_id FROM esim_profiles WHERE iccid = $1 AND subscriber_id IS NOT NULL AND state IN (${states})`,
      [iccid, ...ESIM_STATES_OF_A_SUBSCRIBER],
    );
    if (esim) return { iccid, subscriberId: esim.subscriber_id, kind: "esim" };
    const card = await this.db.get<{ subscriber_id: string }>("SELECT subscriber_id FROM sim_cards WHERE iccid = $1", [
      iccid,
    ]);
    return card ? { iccid, subscriberId: card.subscriber_id, kind: "physical" } : undefined;
  }

  /**
   * Remembers a transaction id; false when it was seen before (within the retention). One insert decides, so of two
   * instances receiving the same id at once exactly one gets true.
   */
  async recordTransaction(transactionId: string, operation: string, now: number): Promise<boolean> {
    await this.sweep(now);
    const r = await this.db.run(
      `INSERT INTO mobileplans_transactions (transaction_id, operation, received_at) VALUES ($1, $2, $3)
       ON CONFLICT (transaction_id) DO NOTHING`,
      [transactionId, operation, now],
    );
    return r.changes > 0;
  }

  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    await this.db.run("DELETE FROM mobileplans_transactions WHERE received_at < $1", [
      now - this.transactionRetentionMs,
    ]);
  }

  /** The subscriber's active subscriptions with what is left of each, soonest expiring first. */
  async balances(core: OperatorCore, subscriber: Subscriber, now: number): Promise<SubscriptionBalance[]> {
    const active = await core.activeSubscriptions(subscriber.id, now);
    return active.map((s) => {
      const quota = s.quotaBytes ?? s.plan.quotaBytes;
      const remaining = quota === null ? null : quota > s.usedBytes ? quota - s.usedBytes : 0n;
      return {
        subscriptionId: s.id,
        planId: s.planId,
        planName: planName(s.plan, subscriber.language),
        accountType: subscriber.accountType,
        quotaBytes: quota,
        remainingBytes: remaining,
        expiresAt: s.expiresAt,
      };
    });
  }

  /** Whether the subscriber ever had a subscription (so a zero balance is "used up", not "never bought"). */
  async hadSubscription(subscriberId: string): Promise<boolean> {
    const r = await this.db.get("SELECT 1 AS one FROM subscriptions WHERE subscriber_id = $1 LIMIT 1", [subscriberId]);
    return r !== undefined;
  }
}

/**
 * The demo subscribers' physical SIM cards (ICCIDs of the demo issuer 89 91 01, serials far above the eSIM
 * inventory's, and one of issuer 02, outside the default Mobile Plans range): Asha has a prepaid plan with data
 * left, Ben a postpaid plan, Ravi none, Lena a nearly used-up daily pack; Ravi's second SIM is not supported.
 */
export const demoMobilePlansSims = [
  { iccid: makeIccid("91", "01", 900_000_000_001n), subscriberId: "sub-asha", imsi: "001010000000001" },
  { iccid: makeIccid("91", "01", 900_000_000_002n), subscriberId: "sub-ben", imsi: "001010000000002" },
  { iccid: makeIccid("91", "01", 900_000_000_003n), subscriberId: "sub-ravi", imsi: "001010000000003" },
  { iccid: makeIccid("91", "01", 900_000_000_004n), subscriberId: "sub-lena", imsi: "001010000000004" },
  { iccid: makeIccid("91", "02", 1n), subscriberId: "sub-ravi", imsi: null },
] as const;

/** Records the demo SIM cards (idempotent; the demo subscribers must exist, see `seedDemo`). */
export async function seedMobilePlansDemo(store: MobilePlansStore, now: number): Promise<void> {
  for (const sim of demoMobilePlansSims) await store.upsertSimCard({ ...sim }, now);
}
