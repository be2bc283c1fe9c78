// UE policy delivery (TS 24.501 Annex D): UE policy part, UE policy section contents, UE policy section management
// sublist per PLMN, MANAGE UE POLICY COMMAND / COMPLETE / COMMAND REJECT, and the 5GMM DL NAS TRANSPORT carrying them.
import { parseHex, Reader, readPlmn, toHex, Writer, writePlmn } from "./bytes.js";
import { guard, readUrsp, writeUrsp } from "./codec.js";
import { UrspDecodeError, UrspEncodeError } from "./errors.js";
import type { UrspPolicy } from "./model.js";

/** UE policy part types (TS 24.501 Table D.6.2.1). */
export const UE_POLICY_PART_TYPES = { ursp: 1, andsp: 2, v2xp: 3, prosep: 4 } as const;
export type UePolicyPartTypeName = keyof typeof UE_POLICY_PART_TYPES;

export type UePolicyPart =
  | { partType: "ursp"; ursp: UrspPolicy }
  /** Other policy part types are carried as opaque contents (lowercase hex). */
  | { partType: Exclude<UePolicyPartTypeName, "ursp"> | number; contentsHex: string };

/** One instruction: a UE policy section code (UPSC) and the section contents (zero or more policy parts). */
export interface UePolicyInstruction {
  upsc: number;
  parts: UePolicyPart[];
}

/** UE policy section management sublist: the instructions for one PLMN ("MCC-MNC"). */
export interface UePolicySectionSublist {
  plmn: string;
  instructions: UePolicyInstruction[];
}

export interface ManageUePolicyCommand {
  messageType: "MANAGE_UE_POLICY_COMMAND";
  /** Procedure transaction identity, network-initiated range 0x80..0xFE. */
  pti: number;
  sublists: UePolicySectionSublist[];
  /** Optional UE policy network classmark (IEI 0x42) value, 1..3 octets of lowercase hex. */
  networkClassmarkHex?: string;
}

export interface ManageUePolicyComplete {
  messageType: "MANAGE_UE_POLICY_COMPLETE";
  pti: number;
}

export interface UePolicySectionResult {
  upsc: number;
  /** Position (1-based) of the failed instruction in the command's sublist. */
  failedInstructionOrder: number;
  /** Cause value, e.g. 111 (0x6F) protocol error, unspecified. */
  cause: number;
}

export interface ManageUePolicyCommandReject {
  messageType: "MANAGE_UE_POLICY_COMMAND_REJECT";
  pti: number;
  results: { plmn: string; results: UePolicySectionResult[] }[];
}

export type UePolicyMessage = ManageUePolicyCommand | ManageUePolicyComplete | ManageUePolicyCommandReject;

/** UE policy delivery service message types (TS 24.501 Table D.6.1.1). */
export const UE_POLICY_MESSAGE_TYPES = {
  MANAGE_UE_POLICY_COMMAND: 0x01,
  MANAGE_UE_POLICY_COMPLETE: 0x02,
  MANAGE_UE_POLICY_COMMAND_REJECT: 0x03,
} as const;

const PTI_MIN = 0x80;
const PTI_MAX = 0xfe;
const IEI_NETWORK_CLASSMARK = 0x42;

function bad(path: string, detail: string): never {
  throw new UrspEncodeError("INVALID_VALUE", path, detail);
}

function uint(v: unknown, min: number, max: number, path: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    bad(path, `must be an integer ${min}..${max}, got ${JSON.stringify(v)}`);
  return v;
}

function writePart(w: Writer, part: UePolicyPart, path: string): void {
  const at = w.mark(2);
  if (part.partType === "ursp") {
    w.u8(UE_POLICY_PART_TYPES.ursp);
    writeUrsp(w, part.ursp, `${path}/ursp`);
  } else {
    const type =
      typeof part.partType === "number"
        ? uint(part.partType, 0, 15, `${path}/partType`)
        : UE_POLICY_PART_TYPES[part.partType];
    if (type === undefined || type === UE_POLICY_PART_TYPES.ursp)
      bad(`${path}/partType`, `unknown or misused part type ${JSON.stringify(part.partType)}`);
    w.u8(type);
    const contents = /^([0-9a-f]{2})*$/.test(part.contentsHex) ? parseHex(part.contentsHex) : undefined;
    if (!contents) bad(`${path}/contentsHex`, "must be lowercase hex");
    w.bytes(contents);
  }
  w.patch(at, 2, path, "UE policy part");
}

