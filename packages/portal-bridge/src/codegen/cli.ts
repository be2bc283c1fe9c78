/** `npm run generate`: writes src/generated/ from specs/portal-bridge/; `--check` fails when they differ. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedFiles, packageDir } from "./files.js";

const check = process.argv.includes("--check");
let stale = 0;
for (const file of generatedFiles()) {
  const path = join(packageDir, file.path);
  let current: string | undefined;
  try {
    current = readFileSync(path, "utf8");
  } catch {
    current = undefined;
  }
  if (current === file.content) continue;
  if (check) {
    console.error(`${file.path} is stale`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    console.log(`wrote ${file.path}`);
  }
}
if (stale > 0) process.exit(1);
