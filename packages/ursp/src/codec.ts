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

// Position of the element being encoded/decoded. Component codecs report errors relative to their component; the
// rule codec turns that into an absolute path/field only when an error is thrown, so encoding and decoding valid
// input build no path strings.
const Where = { Rule: 0, Traffic: 1, Descriptor: 2, RouteComponent: 3 } as const;
type Where = (typeof Where)[keyof typeof Where];
const at: { rule: number; where: Where; rsd: number; comp: number; type: string } = {
  rule: 0,
  where: Where.Rule,
  rsd: 0,
  comp: 0,
  type: "",
};

function encodePath(rel: string): string {
  let p = `/rules/${at.rule}`;
  if (at.where === Where.Traffic) p += `/trafficDescriptor/${at.comp}`;
  else if (at.where === Where.Descriptor) p += `/routeSelectionDescriptors/${at.rsd}`;
  else if (at.where === Where.RouteComponent) p += `/routeSelectionDescriptors/${at.rsd}/components/${at.comp}`;
  return rel === "" ? p : `${p}/${rel}`;
}

function decodeField(base: string, rel: string): string {
  let f = `${base}.rule[${at.rule}]`;
  if (at.where === Where.Traffic) f += `.trafficDescriptor[${at.comp}]${at.type ? `(${at.type})` : ""}`;
  else if (at.where === Where.Descriptor) f += `.routeSelectionDescriptor[${at.rsd}]`;
  else if (at.where === Where.RouteComponent)
    f += `.routeSelectionDescriptor[${at.rsd}].components[${at.comp}]${at.type ? `(${at.type})` : ""}`;
  return rel === "" ? f : rel.startsWith(".") ? f + rel : `${f}.${rel}`;
}

function precedence(v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 255)
    throw new UrspEncodeError(
      "INVALID_VALUE",
      "precedence",
      `precedence must be an integer 0..255, got ${JSON.stringify(v)}`,
    );
  return v;
}

function encodeComponents<C extends { type: string }>(
  w: Writer,
  list: unknown,
  table: Record<string, ComponentCodec<C>>,
  where: Where,
  what: string,
): void {
  const n = (list as unknown[]).length;
  let singletons: string[] | undefined;
  for (let i = 0; i < n; i++) {
    const c = (list as C[])[i] as C;
    at.comp = i;
    at.where = where;
    const codec = c !== null && typeof c === "object" ? table[c.type] : undefined;
    if (!codec) structure("type", `unknown ${what} component type ${JSON.stringify((c as { type?: unknown })?.type)}`);
    if (codec.alone && n > 1) structure("", `${c.type} must be the only component of its ${what}`);
    if (codec.singleton) {
      singletons ??= [];
      if (singletons.includes(c.type)) structure("", `${c.type} may appear only once in a ${what}`);
      singletons.push(c.type);
    }
    w.u8(codec.id);
    codec.encode(w, c, "");
  }
}

function encodeRule(w: Writer, rule: UrspRule): void {
  at.where = Where.Rule;
  if (rule === null || typeof rule !== "object") structure("", "rule must be an object");
  const ruleAt = w.mark(2);
  w.u8(precedence(rule.precedence));
  const tdAt = w.mark(2);
  const td = rule.trafficDescriptor;
  if (!Array.isArray(td) || td.length === 0)
    structure("trafficDescriptor", "a traffic descriptor needs at least one component");
  encodeComponents(w, td, TD_TABLE, Where.Traffic, "traffic descriptor");
  at.where = Where.Rule;
  w.patch(tdAt, 2, "trafficDescriptor", "traffic descriptor");
  const listAt = w.mark(2);
  const rsds = rule.routeSelectionDescriptors;
  if (!Array.isArray(rsds) || rsds.length === 0)
    structure("routeSelectionDescriptors", "a rule needs at least one route selection descriptor");
  for (let i = 0; i < rsds.length; i++) {
    const rsd = rsds[i] as RouteSelectionDescriptor;
    at.rsd = i;
    at.where = Where.Descriptor;
    if (rsd === null || typeof rsd !== "object") structure("", "route selection descriptor must be an object");
    const rsdAt = w.mark(2);
    w.u8(precedence(rsd.precedence));
    const contentsAt = w.mark(2);
    if (!Array.isArray(rsd.components)) structure("components", "must be an array");
    encodeComponents(w, rsd.components, RSD_TABLE, Where.RouteComponent, "route selection descriptor");
    at.where = Where.Descriptor;
    w.patch(contentsAt, 2, "components", "route selection descriptor contents");
    w.patch(rsdAt, 2, "", "route selection descriptor");
  }
  at.where = Where.Rule;
  w.patch(listAt, 2, "routeSelectionDescriptors", "route selection descriptor list");
  w.patch(ruleAt, 2, "", "URSP rule");
}

