/**
 * EAP (RFC 3748) and EAP-AKA (RFC 4187) packet encoding. Decoding is total: any byte string either decodes or
 * throws {@link EapDecodeError} (or, with {@link tryDecodeEap}, returns it) — never another exception.
 */

export const EapCode = { Request: 1, Response: 2, Success: 3, Failure: 4 } as const;
export const EAP_TYPE_AKA = 23;

/** EAP-AKA subtypes (RFC 4187 §11). */
export const AkaSubtype = {
  Challenge: 1,
  AuthenticationReject: 2,
  SynchronizationFailure: 4,
  Identity: 5,
  Notification: 12,
  Reauthentication: 13,
  ClientError: 14,
} as const;

const SUBTYPES = new Set<number>(Object.values(AkaSubtype));

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
  AT_COUNTER_TOO_SMALL: 20,
  AT_NONCE_S: 21,
  AT_CLIENT_ERROR_CODE: 22,
  AT_IV: 129,
  AT_ENCR_DATA: 130,
  AT_NEXT_PSEUDONYM: 132,
  AT_NEXT_REAUTH_ID: 133,
  AT_CHECKCODE: 134,
  AT_RESULT_IND: 135,
} as const;

const KNOWN = new Set<number>(Object.values(AkaAttribute));

/** Attribute sizes in 4-octet words (RFC 4187 §10): exact values, or [min, max]. */
const WORDS: Readonly<Record<number, number | readonly [number, number]>> = {
  [AkaAttribute.AT_RAND]: 5,
  [AkaAttribute.AT_AUTN]: 5,
  [AkaAttribute.AT_RES]: [2, 5],
  [AkaAttribute.AT_AUTS]: 4,
  [AkaAttribute.AT_PADDING]: [1, 3],
  [AkaAttribute.AT_PERMANENT_ID_REQ]: 1,
  [AkaAttribute.AT_MAC]: 5,
  [AkaAttribute.AT_NOTIFICATION]: 1,
  [AkaAttribute.AT_ANY_ID_REQ]: 1,
  [AkaAttribute.AT_FULLAUTH_ID_REQ]: 1,
  [AkaAttribute.AT_COUNTER]: 1,
  [AkaAttribute.AT_COUNTER_TOO_SMALL]: 1,
  [AkaAttribute.AT_NONCE_S]: 5,
  [AkaAttribute.AT_CLIENT_ERROR_CODE]: 1,
  [AkaAttribute.AT_IV]: 5,
  [AkaAttribute.AT_RESULT_IND]: 1,
};

/** Client error codes (RFC 4187 §10.20). */
export const AkaClientError = { UnableToProcess: 0 } as const;

/** Notification codes (RFC 4187 §10.19): S bit 0x8000 (success), P bit 0x4000 (before the challenge). */
export const AkaNotification = {
  GeneralFailureAfterAuthentication: 0,
  TemporarilyDenied: 1026,
  NotSubscribed: 1031,
  GeneralFailure: 16384,
  Success: 32768,
} as const;

export type EapDecodeErrorCode =
  | "truncated"
  | "length-mismatch"
  | "bad-code"
  | "bad-type"
  | "bad-subtype"
  | "bad-attribute-length"
  | "unknown-attribute"
  | "duplicate-attribute"
  | "bad-value";

export class EapDecodeError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
    readonly code: EapDecodeErrorCode = "bad-value",
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

