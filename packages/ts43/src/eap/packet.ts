/** EAP (RFC 3748) and EAP-AKA (RFC 4187) packet encoding. Decoding is total: bad input throws EapDecodeError. */

export const EapCode = { Request: 1, Response: 2, Success: 3, Failure: 4 } as const;
export const EAP_TYPE_AKA = 23;

export const AkaSubtype = {
  Challenge: 1,
  AuthenticationReject: 2,
  SynchronizationFailure: 4,
  Identity: 5,
  Notification: 12,
  Reauthentication: 13,
  ClientError: 14,
} as const;

/** Attribute types (RFC 4187 §11); 0–127 non-skippable, 128–255 skippable. */
export const AkaAttribute = {
  AT_RAND: 1,
  AT_AUTN: 2,
  AT_RES: 3,
  AT_AUTS: 4,
  AT_PADDING: 6,
  AT_PERMANENT_ID_REQ: 10,
  AT_MAC: 11,
  AT_NOTIFICATION: 12,
  AT_ANY_ID_REQ: 13,
  AT_IDENTITY: 14,
  AT_FULLAUTH_ID_REQ: 17,
  AT_COUNTER: 19,
  AT_CLIENT_ERROR_CODE: 22,
  AT_CHECKCODE: 134,
  AT_RESULT_IND: 135,
} as const;

const KNOWN = new Set<number>(Object.values(AkaAttribute));

export class EapDecodeError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`EAP decode error at offset ${offset}: ${reason}`);
    this.name = "EapDecodeError";
  }
}

export interface EapAttribute {
  type: number;
  /** Offset of the attribute in the packet (used to zero AT_MAC). */
  offset: number;
  /** The attribute's value octets (after type and length). */
  value: Uint8Array;
}

export interface EapPacket {
  code: number;
  identifier: number;
  /** EAP type (23 for AKA) of requests and responses. */
  type?: number;
  subtype?: number;
  attributes: EapAttribute[];
  /** The whole packet as received. */
  raw: Uint8Array;
}

/** Decodes an EAP packet; for EAP-AKA also its subtype and attributes. */
export function decodeEap(bytes: Uint8Array): EapPacket {
  if (bytes.length < 4) throw new EapDecodeError(0, "shorter than the EAP header");
  const code = bytes[0]!;
  const identifier = bytes[1]!;
  const length = (bytes[2]! << 8) | bytes[3]!;
  if (length !== bytes.length) throw new EapDecodeError(2, `length field ${length} but ${bytes.length} octets`);
  if (code < 1 || code > 4) throw new EapDecodeError(0, `unknown EAP code ${code}`);
  if (code === EapCode.Success || code === EapCode.Failure) {
    if (length !== 4) throw new EapDecodeError(2, "Success/Failure must be 4 octets");
    return { code, identifier, attributes: [], raw: bytes };
  }
  if (length < 5) throw new EapDecodeError(4, "missing EAP type");
  const type = bytes[4]!;
  if (type !== EAP_TYPE_AKA) return { code, identifier, type, attributes: [], raw: bytes };
  if (length < 8) throw new EapDecodeError(5, "missing EAP-AKA subtype");
  const subtype = bytes[5]!;
  const attributes: EapAttribute[] = [];
  let at = 8;
  while (at < length) {
    if (at + 2 > length) throw new EapDecodeError(at, "truncated attribute header");
    const t = bytes[at]!;
    const words = bytes[at + 1]!;
    if (words === 0) throw new EapDecodeError(at + 1, "attribute length 0");
    const end = at + words * 4;
    if (end > length) throw new EapDecodeError(at + 1, `attribute ${t} overruns the packet`);
    if (!KNOWN.has(t) && t < 128) throw new EapDecodeError(at, `unknown non-skippable attribute ${t}`);
    attributes.push({ type: t, offset: at, value: bytes.subarray(at + 2, end) });
    at = end;
  }
  return { code, identifier, type, subtype, attributes, raw: bytes };
}

export function attribute(packet: EapPacket, type: number): EapAttribute | undefined {
  return packet.attributes.find((a) => a.type === type);
}

