import { randomBytes } from "node:crypto";
import { equalBytes, sqnBytes, sqnValue, xorBytes } from "./bytes.js";
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

/** Generates an authentication vector for a SQN (the caller reserves SQNs; see operator-core's `nextSqn`). */
export function generateVector(
  keys: SubscriberKeys,
  sqn: bigint,
  amf: Uint8Array,
  rand: Uint8Array = new Uint8Array(randomBytes(16)),
): AuthenticationVector {
  const sqnB = sqnBytes(sqn);
  const { macA } = f1(keys.k, keys.opc, rand, sqnB, amf);
  const { res, ck, ik, ak } = f2345(keys.k, keys.opc, rand);
  const autn = new Uint8Array(16);
  autn.set(xorBytes(sqnB, ak), 0);
  autn.set(amf, 6);
  autn.set(macA, 8);
  return { rand, autn, xres: res, ck, ik };
}

/** Resynchronisation failed: MAC-S did not verify (TS 33.102 §6.3.5). */
export class ResyncError extends Error {
  constructor() {
    super("AUTS does not verify (MAC-S mismatch)");
    this.name = "ResyncError";
  }
}

/**
 * Recovers the USIM's SQN_MS from AUTS = SQN_MS ⊕ AK* ‖ MAC-S after verifying MAC-S (computed with AMF = 0,
 * TS 33.102 §6.3.3). The network then continues from SQN_MS.
 */
export function resynchronise(keys: SubscriberKeys, rand: Uint8Array, auts: Uint8Array): bigint {
  if (auts.length !== 14) throw new RangeError("AUTS must be 14 octets");
  const { akStar } = f2345(keys.k, keys.opc, rand);
  const sqnMs = xorBytes(auts.subarray(0, 6), akStar);
  const { macS } = f1(keys.k, keys.opc, rand, sqnMs, new Uint8Array(2));
  if (!equalBytes(macS, auts.subarray(6, 14))) throw new ResyncError();
  return sqnValue(sqnMs);
}
