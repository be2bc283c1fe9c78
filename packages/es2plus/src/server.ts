import type { HandlerInput, HandlerResult, Handlers } from "@carrierkit/contract-runtime";
import { createContractRouter } from "@carrierkit/contract-runtime/node";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { Es2plusError, es2plusRejectionBody } from "./errors.js";
import type { operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import { ADMIN_PROTOCOL } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";
export { Es2plusError, es2plusRejectionBody } from "./errors.js";

/** What every handler receives besides the validated request. */
export interface Es2plusRequestContext {
  req: Request;
  res: Response;
}

/** The SM-DP+'s operations: ES2+ (operator-facing) and ES9+ (LPA-facing). */
export type SmdpOperations = Omit<operations, "handleDownloadProgressInfo">;
export type SmdpHandlers = Handlers<SmdpOperations, Es2plusRequestContext>;
export type DownloadProgressInfoOperation = operations["handleDownloadProgressInfo"];
export type DownloadProgressInfoHandler = (
  input: HandlerInput<DownloadProgressInfoOperation, Es2plusRequestContext>,
) => HandlerResult<DownloadProgressInfoOperation> | Promise<HandlerResult<DownloadProgressInfoOperation>>;

export interface Es2plusRouterOptions {
  /** Middleware before parsing and validation (authentication, fault injection, recording). */
  before?: RequestHandler[];
  /** Largest accepted body (default 64 KiB). */
  bodyLimit?: string | number;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** Called with every error that became a 5xx. */
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

const adminProtocol: RequestHandler = (_req, res, next) => {
  res.set("X-Admin-Protocol", ADMIN_PROTOCOL);
  next();
};

function common(options: Es2plusRouterOptions) {
  return {
    handlerError: (err: unknown) =>
      err instanceof Es2plusError ? { status: err.status, body: err.toBody(), headers: err.headers } : undefined,
    errorBody: es2plusRejectionBody,
    before: [adminProtocol, ...(options.before ?? [])],
    bodyLimit: options.bodyLimit ?? "64kb",
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    context: (req: Request, res: Response): Es2plusRequestContext => ({ req, res }),
  };
}

/**
 * The validating express router of the SM-DP+: ES2+ `downloadOrder`, `confirmOrder`, `cancelOrder`,
 * `releaseProfile` and ES9+ `initiateAuthentication`, `authenticateClient`, `getBoundProfilePackage`,
 * `handleNotification`, `cancelSession`. A malformed body is HTTP 400 with a `Failed` header (1.3.1 / 2.1 or 2.2).
 */
export function createSmdpRouter(handlers: SmdpHandlers, options: Es2plusRouterOptions = {}): Router {
  const document = { ...openapiDocument };
  delete (document as Record<string, unknown>).webhooks;
  return createContractRouter<SmdpOperations, Es2plusRequestContext>({ document, handlers, ...common(options) });
}

/** The spec's HandleDownloadProgressInfo webhook mounted at `path`, as a document of its own. */
export function downloadProgressInfoDocument(path: string): Record<string, unknown> {
  const webhooks = openapiDocument.webhooks as Record<string, unknown>;
  return {
    openapi: openapiDocument.openapi,
    info: { ...(openapiDocument.info as object), title: "ES2+ HandleDownloadProgressInfo (operator side)" },
    paths: { [path]: webhooks.handleDownloadProgressInfo },
    components: openapiDocument.components,
  };
}

/**
 * The validating express router of the operator side: ES2+.HandleDownloadProgressInfo at `path` (the full path of
 * the notification URL given to the SM-DP+; mount the router at the app's root). Other paths pass on.
 */
export function createDownloadProgressRouter(
  path: string,
  handler: DownloadProgressInfoHandler,
  options: Es2plusRouterOptions = {},
): Router {
  const inner = createContractRouter<
    { handleDownloadProgressInfo: DownloadProgressInfoOperation },
    Es2plusRequestContext
  >({
    document: downloadProgressInfoDocument(path),
    handlers: { handleDownloadProgressInfo: handler },
    ...common(options),
  });
  const outer = express.Router();
  outer.use((req, res, next) => (req.path.replace(/\/+$/, "") === path ? inner(req, res, next) : next()));
  return outer;
}