function writeSublists(w: Writer, sublists: UePolicySectionSublist[], path: string): void {
  if (!Array.isArray(sublists) || sublists.length === 0) bad(path, "needs at least one UE policy section sublist");
  sublists.forEach((s, i) => {
    const sp = `${path}/${i}`;
    const at = w.mark(2);
    writePlmn(w, s.plmn, `${sp}/plmn`);
    if (!Array.isArray(s.instructions) || s.instructions.length === 0)
      bad(`${sp}/instructions`, "needs at least one instruction");
    s.instructions.forEach((ins, j) => {
      const ip = `${sp}/instructions/${j}`;
      const insAt = w.mark(2);
      w.u16(uint(ins.upsc, 0, 0xffff, `${ip}/upsc`));
      if (!Array.isArray(ins.parts)) bad(`${ip}/parts`, "must be an array");
      ins.parts.forEach((p, k) => {
        writePart(w, p, `${ip}/parts/${k}`);
      });
      w.patch(insAt, 2, ip, "instruction");
    });
    w.patch(at, 2, sp, "UE policy section management sublist");
  });
}

/** Encodes a UE policy delivery service message (TS 24.501 §D.5). */
export function encodeUePolicyMessage(msg: UePolicyMessage): Uint8Array {
  const w = new Writer(256);
  w.u8(uint(msg.pti, PTI_MIN, PTI_MAX, "/pti"));
  const type = UE_POLICY_MESSAGE_TYPES[msg.messageType];
  if (type === undefined) bad("/messageType", `unknown message type ${JSON.stringify(msg.messageType)}`);
  w.u8(type);
  if (msg.messageType === "MANAGE_UE_POLICY_COMMAND") {
    const at = w.mark(2);
    writeSublists(w, msg.sublists, "/sublists");
    w.patch(at, 2, "/sublists", "UE policy section management list");
    if (msg.networkClassmarkHex !== undefined) {
      const v = /^([0-9a-f]{2}){1,3}$/.test(msg.networkClassmarkHex) ? parseHex(msg.networkClassmarkHex) : undefined;
      if (!v) bad("/networkClassmarkHex", "must be 1..3 octets of lowercase hex");
      w.u8(IEI_NETWORK_CLASSMARK);
      w.u8(v.length);
      w.bytes(v);
    }
  } else if (msg.messageType === "MANAGE_UE_POLICY_COMMAND_REJECT") {
    const at = w.mark(2);
    if (!Array.isArray(msg.results) || msg.results.length === 0) bad("/results", "needs at least one PLMN result");
    msg.results.forEach((p, i) => {
      const pp = `/results/${i}`;
      if (!Array.isArray(p.results) || p.results.length === 0 || p.results.length > 255)
        bad(`${pp}/results`, "needs 1..255 results");
      w.u8(p.results.length);
      writePlmn(w, p.plmn, `${pp}/plmn`);
      p.results.forEach((r, j) => {
        w.u16(uint(r.upsc, 0, 0xffff, `${pp}/results/${j}/upsc`));
        w.u16(uint(r.failedInstructionOrder, 0, 0xffff, `${pp}/results/${j}/failedInstructionOrder`));
        w.u8(uint(r.cause, 0, 0xff, `${pp}/results/${j}/cause`));
      });
    });
    w.patch(at, 2, "/results", "UE policy section management result");
  }
  return w.finish();
}

/** Convenience: one URSP policy for one PLMN in one UE policy section, as a MANAGE UE POLICY COMMAND. */
export function manageUePolicyCommand(
  policy: UrspPolicy,
  options: { plmn: string; pti?: number; upsc?: number },
): ManageUePolicyCommand {
  return {
    messageType: "MANAGE_UE_POLICY_COMMAND",
    pti: options.pti ?? PTI_MIN,
    sublists: [
      { plmn: options.plmn, instructions: [{ upsc: options.upsc ?? 1, parts: [{ partType: "ursp", ursp: policy }] }] },
    ],
  };
}

function readPart(r: Reader, field: string): UePolicyPart {
  const end = r.lengthEnd(2, `${field}.length`);
  if (end === r.pos)
    throw new UrspDecodeError("EMPTY", r.pos - 2, `${field}.length`, "UE policy part without type octet");
  const inPart = r.enter(end);
  const type = r.u8(`${field}.partType`) & 0x0f;
  let part: UePolicyPart;
  if (type === UE_POLICY_PART_TYPES.ursp) part = { partType: "ursp", ursp: readUrsp(r, end, `${field}.ursp`) };
  else {
    const name = (Object.keys(UE_POLICY_PART_TYPES) as UePolicyPartTypeName[]).find(
      (k) => UE_POLICY_PART_TYPES[k] === type,
    );
    const contentsHex = toHex(r.buf, r.pos, end);
    r.pos = end;
    part = { partType: name ?? type, contentsHex } as UePolicyPart;
  }
  r.leave(inPart);
  return part;
}

