import type { Exchange } from "@carrierkit/gtaf";
import type { NextFunction, Request, Response } from "express";
import { baseCss, esc } from "./html.js";
import type { Clock } from "./keys.js";

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;

function headerRecord(
  headers: Headers | Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: string) => {
    out[k.toLowerCase()] = SECRET_HEADERS.test(k) ? redact(v) : v;
  };
  if (headers instanceof Headers)
    headers.forEach((v, k) => {
      put(k, v);
    });
  else
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined) put(k, Array.isArray(v) ? v.join(", ") : String(v));
  return out;
}

/** Keeps the scheme and a few characters of a credential, never the credential. */
function redact(value: string): string {
  const [scheme, rest] = value.split(" ", 2);
  return rest ? `${scheme} ${rest.slice(0, 6)}…` : "…";
}

/** Most characters of a recorded body (its JSON text); a longer one is kept as the start of that text. */
export const MAX_RECORDED_BODY = 8192;

const truncated = (text: string) => (text.length > MAX_RECORDED_BODY ? `${text.slice(0, MAX_RECORDED_BODY)}…` : text);

/**
 * A body as the recorder keeps it: a JSON value whose text is at most {@link MAX_RECORDED_BODY} characters, else the
 * start of that text as a string. Whatever a client sent (a 60 KB document, arrays nested 20,000 deep), the recorder
 * then holds a bounded amount per exchange and can always serialise what it holds.
 */
export function recordableBody(value: unknown): unknown {
  if (value === undefined || typeof value === "string") return value === undefined ? value : truncated(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return "(not recordable: nested too deeply)";
  }
  if (text === undefined) return undefined;
  // Nesting the serialiser survived may still be too deep for the answer's validation and HTML rendering.
  if (text.length > MAX_RECORDED_BODY || depth(text) > 64) return truncated(text);
  return value;
}

/** Deepest bracket nesting of a JSON text (brackets inside strings count too: an over-estimate is harmless). */
function depth(text: string): number {
  let d = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++d);
    else if (c === 0x5d || c === 0x7d) d--;
  }
  return max;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return recordableBody(JSON.parse(text));
  } catch {
    return truncated(text);
  }
}

