// Renders every OpenAPI contract in specs/ to one self-contained HTML page (Redoc, inlined: works offline) in site/,
// plus an index. Run by `npm run build`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const site = join(here, "..", "site");
mkdirSync(site, { recursive: true });
const redocly = join(root, "node_modules/@redocly/cli/bin/cli.js");
const contracts = readdirSync(join(root, "specs")).filter((d) => existsSync(join(root, "specs", d, "openapi.yaml")));
const entries = [];
for (const name of contracts) {
  const spec = join(root, "specs", name, "openapi.yaml");
  const title = /^\s{2}title:\s*(.+)$/m.exec(readFileSync(spec, "utf8"))?.[1] ?? name;
  execFileSync(
    process.execPath,
    [redocly, "build-docs", spec, "--inlineBundle", "--title", title, "-o", join(site, `${name}.html`)],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  entries.push({ name, title });
}
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
writeFileSync(
  join(site, "index.html"),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>carrierkit API docs</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#0b57d0}</style></head>
<body><h1>carrierkit API docs</h1><p>Rendered from the hand-written contracts in <code>specs/</code>.</p><ul>
${entries.map((e) => `<li><a href="${e.name}.html">${esc(e.title)}</a> <small>(${e.name}, <a href="${e.name}.yaml">openapi.yaml</a>)</small></li>`).join("\n")}
</ul></body></html>\n`,
);
for (const e of entries)
  writeFileSync(join(site, `${e.name}.yaml`), readFileSync(join(root, "specs", e.name, "openapi.yaml")));
console.log(`docs: ${entries.map((e) => e.name).join(", ")} → ${site}`);