function u16at(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function checkAttribute(t: number, words: number, value: Uint8Array, at: number): void {
  const size = WORDS[t];
  if (typeof size === "number" && words !== size)
    throw new EapDecodeError(at + 1, `attribute ${t} must be ${size * 4} octets`, "bad-attribute-length");
  if (Array.isArray(size) && (words < size[0] || words > size[1]))
    throw new EapDecodeError(at + 1, `attribute ${t} length ${words * 4} is out of range`, "bad-attribute-length");
  switch (t) {
    case AkaAttribute.AT_RES: {
      const bits = u16at(value, 0);
      if (bits < 32 || bits > 128 || Math.ceil(bits / 8) > value.length - 2)
        throw new EapDecodeError(at + 2, `AT_RES length ${bits} bits is invalid`);
      if (Math.ceil((4 + Math.ceil(bits / 8)) / 4) !== words)
        throw new EapDecodeError(at + 1, "AT_RES carries extra padding", "bad-attribute-length");
      return;
    }
    case AkaAttribute.AT_IDENTITY:
    case AkaAttribute.AT_NEXT_PSEUDONYM:
    case AkaAttribute.AT_NEXT_REAUTH_ID: {
      const n = u16at(value, 0);
      if (n > value.length - 2 || Math.ceil((4 + n) / 4) !== words)
        throw new EapDecodeError(at + 2, `attribute ${t} actual length ${n} does not fit`, "bad-attribute-length");
      return;
    }
    case AkaAttribute.AT_PADDING:
      if (value.some((b) => b !== 0)) throw new EapDecodeError(at + 2, "AT_PADDING must be zero");
      return;
    case AkaAttribute.AT_CHECKCODE:
      if (words !== 1 && words !== 6)
        throw new EapDecodeError(at + 1, "AT_CHECKCODE must be 4 or 24 octets", "bad-attribute-length");
      return;
    case AkaAttribute.AT_ENCR_DATA:
      if ((value.length - 2) % 16 !== 0 || value.length < 18)
        throw new EapDecodeError(at + 1, "AT_ENCR_DATA must hold whole AES blocks", "bad-attribute-length");
      return;
  }
}

/** Decodes an EAP packet; for EAP-AKA also its subtype and attributes (validated per RFC 4187 §10). */
export function decodeEap(bytes: Uint8Array): EapPacket {
  if (!(bytes instanceof Uint8Array)) throw new EapDecodeError(0, "not a byte array", "bad-value");
  if (bytes.length < 4) throw new EapDecodeError(0, "shorter than the EAP header", "truncated");
  const code = bytes[0]!;
  const identifier = bytes[1]!;
  const length = u16at(bytes, 2);
  if (length !== bytes.length)
    throw new EapDecodeError(2, `length field ${length} but ${bytes.length} octets`, "length-mismatch");
  if (code < 1 || code > 4) throw new EapDecodeError(0, `unknown EAP code ${code}`, "bad-code");
  if (code === EapCode.Success || code === EapCode.Failure) {
    if (length !== 4) throw new EapDecodeError(2, "Success/Failure must be 4 octets", "length-mismatch");
    return { code, identifier, attributes: [], raw: bytes };
  }
  if (length < 5) throw new EapDecodeError(4, "missing EAP type", "truncated");
  const type = bytes[4]!;
  if (type !== EAP_TYPE_AKA) return { code, identifier, type, attributes: [], raw: bytes };
  if (length < 8) throw new EapDecodeError(5, "missing EAP-AKA subtype", "truncated");
  const subtype = bytes[5]!;
  const attributes: EapAttribute[] = [];
  const seen = new Set<number>();
  let at = 8;
  while (at < length) {
    if (at + 2 > length) throw new EapDecodeError(at, "truncated attribute header", "truncated");
    const t = bytes[at]!;
    const words = bytes[at + 1]!;
    if (words === 0) throw new EapDecodeError(at + 1, "attribute length 0", "bad-attribute-length");
    const end = at + words * 4;
    if (end > length) throw new EapDecodeError(at + 1, `attribute ${t} overruns the packet`, "truncated");
    if (!KNOWN.has(t) && t < 128)
      throw new EapDecodeError(at, `unknown non-skippable attribute ${t}`, "unknown-attribute");
    if (seen.has(t)) throw new EapDecodeError(at, `attribute ${t} appears twice`, "duplicate-attribute");
    seen.add(t);
    const value = bytes.subarray(at + 2, end);
    if (KNOWN.has(t)) checkAttribute(t, words, value, at);
    attributes.push({ type: t, offset: at, value });
    at = end;
  }
  return { code, identifier, type, subtype, attributes, raw: bytes };
}

/** An EAP-AKA request or response: like {@link decodeEap}, but any other type, code or subtype is an error. */
export function decodeAka(bytes: Uint8Array): EapPacket & { type: 23; subtype: number } {
  const p = decodeEap(bytes);
  if (p.code !== EapCode.Request && p.code !== EapCode.Response)
    throw new EapDecodeError(0, `EAP code ${p.code} carries no EAP-AKA data`, "bad-code");
  if (p.type !== EAP_TYPE_AKA || p.subtype === undefined)
    throw new EapDecodeError(4, `EAP type ${p.type} is not EAP-AKA (23)`, "bad-type");
  if (!SUBTYPES.has(p.subtype)) throw new EapDecodeError(5, `unknown EAP-AKA subtype ${p.subtype}`, "bad-subtype");
  return p as EapPacket & { type: 23; subtype: number };
}

export type DecodeResult = { ok: true; packet: EapPacket } | { ok: false; error: EapDecodeError };

/** {@link decodeEap} without exceptions. */
export function tryDecodeEap(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, packet: decodeEap(bytes) };
  } catch (err) {
    if (err instanceof EapDecodeError) return { ok: false, error: err };
    return { ok: false, error: new EapDecodeError(0, String(err), "bad-value") };
  }
}