function readSublists(r: Reader, end: number, field: string): UePolicySectionSublist[] {
  if (r.pos >= end) throw new UrspDecodeError("EMPTY", r.pos, field, "no UE policy section management sublist");
  const out: UePolicySectionSublist[] = [];
  while (r.pos < end) {
    const sf = `${field}.sublist[${out.length}]`;
    const subEnd = r.lengthEnd(2, `${sf}.length`);
    const inSub = r.enter(subEnd);
    const plmn = readPlmn(r, `${sf}.plmn`);
    if (r.pos >= subEnd) throw new UrspDecodeError("EMPTY", r.pos, `${sf}.instructions`, "sublist without instruction");
    const instructions: UePolicyInstruction[] = [];
    while (r.pos < subEnd) {
      const inf = `${sf}.instruction[${instructions.length}]`;
      const insEnd = r.lengthEnd(2, `${inf}.length`);
      const inIns = r.enter(insEnd);
      const upsc = r.u16(`${inf}.upsc`);
      const parts: UePolicyPart[] = [];
      while (r.pos < insEnd) parts.push(readPart(r, `${inf}.part[${parts.length}]`));
      r.leave(inIns);
      instructions.push({ upsc, parts });
    }
    r.leave(inSub);
    out.push({ plmn, instructions });
  }
  return out;
}

function readUePolicyMessage(r: Reader, end: number, field: string): UePolicyMessage {
  const ptiAt = r.pos;
  const pti = r.u8(`${field}.pti`);
  const typeAt = r.pos;
  const type = r.u8(`${field}.messageType`);
  const ptiCheck = () => {
    if (pti < PTI_MIN || pti > PTI_MAX)
      throw new UrspDecodeError("INVALID_VALUE", ptiAt, `${field}.pti`, `PTI 0x${pti.toString(16)} outside 0x80..0xfe`);
  };
  if (type === UE_POLICY_MESSAGE_TYPES.MANAGE_UE_POLICY_COMMAND) {
    ptiCheck();
    const listEnd = r.lengthEnd(2, `${field}.sectionManagementList.length`);
    const inList = r.enter(listEnd);
    const sublists = readSublists(r, listEnd, `${field}.sectionManagementList`);
    r.leave(inList);
    const msg: ManageUePolicyCommand = { messageType: "MANAGE_UE_POLICY_COMMAND", pti, sublists };
    if (r.pos < end && r.buf[r.pos] === IEI_NETWORK_CLASSMARK) {
      r.pos++;
      const at = r.pos;
      const vEnd = r.lengthEnd(1, `${field}.networkClassmark.length`);
      if (vEnd - at - 1 < 1 || vEnd - at - 1 > 3)
        throw new UrspDecodeError(
          "INVALID_VALUE",
          at,
          `${field}.networkClassmark.length`,
          "classmark length must be 1..3",
        );
      msg.networkClassmarkHex = toHex(r.buf, r.pos, vEnd);
      r.pos = vEnd;
    }
    return msg;
  }
  if (type === UE_POLICY_MESSAGE_TYPES.MANAGE_UE_POLICY_COMPLETE) {
    ptiCheck();
    return { messageType: "MANAGE_UE_POLICY_COMPLETE", pti };
  }
  if (type === UE_POLICY_MESSAGE_TYPES.MANAGE_UE_POLICY_COMMAND_REJECT) {
    ptiCheck();
    const resEnd = r.lengthEnd(2, `${field}.sectionManagementResult.length`);
    const inRes = r.enter(resEnd);
    const results: ManageUePolicyCommandReject["results"] = [];
    if (r.pos >= resEnd) throw new UrspDecodeError("EMPTY", r.pos, `${field}.sectionManagementResult`, "no result");
    while (r.pos < resEnd) {
      const pf = `${field}.sectionManagementResult.plmn[${results.length}]`;
      const countAt = r.pos;
      const n = r.u8(`${pf}.count`);
      if (n === 0) throw new UrspDecodeError("INVALID_VALUE", countAt, `${pf}.count`, "zero results");
      const plmn = readPlmn(r, `${pf}.plmn`);
      const list: UePolicySectionResult[] = [];
      for (let i = 0; i < n; i++) {
        const rf = `${pf}.result[${i}]`;
        list.push({
          upsc: r.u16(`${rf}.upsc`),
          failedInstructionOrder: r.u16(`${rf}.failedInstructionOrder`),
          cause: r.u8(`${rf}.cause`),
        });
      }
      results.push({ plmn, results: list });
    }
    r.leave(inRes);
    return { messageType: "MANAGE_UE_POLICY_COMMAND_REJECT", pti, results };
  }
  throw new UrspDecodeError(
    "INVALID_VALUE",
    typeAt,
    `${field}.messageType`,
    `unsupported UE policy message type 0x${type.toString(16)}`,
  );
}

