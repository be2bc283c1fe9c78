import { existsSync } from "node:fs";
import type { RequestListener } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createObservability,
  type ObservabilityOptions,
  observabilityFromEnv,
  type RunningServer,
  setOperationLabel,
  startServer,
} from "@carrierkit/contract-runtime/node";
import express from "express";

/** The folder `npm run build` renders the docs into. */
export const siteDir = join(dirname(fileURLToPath(import.meta.url)), "..", "site");

/**
 * The pages may load nothing from outside the site: the browser refuses any other origin (a Redoc upgrade that
 * fetched from a CDN again would fail visibly, with a CSP console error, instead of leaking requests).
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The rendered site as an express app: GET/HEAD only, `/healthz` and `/metrics` (the shared observability module;
 * served files are labelled `static`, misses `(unmatched)`), and the files of `dir` through serve-static
 * (`express.static`), which refuses `..` segments in any encoding, dotfiles and paths outside `dir`. Every refusal
 * and every missing file answers 404 (never a 403 that would tell a hidden file exists).
 */
export function docsHandler(
  dir = siteDir,
  observability: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics"> = {},
): RequestListener {
  const obs = createObservability({ service: "docs", ...observability });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  app.use((req, res, next) => obs.middleware(req, res, next));
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") next();
    else res.status(405).set("Allow", "GET, HEAD").end();
  });
  app.use((_req, res, next) => {
    res.set("Content-Security-Policy", CSP);
    next();
  });
  app.use(
    express.static(dir, {
      dotfiles: "deny",
      index: "index.html",
      redirect: false,
      fallthrough: true,
      setHeaders: (res) => setOperationLabel(res, "static"),
    }),
  );
  app.use((_req, res) => {
    res.status(404).type("text/plain").send("not found");
  });
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).type("text/plain").send("internal error");
  });
  return app;
}

/** Serves the rendered docs (default port 4050, env DOCS_PORT). */
export function serveDocs(port = Number(process.env.DOCS_PORT ?? 4050), host = "127.0.0.1"): Promise<RunningServer> {
  if (!existsSync(join(siteDir, "index.html"))) throw new Error(`no rendered docs in ${siteDir}: run npm run build`);
  return startServer({ app: docsHandler(siteDir, observabilityFromEnv()), port, host });
}
