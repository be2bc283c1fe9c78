/** Byte helpers shared by the AKA and EAP code. */

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

export function fromHex(text: string, length?: number): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new RangeError(`not hex: ${text}`);
  const out = new Uint8Array(Buffer.from(text, "hex"));
  if (length !== undefined && out.length !== length)
    throw new RangeError(`expected ${length} octets, got ${out.length}`);
  return out;
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** A 48-bit SQN as 6 octets (big-endian). */
export function sqnBytes(sqn: bigint): Uint8Array {
  if (sqn < 0n || sqn >= 1n << 48n) throw new RangeError("SQN is 48 bits");
  const out = new Uint8Array(6);
  for (let i = 5, v = sqn; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

export function sqnValue(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Constant-time equality. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
