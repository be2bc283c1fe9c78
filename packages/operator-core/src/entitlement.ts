import { randomBytes } from "node:crypto";
import { big, type Db, num } from "./db.js";

/** A subscriber's USIM secrets as the operator's AuC holds them. */
export interface SimCredentials {
  imsi: string;
  subscriberId: string;
  /** K, 128-bit, hex. */
  kHex: string;
  /** OPc, 128-bit, hex. */
  opcHex: string;
  /** AMF, 16-bit, hex (the separation bit set: `8000`). */
  amfHex: string;
  /** The highest SQN issued (48 bits: SEQ ‖ IND). */
  sqn: bigint;
}

/** Data-boost (ap2010) state of a subscriber: TS.43 EntitlementStatus 0–4 × ProvStatus 0–3. */
export interface DataBoostState {
  subscriberId: string;
  entitlementStatus: number;
  provStatus: number;
  updatedAt: number;
}

/** IND bits of the SQN (TS 33.102 C.3.2: SQN = SEQ ‖ IND, IND 5 bits). */
export const SQN_IND_BITS = 5n;
const SQN_MAX = (1n << 48n) - 1n;

/**
 * The entitlement side of the operator core: SIM credentials with SQN management (TS 33.102 Annex C, one SEQ step
 * per authentication vector, atomic in the database), ECS tokens with validity, data-boost state and each
 * subscriber's URSP policy (kept as the JSON model of `@carrierkit/ursp`).
 */
export class EntitlementCore {
  constructor(readonly db: Db) {}

  async upsertSim(sim: Omit<SimCredentials, "sqn"> & { sqn?: bigint }, now: number): Promise<void> {
    for (const [name, hex, bytes] of [
      ["K", sim.kHex, 16],
      ["OPc", sim.opcHex, 16],
      ["AMF", sim.amfHex, 2],
    ] as const) {
      if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(hex))
        throw new RangeError(`${name} must be ${bytes} bytes of hex`);
    }
    await this.db.run(
      `INSERT INTO sim_credentials (imsi, subscriber_id, k_hex, opc_hex, amf_hex, sqn, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (imsi) DO UPDATE SET subscriber_id = excluded.subscriber_id, k_hex = excluded.k_hex,
         opc_hex = excluded.opc_hex, amf_hex = excluded.amf_hex`,
      [
        sim.imsi,
        sim.subscriberId,
        sim.kHex.toLowerCase(),
        sim.opcHex.toLowerCase(),
        sim.amfHex.toLowerCase(),
        sim.sqn ?? 0n,
        now,
      ],
    );
  }

  async sim(imsi: string): Promise<SimCredentials | undefined> {
    const r = await this.db.get("SELECT * FROM sim_credentials WHERE imsi = $1", [imsi]);
    return (
      r && {
        imsi: String(r.imsi),
        subscriberId: String(r.subscriber_id),
        kHex: String(r.k_hex),
        opcHex: String(r.opc_hex),
        amfHex: String(r.amf_hex),
        sqn: big(r.sqn),
      }
    );
  }

  async listSims(): Promise<SimCredentials[]> {
    const rows = await this.db.all("SELECT imsi FROM sim_credentials ORDER BY imsi");
    return (await Promise.all(rows.map((r) => this.sim(String(r.imsi))))).filter((s): s is SimCredentials => !!s);
  }

  /**
   * Reserves the next SQN for a new authentication vector: SEQ + 1 with IND 0, wrapping inside 48 bits. Atomic, so
   * concurrent authentications never reuse a SQN.
   */
  async nextSqn(imsi: string): Promise<bigint> {
    // One statement, so concurrent authentications serialise on the row (a read-then-write would lose updates).
    const r = await this.db.get(
      `UPDATE sim_credentials SET sqn = (((sqn / ${1n << SQN_IND_BITS}) + 1) * ${1n << SQN_IND_BITS}) % ${SQN_MAX + 1n}
       WHERE imsi = $1 RETURNING sqn`,
      [imsi],
    );
    if (!r) throw new RangeError(`unknown IMSI ${imsi}`);
    return big(r.sqn);
  }

  /**
   * After a synchronisation failure: continue from the USIM's SQN (the next vector uses SEQ_MS + 1). Per TS 33.102
   * C.3.4 the network's SQN only moves forward: a lower SQN_MS (a stale AUTS) leaves it as it is.
   */
  async resynchronise(imsi: string, sqnMs: bigint): Promise<void> {
    await this.db.run("UPDATE sim_credentials SET sqn = $2 WHERE imsi = $1 AND sqn < $2", [imsi, sqnMs & SQN_MAX]);
  }

  /** Issues an ECS token for an authenticated IMSI (TS.43 §2.8.5). */
  async issueToken(imsi: string, validitySeconds: number, now: number): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(24).toString("base64url");
    const expiresAt = now + validitySeconds * 1000;
    await this.db.run("DELETE FROM entitlement_tokens WHERE imsi = $1 AND expires_at <= $2", [imsi, now]);
    await this.db.run("INSERT INTO entitlement_tokens (token, imsi, expires_at, created_at) VALUES ($1, $2, $3, $4)", [
      token,
      imsi,
      expiresAt,
      now,
    ]);
    return { token, expiresAt };
  }

  /** The IMSI a token was issued to, if it is still valid at `now` (and, when given, belongs to `imsi`). */
  async tokenOwner(token: string, now: number, imsi?: string): Promise<string | undefined> {
    const r = await this.db.get("SELECT imsi, expires_at FROM entitlement_tokens WHERE token = $1", [token]);
    if (!r || num(r.expires_at) <= now) return undefined;
    if (imsi !== undefined && String(r.imsi) !== imsi) return undefined;
    return String(r.imsi);
  }

  async dataBoost(subscriberId: string): Promise<DataBoostState | undefined> {
    const r = await this.db.get("SELECT * FROM data_boost WHERE subscriber_id = $1", [subscriberId]);
    return (
      r && {
        subscriberId,
        entitlementStatus: num(r.entitlement_status),
        provStatus: num(r.prov_status),
        updatedAt: num(r.updated_at),
      }
    );
  }

  async setDataBoost(subscriberId: string, entitlementStatus: number, provStatus: number, now: number): Promise<void> {
    if (!Number.isInteger(entitlementStatus) || entitlementStatus < 0 || entitlementStatus > 4)
      throw new RangeError("EntitlementStatus must be 0–4");
    if (!Number.isInteger(provStatus) || provStatus < 0 || provStatus > 3)
      throw new RangeError("ProvStatus must be 0–3");
    await this.db.run(
      `INSERT INTO data_boost (subscriber_id, entitlement_status, prov_status, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subscriber_id) DO UPDATE SET entitlement_status = excluded.entitlement_status,
         prov_status = excluded.prov_status, updated_at = excluded.updated_at`,
      [subscriberId, entitlementStatus, provStatus, now],
    );
  }

  /** The subscriber's URSP policy (the JSON model), if any. */
  async urspPolicy(subscriberId: string): Promise<unknown | undefined> {
    const r = await this.db.get("SELECT policy FROM ursp_policies WHERE subscriber_id = $1", [subscriberId]);
    return r ? JSON.parse(String(r.policy)) : undefined;
  }

  async setUrspPolicy(subscriberId: string, policy: unknown, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO ursp_policies (subscriber_id, policy, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (subscriber_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
      [subscriberId, JSON.stringify(policy), now],
    );
  }
}
