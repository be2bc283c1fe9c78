import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix } from "node:path";
import { type DocPage, discoverPages } from "./catalog.js";
import { escapeHtml, RefLinker, renderBridgesPage, renderSchemaPage } from "./schema-html.js";

/**
 * Renders the site: each OpenAPI contract through Redocly `build-docs --inlineBundle` (one self-contained page, works
 * offline), each JSON Schema and bridges.json as generated HTML, the spec sources beside them, and an index linking
 * every page. Nothing on a page loads from outside the site.
 */
export interface BuildOptions {
  specsDir: string;
  outDir: string;
  /** Working directory of Redocly (its redocly.yaml is read from there); default the specs folder's parent. */
  cwd?: string;
}

/**
 * Redoc 3 shows an "API docs by Redocly" logo in the sidebar that it loads from Redocly's CDN (no option turns it
 * off). The build points it at our own image instead and fails if the CDN host is still on the page.
 */
export const REDOC_CDN = "https://cdn.redoc.ly/";
const REDOC_LOGOS = [
  /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g,
  /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g,
];
export const LOGO_FILE = "assets/redoc-logo.svg";
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="72" height="20" viewBox="0 0 72 20"><rect width="72" height="20" rx="4" fill="#0044d4"/><text x="36" y="14" font-family="system-ui,sans-serif" font-size="12" fill="#fff" text-anchor="middle">Redoc</text></svg>\n`;

const require = createRequire(import.meta.url);

function redoclyCli(): string {
  return join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
}

/** Rewrites the CDN logo of a Redoc page to the site's own image; throws if a CDN URL is left. */
export function localiseRedocPage(html: string, pageHref: string): string {
  const logo = posix.relative(posix.dirname(pageHref), LOGO_FILE);
  let out = html;
  for (const pattern of REDOC_LOGOS) out = out.replace(pattern, logo);
  if (out.includes(REDOC_CDN)) throw new Error(`${pageHref}: Redoc still loads from ${REDOC_CDN}`);
  return out;
}

function renderOpenApi(page: DocPage, outFile: string, cwd: string): void {
  execFileSync(
    process.execPath,
    [redoclyCli(), "build-docs", page.source, "--inlineBundle", "--title", page.title, "-o", outFile],
    {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", CI: "true" },
    },
  );
  writeFileSync(outFile, localiseRedocPage(readFileSync(outFile, "utf8"), page.href));
}

const KIND_LABEL: Record<DocPage["kind"], string> = {
  openapi: "OpenAPI",
  "json-schema": "JSON Schema",
  bridges: "bridge objects",
};

export function renderIndex(pages: readonly DocPage[]): string {
  const contracts = [...new Set(pages.map((p) => p.contract))];
  const groups = contracts.map((contract) => {
    const items = pages
      .filter((p) => p.contract === contract)
      .map(
        (p) =>
          `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a> <small>(${KIND_LABEL[p.kind]}, <a href="${escapeHtml(p.sourceHref)}">${escapeHtml(p.sourceName)}</a>)</small></li>`,
      );
    return `<h2 id="${escapeHtml(contract)}">${escapeHtml(contract)}</h2><ul>\n${items.join("\n")}\n</ul>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>carrierkit API docs</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem}a{color:#0b57d0}small{color:#5f6368}</style></head>
<body><h1>carrierkit API docs</h1><p>Rendered from the hand-written contracts in <code>specs/</code>.</p>
${groups.join("\n")}
</body></html>\n`;
}

/** Builds the whole site into `outDir` (emptied first) and returns its pages. */
export function buildSite(options: BuildOptions): DocPage[] {
  const { specsDir, outDir } = options;
  const cwd = options.cwd ?? dirname(specsDir);
  const pages = discoverPages(specsDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, dirname(LOGO_FILE)), { recursive: true });
  writeFileSync(join(outDir, LOGO_FILE), LOGO_SVG);

  const schemas = new Map<DocPage, Record<string, unknown>>();
  const ids = new Map<string, DocPage>();
  for (const page of pages.filter((p) => p.kind === "json-schema")) {
    const schema = JSON.parse(readFileSync(page.source, "utf8")) as Record<string, unknown>;
    schemas.set(page, schema);
    if (typeof schema.$id === "string") ids.set(schema.$id.replace(/#.*$/, ""), page);
  }

  for (const page of pages) {
    const outFile = join(outDir, page.href);
    mkdirSync(dirname(outFile), { recursive: true });
    mkdirSync(dirname(join(outDir, page.sourceHref)), { recursive: true });
    copyFileSync(page.source, join(outDir, page.sourceHref));
    if (page.kind === "openapi") {
      renderOpenApi(page, outFile, cwd);
    } else if (page.kind === "json-schema") {
      writeFileSync(outFile, renderSchemaPage(page, schemas.get(page) ?? {}, new RefLinker(page, pages, ids)));
    } else {
      const doc = JSON.parse(readFileSync(page.source, "utf8"));
      const html = renderBridgesPage(
        page,
        doc,
        (bridge) => {
          const name = posix.normalize(posix.join(page.contract, bridge.schema));
          const target = pages.find((p) => p.kind === "json-schema" && p.sourceName === name);
          const schema = target && schemas.get(target);
          return target && schema ? { page: target, schema } : undefined;
        },
        (base) => new RefLinker(page, pages, ids, base),
      );
      writeFileSync(outFile, html);
    }
  }
  writeFileSync(join(outDir, "index.html"), renderIndex(pages));
  return pages;
}
