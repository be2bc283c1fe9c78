// Component tables of TS 24.526 Table 5.2.1: one row per traffic descriptor / route selection descriptor
// component type identifier, each with its JSON name, spec name, value encoder and value decoder.
import {
  asciiOf,
  bytesArePrintableAscii,
  checkLabels,
  checkPlmn,
  formatIpv4,
  formatIpv6,
  formatMac,
  formatUuid,
  isPrintableAscii,
  parseHex,
  parseIpv4,
  parseIpv6,
  parseMac,
  parseUuid,
  type Reader,
  readLabels,
  readPlmn,
  toHex,
  type Writer,
  writeLabels,
  writePlmn,
} from "./bytes.js";
import { UrspDecodeError, UrspEncodeError } from "./errors.js";
import type {
  ConnectionCapability,
  Ipv4Mask,
  Ipv6Prefix,
  LocationArea,
  OsAppIdValue,
  PortRange,
  RouteSelectionComponent,
  RouteSelectionComponentType,
  TrafficDescriptorComponent,
  TrafficDescriptorComponentType,
} from "./model.js";

/** TS 23.003 §9.1: an APN/DNN is at most 100 octets. */
export const DNN_MAX_OCTETS = 100;
/** RFC 1035: a domain name is at most 255 octets. */
export const FQDN_MAX_OCTETS = 255;

export interface ComponentCodec<C> {
  /** Component type identifier (first octet on the wire). */
  id: number;
  /** Name in TS 24.526 Table 5.2.1. */
  specName: string;
  /** The value has no octets (match-all, multi-access preference, …). */
  empty?: boolean;
  /** May appear at most once in its descriptor. */
  singleton?: boolean;
  /** Must be the only component of its descriptor. */
  alone?: boolean;
  encode(w: Writer, c: C, path: string): void;
  decode(r: Reader, field: string): C;
}

type Of<U, T> = Extract<U, { type: T }>;
type TdTable = { [T in TrafficDescriptorComponentType]: ComponentCodec<Of<TrafficDescriptorComponent, T>> };
type RsdTable = { [T in RouteSelectionComponentType]: ComponentCodec<Of<RouteSelectionComponent, T>> };

// ---------------------------------------------------------------------------------------------------------------
// Field checks for the encoder (they mirror the JSON schema, so encode() never writes a value decode() rejects)

/**
 * Joins a relative field/path to a parent. Decoders and encoders get "" from the rule codec, which adds the rule,
 * descriptor and component position only when it reports an error, so the hot path builds no strings.
 */
export function sub(parent: string, name: string, sep = "."): string {
  return parent === "" ? name : `${parent}${sep}${name}`;
}

function bad(path: string, detail: string): never {
  throw new UrspEncodeError("INVALID_VALUE", path, detail);
}

function uint(v: unknown, max: number, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    bad(path, `must be an integer ${min}..${max}, got ${JSON.stringify(v)}`);
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string") bad(path, `must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function ipv4(v: unknown, path: string): number {
  const n = parseIpv4(str(v, path));
  if (n === undefined) bad(path, `"${v}" is not canonical dotted-decimal IPv4`);
  return n;
}

function ipv6(v: unknown, path: string): Uint8Array {
  const b = parseIpv6(str(v, path));
  if (!b) bad(path, `"${v}" is not an IPv6 address`);
  const canonical = formatIpv6(b);
  if (canonical !== v) bad(path, `IPv6 address must be in RFC 5952 canonical form "${canonical}"`);
  return b;
}

function mac(v: unknown, path: string): Uint8Array {
  const b = parseMac(str(v, path));
  if (!b) bad(path, `"${v}" is not a lowercase colon-separated MAC address`);
  return b;
}

function fixedHex(v: unknown, digits: number, path: string): number {
  const s = str(v, path);
  let n = 0;
  let ok = s.length === digits;
  for (let i = 0; ok && i < digits; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n = n * 16 + (c - 0x30);
    else if (c >= 0x61 && c <= 0x66) n = n * 16 + (c - 0x57);
    else ok = false;
  }
  if (!ok) bad(path, `must be ${digits} lowercase hex digits, got "${s}"`);
  return n;
}

function labels(v: unknown, max: number, path: string): string {
  const s = str(v, path);
  const problem = checkLabels(s, max);
  if (problem) bad(path, `"${s}" ${problem}`);
  return s;
}

