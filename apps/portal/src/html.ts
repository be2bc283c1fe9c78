/**
 * HTML that escapes by construction: `html` is a tagged template whose interpolations are escaped unless they are
 * already {@link Html} (another `html` fragment, or {@link trusted} markup the portal produced itself, such as the
 * QR code's SVG). Arrays are joined. Pages are built only from these, so a user-supplied string can never become markup.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** The one HTML-escaping function (text and attribute values). */
export const esc = (v: unknown): string =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return esc(v);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup the portal generated itself (never user input). */
export const trusted = (markup: string): Html => new Html(markup);
