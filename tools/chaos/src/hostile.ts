/**
 * The hostile-input suite, one generator for every contract: from each operation and one valid request for it (a
 * contract's base table, see hostile-contracts.ts), it derives invalid requests — wrong methods, path tricks on
 * every path parameter, query parameters missing, repeated or broken against their declared schema (types, enums,
 * patterns, bounds, array sizes), header abuse (Accept, declared header parameters, Authorization, cookies), bodies
 * of every wrong shape the schema allows to name down to nested fields (types, missing and unknown fields,
 * boundaries, encodings, sizes, nesting), content types, charsets and encodings — and a raw-socket set (NUL bytes,
 * oversized headers, `OPTIONS *`, broken request lines and chunking). Every answer must be < 500 (or a 5xx the
 * operation declares), an error in the contract's own error body, and the server must still answer afterwards.
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { pool, prng } from "./money.js";

const specs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "specs");

export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  maximum?: number;
  minimum?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

interface Parameter {
  $ref?: string;
  name: string;
  in: "query" | "path" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: {
    content?: Record<string, { schema?: Schema; examples?: Record<string, { $ref?: string; value?: unknown }> }>;
  };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}

export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, Schema>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
    examples?: Record<string, { value?: unknown }>;
  };
}

export interface BaseRequest {
  method: string;
  /** Path and query, e.g. `/919876543210/planStatus?key_type=MSISDN`. */
  url: string;
  headers?: Record<string, string>;
  /** A JSON value (sent as JSON, or as a form for `application/x-www-form-urlencoded`), or a string sent as is. */
  body?: unknown;
  /** The path parameters' values as they appear in `url`, by name (each gets the path tricks). */
  pathParams?: Record<string, string>;
  /** The body's schema, for contracts without a spec (the entitlement admin API). */
  bodySchema?: Schema;
  /** Protocol-level bodies of the table's own (e.g. malformed EAP packets inside a valid relay body). */
  bodyVariants?: Array<[string, unknown]>;
}

/** One valid request of an operation; `name` tells several of one operation apart (EAP start, token, relay). */
export interface OperationCase {
  operationId: string;
  name?: string;
  base: BaseRequest;
}

/** What one error answer is checked against; returns why it is not the contract's error body, if it is not. */
export type ErrorShapeCheck = (answer: {
  operationId?: string;
  status: number;
  contentType: string;
  body: unknown;
}) => string | undefined;

/** A contract under attack: its spec (none for a hand-written table), base requests and error shape. */
export interface HostileContract {
  name: string;
  spec?: Spec;
  cases: OperationCase[];
  errorShape: ErrorShapeCheck;
  /**
   * Values made fresh for each request: `{{name}}` in a variant's URL, headers or body is replaced by `fresh[name]()`
   * just before it is sent (e.g. a new EAP session cookie for each relay POST, since a failed round ends its session).
   */
  fresh?: Record<string, () => Promise<string>>;
}

export interface HostileRequest {
  operationId: string;
  /** What was broken, e.g. `body.planId: number instead of string`. */
  mutation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw bytes or a string body, sent as is. */
  body?: string | Buffer;
}

/** A raw request written to the socket as is (for what fetch refuses to send). */
export interface RawRequest {
  mutation: string;
  bytes: Buffer;
  /**
   * Half-close the connection after writing (for a body shorter than its Content-Length: the end of the stream is
   * the attack). Otherwise the socket stays open until the server answers and closes, as real clients do — node
   * drops a request still being processed when its client half-closes.
   */
  halfClose?: boolean;
}

export function loadSpec(contract: string): Spec {
  return parse(readFileSync(join(specs, contract, "openapi.yaml"), "utf8")) as Spec;
}

function resolve<T>(spec: Spec | undefined, value: T & { $ref?: string }, depth = 0): T {
  const ref = value?.$ref;
  if (!spec || !ref?.startsWith("#/") || depth > 20) return value;
  let cur: unknown = spec;
  for (const part of ref.slice(2).split("/")) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return resolve(spec, cur as T & { $ref?: string }, depth + 1);
}

function deref(spec: Spec | undefined, s: Schema | undefined, depth = 0): Schema | undefined {
  if (!s || depth > 20) return s;
  if (s.$ref) return deref(spec, resolve(spec, s), depth + 1);
  if (s.allOf) {
    const parts = s.allOf.map((p) => deref(spec, p, depth + 1) ?? {});
    return {
      ...s,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties),
      required: [...parts.flatMap((p) => p.required ?? []), ...(s.required ?? [])],
    };
  }
  return s;
}

