import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/**
 * The pages of the docs site, discovered from the specs folder (nothing is listed by hand, so a new contract gets its
 * pages by adding its files):
 * - `specs/<c>/openapi.yaml` → `<c>.html` (Redoc), source copied to `<c>.yaml`;
 * - `specs/<c>/<name>.schema.json` → `<c>/<name>.schema.html` (generated HTML), source copied beside it;
 * - `specs/<c>/bridges.json` → `<c>/bridges.html` (the bridge objects and their methods).
 */
export type PageKind = "openapi" | "json-schema" | "bridges";

export interface DocPage {
  kind: PageKind;
  /** The folder under specs/ (`dpa`, `portal-bridge`, …). */
  contract: string;
  /** Absolute path of the spec file. */
  source: string;
  /** The spec file relative to specs/ (`portal-bridge/mobile-plans.schema.json`). */
  sourceName: string;
  /** The rendered page, relative to the site root. */
  href: string;
  /** The copied spec file, relative to the site root. */
  sourceHref: string;
  title: string;
}

const KIND_ORDER: Record<PageKind, number> = { openapi: 0, "json-schema": 1, bridges: 2 };

/** Every page for the specs in `specsDir`, by contract, then OpenAPI, schemas (by file name), bridges. */
export function discoverPages(specsDir: string): DocPage[] {
  const pages: DocPage[] = [];
  const contracts = readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();
  for (const contract of contracts) {
    const dir = join(specsDir, contract);
    for (const file of readdirSync(dir).sort()) {
      const source = join(dir, file);
      const sourceName = `${contract}/${file}`;
      if (file === "openapi.yaml") {
        const doc = parse(readFileSync(source, "utf8")) as { info?: { title?: unknown } } | null;
        const title = typeof doc?.info?.title === "string" ? doc.info.title : contract;
        pages.push({
          kind: "openapi",
          contract,
          source,
          sourceName,
          href: `${contract}.html`,
          sourceHref: `${contract}.yaml`,
          title,
        });
      } else if (file.endsWith(".schema.json") || file === "bridges.json") {
        const doc = JSON.parse(readFileSync(source, "utf8")) as { title?: unknown };
        const kind: PageKind = file === "bridges.json" ? "bridges" : "json-schema";
        const base = file.replace(/\.json$/, "");
        pages.push({
          kind,
          contract,
          source,
          sourceName,
          href: `${contract}/${base}.html`,
          sourceHref: sourceName,
          title: typeof doc.title === "string" ? doc.title : file,
        });
      }
    }
  }
  const hrefs = new Set<string>();
  for (const p of pages) {
    if (hrefs.has(p.href)) throw new Error(`two specs would render to ${p.href}`);
    hrefs.add(p.href);
  }
  return pages.sort(
    (a, b) =>
      a.contract.localeCompare(b.contract) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.href.localeCompare(b.href),
  );
}

/** The repository's specs folder (apps/docs/src → specs). */
export function defaultSpecsDir(here: string): string {
  const dir = join(here, "..", "..", "..", "specs");
  if (!existsSync(dir)) throw new Error(`no specs folder at ${dir}`);
  return dir;
}