/** Writes the URSP rules of `policy` into `w`; error paths are prefixed with `base` (used by the delivery layer). */
export function writeUrsp(w: Writer, policy: UrspPolicy, base = ""): void {
  if (policy === null || typeof policy !== "object" || !Array.isArray(policy.rules))
    structure(`${base}/rules`, "policy.rules must be an array");
  if (policy.rules.length === 0) structure(`${base}/rules`, "a URSP policy needs at least one rule");
  try {
    for (let i = 0; i < policy.rules.length; i++) {
      at.rule = i;
      encodeRule(w, policy.rules[i] as UrspRule);
    }
  } catch (e) {
    if (e instanceof UrspEncodeError) throw new UrspEncodeError(e.code, base + encodePath(e.path), e.detail);
    throw e;
  }
}

/**
 * Encodes a URSP policy as the UE policy part contents of type URSP (a sequence of URSP rules, TS 24.526 fig. 5.2.1).
 * Checks value ranges, canonical text forms and the structural rules (match-all and non-seamless offload alone,
 * singleton components, S-NSSAI SST or SST+SD, DNN/FQDN label limits); throws UrspEncodeError otherwise.
 */
export function encodeUrsp(policy: UrspPolicy): Uint8Array {
  // One scratch buffer is reused across calls (encoding never re-enters itself); the result is a copy.
  const w = scratch;
  w.pos = 0;
  writeUrsp(w, policy);
  const out = w.finish();
  if (w.buf.length > 1 << 20) scratch = new Writer(4096);
  return out;
}

let scratch = new Writer(4096);

function decodeComponents<C extends { type: string }>(
  r: Reader,
  end: number,
  byId: ((ComponentCodec<C> & { type: string }) | undefined)[],
  where: Where,
  what: string,
): C[] {
  const saved = r.enter(end);
  const out: C[] = [];
  let singletons: string[] | undefined;
  let aloneAt = -1;
  const start = r.pos;
  while (r.pos < end) {
    const pos = r.pos;
    const id = r.buf[r.pos++] as number;
    const codec = byId[id];
    at.where = where;
    at.comp = out.length;
    at.type = "";
    if (!codec)
      throw new UrspDecodeError(
        "UNKNOWN_COMPONENT",
        pos,
        "type",
        `unknown ${what} component type identifier 0x${id.toString(16).padStart(2, "0")}`,
      );
    if (codec.alone) aloneAt = pos;
    if (codec.singleton) {
      singletons ??= [];
      if (singletons.includes(codec.type))
        throw new UrspDecodeError("STRUCTURE", pos, "", `${codec.type} appears more than once in a ${what}`);
      singletons.push(codec.type);
    }
    at.type = codec.type;
    out.push(codec.decode(r, ""));
  }
  at.where = where === Where.Traffic ? Where.Rule : Where.Descriptor;
  const listName = where === Where.Traffic ? "trafficDescriptor" : "components";
  if (aloneAt >= 0 && out.length > 1) {
    const c = byId[r.buf[aloneAt] as number];
    throw new UrspDecodeError("STRUCTURE", aloneAt, listName, `${c?.type} must be the only component of its ${what}`);
  }
  if (out.length === 0 && where === Where.Traffic)
    throw new UrspDecodeError("EMPTY", start, listName, "traffic descriptor without components");
  r.leave(saved);
  return out;
}

