import type { BridgeSpec, BridgesDocument, JsonSchema, MethodSpec, PortalBridgeSpec } from "../core/spec-types.js";

/** The spec files as read from `specs/portal-bridge/` (bridges.json and every schema file it names). */
export interface SpecFiles {
  readonly bridges: BridgesDocument & { readonly $schema?: string };
  readonly schemas: Readonly<Record<string, JsonSchema>>;
}

const SOURCE = "specs/portal-bridge";

function header(files: SpecFiles): string {
  const names = ["bridges.json", ...Object.keys(files.schemas).sort()].map((f) => `${SOURCE}/${f}`).join(", ");
  return `// Generated from ${names} by @carrierkit/portal-bridge (npm run generate -w @carrierkit/portal-bridge).\n// Do not edit: change the specs and regenerate; test/drift.test.ts fails when this file no longer matches them.\n`;
}

/** `src/generated/spec.ts`: the specs embedded, so the node API and the browser runtime read the same document. */
export function generateSpecModule(files: SpecFiles): string {
  const { $schema: _ignored, ...bridges } = files.bridges;
  const schemas: Record<string, JsonSchema> = {};
  for (const name of Object.keys(files.schemas).sort()) schemas[name] = files.schemas[name] as JsonSchema;
  const spec: PortalBridgeSpec = { bridges, schemas };
  return `${header(files)}import type { PortalBridgeSpec } from "../core/spec-types.js";\n\nexport const portalBridgeSpec: PortalBridgeSpec = ${JSON.stringify(spec, null, 2)};\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Global typings for portal authors.

const TYPE_PREFIX: Readonly<Record<string, string>> = { mobilePlans: "MobilePlans", dataBoost: "DataBoost" };

function doc(text: string | undefined, indent: string, tags: readonly string[] = []): string {
  const lines = [...(text ? text.split("\n") : []), ...tags].map((l) => l.replace(/\*\//g, "*\\/"));
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

class TypingContext {
  readonly named = new Map<string, string>();
  readonly emitted = new Set<string>();
  readonly out: string[] = [];

  constructor(
    readonly bridge: BridgeSpec,
    readonly root: JsonSchema,
  ) {}

  def(name: string): JsonSchema {
    const d = this.root.$defs?.[name];
    if (!d) throw new Error(`${this.bridge.schema}: no $defs/${name}`);
    return d;
  }

  typeName(defName: string): string {
    const prefix = TYPE_PREFIX[this.bridge.id] ?? "";
    return defName.startsWith(prefix) ? defName : `${prefix}${defName}`;
  }

  /** A def gets a named type when it is an enum or an object with properties. */
  isNamed(schema: JsonSchema): boolean {
    return Array.isArray(schema.enum) || schema.properties !== undefined || schema.allOf !== undefined;
  }

  refName(ref: string): string {
    const m = /^#\/\$defs\/([A-Za-z0-9]+)$/.exec(ref);
    if (!m?.[1]) throw new Error(`unsupported $ref ${ref}`);
    return m[1];
  }

  tsType(schema: JsonSchema | boolean): string {
    if (schema === true) return "unknown";
    if (schema === false) return "never";
    if (schema.$ref) {
      const name = this.refName(schema.$ref);
      const target = this.def(name);
      if (this.isNamed(target)) {
        this.emitNamed(name);
        // A value documented as a JSON string is typed as the string; the named interface describes its content.
        return target["x-jsonString"] === true ? "string" : this.typeName(name);
      }
      return this.tsType(target);
    }
    if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    if ("const" in schema) return JSON.stringify(schema.const);
    if (schema.anyOf) {
      const types = [...new Set(schema.anyOf.map((s) => this.tsType(s)))];
      return (types.includes("string") ? types.filter((t) => !t.startsWith('"')) : types).join(" | ");
    }
    switch (schema.type) {
      case "string":
        return "string";
      case "integer":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "array":
        return "unknown[]";
      default:
        return "unknown";
    }
  }

  emitNamed(defName: string): void {
    if (this.emitted.has(defName)) return;
    this.emitted.add(defName);
    const schema = this.def(defName);
    const name = this.typeName(defName);
    if (Array.isArray(schema.enum)) {
      this.out.push(`${doc(schema.description, "")}type ${name} = ${this.tsType({ enum: schema.enum })};\n`);
      return;
    }
    const props: Record<string, JsonSchema> = {};
    let required: string[] = [...(schema.required ?? [])];
    let aliases: Record<string, string> = { ...(schema["x-propertyAliases"] ?? {}) };
    for (const part of schema.allOf ?? []) {
      const base = part.$ref ? this.def(this.refName(part.$ref)) : part;
      Object.assign(props, base.properties ?? {});
      required = [...required, ...(base.required ?? [])];
      aliases = { ...(base["x-propertyAliases"] ?? {}), ...aliases };
    }
    Object.assign(props, schema.properties ?? {});
    const lines: string[] = [];
    for (const [prop, sub] of Object.entries(props)) {
      const target = typeof sub === "object" && sub.$ref ? this.def(this.refName(sub.$ref)) : undefined;
      const description = (typeof sub === "object" && sub.description) || target?.description;
      const short = description?.split(". ")[0];
      lines.push(
        `${doc(short, "  ")}  ${prop}${required.includes(prop) ? "" : "?"}: ${this.tsType(sub)};\n`.replace(/^\n/, ""),
      );
    }
    for (const [alias, canonical] of Object.entries(aliases)) {
      const sub = props[canonical];
      if (!sub) continue;
      lines.push(
        `${doc(undefined, "  ", [`@deprecated Alias of \`${canonical}\`: accepted, renamed and reported as a warning.`])}  ${alias}?: ${this.tsType(sub)};\n`,
      );
    }
    const tags = schema["x-jsonString"] ? ["Travels as a JSON string: `JSON.parse` the argument you receive."] : [];
    this.out.push(`${doc(schema.description, "", tags)}interface ${name} {\n${lines.join("")}}\n`);
  }
}

function signatureLines(ctx: TypingContext, method: MethodSpec, aliasTarget: MethodSpec | undefined): string {
  const m = aliasTarget ?? method;
  let text = "";
  for (const overload of m.overloads ?? []) {
    const args = ctx.def(ctx.refName(overload.args));
    const params = (args.prefixItems ?? []).map((item, i) => {
      const sub = typeof item === "object" ? item : {};
      return { name: sub.title ?? `arg${i}`, type: ctx.tsType(item), description: sub.description };
    });
    const ret = overload.returns ? ctx.tsType({ $ref: overload.returns.schema }) : "void";
    const tags = [
      ...params.filter((p) => p.description).map((p) => `@param ${p.name} ${p.description}`),
      ...(method.aliasOf ? [`@deprecated Alias of \`${method.aliasOf}\`: accepted and reported as a warning.`] : []),
      ...(m.api === "legacy" && !method.aliasOf
        ? ["@deprecated Legacy API (Mobile Plans legacy callback notifications), kept working."]
        : []),
    ];
    const description = [method.description, args.description].filter(Boolean).join("\n\n");
    text += `${doc(description, "  ", tags)}  ${method.name}(${params.map((p) => `${p.name}: ${p.type}`).join(", ")}): ${ret};\n`;
  }
  return text;
}

