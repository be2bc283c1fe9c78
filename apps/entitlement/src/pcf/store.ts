// The PCF stand-in's state, all in the store (several entitlement instances share one PostgreSQL): each URSP
// delivery with its PTI, command and outcome; the last PTI per UE; the AMF's N1 subscription per UE.
import { randomUUID } from "node:crypto";
import type { Db } from "@carrierkit/operator-core";

export type DeliveryState = "PENDING" | "SENT" | "DELIVERED" | "REJECTED" | "FAILED";

/** A COMMAND REJECT's results (TS 24.501 §D.6.3): per PLMN, each failed instruction's UPSC, order and cause. */
export type RejectResults = {
  plmn: string;
  results: { upsc: number; failedInstructionOrder: number; cause: number }[];
}[];

export interface UrspDelivery {
  id: string;
  subscriberId: string;
  /** `imsi-<IMSI>`: the UE context at the AMF. */
  supi: string;
  /** Procedure transaction identity of the MANAGE UE POLICY COMMAND (0x80..0xfe). */
  pti: number;
  plmn: string;
  upsc: number;
  /** The MANAGE UE POLICY COMMAND sent (and re-sent, unchanged) as the N1 message. */
  commandHex: string;
  state: DeliveryState;
  /** Commands the AMF accepted (200/202) — each one reached, or was on its way to, the UE. */
  transmissions: number;
  /** Every try, including the ones the AMF refused (UE not reachable …) or that did not get through. */
  attempts: number;
  /** When the next try is due (PENDING), or when the wait for the UE's answer ends (SENT). */
  nextAttemptAt: number;
  /** The last answer of the AMF (`200 N1_N2_TRANSFER_INITIATED`, `504 UE_NOT_REACHABLE`, `network: …`). */
  lastResult?: string;
  rejectResults?: RejectResults;
  failure?: string;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const opt = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

function fromRow(r: Row): UrspDelivery {
  const rejectResults = opt(r.reject_results);
  return {
    id: String(r.id),
    subscriberId: String(r.subscriber_id),
    supi: String(r.supi),
    pti: num(r.pti),
    plmn: String(r.plmn),
    upsc: num(r.upsc),
    commandHex: String(r.command_hex),
    state: String(r.state) as DeliveryState,
    transmissions: num(r.transmissions),
    attempts: num(r.attempts),
    nextAttemptAt: num(r.next_attempt_at),
    ...(opt(r.last_result) ? { lastResult: opt(r.last_result) } : {}),
    ...(rejectResults ? { rejectResults: JSON.parse(rejectResults) as RejectResults } : {}),
    ...(opt(r.failure) ? { failure: opt(r.failure) } : {}),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    ...(r.completed_at === null || r.completed_at === undefined ? {} : { completedAt: num(r.completed_at) }),
  };
}

const PTI_FIRST = 0x80;
const PTI_LAST = 0xfe;

export class UrspDeliveryStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a new delivery (PENDING, due now) with the UE's next PTI, and closes the UE's older open deliveries as
   * FAILED "superseded" (the new command carries the whole section again). `command(pti)` builds the N1 message.
   */
  async create(input: {
    subscriberId: string;
    supi: string;
    plmn: string;
    upsc: number;
    command: (pti: number) => string;
    now: number;
  }): Promise<UrspDelivery> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const last = await tx.get<Row>("SELECT last_pti FROM pcf_ptis WHERE supi = $1", [input.supi]);
      const prev = last ? num(last.last_pti) : PTI_LAST;
      const pti = prev >= PTI_LAST || prev < PTI_FIRST ? PTI_FIRST : prev + 1;
      // The conditional upsert serialises concurrent creators on the row (two instances never take the same PTI).
      const moved = await tx.run(
        `INSERT INTO pcf_ptis (supi, last_pti) VALUES ($1, $2)
         ON CONFLICT (supi) DO UPDATE SET last_pti = excluded.last_pti WHERE pcf_ptis.last_pti = $3`,
        [input.supi, pti, prev],
      );
      if (moved.changes !== 1) throw new Error("PTI allocation raced; retry");
      await tx.run(
        `UPDATE ursp_deliveries SET state = 'FAILED', failure = $2, updated_at = $3, completed_at = $3,
           lease_owner = NULL, lease_until = NULL
         WHERE supi = $1 AND state IN ('PENDING', 'SENT')`,
        [input.supi, `superseded by ${id}`, input.now],
      );
      await tx.run(
        `INSERT INTO ursp_deliveries (id, subscriber_id, supi, pti, plmn, upsc, command_hex, state, transmissions,
           attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', 0, 0, $8, $8, $8)`,
        [id, input.subscriberId, input.supi, pti, input.plmn, input.upsc, input.command(pti), input.now],
      );
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<UrspDelivery | undefined> {
    const r = await this.db.get<Row>("SELECT * FROM ursp_deliveries WHERE id = $1", [id]);
    return r && fromRow(r);
  }

  /** A subscriber's deliveries, newest first. */
  async list(subscriberId: string): Promise<UrspDelivery[]> {
    const rows = await this.db.all<Row>(
      "SELECT * FROM ursp_deliveries WHERE subscriber_id = $1 ORDER BY created_at DESC, id",
      [subscriberId],
    );
    return rows.map(fromRow);
  }