function noTrailing(r: Reader, end: number, field: string): void {
  if (r.pos < end) throw new UrspDecodeError("TRAILING_BYTES", r.pos, field, `${end - r.pos} unexpected octets`);
}

/** Decodes a UE policy delivery service message (COMMAND, COMPLETE or COMMAND REJECT). Total. */
export function decodeUePolicyMessage(bytes: Uint8Array): UePolicyMessage {
  return guard(() => {
    const r = new Reader(bytes);
    const msg = readUePolicyMessage(r, bytes.length, "message");
    noTrailing(r, bytes.length, "message");
    return msg;
  });
}

// -----------------------------------------------------------------------------------------------------------------
// 5GMM DL NAS TRANSPORT (TS 24.501 §8.2.11), plain, payload container type 5 = UE policy container

const EPD_5GMM = 0x7e;
const MSG_DL_NAS_TRANSPORT = 0x68;
const PAYLOAD_UE_POLICY = 0x05;

/** Wraps a UE policy message in a plain 5GMM DL NAS TRANSPORT (payload container type 5, no optional IEs). */
export function encodeDlNasTransport(msg: UePolicyMessage): Uint8Array {
  const inner = encodeUePolicyMessage(msg);
  if (inner.length > 0xffff) throw new UrspEncodeError("TOO_LONG", "", "payload container exceeds 65535 octets");
  const out = new Uint8Array(6 + inner.length);
  out.set([EPD_5GMM, 0x00, MSG_DL_NAS_TRANSPORT, PAYLOAD_UE_POLICY, inner.length >>> 8, inner.length & 0xff]);
  out.set(inner, 6);
  return out;
}

/** Decodes a plain DL NAS TRANSPORT carrying a UE policy container. Optional IEs are not supported. Total. */
export function decodeDlNasTransport(bytes: Uint8Array): UePolicyMessage {
  return guard(() => {
    const r = new Reader(bytes);
    const expect = (value: number, field: string, what: string) => {
      const at = r.pos;
      const v = r.u8(field);
      if (v !== value)
        throw new UrspDecodeError(
          "INVALID_VALUE",
          at,
          field,
          `${what}: expected 0x${value.toString(16)}, got 0x${v.toString(16)}`,
        );
    };
    expect(EPD_5GMM, "nas.epd", "extended protocol discriminator (5GMM)");
    expect(0x00, "nas.securityHeaderType", "plain NAS message");
    expect(MSG_DL_NAS_TRANSPORT, "nas.messageType", "DL NAS TRANSPORT");
    const at = r.pos;
    const ct = r.u8("nas.payloadContainerType") & 0x0f;
    if (ct !== PAYLOAD_UE_POLICY)
      throw new UrspDecodeError(
        "INVALID_VALUE",
        at,
        "nas.payloadContainerType",
        `payload container type ${ct} is not UE policy (5)`,
      );
    const end = r.lengthEnd(2, "nas.payloadContainer.length");
    const inContainer = r.enter(end);
    const msg = readUePolicyMessage(r, end, "nas.payloadContainer");
    noTrailing(r, end, "nas.payloadContainer");
    r.leave(inContainer);
    noTrailing(r, bytes.length, "nas.optionalIEs");
    return msg;
  });
}

// -----------------------------------------------------------------------------------------------------------------
// Both directions of the 5GMM NAS transport (TS 24.501 §8.2.10 UL NAS TRANSPORT 0x67, §8.2.11 DL NAS TRANSPORT 0x68)

const MSG_UL_NAS_TRANSPORT = 0x67;

/** A plain 5GMM NAS transport message: its direction, payload container type and payload container contents. */
export interface NasTransport {
  direction: "UL" | "DL";
  /** Payload container type (TS 24.501 §9.11.3.40): 5 = UE policy container. */
  payloadContainerType: number;
  payload: Uint8Array;
}

