import { equalBytes, sqnBytes, sqnValue, xorBytes } from "./bytes.js";
import { f1, f2345 } from "./milenage.js";

export type UsimResult =
  | { kind: "success"; res: Uint8Array; ck: Uint8Array; ik: Uint8Array }
  | { kind: "sync-failure"; auts: Uint8Array }
  | { kind: "mac-failure" };

export interface SoftUsimOptions {
  imsi: string;
  k: Uint8Array;
  opc: Uint8Array;
  /** The highest SQN accepted so far (default 0). */
  sqn?: bigint;
  /** Largest accepted jump of SEQ (TS 33.102 C.2.2 "L"; default 2^28). */
  maxDelta?: bigint;
  /** IND bits (default 5). */
  indBits?: bigint;
}

/**
 * A software USIM running the AKA procedure of TS 33.102 §6.3.3 with MILENAGE: verifies AUTN's MAC-A, checks SQN
 * freshness (Annex C.2: an array of SEQ per IND slot, a SEQ must be greater than the slot's last and within
 * `maxDelta` of the highest accepted), and answers RES/CK/IK, a synchronisation failure (AUTS) or a MAC failure.
 */
export class SoftUsim {
  readonly imsi: string;
  private readonly k: Uint8Array;
  private readonly opc: Uint8Array;
  private readonly maxDelta: bigint;
  private readonly indBits: bigint;
  private readonly seqByInd = new Map<bigint, bigint>();
  private highestSeq: bigint;

  constructor(options: SoftUsimOptions) {
    this.imsi = options.imsi;
    this.k = options.k;
    this.opc = options.opc;
    this.maxDelta = options.maxDelta ?? 1n << 28n;
    this.indBits = options.indBits ?? 5n;
    const sqn = options.sqn ?? 0n;
    this.highestSeq = sqn >> this.indBits;
    this.seqByInd.set(sqn & ((1n << this.indBits) - 1n), this.highestSeq);
  }

  /** The highest SQN accepted so far (SEQ_MS ‖ 0). */
  get sqnMs(): bigint {
    return this.highestSeq << this.indBits;
  }

  authenticate(rand: Uint8Array, autn: Uint8Array): UsimResult {
    if (rand.length !== 16 || autn.length !== 16) return { kind: "mac-failure" };
    const { res, ck, ik, ak, akStar } = f2345(this.k, this.opc, rand);
    const sqnB = xorBytes(autn.subarray(0, 6), ak);
    const amf = autn.subarray(6, 8);
    const { macA } = f1(this.k, this.opc, rand, sqnB, amf);
    if (!equalBytes(macA, autn.subarray(8, 16))) return { kind: "mac-failure" };
    const sqn = sqnValue(sqnB);
    const seq = sqn >> this.indBits;
    const ind = sqn & ((1n << this.indBits) - 1n);
    const slot = this.seqByInd.get(ind) ?? -1n;
    if (seq <= slot || seq - this.highestSeq > this.maxDelta) {
      const sqnMs = sqnBytes(this.sqnMs);
      const { macS } = f1(this.k, this.opc, rand, sqnMs, new Uint8Array(2));
      const auts = new Uint8Array(14);
      auts.set(xorBytes(sqnMs, akStar), 0);
      auts.set(macS, 6);
      return { kind: "sync-failure", auts };
    }
    this.seqByInd.set(ind, seq);
    if (seq > this.highestSeq) this.highestSeq = seq;
    return { kind: "success", res, ck, ik };
  }
}