  /** Open deliveries whose next step is due and that no live lease holds. */
  async due(now: number, limit = 20): Promise<UrspDelivery[]> {
    const rows = await this.db.all<Row>(
      `SELECT * FROM ursp_deliveries WHERE state IN ('PENDING', 'SENT') AND next_attempt_at <= $1
         AND (lease_until IS NULL OR lease_until < $1) ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    return rows.map(fromRow);
  }

  /** Takes a due delivery for `owner` until `now + leaseMs`; false when another worker has it. */
  async claim(id: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE ursp_deliveries SET lease_owner = $2, lease_until = $3
       WHERE id = $1 AND state IN ('PENDING', 'SENT') AND next_attempt_at <= $4 AND (lease_until IS NULL OR lease_until < $4)`,
      [id, owner, now + leaseMs, now],
    );
    return r.changes === 1;
  }

  /** Records a try's result and releases the lease (only the lease holder's, and only while the delivery is open). */
  async recordTry(
    id: string,
    owner: string,
    patch: {
      state: "PENDING" | "SENT" | "FAILED";
      nextAttemptAt: number;
      transmitted: boolean;
      lastResult: string;
      failure?: string;
      now: number;
    },
  ): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE ursp_deliveries SET state = $3, next_attempt_at = $4, transmissions = transmissions + $5,
         attempts = attempts + 1, last_result = $6, failure = $7, updated_at = $8,
         completed_at = CASE WHEN $3 = 'FAILED' THEN $8 ELSE completed_at END, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2 AND state IN ('PENDING', 'SENT')`,
      [
        id,
        owner,
        patch.state,
        patch.nextAttemptAt,
        patch.transmitted ? 1 : 0,
        patch.lastResult,
        patch.failure ?? null,
        patch.now,
      ],
    );
    return r.changes === 1;
  }

  /** Closes a delivery as FAILED without a try (no more transmissions allowed). */
  async fail(id: string, owner: string, failure: string, now: number): Promise<void> {
    await this.db.run(
      `UPDATE ursp_deliveries SET state = 'FAILED', failure = $3, updated_at = $4, completed_at = $4,
         lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2 AND state IN ('PENDING', 'SENT')`,
      [id, owner, failure, now],
    );
  }

  /**
   * Records the UE's answer for (SUPI, PTI) on the open delivery it answers. Returns the delivery, or undefined when
   * no open delivery has that PTI (a late duplicate, or a superseded command).
   */
  async answer(
    supi: string,
    pti: number,
    outcome: { state: "DELIVERED" } | { state: "REJECTED"; results: RejectResults },
    now: number,
  ): Promise<UrspDelivery | undefined> {
    const row = await this.db.get<Row>(
      `SELECT id FROM ursp_deliveries WHERE supi = $1 AND pti = $2 AND state IN ('PENDING', 'SENT')
       ORDER BY created_at DESC LIMIT 1`,
      [supi, pti],
    );
    if (!row) return undefined;
    const r = await this.db.run(
      `UPDATE ursp_deliveries SET state = $2, reject_results = $3, updated_at = $4, completed_at = $4,
         failure = CASE WHEN $2 = 'REJECTED' THEN $5 ELSE NULL END, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND state IN ('PENDING', 'SENT')`,
      [
        String(row.id),
        outcome.state,
        outcome.state === "REJECTED" ? JSON.stringify(outcome.results) : null,
        now,
        outcome.state === "REJECTED"
          ? `MANAGE UE POLICY COMMAND REJECT: ${outcome.results
              .flatMap((p) =>
                p.results.map((x) => `UPSC ${x.upsc} instruction ${x.failedInstructionOrder} cause #${x.cause}`),
              )
              .join("; ")}`
          : null,
      ],
    );
    return r.changes === 1 ? this.get(String(row.id)) : undefined;
  }

  async subscription(supi: string, amfUrl: string): Promise<string | undefined> {
    const r = await this.db.get<Row>(
      "SELECT subscription_id FROM pcf_n1_subscriptions WHERE supi = $1 AND amf_url = $2",
      [supi, amfUrl],
    );
    return r ? String(r.subscription_id) : undefined;
  }

  async setSubscription(supi: string, amfUrl: string, subscriptionId: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO pcf_n1_subscriptions (supi, amf_url, subscription_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (supi, amf_url) DO UPDATE SET subscription_id = excluded.subscription_id, created_at = excluded.created_at`,
      [supi, amfUrl, subscriptionId, now],
    );
  }

  async dropSubscription(supi: string, amfUrl: string): Promise<void> {
    await this.db.run("DELETE FROM pcf_n1_subscriptions WHERE supi = $1 AND amf_url = $2", [supi, amfUrl]);
  }

  /** The UE a subscription of ours belongs to. */
  async supiOfSubscription(amfUrl: string, subscriptionId: string): Promise<string | undefined> {
    const r = await this.db.get<Row>(
      "SELECT supi FROM pcf_n1_subscriptions WHERE amf_url = $1 AND subscription_id = $2",
      [amfUrl, subscriptionId],
    );
    return r ? String(r.supi) : undefined;
  }
}