const typesOf = (s: Schema | undefined): string[] =>
  s?.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];

/** Values of every JSON type the schema does not allow. */
function wrongTypes(s: Schema | undefined): Array<[string, unknown]> {
  const allowed = new Set(typesOf(s));
  if (allowed.size === 0 && !s?.oneOf && !s?.anyOf) return [];
  for (const alt of [...(s?.oneOf ?? []), ...(s?.anyOf ?? [])]) for (const t of typesOf(alt)) allowed.add(t);
  if (allowed.has("number")) allowed.add("integer");
  const all: Array<[string, unknown]> = [
    ["string", "x"],
    ["number", 12345.5],
    ["integer", -1],
    ["boolean", true],
    ["null", null],
    ["array", ["x"]],
    ["object", { a: 1 }],
  ];
  return all.filter(([k]) => !allowed.has(k));
}

const PATH_TRICKS = [
  "",
  "%00",
  "..%2F..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%E0%A4%A",
  "%ZZ",
  "%C0%AE%C0%AE",
  "x".repeat(5000),
  "%F0%9F%98%80",
  "a;b=c",
  "a%20b",
  "%5C..%5C",
  "__proto__",
  "constructor",
  "a%2Fb",
  "-1",
];

const BAD_BODIES: Array<[string, string | Buffer]> = [
  ["empty body", ""],
  ["null", "null"],
  ["array", "[]"],
  ["string", '"x"'],
  ["number", "1"],
  ["truncated JSON", '{"a":'],
  ["trailing garbage", "{} x"],
  ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ["UTF-8 BOM", Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])],
  ["NUL in JSON", '{"a":"\u0000"}'],
  ["lone surrogate escape", '{"a":"\\ud800"}'],
  ["deep nesting", `${"[".repeat(20_000)}${"]".repeat(20_000)}`],
  ["deep object nesting", `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`],
  ["1 MB body", JSON.stringify({ pad: "x".repeat(1_000_000) })],
  ["__proto__ key", '{"__proto__":{"polluted":true}}'],
  ["constructor.prototype key", '{"constructor":{"prototype":{"polluted":true}}}'],
  ["duplicate keys", '{"a":1,"a":2}'],
  ["huge number", `{"a":1${"0".repeat(400)}}`],
];

const FORM_BODIES: Array<[string, string]> = [
  ["form: bad escape", "grant_type=%ZZ&a=%E0%A4%A"],
  ["form: only separators", "=&=&&="],
  ["form: NUL", "grant_type=client_credentials%00"],
  ["form: bracket keys", "grant_type[]=client_credentials&a[b][c]=d"],
  ["form: 2,000 fields", Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join("&")],
  ["form: JSON", '{"grant_type":"client_credentials"}'],
];

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "application/json; charset=",
  "multipart/form-data; boundary=x",
  "application/json; boundary=",
  "application/xml",
  "text/vnd.wap.connectivity-xml",
  "application/vnd.gsma.eap-relay.v1.0+json",
  "application/json, text/plain",
  "*/*",
  "",
];

const jsonLike = (ct: string) => /^application\/(.+\+)?json\b/i.test(ct);
const formLike = (ct: string) => /^application\/x-www-form-urlencoded\b/i.test(ct);

/** The body as bytes for its content type: JSON, or a form (arrays as repeated fields, objects as JSON). */
export function encodeBody(contentType: string, body: unknown): string {
  if (typeof body === "string") return body;
  if (formLike(contentType) && body && typeof body === "object" && !Array.isArray(body)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>))
      for (const item of Array.isArray(v) ? v : [v])
        form.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
    return form.toString();
  }
  return JSON.stringify(body);
}

function withQuery(url: string, edit: (q: URLSearchParams) => void): string {
  const [path, query = ""] = url.split("?");
  const q = new URLSearchParams(query);
  edit(q);
  const s = q.toString();
  return s ? `${path}?${s}` : path!;
}

function findOperation(spec: Spec | undefined, operationId: string): (Operation & { path: string }) | undefined {
  for (const [path, item] of Object.entries(spec?.paths ?? {}))
    for (const op of Object.values(item)) if (op?.operationId === operationId) return { ...op, path };
  return undefined;
}

/** The statuses an operation declares. */
function declared(spec: Spec | undefined, operationId: string): Set<string> {
  return new Set(Object.keys(findOperation(spec, operationId)?.responses ?? {}));
}

