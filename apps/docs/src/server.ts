import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createObservability,
  type ObservabilityOptions,
  observabilityFromEnv,
  type RunningServer,
  setOperationLabel,
  startServer,
} from "@carrierkit/contract-runtime/node";

/** The folder `npm run build` renders the docs into. */
export const siteDir = join(dirname(fileURLToPath(import.meta.url)), "..", "site");

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
};

/** A static handler for the rendered site (GET/HEAD only; no path escapes the folder), with `/healthz` and `/metrics`. */
export function docsHandler(
  dir = siteDir,
  observability: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics"> = {},
) {
  const obs = createObservability({ service: "docs", ...observability });
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    setOperationLabel(res, "static");
    res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream" });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  };
  return (req: IncomingMessage, res: ServerResponse) => obs.middleware(req, res, () => serve(req, res));
}

/** Serves the rendered docs (default port 4050, env DOCS_PORT). */
export function serveDocs(port = Number(process.env.DOCS_PORT ?? 4050), host = "127.0.0.1"): Promise<RunningServer> {
  if (!existsSync(join(siteDir, "index.html"))) throw new Error(`no rendered docs in ${siteDir}: run npm run build`);
  return startServer({ app: docsHandler(siteDir, observabilityFromEnv()), port, host });
}