/** Encodes a plain UL or DL NAS TRANSPORT around a payload container (no optional IEs). */
export function encodeNasTransport(direction: "UL" | "DL", payload: Uint8Array, payloadContainerType = 5): Uint8Array {
  if (payload.length === 0) throw new UrspEncodeError("INVALID_VALUE", "/payload", "payload container is empty");
  if (payload.length > 0xffff)
    throw new UrspEncodeError("TOO_LONG", "/payload", "payload container exceeds 65535 octets");
  uint(payloadContainerType, 1, 15, "/payloadContainerType");
  const out = new Uint8Array(6 + payload.length);
  const type = direction === "UL" ? MSG_UL_NAS_TRANSPORT : MSG_DL_NAS_TRANSPORT;
  out.set([EPD_5GMM, 0x00, type, payloadContainerType, payload.length >>> 8, payload.length & 0xff]);
  out.set(payload, 6);
  return out;
}

/**
 * Decodes a plain UL or DL NAS TRANSPORT into its payload container, without looking inside it (what an AMF does:
 * the UE policy container is transparent to it). Optional IEs are not supported. Total: throws only UrspDecodeError.
 */
export function decodeNasTransport(bytes: Uint8Array): NasTransport {
  return guard(() => {
    const r = new Reader(bytes);
    const epdAt = r.pos;
    if (r.u8("nas.epd") !== EPD_5GMM)
      throw new UrspDecodeError("INVALID_VALUE", epdAt, "nas.epd", "not a 5GMM message (EPD 0x7e)");
    const shtAt = r.pos;
    if ((r.u8("nas.securityHeaderType") & 0x0f) !== 0)
      throw new UrspDecodeError("INVALID_VALUE", shtAt, "nas.securityHeaderType", "not a plain NAS message");
    const typeAt = r.pos;
    const type = r.u8("nas.messageType");
    if (type !== MSG_UL_NAS_TRANSPORT && type !== MSG_DL_NAS_TRANSPORT)
      throw new UrspDecodeError(
        "INVALID_VALUE",
        typeAt,
        "nas.messageType",
        `message type 0x${type.toString(16)} is not UL (0x67) or DL (0x68) NAS TRANSPORT`,
      );
    const payloadContainerType = r.u8("nas.payloadContainerType") & 0x0f;
    const end = r.lengthEnd(2, "nas.payloadContainer.length");
    if (end === r.pos) throw new UrspDecodeError("EMPTY", r.pos - 2, "nas.payloadContainer", "empty payload container");
    const payload = r.bytes(end - r.pos, "nas.payloadContainer");
    noTrailing(r, bytes.length, "nas.optionalIEs");
    return { direction: type === MSG_UL_NAS_TRANSPORT ? "UL" : "DL", payloadContainerType, payload };
  });
}

/** Wraps a UE policy message (the UE's COMPLETE or COMMAND REJECT) in a plain UL NAS TRANSPORT. */
export function encodeUlNasTransport(msg: UePolicyMessage): Uint8Array {
  return encodeNasTransport("UL", encodeUePolicyMessage(msg), PAYLOAD_UE_POLICY);
}

/** Decodes a plain UL NAS TRANSPORT carrying a UE policy container. Total. */
export function decodeUlNasTransport(bytes: Uint8Array): UePolicyMessage {
  const nas = decodeNasTransport(bytes);
  const at = 3;
  if (nas.direction !== "UL")
    throw new UrspDecodeError("INVALID_VALUE", 2, "nas.messageType", "DL NAS TRANSPORT where UL was expected");
  if (nas.payloadContainerType !== PAYLOAD_UE_POLICY)
    throw new UrspDecodeError("INVALID_VALUE", at, "nas.payloadContainerType", "payload is not a UE policy container");
  return decodeUePolicyMessage(nas.payload);
}

// -----------------------------------------------------------------------------------------------------------------
// The UE's reading of a MANAGE UE POLICY COMMAND (TS 24.501 §D.2.1.2–D.2.1.3): instruction by instruction, so that
// one malformed or unsupported UE policy section fails only its own instruction and the UE can answer COMMAND REJECT
// naming it (UPSC, failed instruction order) instead of dropping the whole message.

/** UE policy delivery service cause #111 "protocol error, unspecified" (TS 24.501 Table D.6.3.1, the only value). */
export const UE_POLICY_CAUSE_PROTOCOL_ERROR_UNSPECIFIED = 0x6f;