function readRules(r: Reader, end: number, rules: UrspRule[]): void {
  while (r.pos < end) {
    at.rule = rules.length;
    at.where = Where.Rule;
    const ruleEnd = r.lengthEnd(2, "length");
    const inRule = r.enter(ruleEnd);
    const rulePrecedence = r.u8("precedence");
    const tdEnd = r.lengthEnd(2, "trafficDescriptorLength");
    const trafficDescriptor = decodeComponents(r, tdEnd, TD_BY_ID, Where.Traffic, "traffic descriptor");
    at.where = Where.Rule;
    const listEnd = r.lengthEnd(2, "routeSelectionDescriptorListLength");
    if (listEnd === r.pos)
      throw new UrspDecodeError("EMPTY", r.pos - 2, "routeSelectionDescriptorList", "no route selection descriptor");
    const inList = r.enter(listEnd);
    const routeSelectionDescriptors: RouteSelectionDescriptor[] = [];
    while (r.pos < listEnd) {
      at.rsd = routeSelectionDescriptors.length;
      at.where = Where.Descriptor;
      const rsdEnd = r.lengthEnd(2, "length");
      const inRsd = r.enter(rsdEnd);
      const p = r.u8("precedence");
      const contentsEnd = r.lengthEnd(2, "contentsLength");
      const components = decodeComponents(
        r,
        contentsEnd,
        RSD_BY_ID,
        Where.RouteComponent,
        "route selection descriptor",
      );
      if (r.pos !== rsdEnd)
        throw new UrspDecodeError("LENGTH_MISMATCH", r.pos, "length", `${rsdEnd - r.pos} octets after the contents`);
      r.leave(inRsd);
      routeSelectionDescriptors.push({ precedence: p, components });
    }
    r.leave(inList);
    at.where = Where.Rule;
    if (r.pos !== ruleEnd)
      throw new UrspDecodeError(
        "LENGTH_MISMATCH",
        r.pos,
        "length",
        `${ruleEnd - r.pos} octets after the rule contents`,
      );
    r.leave(inRule);
    rules.push({ precedence: rulePrecedence, trafficDescriptor, routeSelectionDescriptors });
  }
}

/** Reads URSP rules from `r.pos` to `end`; error fields are prefixed with `field`. */
export function readUrsp(r: Reader, end: number, field = "ursp"): UrspPolicy {
  if (r.pos >= end) throw new UrspDecodeError("EMPTY", r.pos, field, "no URSP rule");
  const savedLimit = r.limit;
  r.limit = end;
  const rules: UrspRule[] = [];
  try {
    readRules(r, end, rules);
  } catch (e) {
    if (e instanceof UrspDecodeError)
      throw new UrspDecodeError(e.code, e.offset, decodeField(field, e.field), e.detail);
    throw e;
  }
  r.limit = savedLimit;
  return { rules };
}

/**
 * Decodes UE policy part contents of type URSP (one or more URSP rules). Total: any malformed input raises
 * UrspDecodeError with the byte offset and field; never another exception.
 */
export function decodeUrsp(bytes: Uint8Array): UrspPolicy {
  try {
    return readUrsp(new Reader(bytes), bytes.length);
  } catch (e) {
    throw asDecodeError(e);
  }
}

/** Any exception escaping a decoder becomes a UrspDecodeError (defence in depth: decoding is total). */
export function asDecodeError(e: unknown): UrspDecodeError {
  if (e instanceof UrspDecodeError) return e;
  return new UrspDecodeError("INVALID_VALUE", 0, "input", `internal decoder failure: ${(e as Error)?.message ?? e}`);
}

/** Runs a decoder through asDecodeError. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asDecodeError(e);
  }
}
