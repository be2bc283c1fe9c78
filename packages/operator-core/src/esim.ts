import { randomBytes } from "node:crypto";
import { type Db, num } from "./db.js";

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

export interface EsimProfile {
  iccid: string;
  matchingId: string;
  smdpAddress: string;
  state: "AVAILABLE" | "RESERVED" | "DOWNLOADED" | "RELEASED";
  subscriberId: string | null;
  reservedAt: number | null;
  /** `1$<smdp>$<matchingId>` */
  activationCode: string;
}

function profileOf(r: Record<string, unknown>): EsimProfile {
  return {
    iccid: String(r.iccid),
    matchingId: String(r.matching_id),
    smdpAddress: String(r.smdp_address),
    state: r.state as EsimProfile["state"],
    subscriberId: (r.subscriber_id as string | null) ?? null,
    reservedAt: r.reserved_at === null || r.reserved_at === undefined ? null : num(r.reserved_at),
    activationCode: activationCode(String(r.smdp_address), String(r.matching_id)),
  };
}

/** The operator's stock of eSIM profiles prepared on its SM-DP+. */
export class EsimInventory {
  constructor(readonly db: Db) {}

  /** Adds `count` profiles with consecutive ICCIDs after the highest one of this issuer. */
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
        const iccid = makeIccid(countryCode, issuer, serial);
        const row = await tx.get(
          `INSERT INTO esim_profiles (iccid, matching_id, smdp_address, state, updated_at)
           VALUES ($1, $2, $3, 'AVAILABLE', $4) RETURNING *`,
          [iccid, newMatchingId(), smdpAddress, now],
        );
        out.push(profileOf(row!));
      }
      return out;
    });
  }

  /** Reserves one available profile for a subscriber; undefined when the stock is empty. Never hands one out twice. */
  async reserve(subscriberId: string, now: number): Promise<EsimProfile | undefined> {
    const skipLocked = this.db.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
    const row = await this.db.get(
      `UPDATE esim_profiles SET state = 'RESERVED', subscriber_id = $1, reserved_at = $2, updated_at = $2
       WHERE iccid = (SELECT iccid FROM esim_profiles WHERE state = 'AVAILABLE' ORDER BY iccid LIMIT 1${skipLocked})
         AND state = 'AVAILABLE'
       RETURNING *`,
      [subscriberId, now],
    );
    return row ? profileOf(row) : undefined;
  }

  /** The device downloaded the profile (reported by the SM-DP+ or the portal's bridge). */
  async markDownloaded(iccid: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      "UPDATE esim_profiles SET state = 'DOWNLOADED', updated_at = $2 WHERE iccid = $1 AND state = 'RESERVED'",
      [iccid, now],
    );
    return r.changes > 0;
  }

  /** A reservation abandoned (cancelled purchase): the profile goes out of stock for good (its matching ID was shown). */
  async release(iccid: string, now: number): Promise<boolean> {
    const r = await this.db.run(
      "UPDATE esim_profiles SET state = 'RELEASED', updated_at = $2 WHERE iccid = $1 AND state = 'RESERVED'",
      [iccid, now],
    );
    return r.changes > 0;
  }

  async profile(iccid: string): Promise<EsimProfile | undefined> {
    const r = await this.db.get("SELECT * FROM esim_profiles WHERE iccid = $1", [iccid]);
    return r ? profileOf(r) : undefined;
  }

  async available(): Promise<number> {
    const r = await this.db.get("SELECT COUNT(*) AS n FROM esim_profiles WHERE state = 'AVAILABLE'");
    return num(r?.n ?? 0);
  }
}