/** One instruction as the UE read it: its policy parts, or why they could not be read. */
export interface InspectedInstruction {
  upsc: number;
  /** 1-based position of the instruction in its sublist (the COMMAND REJECT's "failed instruction order"). */
  order: number;
  /** The decoded parts; empty = "delete this UE policy section" (D.2.1.2 c). Absent when `error` is set. */
  parts?: UePolicyPart[];
  /** Why the instruction cannot be executed (malformed framing or URSP contents). */
  error?: UrspDecodeError;
}

export interface InspectedSublist {
  plmn: string;
  instructions: InspectedInstruction[];
}

export type UePolicyCommandInspection =
  | { kind: "command"; pti: number; sublists: InspectedSublist[] }
  /** Not answerable: too short, another message type, a PTI outside 0x80..0xfe, or no instruction identifiable. */
  | { kind: "ignored"; reason: string; pti?: number; messageType?: number };

function readInstruction(bytes: Uint8Array, at: number, end: number, upsc: number): UePolicyPart[] | UrspDecodeError {
  try {
    return guard(() => {
      const r = new Reader(bytes.subarray(0, end));
      r.pos = at;
      const parts: UePolicyPart[] = [];
      while (r.pos < end) parts.push(readPart(r, `instruction(upsc ${upsc}).part[${parts.length}]`));
      return parts;
    });
  } catch (e) {
    return e as UrspDecodeError;
  }
}

/**
 * Reads a MANAGE UE POLICY COMMAND the way the UE does: never throws; a framing error inside a sublist fails the
 * instruction where it happens (and stops that sublist, whose remaining framing cannot be trusted); a URSP part that
 * does not decode fails its instruction only. Unknown optional IEs after the list are ignored (comprehension rules).
 */
export function inspectManageUePolicyCommand(bytes: Uint8Array): UePolicyCommandInspection {
  if (!(bytes instanceof Uint8Array) || bytes.length < 2) return { kind: "ignored", reason: "message too short" };
  const pti = bytes[0]!;
  const messageType = bytes[1]!;
  if (messageType !== UE_POLICY_MESSAGE_TYPES.MANAGE_UE_POLICY_COMMAND)
    return {
      kind: "ignored",
      reason: `message type 0x${messageType.toString(16)} is not MANAGE UE POLICY COMMAND`,
      pti,
      messageType,
    };
  if (pti < PTI_MIN || pti > PTI_MAX)
    return {
      kind: "ignored",
      reason: `PTI 0x${pti.toString(16)} is not a network-assigned value (0x80..0xfe)`,
      pti,
      messageType,
    };
  if (bytes.length < 4) return { kind: "ignored", reason: "no UE policy section management list", pti, messageType };
  const listEnd = Math.min(bytes.length, 4 + ((bytes[2]! << 8) | bytes[3]!));
  const sublists: InspectedSublist[] = [];
  let pos = 4;
  while (pos < listEnd) {
    if (pos + 5 > listEnd) break;
    const subLen = (bytes[pos]! << 8) | bytes[pos + 1]!;
    const subEnd = pos + 2 + subLen;
    let plmn: string;
    try {
      plmn = guard(() => {
        const r = new Reader(bytes);
        r.pos = pos + 2;
        return readPlmn(r, "sublist.plmn");
      });
    } catch {
      break;
    }
    const instructions: InspectedInstruction[] = [];
    const limit = Math.min(subEnd, listEnd);
    let ip = pos + 5;
    while (ip + 4 <= limit) {
      const insLen = (bytes[ip]! << 8) | bytes[ip + 1]!;
      const upsc = (bytes[ip + 2]! << 8) | bytes[ip + 3]!;
      const insEnd = ip + 2 + insLen;
      const order = instructions.length + 1;
      if (insLen < 2 || insEnd > limit) {
        instructions.push({
          upsc,
          order,
          error: new UrspDecodeError("LENGTH_OVERRUN", ip, "instruction.length", "instruction length out of bounds"),
        });
        break;
      }
      const parts = readInstruction(bytes, ip + 4, insEnd, upsc);
      instructions.push(parts instanceof UrspDecodeError ? { upsc, order, error: parts } : { upsc, order, parts });
      ip = insEnd;
    }
    if (instructions.length) sublists.push({ plmn, instructions });
    if (subEnd > listEnd) break;
    pos = subEnd;
  }
  if (sublists.length === 0)
    return { kind: "ignored", reason: "no UE policy section instruction could be identified", pti, messageType };
  return { kind: "command", pti, sublists };
}