/** The first named example of an operation's request body for a media type (`$ref`s resolved), if any. */
export function exampleBody(spec: Spec, operationId: string, mediaType = "application/json"): unknown {
  const media = findOperation(spec, operationId)?.requestBody?.content?.[mediaType];
  const first = Object.values(media?.examples ?? {})[0];
  return first ? structuredClone(resolve(spec, first).value) : undefined;
}

/** A copy of `value` with the element at `path` replaced (or removed, for `undefined` with `remove`). */
function setAt(value: unknown, path: Array<string | number>, next: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = next;
  return copy;
}

const BAD_DATES = ["2026-13-01T00:00:00Z", "2026-02-30T25:61:60+24:00", "9999-12-31T23:59:60Z", "yesterday", "0"];
const BAD_URIS = ["not a uri", "javascript:alert(1)", `http://${"a".repeat(3000)}`, "http://[::1"];

interface BodyMutation {
  mutation: string;
  /** Where in the body (empty: the whole body). */
  path: Array<string | number>;
  value?: unknown;
  remove?: boolean;
}

/**
 * Schema-driven mutations of a JSON value: for each property (recursing into nested objects and the first item of
 * arrays, to `depth` levels) wrong types, missing required fields, unknown fields, length, enum, pattern, format,
 * numeric and array-size boundaries.
 */
function valueMutations(
  spec: Spec | undefined,
  schema: Schema | undefined,
  value: unknown,
  path: Array<string | number>,
  depth: number,
): BodyMutation[] {
  const s = deref(spec, schema);
  if (!s) return [];
  const label = path.length ? `body.${path.join(".")}` : "body";
  const out: BodyMutation[] = [];
  const put = (what: string, v: unknown) => out.push({ mutation: `${label}: ${what}`, path, value: v });
  const types = typesOf(s);
  if (path.length) {
    for (const [t, v] of wrongTypes(s)) put(t, v);
    if (s.maxLength !== undefined) put("maxLength + 1", "x".repeat(s.maxLength + 1));
    if (s.minLength) put("below minLength", "");
    if (s.enum) put("not in the enum", "NOT_A_VALUE");
    if (s.pattern) put("against the pattern", "!!\u0000 ");
    if (s.format === "date-time") for (const d of BAD_DATES) put(d, d);
    if (s.format === "uri") for (const u of BAD_URIS) put(u.slice(0, 20), u);
    if (s.maximum !== undefined) put("maximum + 1", s.maximum + 1);
    if (s.minimum !== undefined) put("minimum - 1", s.minimum - 1);
    if (types.includes("integer")) put("fraction", 1.5);
    if (types.includes("string")) {
      put("NUL", "a\u0000b");
      put("lone surrogate", "\ud800");
    }
    if (types.some((t) => t === "integer" || t === "number")) {
      put("1e308", 1e308);
      put("-0", -0);
    }
  }
  if (depth <= 0) return out;
  if (s.properties && value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const req of s.required ?? [])
      out.push({ mutation: `${label}.${req} missing`, path: [...path, req], remove: true });
    if (s.additionalProperties === false || s.additionalProperties === undefined)
      out.push({ mutation: `${label} with an unknown field`, path: [...path, "unknownField"], value: 1 });
    for (const [name, raw] of Object.entries(s.properties))
      out.push(...valueMutations(spec, raw, obj[name], [...path, name], obj[name] === undefined ? 0 : depth - 1));
  }
  if (types.includes("array") || s.items) {
    if (path.length) {
      if (s.maxItems !== undefined)
        put(
          "maxItems + 1",
          Array.from({ length: s.maxItems + 1 }, () => (Array.isArray(value) ? value[0] : "x")),
        );
      if (s.minItems) put("below minItems", []);
      put(
        "100,000 items",
        Array.from({ length: 100_000 }, () => 0),
      );
    }
    if (Array.isArray(value) && value.length > 0)
      out.push(...valueMutations(spec, s.items, value[0], [...path, 0], depth - 1));
  }
  return out;
}

