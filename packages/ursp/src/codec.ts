// URSP rule list codec (TS 24.526 §5.2, figures 5.2.1–5.2.4): JSON model <-> UE policy part contents of type URSP.
import { Reader, Writer } from "./bytes.js";
import {
  type ComponentCodec,
  ROUTE_SELECTION_COMPONENTS,
  RSD_BY_ID,
  TD_BY_ID,
  TRAFFIC_DESCRIPTOR_COMPONENTS,
} from "./components.js";
import { UrspDecodeError, UrspEncodeError } from "./errors.js";
import type {
  RouteSelectionComponent,
  RouteSelectionDescriptor,
  TrafficDescriptorComponent,
  UrspPolicy,
  UrspRule,
} from "./model.js";

const TD_TABLE = TRAFFIC_DESCRIPTOR_COMPONENTS as unknown as Record<string, ComponentCodec<TrafficDescriptorComponent>>;
const RSD_TABLE = ROUTE_SELECTION_COMPONENTS as unknown as Record<string, ComponentCodec<RouteSelectionComponent>>;

function structure(path: string, detail: string): never {
  throw new UrspEncodeError("STRUCTURE", path, detail);
}

function precedence(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 255)
    throw new UrspEncodeError("INVALID_VALUE", path, `precedence must be an integer 0..255, got ${JSON.stringify(v)}`);
  return v;
}

function encodeComponents<C extends { type: string }>(
  w: Writer,
  list: unknown,
  table: Record<string, ComponentCodec<C>>,
  path: string,
  what: string,
  allowEmpty: boolean,
): void {
  if (!Array.isArray(list)) structure(path, `${what} must be an array`);
  if (list.length === 0 && !allowEmpty) structure(path, `${what} needs at least one component`);
  const seenTypes: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as C;
    const p = `${path}/${i}`;
    const codec = c !== null && typeof c === "object" ? table[c.type] : undefined;
    if (!codec)
      structure(`${p}/type`, `unknown ${what} component type ${JSON.stringify((c as { type?: unknown })?.type)}`);
    if (codec.alone && list.length > 1) structure(p, `${c.type} must be the only component of its ${what}`);
    if (codec.singleton) {
      if (seenTypes.includes(c.type)) structure(p, `${c.type} may appear only once in a ${what}`);
      seenTypes.push(c.type);
    }
    w.u8(codec.id);
    codec.encode(w, c, p);
  }
}

function encodeRule(w: Writer, rule: UrspRule, path: string): void {
  if (rule === null || typeof rule !== "object") structure(path, "rule must be an object");
  const ruleAt = w.mark(2);
  w.u8(precedence(rule.precedence, `${path}/precedence`));
  const tdAt = w.mark(2);
  encodeComponents(w, rule.trafficDescriptor, TD_TABLE, `${path}/trafficDescriptor`, "traffic descriptor", false);
  w.patch(tdAt, 2, `${path}/trafficDescriptor`, "traffic descriptor");
  const listAt = w.mark(2);
  const rsds = rule.routeSelectionDescriptors;
  if (!Array.isArray(rsds) || rsds.length === 0)
    structure(`${path}/routeSelectionDescriptors`, "a rule needs at least one route selection descriptor");
  for (let i = 0; i < rsds.length; i++) {
    const rsd = rsds[i] as RouteSelectionDescriptor;
    const p = `${path}/routeSelectionDescriptors/${i}`;
    if (rsd === null || typeof rsd !== "object") structure(p, "route selection descriptor must be an object");
    const rsdAt = w.mark(2);
    w.u8(precedence(rsd.precedence, `${p}/precedence`));
    const contentsAt = w.mark(2);
    encodeComponents(w, rsd.components, RSD_TABLE, `${p}/components`, "route selection descriptor", true);
    w.patch(contentsAt, 2, `${p}/components`, "route selection descriptor contents");
    w.patch(rsdAt, 2, p, "route selection descriptor");
  }
  w.patch(listAt, 2, `${path}/routeSelectionDescriptors`, "route selection descriptor list");
  w.patch(ruleAt, 2, path, "URSP rule");
}

/** Writes the URSP rules of `policy` into `w` (used by the UE policy part wrapper). */
export function writeUrsp(w: Writer, policy: UrspPolicy, path = ""): void {
  if (policy === null || typeof policy !== "object" || !Array.isArray(policy.rules))
    structure(`${path}/rules`, "policy.rules must be an array");
  if (policy.rules.length === 0) structure(`${path}/rules`, "a URSP policy needs at least one rule");
  for (let i = 0; i < policy.rules.length; i++) encodeRule(w, policy.rules[i] as UrspRule, `${path}/rules/${i}`);
}

/**
 * Encodes a URSP policy as the UE policy part contents of type URSP (a sequence of URSP rules, TS 24.526 fig. 5.2.1).
 * Checks value ranges, canonical text forms and the structural rules (match-all and non-seamless offload alone,
 * singleton components, S-NSSAI SST or SST+SD, DNN/FQDN label limits); throws UrspEncodeError otherwise.
 */
