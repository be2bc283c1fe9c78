import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { HttpError } from "./errors.js";

/** One dependency `/healthz` checks (a store ping, a back end's health URL). */
export interface HealthCheck {
  name: string;
  check: () => Promise<void> | void;
}

export interface HealthReport {
  ok: boolean;
  /** Names of the checks that failed or timed out. */
  failed: string[];
}

/** Runs every check in parallel, each bounded by `timeoutMs`; a throw, a rejection or a time-out is a failure. */
export async function runHealthChecks(checks: readonly HealthCheck[], timeoutMs = 2000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(c.check), timeout]);
        return undefined;
      } catch {
        return c.name;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failed = results.filter((r): r is string => r !== undefined);
  return { ok: failed.length === 0, failed };
}

const LABEL = Symbol.for("carrierkit.operation");
type Labelled = { [LABEL]?: string };

/**
 * Names the operation a request belongs to, for metrics: the contract router sets the operationId; apps may set a
 * route name of their own. The label must be a template, never a raw path (paths carry MSISDNs and user keys).
 */
export function setOperationLabel(res: ServerResponse, label: string): void {
  (res as ServerResponse & Labelled)[LABEL] = label;
}

/** Label of requests no route matched. */
export const UNMATCHED = "(unmatched)";

/** The operation label of a finished request: the set label, else express's route template, else `(unmatched)`. */
export function operationLabel(req: IncomingMessage, res: ServerResponse): string {
  const set = (res as ServerResponse & Labelled)[LABEL];
  if (set) return set;
  const r = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  if (r.route && typeof r.route.path === "string") return `${r.baseUrl ?? ""}${r.route.path}`;
  return UNMATCHED;
}

export interface ObservabilityOptions {
  /** The service's name, reported by `/healthz`. */
  service: string;
  /**
   * What `/healthz` checks: a list run by `runHealthChecks`, or a function of the app's own (e.g. the DPA's back-end
   * health, which also marks the DPA degraded). Default: nothing, so it is `ok` while the process answers.
   */
  health?: readonly HealthCheck[] | (() => Promise<HealthReport>);
  /** Paths answering the health report (default `["/healthz"]`). */
  healthPaths?: readonly string[];
  /**
   * Token `/metrics` requires as `Authorization: Bearer <token>`. Unset: open, as Prometheus expects — restrict it by
   * network (bind address, network policy) or serve `metricsHandler` on a port of its own (`exposeMetrics: false`).
   */
  metricsToken?: string;
  /** Serve `/metrics` on the app (default true). */
  exposeMetrics?: boolean;
  /** Also collect prom-client's default process metrics (CPU, memory, event loop) into this registry (default false). */
  defaultMetrics?: boolean;
  /** Body of a rejected `/metrics` call (401), in the app's error format (default `{ error }`). */
  errorBody?: (error: HttpError) => unknown;
  /** Latency histogram buckets in seconds. */
  buckets?: number[];
}

export interface Observability {
  /** This app's own registry (never prom-client's global one, so several apps can share a process). */
  registry: Registry;
  /** Mount first: answers the health paths and `/metrics`, and times every other request. Works on plain node too. */
  middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  /** Answers the exposition text (with the token check): for a metrics port of its own. */
  metricsHandler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The current health report. */
  health(): Promise<HealthReport>;
  /** A counter registered in this app's registry. */
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L>;
  /** A histogram registered in this app's registry. */
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]): Histogram<L>;
}

const defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  head = false,
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(head ? undefined : text);
}

/**
 * Health and Prometheus metrics for one app: `/healthz` answers `{status: "ok"}` (200) or `{status: "degraded",
 * failed: [...]}` (503) from the injected checks; `/metrics` exposes this app's registry; every other request is
 * counted in `http_requests_total` and timed in `http_request_duration_seconds`, labelled by operation (operationId or
 * route template, never the raw path), method and status. Both endpoints sit outside any contract authentication.
 */
export function createObservability(options: ObservabilityOptions): Observability {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const healthPaths = new Set(options.healthPaths ?? ["/healthz"]);
  const exposeMetrics = options.exposeMetrics !== false;
  const errorBody = options.errorBody ?? ((e: HttpError) => ({ error: e.message }));
  const expected = options.metricsToken ? Buffer.from(`Bearer ${options.metricsToken}`) : undefined;
  const check = options.health;

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames: [...labelNames], registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]) =>
    new Histogram<L>({ name, help, labelNames: [...labelNames], buckets, registers: [registry] });

  const requests = counter("http_requests_total", "HTTP requests answered, by operation, method and status.", [
    "operation",
    "method",
    "status",
  ]);
  const duration = histogram(
    "http_request_duration_seconds",
    "HTTP request latency in seconds, by operation, method and status.",
    ["operation", "method", "status"],
    options.buckets ?? defaultBuckets,
  );

  const health = async (): Promise<HealthReport> => {
    if (!check) return { ok: true, failed: [] };
    if (typeof check === "function") return (check as () => Promise<HealthReport>)();
    return runHealthChecks(check as readonly HealthCheck[]);
  };

  const metricsHandler = (req: IncomingMessage, res: ServerResponse) => {
    if (expected) {
      const got = Buffer.from(req.headers.authorization ?? "");
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
        const error = new HttpError(401, "unauthorized", "The metrics token is required.", {
          "WWW-Authenticate": 'Bearer realm="metrics"',
        });
        sendJson(res, 401, errorBody(error), error.headers);
        return;
      }
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      () => sendJson(res, 500, errorBody(new HttpError(500, "internal", "Internal error."))),
    );
  };

  const middleware: Observability["middleware"] = (req, res, next) => {
    const q = (req.url ?? "/").indexOf("?");
    const path = q === -1 ? (req.url ?? "/") : (req.url ?? "/").slice(0, q);
    const readOnly = req.method === "GET" || req.method === "HEAD";
    if (readOnly && exposeMetrics && path === "/metrics") {
      metricsHandler(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const labels = {
        operation: operationLabel(req, res),
        method: req.method ?? "GET",
        status: res.headersSent ? String(res.statusCode) : "aborted",
      };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    res.once("finish", record);
    res.once("close", record);
    if (readOnly && healthPaths.has(path)) {
      setOperationLabel(res, path);
      health().then(
        (report) =>
          sendJson(
            res,
            report.ok ? 200 : 503,
            report.ok
              ? { status: "ok", service: options.service }
              : { status: "degraded", service: options.service, failed: report.failed },
            {},
            req.method === "HEAD",
          ),
        () =>
          sendJson(
            res,
            503,
            { status: "degraded", service: options.service, failed: ["health"] },
            {},
            req.method === "HEAD",
          ),
      );
      return;
    }
    next();
  };

  return { registry, middleware, metricsHandler, health, counter, histogram };
}

/** The observability settings every app's `main` reads: `METRICS_TOKEN`, and `METRICS_PROCESS=0` to drop process metrics. */
export function observabilityFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics"> {
  return { metricsToken: env.METRICS_TOKEN || undefined, defaultMetrics: env.METRICS_PROCESS !== "0" };
}

/**
 * Sums the samples of `name` in Prometheus exposition text whose labels include `labels` (e.g. to assert on a
 * scrape in tests). Returns 0 when there is none.
 */
export function readMetric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = new Map<string, string>();
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      got.set(l[1]!, l[2]!.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\"));
    if (Object.entries(labels).every(([k, v]) => got.get(k) === v)) sum += Number(m[3]);
  }
  return sum;
}
