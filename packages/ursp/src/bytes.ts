// Byte-level helpers shared by the codecs: a bounds-checked reader that raises UrspDecodeError with absolute
// offsets, a growable writer with length back-patching, and text forms (hex, IPv4/IPv6, MAC, UUID, labels, PLMN).
import { UrspDecodeError, UrspEncodeError } from "./errors.js";

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let s = "";
  for (let i = from; i < to; i++) s += HEX[bytes[i] as number];
  return s;
}

/** Parses hex text (whitespace, `0x` prefix and `:` separators allowed); undefined when it is not hex. */
export function parseHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/^0x/i, "").replace(/[\s:]/g, "");
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Reads one information element after another; `limit` is the end of the enclosing length-delimited container. */
export class Reader {
  pos: number;
  limit: number;
  /** True inside a length-delimited element: a shortfall there is a LENGTH_OVERRUN, at top level TRUNCATED. */
  framed = false;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    limit = buf.length,
  ) {
    this.pos = pos;
    this.limit = limit;
  }

  need(n: number, field: string): void {
    if (this.pos + n > this.limit) {
      if (!this.framed) {
        throw new UrspDecodeError(
          "TRUNCATED",
          this.pos,
          field,
          `input ends after ${this.buf.length - this.pos} of ${n} octets`,
        );
      }
      throw new UrspDecodeError(
        "LENGTH_OVERRUN",
        this.pos,
        field,
        `${n} octets needed but only ${this.limit - this.pos} left in the enclosing element`,
      );
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.pos++] as number;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = ((this.buf[this.pos] as number) << 8) | (this.buf[this.pos + 1] as number);
    this.pos += 2;
    return v;
  }

  u24(field: string): number {
    this.need(3, field);
    const b = this.buf;
    const p = this.pos;
    this.pos += 3;
    return ((b[p] as number) << 16) | ((b[p + 1] as number) << 8) | (b[p + 2] as number);
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (
      (b[p] as number) * 0x1000000 + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number))
    );
  }

  /**
   * Reads a length field of `size` octets and returns the end offset of the value it announces, checked against
   * the enclosing limit (LENGTH_OVERRUN when it claims more than the container holds, TRUNCATED when the input ends).
   */
  lengthEnd(size: 1 | 2, field: string): number {
    const at = this.pos;
    const len = size === 1 ? this.u8(field) : this.u16(field);
    const end = this.pos + len;
    if (end > this.limit) {
      if (!this.framed) {
        throw new UrspDecodeError(
          "TRUNCATED",
          at,
          field,
          `length ${len} but the input ends ${this.buf.length - this.pos} octets later`,
        );
      }
      throw new UrspDecodeError(
        "LENGTH_OVERRUN",
        at,
        field,
        `length ${len} exceeds the ${this.limit - this.pos} octets left in the enclosing element`,
      );
    }
    return end;
  }

  /** Enters a length-delimited element ending at `end`; returns the state to give back to `leave`. */
  enter(end: number): number {
    const saved = this.limit * 2 + (this.framed ? 1 : 0);
    this.limit = end;
    this.framed = true;
    return saved;
  }

  leave(saved: number): void {
    this.limit = Math.floor(saved / 2);
    this.framed = saved % 2 === 1;
  }

  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** Growable big-endian writer; `mark`/`patch16` back-fill length fields once their contents are written. */
