/**
 * Build-time helper (needs `esbuild`, an optional peer dependency): bundles the browser runtime into one
 * self-contained script, with Ajv standalone validators for every `$defs` entry of the specs (no eval in the page).
 * It bundles the runtime next to this module: src/browser/runtime.ts in the monorepo (tests call buildRuntimeScript()
 * so they never run a stale bundle), dist/browser/runtime.js when installed; `npm run build` writes the latter's
 * bundle to dist/portal-bridge.js, so an installed package rebuilds exactly the script it ships.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import standaloneMod from "ajv/dist/standalone/index.js";
import type { PortalBridgeSpec } from "./core/spec-types.js";
import { portalBridgeSpec } from "./generated/spec.js";
import { importOptionalPeer } from "./optional-peer.js";
import { createAjv } from "./validators.js";

const standaloneCode = standaloneMod.default;
const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** ESM source exporting `lookup(file, pointer)` over standalone validators of every `$defs` entry. */
export function standaloneValidatorsSource(given: PortalBridgeSpec = portalBridgeSpec): string {
  // Validation does not need the prose: leave it out of the page (the spec itself is embedded once, with it).
  const spec: PortalBridgeSpec = { ...given, schemas: stripProse(given.schemas) as PortalBridgeSpec["schemas"] };
  const ajv = createAjv(spec, { code: { source: true, esm: true, lines: false, optimize: true } });
  const refs: Record<string, string> = {};
  const table: string[] = [];
  let n = 0;
  for (const [file, schema] of Object.entries(spec.schemas)) {
    const rows: string[] = [];
    for (const def of Object.keys(schema.$defs ?? {})) {
      const name = `v${n++}`;
      refs[name] = `${schema.$id}#/$defs/${def}`;
      rows.push(`${JSON.stringify(`#/$defs/${def}`)}: ${name}`);
    }
    table.push(`${JSON.stringify(file)}: { ${rows.join(", ")} }`);
  }
  const code = standaloneCode(ajv, refs);
  return `${code}
const table = { ${table.join(",\n")} };
export function lookup(file, pointer) {
  const byFile = table[file];
  const v = byFile && byFile[pointer];
  if (!v) throw new Error("portal-bridge: no validator for " + file + pointer);
  return v;
}
`;
}

const PROSE = new Set(["description", "title", "examples", "x-members"]);

function stripProse(node: unknown, parentKey = ""): unknown {
  if (Array.isArray(node)) return node.map((n) => stripProse(n));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    // Under `properties` and `$defs` keys are names, not keywords.
    if (parentKey !== "properties" && parentKey !== "$defs" && PROSE.has(k)) continue;
    out[k] = stripProse(v, k);
  }
  return out;
}

export interface BuildRuntimeOptions {
  minify?: boolean;
}

/** The runtime as one classic script (IIFE) for a host to inject. */
export async function buildRuntimeScript(options: BuildRuntimeOptions = {}): Promise<string> {
  const esbuild = await importOptionalPeer("build", "esbuild", () => import("esbuild"));
  const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
    .version;
  const validators = standaloneValidatorsSource();
  const result = await esbuild.build({
    entryPoints: [
      fileURLToPath(new URL(`./browser/runtime${extname(fileURLToPath(import.meta.url))}`, import.meta.url)),
    ],
    // The same bundle wherever it is built: module paths relative to the package (not the caller's cwd), and these
    // compiler options instead of whichever tsconfig.json esbuild would find above the files (none when installed).
    absWorkingDir: packageDir,
    tsconfigRaw: { compilerOptions: { alwaysStrict: true, useDefineForClassFields: true, verbatimModuleSyntax: true } },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: options.minify ?? false,
    legalComments: "none",
    conditions: ["@carrierkit/source"],
    define: { __PORTAL_BRIDGE_VERSION__: JSON.stringify(version) },
    banner: {
      js: `/* @carrierkit/portal-bridge ${version} browser runtime — generated from specs/portal-bridge; Apache-2.0 */`,
    },
    plugins: [
      {
        name: "portal-bridge-standalone-validators",
        setup(build) {
          build.onLoad({ filter: /standalone-validators\.(ts|js)$/ }, () => ({
            contents: validators,
            loader: "js",
            resolveDir: packageDir,
          }));
        },
      },
    ],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error("esbuild produced no output");
  return out.text;
}
