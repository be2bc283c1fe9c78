import { canonicalise, SchemaIndex } from "./canonicalise.js";
import type { BridgeProblem, BridgeWarning } from "./report.js";
import type {
  BridgeSpec,
  CallbackSpec,
  JsonSchema,
  MethodSpec,
  ObjectSpec,
  OverloadSpec,
  PortalBridgeSpec,
  PropertySpec,
} from "./spec-types.js";

/** The error shape of Ajv validate functions (compiled or standalone). */
export interface ValidationError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** An Ajv-style validate function. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: readonly ValidationError[] | null;
}

/** Looks up the validator of a schema: `file` is e.g. `mobile-plans.schema.json`, `pointer` e.g. `#/$defs/Iccid`. */
export type ValidatorLookup = (file: string, pointer: string) => ValidateFunction;

/** Result of checking a value: the canonical value, or the problems; warnings in both cases. */
export type CheckResult<T = unknown> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly BridgeWarning[] }
  | { readonly ok: false; readonly problems: readonly BridgeProblem[]; readonly warnings: readonly BridgeWarning[] };

/** A resolved member: where an alias was used, `object`/`name` are the canonical ones. */
export interface ResolvedMethod {
  readonly bridge: BridgeSpec;
  readonly object: ObjectSpec;
  readonly method: MethodSpec & { readonly overloads: readonly OverloadSpec[] };
  /** Set when the member was reached through an alias (`Object.member` as called). */
  readonly alias?: string;
}

export interface ResolvedProperty {
  readonly bridge: BridgeSpec;
  readonly object: ObjectSpec;
  readonly property: PropertySpec & { readonly schema: string };
  readonly alias?: string;
}

/** A call that passed validation, in canonical form. */
export interface CanonicalCall {
  readonly bridge: string;
  readonly object: string;
  readonly method: string;
  /** The overload, e.g. `MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode)`. */
  readonly signature: string;
  readonly api: "current" | "legacy";
  readonly args: readonly unknown[];
  readonly overload: OverloadSpec;
  /**
   * For parameters that take one of several documented forms (an `anyOf` whose branches carry `x-form`), the form
   * each canonical argument matched, by parameter name: e.g. `{ activationCode: "smdpAddress" }` for a delayed
   * download given only the SM-DP+ address. Absent when no parameter has alternative forms.
   */
  readonly forms?: Readonly<Record<string, string>>;
}

/** Number of arguments of a fixed-length tuple schema. */
export function tupleLength(schema: JsonSchema): number {
  return schema.prefixItems?.length ?? 0;
}

/** Parameter names of a tuple schema (the `title` of each `prefixItems` entry). */
export function tupleNames(schema: JsonSchema): string[] {
  return (schema.prefixItems ?? []).map((item, i) => (typeof item === "object" && item.title) || `arg${i}`);
}

function describeError(error: ValidationError, names: readonly string[] | undefined, rootPath: string): BridgeProblem {
  const segments = error.instancePath.split("/").slice(1);
  let path = rootPath;
  segments.forEach((raw, i) => {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const name = i === 0 && names ? (names[Number(seg)] ?? seg) : /^[0-9]+$/.test(seg) ? `[${seg}]` : seg;
    path = path === "" ? name : name.startsWith("[") ? `${path}${name}` : `${path}.${name}`;
  });
  let message = error.message ?? `fails ${error.keyword}`;
  const params = error.params ?? {};
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    message = `has an unknown property ${JSON.stringify(params.additionalProperty)}`;
  } else if (error.keyword === "const" && "allowedValue" in params) {
    message = `must be ${JSON.stringify(params.allowedValue)}`;
  } else if (error.keyword === "required" && typeof params.missingProperty === "string") {
    message = `is missing the required property ${JSON.stringify(params.missingProperty)}`;
  }
  return { path: path || "(value)", message };
}

