#!/usr/bin/env node
// Runs the built CLI (dist/), or its TypeScript source through tsx in a checkout that has not been built yet.
import { existsSync } from "node:fs";

const dist = new URL("../dist/cli.js", import.meta.url);
let cli;
if (existsSync(dist)) cli = await import(dist.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(new URL("../src/cli.ts", import.meta.url).href);
}
process.exit(await cli.main(process.argv.slice(2)));
