import { randomBytes } from "node:crypto";
import { equalBytes, fromHex, sqnBytes, sqnValue, xorBytes } from "./bytes.js";
import { f1, f2345 } from "./milenage.js";

/** A UMTS authentication vector (TS 33.102 §6.3.2). */
export interface AuthenticationVector {
  rand: Uint8Array;
  /** SQN ⊕ AK ‖ AMF ‖ MAC-A */
  autn: Uint8Array;
  xres: Uint8Array;
  ck: Uint8Array;
  ik: Uint8Array;
}

export interface SubscriberKeys {
  k: Uint8Array;
  opc: Uint8Array;
}

/**
 * Generates an authentication vector for a SQN (stateless; the caller reserves SQNs, e.g. with {@link nextSqn} or
 * operator-core's `nextSqn`). RAND comes from `crypto.randomBytes` unless given.
 */
export function generateVector(
  keys: SubscriberKeys,
  sqn: bigint,
  amf: Uint8Array,
  rand: Uint8Array = new Uint8Array(randomBytes(16)),
): AuthenticationVector {
  if (amf.length !== 2) throw new RangeError("AMF must be 2 octets");
  const sqnB = sqnBytes(sqn);
  const { macA } = f1(keys.k, keys.opc, rand, sqnB, amf);
  const { res, ck, ik, ak } = f2345(keys.k, keys.opc, rand);
  const autn = new Uint8Array(16);
  autn.set(xorBytes(sqnB, ak), 0);
  autn.set(amf, 6);
  autn.set(macA, 8);
  return { rand: new Uint8Array(rand), autn, xres: res, ck, ik };
}

/** Resynchronisation failed: MAC-S did not verify (TS 33.102 §6.3.5). */
export class ResyncError extends Error {
  constructor(reason = "AUTS does not verify (MAC-S mismatch)") {
    super(reason);
    this.name = "ResyncError";
  }
}

/**
 * Recovers the USIM's SQN_MS from AUTS = SQN_MS ⊕ AK* ‖ MAC-S after verifying MAC-S (computed with AMF = 0,
 * TS 33.102 §6.3.3). Throws {@link ResyncError} if MAC-S does not verify.
 */
export function resynchronise(keys: SubscriberKeys, rand: Uint8Array, auts: Uint8Array): bigint {
  if (auts.length !== 14) throw new ResyncError("AUTS must be 14 octets");
  if (rand.length !== 16) throw new ResyncError("RAND must be 16 octets");
  const { akStar } = f2345(keys.k, keys.opc, rand);
  const sqnMs = xorBytes(auts.subarray(0, 6), akStar);
  const { macS } = f1(keys.k, keys.opc, rand, sqnMs, new Uint8Array(2));
  if (!equalBytes(macS, auts.subarray(6, 14))) throw new ResyncError();
  return sqnValue(sqnMs);
}

/**
 * The next SQN of a non-time-based counter (TS 33.102 C.1.1/C.3.2): SEQ and IND both step by one, IND modulo
 * 2^indBits, so consecutive vectors land in different slots of the USIM's SEQ array. Throws when SEQ would wrap.
 */
export function nextSqn(sqn: bigint, indBits = 5n): bigint {
  const mask = (1n << indBits) - 1n;
  const seq = (sqn >> indBits) + 1n;
  if (seq >= 1n << (48n - indBits)) throw new RangeError("SEQ would wrap around (TS 33.102 C.3.4)");
  return (seq << indBits) | (((sqn & mask) + 1n) & mask);
}

/** A subscriber record of the in-memory AuC. */
export interface AucSubscriber extends SubscriberKeys {
  imsi: string;
  /** AMF for this subscriber's vectors (default 0x8000: the separation bit set, as for E-UTRAN). */
  amf?: Uint8Array;
  /** SQN_HE, the last SQN used (default 0). */
  sqn?: bigint;
}

export interface AucOptions {
  /** IND length in bits (default 5, TS 33.102 C.1.1.2). */
  indBits?: bigint;
  /** Δ the USIMs apply (default 2^28): after resynchronisation SQN_HE is kept only if the USIM would accept it. */
  delta?: bigint;
  /** Source of RAND (default `crypto.randomBytes`). */
  random?: (octets: number) => Uint8Array;
}

/** The AuC does not know this IMSI. */
export class UnknownSubscriberError extends Error {
  constructor(readonly imsi: string) {
    super(`unknown subscriber ${imsi}`);
    this.name = "UnknownSubscriberError";
  }
}

interface AucRecord {
  keys: SubscriberKeys;
  amf: Uint8Array;
  sqn: bigint;
}

/**
 * An in-memory HSS/AuC: per-subscriber SQN_HE (SEQ ‖ IND, stepped by {@link nextSqn} for every vector),
 * authentication vectors, and resynchronisation from AUTS (TS 33.102 §6.3.5).
 */
export class AuthenticationCentre {
  private readonly subscribers = new Map<string, AucRecord>();
  private readonly indBits: bigint;
  private readonly delta: bigint;
  private readonly random: (octets: number) => Uint8Array;

  constructor(options: AucOptions = {}) {
    this.indBits = options.indBits ?? 5n;
    this.delta = options.delta ?? 1n << 28n;
    this.random = options.random ?? ((n) => new Uint8Array(randomBytes(n)));
  }

  addSubscriber(subscriber: AucSubscriber): void {
    if (subscriber.k.length !== 16 || subscriber.opc.length !== 16) throw new RangeError("K and OPc must be 16 octets");
    const amf = subscriber.amf ?? fromHex("8000");
    if (amf.length !== 2) throw new RangeError("AMF must be 2 octets");
    const sqn = subscriber.sqn ?? 0n;
    sqnBytes(sqn);
    this.subscribers.set(subscriber.imsi, {
      keys: { k: new Uint8Array(subscriber.k), opc: new Uint8Array(subscriber.opc) },
      amf: new Uint8Array(amf),
      sqn,
    });
  }

  has(imsi: string): boolean {
    return this.subscribers.has(imsi);
  }

  /** SQN_HE: the SQN of the last vector generated (or the resynchronised value). */
  sqn(imsi: string): bigint {
    return this.record(imsi).sqn;
  }

  /** A fresh vector on the next SQN; `rand` overrides the random source (tests, replays). */
  vector(imsi: string, rand?: Uint8Array): AuthenticationVector & { sqn: bigint } {
    const r = this.record(imsi);
    const sqn = nextSqn(r.sqn, this.indBits);
    const v = generateVector(r.keys, sqn, r.amf, rand ?? this.random(16));
    r.sqn = sqn;
    return { ...v, sqn };
  }

  /**
   * Handles a synchronisation failure: verifies MAC-S, recovers SQN_MS and, unless the next SQN_HE would already be
   * accepted by the USIM (SEQ_HE + 1 > SEQ_MS and within Δ), continues from SQN_MS. Returns SQN_MS.
   */
  resynchronise(imsi: string, rand: Uint8Array, auts: Uint8Array): bigint {
    const r = this.record(imsi);
    const sqnMs = resynchronise(r.keys, rand, auts);
    const nextSeq = (r.sqn >> this.indBits) + 1n;
    const seqMs = sqnMs >> this.indBits;
    if (!(nextSeq > seqMs && nextSeq - seqMs <= this.delta)) r.sqn = sqnMs;
    return sqnMs;
  }

  private record(imsi: string): AucRecord {
    const r = this.subscribers.get(imsi);
    if (!r) throw new UnknownSubscriberError(imsi);
    return r;
  }
}