/** A declared parameter's broken values (schema-informed). */
function parameterValues(spec: Spec | undefined, p: Parameter): Array<[string, string]> {
  const s = deref(spec, p.schema);
  const items = deref(spec, s?.items);
  const out: Array<[string, string]> = [];
  const scalar = items ?? s;
  if (typesOf(scalar).some((t) => t === "integer" || t === "number"))
    out.push(["1.5", "1.5"], ["abc", "abc"], ["1e309", "1e309"], ["0x10", "0x10"], [" 1", " 1"], ["-", "-"]);
  if (scalar?.maximum !== undefined) out.push(["maximum + 1", String(scalar.maximum + 1)]);
  if (scalar?.minimum !== undefined) out.push(["minimum - 1", String(scalar.minimum - 1)]);
  if (scalar?.maxLength !== undefined) out.push(["maxLength + 1", "x".repeat(scalar.maxLength + 1)]);
  if (scalar?.enum) out.push(["not in the enum", "NOT_A_VALUE"]);
  if (scalar?.pattern) out.push(["against the pattern", "!!"]);
  if (typesOf(scalar).includes("boolean")) out.push(["not a boolean", "maybe"]);
  return out;
}

function parametersOf(spec: Spec | undefined, op: Operation | undefined): Parameter[] {
  return (op?.parameters ?? []).map((p) => resolve(spec, p));
}

