/**
 * The hostile-input suite: from each operation of a contract and one valid request for it, a generator derives
 * invalid requests — wrong methods, path tricks, missing/wrong/duplicated/oversized query parameters, bodies of every
 * wrong shape the schema allows to name (types, missing and unknown fields, boundaries, encodings, sizes, nesting),
 * content types and charsets, header abuse — and a raw-socket set (NUL bytes, oversized headers, `OPTIONS *`, broken
 * request lines and chunking). Every answer must be < 500 and, for the HTTP ones, in the contract's error body; the
 * server must still answer afterwards.
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { pool, prng } from "./money.js";

const specs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "specs");

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  items?: Schema;
  maximum?: number;
  minimum?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, unknown>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface BaseRequest {
  method: string;
  /** Path and query, e.g. `/919876543210/planStatus?key_type=MSISDN`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
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
}

export function loadSpec(contract: string): Spec {
  return parse(readFileSync(join(specs, contract, "openapi.yaml"), "utf8")) as Spec;
}

function deref(spec: Spec, s: Schema | undefined, depth = 0): Schema | undefined {
  if (!s || depth > 20) return s;
  if (s.$ref?.startsWith("#/components/schemas/"))
    return deref(spec, spec.components?.schemas?.[s.$ref.slice(21)], depth + 1);
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

const typeOf = (s: Schema | undefined) => (Array.isArray(s?.type) ? s?.type[0] : s?.type);

/** Values of the wrong type for a schema of type `t`. */
function wrongTypes(t: string | undefined): Array<[string, unknown]> {
  const all: Array<[string, unknown]> = [
    ["string", "x"],
    ["number", 12345.5],
    ["integer", -1],
    ["boolean", true],
    ["null", null],
    ["array", ["x"]],
    ["object", { a: 1 }],
  ];
  return all.filter(([k]) => k !== t && !(t === "number" && k === "integer") && !(t === "integer" && k === "number"));
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
  ["NUL in JSON", '{"a":"\u0000"}'],
  ["deep nesting", `${"[".repeat(20_000)}${"]".repeat(20_000)}`],
  ["1 MB body", JSON.stringify({ pad: "x".repeat(1_000_000) })],
  ["__proto__ key", '{"__proto__":{"polluted":true}}'],
  ["duplicate keys", '{"a":1,"a":2}'],
];

const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "multipart/form-data; boundary=x",
  "application/json; boundary=",
  "application/xml",
  "",
];

function withQuery(url: string, edit: (q: URLSearchParams) => void): string {
  const [path, query = ""] = url.split("?");
  const q = new URLSearchParams(query);
  edit(q);
  const s = q.toString();
  return s ? `${path}?${s}` : path!;
}

function operation(spec: Spec, operationId: string) {
  for (const item of Object.values(spec.paths))
    for (const op of Object.values(item)) if (op.operationId === operationId) return op;
  return undefined;
}

/** The statuses an operation declares. */
function declared(spec: Spec, operationId: string): Set<string> {
  return new Set(Object.keys(operation(spec, operationId)?.responses ?? {}));
}

