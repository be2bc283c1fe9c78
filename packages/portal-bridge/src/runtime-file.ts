import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** Path of the built browser runtime (dist/portal-bridge.js; `minified` for dist/portal-bridge.min.js). */
export function runtimeScriptPath(minified = false): string {
  const name = minified ? "portal-bridge.min.js" : "portal-bridge.js";
  const url = new URL(`../dist/${name}`, import.meta.url);
  return fileURLToPath(url).replace(/\/dist\/dist\//, "/dist/");
}

/** The built browser runtime, to inject into a page (e.g. Playwright `addInitScript({ content })`). */
export function readRuntimeScript(minified = false): Promise<string> {
  return readFile(runtimeScriptPath(minified), "utf8");
}
