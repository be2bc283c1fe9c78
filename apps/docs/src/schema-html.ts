import { dirname, posix } from "node:path";
import type { DocPage } from "./catalog.js";

/**
 * Static HTML for JSON Schema (draft 2020-12) files and the portal-bridge description: the root schema and every
 * `$defs` entry as a section (description, type, constraints, a properties or tuple table, variants), `$ref`s as
 * links (to the section, or to another schema page), the JSON of each section for what the tables do not show.
 * Every text from a spec is HTML-escaped; descriptions only get `code` spans for backticks.
 */
type JsonObject = Record<string, unknown>;
type Schema = boolean | JsonObject;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
const json = (v: unknown) => JSON.stringify(v);

/** The id of a `$defs` section. */
export const defId = (name: string) => `def-${name}`;

/** Paragraphs of a description: escaped, backtick spans as code. */
export function prose(text: unknown): string {
  if (typeof text !== "string" || text.trim() === "") return "";
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
    .join("\n");
}

/** Resolves `$ref`s of one page to links: same page, another discovered schema page (by path or `$id`), or none. */
export class RefLinker {
  private readonly byId = new Map<string, DocPage>();

  /**
   * @param page the page the links are written into (hrefs are relative to it)
   * @param base the schema the `$ref`s are written in (relative file refs resolve from it; default `page`)
   */
  constructor(
    private readonly page: DocPage,
    private readonly pages: readonly DocPage[],
    ids: ReadonlyMap<string, DocPage> = new Map(),
    private readonly base: DocPage = page,
  ) {
    for (const [id, p] of ids) this.byId.set(id, p);
  }

