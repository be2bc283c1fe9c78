/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The stylesheet of the HTML reports (inline, no external resources). */
export const reportCss = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d232a;background:#fff}
h1{font-size:1.4rem;margin:0 0 .25rem}p.meta{color:#5a6570;margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #e3e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;font-weight:600}code,pre{font:12px/1.4 ui-monospace,monospace}pre{white-space:pre-wrap;word-break:break-all;margin:.25rem 0;max-height:24rem;overflow:auto;background:#f8f9fa;padding:.4rem}
.pass{color:#137333;font-weight:600}.fail{color:#b3261e;font-weight:600}.skip{color:#8a6d00;font-weight:600}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.75rem;margin-right:.5rem;background:#f4f6f8}
details summary{cursor:pointer}.violation{color:#b3261e}
`;