export class Writer {
  buf: Uint8Array;
  pos = 0;
  constructor(size = 256) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for `n` more octets. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    if (this.pos + 2 > this.buf.length) this.grow(2);
    this.buf[this.pos++] = v >>> 8;
    this.buf[this.pos++] = v & 0xff;
  }

  u24(v: number): void {
    if (this.pos + 3 > this.buf.length) this.grow(3);
    this.buf[this.pos++] = (v >>> 16) & 0xff;
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  u32(v: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.buf[this.pos++] = (v >>> 24) & 0xff;
    this.buf[this.pos++] = (v >>> 16) & 0xff;
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** ASCII text (caller has checked the characters). */
  ascii(s: string): void {
    if (this.pos + s.length > this.buf.length) this.grow(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** Reserves a length field of `size` octets; returns its position. */
  mark(size: 1 | 2): number {
    const at = this.pos;
    if (size === 1) this.u8(0);
    else this.u16(0);
    return at;
  }

  /** Back-fills the length reserved at `at` with the number of octets written since; checks it fits. */
  patch(at: number, size: 1 | 2, path: string, what: string): void {
    const len = this.pos - at - size;
    const max = size === 1 ? 0xff : 0xffff;
    if (len > max) throw new UrspEncodeError("TOO_LONG", path, `${what} is ${len} octets, more than ${max}`);
    if (size === 1) this.buf[at] = len;
    else {
      this.buf[at] = len >>> 8;
      this.buf[at + 1] = len & 0xff;
    }
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text forms

export function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

export function bytesArePrintableAscii(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Decoded names (DNNs, OS App Ids, FQDNs) repeat across rules and policies: intern them by content so decoding
// does not rebuild the same short strings. Bounded: at most INTERN_MAX entries, strings up to 255 octets.
const INTERN_MAX = 4096;
const interned = new Map<number, string>();

/** Latin-1/ASCII text of b[from, to). */
export function asciiOf(b: Uint8Array, from: number, to: number): string {
  const n = to - from;
  if (n > 255) {
    let s = "";
    for (let i = from; i < to; i++) s += String.fromCharCode(b[i] as number);
    return s;
  }
  let h = 0x811c9dc5 ^ n;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  const hit = interned.get(h);
  if (hit !== undefined && hit.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (hit.charCodeAt(i) !== b[from + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit;
  }
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i] as number);
  if (interned.size >= INTERN_MAX) interned.clear();
  interned.set(h, s);
  return s;
}

const IPV4_RE =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses canonical dotted-decimal IPv4 text into a 32-bit unsigned number; undefined when not canonical. */
export function parseIpv4(s: string): number | undefined {
  const m = IPV4_RE.exec(s);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

export function formatIpv4(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** Parses IPv6 text (any valid form, no zone, optional embedded IPv4) into 16 octets. */
export function parseIpv6(s: string): Uint8Array | undefined {
  if (s.length < 2 || s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const out: number[] = [];
    const items = part.split(":");
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as string;
      if (item.includes(".")) {
        if (i !== items.length - 1) return undefined;
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
        out.push(Number.parseInt(item, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 2 && halves[1]?.includes(".") && head.length + tail.length > 7) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...Array<number>(8 - total).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[i * 2] = g >>> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  return out;
}

/** RFC 5952 canonical text of 16 octets at `at` (lowercase, longest run of ≥2 zero groups compressed). */
export function formatIpv6(b: Uint8Array, at = 0): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(((b[at + i * 2] as number) << 8) | (b[at + i * 2 + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(":");
  if (bestLen < 2) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Lowercase colon-separated MAC text into 6 octets; undefined when not canonical. */
export function parseMac(s: string): Uint8Array | undefined {
  if (!MAC_RE.test(s)) return undefined;
  return parseHex(s);
}

export function formatMac(b: Uint8Array, at: number): string {
  let s = HEX[b[at] as number] as string;
  for (let i = 1; i < 6; i++) s += `:${HEX[b[at + i] as number]}`;
  return s;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuidCache = new Map<string, Uint8Array>();

/** Lowercase canonical UUID text into its 16 octets in RFC 4122 network order; undefined when not canonical. */
export function parseUuid(s: string): Uint8Array | undefined {
  const hit = uuidCache.get(s);
  if (hit) return hit;
  if (!UUID_RE.test(s)) return undefined;
  const out = parseHex(s.replace(/-/g, "")) as Uint8Array;
  if (uuidCache.size < 1024) uuidCache.set(s, out);
  return out;
}

const lastUuidBytes = new Uint8Array(16);
let lastUuidText = "";

export function formatUuid(b: Uint8Array, at: number): string {
  if (lastUuidText !== "") {
    let same = true;
    for (let i = 0; i < 16; i++) {
      if (b[at + i] !== lastUuidBytes[i]) {
        same = false;
        break;
      }
    }
    if (same) return lastUuidText;
  }
  const h = toHex(b, at, at + 16);
  lastUuidBytes.set(b.subarray(at, at + 16));
  lastUuidText = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return lastUuidText;
}

// ---------------------------------------------------------------------------------------------------------------
// Length-prefixed labels (DNN per TS 23.003 §9.1, FQDN per TS 23.003 §28.3.2.1 / RFC 1035 without root label)

/** Checks dotted label text in one pass; returns an error message or undefined. */
export function checkLabels(name: string, maxTotal: number): string | undefined {
  const n = name.length;
  if (n === 0) return "must not be empty";
  let labelLength = 0;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLength === 0) return "has an empty label";
      labelLength = 0;
    } else if (c <= 0x20 || c > 0x7e) return "must be printable ASCII without spaces";
    else if (++labelLength > 63) return "has a label of more than 63 characters";
  }
  if (labelLength === 0) return "has an empty label";
  if (n + 1 > maxTotal) return `encodes to ${n + 1} octets (max ${maxTotal})`;
  return undefined;
}

/** Writes a checked dotted name as length-prefixed labels. */
export function writeLabels(w: Writer, name: string): void {
  const n = name.length;
  w.ensure(n + 1);
  const buf = w.buf;
  let lenAt = w.pos++;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 0x2e) {
      buf[lenAt] = w.pos - lenAt - 1;
      lenAt = w.pos++;
    } else buf[w.pos++] = c;
  }
  buf[lenAt] = w.pos - lenAt - 1;
}

const labelScratch = new Uint8Array(256);

/** Reads labels filling exactly [r.pos, end); errors name the offending label's offset. */
export function readLabels(r: Reader, end: number, field: string, maxTotal: number): string {
  const total = end - r.pos;
  if (total > maxTotal)
    throw new UrspDecodeError("INVALID_VALUE", r.pos, field, `${total} octets, more than ${maxTotal}`);
  if (total === 0) throw new UrspDecodeError("INVALID_VALUE", r.pos, field, "empty name");
  const b = r.buf;
  let n = 0;
  while (r.pos < end) {
    const at = r.pos;
    const len = b[r.pos++] as number;
    if (len === 0 || len > 63)
      throw new UrspDecodeError("INVALID_VALUE", at, `${field}.label`, `label length ${len} (must be 1..63)`);
    if (r.pos + len > end)
      throw new UrspDecodeError("LENGTH_OVERRUN", at, `${field}.label`, `label length ${len} runs past the name`);
    if (n > 0) labelScratch[n++] = 0x2e;
    for (let i = r.pos; i < r.pos + len; i++) {
      const c = b[i] as number;
      if (c <= 0x20 || c > 0x7e || c === 0x2e)
        throw new UrspDecodeError("INVALID_VALUE", i, `${field}.label`, `character 0x${HEX[c]} not allowed in a label`);
      labelScratch[n++] = c;
    }
    r.pos += len;
  }
  return asciiOf(labelScratch, 0, n);
}

// ---------------------------------------------------------------------------------------------------------------
// PLMN identity (MCC/MNC in BCD, TS 24.501 figure D.6.2.3 / TS 24.008 10.5.1.13)

const PLMN_RE = /^(\d{3})-(\d{2,3})$/;

export function checkPlmn(plmn: string): boolean {
  return PLMN_RE.test(plmn);
}

export function writePlmn(w: Writer, plmn: string, path: string): void {
  const m = PLMN_RE.exec(plmn);
  if (!m) throw new UrspEncodeError("INVALID_VALUE", path, `PLMN "${plmn}" is not MCC-MNC (e.g. "001-01")`);
  const mcc = m[1] as string;
  const mnc = m[2] as string;
  const d = (s: string, i: number) => s.charCodeAt(i) - 48;
  w.u8((d(mcc, 1) << 4) | d(mcc, 0));
  w.u8(((mnc.length === 3 ? d(mnc, 2) : 0xf) << 4) | d(mcc, 2));
  w.u8((d(mnc, 1) << 4) | d(mnc, 0));
}

export function readPlmn(r: Reader, field: string): string {
  r.need(3, field);
  const at = r.pos;
  const b = r.buf;
  const o1 = b[at] as number;
  const o2 = b[at + 1] as number;
  const o3 = b[at + 2] as number;
  const digits = [o1 & 0xf, o1 >> 4, o2 & 0xf, o3 & 0xf, o3 >> 4];
  const mnc3 = o2 >> 4;
  for (const [i, v] of digits.entries()) {
    if (v > 9)
      throw new UrspDecodeError("BAD_BCD", at + (i < 2 ? 0 : i < 3 ? 1 : 2), field, `BCD digit 0x${v.toString(16)}`);
  }
  if (mnc3 > 9 && mnc3 !== 0xf)
    throw new UrspDecodeError("BAD_BCD", at + 1, field, `MNC digit 3 is 0x${mnc3.toString(16)}`);
  r.pos += 3;
  const mcc = `${digits[0]}${digits[1]}${digits[2]}`;
  const mnc = `${digits[3]}${digits[4]}${mnc3 === 0xf ? "" : mnc3}`;
  return `${mcc}-${mnc}`;
}