/** Every HTTP exchange between GTAF and the DPA, newest last, bounded. */
export class ExchangeRecorder {
  private readonly items: Exchange[] = [];
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly max = 5000,
  ) {}

  list(limit?: number): Exchange[] {
    return limit === undefined ? [...this.items] : this.items.slice(-limit);
  }

  get(id: number): Exchange | undefined {
    return this.items.find((e) => e.id === id);
  }

  add(e: Omit<Exchange, "id" | "at">): Exchange {
    const exchange = { id: this.nextId++, at: new Date(this.clock()).toISOString(), ...e } as Exchange;
    this.items.push(exchange);
    if (this.items.length > this.max) this.items.shift();
    return exchange;
  }

  /** Adds contract violations to a recorded exchange. */
  annotate(id: number, violations: string[]): void {
    const e = this.get(id);
    if (e && violations.length > 0) e.violations = [...(e.violations ?? []), ...violations];
  }

  clear(): void {
    this.items.length = 0;
  }

  /**
   * A fetch that records every call to the DPA. The recorded exchange's id is remembered per Response, so the
   * caller can attach the violations it finds (see {@link exchangeOf}).
   */
  recordingFetch(inner: typeof fetch, operationOf: (method: string, url: string) => string): typeof fetch {
    return (async (input: globalThis.Request | string | URL, init?: RequestInit) => {
      const req = input instanceof globalThis.Request ? input : new globalThis.Request(input, init);
      const requestText = req.body ? await req.clone().text() : "";
      const started = performance.now();
      const base = {
        direction: "to-dpa" as const,
        operation: operationOf(req.method, req.url),
        method: req.method,
        url: req.url,
        requestHeaders: headerRecord(req.headers),
        ...(requestText ? { requestBody: parseBody(requestText) } : {}),
      };
      let res: globalThis.Response;
      try {
        res = await inner(req);
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        this.add({
          ...base,
          error:
            (err as Error).name === "TimeoutError"
              ? "timeout"
              : `${(err as Error).message}${cause ? ` (${cause})` : ""}`,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        });
        throw err;
      }
      const text = await res.clone().text();
      const exchange = this.add({
        ...base,
        status: res.status,
        responseHeaders: headerRecord(res.headers),
        ...(text ? { responseBody: parseBody(text) } : {}),
        violations: [],
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
      exchangeIds.set(res, exchange.id);
      return res;
    }) as typeof fetch;
  }

  /** Express middleware recording the DPA's calls to GTAF (`operationOf` returns undefined for calls not to record). */
  middleware(operationOf: (method: string, path: string) => string | undefined) {
    return (req: Request, res: Response, next: NextFunction) => {
      const operation = operationOf(req.method, req.path);
      if (!operation) return next();
      const started = performance.now();
      let sent: unknown;
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        sent = body;
        return send(body);
      };
      res.on("finish", () => {
        const text = Buffer.isBuffer(sent) ? sent.toString("utf8") : typeof sent === "string" ? sent : "";
        const body = req.body as unknown;
        this.add({
          direction: "from-dpa",
          operation,
          method: req.method,
          url: req.originalUrl,
          requestHeaders: headerRecord(req.headers),
          ...(body !== undefined && !(typeof body === "object" && body !== null && Object.keys(body).length === 0)
            ? { requestBody: recordableBody(redactForm(body)) }
            : {}),
          status: res.statusCode,
          responseHeaders: headerRecord(res.getHeaders() as Record<string, string>),
          ...(text ? { responseBody: redactTokens(parseBody(text)) } : {}),
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        });
      });
      next();
    };
  }

  /** A self-contained HTML page of the exchanges. */
  html(limit?: number): string {
    const rows = this.list(limit)
      .map((e) => {
        const bad = (e.violations?.length ?? 0) > 0;
        const status =
          e.status === undefined ? `<span class="fail">${esc(e.error ?? "no answer")}</span>` : esc(e.status);
        return `<tr><td>${e.id}</td><td>${esc(e.at)}</td><td>${esc(e.direction)}</td><td><code>${esc(e.operation)}</code></td>
<td><code>${esc(e.method)} ${esc(e.url)}</code></td><td class="${bad || (e.status ?? 500) >= 400 ? "fail" : "pass"}">${status}</td>
<td>${(e.violations ?? []).map((v) => `<div class="violation">${esc(v)}</div>`).join("")}
<details><summary>request / response</summary><pre>${esc(JSON.stringify(e.requestHeaders ?? {}, null, 2))}</pre>
<pre>${esc(JSON.stringify(e.requestBody ?? null, null, 2))}</pre><pre>${esc(JSON.stringify(e.responseHeaders ?? {}, null, 2))}</pre>
<pre>${esc(JSON.stringify(e.responseBody ?? null, null, 2))}</pre></details></td><td>${esc(e.durationMs)} ms</td></tr>`;
      })
      .join("\n");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GTAF mock exchanges</title><style>${baseCss}</style></head>
<body><h1>GTAF mock — exchanges with the DPA</h1><p class="meta">${this.items.length} recorded, newest last. Tokens are redacted.</p>
<table><thead><tr><th>#</th><th>at</th><th>direction</th><th>operation</th><th>request</th><th>status</th><th>violations / details</th><th>time</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`;
  }
}

const exchangeIds = new WeakMap<globalThis.Response, number>();

/** The recorded exchange of a Response returned by a recording fetch. */
export function exchangeOf(res: globalThis.Response): number | undefined {
  return exchangeIds.get(res);
}

function redactForm(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const out = { ...(body as Record<string, unknown>) };
  for (const k of ["client_secret", "assertion"]) if (typeof out[k] === "string") out[k] = "…";
  return out;
}

function redactTokens(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const b = body as Record<string, unknown>;
  return typeof b.access_token === "string" ? { ...b, access_token: `${b.access_token.slice(0, 10)}…` } : body;
}