/** Every hostile variant of one valid request of an operation. */
export function hostileVariants(spec: Spec | undefined, c: OperationCase): HostileRequest[] {
  const { base, operationId } = c;
  const tag = c.name ? `${operationId} (${c.name})` : operationId;
  const out: HostileRequest[] = [];
  const op = findOperation(spec, operationId);
  const contentType = base.headers?.["Content-Type"] ?? (base.body !== undefined ? "application/json" : undefined);
  const baseHeaders = { ...(contentType ? { "Content-Type": contentType } : {}), ...base.headers };
  const baseBody = base.body === undefined ? undefined : encodeBody(contentType ?? "application/json", base.body);
  const add = (mutation: string, r: Partial<HostileRequest>) =>
    out.push({
      operationId: tag,
      mutation,
      method: r.method ?? base.method,
      url: r.url ?? base.url,
      headers: r.headers ?? baseHeaders,
      body: "body" in r ? r.body : baseBody,
    });
  const withHeaders = (edit: Record<string, string | undefined>) => {
    const h: Record<string, string> = { ...baseHeaders };
    for (const [k, v] of Object.entries(edit)) {
      for (const existing of Object.keys(h)) if (existing.toLowerCase() === k.toLowerCase()) delete h[existing];
      if (v !== undefined) h[k] = v;
    }
    return h;
  };

  // Methods.
  for (const m of ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", base.method === "GET" ? "POST" : "GET"])
    add(`method ${m}`, { method: m, body: m === "GET" || m === "HEAD" ? undefined : (baseBody ?? "{}") });

  // Path: every parameter, and the literal segments.
  const [basePath, baseQuery = ""] = base.url.split("?");
  const suffix = baseQuery ? `?${baseQuery}` : "";
  for (const [name, value] of Object.entries(base.pathParams ?? {}))
    for (const t of PATH_TRICKS)
      add(`path ${name} ${JSON.stringify(t.slice(0, 24))}`, {
        url: `${basePath!.replace(encodeURIComponent(value), t)}${suffix}`,
      });
  for (const [what, path] of [
    ["trailing slash", `${basePath}/`],
    ["double slash", basePath!.replace(/^\//, "//")],
    ["extra segment", `${basePath}/extra`],
    ["upper case", basePath!.toUpperCase()],
    // The last separator encoded (not the first one: `%2Fx` is no path at all).
    ["encoded slash", basePath!.replace(/(.)\/([^/]*)$/, "$1%2F$2")],
    ["dot segment", `/.${basePath}`],
    ["semicolon parameter", `${basePath};jsessionid=1`],
  ] as const)
    if (path !== basePath) add(`path ${what}`, { url: `${path}${suffix}` });

  // Query: the base's parameters, then every declared one.
  for (const [name] of new URLSearchParams(baseQuery)) {
    add(`query ${name} missing`, { url: withQuery(base.url, (q) => q.delete(name)) });
    for (const v of ["", "NOPE", "x".repeat(3000), "%00", "\u0000", "😀", "[]", "a,b"])
      add(`query ${name}=${JSON.stringify(v.slice(0, 12))}`, { url: withQuery(base.url, (q) => q.set(name, v)) });
    add(`query ${name} twice`, { url: withQuery(base.url, (q) => q.append(name, q.get(name) ?? "x")) });
    add(`query ${name}[]`, { url: withQuery(base.url, (q) => q.append(`${name}[]`, "x")) });
  }
  const params = parametersOf(spec, op);
  for (const p of params.filter((x) => x.in === "query")) {
    for (const [what, v] of parameterValues(spec, p))
      add(`query ${p.name}: ${what}`, { url: withQuery(base.url, (q) => q.set(p.name, v)) });
    const s = deref(spec, p.schema);
    if (s?.maxItems !== undefined)
      add(`query ${p.name}: maxItems + 1`, {
        url: withQuery(base.url, (q) => {
          q.delete(p.name);
          for (let i = 0; i <= s.maxItems!; i++) q.append(p.name, q.get(p.name) ?? "ap2010");
        }),
      });
  }
  add("unknown query parameter", { url: withQuery(base.url, (q) => q.set("__proto__", "x")) });
  add("query with a bad escape", { url: `${base.url}${base.url.includes("?") ? "&" : "?"}a=%E0%A4%A` });
  add("query of 1,000 parameters", {
    url: `${basePath}?${[baseQuery, ...Array.from({ length: 1000 }, (_, i) => `p${i}=1`)].filter(Boolean).join("&")}`,
  });
  add("query without a value", { url: `${base.url}${base.url.includes("?") ? "&" : "?"}flag` });

  // Headers.
  for (const [h, v] of [
    ["Accept-Language", "%%%;q=x,,"],
    ["Accept-Language", "x".repeat(4000)],
    ["Accept", "image/png"],
    ["Accept", "application/json;q=0, */*;q=0"],
    ["Accept", "text/vnd.wap.connectivity-xml"],
    ["Accept", "application/vnd.gsma.eap-relay.v1.0+json"],
    ["Accept", "x".repeat(4000)],
    ["Cache-Control", "no-cache, max-age=-1, ".repeat(50)],
    ["X-Forwarded-For", "999.999.999.999"],
    ["Host", "evil.example"],
    ["Content-Encoding", "gzip"],
    ["Content-Encoding", "x-unknown"],
    ["If-None-Match", "*"],
    ["Range", "bytes=0-0,1-1,2-2"],
  ] as const)
    add(`header ${h}: ${v.slice(0, 24)}`, { headers: withHeaders({ [h]: v }) });
  for (const p of params.filter((x) => x.in === "header" && x.name.toLowerCase() !== "cookie"))
    for (const [what, v] of parameterValues(spec, p))
      add(`header ${p.name}: ${what}`, { headers: withHeaders({ [p.name]: v }) });
  const auth = Object.entries(baseHeaders).find(([k]) => k.toLowerCase() === "authorization")?.[1];
  if (auth) {
    const [scheme = "", credential = ""] = auth.split(" ", 2);
    for (const [what, v] of [
      ["missing", undefined],
      ["scheme only", scheme],
      ["other scheme", `${scheme.toLowerCase() === "basic" ? "Bearer" : "Basic"} ${credential}`],
      ["truncated", `${scheme} ${credential.slice(0, Math.max(1, credential.length - 5))}`],
      ["garbage", `${scheme} !!!"\u00ff`],
      ["10 KB credential", `${scheme} ${"a".repeat(10_000)}`],
      ["two credentials", `${auth}, ${auth}`],
      ["not base64", `${scheme} %%%%`],
    ] as const)
      add(`Authorization ${what}`, { headers: withHeaders({ Authorization: v }) });
  }
  const cookieParam = params.some((p) => p.in === "header" && p.name.toLowerCase() === "cookie");
  const cookie = Object.entries(baseHeaders).find(([k]) => k.toLowerCase() === "cookie")?.[1];
  if (cookie || cookieParam) {
    const name = (cookie ?? "SESSION=").split("=")[0]!;
    for (const [what, v] of [
      ["missing", undefined],
      ["empty", ""],
      ["name only", `${name}=`],
      ["unknown id", `${name}=${"0".repeat(32)}`],
      ["not hex", `${name}=zz-not-an-id`],
      ["5 KB", `${name}=${"f".repeat(5000)}`],
      ["twice", `${cookie ?? `${name}=a`}; ${name}=b`],
      ["separators only", ";;; ;="],
      ["NUL escape", `${name}=%00`],
      ["200 cookies", Array.from({ length: 200 }, (_, i) => `c${i}=${i}`).join("; ")],
      ["quoted", `${name}="${"a".repeat(32)}"`],
    ] as const)
      add(`Cookie ${what}`, { headers: withHeaders({ Cookie: v }) });
  }

  // Bodies.
  if (base.body !== undefined) {
    const ct = contentType ?? "application/json";
    for (const [name, body] of BAD_BODIES) add(`body ${name}`, { body });
    if (formLike(ct)) for (const [name, body] of FORM_BODIES) add(`body ${name}`, { body });
    for (const t of CONTENT_TYPES.filter((x) => x.toLowerCase() !== ct.toLowerCase()))
      add(`content type ${JSON.stringify(t)}`, { headers: withHeaders({ "Content-Type": t }) });
    add("no content type", { headers: withHeaders({ "Content-Type": undefined }) });
    add("content type with a random parameter", { headers: withHeaders({ "Content-Type": `${ct}; x-random=1` }) });
    const media = op?.requestBody?.content;
    const schema =
      base.bodySchema ?? media?.[ct.split(";")[0]!.trim()]?.schema ?? Object.values(media ?? {})[0]?.schema;
    for (const m of valueMutations(spec, schema, base.body, [], 4))
      add(m.mutation, { body: encodeBody(ct, m.path.length ? setAt(base.body, m.path, m.value, m.remove) : m.value) });
    if (jsonLike(ct)) add("body as a form", { body: encodeBody("application/x-www-form-urlencoded", base.body) });
    for (const [name, body] of base.bodyVariants ?? []) add(`body ${name}`, { body: encodeBody(ct, body) });
  } else if (base.method !== "GET") {
    add("unexpected body", { body: '{"a":1}', headers: withHeaders({ "Content-Type": "application/json" }) });
  }
  return out;
}

/** Requests fetch cannot send: written to a socket as bytes. */
export function rawVariants(host: string, path: string, headers: Record<string, string> = {}): RawRequest[] {
  const extra = Object.entries(headers)
    .filter(([k]) => /^(authorization|cookie)$/i.test(k))
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  const req = (mutation: string, text: string | Buffer, halfClose = false): RawRequest => ({
    mutation,
    bytes: typeof text === "string" ? Buffer.from(text, "latin1") : text,
    halfClose,
  });
  const post = (more: string, body: string) =>
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Content-Type: application/json\r\n${more}Connection: close\r\n\r\n${body}`;
  return [
    req("OPTIONS *", `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req("GET *", `GET * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req("TRACE", `TRACE ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req(
      "NUL byte in a header",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}X-Test: a\u0000b\r\nConnection: close\r\n\r\n`,
    ),
    req(
      "oversized header (32 KB)",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"x".repeat(32_768)}\r\nConnection: close\r\n\r\n`,
    ),
    req(
      "header without a colon",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nBroken header\r\nConnection: close\r\n\r\n`,
    ),
    req("garbage request line", "GARBAGE\r\n\r\n"),
    req("HTTP/0.9", `GET ${path}\r\n\r\n`),
    req("bad HTTP version", `GET ${path} HTTP/9.9\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req("missing Host", `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`),
    req("two Host headers", `GET ${path} HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n`),
    req("bad chunked body", post("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n")),
    req(
      "Content-Length and Transfer-Encoding",
      post("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"),
    ),
    req("non-numeric Content-Length", post("Content-Length: abc\r\n", "{}")),
    req("two Content-Lengths", post("Content-Length: 2\r\nContent-Length: 3\r\n", "{}")),
    req("negative Content-Length", post("Content-Length: -1\r\n", "{}")),
    req("unsupported Transfer-Encoding", post("Transfer-Encoding: gzip\r\n", "{}")),
    req("gzip body that is not gzip", post("Content-Encoding: gzip\r\nContent-Length: 2\r\n", "{}")),
    req("Content-Length longer than the body", post("Content-Length: 100\r\n", "{}"), true),
    req("Expect: 100-continue", post("Expect: 100-continue\r\nContent-Length: 2\r\n", "{}")),
    req("Expect: something else", post("Expect: 42-nonsense\r\nContent-Length: 2\r\n", "{}")),
    req(
      "absolute URI to another host",
      `GET http://evil.example${path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    ),
    req("path with raw spaces and NUL", `GET /a b\u0000 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req(
      "raw non-ASCII path",
      Buffer.concat([
        Buffer.from("GET /\u00e9\u00ff"),
        Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      ]),
    ),
  ];
}

export interface HostileAnswer {
  mutation: string;
  operationId?: string;
  status: number;
  /** Why the answer breaks the contract (5xx, not its error body, dropped), if it does. */
  problem?: string;
  /** The start of the body, for failures. */
  sample?: string;
}

/** Sends raw bytes and reads the status line and body of the answer (status 0 if the server closed without one). */
export function sendRaw(
  port: number,
  bytes: Buffer,
  options: { timeoutMs?: number; halfClose?: boolean } = {},
): Promise<{ status: number; body: string; contentType: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    const done = () => {
      socket.destroy();
      // Interim answers (100 Continue) come first: read the final one.
      while (/^HTTP\/1\.[01] 1\d\d /.test(data) && data.includes("\r\n\r\n"))
        data = data.slice(data.indexOf("\r\n\r\n") + 4);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      const i = data.indexOf("\r\n\r\n");
      const head = i >= 0 ? data.slice(0, i) : data;
      const contentType = /\r\ncontent-type: *([^\r\n]*)/i.exec(head)?.[1] ?? "";
      let body = i >= 0 ? data.slice(i + 4) : "";
      if (/\r\ntransfer-encoding: *chunked/i.test(head)) body = dechunk(body);
      resolve({ status: m ? Number(m[1]) : 0, body, contentType });
    };
    socket.setTimeout(options.timeoutMs ?? 10_000, done);
    socket.on("data", (d: Buffer) => {
      data += d.toString("latin1");
    });
    socket.on("end", done);
    socket.on("error", done);
    socket.on("connect", () => (options.halfClose ? socket.end(bytes) : socket.write(bytes)));
  });
}

function dechunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const nl = rest.indexOf("\r\n");
    if (nl < 0) return out;
    const size = Number.parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 4 + size);
  }
}

