import type { BridgeProblem, BridgeWarning } from "./report.js";
import type { EnumMember, JsonSchema } from "./spec-types.js";

/** Resolves `$ref`s between the schema files of the specs (`file.schema.json#/$defs/Name` or `#/$defs/Name`). */
export class SchemaIndex {
  private readonly byFile: Readonly<Record<string, JsonSchema>>;
  private readonly fileById = new Map<string, string>();

  constructor(schemas: Readonly<Record<string, JsonSchema>>) {
    this.byFile = schemas;
    for (const [file, schema] of Object.entries(schemas)) if (schema.$id) this.fileById.set(schema.$id, file);
  }

  /** The schema at `ref`, resolved against the file `file`; returns the target and the file it lives in. */
  resolve(file: string, ref: string): { schema: JsonSchema; file: string } {
    const hash = ref.indexOf("#");
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : ref.slice(hash + 1);
    let targetFile = file;
    if (target !== "") targetFile = this.fileById.get(target) ?? target.replace(/^.*\//, "");
    const root = this.byFile[targetFile];
    if (!root) throw new Error(`Unknown schema file ${targetFile} (from ${file} ${ref})`);
    let node: unknown = root;
    for (const raw of pointer.split("/").slice(1)) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
      if (node === undefined) throw new Error(`Unresolvable reference ${file} ${ref}`);
    }
    return { schema: node as JsonSchema, file: targetFile };
  }
}

interface Sink {
  warnings: BridgeWarning[];
  problems: BridgeProblem[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

/** Luhn (mod 10) check of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function matchMember(members: readonly EnumMember[], value: unknown): EnumMember | undefined {
  for (const m of members) if (m.member === value) return m;
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    for (const m of members) if (typeof m.value === "string" && m.value.toLowerCase() === lower) return m;
  }
  return undefined;
}

/**
 * Rewrites the documented alternatives of `value` to the canonical form described by `schema` and reports each
 * rewrite as a warning. Only what can be decided without validating is done here (aliases, JSON-string decoding,
 * prefixes, enum spellings, informative checks); validation against the schema follows on the result.
 */
export function canonicalise(
  index: SchemaIndex,
  file: string,
  schema: JsonSchema | boolean,
  input: unknown,
  path: string,
  sink: Sink,
): unknown {
  if (typeof schema === "boolean") return input;
  let value = input;

  if (schema["x-jsonString"] === true) {
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        sink.problems.push({ path: path || "(value)", message: "must be a JSON string that parses" });
        return value;
      }
    } else if (isPlainObject(value)) {
      sink.warnings.push({
        code: "alias",
        path: path || "(value)",
        message: "was passed as an object; the documented form is a JSON string (JSON.stringify it)",
      });
    }
  }

  if (typeof schema.$ref === "string") {
    const target = index.resolve(file, schema.$ref);
    value = canonicalise(index, target.file, target.schema, value, path, sink);
  }
  for (const sub of schema.allOf ?? []) value = canonicalise(index, file, sub, value, path, sink);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    for (const branch of branches) {
      const trial: Sink = { warnings: [], problems: [] };
      const result = canonicalise(index, file, branch, value, path, trial);
      if (trial.problems.length === 0) {
        sink.warnings.push(...trial.warnings);
        value = result;
        break;
      }
    }
  }

  const prefix = schema["x-stripPrefix"];
  if (typeof prefix === "string" && typeof value === "string" && value.toLowerCase().startsWith(prefix.toLowerCase())) {
    const stripped = value.slice(prefix.length);
    sink.warnings.push({
      code: "alias",
      path: path || "(value)",
      message: `starts with the ${prefix} prefix of QR codes; the documented form has no prefix`,
      given: value,
      canonical: stripped,
    });
    value = stripped;
  }

  for (const rule of schema["x-rewrite"] ?? []) {
    const re = new RegExp(rule.pattern);
    if (typeof value !== "string" || !re.test(value)) continue;
    const rewritten = value.replace(re, rule.replacement);
    sink.warnings.push({
      code: "alias",
      path: path || "(value)",
      message: `${show(value)} ${rule.message}`,
      given: value,
      canonical: rewritten,
    });
    value = rewritten;
    break;
  }

  const members = schema["x-members"];
  if (members && schema.enum && !schema.enum.includes(value)) {
    const match = matchMember(members, value);
    if (match) {
      sink.warnings.push({
        code: "alias",
        path: path || "(value)",
        message: `${show(value)} is an alternative spelling; the canonical value is ${show(match.value)}`,
        given: value,
        canonical: match.value,
      });
      value = match.value;
    }
  }
  if (members) {
    const member = members.find((m) => m.value === value);
    if (member?.undocumented) {
      sink.warnings.push({
        code: "undocumented-value",
        path: path || "(value)",
        message: `${show(value)} is accepted but undocumented: ${member.undocumented}`,
        given: value,
      });
    }
  }

  if (isPlainObject(value) && (schema.properties || schema["x-propertyAliases"])) {
    const copy: Record<string, unknown> = { ...value };
    for (const [alias, canonical] of Object.entries(schema["x-propertyAliases"] ?? {})) {
      if (!Object.hasOwn(copy, alias)) continue;
      const aliasValue = copy[alias];
      delete copy[alias];
      if (Object.hasOwn(copy, canonical) && copy[canonical] !== undefined) {
        if (!sameJson(copy[canonical], aliasValue)) {
          sink.problems.push({
            path: join(path, alias),
            message: `conflicts with ${join(path, canonical)}: both are set, to different values (${alias} is an alias of ${canonical})`,
          });
          continue;
        }
      } else {
        copy[canonical] = aliasValue;
      }
      sink.warnings.push({
        code: "alias",
        path: join(path, alias),
        message: `${alias} is an alias; the canonical property is ${canonical}`,
        given: alias,
        canonical,
      });
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (Object.hasOwn(copy, key)) copy[key] = canonicalise(index, file, sub, copy[key], join(path, key), sink);
    }
    value = copy;
  }

  if (Array.isArray(value) && schema.prefixItems) {
    const items = schema.prefixItems;
    value = value.map((item, i) => {
      const sub = items[i];
      if (sub === undefined) return item;
      const name = typeof sub === "object" && sub.title ? sub.title : `[${i}]`;
      return canonicalise(index, file, sub, item, join(path, name), sink);
    });
  }

  for (const check of schema["x-checks"] ?? []) {
    if (check === "luhn" && typeof value === "string" && /^[0-9]+$/.test(value) && !luhnValid(value)) {
      sink.warnings.push({
        code: "check-digit",
        path: path || "(value)",
        message: `${show(value)} fails the Luhn check digit (a placeholder, not a real ICCID)`,
        given: value,
      });
    }
  }
  return value;
}
