import { randomBytes } from "node:crypto";
import { type Db, num } from "./db.js";
import { refundPurchase } from "./portal.js";

/** The Luhn check digit of a digit string (ISO/IEC 7812-1, used by ICCIDs, ITU-T E.118). */
export function luhnCheckDigit(digits: string): number {
  if (!/^[0-9]+$/.test(digits)) throw new RangeError("digits only");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** An ICCID of 19 or 20 digits, starting with the telecom industry identifier 89, whose last digit is its Luhn check digit. */
export function isValidIccid(iccid: string): boolean {
  return /^89[0-9]{17,18}$/.test(iccid) && luhnCheckDigit(iccid.slice(0, -1)) === Number(iccid.at(-1));
}

/**
 * Builds an ICCID (ITU-T E.118): `89` + country code + issuer identifier + serial, then the Luhn digit; 19 digits.
 */
export function makeIccid(countryCode: string, issuer: string, serial: bigint): string {
  const body = `89${countryCode}${issuer}`;
  const width = 18 - body.length;
  if (width < 6) throw new RangeError("country code and issuer leave too few digits for the serial");
  const s = serial.toString().padStart(width, "0");
  if (s.length > width) throw new RangeError("serial too large");
  return `${body}${s}${luhnCheckDigit(body + s)}`;
}

/**
 * The ICCIDs of a profile order of `count` profiles (serials 1…count of the issuer): what the operator's stock and the
 * SM-DP+ both hold in the demo (`npm start` gives the same order to the SM-DP+ stand-in).
 */
export function profileOrder(count: number, countryCode = "91", issuer = "01"): string[] {
  return Array.from({ length: count }, (_, i) => makeIccid(countryCode, issuer, BigInt(i + 1)));
}

/** An SGP.22 activation code `1$<SM-DP+ address>$<matching ID>` (what a QR code or LPA: link carries, without `LPA:`). */
export function activationCode(smdpAddress: string, matchingId: string): string {
  return `1$${smdpAddress}$${matchingId}`;
}

/** A random matching ID in the usual grouped form, e.g. `Q4F7-K2ZP-9T3M-HX8C`. */
export function newMatchingId(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/**
 * Where a profile of the operator's stock is (C-8: "released" means released for download on the SM-DP+, as in the
 * seeds and SGP.22):
 * - `AVAILABLE`: in stock, prepared on the SM-DP+ (an ICCID of the operator's profile order), not ordered;
 * - `RESERVED`: reserved for a purchase here; its ES2+ DownloadOrder/ConfirmOrder are pending;
 * - `CONFIRMED`: ordered and confirmed without release (delayed download); ReleaseProfile is due at `releaseAt`;
 * - `RELEASED`: released for download (its activation code works);
 * - `DOWNLOADED` / `INSTALLED`: the SM-DP+ reported the bound profile package downloaded / installed (or the
 *   Mobile Plans app reported a successful activation: DOWNLOADED);
 * - `RETURNED`: the reservation was cancelled or abandoned: its order is cancelled on the SM-DP+ (CancelOrder) and
 *   the profile leaves the stock for good (its ICCID and matching ID were shown to someone);
 * - `ERROR`: the SM-DP+ refused to order it (unknown or unavailable ICCID): out of stock, see `smdpError`.
 */
export type EsimState =
  | "AVAILABLE"
  | "RESERVED"
  | "CONFIRMED"
  | "RELEASED"
  | "DOWNLOADED"
  | "INSTALLED"
  | "RETURNED"
  | "ERROR";

/** The ES2+ call a profile still needs (retried by the worker until it is done). */
export type SmdpStep = "ORDER" | "RELEASE" | "CANCEL";

export interface EsimProfile {
  iccid: string;
  /** The matching ID of its order: proposed when reserved, the SM-DP+'s ConfirmOrder answer once confirmed. */
  matchingId: string | null;
  smdpAddress: string;
  state: EsimState;
  subscriberId: string | null;
  /** The purchase intent it is reserved for (cleared when the reservation is returned). */
  reservation: string | null;
  /** The eUICC the order is bound to (the Mobile Plans launch's `eid`), if any. */
  eid: string | null;
  /** ConfirmOrder's releaseFlag: true for the inline and asynchronous flows, false for the delayed one. */
  releaseFlag: boolean | null;
  /** Delayed flow: when ReleaseProfile is due. */
  releaseAt: number | null;
  /** The purchase that paid for it. */
  transactionId: string | null;
  reservedAt: number | null;
  pending: SmdpStep | null;
  dueAt: number | null;
  attempts: number;
  /** The last failed ES2+ call (`confirmOrder: Failed 8.2.1/3.9 …`, `unreachable: …`). */
  smdpError: string | null;
  /** The last HandleDownloadProgressInfo (`BPP installation Executed-Success`). */
  lastEvent: string | null;
  /** The last failed download or installation the SM-DP+ reported (the activation code stays usable for a retry). */
  downloadFailure: string | null;
  /** `1$<smdp>$<matchingId>` once ConfirmOrder answered, else null. */
  activationCode: string | null;
  updatedAt: number;
}

const opt = (v: unknown) => (v === null || v === undefined ? null : String(v));
const optNum = (v: unknown) => (v === null || v === undefined ? null : num(v));

function profileOf(r: Record<string, unknown>): EsimProfile {
  const state = r.state as EsimState;
  const matchingId = opt(r.matching_id);
  const confirmed = !["AVAILABLE", "RESERVED", "ERROR"].includes(state) && matchingId !== null;
  return {
    iccid: String(r.iccid),
    matchingId,
    smdpAddress: String(r.smdp_address),
    state,
    subscriberId: opt(r.subscriber_id),
    reservation: opt(r.reservation),
    eid: opt(r.eid),
    releaseFlag: r.release_flag === null || r.release_flag === undefined ? null : num(r.release_flag) === 1,
    releaseAt: optNum(r.release_at),
    transactionId: opt(r.transaction_id),
    reservedAt: optNum(r.reserved_at),
    pending: opt(r.smdp_pending) as SmdpStep | null,
    dueAt: optNum(r.smdp_due_at),
    attempts: num(r.smdp_attempts ?? 0),
    smdpError: opt(r.smdp_error),
    lastEvent: opt(r.last_event),
    downloadFailure: opt(r.download_failure),
    activationCode: confirmed ? activationCode(String(r.smdp_address), matchingId) : null,
    updatedAt: num(r.updated_at),
  };
}

/** What a purchase asks of the stock. */
export interface ReservationRequest {
  /** The purchase intent (one profile per intent, whatever the number of requests). */
  reservation: string;
  subscriberId: string;
  /** Bind the order to this eUICC (DownloadOrder with EID). */
  eid?: string;
  /** Release for download at confirmation (inline, asynchronous) or later, at `releaseAt` (delayed). */
  releaseFlag: boolean;
  releaseAt?: number;
}

/** Download progress the SM-DP+ reported (HandleDownloadProgressInfo), in the inventory's terms. */
export interface DownloadProgressEvent {
  iccid: string;
  /** What the step reached: DOWNLOADED (bound profile package delivered) or INSTALLED; `failed` for an error. */
  outcome: "DOWNLOADED" | "INSTALLED" | "failed" | "other";
  /** Human-readable, recorded as `lastEvent` (and `downloadFailure` for failures). */
  description: string;
  eid?: string;
}

const RANK: Record<EsimState, number> = {
  AVAILABLE: 0,
  RESERVED: 1,
  CONFIRMED: 2,
  RELEASED: 3,
  DOWNLOADED: 4,
  INSTALLED: 5,
  RETURNED: 9,
  ERROR: 9,
};
const below = (state: "DOWNLOADED" | "INSTALLED") =>
  (Object.keys(RANK) as EsimState[]).filter((s) => RANK[s] >= RANK.RESERVED && RANK[s] < RANK[state]);
const inList = (states: readonly string[]) => states.map((s) => `'${s}'`).join(", ");

/** A PostgreSQL or SQLite unique violation (a concurrent twin won the race for a unique key). */
const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
};

/**
 * The operator's stock of eSIM profiles prepared on its SM-DP+, and each profile's way through ES2+ (the calls
 * themselves are {@link EsimOrders}'): every change is one conditional UPDATE, so concurrent requests, workers and
 * notifications never hand a profile out twice nor move it backwards.
 */
export class EsimInventory {
  constructor(readonly db: Db) {}

  /** Adds `count` profiles with consecutive ICCIDs after the highest one of this issuer (a demo profile order). */
  async stock(
    count: number,
    smdpAddress: string,
    now: number,
    countryCode = "91",
    issuer = "01",
  ): Promise<EsimProfile[]> {
    return this.db.transaction(async (tx) => {
      const prefix = `89${countryCode}${issuer}`;
      const last = await tx.get<{ iccid: string }>(
        "SELECT iccid FROM esim_profiles WHERE iccid LIKE $1 ORDER BY iccid DESC LIMIT 1",
        [`${prefix}%`],
      );
      let serial = last ? BigInt(last.iccid.slice(prefix.length, -1)) : 0n;
      const out: EsimProfile[] = [];
      for (let i = 0; i < count; i++) {
        serial += 1n;
        const row = await tx.get(
          `INSERT INTO esim_profiles (iccid, smdp_address, state, updated_at) VALUES ($1, $2, 'AVAILABLE', $3)
           RETURNING *`,
          [makeIccid(countryCode, issuer, serial), smdpAddress, now],
        );
        out.push(profileOf(row!));
      }
      return out;
    });
  }

  /** Adds the ICCIDs of a profile order placed with the SM-DP+ (ones already known are left as they are). */
  async importStock(iccids: readonly string[], smdpAddress: string, now: number): Promise<number> {
    const bad = iccids.find((i) => !isValidIccid(i));
    if (bad) throw new RangeError(`not a valid ICCID: ${bad}`);
    return this.db.transaction(async (tx) => {
      let added = 0;
      for (const iccid of iccids) {
        const r = await tx.run(
          `INSERT INTO esim_profiles (iccid, smdp_address, state, updated_at) VALUES ($1, $2, 'AVAILABLE', $3)
           ON CONFLICT (iccid) DO NOTHING`,
          [iccid, smdpAddress, now],
        );
        added += r.changes;
      }
      return added;
    });
  }

  /**
   * The profile reserved for `req.reservation`, reserving one from stock the first time: it becomes RESERVED with a
   * fresh matching ID and its ES2+ order due now. Undefined when the stock is empty. Never hands a profile out twice,
   * and never reserves two for one intent (a concurrent twin gets the same profile).
   */
  async reserve(req: ReservationRequest, now: number): Promise<EsimProfile | undefined> {
    const existing = await this.byReservation(req.reservation);
    if (existing) return existing;
    const skipLocked = this.db.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await this.db.get(
          `UPDATE esim_profiles SET state = 'RESERVED', reservation = $1, subscriber_id = $2, eid = $3,
             release_flag = $4, release_at = $5, matching_id = $6, reserved_at = $7, smdp_pending = 'ORDER',
             smdp_due_at = $7, smdp_attempts = 0, smdp_error = NULL, updated_at = $7
           WHERE iccid = (SELECT iccid FROM esim_profiles WHERE state = 'AVAILABLE' ORDER BY iccid LIMIT 1${skipLocked})
             AND state = 'AVAILABLE'
           RETURNING *`,
          [
            req.reservation,
            req.subscriberId,
            req.eid ?? null,
            req.releaseFlag ? 1 : 0,
            req.releaseFlag ? null : (req.releaseAt ?? now),
            newMatchingId(),
            now,
          ],
        );
        if (row) return profileOf(row);
        // Nothing updated: the stock is empty, or (SQLite never; PostgreSQL under READ COMMITTED) the row picked
        // was taken between the subquery and the update. Look again a few times before calling the stock empty.
        if (attempt >= 3 || (await this.available()) === 0) return await this.byReservation(req.reservation);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const twin = await this.byReservation(req.reservation);
        if (twin) return twin;
        if (attempt >= 3) throw err;
      }
    }
  }

  /**
   * Pays for a reserved profile inside the purchase's transaction `tx`: it must still be this intent's, confirmed on
   * the SM-DP+ and unpaid. False when it is not (abandoned meanwhile, or its order not done yet).
   */
  static async claimForPurchase(tx: Db, iccid: string, reservation: string, transactionId: string, now: number) {
    const r = await tx.run(
      `UPDATE esim_profiles SET transaction_id = $3, updated_at = $4
       WHERE iccid = $1 AND reservation = $2 AND transaction_id IS NULL AND state IN ('CONFIRMED', 'RELEASED')`,
      [iccid, reservation, transactionId, now],
    );
    return r.changes > 0;
  }

  /**
   * Returns a reservation nobody paid for (the purchase was refused, or abandoned): RETURNED, its ES2+ order
   * cancelled (CancelOrder due now). False when it was paid or is already returned.
   */
  async abandon(reservation: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE esim_profiles SET state = 'RETURNED', reservation = NULL, smdp_pending = 'CANCEL', smdp_due_at = $2,
         smdp_attempts = 0, updated_at = $2
       WHERE reservation = $1 AND transaction_id IS NULL AND state IN ('RESERVED', 'CONFIRMED', 'RELEASED')`,
      [reservation, now],
    );
    return r.changes > 0;
  }

  /** Returns every unpaid reservation made before `cutoff` (see {@link abandon}); the ICCIDs returned. */
  async abandonStale(cutoff: number, now: number): Promise<string[]> {
    const rows = await this.db.all<{ iccid: string }>(
      `UPDATE esim_profiles SET state = 'RETURNED', reservation = NULL, smdp_pending = 'CANCEL', smdp_due_at = $2,
         smdp_attempts = 0, updated_at = $2
       WHERE transaction_id IS NULL AND reservation IS NOT NULL AND reserved_at < $1
         AND state IN ('RESERVED', 'CONFIRMED', 'RELEASED')
       RETURNING iccid`,
      [cutoff, now],
    );
    return rows.map((r) => String(r.iccid));
  }

  /**
   * The user cancelled the download of a paid profile before it happened (the delayed download's cancel): in one
   * transaction the profile is RETURNED with CancelOrder due now and its purchase refunded (a charged purchase never
   * stays without a profile). False when the profile was already downloaded, installed or returned.
   */
  async cancel(iccid: string, now: number, reason = "eSIM download cancelled"): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get(
        `UPDATE esim_profiles SET state = 'RETURNED', reservation = NULL, smdp_pending = 'CANCEL', smdp_due_at = $2,
           smdp_attempts = 0, updated_at = $2
         WHERE iccid = $1 AND state IN ('RESERVED', 'CONFIRMED', 'RELEASED') RETURNING transaction_id`,
        [iccid, now],
      );
      if (!row) return false;
      if (row.transaction_id) await refundPurchase(tx, String(row.transaction_id), reason, now);
      return true;
    });
  }

  /** The Mobile Plans app reported a successful activation: a released profile counts as DOWNLOADED. */
  async markDownloaded(iccid: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE esim_profiles SET state = 'DOWNLOADED', updated_at = $2
       WHERE iccid = $1 AND state IN (${inList(below("DOWNLOADED").filter((s) => s !== "CONFIRMED"))})`,
      [iccid, now],
    );
    return r.changes > 0;
  }

  /**
   * Records the SM-DP+'s download progress (HandleDownloadProgressInfo): the state only moves forward (a repeated or
   * late notification changes nothing but `lastEvent`); a failure is recorded and leaves the profile released (its
   * activation code works for a retry, as Mobile Plans' service configuration requires). Undefined for an ICCID that
   * is not ours.
   */
  async recordProgress(e: DownloadProgressEvent, now: number): Promise<EsimProfile | undefined> {
    return this.db.transaction(async (tx) => {
      if (e.outcome === "DOWNLOADED" || e.outcome === "INSTALLED")
        await tx.run(
          `UPDATE esim_profiles SET state = $2, updated_at = $3 WHERE iccid = $1 AND state IN (${inList(below(e.outcome))})`,
          [e.iccid, e.outcome, now],
        );
      const row = await tx.get(
        `UPDATE esim_profiles SET last_event = $2, notified_at = $3, updated_at = $3,
           download_failure = CASE WHEN $4 = 1 THEN $2 ELSE download_failure END
         WHERE iccid = $1 RETURNING *`,
        [e.iccid, e.description.slice(0, 500), now, e.outcome === "failed" ? 1 : 0],
      );
      return row ? profileOf(row) : undefined;
    });
  }

  async profile(iccid: string): Promise<EsimProfile | undefined> {
    const r = await this.db.get("SELECT * FROM esim_profiles WHERE iccid = $1", [iccid]);
    return r ? profileOf(r) : undefined;
  }

  async byReservation(reservation: string): Promise<EsimProfile | undefined> {
    const r = await this.db.get("SELECT * FROM esim_profiles WHERE reservation = $1", [reservation]);
    return r ? profileOf(r) : undefined;
  }

  /** The profiles whose ES2+ step is due at `now` (oldest first). */
  async due(now: number, limit = 50): Promise<EsimProfile[]> {
    const rows = await this.db.all(
      `SELECT * FROM esim_profiles WHERE smdp_pending IS NOT NULL AND smdp_due_at <= $1
       ORDER BY smdp_due_at LIMIT ${Math.max(1, Math.floor(limit))}`,
      [now],
    );
    return rows.map(profileOf);
  }

  async available(): Promise<number> {
    const r = await this.db.get("SELECT COUNT(*) AS n FROM esim_profiles WHERE state = 'AVAILABLE'");
    return num(r?.n ?? 0);
  }
}