  /** `{ href, label }` for a `$ref`, or undefined when it points outside the site. */
  resolve(ref: string): { href: string; label: string } | undefined {
    const base = this.base;
    const hash = ref.indexOf("#");
    const file = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? "" : decodeURIComponent(ref.slice(hash + 1));
    let target: DocPage | undefined = base;
    if (/^[a-z][a-z0-9+.-]*:/i.test(file)) target = this.byId.get(file);
    else if (file !== "") {
      const name = posix.normalize(posix.join(dirname(base.sourceName), file));
      target = this.pages.find((p) => p.sourceName === name && p.kind === "json-schema");
    }
    if (!target) return undefined;
    const def = /^\/\$defs\/([^/]+)/.exec(pointer)?.[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
    const anchor = def === undefined ? "root" : defId(def);
    const page = target === this.page ? "" : posix.relative(dirname(this.page.href), target.href);
    return { href: `${page}#${encodeURIComponent(anchor)}`, label: def ?? target.title };
  }

  /** A link for a `$ref` (plain code when it cannot be resolved). */
  link(ref: string): string {
    const target = this.resolve(ref);
    return target ? `<a href="${escapeHtml(target.href)}">${code(target.label)}</a>` : code(ref);
  }
}

/** A short type label: `$ref` link, const, union, array of …, map of …, with the format. */
export function typeLabel(schema: Schema | undefined, refs: RefLinker): string {
  if (schema === undefined || schema === true) return "any";
  if (schema === false) return "never";
  if (typeof schema.$ref === "string") return refs.link(schema.$ref);
  if ("const" in schema) return `const ${code(json(schema.const))}`;
  const shapeless = schema.type === undefined && !isObject(schema.properties);
  for (const key of ["oneOf", "anyOf"] as const) {
    const variants = schema[key];
    if (Array.isArray(variants) && shapeless) {
      return `${key === "oneOf" ? "one of" : "any of"} ${variantLabels(variants, refs)}`;
    }
  }
  if (Array.isArray(schema.allOf) && shapeless) return `all of ${variantLabels(schema.allOf, refs)}`;
  if ("not" in schema && schema.type === undefined) return `not ${typeLabel(schema.not as Schema, refs)}`;
  if (schema.type === undefined && !isObject(schema.properties) && Array.isArray(schema.required)) {
    return `with ${schema.required.map((r) => code(String(r))).join(", ")}`;
  }
  const types = Array.isArray(schema.type) ? (schema.type as unknown[]) : schema.type ? [schema.type] : [];
  const names = types.map(String);
  if (names.length === 0)
    names.push(isObject(schema.properties) ? "object" : Array.isArray(schema.enum) ? "enum" : "any");
  const labels = names.map((t) => {
    if (t === "array" && Array.isArray(schema.prefixItems)) {
      return `tuple [${(schema.prefixItems as Schema[]).map((s) => typeLabel(s, refs)).join(", ")}]`;
    }
    if (t === "array") return `array of ${typeLabel(schema.items as Schema | undefined, refs)}`;
    if (t === "object" && isObject(schema.additionalProperties) && !isObject(schema.properties)) {
      return `map of ${typeLabel(schema.additionalProperties, refs)}`;
    }
    return escapeHtml(t);
  });
  const format = typeof schema.format === "string" ? ` (${escapeHtml(schema.format)})` : "";
  return `${labels.join(" | ")}${format}`;
}

/** Variants as `a | b`; inline objects by their `const` property (`type = "matchAll"`); many variants by count. */
function variantLabels(variants: unknown[], refs: RefLinker): string {
  const inline = (variants as Schema[]).filter((v) => isObject(v) && !v.$ref && isObject(v.properties));
  if (variants.length > 6 && inline.length === variants.length) return `${variants.length} variants (below)`;
  return (variants as Schema[])
    .map((v) => {
      if (!isObject(v) || v.$ref || !isObject(v.properties)) return typeLabel(v, refs);
      const tag = Object.entries(v.properties).find(([, p]) => isObject(p) && "const" in p);
      return tag ? `object (${code(tag[0])} = ${code(json((tag[1] as JsonObject).const))})` : "object";
    })
    .join(" | ");
}

const CONSTRAINTS: Array<[string, string]> = [
  ["minimum", "≥"],
  ["exclusiveMinimum", ">"],
  ["maximum", "≤"],
  ["exclusiveMaximum", "<"],
  ["multipleOf", "multiple of"],
  ["minLength", "min length"],
  ["maxLength", "max length"],
  ["minItems", "min items"],
  ["maxItems", "max items"],
  ["minProperties", "min properties"],
  ["maxProperties", "max properties"],
];

/** Enum values, pattern, bounds, default: the facts a properties table shows beside the type. */
export function constraints(schema: Schema | undefined): string {
  if (!isObject(schema)) return "";
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(`enum: ${schema.enum.map((v) => code(json(v))).join(", ")}`);
  if (typeof schema.pattern === "string") parts.push(`pattern: ${code(schema.pattern)}`);
  for (const [key, label] of CONSTRAINTS) {
    if (typeof schema[key] === "number") parts.push(`${label} ${schema[key]}`);
  }
  if (schema.uniqueItems === true) parts.push("unique items");
  if ("default" in schema) parts.push(`default: ${code(json(schema.default))}`);
  if (schema.deprecated === true) parts.push("deprecated");
  return parts.join("; ");
}

/** An inline object (or array of inline objects) whose properties deserve a nested table. */
function nested(schema: Schema | undefined): JsonObject | undefined {
  if (!isObject(schema) || schema.$ref) return undefined;
  if (isObject(schema.properties) || Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return schema;
  if (isObject(schema.items)) return nested(schema.items as Schema);
  return undefined;
}

/** The body of one schema: description, type line, properties or tuple table, variants. */
export function schemaBody(schema: Schema, refs: RefLinker, depth = 0): string {
  if (!isObject(schema)) return `<p>${schema ? "Any value." : "No value is valid."}</p>`;
  const out: string[] = [];
  out.push(prose(schema.description));
  const facts = constraints(schema);
  out.push(`<p class="type">Type: ${typeLabel(schema, refs)}${facts ? `; ${facts}` : ""}</p>`);
  if (isObject(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const rows = Object.entries(schema.properties).map(([name, prop]) => {
      const p = prop as Schema;
      const inner = depth < 3 ? nested(p) : undefined;
      const description = isObject(p) ? prose(p.description) : "";
      return `<tr><td>${code(name)}</td><td>${typeLabel(p, refs)}</td><td>${required.has(name) ? "required" : "optional"}</td><td>${constraints(p)}</td><td>${description}${inner ? `<div class="nested">${schemaBody({ ...inner, description: undefined }, refs, depth + 1)}</div>` : ""}</td></tr>`;
    });
    out.push(
      `<table class="properties"><thead><tr><th>Property</th><th>Type</th><th>Required</th><th>Constraints</th><th>Description</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`,
    );
  }
  if (schema.additionalProperties === false && isObject(schema.properties)) {
    out.push("<p>No other properties are allowed.</p>");
  } else if (isObject(schema.additionalProperties) && isObject(schema.properties)) {
    out.push(`<p>Other properties: ${typeLabel(schema.additionalProperties, refs)}</p>`);
  }
  if (Array.isArray(schema.prefixItems)) {
    const min = typeof schema.minItems === "number" ? schema.minItems : 0;
    const rows = (schema.prefixItems as Schema[]).map((item, i) => {
      const title = isObject(item) && typeof item.title === "string" ? code(item.title) : "";
      const description = isObject(item) ? prose(item.description) : "";
      return `<tr><td>${i}</td><td>${title}</td><td>${typeLabel(item, refs)}</td><td>${i < min ? "required" : "optional"}</td><td>${constraints(item)}</td><td>${description}</td></tr>`;
    });
    out.push(
      `<table class="tuple"><thead><tr><th>#</th><th>Name</th><th>Type</th><th>Required</th><th>Constraints</th><th>Description</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`,
    );
  }
  if (depth < 3 && isObject(schema.items) && !schema.items.$ref && nested(schema.items as Schema)) {
    out.push(`<div class="nested"><h4>Items</h4>${schemaBody(schema.items as Schema, refs, depth + 1)}</div>`);
  }
  for (const [key, label] of [
    ["oneOf", "One of"],
    ["anyOf", "Any of"],
    ["allOf", "All of"],
  ] as const) {
    const variants = schema[key];
    if (!Array.isArray(variants) || depth >= 3) continue;
    const items = (variants as Schema[]).map(
      (v) => `<li>${isObject(v) && v.$ref ? typeLabel(v, refs) : schemaBody(v, refs, depth + 1)}</li>`,
    );
    out.push(`<div class="variants"><h4>${label}</h4><ol>\n${items.join("\n")}\n</ol></div>`);
  }
  return out.filter(Boolean).join("\n");
}

function section(id: string, heading: string, body: string, source: unknown): string {
  return `<section id="${escapeHtml(id)}">
<h2><a class="anchor" href="#${escapeHtml(encodeURIComponent(id))}">${heading}</a></h2>
${body}
<details><summary>JSON</summary><pre>${escapeHtml(JSON.stringify(source, null, 2))}</pre></details>
</section>`;
}

/** A whole page: header with the index and source links, then the sections. */
export function layout(page: DocPage, intro: string, nav: string[], sections: string[]): string {
  const up = posix.relative(dirname(page.href), "index.html");
  const source = posix.relative(dirname(page.href), page.sourceHref);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style></head>
<body><header><a href="${escapeHtml(up)}">carrierkit API docs</a> › ${escapeHtml(page.contract)} ·
<a href="${escapeHtml(source)}">${escapeHtml(page.sourceName)}</a></header>
<main><h1>${escapeHtml(page.title)}</h1>
${intro}
<nav><h2>Contents</h2><ul>${nav.join("")}</ul></nav>
${sections.join("\n")}
</main></body></html>
`;
}

/** The page of one JSON Schema file: the root schema, then every `$defs` entry. */
export function renderSchemaPage(page: DocPage, schema: JsonObject, refs: RefLinker): string {
  const { $defs, ...root } = schema;
  const defs = isObject($defs) ? Object.entries($defs) : [];
  const intro = [
    prose(schema.description),
    typeof schema.$id === "string" ? `<p>${code("$id")}: ${code(schema.$id)}</p>` : "",
    typeof schema.$schema === "string" ? `<p>${code("$schema")}: ${code(schema.$schema)}</p>` : "",
  ].join("\n");
  const nav = [
    `<li><a href="#root">Root schema</a></li>`,
    ...defs.map(([name]) => `<li><a href="#${escapeHtml(encodeURIComponent(defId(name)))}">${code(name)}</a></li>`),
  ];
  const hasRootShape = Object.keys(root).some((k) => !["$schema", "$id", "title", "description"].includes(k));
  const sections = [
    section(
      "root",
      "Root schema",
      hasRootShape ? schemaBody({ ...root, description: undefined }, refs) : "<p>Only definitions.</p>",
      root,
    ),
    ...defs.map(([name, def]) =>
      section(
        defId(name),
        `${code(name)}${isObject(def) && typeof def.title === "string" && def.title !== name ? ` <small>${escapeHtml(def.title)}</small>` : ""}`,
        schemaBody(def as Schema, refs),
        def,
      ),
    ),
  ];
  return layout(page, intro, nav, sections);
}

interface BridgeOverload {
  args?: string;
  returns?: { schema?: string; form?: string; source?: string } | null;
}
interface BridgeMethod {
  name: string;
  api?: string;
  handling?: string;
  aliasOf?: string;
  description?: string;
  overloads?: BridgeOverload[];
}
interface BridgeProperty {
  name: string;
  schema?: string;
  callback?: string;
  aliasOf?: string;
  description?: string;
}
interface BridgeObject {
  name: string;
  description?: string;
  presence?: string;
  optional?: boolean;
  methods?: BridgeMethod[];
  properties?: BridgeProperty[];
}
interface Bridge {
  id: string;
  title?: string;
  description?: string;
  schema: string;
  sources?: string[];
  enumObjects?: Array<{ name: string; schema: string }>;
  objects?: BridgeObject[];
  callbacks?: Array<{ name: string; property?: string; argument?: string; description?: string }>;
}

/** The arguments of one overload, named by the `title` of each `prefixItems` entry of its argument schema. */
function signature(object: string, method: string, overload: BridgeOverload, schema: JsonObject, refs: RefLinker) {
  const def = /^#\/\$defs\/(.+)$/.exec(overload.args ?? "")?.[1];
  const argsSchema = def && isObject(schema.$defs) ? (schema.$defs[def] as Schema | undefined) : undefined;
  const items =
    isObject(argsSchema) && Array.isArray(argsSchema.prefixItems) ? (argsSchema.prefixItems as Schema[]) : [];
  const min = isObject(argsSchema) && typeof argsSchema.minItems === "number" ? argsSchema.minItems : items.length;
  const args = items.map((item, i) => {
    const name = isObject(item) && typeof item.title === "string" ? item.title : `arg${i}`;
    return `<span class="arg">${escapeHtml(name)}${i < min ? "" : "?"}: ${typeLabel(item, refs)}</span>`;
  });
  return `<code>${escapeHtml(object)}.${escapeHtml(method)}(</code>${args.join("<code>, </code>")}<code>)</code>`;
}

/** The page of a bridges.json: each bridge's objects with their methods (one line per overload), properties, enums, callbacks. */
export function renderBridgesPage(
  page: DocPage,
  doc: { title?: string; description?: string; bridges?: Bridge[] },
  schemaOf: (bridge: Bridge) => { page: DocPage; schema: JsonObject } | undefined,
  /** A linker writing into this page for `$ref`s written in `base`. */
  linkerFor: (base: DocPage) => RefLinker,
): string {
  const bridges = doc.bridges ?? [];
  const nav = bridges.map(
    (b) => `<li><a href="#${escapeHtml(encodeURIComponent(b.id))}">${escapeHtml(b.title ?? b.id)}</a></li>`,
  );
  const sections = bridges.map((bridge) => {
    const target = schemaOf(bridge);
    const refs = linkerFor(target?.page ?? page);
    const link = (ref: string | undefined) => (ref && target ? refs.link(ref) : code(String(ref)));
    const out: string[] = [prose(bridge.description)];
    if (target) {
      out.push(
        `<p>Schema: <a href="${escapeHtml(posix.relative(dirname(page.href), target.page.href))}">${escapeHtml(target.page.title)}</a> (${code(bridge.schema)})</p>`,
      );
    } else out.push(`<p>Schema: ${code(bridge.schema)} (not found)</p>`);
    if (bridge.sources?.length) {
      out.push(`<p>Sources:</p><ul>${bridge.sources.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`);
    }
    for (const object of bridge.objects ?? []) {
      const flags = [object.presence, object.optional ? "optional" : undefined].filter(Boolean).join(", ");
      out.push(
        `<h3 id="${escapeHtml(`${bridge.id}.${object.name}`)}">${code(object.name)}${flags ? ` <small>${escapeHtml(flags)}</small>` : ""}</h3>`,
      );
      out.push(prose(object.description));
      const methods = (object.methods ?? []).map((m) => {
        const tags = [m.api, m.handling].filter(Boolean).map((t) => escapeHtml(String(t)));
        const lines = m.aliasOf
          ? [`<code>${escapeHtml(object.name)}.${escapeHtml(m.name)}</code>: alias of ${code(m.aliasOf)}`]
          : (m.overloads ?? []).map((o) => {
              const sig = target
                ? signature(object.name, m.name, o, target.schema, refs)
                : code(`${object.name}.${m.name}(…)`);
              const returns = o.returns?.schema ? link(o.returns.schema) : "nothing";
              return `${sig} → ${returns} <small>(arguments: ${link(o.args)})</small>`;
            });
        return `<li class="method" data-method="${escapeHtml(`${object.name}.${m.name}`)}"><div>${lines.join("<br>")}${tags.length ? ` <small>[${tags.join(", ")}]</small>` : ""}</div>${prose(m.description)}</li>`;
      });
      if (methods.length) out.push(`<h4>Methods</h4><ul class="methods">\n${methods.join("\n")}\n</ul>`);
      const props = (object.properties ?? []).map(
        (p) =>
          `<li>${code(`${object.name}.${p.name}`)}${p.schema ? `: ${link(p.schema)}` : ""}${p.callback ? ` (registers the ${code(p.callback)} callback)` : ""}${p.aliasOf ? ` (alias of ${code(p.aliasOf)})` : ""}${prose(p.description)}</li>`,
      );
      if (props.length) out.push(`<h4>Properties</h4><ul>${props.join("\n")}</ul>`);
    }
    if (bridge.enumObjects?.length) {
      out.push(
        `<h3>Enum objects</h3><ul>${bridge.enumObjects.map((e) => `<li>${code(e.name)}: ${link(e.schema)}</li>`).join("")}</ul>`,
      );
    }
    if (bridge.callbacks?.length) {
      out.push(
        `<h3>Host callbacks</h3><ul>${bridge.callbacks
          .map(
            (c) =>
              `<li>${code(c.name)}${c.property ? ` via ${code(c.property)}` : ""}${c.argument ? `, argument ${link(c.argument)}` : ""}${prose(c.description)}</li>`,
          )
          .join("")}</ul>`,
      );
    }
    return `<section id="${escapeHtml(bridge.id)}"><h2>${escapeHtml(bridge.title ?? bridge.id)}</h2>\n${out.filter(Boolean).join("\n")}\n</section>`;
  });
  return layout(page, prose(doc.description), nav, sections);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f1f1f}
header{padding:.6rem 1.5rem;background:#f1f3f4;border-bottom:1px solid #ddd}
main{max-width:72rem;margin:0 auto;padding:0 1.5rem 4rem}
a{color:#0b57d0}code{font:13px ui-monospace,monospace;background:#f6f8fa;padding:0 .2em;border-radius:3px}
section{border-top:1px solid #ddd;margin-top:2rem}h2 a.anchor{color:inherit;text-decoration:none}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.nested{margin:.4rem 0 0 .8rem;padding-left:.6rem;border-left:3px solid #e3e3e3}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:12px}nav ul{columns:3}li.method{margin-bottom:.6rem}
small{color:#5f6368}`;