/** Every hostile variant of one valid request of an operation. */
export function hostileVariants(
  spec: Spec,
  operationId: string,
  base: BaseRequest,
  pathParam?: { value: string },
): HostileRequest[] {
  const out: HostileRequest[] = [];
  const baseHeaders = { ...(base.body !== undefined ? { "Content-Type": "application/json" } : {}), ...base.headers };
  const add = (mutation: string, r: Partial<HostileRequest>) =>
    out.push({
      operationId,
      mutation,
      method: r.method ?? base.method,
      url: r.url ?? base.url,
      headers: r.headers ?? baseHeaders,
      body: "body" in r ? r.body : base.body === undefined ? undefined : JSON.stringify(base.body),
    });

  for (const m of ["PUT", "PATCH", "DELETE", base.method === "GET" ? "POST" : "GET"])
    add(`method ${m}`, { method: m, body: m === "GET" ? undefined : "{}" });

  if (pathParam)
    for (const t of PATH_TRICKS)
      add(`path parameter ${JSON.stringify(t.slice(0, 24))}`, { url: base.url.replace(pathParam.value, t) });

  const [, query = ""] = base.url.split("?");
  for (const [name] of new URLSearchParams(query)) {
    add(`query ${name} missing`, { url: withQuery(base.url, (q) => q.delete(name)) });
    for (const v of ["", "NOPE", "x".repeat(3000), "%00", "\u0000", "😀"])
      add(`query ${name}=${JSON.stringify(v.slice(0, 12))}`, { url: withQuery(base.url, (q) => q.set(name, v)) });
    add(`query ${name} twice`, { url: withQuery(base.url, (q) => q.append(name, q.get(name) ?? "x")) });
  }
  add("unknown query parameter", { url: withQuery(base.url, (q) => q.set("__proto__", "x")) });
  add("query with a bad escape", { url: `${base.url}${base.url.includes("?") ? "&" : "?"}a=%E0%A4%A` });

  for (const [h, v] of [
    ["Accept-Language", "%%%;q=x,,"],
    ["Accept-Language", "x".repeat(4000)],
    ["Accept", "image/png"],
    ["Cache-Control", "no-cache, max-age=-1, ".repeat(50)],
    ["X-Forwarded-For", "999.999.999.999"],
  ] as const)
    add(`header ${h}: ${v.slice(0, 16)}`, { headers: { ...baseHeaders, [h]: v } });

  if (base.body !== undefined) {
    for (const [name, body] of BAD_BODIES) add(`body ${name}`, { body });
    for (const ct of CONTENT_TYPES)
      add(`content type ${JSON.stringify(ct)}`, { headers: { ...baseHeaders, "Content-Type": ct } });
    const media = operation(spec, operationId)?.requestBody?.content;
    const schema = deref(spec, media?.["application/json"]?.schema ?? Object.values(media ?? {})[0]?.schema);
    const valid = base.body as Record<string, unknown>;
    if (schema?.properties && valid && typeof valid === "object") {
      for (const req of schema.required ?? []) {
        const { [req]: _, ...rest } = valid;
        add(`body.${req} missing`, { body: JSON.stringify(rest) });
      }
      add("body with an unknown field", { body: JSON.stringify({ ...valid, unknownField: 1 }) });
      for (const [name, raw] of Object.entries(schema.properties)) {
        const p = deref(spec, raw);
        for (const [t, v] of wrongTypes(typeOf(p)))
          add(`body.${name}: ${t}`, { body: JSON.stringify({ ...valid, [name]: v }) });
        if (p?.maxLength !== undefined)
          add(`body.${name}: maxLength + 1`, {
            body: JSON.stringify({ ...valid, [name]: "x".repeat(p.maxLength + 1) }),
          });
        if (p?.minLength) add(`body.${name}: below minLength`, { body: JSON.stringify({ ...valid, [name]: "" }) });
        if (p?.enum)
          add(`body.${name}: not in the enum`, { body: JSON.stringify({ ...valid, [name]: "NOT_A_VALUE" }) });
        if (p?.format === "date-time" || p?.pattern)
          for (const v of ["2026-13-01T00:00:00Z", "2026-02-30T25:61:60+24:00", "9999-12-31T23:59:60Z", "yesterday"])
            add(`body.${name}: ${v}`, { body: JSON.stringify({ ...valid, [name]: v }) });
        if (p?.format === "uri")
          for (const v of ["not a uri", "javascript:alert(1)", `http://${"a".repeat(3000)}`])
            add(`body.${name}: ${v.slice(0, 20)}`, { body: JSON.stringify({ ...valid, [name]: v }) });
        if (typeOf(p) === "string")
          add(`body.${name}: NUL`, { body: JSON.stringify({ ...valid, [name]: "a\u0000b" }) });
      }
    }
  }
  return out;
}