export function encodeUrsp(policy: UrspPolicy): Uint8Array {
  const w = new Writer(128 * Math.max(1, Array.isArray(policy?.rules) ? policy.rules.length : 1));
  writeUrsp(w, policy);
  return w.finish();
}

function decodeComponents<C extends { type: string }>(
  r: Reader,
  end: number,
  byId: ((ComponentCodec<C> & { type: string }) | undefined)[],
  field: string,
  what: string,
): C[] {
  const saved = r.enter(end);
  const out: C[] = [];
  let singletons: string[] | undefined;
  let aloneAt = -1;
  const start = r.pos;
  while (r.pos < end) {
    const at = r.pos;
    const id = r.buf[r.pos++] as number;
    const codec = byId[id];
    const f = `${field}[${out.length}]`;
    if (!codec)
      throw new UrspDecodeError(
        "UNKNOWN_COMPONENT",
        at,
        `${f}.type`,
        `unknown ${what} component type identifier 0x${id.toString(16).padStart(2, "0")}`,
      );
    if (codec.alone) aloneAt = at;
    if (codec.singleton) {
      singletons ??= [];
      if (singletons.includes(codec.type))
        throw new UrspDecodeError("STRUCTURE", at, f, `${codec.type} appears more than once in a ${what}`);
      singletons.push(codec.type);
    }
    out.push(codec.decode(r, `${f}(${codec.type})`));
  }
  if (aloneAt >= 0 && out.length > 1) {
    const c = byId[r.buf[aloneAt] as number];
    throw new UrspDecodeError("STRUCTURE", aloneAt, field, `${c?.type} must be the only component of its ${what}`);
  }
  if (out.length === 0 && what === "traffic descriptor")
    throw new UrspDecodeError("EMPTY", start, field, "traffic descriptor without components");
  r.leave(saved);
  return out;
}

/** Reads URSP rules from `r.pos` to `end`. */
export function readUrsp(r: Reader, end: number, field = "ursp"): UrspPolicy {
  if (r.pos >= end) throw new UrspDecodeError("EMPTY", r.pos, field, "no URSP rule");
  const savedLimit = r.limit;
  r.limit = end;
  const rules: UrspRule[] = [];
  while (r.pos < end) {
    const rf = `${field}.rule[${rules.length}]`;
    const ruleEnd = r.lengthEnd(2, `${rf}.length`);
    const inRule = r.enter(ruleEnd);
    const rulePrecedence = r.u8(`${rf}.precedence`);
    const tdEnd = r.lengthEnd(2, `${rf}.trafficDescriptorLength`);
    const trafficDescriptor = decodeComponents(r, tdEnd, TD_BY_ID, `${rf}.trafficDescriptor`, "traffic descriptor");
    const listEnd = r.lengthEnd(2, `${rf}.routeSelectionDescriptorListLength`);
    if (listEnd === r.pos)
      throw new UrspDecodeError(
        "EMPTY",
        r.pos - 2,
        `${rf}.routeSelectionDescriptorList`,
        "no route selection descriptor",
      );
    const inList = r.enter(listEnd);
    const routeSelectionDescriptors: RouteSelectionDescriptor[] = [];
    while (r.pos < listEnd) {
      const df = `${rf}.routeSelectionDescriptor[${routeSelectionDescriptors.length}]`;
      const rsdEnd = r.lengthEnd(2, `${df}.length`);
      const inRsd = r.enter(rsdEnd);
      const p = r.u8(`${df}.precedence`);
      const contentsEnd = r.lengthEnd(2, `${df}.contentsLength`);
      const components = decodeComponents(r, contentsEnd, RSD_BY_ID, `${df}.components`, "route selection descriptor");
      if (r.pos !== rsdEnd)
        throw new UrspDecodeError(
          "LENGTH_MISMATCH",
          r.pos,
          `${df}.length`,
          `${rsdEnd - r.pos} octets after the contents`,
        );
      r.leave(inRsd);
      routeSelectionDescriptors.push({ precedence: p, components });
    }
    r.leave(inList);
    if (r.pos !== ruleEnd)
      throw new UrspDecodeError(
        "LENGTH_MISMATCH",
        r.pos,
        `${rf}.length`,
        `${ruleEnd - r.pos} octets after the rule contents`,
      );
    r.leave(inRule);
    rules.push({ precedence: rulePrecedence, trafficDescriptor, routeSelectionDescriptors });
  }
  r.limit = savedLimit;
  return { rules };
}

/**
 * Decodes UE policy part contents of type URSP (one or more URSP rules). Total: any malformed input raises
 * UrspDecodeError with the byte offset and field; never another exception.
 */
export function decodeUrsp(bytes: Uint8Array): UrspPolicy {
  const r = new Reader(bytes);
  return guard(() => readUrsp(r, bytes.length));
}

/** Runs a decoder, converting any unexpected exception into a UrspDecodeError (defence in depth). */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UrspDecodeError) throw e;
    throw new UrspDecodeError("INVALID_VALUE", 0, "input", `internal decoder failure: ${(e as Error)?.message ?? e}`);
  }
}
