import { openapiDocument } from "@carrierkit/dpa";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsMod from "ajv-formats";

const addFormats = addFormatsMod.default;

type Json = Record<string, unknown>;
const doc = openapiDocument as unknown as Json;
const BASE = "urn:carrierkit:dpa";

/** One operation of the DPA contract, as the validator knows it. */
export interface DpaOperation {
  operationId: string;
  method: string;
  path: string;
  /** Matches a request path (after the base URL), e.g. `/919876543210/planStatus`. */
  pattern: RegExp;
}

function deref(value: unknown): Json {
  let v = value as Json;
  for (let i = 0; i < 10 && typeof v?.$ref === "string"; i++) {
    const parts = (v.$ref as string).replace(/^#\//, "").split("/");
    let cur: unknown = doc;
    for (const p of parts) cur = (cur as Json)[p.replace(/~1/g, "/").replace(/~0/g, "~")];
    v = cur as Json;
  }
  return v;
}

function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(schema as Json))
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${BASE}${v}` : rebase(v);
    return out;
  }
  return schema;
}

export interface ResponseCheck {
  /** Every way the response breaks the DPA contract (empty: conforms). */
  violations: string[];
}

/**
 * Validates DPA answers against `@carrierkit/dpa`'s OpenAPI document with Ajv (draft 2020-12): the status must be
 * declared by the operation, the body must match the declared schema, declared-required headers must be present
 * (Retry-After on 429/503), and a JSON body must be served as JSON.
 */
export class DpaContract {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly operations: DpaOperation[];

  constructor() {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: BASE, components: rebase((doc.components as Json) ?? {}) } as never);
    const ops: DpaOperation[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of ["get", "post", "put", "delete", "patch"]) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const re = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
        ops.push({
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          path,
          pattern: new RegExp(`^${re}$`, path.includes("Eligibility") ? "i" : ""),
        });
      }
    }
    // Literal paths before templated ones (/register before /{userKey}/…).
    this.operations = ops.sort((a, b) => (a.path.includes("{") ? 1 : 0) - (b.path.includes("{") ? 1 : 0));
  }

  /** The operation a request (method + path relative to the DPA's base URL) calls. */
  operationOf(method: string, path: string): DpaOperation | undefined {
    const p = path.split("?")[0] ?? path;
    return this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(p));
  }

  private operation(operationId: string): Json {
    for (const item of Object.values(doc.paths as Record<string, Json>))
      for (const op of Object.values(item)) if ((op as Json).operationId === operationId) return op as Json;
    throw new Error(`unknown DPA operation ${operationId}`);
  }

  /** Validates a value against one of the DPA contract's component schemas (e.g. a callback's TransactionResponse). */
  checkSchema(name: string, value: unknown): string[] {
    const key = `#${name}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${BASE}#/components/schemas/${name}` } as never);
      this.compiled.set(key, validate);
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${name}${e.instancePath || ""} ${e.message ?? "is invalid"}`);
  }

  /** Checks one answer of `operationId`. `body` is the parsed JSON (or the raw text when it is not JSON). */
  check(
    operationId: string,
    status: number,
    body: unknown,
    headers: Headers | Record<string, string | undefined>,
  ): ResponseCheck {
    const get = (name: string) =>
      headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name.toLowerCase()];
    const violations: string[] = [];
    const responses = this.operation(operationId).responses as Json;
    const declared = responses[String(status)];
    if (!declared) {
      violations.push(
        `status ${status} is not declared for ${operationId} (declared: ${Object.keys(responses).join(", ")})`,
      );
      return { violations };
    }
    const response = deref(declared);
    for (const [name, header] of Object.entries((response.headers as Json | undefined) ?? {})) {
      const h = deref(header);
      const mustHave = h.required === true || (name === "Retry-After" && (status === 429 || status === 503));
      if (mustHave && get(name) === undefined) violations.push(`header ${name} is missing on ${status}`);
    }
    const content = response.content as Json | undefined;
    const media = content?.["application/json"] as Json | undefined;
    if (!media) {
      if (body !== undefined && body !== "" && body !== null)
        violations.push(`${operationId} ${status} declares no body, but one was sent`);
      return { violations };
    }
    const type = get("content-type") ?? "";
    if (!/^application\/(.+\+)?json\b/i.test(type))
      violations.push(`content-type is '${type || "(none)"}', not application/json`);
    if (typeof body === "string" || body === undefined) {
      violations.push(`${operationId} ${status}: the body is not JSON`);
      return { violations };
    }
    const key = `${operationId} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(media.schema) as never);
      this.compiled.set(key, validate);
    }
    if (!validate(body))
      for (const e of validate.errors ?? [])
        violations.push(`${operationId} ${status} body${e.instancePath || ""} ${e.message ?? "is invalid"}`);
    return { violations };
  }
}