function writeOsAppId(w: Writer, c: OsAppIdValue, path: string): void {
  if (c.osAppId !== undefined) {
    const s = str(c.osAppId, sub(path, "osAppId", "/"));
    if (s.length === 0 || s.length > 255 || !isPrintableAscii(s))
      bad(sub(path, "osAppId", "/"), "must be 1..255 printable ASCII characters (use osAppIdHex for other octets)");
    w.u8(s.length);
    w.ascii(s);
    return;
  }
  const hex = str(c.osAppIdHex, sub(path, "osAppIdHex", "/"));
  const b = /^([0-9a-f]{2}){1,255}$/.test(hex) ? parseHex(hex) : undefined;
  if (!b) bad(sub(path, "osAppIdHex", "/"), "must be 1..255 octets of lowercase hex");
  if (bytesArePrintableAscii(b, 0, b.length))
    bad(sub(path, "osAppIdHex", "/"), `is printable ASCII; write it as osAppId "${asciiOf(b, 0, b.length)}"`);
  w.u8(b.length);
  w.bytes(b);
}

function readOsAppId(r: Reader, field: string): OsAppIdValue {
  const end = r.lengthEnd(1, sub(field, "osAppIdLength"));
  if (end === r.pos)
    throw new UrspDecodeError("INVALID_VALUE", r.pos - 1, sub(field, "osAppIdLength"), "OS App Id length 0");
  const from = r.pos;
  r.pos = end;
  return bytesArePrintableAscii(r.buf, from, end)
    ? { osAppId: asciiOf(r.buf, from, end) }
    : { osAppIdHex: toHex(r.buf, from, end) };
}

function writeIpv4Mask(w: Writer, c: Ipv4Mask, path: string): void {
  w.u32(ipv4(c.address, sub(path, "address", "/")));
  w.u32(ipv4(c.mask, sub(path, "mask", "/")));
}

function readIpv4Mask(r: Reader, field: string): Ipv4Mask {
  r.need(8, field);
  const at = r.pos;
  r.pos += 8;
  return { address: formatIpv4(r.buf, at), mask: formatIpv4(r.buf, at + 4) };
}

function writeIpv6Prefix(w: Writer, c: Ipv6Prefix, path: string): void {
  w.bytes(ipv6(c.address, sub(path, "address", "/")));
  w.u8(uint(c.prefixLength, 128, sub(path, "prefixLength", "/")));
}

function readIpv6Prefix(r: Reader, field: string): Ipv6Prefix {
  r.need(17, field);
  const at = r.pos;
  const prefixLength = r.buf[at + 16] as number;
  if (prefixLength > 128)
    throw new UrspDecodeError(
      "INVALID_VALUE",
      at + 16,
      sub(field, "prefixLength"),
      `prefix length ${prefixLength} > 128`,
    );
  r.pos += 17;
  return { address: formatIpv6(r.buf, at), prefixLength };
}

function writePortRange(w: Writer, c: PortRange, path: string): void {
  const low = uint(c.low, 0xffff, sub(path, "low", "/"));
  const high = uint(c.high, 0xffff, sub(path, "high", "/"));
  if (low > high) bad(path, `port range low ${low} is above high ${high}`);
  w.u16(low);
  w.u16(high);
}

function readPortRange(r: Reader, field: string): PortRange {
  const at = r.pos;
  const low = r.u16(sub(field, "low"));
  const high = r.u16(sub(field, "high"));
  if (low > high) throw new UrspDecodeError("INVALID_VALUE", at, field, `port range low ${low} is above high ${high}`);
  return { low, high };
}

const CAPABILITY_NAMES: Record<number, ConnectionCapability> = { 1: "ims", 2: "mms", 4: "supl", 8: "internet" };
const CAPABILITY_VALUES: Record<string, number> = { ims: 1, mms: 2, supl: 4, internet: 8 };

// IP 3 tuple bitmap (TS 24.526 Table 5.2.1, Rel-17)
const T3_IPV4 = 0x01;
const T3_IPV6 = 0x02;
const T3_PROTO = 0x04;
const T3_PORT = 0x08;
const T3_RANGE = 0x10;

function pcpDei(): ComponentCodec<{ type: "ctagPcpDei" | "stagPcpDei"; pcp: number; dei: boolean }> {
  return {
    id: 0,
    specName: "",
    encode(w, c, path) {
      const pcp = uint(c.pcp, 7, sub(path, "pcp", "/"));
      if (typeof c.dei !== "boolean") bad(sub(path, "dei", "/"), "must be a boolean");
      w.u8((pcp << 1) | (c.dei ? 1 : 0));
    },
    decode(r, field) {
      const v = r.u8(field);
      return { type: "ctagPcpDei", pcp: (v >> 1) & 7, dei: (v & 1) === 1 };
    },
  };
}

function vid(): ComponentCodec<{ type: "ctagVid" | "stagVid"; vid: number }> {
  return {
    id: 0,
    specName: "",
    encode(w, c, path) {
      w.u16(uint(c.vid, 0xfff, sub(path, "vid", "/")));
    },
    decode(r, field) {
      return { type: "ctagVid", vid: r.u16(field) & 0xfff };
    },
  };
}