/** A fixed-size attribute value (AT_RAND, AT_AUTN, AT_MAC: 2 reserved octets then `size` octets). */
export function fixedValue(packet: EapPacket, type: number, size: number): Uint8Array | undefined {
  const a = attribute(packet, type);
  if (!a) return undefined;
  if (a.value.length !== size + 2) throw new EapDecodeError(a.offset + 1, `attribute ${type} has the wrong length`);
  return a.value.subarray(2);
}

/** AT_RES: 2 octets of RES length in bits, then RES, padded. */
export function resValue(packet: EapPacket): Uint8Array | undefined {
  const a = attribute(packet, AkaAttribute.AT_RES);
  if (!a) return undefined;
  const bits = (a.value[0]! << 8) | a.value[1]!;
  if (bits < 32 || bits > 128 || bits % 8 !== 0 || bits / 8 > a.value.length - 2)
    throw new EapDecodeError(a.offset + 2, `AT_RES length ${bits} bits is invalid`);
  return a.value.subarray(2, 2 + bits / 8);
}

/** AT_IDENTITY: 2 octets of identity length, then the identity, padded. */
export function identityValue(packet: EapPacket): string | undefined {
  const a = attribute(packet, AkaAttribute.AT_IDENTITY);
  if (!a) return undefined;
  const n = (a.value[0]! << 8) | a.value[1]!;
  if (n > a.value.length - 2) throw new EapDecodeError(a.offset + 2, "AT_IDENTITY length overruns");
  return Buffer.from(a.value.subarray(2, 2 + n)).toString("utf8");
}

export interface AttributeInput {
  type: number;
  /** The value after the type and length octets, unpadded (padding to a 4-octet boundary is added). */
  value: Uint8Array;
}

export const attr = {
  rand: (rand: Uint8Array): AttributeInput => ({ type: AkaAttribute.AT_RAND, value: concat(new Uint8Array(2), rand) }),
  autn: (autn: Uint8Array): AttributeInput => ({ type: AkaAttribute.AT_AUTN, value: concat(new Uint8Array(2), autn) }),
  mac: (mac: Uint8Array = new Uint8Array(16)): AttributeInput => ({
    type: AkaAttribute.AT_MAC,
    value: concat(new Uint8Array(2), mac),
  }),
  res: (res: Uint8Array): AttributeInput => ({ type: AkaAttribute.AT_RES, value: concat(u16(res.length * 8), res) }),
  auts: (auts: Uint8Array): AttributeInput => ({ type: AkaAttribute.AT_AUTS, value: auts }),
  identity: (id: string): AttributeInput => {
    const b = new Uint8Array(Buffer.from(id, "utf8"));
    return { type: AkaAttribute.AT_IDENTITY, value: concat(u16(b.length), b) };
  },
  permanentIdReq: (): AttributeInput => ({ type: AkaAttribute.AT_PERMANENT_ID_REQ, value: new Uint8Array(2) }),
  clientErrorCode: (code: number): AttributeInput => ({ type: AkaAttribute.AT_CLIENT_ERROR_CODE, value: u16(code) }),
  notification: (code: number): AttributeInput => ({ type: AkaAttribute.AT_NOTIFICATION, value: u16(code) }),
};

function u16(n: number): Uint8Array {
  return new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Encodes an EAP-AKA request or response; attribute values are padded to 4-octet boundaries. */
export function encodeAka(
  code: 1 | 2,
  identifier: number,
  subtype: number,
  attributes: AttributeInput[] = [],
): Uint8Array {
  const encoded = attributes.map((a) => {
    const total = Math.ceil((a.value.length + 2) / 4) * 4;
    if (total > 255 * 4) throw new RangeError(`attribute ${a.type} is too long`);
    const out = new Uint8Array(total);
    out[0] = a.type;
    out[1] = total / 4;
    out.set(a.value, 2);
    return out;
  });
  const body = concat(...encoded);
  const length = 8 + body.length;
  const out = new Uint8Array(length);
  out.set([code, identifier & 0xff, length >> 8, length & 0xff, EAP_TYPE_AKA, subtype, 0, 0]);
  out.set(body, 8);
  return out;
}

/** EAP-Success or EAP-Failure. */
export function encodeEapResult(code: 3 | 4, identifier: number): Uint8Array {
  return new Uint8Array([code, identifier & 0xff, 0, 4]);
}
