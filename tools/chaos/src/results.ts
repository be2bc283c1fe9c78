/** tools/bench/results/chaos.md: one section per suite, each replaced when its suite runs again. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const resultsFile = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", "results", "chaos.md");

const HEADER =
  "# Attack suites (`tools/chaos`)\n\nCounts from the last run of each suite (`npm run chaos:<suite>`), on loopback; each section is rewritten by its own suite.\n";

/** Replaces (or appends) the section `name` of the results file. */
export function writeSection(name: string, markdown: string, file = resultsFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** A markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}
