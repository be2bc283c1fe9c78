/**
 * Part of `npm run build`, after tsc: writes dist/portal-bridge.js (the injectable runtime) and dist/portal-globals.d.ts.
 * It bundles from dist/ (what the package ships), so an installed `buildRuntimeScript()` reproduces the file exactly.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const { buildRuntimeScript } = (await import(
  new URL("../dist/build.js", import.meta.url).href
)) as typeof import("../src/build.js");

mkdirSync(new URL("../dist/", import.meta.url), { recursive: true });
writeFileSync(new URL("../dist/portal-bridge.js", import.meta.url), await buildRuntimeScript());
writeFileSync(new URL("../dist/portal-bridge.min.js", import.meta.url), await buildRuntimeScript({ minify: true }));
copyFileSync(
  new URL("../src/generated/portal-globals.d.ts", import.meta.url),
  new URL("../dist/portal-globals.d.ts", import.meta.url),
);
console.log("wrote dist/portal-bridge.js, dist/portal-bridge.min.js, dist/portal-globals.d.ts");
