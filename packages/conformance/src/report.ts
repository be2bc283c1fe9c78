import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { esc, reportCss } from "./html.js";
import type { CheckResult, ConformanceReport } from "./types.js";

const mark = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;

/** The pass/fail/skip table, one row per check, plus the summary line. */
export function formatTable(report: ConformanceReport): string {
  const nameWidth = Math.max(5, ...report.results.map((r) => r.name.length));
  const lines = [
    `${"check".padEnd(nameWidth)}  result  ms     detail`,
    `${"-".repeat(nameWidth)}  ------  -----  ${"-".repeat(40)}`,
  ];
  for (const r of report.results) {
    const detail = r.reasons[0] ?? r.title;
    const more = r.reasons.length > 1 ? ` (+${r.reasons.length - 1} more)` : "";
    lines.push(
      `${r.name.padEnd(nameWidth)}  ${mark[r.status].padEnd(6)}  ${String(r.durationMs).padStart(5)}  ${detail}${more}`,
    );
  }
  const s = report.summary;
  const profile = report.profile === "default" ? "" : ` (profile ${report.profile})`;
  lines.push(
    "",
    `${s.pass} passed, ${s.fail} failed, ${s.skip} skipped of ${s.total} checks against ${report.dpaUrl}${profile}`,
  );
  return lines.join("\n");
}

/** One progress line, printed as each check finishes. */
export function progressLine(result: CheckResult, index: number, total: number): string {
  const n = String(index + 1).padStart(String(total).length);
  return `[${n}/${total}] ${mark[result.status]} ${result.name} (${result.durationMs} ms)${result.status === "pass" ? "" : ` — ${result.reasons[0] ?? ""}`}`;
}

/** A self-contained HTML report (inline CSS, no scripts, no external resources). */
export function renderHtml(report: ConformanceReport): string {
  const s = report.summary;
  const rows = report.results
    .map(
      (
        r,
      ) => `<tr><td><code>${esc(r.name)}</code><br><small>${esc(r.title)}</small></td><td class="${r.status}">${mark[r.status]}</td>
<td>${r.reasons.map((x) => `<div>${esc(x)}</div>`).join("")}${
        r.calls.length
          ? `<details><summary>${r.calls.length} call(s)</summary>${r.calls
              .map(
                (c) =>
                  `<div><code>${esc(c.method)} ${esc(c.url)} → ${esc(c.status ?? c.error ?? "no answer")}</code>${c.violations
                    .map((v) => `<div class="violation">${esc(v)}</div>`)
                    .join("")}<pre>${esc(JSON.stringify(c.responseBody ?? null, null, 2))}</pre></div>`,
              )
              .join("")}</details>`
          : ""
      }</td><td>${r.durationMs} ms</td></tr>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DPA conformance — ${esc(report.dpaUrl)}</title><style>${reportCss}</style></head>
<body><h1>DPA conformance report</h1>
<p class="meta">${esc(report.dpaUrl)} · ${esc(report.startedAt)} – ${esc(report.finishedAt)} · carrierkit-conformance, profile ${esc(report.profile)}</p>
<p><span class="badge pass">${s.pass} passed</span><span class="badge fail">${s.fail} failed</span><span class="badge skip">${s.skip} skipped</span><span class="badge">${s.total} checks</span></p>
<table><thead><tr><th>check</th><th>result</th><th>details</th><th>time</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

/** Writes `conformance.json` and `conformance.html` into `dir`; returns their absolute paths. */
export function writeReports(report: ConformanceReport, dir: string): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = resolve(join(dir, "conformance.json"));
  const html = resolve(join(dir, "conformance.html"));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderHtml(report));
  return { json, html };
}
