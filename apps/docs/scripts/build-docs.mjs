// Renders every contract in specs/ into site/ (see src/build.ts). Run by `npm run build`, after tsc wrote dist/.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "../dist/build.js";
import { defaultSpecsDir } from "../dist/catalog.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "site");
const pages = buildSite({ specsDir: defaultSpecsDir(join(here, "..", "src")), outDir });
console.log(`docs: ${pages.length} pages (${pages.map((p) => p.href).join(", ")}) → ${outDir}`);
