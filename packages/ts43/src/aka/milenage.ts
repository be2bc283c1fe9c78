import { createCipheriv } from "node:crypto";

/** 3GPP TS 35.206 MILENAGE: the authentication and key generation functions f1, f1*, f2–f5, f5*. */

function aes128(key: Uint8Array, block: Uint8Array): Uint8Array {
  const cipher = createCipheriv("aes-128-ecb", key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(cipher.update(block));
}

function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Cyclic left rotation of a 128-bit block by `bytes` octets (the r constants are multiples of 8 bits). */
function rot(x: Uint8Array, bytes: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = x[(i + bytes) % 16]!;
  return out;
}

/** c1…c5 (TS 35.206 §4.1): zero except the last octet: 0, 1, 2, 4, 8. */
function c(lastOctet: number): Uint8Array {
  const block = new Uint8Array(16);
  block[15] = lastOctet;
  return block;
}

function check(name: string, value: Uint8Array, length: number): void {
  if (value.length !== length) throw new RangeError(`${name} must be ${length} octets, got ${value.length}`);
}

/** OPc = E_K(OP) ⊕ OP. */
export function computeOpc(k: Uint8Array, op: Uint8Array): Uint8Array {
  check("K", k, 16);
  check("OP", op, 16);
  return xor(aes128(k, op), op);
}

/** f1 and f1*: the network authentication code MAC-A and the resynchronisation code MAC-S. */
export function f1(
  k: Uint8Array,
  opc: Uint8Array,
  rand: Uint8Array,
  sqn: Uint8Array,
  amf: Uint8Array,
): { macA: Uint8Array; macS: Uint8Array } {
  check("K", k, 16);
  check("OPc", opc, 16);
  check("RAND", rand, 16);
  check("SQN", sqn, 6);
  check("AMF", amf, 2);
  const temp = aes128(k, xor(rand, opc));
  const in1 = new Uint8Array(16);
  in1.set(sqn, 0);
  in1.set(amf, 6);
  in1.set(sqn, 8);
  in1.set(amf, 14);
  const out1 = xor(aes128(k, xor(xor(temp, rot(xor(in1, opc), 8)), c(0))), opc);
  return { macA: out1.slice(0, 8), macS: out1.slice(8, 16) };
}

/** f2 (RES), f3 (CK), f4 (IK), f5 (AK) and f5* (AK for resynchronisation); they depend on RAND only. */
export function f2345(
  k: Uint8Array,
  opc: Uint8Array,
  rand: Uint8Array,
): { res: Uint8Array; ck: Uint8Array; ik: Uint8Array; ak: Uint8Array; akStar: Uint8Array } {
  check("K", k, 16);
  check("OPc", opc, 16);
  check("RAND", rand, 16);
  const temp = aes128(k, xor(rand, opc));
  const out = (r: number, ci: number) => xor(aes128(k, xor(rot(xor(temp, opc), r), c(ci))), opc);
  const out2 = out(0, 1);
  return {
    res: out2.slice(8, 16),
    ak: out2.slice(0, 6),
    ck: out(4, 2),
    ik: out(8, 4),
    akStar: out(12, 8).slice(0, 6),
  };
}

/** Every MILENAGE output for one (K, OPc, RAND, SQN, AMF), named as in TS 35.206 §4.1. */
export interface MilenageOutputs {
  /** f1: network authentication code MAC-A (64 bits). */
  macA: Uint8Array;
  /** f1*: resynchronisation authentication code MAC-S (64 bits). */
  macS: Uint8Array;
  /** f2: RES (64 bits). */
  res: Uint8Array;
  /** f3: cipher key CK (128 bits). */
  ck: Uint8Array;
  /** f4: integrity key IK (128 bits). */
  ik: Uint8Array;
  /** f5: anonymity key AK (48 bits). */
  ak: Uint8Array;
  /** f5*: anonymity key for resynchronisation AK* (48 bits). */
  akStar: Uint8Array;
}

/** All seven functions at once (f1, f1*, f2, f3, f4, f5, f5*). */
export function milenage(
  k: Uint8Array,
  opc: Uint8Array,
  rand: Uint8Array,
  sqn: Uint8Array,
  amf: Uint8Array,
): MilenageOutputs {
  return { ...f1(k, opc, rand, sqn, amf), ...f2345(k, opc, rand) };
}

/** f1*: MAC-S over SQN ‖ AMF (for AUTS the USIM uses SQN_MS and AMF = 0x0000, TS 33.102 §6.3.3). */
export function f1Star(k: Uint8Array, opc: Uint8Array, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array): Uint8Array {
  return f1(k, opc, rand, sqn, amf).macS;
}

/** f2: RES. */
export function f2(k: Uint8Array, opc: Uint8Array, rand: Uint8Array): Uint8Array {
  return f2345(k, opc, rand).res;
}

/** f3: CK. */
export function f3(k: Uint8Array, opc: Uint8Array, rand: Uint8Array): Uint8Array {
  return f2345(k, opc, rand).ck;
}

/** f4: IK. */
export function f4(k: Uint8Array, opc: Uint8Array, rand: Uint8Array): Uint8Array {
  return f2345(k, opc, rand).ik;
}

/** f5: AK. */
export function f5(k: Uint8Array, opc: Uint8Array, rand: Uint8Array): Uint8Array {
  return f2345(k, opc, rand).ak;
}

/** f5*: AK*, conceals SQN_MS in AUTS. */
export function f5Star(k: Uint8Array, opc: Uint8Array, rand: Uint8Array): Uint8Array {
  return f2345(k, opc, rand).akStar;
}
