import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite, LOGO_FILE, localiseRedocPage, REDOC_CDN, renderIndex } from "../src/build.js";
import { discoverPages } from "../src/catalog.js";

// Spec folders made for the test: contracts the site has never seen, a hostile schema, a cross-file $ref and a
// bridges.json. No OpenAPI file, so no Redocly run: these builds exercise discovery and the schema pages.
const roots: string[] = [];
function specs(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "carrierkit-docs-specs-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, "specs", name, ".."), { recursive: true });
    writeFileSync(join(root, "specs", name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return join(root, "specs");
}
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const HOSTILE = '<img src=x onerror="alert(1)">';
const simSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://carrierkit.dev/specs/sim/profile.schema.json",
  title: `SIM ${HOSTILE} profile`,
  description: `Root with \`code\` and ${HOSTILE}.`,
  type: "object",
  properties: { iccid: { $ref: "#/$defs/Iccid" }, state: { $ref: "#/$defs/State" } },
  required: ["iccid"],
  additionalProperties: false,
  $defs: {
    Iccid: { description: "ICCID digits.", type: "string", pattern: "^89[0-9]{17,18}$", maxLength: 20 },
    State: { description: `One of the states ${HOSTILE}`, type: "string", enum: ["enabled", "<disabled>"] },
    'Weird"<name>': { description: "A definition name that needs escaping.", type: "integer", minimum: 0 },
    Profile: {
      type: "object",
      properties: {
        iccid: { $ref: "#/$defs/Iccid" },
        plan: { $ref: "../catalogue/plan.schema.json#/$defs/Plan" },
        byId: { $ref: "https://carrierkit.dev/specs/catalogue/plan.schema.json#/$defs/Plan" },
        elsewhere: { $ref: "https://example.org/other.json#/$defs/X" },
      },
    },
    Args: {
      type: "array",
      prefixItems: [
        { title: "profile", $ref: "#/$defs/Profile" },
        { title: "delay", type: "integer" },
      ],
      minItems: 1,
      items: false,
    },
  },
};
const planSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://carrierkit.dev/specs/catalogue/plan.schema.json",
  title: "Plan",
  $defs: { Plan: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
};
const bridges = {
  title: "Bridges",
  bridges: [
    {
      id: "simBridge",
      title: "SIM bridge",
      schema: "profile.schema.json",
      objects: [
        {
          name: "Sim",
          methods: [
            { name: "activate", api: "current", overloads: [{ args: "#/$defs/Args", returns: null }] },
            { name: "enable", aliasOf: "Sim.activate" },
          ],
        },
      ],
    },
  ],
};

describe("docs site build", () => {
  it("When the specs folder has new contracts, then every OpenAPI file, schema and bridges.json gets a page", () => {
    const dir = specs({
      "namf/openapi.yaml": "openapi: 3.1.0\ninfo:\n  title: Namf API\n  version: 1.0.0\npaths: {}\n",
      "sim/profile.schema.json": simSchema,
      "sim/bridges.json": bridges,
      "catalogue/plan.schema.json": planSchema,
      "catalogue/notes.md": "not a spec",
      "catalogue/example.json": { not: "a schema file name" },
    });
    const pages = discoverPages(dir).map((p) => [p.kind, p.sourceName, p.href, p.sourceHref, p.title]);
    expect(pages).toEqual([
      ["json-schema", "catalogue/plan.schema.json", "catalogue/plan.schema.html", "catalogue/plan.schema.json", "Plan"],
      ["openapi", "namf/openapi.yaml", "namf.html", "namf.yaml", "Namf API"],
      ["json-schema", "sim/profile.schema.json", "sim/profile.schema.html", "sim/profile.schema.json", simSchema.title],
      ["bridges", "sim/bridges.json", "sim/bridges.html", "sim/bridges.json", "Bridges"],
    ]);
  });

  it("When the repository's specs are discovered, then the OpenAPI contracts, both schema folders and bridges.json are pages", () => {
    const names = discoverPages(join(import.meta.dirname, "..", "..", "..", "specs")).map((p) => p.sourceName);
    for (const name of [
      "dpa/openapi.yaml",
      "gtaf/openapi.yaml",
      "ts43/openapi.yaml",
      "namf/openapi.yaml",
      "portal-bridge/bridges.json",
      "portal-bridge/bridges.schema.json",
      "portal-bridge/data-boost.schema.json",
      "portal-bridge/mobile-plans.schema.json",
      "ursp/ursp-policy.schema.json",
    ]) {
      expect(names).toContain(name);
    }
  });

  const out = () => {
    const dir = specs({
      "sim/profile.schema.json": simSchema,
      "sim/bridges.json": bridges,
      "catalogue/plan.schema.json": planSchema,
    });
    const site = join(dir, "..", "site");
    buildSite({ specsDir: dir, outDir: site });
    return site;
  };

  it("When a schema holds markup in titles, descriptions, enum values and definition names, then the page escapes all of it", () => {
    const html = readFileSync(join(out(), "sim", "profile.schema.html"), "utf8");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('onerror="');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<code>&quot;&lt;disabled&gt;&quot;</code>");
    expect(html).toContain('id="def-Weird&quot;&lt;name&gt;"');
    expect(html).toContain("Root with <code>code</code>");
    expect(html.match(/<script/g)).toBeNull();
  });

  it("When a schema is rendered, then each $defs entry is a section and $refs link to it, to another page by path or $id, or stay text when outside", () => {
    const html = readFileSync(join(out(), "sim", "profile.schema.html"), "utf8");
    for (const name of ["Iccid", "State", "Profile", "Args"]) expect(html).toContain(`<section id="def-${name}">`);
    expect(html).toContain('<a href="#def-Iccid"><code>Iccid</code></a>');
    expect(html).toContain('<a href="../catalogue/plan.schema.html#def-Plan"><code>Plan</code></a>');
    expect(html.match(/href="\.\.\/catalogue\/plan\.schema\.html#def-Plan"/g)).toHaveLength(2);
    expect(html).toContain("<code>https://example.org/other.json#/$defs/X</code>");
    expect(html).toContain("pattern: <code>^89[0-9]{17,18}$</code>; max length 20");
    expect(html).toContain("enum: <code>&quot;enabled&quot;</code>, <code>&quot;&lt;disabled&gt;&quot;</code>");
    expect(html).toMatch(
      /<td><code>iccid<\/code><\/td><td><a href="#def-Iccid"><code>Iccid<\/code><\/a><\/td><td>required<\/td>/,
    );
    expect(html).toMatch(
      /<td><code>state<\/code><\/td><td><a href="#def-State"><code>State<\/code><\/a><\/td><td>optional<\/td>/,
    );
    expect(html).toMatch(/<td>1<\/td><td><code>delay<\/code><\/td><td>integer<\/td><td>optional<\/td>/);
  });

  it("When bridges.json is rendered, then each method lists its arguments by title with links into the schema page", () => {
    const html = readFileSync(join(out(), "sim", "bridges.html"), "utf8");
    expect(html).toContain('data-method="Sim.activate"');
    expect(html).toContain(
      '<code>Sim.activate(</code><span class="arg">profile: <a href="profile.schema.html#def-Profile"><code>Profile</code></a></span><code>, </code><span class="arg">delay?: integer</span><code>)</code> → nothing',
    );
    expect(html).toContain("<code>Sim.enable</code>: alias of <code>Sim.activate</code>");
  });

  it("When the site is built, then the index links every page and its source, and the logo file exists", () => {
    const site = out();
    const index = readFileSync(join(site, "index.html"), "utf8");
    for (const href of ["sim/profile.schema.html", "sim/bridges.html", "catalogue/plan.schema.html"]) {
      expect(index).toContain(`href="${href}"`);
    }
    expect(index).toContain('href="sim/profile.schema.json"');
    expect(readFileSync(join(site, "sim", "profile.schema.json"), "utf8")).toBe(JSON.stringify(simSchema));
    expect(readFileSync(join(site, LOGO_FILE), "utf8")).toMatch(/^<svg /);
    expect(renderIndex([])).not.toContain("<li>");
  });

  it("When a Redoc page loads its logo from the CDN, then the build points it at the site's image, and refuses any other CDN URL", () => {
    const page = "x src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg` y";
    expect(localiseRedocPage(page, "dpa.html")).toBe("x src:e?`assets/redoc-logo.svg`:`assets/redoc-logo.svg` y");
    expect(localiseRedocPage(page, "nested/x.html")).toContain("`../assets/redoc-logo.svg`");
    expect(() => localiseRedocPage(`${page} ${REDOC_CDN}redoc/other.js`, "dpa.html")).toThrow(/still loads/);
  });
});