/**
 * An error-shape check from a spec: an error answer's body must match the schema its operation declares for that
 * status (JSON, served as JSON); an undeclared status, or a request no operation matched, is checked against the
 * contract's general error schema `fallback` (e.g. `GtafError`).
 */
export function specErrorShape(spec: Spec, fallback: string): ErrorShapeCheck {
  const base = "urn:carrierkit:hostile";
  const rebase = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rebase)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [
              k,
              k === "$ref" && typeof x === "string" && x.startsWith("#/") ? `${base}${x}` : rebase(x),
            ]),
          )
        : v;
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: base, components: rebase(spec.components ?? {}) } as never);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: Schema) => {
    let v = compiled.get(key);
    if (!v) {
      v = ajv.compile(rebase(schema) as never);
      compiled.set(key, v);
    }
    return v;
  };
  return ({ operationId, status, contentType, body }) => {
    const id = operationId?.replace(/ \(.*\)$/, "");
    const op = id ? findOperation(spec, id) : undefined;
    const declaredResponse = op?.responses?.[String(status)];
    const response = declaredResponse ? resolve(spec, declaredResponse) : undefined;
    const schema = response
      ? (response.content?.["application/json"]?.schema ?? Object.values(response.content ?? {})[0]?.schema)
      : { $ref: `#/components/schemas/${fallback}` };
    if (!schema) return body === undefined || body === "" ? undefined : `${status} declares no body, got one`;
    if (!jsonLike(contentType)) return `content type '${contentType || "(none)"}', not JSON`;
    const key = response ? `${id} ${status}` : fallback;
    const validate = validator(key, schema);
    if (validate(body)) return undefined;
    const e = validate.errors?.[0];
    return `not ${response ? `${id}'s ${status} body` : fallback}: ${e?.instancePath || "/"} ${e?.message ?? "invalid"}`;
  };
}

