import { equalBytes, sqnBytes, sqnValue, xorBytes } from "./bytes.js";
import { f1, f2345 } from "./milenage.js";

/** The USIM's answer to AUTHENTICATE (TS 33.102 §6.3.3, TS 31.102 §7.1.2). */
export type UsimResult =
  /** AUTN verified and SQN fresh: RES, CK, IK; `sqn` is the accepted sequence number. */
  | { kind: "success"; res: Uint8Array; ck: Uint8Array; ik: Uint8Array; sqn: bigint }
  /** MAC-A verified but SQN not acceptable: AUTS = SQN_MS ⊕ AK* ‖ MAC-S (14 octets). */
  | { kind: "sync-failure"; auts: Uint8Array }
  /** MAC-A did not verify (or RAND/AUTN had the wrong size): the network is not authentic. */
  | { kind: "mac-failure" };

/** What a USIM must remember between runs: SQN_MS and the SEQ array indexed by IND (TS 33.102 C.2.2). */
export interface SoftUsimState {
  /** The highest SQN accepted so far (SEQ_MS ‖ IND of that SQN). */
  sqnMs: bigint;
  /** SEQ_MS(i) for every IND value i (length 2^indBits). */
  seqArray: bigint[];
}

export interface SoftUsimOptions {
  imsi: string;
  /** Subscriber key K (16 octets). */
  k: Uint8Array;
  /** OPc (16 octets; see `computeOpc`). */
  opc: Uint8Array;
  /**
   * The highest SQN accepted so far (default 0). Every slot of the SEQ array starts at its SEQ, so only SQNs above
   * it are accepted; use `state` to restore an exact array.
   */
  sqn?: bigint;
  /** Restores a state saved with {@link SoftUsim.exportState} (wins over `sqn`). */
  state?: SoftUsimState;
  /** Δ of TS 33.102 C.2.1: the largest accepted jump SEQ − SEQ_MS (default 2^28). */
  maxDelta?: bigint;
  /** L of TS 33.102 C.2.2: when set, SQNs with SEQ_MS − SEQ ≥ L are refused even if their slot allows them. */
  ageLimit?: bigint;
  /** Length of IND in bits (TS 33.102 C.1.1.2 suggests 5; 0 = no array, every SQN must exceed SQN_MS). */
  indBits?: bigint;
}

function checkLength(name: string, value: Uint8Array, length: number): void {
  if (!(value instanceof Uint8Array) || value.length !== length)
    throw new RangeError(`${name} must be ${length} octets`);
}

/**
 * A software USIM running AUTHENTICATE with MILENAGE (TS 33.102 §6.3.3): checks AUTN's MAC-A, then the freshness
 * of SQN per Annex C (SQN = SEQ ‖ IND; accepted if SEQ − SEQ_MS ≤ Δ, SEQ > SEQ_MS(IND) and, with a limit L,
 * SEQ_MS − SEQ < L), and answers RES/CK/IK, a synchronisation failure carrying AUTS, or a MAC failure.
 */
export class SoftUsim {
  readonly imsi: string;
  private readonly k: Uint8Array;
  private readonly opc: Uint8Array;
  private readonly maxDelta: bigint;
  private readonly ageLimit: bigint | undefined;
  private readonly indBits: bigint;
  private readonly seqArray: bigint[];
  private highest: bigint;

  constructor(options: SoftUsimOptions) {
    checkLength("K", options.k, 16);
    checkLength("OPc", options.opc, 16);
    this.imsi = options.imsi;
    this.k = new Uint8Array(options.k);
    this.opc = new Uint8Array(options.opc);
    this.maxDelta = options.maxDelta ?? 1n << 28n;
    this.ageLimit = options.ageLimit;
    this.indBits = options.indBits ?? 5n;
    if (this.indBits < 0n || this.indBits > 16n) throw new RangeError("indBits must be 0–16");
    const slots = 1 << Number(this.indBits);
    if (options.state) {
      if (options.state.seqArray.length !== slots) throw new RangeError(`state.seqArray must have ${slots} entries`);
      sqnBytes(options.state.sqnMs);
      this.highest = options.state.sqnMs;
      this.seqArray = [...options.state.seqArray];
    } else {
      const sqn = options.sqn ?? 0n;
      sqnBytes(sqn); // range check
      this.highest = sqn;
      this.seqArray = new Array<bigint>(slots).fill(sqn >> this.indBits);
    }
  }

  /** SQN_MS: the highest SQN accepted so far. */
  get sqnMs(): bigint {
    return this.highest;
  }

  /** A copy of the freshness state, for persisting the USIM. */
  exportState(): SoftUsimState {
    return { sqnMs: this.highest, seqArray: [...this.seqArray] };
  }

  /** AUTHENTICATE with RAND and AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A (16 octets each). */
  authenticate(rand: Uint8Array, autn: Uint8Array): UsimResult {
    if (rand.length !== 16 || autn.length !== 16) return { kind: "mac-failure" };
    const { res, ck, ik, ak, akStar } = f2345(this.k, this.opc, rand);
    const sqnB = xorBytes(autn.subarray(0, 6), ak);
    const { macA } = f1(this.k, this.opc, rand, sqnB, autn.subarray(6, 8));
    if (!equalBytes(macA, autn.subarray(8, 16))) return { kind: "mac-failure" };
    const sqn = sqnValue(sqnB);
    if (!this.fresh(sqn)) return { kind: "sync-failure", auts: this.auts(rand, akStar) };
    const seq = sqn >> this.indBits;
    this.seqArray[Number(sqn & this.indMask())] = seq;
    if (seq > this.highest >> this.indBits) this.highest = sqn;
    return { kind: "success", res, ck, ik, sqn };
  }

  private indMask(): bigint {
    return (1n << this.indBits) - 1n;
  }

  private fresh(sqn: bigint): boolean {
    const seq = sqn >> this.indBits;
    const seqMs = this.highest >> this.indBits;
    if (seq - seqMs > this.maxDelta) return false;
    if (this.ageLimit !== undefined && seqMs - seq >= this.ageLimit) return false;
    return seq > (this.seqArray[Number(sqn & this.indMask())] ?? 0n);
  }

  /** AUTS = SQN_MS ⊕ f5*(RAND) ‖ f1*(SQN_MS, RAND, AMF = 0x0000) (TS 33.102 §6.3.3). */
  private auts(rand: Uint8Array, akStar: Uint8Array): Uint8Array {
    const sqnMs = sqnBytes(this.highest);
    const { macS } = f1(this.k, this.opc, rand, sqnMs, new Uint8Array(2));
    const auts = new Uint8Array(14);
    auts.set(xorBytes(sqnMs, akStar), 0);
    auts.set(macS, 6);
    return auts;
  }
}