/** `src/generated/portal-globals.d.ts`: the globals a portal author gets (script-style declaration file). */
export function generateGlobalTypings(files: SpecFiles): string {
  let text = `${header(files)}//\n// Add to a portal's tsconfig: "types": ["@carrierkit/portal-bridge/globals"] (or a triple-slash reference).\n// Canonical forms only; the runtime also accepts the documented aliases (marked @deprecated) and warns about them.\n`;
  for (const bridge of files.bridges.bridges) {
    const root = files.schemas[bridge.schema];
    if (!root) throw new Error(`bridges.json names ${bridge.schema}, which was not read`);
    const ctx = new TypingContext(bridge, root);
    const body: string[] = [];
    for (const e of bridge.enumObjects) {
      const defName = ctx.refName(e.schema);
      ctx.emitNamed(defName);
      const def = ctx.def(defName);
      const members = (def["x-members"] ?? [])
        .map((m) => `${doc(m.description, "  ")}  readonly ${m.member}: ${JSON.stringify(m.value)};\n`)
        .join("");
      body.push(`${doc(def.description?.split(". ")[0], "")}declare var ${e.name}: {\n${members}};\n`);
    }
    for (const object of bridge.objects) {
      const iface = `${object.name}Bridge`;
      let members = "";
      for (const method of object.methods) {
        const target = method.aliasOf ? findMember(bridge, method.aliasOf, "method") : undefined;
        members += signatureLines(ctx, method, target as MethodSpec | undefined);
      }
      for (const property of object.properties) {
        const target = property.aliasOf ? findMember(bridge, property.aliasOf, "property") : undefined;
        const schemaRef = property.schema ?? (target as { schema?: string } | undefined)?.schema;
        const type = schemaRef ? ctx.tsType({ $ref: schemaRef }) : "unknown";
        const tags = property.aliasOf
          ? [`@deprecated Alias of \`${property.aliasOf}\`: the same registration; reported as a warning.`]
          : [];
        members += `${doc(property.description, "  ", tags)}  ${property.name}: ${type};\n`;
      }
      body.push(`${doc(object.description, "")}interface ${iface} {\n${members}}\n`);
      const optional = object.presence === "feature-detect" ? " | undefined" : "";
      body.push(
        `${doc(`${object.name}: injected by the host (${bridge.title}).`, "")}declare var ${object.name}: ${iface}${optional};\n`,
      );
    }
    for (const callback of bridge.callbacks) {
      const argName = ctx.refName(callback.argument);
      ctx.emitNamed(argName);
    }
    text += `\n// ${"-".repeat(100)}\n// ${bridge.title} (${bridge.schema})\n\n${ctx.out.join("\n")}\n${body.join("\n")}`;
  }
  return text;
}

function findMember(bridge: BridgeSpec, path: string, kind: "method" | "property"): unknown {
  const [objectName, memberName] = path.split(".");
  const object = bridge.objects.find((o) => o.name === objectName);
  const list: readonly { name: string }[] | undefined = kind === "method" ? object?.methods : object?.properties;
  const found = list?.find((m) => m.name === memberName);
  if (!found) throw new Error(`${bridge.id}: aliasOf ${path} names no ${kind}`);
  return found;
}