export function attribute(packet: EapPacket, type: number): EapAttribute | undefined {
  return packet.attributes.find((a) => a.type === type);
}

/** A fixed-size attribute value (AT_RAND, AT_AUTN, AT_MAC: 2 reserved octets then `size` octets). */
export function fixedValue(packet: EapPacket, type: number, size: number): Uint8Array | undefined {
  const a = attribute(packet, type);
  if (!a) return undefined;
  if (a.value.length !== size + 2)
    throw new EapDecodeError(a.offset + 1, `attribute ${type} has the wrong length`, "bad-attribute-length");
  return a.value.subarray(2);
}

/** AT_RES: 2 octets of RES length in bits, then RES, padded. */
export function resValue(packet: EapPacket): Uint8Array | undefined {
  const a = attribute(packet, AkaAttribute.AT_RES);
  if (!a) return undefined;
  const bits = u16at(a.value, 0);
  if (bits < 32 || bits > 128 || Math.ceil(bits / 8) > a.value.length - 2)
    throw new EapDecodeError(a.offset + 2, `AT_RES length ${bits} bits is invalid`);
  return a.value.subarray(2, 2 + Math.ceil(bits / 8));
}

/** AT_IDENTITY: 2 octets of identity length, then the identity, padded. */
export function identityValue(packet: EapPacket): string | undefined {
  const a = attribute(packet, AkaAttribute.AT_IDENTITY);
  if (!a) return undefined;
  const n = u16at(a.value, 0);
  if (n > a.value.length - 2) throw new EapDecodeError(a.offset + 2, "AT_IDENTITY length overruns");
  return Buffer.from(a.value.subarray(2, 2 + n)).toString("utf8");
}

/** The EAP-AKA attributes of a decoded packet as typed values. */
export interface AkaAttributes {
  rand?: Uint8Array;
  autn?: Uint8Array;
  res?: Uint8Array;
  /** RES length in bits as sent (RFC 4187 §10.8). */
  resBits?: number;
  auts?: Uint8Array;
  mac?: Uint8Array;
  identity?: string;
  /** Which identity an AKA-Identity request asks for. */
  identityRequest?: "permanent" | "any" | "fullauth";
  notification?: number;
  clientErrorCode?: number;
  /** AT_CHECKCODE: empty (no identity round) or a 20-octet SHA-1. */
  checkcode?: Uint8Array;
  resultIndication?: boolean;
  counter?: number;
  /** Skippable attributes this library does not interpret (AT_IV, AT_ENCR_DATA, …) by type. */
  skipped: number[];
}

/** Reads every known attribute of a packet from {@link decodeEap} (which already validated their sizes). */
export function readAka(packet: EapPacket): AkaAttributes {
  const out: AkaAttributes = { skipped: [] };
  for (const a of packet.attributes) {
    const v = a.value;
    switch (a.type) {
      case AkaAttribute.AT_RAND:
        out.rand = v.slice(2);
        break;
      case AkaAttribute.AT_AUTN:
        out.autn = v.slice(2);
        break;
      case AkaAttribute.AT_MAC:
        out.mac = v.slice(2);
        break;
      case AkaAttribute.AT_RES:
        out.resBits = u16at(v, 0);
        out.res = v.slice(2, 2 + Math.ceil(out.resBits / 8));
        break;
      case AkaAttribute.AT_AUTS:
        out.auts = v.slice(0, 14);
        break;
      case AkaAttribute.AT_IDENTITY:
        out.identity = Buffer.from(v.subarray(2, 2 + u16at(v, 0))).toString("utf8");
        break;
      case AkaAttribute.AT_PERMANENT_ID_REQ:
        out.identityRequest = "permanent";
        break;
      case AkaAttribute.AT_ANY_ID_REQ:
        out.identityRequest = "any";
        break;
      case AkaAttribute.AT_FULLAUTH_ID_REQ:
        out.identityRequest = "fullauth";
        break;
      case AkaAttribute.AT_NOTIFICATION:
        out.notification = u16at(v, 0);
        break;
      case AkaAttribute.AT_CLIENT_ERROR_CODE:
        out.clientErrorCode = u16at(v, 0);
        break;
      case AkaAttribute.AT_CHECKCODE:
        out.checkcode = v.slice(2);
        break;
      case AkaAttribute.AT_RESULT_IND:
        out.resultIndication = true;
        break;
      case AkaAttribute.AT_COUNTER:
        out.counter = u16at(v, 0);
        break;
      case AkaAttribute.AT_PADDING:
        break;
      default:
        out.skipped.push(a.type);
    }
  }
  return out;
}

