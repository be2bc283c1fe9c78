/** Server-rendered pages: plain HTML, one shared script (/assets/portal.js), no framework. */

export const esc = (v: unknown): string =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #0b5cad;margin-bottom:12px}
h1{font-size:1.4em;color:#0b5cad} .bridge{font-size:.85em;padding:6px 10px;border-radius:6px;background:#eef3fa}
.bridge.none{background:#fff4d6} form{margin:10px 0} fieldset{border:1px solid #ccd;border-radius:8px;margin:10px 0}
label{display:block;margin:6px 0} button{font-size:1em;padding:8px 14px;margin:4px 4px 4px 0;border-radius:6px;
border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer} button.secondary{background:#fff;color:#0b5cad}
button:disabled{opacity:.5} .error{color:#a40000} .ok{color:#0a6b2d} code{background:#f3f3f3;padding:2px 4px}
ul.events{font-size:.9em}`;

export interface PageData {
  page: string;
  [key: string]: unknown;
}

export function layout(title: string, body: string, data: PageData): string {
  // JSON in a script element: escape "<" so the data can never close the element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · CarrierKit Mobile</title><style>${STYLE}</style></head>
<body><header><h1>CarrierKit Mobile</h1><p id="bridge-status" class="bridge">Checking for the app bridge…</p></header>
<main><h2>${esc(title)}</h2>${body}</main>
<script type="application/json" id="portal-data">${json}</script>
<script src="/assets/portal.js"></script></body></html>`;
}

export const cancelButton = (step: string) =>
  `<form method="get" action="/cancel"><input type="hidden" name="step" value="${esc(step)}"><button id="cancel" class="secondary" type="submit">Cancel</button></form>`;
