import { createHash, createHmac } from "node:crypto";
import { equalBytes } from "../aka/bytes.js";
import { AkaAttribute, attribute, decodeEap, EapDecodeError } from "./packet.js";

/** The SHA-1 compression function on one 512-bit block from a given state (FIPS 180-1), for the FIPS 186-2 PRF. */
function sha1Compress(state: number[], block: Uint8Array): number[] {
  const w = new Array<number>(80);
  for (let i = 0; i < 16; i++)
    w[i] = ((block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!) >>> 0;
  for (let i = 16; i < 80; i++) {
    const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
    w[i] = ((x << 1) | (x >>> 31)) >>> 0;
  }
  let [a, b, c, d, e] = state as [number, number, number, number, number];
  for (let i = 0; i < 80; i++) {
    const [f, k] =
      i < 20
        ? [(b & c) | (~b & d), 0x5a827999]
        : i < 40
          ? [b ^ c ^ d, 0x6ed9eba1]
          : i < 60
            ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
            : [b ^ c ^ d, 0xca62c1d6];
    const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0;
    e = d;
    d = c;
    c = ((b << 30) | (b >>> 2)) >>> 0;
    b = a;
    a = t;
  }
  return [
    (state[0]! + a) >>> 0,
    (state[1]! + b) >>> 0,
    (state[2]! + c) >>> 0,
    (state[3]! + d) >>> 0,
    (state[4]! + e) >>> 0,
  ];
}

const H0 = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

/**
 * The FIPS 186-2 (change notice 1) pseudo-random function as RFC 4187 §7 uses it: XKEY = MK, XSEED = 0,
 * w = G(t, XKEY) with G the SHA-1 compression of XKEY zero-padded to 512 bits, XKEY = (1 + XKEY + w) mod 2^160.
 */
export function fips186Prf(mk: Uint8Array, length: number): Uint8Array {
  if (mk.length !== 20) throw new RangeError("MK must be 20 octets");
  if (!Number.isInteger(length) || length < 0 || length > 1 << 16) throw new RangeError("length must be 0–65536");
  let xkey = BigInt(`0x${Buffer.from(mk).toString("hex")}`);
  const mod = 1n << 160n;
  const out = new Uint8Array(Math.ceil(length / 40) * 40);
  for (let _j = 0, at = 0; at < length; _j++) {
    for (let i = 0; i < 2; i++, at += 20) {
      const block = new Uint8Array(64);
      block.set(Buffer.from(xkey.toString(16).padStart(40, "0"), "hex"), 0);
      const w = sha1Compress(H0, block);
      const wBytes = new Uint8Array(20);
      w.forEach((v, n) => {
        wBytes[n * 4] = v >>> 24;
        wBytes[n * 4 + 1] = (v >>> 16) & 0xff;
        wBytes[n * 4 + 2] = (v >>> 8) & 0xff;
        wBytes[n * 4 + 3] = v & 0xff;
      });
      out.set(wBytes, at);
      xkey = (1n + xkey + BigInt(`0x${Buffer.from(wBytes).toString("hex")}`)) % mod;
    }
  }
  return out.subarray(0, length);
}

export interface AkaKeys {
  mk: Uint8Array;
  kEncr: Uint8Array;
  kAut: Uint8Array;
  msk: Uint8Array;
  emsk: Uint8Array;
}

/** RFC 4187 §7: MK = SHA1(Identity ‖ IK ‖ CK); K_encr (16), K_aut (16), MSK (64), EMSK (64) from the PRF. */
export function deriveAkaKeys(identity: string, ik: Uint8Array, ck: Uint8Array): AkaKeys {
  const mk = new Uint8Array(createHash("sha1").update(Buffer.from(identity, "utf8")).update(ik).update(ck).digest());
  const x = fips186Prf(mk, 160);
  return { mk, kEncr: x.slice(0, 16), kAut: x.slice(16, 32), msk: x.slice(32, 96), emsk: x.slice(96, 160) };
}

/** AT_MAC value: HMAC-SHA1-128 with K_aut over the packet whose AT_MAC value (at `macOffset`) is zeroed. */
export function akaMac(kAut: Uint8Array, packet: Uint8Array, macAttributeOffset: number): Uint8Array {
  const copy = new Uint8Array(packet);
  copy.fill(0, macAttributeOffset + 4, macAttributeOffset + 20);
  return new Uint8Array(createHmac("sha1", kAut).update(copy).digest().subarray(0, 16));
}

/** Fills the AT_MAC of an encoded EAP-AKA packet in place (and returns it); throws if it has no AT_MAC. */
export function signAka(packet: Uint8Array, kAut: Uint8Array): Uint8Array {
  const a = attribute(decodeEap(packet), AkaAttribute.AT_MAC);
  if (!a) throw new EapDecodeError(8, "no AT_MAC to sign", "bad-value");
  packet.set(akaMac(kAut, packet, a.offset), a.offset + 4);
  return packet;
}

/** Whether the packet carries an AT_MAC that verifies with K_aut (false for undecodable packets). */
export function verifyAkaMac(packet: Uint8Array, kAut: Uint8Array): boolean {
  let a: ReturnType<typeof attribute>;
  try {
    a = attribute(decodeEap(packet), AkaAttribute.AT_MAC);
  } catch {
    return false;
  }
  if (a?.value.length !== 18) return false;
  return equalBytes(akaMac(kAut, packet, a.offset), a.value.subarray(2));
}

/** AT_CHECKCODE value: SHA-1 over the AKA-Identity requests and responses of this exchange, in order (RFC 4187 §10.13). */
export function checkcode(identityMessages: readonly Uint8Array[]): Uint8Array {
  if (identityMessages.length === 0) return new Uint8Array(0);
  const h = createHash("sha1");
  for (const m of identityMessages) h.update(m);
  return new Uint8Array(h.digest());
}