export interface HostileResult {
  contract: string;
  requests: number;
  /** Distinct generated variants (before the seeded repetition that fills `requests`). */
  variants: number;
  byStatus: Record<string, number>;
  /** Answers of 500, of another 5xx the operation does not declare (501 for an unserved client, 503 in maintenance
   * are contract answers), not in the contract's error body, or dropped. */
  failures: HostileAnswer[];
  aliveAfter: boolean;
  seconds: number;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function substitute(v: HostileRequest, fresh: HostileContract["fresh"]): Promise<HostileRequest> {
  if (!fresh) return v;
  const names = new Set<string>();
  const scan = (s: string | undefined) => {
    for (const m of s?.matchAll(/\{\{(\w+)\}\}/g) ?? []) names.add(m[1]!);
  };
  scan(v.url);
  for (const h of Object.values(v.headers)) scan(h);
  if (typeof v.body === "string") scan(v.body);
  if (names.size === 0) return v;
  const values = new Map<string, string>();
  for (const n of names) values.set(n, fresh[n] ? await fresh[n]() : "");
  const apply = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, n: string) => values.get(n) ?? "");
  return {
    ...v,
    url: apply(v.url),
    headers: Object.fromEntries(Object.entries(v.headers).map(([k, h]) => [k, apply(h)])),
    body: typeof v.body === "string" ? apply(v.body) : v.body,
  };
}

