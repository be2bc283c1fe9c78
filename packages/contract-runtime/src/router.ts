import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { HttpError, toHttpError } from "./errors.js";
import { setOperationLabel } from "./observability.js";
import { isTimestamp } from "./time.js";
import type { Handler, Handlers, OperationShape } from "./types.js";

const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;
type Method = (typeof methods)[number];

/** One operation of an OpenAPI document, as the router mounts it. */
export interface RouteInfo {
  operationId: string;
  method: Method;
  /** The OpenAPI path (`/{userKey}/planStatus`). */
  path: string;
  /** The same path in express syntax (`/:userKey/planStatus`). */
  expressPath: string;
}

/** Lists the operations of an OpenAPI document. */
export function listOperations(document: Readonly<Record<string, unknown>>): RouteInfo[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, { operationId?: string }>>;
  const routes: RouteInfo[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      routes.push({ operationId: op.operationId, method, path, expressPath: path.replace(/\{([^}]+)\}/g, ":$1") });
    }
  }
  return routes;
}

/** The OpenAPI path as a regular expression (case-insensitive, trailing slash tolerated, like express's routing). */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`, "i");
}

/** The request media types an OpenAPI document declares (lower case, without parameters). */
export function declaredMediaTypes(document: Readonly<Record<string, unknown>>): Set<string> {
  const out = new Set<string>();
  const paths = (document.paths ?? {}) as Record<string, Record<string, { requestBody?: { content?: object } }>>;
  const bodies = ((document.components as { requestBodies?: Record<string, { content?: object }> } | undefined)
    ?.requestBodies ?? {}) as Record<string, { content?: object }>;
  for (const item of Object.values(paths))
    for (const op of Object.values(item ?? {}))
      for (const type of Object.keys(op?.requestBody?.content ?? {})) out.add(type.toLowerCase());
  for (const body of Object.values(bodies))
    for (const type of Object.keys(body.content ?? {})) out.add(type.toLowerCase());
  return out;
}

/** What an undeclared media type is shown to the validator as. */
export const UNDECLARED_MEDIA_TYPE = "application/x-undeclared-media-type";

/**
 * The Content-Type express-openapi-validator sees: the bare media type when the contract declares it (the body was
 * already parsed, and its charset checked, by then), else {@link UNDECLARED_MEDIA_TYPE}. The validator caches a
 * compiled request and response validator per method, route and raw Content-Type (about 30 KB each) and never
 * forgets one, so passing client-chosen parameters (`application/json; x=1`, `x=2` …) through grew the heap without
 * bound; this maps every header onto at most one value per declared media type.
 */
export function validatorContentType(header: string, declared: ReadonlySet<string>): string {
  const media = (header.split(";")[0] ?? "").trim().toLowerCase();
  if (!declared.has(media)) return UNDECLARED_MEDIA_TYPE;
  // multipart bodies need their boundary to be parsed; the validator leaves it out of its cache key.
  const boundary = media.startsWith("multipart/") ? /;\s*boundary=([^;]+)/i.exec(header)?.[1] : undefined;
  return boundary ? `${media}; boundary=${boundary}` : media;
}

/** Rewrites a request path before validation, for documented alternative spellings of a path. */
export interface PathAlias {
  from: RegExp;
  to: string;
}

export interface ContractRouterOptions<Ops, Ctx> {
  /** The contract's OpenAPI 3.1 document (it is cloned, never mutated). */
  document: Readonly<Record<string, unknown>>;
  /** One handler per operationId; a missing or unknown handler is an error at creation. */
  handlers: Handlers<Ops, Ctx>;
  /**
   * Turns a rejection (validation, auth, limits, unexpected errors) into the contract's own error body. `req` is the
   * rejected request (absent for connection-level errors answered by `startServer`), for contracts whose error body
   * differs by operation.
   */
  errorBody: (error: HttpError, req?: Request) => unknown;
  /** Middleware that runs before validation, e.g. authentication and rate limiting. */
  before?: RequestHandler[];
  /** Builds the per-request context handed to handlers. */
  context?: (req: Request, res: express.Response) => Ctx;
  /** Largest accepted JSON body (default 64 KiB). */
  bodyLimit?: string | number;
  /** Media types parsed as JSON (default `application/json`; e.g. add `application/vnd.gsma.eap-relay.v1.0+json`). */
  jsonMediaTypes?: string[];
  /** Validate every handler response against the spec (default true). */
  validateResponses?: boolean;
  /** Alternative path spellings accepted and rewritten before validation. */
  pathAliases?: PathAlias[];
  /** Called with every error that became a 5xx (log it here). */
  onUnexpectedError?: (error: unknown, req: Request) => void;
  /** Media type of the rejections the runtime serialises (default `application/json`; 3GPP: `application/problem+json`). */
  errorContentType?: string;
  /**
   * Turns an error a handler threw into a declared response (e.g. the contract's own error class), which is then
   * sent — and validated — like any handler result. Return undefined for errors that are not the contract's.
   */
  handlerError?: (
    error: unknown,
  ) => { status: number; body: unknown; headers?: Record<string, string>; contentType?: string } | undefined;
}

/**
 * Builds an express router for one contract: JSON body parsing with a size limit, request and response validation
 * by express-openapi-validator, one typed handler per operation, and errors in the contract's own body.
 */
export function createContractRouter<Ops, Ctx = undefined>(options: ContractRouterOptions<Ops, Ctx>): Router {
  const routes = listOperations(options.document);
  const handlers = options.handlers as unknown as Record<string, Handler<OperationShape, Ctx> | undefined>;
  const known = new Set(routes.map((r) => r.operationId));
  for (const id of Object.keys(handlers)) if (!known.has(id)) throw new Error(`handler for unknown operation ${id}`);
  for (const r of routes)
    if (typeof handlers[r.operationId] !== "function") throw new Error(`no handler for ${r.operationId}`);

  const router = express.Router();
  for (const alias of options.pathAliases ?? []) {
    router.use((req, _res, next) => {
      const q = req.url.indexOf("?");
      const path = q === -1 ? req.url : req.url.slice(0, q);
      const rewritten = path.replace(alias.from, alias.to);
      if (rewritten !== path) req.url = rewritten + (q === -1 ? "" : req.url.slice(q));
      next();
    });
  }
  // Match the operation before authentication: unknown paths answer 404 (not 401), and every request, rejected or
  // not, is labelled with its operationId for metrics (never with its raw path, which carries user keys).
  const matchers = routes
    .map((r) => ({ ...r, re: pathPattern(r.path), params: (r.path.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);
  router.use((req, res, next) => {
    const method = req.method.toLowerCase() === "head" ? "get" : req.method.toLowerCase();
    let pathKnown = false;
    for (const m of matchers) {
      if (!m.re.test(req.path)) continue;
      pathKnown = true;
      if (m.method === method) {
        setOperationLabel(res, m.operationId);
        break;
      }
    }
    if (!pathKnown) return next(new HttpError(404, "not_found", "No such operation."));
    next();
  });
  for (const mw of options.before ?? []) router.use(mw);
  router.use(
    express.json({
      limit: options.bodyLimit ?? "64kb",
      strict: true,
      type: options.jsonMediaTypes ?? "application/json",
    }),
  );
  const mediaTypes = declaredMediaTypes(options.document);
  router.use((req, _res, next) => {
    const type = req.headers["content-type"];
    if (type !== undefined) req.headers["content-type"] = validatorContentType(type, mediaTypes);
    next();
  });
  router.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(options.document) as never,
      validateRequests: { allowUnknownQueryParameters: false, removeAdditional: false },
      validateResponses: options.validateResponses === false ? false : { removeAdditional: false },
      validateSecurity: false,
      validateApiSpec: true,
      // One strict RFC 3339 reading for every contract (calendar ranges, offsets, leap seconds: see time.ts).
      formats: { "date-time": { type: "string", validate: isTimestamp } },
    }),
  );

  for (const route of routes) {
    const handler = handlers[route.operationId]!;
    const invoke = async (input: Parameters<typeof handler>[0]) => {
      try {
        return await handler(input);
      } catch (err) {
        const mapped = options.handlerError?.(err);
        if (mapped) return mapped as Awaited<ReturnType<typeof handler>>;
        throw err;
      }
    };
    router[route.method](route.expressPath, async (req, res, next) => {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      try {
        const result = await invoke({
          params: req.params as never,
          query: req.query as never,
          headers: req.headers as never,
          body: req.body as never,
          ctx: (options.context ? options.context(req, res) : undefined) as Ctx,
          signal: controller.signal,
        });
        if (result.headers) res.set(result.headers);
        res.status(Number(result.status));
        if (result.contentType) res.type(result.contentType);
        if (result.body === undefined) res.end();
        else if (typeof result.body === "string" && result.contentType && !/json/i.test(result.contentType))
          res.send(result.body);
        else res.json(result.body);
      } catch (err) {
        next(err);
      }
    });
  }

  const onError: ErrorRequestHandler = (err, req, res, next) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) options.onUnexpectedError?.(err, req);
    if (res.headersSent) {
      next(err);
      return;
    }
    // Runtime-made errors are serialised directly: the response validator only knows the statuses each operation
    // declares, and a rejection (405, 413 …) may happen before any operation is matched.
    res
      .status(httpError.status)
      .set(httpError.headers)
      .type(options.errorContentType ?? "application/json")
      .send(JSON.stringify(options.errorBody(httpError, req)));
  };
  router.use(onError);
  (router as unknown as Record<symbol, unknown>)[contractErrorBody] = options.errorBody;
  return router;
}

/** Where a contract router keeps its error body factory, so `startServer` can answer connection-level errors in it. */
export const contractErrorBody: unique symbol = Symbol.for("carrierkit.contractErrorBody");

interface Layerish {
  handle?: unknown;
}

/**
 * The error body factory of the first contract router mounted in an express app (searched depth-first), if any.
 * Used for rejections that happen before express sees the request (oversized or malformed headers, `OPTIONS *`).
 */
export function findContractErrorBody(app: unknown, depth = 0): ((error: HttpError) => unknown) | undefined {
  if (!app || depth > 4) return undefined;
  const own = (app as Record<symbol, unknown>)[contractErrorBody];
  if (typeof own === "function") return own as (error: HttpError) => unknown;
  const router = (app as { router?: { stack?: Layerish[] }; stack?: Layerish[] }).router ?? app;
  const stack = (router as { stack?: Layerish[] }).stack;
  if (!Array.isArray(stack)) return undefined;
  for (const layer of stack) {
    const found = findContractErrorBody(layer.handle, depth + 1);
    if (found) return found;
  }
  return undefined;
}