/** Requests fetch cannot send: written to a socket as bytes. */
export function rawVariants(host: string, path: string, authorization?: string): RawRequest[] {
  const auth = authorization ? `Authorization: ${authorization}\r\n` : "";
  const req = (mutation: string, text: string | Buffer) => ({
    mutation,
    bytes: typeof text === "string" ? Buffer.from(text, "latin1") : text,
  });
  return [
    req("OPTIONS *", `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req(
      "NUL byte in a header",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}X-Test: a\u0000b\r\nConnection: close\r\n\r\n`,
    ),
    req(
      "oversized header (32 KB)",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"x".repeat(32_768)}\r\nConnection: close\r\n\r\n`,
    ),
    req(
      "header without a colon",
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nBroken header\r\nConnection: close\r\n\r\n`,
    ),
    req("garbage request line", `GARBAGE\r\n\r\n`),
    req("HTTP/0.9", `GET ${path}\r\n\r\n`),
    req("bad HTTP version", `GET ${path} HTTP/9.9\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
    req(
      "bad chunked body",
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ),
    req(
      "Content-Length and Transfer-Encoding",
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ),
    req(
      "non-numeric Content-Length",
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}`,
    ),
    req(
      "unsupported Transfer-Encoding",
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}`,
    ),
    req(
      "absolute URI to another host",
      `GET http://evil.example${path} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    ),
    req("path with raw spaces and NUL", `GET /a b\u0000 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
  ];
}

export interface HostileAnswer {
  mutation: string;
  operationId?: string;
  status: number;
  /** The body was the contract's error body (or no body was allowed: 204/304/HEAD). */
  shaped: boolean;
  /** The server closed without an HTTP answer. */
  dropped?: boolean;
}

/** Sends raw bytes and reads the status line and body of the answer (status 0 if the server closed without one). */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    const done = () => {
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      const i = data.indexOf("\r\n\r\n");
      resolve({ status: m ? Number(m[1]) : 0, body: i >= 0 ? data.slice(i + 4) : "" });
    };
    socket.setTimeout(timeoutMs, done);
    socket.on("data", (d: Buffer) => {
      data += d.toString("latin1");
    });
    socket.on("end", done);
    socket.on("error", done);
    socket.on("connect", () => socket.end(bytes));
  });
}

export interface HostileResult {
  contract: string;
  requests: number;
  byStatus: Record<string, number>;
  /** Answers of 500, of another 5xx the operation does not declare (501 for an unserved client, 503 in maintenance
   * are contract answers), not in the error body, or dropped. */
  failures: HostileAnswer[];
  aliveAfter: boolean;
}

/**
 * Sends `rounds` passes over every variant of every operation (later passes shuffle and combine mutations with a
 * seeded PRNG), then the raw set, and checks the answers.
 */
export async function runHostile(options: {
  contract: string;
  url: string;
  requests: Record<string, { base: BaseRequest; pathParam?: { value: string } }>;
  isErrorBody: (body: unknown, status: number) => boolean;
  /** Requests to send in all (default: one pass of every variant). */
  total?: number;
  connections?: number;
  alive: () => Promise<boolean>;
  seed?: number;
}): Promise<HostileResult> {
  const spec = loadSpec(options.contract);
  const variants = Object.entries(options.requests).flatMap(([operationId, r]) =>
    hostileVariants(spec, operationId, r.base, r.pathParam),
  );
  const rnd = prng(options.seed ?? 7);
  const total = options.total ?? variants.length;
  const plan = Array.from({ length: total }, (_, i) =>
    i < variants.length ? variants[i]! : variants[Math.floor(rnd() * variants.length)]!,
  );
  const answers = await pool(
    options.connections ?? 8,
    plan.map((v) => async (): Promise<HostileAnswer> => {
      try {
        const res = await fetch(`${options.url}${v.url}`, {
          method: v.method,
          headers: v.headers,
          body: v.body,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        const shaped = res.status < 400 || options.isErrorBody(body, res.status);
        return { mutation: v.mutation, operationId: v.operationId, status: res.status, shaped };
      } catch (err) {
        // fetch refuses some requests before sending (e.g. a header value it cannot encode): not the server's fault.
        if (err instanceof TypeError && !/fetch failed/.test(err.message))
          return { mutation: v.mutation, operationId: v.operationId, status: -1, shaped: true };
        return { mutation: v.mutation, operationId: v.operationId, status: 0, shaped: false, dropped: true };
      }
    }),
  );
  const u = new URL(options.url);
  const firstBase = Object.values(options.requests)[0]!.base;
  const raw = rawVariants(u.host, firstBase.url, firstBase.headers?.Authorization);
  for (const r of raw) {
    const res = await sendRaw(Number(u.port), r.bytes);
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = res.body;
    }
    answers.push({
      mutation: `raw: ${r.mutation}`,
      status: res.status,
      shaped: res.status > 0 && (res.status < 400 || options.isErrorBody(body, res.status)),
      dropped: res.status === 0,
    });
  }
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return {
    contract: options.contract,
    requests: answers.length,
    byStatus,
    failures: answers.filter(
      (a) =>
        a.status === 500 ||
        (a.status > 500 && !(a.operationId && declared(spec, a.operationId).has(String(a.status)))) ||
        !a.shaped ||
        a.dropped,
    ),
    aliveAfter: await options.alive(),
  };
}