function retag<C extends { type: string }, T extends string>(
  base: ComponentCodec<C>,
  id: number,
  specName: string,
  type: T,
): ComponentCodec<Omit<C, "type"> & { type: T }> {
  return {
    id,
    specName,
    encode: (w, c, path) => base.encode(w, c as unknown as C, path),
    decode: (r, field) => ({ ...base.decode(r, field), type }) as Omit<C, "type"> & { type: T },
  };
}

/** Traffic descriptor component types of TS 24.526 Table 5.2.1. */
export const TRAFFIC_DESCRIPTOR_COMPONENTS: TdTable = {
  matchAll: {
    id: 0x01,
    specName: "Match-all type",
    empty: true,
    alone: true,
    encode() {},
    decode: () => ({ type: "matchAll" }),
  },
  osIdOsAppId: {
    id: 0x08,
    specName: "OS Id + OS App Id type",
    encode(w, c, path) {
      const id = parseUuid(str(c.osId, sub(path, "osId", "/")));
      if (!id) bad(sub(path, "osId", "/"), `"${c.osId}" is not a lowercase UUID`);
      w.bytes(id);
      writeOsAppId(w, c, path);
    },
    decode(r, field) {
      r.need(16, sub(field, "osId"));
      const osId = formatUuid(r.buf, r.pos);
      r.pos += 16;
      const app = readOsAppId(r, field);
      return app.osAppId !== undefined
        ? { type: "osIdOsAppId", osId, osAppId: app.osAppId }
        : { type: "osIdOsAppId", osId, osAppIdHex: app.osAppIdHex };
    },
  },
  osAppId: {
    id: 0xa0,
    specName: "OS App Id type",
    encode: (w, c, path) => writeOsAppId(w, c, path),
    decode: (r, field) => ({ type: "osAppId", ...readOsAppId(r, field) }),
  },
  ipv4RemoteAddress: {
    id: 0x10,
    specName: "IPv4 remote address type",
    encode: (w, c, path) => writeIpv4Mask(w, c, path),
    decode: (r, field) => ({ type: "ipv4RemoteAddress", ...readIpv4Mask(r, field) }),
  },
  ipv6RemoteAddressPrefix: {
    id: 0x21,
    specName: "IPv6 remote address/prefix length type",
    encode: (w, c, path) => writeIpv6Prefix(w, c, path),
    decode: (r, field) => ({ type: "ipv6RemoteAddressPrefix", ...readIpv6Prefix(r, field) }),
  },
  protocolIdNextHeader: {
    id: 0x30,
    specName: "Protocol identifier/next header type",
    encode: (w, c, path) => w.u8(uint(c.value, 0xff, sub(path, "value", "/"))),
    decode: (r, field) => ({ type: "protocolIdNextHeader", value: r.u8(field) }),
  },
  singleRemotePort: {
    id: 0x50,
    specName: "Single remote port type",
    encode: (w, c, path) => w.u16(uint(c.port, 0xffff, sub(path, "port", "/"))),
    decode: (r, field) => ({ type: "singleRemotePort", port: r.u16(field) }),
  },
  remotePortRange: {
    id: 0x51,
    specName: "Remote port range type",
    encode: (w, c, path) => writePortRange(w, c, path),
    decode: (r, field) => ({ type: "remotePortRange", ...readPortRange(r, field) }),
  },
  ip3Tuple: {
    id: 0x52,
    specName: "IP 3 tuple type",
    encode(w, c, path) {
      const bitmap =
        (c.ipv4 !== undefined ? T3_IPV4 : 0) |
        (c.ipv6 !== undefined ? T3_IPV6 : 0) |
        (c.protocol !== undefined ? T3_PROTO : 0) |
        (c.port !== undefined ? T3_PORT : 0) |
        (c.portRange !== undefined ? T3_RANGE : 0);
      if (bitmap === 0) bad(path, "IP 3 tuple needs at least one field");
      if ((bitmap & (T3_IPV4 | T3_IPV6)) === (T3_IPV4 | T3_IPV6))
        bad(path, "IP 3 tuple cannot hold both IPv4 and IPv6");
      if ((bitmap & (T3_PORT | T3_RANGE)) === (T3_PORT | T3_RANGE))
        bad(path, "IP 3 tuple cannot hold both a port and a port range");
      w.u8(bitmap);
      if (c.ipv4 !== undefined) writeIpv4Mask(w, c.ipv4, sub(path, "ipv4", "/"));
      if (c.ipv6 !== undefined) writeIpv6Prefix(w, c.ipv6, sub(path, "ipv6", "/"));
      if (c.protocol !== undefined) w.u8(uint(c.protocol, 0xff, sub(path, "protocol", "/")));
      if (c.port !== undefined) w.u16(uint(c.port, 0xffff, sub(path, "port", "/")));
      if (c.portRange !== undefined) writePortRange(w, c.portRange, sub(path, "portRange", "/"));
    },
    decode(r, field) {
      const at = r.pos;
      const bitmap = r.u8(sub(field, "bitmap"));
      const fail = (detail: string) => {
        throw new UrspDecodeError("INVALID_VALUE", at, sub(field, "bitmap"), detail);
      };
      if ((bitmap & 0x1f) === 0) fail("IP 3 tuple bitmap selects no field");
      if ((bitmap & (T3_IPV4 | T3_IPV6)) === (T3_IPV4 | T3_IPV6)) fail("IP 3 tuple bitmap selects both IPv4 and IPv6");
      if ((bitmap & (T3_PORT | T3_RANGE)) === (T3_PORT | T3_RANGE)) fail("IP 3 tuple bitmap selects port and range");
      const out: Of<TrafficDescriptorComponent, "ip3Tuple"> = { type: "ip3Tuple" };
      if (bitmap & T3_IPV4) out.ipv4 = readIpv4Mask(r, sub(field, "ipv4"));
      if (bitmap & T3_IPV6) out.ipv6 = readIpv6Prefix(r, sub(field, "ipv6"));
      if (bitmap & T3_PROTO) out.protocol = r.u8(sub(field, "protocol"));
      if (bitmap & T3_PORT) out.port = r.u16(sub(field, "port"));
      if (bitmap & T3_RANGE) out.portRange = readPortRange(r, sub(field, "portRange"));
      return out;
    },
  },
  securityParameterIndex: {
    id: 0x60,
    specName: "Security parameter index type",
    encode: (w, c, path) => w.u32(uint(c.spi, 0xffffffff, sub(path, "spi", "/"))),
    decode: (r, field) => ({ type: "securityParameterIndex", spi: r.u32(field) }),
  },
  typeOfServiceTrafficClass: {
    id: 0x70,
    specName: "Type of service/traffic class type",
    encode(w, c, path) {
      w.u8(uint(c.value, 0xff, sub(path, "value", "/")));
      w.u8(uint(c.mask, 0xff, sub(path, "mask", "/")));
    },
    decode: (r, field) => ({
      type: "typeOfServiceTrafficClass",
      value: r.u8(sub(field, "value")),
      mask: r.u8(sub(field, "mask")),
    }),
  },
  flowLabel: {
    id: 0x80,
    specName: "Flow label type",
    encode: (w, c, path) => w.u24(uint(c.label, 0xfffff, sub(path, "label", "/"))),
    decode: (r, field) => ({ type: "flowLabel", label: r.u24(field) & 0xfffff }),
  },
  destinationMacAddress: {
    id: 0x81,
    specName: "Destination MAC address type",
    encode: (w, c, path) => w.bytes(mac(c.address, sub(path, "address", "/"))),
    decode(r, field) {
      r.need(6, field);
      const address = formatMac(r.buf, r.pos);
      r.pos += 6;
      return { type: "destinationMacAddress", address };
    },
  },
  ctagVid: retag(vid(), 0x83, "802.1Q C-TAG VID type", "ctagVid"),
  stagVid: retag(vid(), 0x84, "802.1Q S-TAG VID type", "stagVid"),
  ctagPcpDei: retag(pcpDei(), 0x85, "802.1Q C-TAG PCP/DEI type", "ctagPcpDei"),
  stagPcpDei: retag(pcpDei(), 0x86, "802.1Q S-TAG PCP/DEI type", "stagPcpDei"),
  ethertype: {
    id: 0x87,
    specName: "Ethertype type",
    encode: (w, c, path) => w.u16(uint(c.value, 0xffff, sub(path, "value", "/"))),
    decode: (r, field) => ({ type: "ethertype", value: r.u16(field) }),
  },
  dnn: {
    id: 0x88,
    specName: "DNN type",
    encode(w, c, path) {
      const dnn = labels(c.dnn, DNN_MAX_OCTETS, sub(path, "dnn", "/"));
      w.u8(dnn.length + 1);
      writeLabels(w, dnn);
    },
    decode(r, field) {
      const end = r.lengthEnd(1, sub(field, "length"));
      return { type: "dnn", dnn: readLabels(r, end, sub(field, "dnn"), DNN_MAX_OCTETS) };
    },
  },
  connectionCapabilities: {
    id: 0x90,
    specName: "Connection capabilities type",
    encode(w, c, path) {
      const caps = c.capabilities;
      if (!Array.isArray(caps) || caps.length === 0 || caps.length > 255)
        bad(sub(path, "capabilities", "/"), "must list 1..255 connection capabilities");
      w.u8(caps.length);
      for (let i = 0; i < caps.length; i++) {
        const cap = caps[i];
        const p = () => sub(path, `capabilities/${i}`, "/");
        if (typeof cap === "string") {
          const v = CAPABILITY_VALUES[cap];
          if (v === undefined) bad(p(), `unknown connection capability "${cap}"`);
          w.u8(v);
        } else {
          if (typeof cap !== "number" || !Number.isInteger(cap) || cap < 0 || cap > 255)
            bad(p(), `must be a capability name or an integer 0..255, got ${JSON.stringify(cap)}`);
          if (CAPABILITY_NAMES[cap] !== undefined) bad(p(), `write ${cap} by its name "${CAPABILITY_NAMES[cap]}"`);
          w.u8(cap);
        }
      }
    },
    decode(r, field) {
      const at = r.pos;
      const n = r.u8(sub(field, "count"));
      if (n === 0) throw new UrspDecodeError("INVALID_VALUE", at, sub(field, "count"), "no connection capability");
      r.need(n, sub(field, "capabilities"));
      const capabilities: ConnectionCapability[] = [];
      for (let i = 0; i < n; i++) {
        const v = r.buf[r.pos++] as number;
        capabilities.push(CAPABILITY_NAMES[v] ?? v);
      }
      return { type: "connectionCapabilities", capabilities };
    },
  },
  destinationFqdn: {
    id: 0x91,
    specName: "Destination FQDN",
    encode(w, c, path) {
      const fqdn = labels(c.fqdn, FQDN_MAX_OCTETS, sub(path, "fqdn", "/"));
      w.u8(fqdn.length + 1);
      writeLabels(w, fqdn);
    },
    decode(r, field) {
      const end = r.lengthEnd(1, sub(field, "length"));
      return { type: "destinationFqdn", fqdn: readLabels(r, end, sub(field, "fqdn"), FQDN_MAX_OCTETS) };
    },
  },
  regularExpression: {
    id: 0x92,
    specName: "Regular expression type",
    encode(w, c, path) {
      const s = str(c.regex, sub(path, "regex", "/"));
      if (s.length === 0 || s.length > 255 || !isPrintableAscii(s))
        bad(sub(path, "regex", "/"), "must be 1..255 printable ASCII characters");
      w.u8(s.length);
      w.ascii(s);
    },
    decode(r, field) {
      const end = r.lengthEnd(1, sub(field, "length"));
      const from = r.pos;
      if (end === from)
        throw new UrspDecodeError("INVALID_VALUE", from - 1, sub(field, "length"), "empty regular expression");
      if (!bytesArePrintableAscii(r.buf, from, end))
        throw new UrspDecodeError(
          "INVALID_VALUE",
          from,
          sub(field, "regex"),
          "regular expression is not printable ASCII",
        );
      r.pos = end;
      return { type: "regularExpression", regex: asciiOf(r.buf, from, end) };
    },
  },
  destinationMacAddressRange: {
    id: 0xa1,
    specName: "Destination MAC address range type",
    encode(w, c, path) {
      const low = mac(c.low, sub(path, "low", "/"));
      const high = mac(c.high, sub(path, "high", "/"));
      if (c.low > c.high) bad(path, `MAC range low ${c.low} is above high ${c.high}`);
      w.bytes(low);
      w.bytes(high);
    },
    decode(r, field) {
      r.need(12, field);
      const low = formatMac(r.buf, r.pos);
      const high = formatMac(r.buf, r.pos + 6);
      if (low > high)
        throw new UrspDecodeError("INVALID_VALUE", r.pos, field, `MAC range low ${low} is above high ${high}`);
      r.pos += 12;
      return { type: "destinationMacAddressRange", low, high };
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Route selection descriptor components

const PDU_SESSION_TYPES = ["ipv4", "ipv6", "ipv4v6", "unstructured", "ethernet"] as const;
const ACCESS_TYPES = ["3gpp", "non-3gpp"] as const;

// NTP era 0: seconds since 1900-01-01T00:00:00Z
const NTP_UNIX_OFFSET = 2_208_988_800;
const TIME_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

function writeNtp(w: Writer, iso: unknown, path: string): void {
  const s = str(iso, path);
  const m = TIME_RE.exec(s);
  const ms = m ? Date.parse(`${m[1]}Z`) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== m[1])
    bad(path, `"${s}" is not a UTC date-time like 2025-06-01T08:00:00Z`);
  const frac = m[2];
  if (frac?.endsWith("0")) bad(path, "fractional seconds must not end in 0");
  const seconds = ms / 1000 + NTP_UNIX_OFFSET;
  if (seconds < 0 || seconds > 0xffffffff) bad(path, "outside NTP era 0 (1900-01-01 to 2036-02-07)");
  const nanos = frac ? Number(frac.padEnd(9, "0")) : 0;
  w.u32(seconds);
  w.u32(Math.round((nanos * 2 ** 32) / 1e9));
}

function readNtp(r: Reader, field: string): string {
  const seconds = r.u32(sub(field, "seconds"));
  const fraction = r.u32(sub(field, "fraction"));
  let nanos = Math.round((fraction * 1e9) / 2 ** 32);
  let secs = seconds - NTP_UNIX_OFFSET;
  if (nanos === 1e9) {
    nanos = 0;
    secs += 1;
  }
  const base = new Date(secs * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${base}Z`;
  return `${base}.${String(nanos).padStart(9, "0").replace(/0+$/, "")}Z`;
}

const AREA_TYPES = { eutraCells: 1, nrCells: 2, globalRanNodes: 3, tais: 4 } as const;

function writeArea(w: Writer, a: LocationArea, path: string): void {
  const code = AREA_TYPES[a.areaType];
  if (code === undefined) bad(sub(path, "areaType", "/"), `unknown location area type ${JSON.stringify(a.areaType)}`);
  w.u8(code);
  const list = a.areaType === "globalRanNodes" ? a.nodes : a.areaType === "tais" ? a.tais : a.cells;
  const listPath = sub(path, a.areaType === "globalRanNodes" ? "nodes" : a.areaType === "tais" ? "tais" : "cells", "/");
  if (!Array.isArray(list) || list.length === 0) bad(listPath, "must list at least one entry");
  if (a.areaType === "tais") {
    // 5GS tracking area identity list (TS 24.501 §9.11.3.9) value: partial lists of type 00 (one PLMN,
    // non-consecutive TACs), one per run of TAIs with the same PLMN, at most 16 TACs each.
    const runs: { plmn: string; tacs: number[] }[] = [];
    a.tais.forEach((t, i) => {
      const p = sub(path, `tais/${i}`, "/");
      if (!checkPlmn(str(t.plmn, `${p}/plmn`))) bad(`${p}/plmn`, `"${t.plmn}" is not MCC-MNC`);
      const tac = fixedHex(t.tac, 6, `${p}/tac`);
      const last = runs[runs.length - 1];
      if (last && last.plmn === t.plmn && last.tacs.length < 16) last.tacs.push(tac);
      else runs.push({ plmn: t.plmn, tacs: [tac] });
    });
    if (runs.length > 16) bad(listPath, "more than 16 partial tracking area lists");
    const lenAt = w.mark(1);
    for (const run of runs) {
      w.u8(run.tacs.length - 1);
      writePlmn(w, run.plmn, listPath);
      for (const tac of run.tacs) w.u24(tac);
    }
    w.patch(lenAt, 1, listPath, "TAI list");
    return;
  }
  if (list.length > 255) bad(listPath, "more than 255 entries");
  w.u8(list.length);
  list.forEach((e, i) => {
    const p = `${listPath}/${i}`;
    writePlmn(w, str(e.plmn, `${p}/plmn`), `${p}/plmn`);
    if (a.areaType === "eutraCells") w.u32(fixedHex((e as { cellId: string }).cellId, 7, `${p}/cellId`) << 4);
    else if (a.areaType === "nrCells") {
      const id = str((e as { cellId: string }).cellId, `${p}/cellId`);
      fixedHex(id, 9, `${p}/cellId`);
      // 36-bit NR cell identity followed by 4 spare bits = 5 octets
      w.u32(Number.parseInt(id.slice(0, 8), 16));
      w.u8(Number.parseInt(id.slice(8), 16) << 4);
    } else w.u32(fixedHex((e as { gnbId: string }).gnbId, 8, `${p}/gnbId`));
  });
}

function readArea(r: Reader, field: string): LocationArea {
  const at = r.pos;
  const code = r.u8(sub(field, "areaType"));
  if (code === 4) {
    const end = r.lengthEnd(1, sub(field, "taiListLength"));
    const saved = r.enter(end);
    const tais: { plmn: string; tac: string }[] = [];
    while (r.pos < end) {
      const hdrAt = r.pos;
      const hdr = r.u8(sub(field, "partialList"));
      const kind = (hdr >> 5) & 3;
      const n = (hdr & 0x1f) + 1;
      if (kind === 0) {
        const plmn = readPlmn(r, sub(field, "partialList.plmn"));
        for (let i = 0; i < n; i++)
          tais.push({ plmn, tac: r.u24(sub(field, "partialList.tac")).toString(16).padStart(6, "0") });
      } else if (kind === 1) {
        const plmn = readPlmn(r, sub(field, "partialList.plmn"));
        const first = r.u24(sub(field, "partialList.tac"));
        for (let i = 0; i < n; i++) tais.push({ plmn, tac: ((first + i) & 0xffffff).toString(16).padStart(6, "0") });
      } else if (kind === 2) {
        for (let i = 0; i < n; i++) {
          const plmn = readPlmn(r, sub(field, "partialList.plmn"));
          tais.push({ plmn, tac: r.u24(sub(field, "partialList.tac")).toString(16).padStart(6, "0") });
        }
      } else throw new UrspDecodeError("INVALID_VALUE", hdrAt, sub(field, "partialList"), "partial TAI list type 11");
    }
    r.leave(saved);
    if (tais.length === 0) throw new UrspDecodeError("INVALID_VALUE", at, field, "empty TAI list");
    return { areaType: "tais", tais };
  }
  if (code < 1 || code > 3)
    throw new UrspDecodeError("INVALID_VALUE", at, sub(field, "areaType"), `unknown location area type ${code}`);
  const countAt = r.pos;
  const n = r.u8(sub(field, "count"));
  if (n === 0) throw new UrspDecodeError("INVALID_VALUE", countAt, sub(field, "count"), "empty location area list");
  if (code === 1) {
    const cells: { plmn: string; cellId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const plmn = readPlmn(r, sub(field, "cell.plmn"));
      cells.push({ plmn, cellId: (r.u32(sub(field, "cell.cellId")) >>> 4).toString(16).padStart(7, "0") });
    }
    return { areaType: "eutraCells", cells };
  }
  if (code === 2) {
    const cells: { plmn: string; cellId: string }[] = [];
    for (let i = 0; i < n; i++) {
      const plmn = readPlmn(r, sub(field, "cell.plmn"));
      const hi = r.u32(sub(field, "cell.cellId")).toString(16).padStart(8, "0");
      const lo = (r.u8(sub(field, "cell.cellId")) >> 4).toString(16);
      cells.push({ plmn, cellId: hi + lo });
    }
    return { areaType: "nrCells", cells };
  }
  const nodes: { plmn: string; gnbId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const plmn = readPlmn(r, sub(field, "node.plmn"));
    nodes.push({ plmn, gnbId: r.u32(sub(field, "node.gnbId")).toString(16).padStart(8, "0") });
  }
  return { areaType: "globalRanNodes", nodes };
}

/** Route selection descriptor component types of TS 24.526 Table 5.2.1. */
export const ROUTE_SELECTION_COMPONENTS: RsdTable = {
  sscMode: {
    id: 0x01,
    specName: "SSC mode type",
    singleton: true,
    encode: (w, c, path) => w.u8(uint(c.sscMode, 3, sub(path, "sscMode", "/"), 1)),
    decode(r, field) {
      const at = r.pos;
      const v = r.u8(field) & 0x07;
      if (v < 1 || v > 3) throw new UrspDecodeError("INVALID_VALUE", at, field, `SSC mode ${v} (must be 1..3)`);
      return { type: "sscMode", sscMode: v as 1 | 2 | 3 };
    },
  },
  sNssai: {
    id: 0x02,
    specName: "S-NSSAI type",
    encode(w, c, path) {
      const sst = uint(c.sst, 0xff, sub(path, "sst", "/"));
      if (c.sd === undefined) {
        w.u8(1);
        w.u8(sst);
      } else {
        const sd = fixedHex(c.sd, 6, sub(path, "sd", "/"));
        w.u8(4);
        w.u8(sst);
        w.u24(sd);
      }
    },
    decode(r, field) {
      const at = r.pos;
      const end = r.lengthEnd(1, sub(field, "length"));
      const len = end - at - 1;
      if (len !== 1 && len !== 4)
        throw new UrspDecodeError(
          "INVALID_VALUE",
          at,
          sub(field, "length"),
          `S-NSSAI length ${len}: URSP carries SST (1) or SST+SD (4), never mapped HPLMN values`,
        );
      const sst = r.u8(sub(field, "sst"));
      if (len === 1) return { type: "sNssai", sst };
      return { type: "sNssai", sst, sd: r.u24(sub(field, "sd")).toString(16).padStart(6, "0") };
    },
  },
  dnn: {
    id: 0x04,
    specName: "DNN type",
    encode(w, c, path) {
      const dnn = labels(c.dnn, DNN_MAX_OCTETS, sub(path, "dnn", "/"));
      w.u8(dnn.length + 1);
      writeLabels(w, dnn);
    },
    decode(r, field) {
      const end = r.lengthEnd(1, sub(field, "length"));
      return { type: "dnn", dnn: readLabels(r, end, sub(field, "dnn"), DNN_MAX_OCTETS) };
    },
  },
  pduSessionType: {
    id: 0x08,
    specName: "PDU session type type",
    singleton: true,
    encode(w, c, path) {
      const i = PDU_SESSION_TYPES.indexOf(c.pduSessionType);
      if (i < 0) bad(sub(path, "pduSessionType", "/"), `must be one of ${PDU_SESSION_TYPES.join(", ")}`);
      w.u8(i + 1);
    },
    decode(r, field) {
      const at = r.pos;
      const v = r.u8(field) & 0x07;
      const t = PDU_SESSION_TYPES[v - 1];
      if (!t) throw new UrspDecodeError("INVALID_VALUE", at, field, `PDU session type ${v} (must be 1..5)`);
      return { type: "pduSessionType", pduSessionType: t };
    },
  },
  preferredAccessType: {
    id: 0x10,
    specName: "Preferred access type type",
    singleton: true,
    encode(w, c, path) {
      const i = ACCESS_TYPES.indexOf(c.accessType);
      if (i < 0) bad(sub(path, "accessType", "/"), `must be one of ${ACCESS_TYPES.join(", ")}`);
      w.u8(i + 1);
    },
    decode(r, field) {
      const at = r.pos;
      const v = r.u8(field) & 0x03;
      const t = ACCESS_TYPES[v - 1];
      if (!t) throw new UrspDecodeError("INVALID_VALUE", at, field, `access type ${v} (must be 1 or 2)`);
      return { type: "preferredAccessType", accessType: t };
    },
  },
  multiAccessPreference: {
    id: 0x11,
    specName: "Multi-access preference type",
    empty: true,
    singleton: true,
    encode() {},
    decode: () => ({ type: "multiAccessPreference" }),
  },
  nonSeamlessNon3gppOffload: {
    id: 0x20,
    specName: "Non-seamless non-3GPP offload indication type",
    empty: true,
    alone: true,
    encode() {},
    decode: () => ({ type: "nonSeamlessNon3gppOffload" }),
  },
  locationCriteria: {
    id: 0x40,
    specName: "Location criteria type",
    encode(w, c, path) {
      if (!Array.isArray(c.areas) || c.areas.length === 0)
        bad(sub(path, "areas", "/"), "must list at least one location area");
      const at = w.mark(1);
      c.areas.forEach((a, i) => {
        writeArea(w, a, sub(path, `areas/${i}`, "/"));
      });
      w.patch(at, 1, sub(path, "areas", "/"), "location criteria");
    },
    decode(r, field) {
      const end = r.lengthEnd(1, sub(field, "length"));
      if (end === r.pos)
        throw new UrspDecodeError("INVALID_VALUE", r.pos - 1, sub(field, "length"), "no location area");
      const saved = r.enter(end);
      const areas: LocationArea[] = [];
      while (r.pos < end) areas.push(readArea(r, sub(field, `area[${areas.length}]`)));
      r.leave(saved);
      return { type: "locationCriteria", areas };
    },
  },
  timeWindow: {
    id: 0x80,
    specName: "Time window type",
    encode(w, c, path) {
      w.u8(16);
      writeNtp(w, c.start, sub(path, "start", "/"));
      writeNtp(w, c.stop, sub(path, "stop", "/"));
    },
    decode(r, field) {
      const at = r.pos;
      const end = r.lengthEnd(1, sub(field, "length"));
      if (end - at - 1 !== 16)
        throw new UrspDecodeError(
          "INVALID_VALUE",
          at,
          sub(field, "length"),
          `time window length ${end - at - 1} (must be 16)`,
        );
      return { type: "timeWindow", start: readNtp(r, sub(field, "start")), stop: readNtp(r, sub(field, "stop")) };
    },
  },
  proseL3RelayOffload: {
    id: 0x81,
    specName: "5G ProSe layer-3 UE-to-network relay offload indication type",
    empty: true,
    singleton: true,
    encode() {},
    decode: () => ({ type: "proseL3RelayOffload" }),
  },
  pduSessionPairId: {
    id: 0x82,
    specName: "PDU session pair ID type",
    singleton: true,
    encode: (w, c, path) => w.u8(uint(c.pairId, 0xff, sub(path, "pairId", "/"))),
    decode: (r, field) => ({ type: "pduSessionPairId", pairId: r.u8(field) }),
  },
  rsn: {
    id: 0x83,
    specName: "RSN type",
    singleton: true,
    encode: (w, c, path) => w.u8(uint(c.rsn, 0xff, sub(path, "rsn", "/"))),
    decode: (r, field) => ({ type: "rsn", rsn: r.u8(field) }),
  },
};

type AnyCodec<C> = ComponentCodec<C> & { type: string };

function byId<C>(table: Record<string, ComponentCodec<never>>): (AnyCodec<C> | undefined)[] {
  const out: (AnyCodec<C> | undefined)[] = Array.from({ length: 256 }, () => undefined);
  for (const [type, codec] of Object.entries(table))
    out[codec.id] = { ...(codec as unknown as ComponentCodec<C>), type };
  return out;
}

/** Lookup by component type identifier. */
export const TD_BY_ID = byId<TrafficDescriptorComponent>(TRAFFIC_DESCRIPTOR_COMPONENTS as never);
export const RSD_BY_ID = byId<RouteSelectionComponent>(ROUTE_SELECTION_COMPONENTS as never);