/** Every variant of every operation of a contract. */
export function contractVariants(contract: HostileContract): HostileRequest[] {
  return contract.cases.flatMap((c) => hostileVariants(contract.spec, c));
}

/**
 * Sends `total` requests (the first pass is every variant once; then variants picked by a seeded PRNG), then the
 * raw set, and checks every answer.
 */
export async function runHostile(options: {
  contract: HostileContract;
  url: string;
  /** Requests to send in all (default: one pass of every variant). */
  total?: number;
  connections?: number;
  alive: () => Promise<boolean>;
  seed?: number;
}): Promise<HostileResult> {
  const { contract } = options;
  const started = performance.now();
  const variants = contractVariants(contract);
  const rnd = prng(options.seed ?? 7);
  const u = new URL(options.url);
  const first = contract.cases[0]!;
  const bodyCase = contract.cases.find((c) => c.base.body !== undefined) ?? first;
  // Each raw request is a broken form of one operation's request: it may get any status that operation declares
  // (the entitlement server's per-IMSI EAP-start limit answers its declared 503 once the run has used the bucket).
  const raw = [
    ...rawVariants(u.host, first.base.url, first.base.headers).map((r) => ({ ...r, operationId: first.operationId })),
    ...rawVariants(u.host, bodyCase.base.url, bodyCase.base.headers)
      .filter((r) => r.bytes.includes("POST "))
      .map((r) => ({ ...r, operationId: bodyCase.operationId })),
  ];
  const total = Math.max(variants.length, (options.total ?? variants.length) - raw.length);
  const plan = Array.from({ length: total }, (_, i) =>
    i < variants.length ? variants[i]! : variants[Math.floor(rnd() * variants.length)]!,
  );
  const check = (
    v: { mutation: string; operationId?: string; method?: string },
    status: number,
    contentType: string,
    text: string,
  ): HostileAnswer => {
    const a: HostileAnswer = { mutation: v.mutation, operationId: v.operationId, status };
    const fail = (problem: string) => ({ ...a, problem, sample: text.slice(0, 200) });
    if (status === 0) return fail("dropped without an answer");
    const id = v.operationId?.replace(/ \(.*\)$/, "");
    if (status === 500 || (status > 500 && !(id && declared(contract.spec, id).has(String(status)))))
      return fail(`${status}`);
    if (status >= 400 && v.method !== "HEAD") {
      const why = contract.errorShape({ operationId: v.operationId, status, contentType, body: parseBody(text) });
      if (why) return fail(why);
    }
    return a;
  };
  const answers = await pool(
    options.connections ?? 8,
    plan.map((template) => async (): Promise<HostileAnswer> => {
      const v = await substitute(template, contract.fresh);
      try {
        const res = await fetch(`${options.url}${v.url}`, {
          method: v.method,
          headers: v.headers,
          body: v.body,
          redirect: "manual",
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        return check(v, res.status, res.headers.get("content-type") ?? "", text);
      } catch (err) {
        // fetch refuses some requests before sending (a header value it cannot encode, a forbidden method).
        if (err instanceof TypeError && !/fetch failed/.test(err.message))
          return { mutation: v.mutation, operationId: v.operationId, status: -1 };
        return check(v, 0, "", String((err as Error).cause ?? err));
      }
    }),
  );
  for (const r of raw) {
    const res = await sendRaw(Number(u.port), r.bytes, { halfClose: r.halfClose });
    // HTTP/0.9 and a garbage request line cannot be answered in HTTP/1.1; the server closes them.
    const unanswerable = r.mutation === "HTTP/0.9" && res.status === 0;
    answers.push(
      unanswerable
        ? { mutation: `raw: ${r.mutation}`, status: 0 }
        : check({ mutation: `raw: ${r.mutation}`, operationId: r.operationId }, res.status, res.contentType, res.body),
    );
  }
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return {
    contract: contract.name,
    requests: answers.length,
    variants: variants.length,
    byStatus,
    failures: answers.filter((a) => a.problem !== undefined),
    aliveAfter: await options.alive(),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Failures grouped by operation, mutation, status and problem. */
export function failureKinds(failures: HostileAnswer[]): Array<[string, number]> {
  const kinds = new Map<string, number>();
  for (const f of failures) {
    const k = `${f.operationId ?? "raw"} · ${f.mutation} → ${f.status}: ${f.problem}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]);
}