export interface AttributeInput {
  type: number;
  /** The value after the type and length octets, unpadded (padding to a 4-octet boundary is added). */
  value: Uint8Array;
}

function fixed(type: number, value: Uint8Array, size: number, name: string): AttributeInput {
  if (value.length !== size) throw new RangeError(`${name} must be ${size} octets`);
  return { type, value: concat(new Uint8Array(2), value) };
}

/** Attribute builders for {@link encodeAka}. */
export const attr = {
  rand: (rand: Uint8Array): AttributeInput => fixed(AkaAttribute.AT_RAND, rand, 16, "RAND"),
  autn: (autn: Uint8Array): AttributeInput => fixed(AkaAttribute.AT_AUTN, autn, 16, "AUTN"),
  /** AT_MAC; zero until signed (see `signAka`). */
  mac: (mac: Uint8Array = new Uint8Array(16)): AttributeInput => fixed(AkaAttribute.AT_MAC, mac, 16, "MAC"),
  /** AT_RES with its length in bits (RFC 4187 §10.8): RES of 4–16 octets. */
  res: (res: Uint8Array): AttributeInput => {
    if (res.length < 4 || res.length > 16) throw new RangeError("RES must be 4–16 octets");
    return { type: AkaAttribute.AT_RES, value: concat(u16(res.length * 8), res) };
  },
  auts: (auts: Uint8Array): AttributeInput => {
    if (auts.length !== 14) throw new RangeError("AUTS must be 14 octets");
    return { type: AkaAttribute.AT_AUTS, value: new Uint8Array(auts) };
  },
  identity: (id: string): AttributeInput => {
    const b = new Uint8Array(Buffer.from(id, "utf8"));
    if (b.length > 1016) throw new RangeError("identity too long");
    return { type: AkaAttribute.AT_IDENTITY, value: concat(u16(b.length), b) };
  },
  permanentIdReq: (): AttributeInput => ({ type: AkaAttribute.AT_PERMANENT_ID_REQ, value: new Uint8Array(2) }),
  anyIdReq: (): AttributeInput => ({ type: AkaAttribute.AT_ANY_ID_REQ, value: new Uint8Array(2) }),
  fullauthIdReq: (): AttributeInput => ({ type: AkaAttribute.AT_FULLAUTH_ID_REQ, value: new Uint8Array(2) }),
  clientErrorCode: (code: number): AttributeInput => ({ type: AkaAttribute.AT_CLIENT_ERROR_CODE, value: u16(code) }),
  notification: (code: number): AttributeInput => ({ type: AkaAttribute.AT_NOTIFICATION, value: u16(code) }),
  /** AT_CHECKCODE: no argument for "no identity round" (4 octets), else the 20-octet SHA-1 of the round. */
  checkcode: (hash?: Uint8Array): AttributeInput => {
    if (hash && hash.length !== 20) throw new RangeError("checkcode must be 20 octets");
    return { type: AkaAttribute.AT_CHECKCODE, value: concat(new Uint8Array(2), hash ?? new Uint8Array(0)) };
  },
  resultInd: (): AttributeInput => ({ type: AkaAttribute.AT_RESULT_IND, value: new Uint8Array(2) }),
  /** AT_PADDING of 4, 8 or 12 octets. */
  padding: (octets: 4 | 8 | 12): AttributeInput => ({
    type: AkaAttribute.AT_PADDING,
    value: new Uint8Array(octets - 2),
  }),
};

function u16(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new RangeError(`${n} does not fit in 16 bits`);
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

/** Encodes an EAP-AKA request or response; attribute values are zero-padded to 4-octet boundaries. */
export function encodeAka(
  code: 1 | 2,
  identifier: number,
  subtype: number,
  attributes: AttributeInput[] = [],
): Uint8Array {
  if (code !== 1 && code !== 2) throw new RangeError("EAP-AKA packets are requests (1) or responses (2)");
  if (!Number.isInteger(identifier) || identifier < 0 || identifier > 255) throw new RangeError("identifier is 0–255");
  if (!Number.isInteger(subtype) || subtype < 0 || subtype > 255) throw new RangeError("subtype is 0–255");
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
  if (length > 0xffff) throw new RangeError("EAP packet too long");
  const out = new Uint8Array(length);
  out.set([code, identifier, length >> 8, length & 0xff, EAP_TYPE_AKA, subtype, 0, 0]);
  out.set(body, 8);
  return out;
}

/** EAP-Success or EAP-Failure. */
export function encodeEapResult(code: 3 | 4, identifier: number): Uint8Array {
  return new Uint8Array([code, identifier & 0xff, 0, 4]);
}
