import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { findDrift, generateAll, repoRoot } from "./index.js";

const check = process.argv.includes("--check");
const files = await generateAll();
if (check) {
  const drifted = await findDrift(files);
  if (drifted.length > 0) {
    console.error(`Generated code is out of date with its spec: ${drifted.join(", ")}\nRun: npm run generate`);
    process.exit(1);
  }
  console.log(`${files.length} generated files match their specs.`);
} else {
  for (const file of files) {
    await mkdir(dirname(join(repoRoot, file.path)), { recursive: true });
    await writeFile(join(repoRoot, file.path), file.contents);
    console.log(`wrote ${file.path}`);
  }
}