function problemsOf(errors: readonly ValidationError[], names: readonly string[] | undefined, rootPath: string) {
  const seen = new Set<string>();
  const out: BridgeProblem[] = [];
  for (const error of errors) {
    if (error.keyword === "if") continue;
    const problem = describeError(error, names, rootPath);
    const key = `${problem.path} ${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

/** The environment-neutral core shared by the browser runtime and the node API. */
export class BridgeEngine {
  readonly spec: PortalBridgeSpec;
  private readonly index: SchemaIndex;
  private readonly lookup: ValidatorLookup;

  constructor(spec: PortalBridgeSpec, lookup: ValidatorLookup) {
    this.spec = spec;
    this.index = new SchemaIndex(spec.schemas);
    this.lookup = lookup;
  }

  bridge(id: string): BridgeSpec {
    const bridge = this.spec.bridges.bridges.find((b) => b.id === id);
    if (!bridge) throw new Error(`Unknown bridge ${id}`);
    return bridge;
  }

  /** The bridge and object spec of a global object name. */
  findObject(name: string): { bridge: BridgeSpec; object: ObjectSpec } | undefined {
    for (const bridge of this.spec.bridges.bridges) {
      const object = bridge.objects.find((o) => o.name === name);
      if (object) return { bridge, object };
    }
    return undefined;
  }

  resolveMethod(objectName: string, methodName: string): ResolvedMethod | undefined {
    const found = this.findObject(objectName);
    const method = found?.object.methods.find((m) => m.name === methodName);
    if (!found || !method) return undefined;
    if (method.aliasOf) {
      const [targetObject = "", targetMethod = ""] = method.aliasOf.split(".");
      const target = this.resolveMethod(targetObject, targetMethod);
      return target && { ...target, alias: `${objectName}.${methodName}` };
    }
    if (!method.overloads) return undefined;
    return { bridge: found.bridge, object: found.object, method: { ...method, overloads: method.overloads } };
  }

  resolveProperty(objectName: string, propertyName: string): ResolvedProperty | undefined {
    const found = this.findObject(objectName);
    const property = found?.object.properties.find((p) => p.name === propertyName);
    if (!found || !property) return undefined;
    if (property.aliasOf) {
      const [targetObject = "", targetProperty = ""] = property.aliasOf.split(".");
      const target = this.resolveProperty(targetObject, targetProperty);
      return target && { ...target, alias: `${objectName}.${propertyName}` };
    }
    if (!property.schema) return undefined;
    return { bridge: found.bridge, object: found.object, property: { ...property, schema: property.schema } };
  }

  callback(bridgeId: string, name: string): CallbackSpec | undefined {
    return this.bridge(bridgeId).callbacks.find((c) => c.name === name);
  }

  schemaAt(file: string, pointer: string): JsonSchema {
    return this.index.resolve(file, pointer).schema;
  }

  /** Canonicalises and validates one value against `file#pointer`. */
  checkValue(file: string, pointer: string, value: unknown, rootPath = ""): CheckResult {
    const schema = this.schemaAt(file, pointer);
    const sink = { warnings: [] as BridgeWarning[], problems: [] as BridgeProblem[] };
    const names = schema.prefixItems ? tupleNames(schema) : undefined;
    const canonical = canonicalise(this.index, file, schema, value, rootPath, sink);
    if (sink.problems.length > 0) return { ok: false, problems: sink.problems, warnings: sink.warnings };
    const validate = this.lookup(file, pointer);
    if (!validate(canonical)) {
      return { ok: false, problems: problemsOf(validate.errors ?? [], names, rootPath), warnings: sink.warnings };
    }
    return { ok: true, value: canonical, warnings: sink.warnings };
  }

  /** Checks a call `objectName.methodName(...args)`: resolves aliases and the overload, canonicalises, validates. */
  checkCall(objectName: string, methodName: string, args: readonly unknown[]): CheckResult<CanonicalCall> {
    const calledAs = `${objectName}.${methodName}`;
    const resolved = this.resolveMethod(objectName, methodName);
    if (!resolved) {
      return { ok: false, problems: [{ path: calledAs, message: "is not a bridge method" }], warnings: [] };
    }
    const warnings: BridgeWarning[] = [];
    const canonicalName = `${resolved.object.name}.${resolved.method.name}`;
    if (resolved.alias) {
      warnings.push({
        code: "alias",
        path: calledAs,
        message: `${calledAs} is an alias; the canonical method is ${canonicalName}`,
        given: calledAs,
        canonical: canonicalName,
      });
    }
    const trimmed = [...args];
    while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
    const file = resolved.bridge.schema;
    const overload = resolved.method.overloads.find((o) => tupleLength(this.schemaAt(file, o.args)) === trimmed.length);
    if (!overload) {
      const arities = resolved.method.overloads.map((o) => tupleLength(this.schemaAt(file, o.args)));
      return {
        ok: false,
        warnings,
        problems: [
          {
            path: calledAs,
            message: `takes ${arities.join(" or ")} argument${arities.length === 1 && arities[0] === 1 ? "" : "s"}, got ${trimmed.length}`,
          },
        ],
      };
    }
    const schema = this.schemaAt(file, overload.args);
    const result = this.checkValue(file, overload.args, trimmed);
    const allWarnings = [...warnings, ...result.warnings];
    if (!result.ok) return { ok: false, problems: result.problems, warnings: allWarnings };
    const forms = this.formsOf(file, schema, result.value as unknown[]);
    return {
      ok: true,
      warnings: allWarnings,
      value: {
        bridge: resolved.bridge.id,
        object: resolved.object.name,
        method: resolved.method.name,
        signature: `${canonicalName}(${tupleNames(schema).join(", ")})`,
        api: resolved.method.api,
        args: result.value as unknown[],
        overload,
        ...(forms ? { forms } : {}),
      },
    };
  }

  /** Which `x-form` branch each argument of a validated tuple matched (see CanonicalCall.forms). */
  private formsOf(file: string, tuple: JsonSchema, args: readonly unknown[]): Record<string, string> | undefined {
    const names = tupleNames(tuple);
    let forms: Record<string, string> | undefined;
    (tuple.prefixItems ?? []).forEach((item, i) => {
      let node: JsonSchema | boolean = item;
      let nodeFile = file;
      while (typeof node === "object" && typeof node.$ref === "string" && !node.anyOf) {
        const target = this.index.resolve(nodeFile, node.$ref);
        node = target.schema;
        nodeFile = target.file;
      }
      if (typeof node !== "object" || !node.anyOf) return;
      for (const branch of node.anyOf) {
        const form = branch["x-form"];
        if (typeof form !== "string" || typeof branch.$ref !== "string" || !branch.$ref.startsWith("#/")) continue;
        if (this.lookup(nodeFile, branch.$ref)(args[i])) {
          forms = { ...forms, [names[i] ?? `arg${i}`]: form };
          break;
        }
      }
    });
    return forms;
  }
}
