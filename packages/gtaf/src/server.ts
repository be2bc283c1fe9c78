import type { Handlers } from "@carrierkit/contract-runtime";
import { createContractRouter, type HttpError } from "@carrierkit/contract-runtime/node";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { GtafError, gtafErrorBody } from "./errors.js";
import type { operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import type { GtafErrorBody, OAuthError } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";
export { GtafError, gtafErrorBody } from "./errors.js";

/** One handler per GTAF operation, typed from the spec. */
export type GtafHandlers<Ctx = GtafRequestContext> = Handlers<operations, Ctx>;

export interface GtafRequestContext {
  /** The verified token claims, when an auth middleware ran and accepted a token. */
  auth?: Record<string, unknown>;
  req: Request;
  res: Response;
}

export interface GtafRouterOptions {
  /** Middleware before validation (authentication, rate limiting, recording). */
  before?: RequestHandler[];
  /** Largest accepted body (default 64 KiB). */
  bodyLimit?: string | number;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** Called with every error that became a 5xx. */
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

/** The token endpoint, whose 400 and 401 answers are RFC 6749 §5.2 bodies, not google.rpc.Status. */
const TOKEN_PATH = /^\/oauth2\/token\/?$/i;

/**
 * The body of a rejection made by the router itself: google.rpc.Status, except a 400 or 401 of the token endpoint,
 * which is RFC 6749's `{ error, error_description }` (`invalid_request`, `invalid_client`) as the spec declares.
 */
export function gtafRejectionBody(error: HttpError, req?: Request): GtafErrorBody | OAuthError {
  if (req && TOKEN_PATH.test(req.path) && (error.status === 400 || error.status === 401))
    return { error: error.status === 401 ? "invalid_client" : "invalid_request", error_description: error.message };
  if (error instanceof GtafError) return error.toBody();
  return gtafErrorBody(error.status, error.message);
}

/**
 * The validating express router of the GTAF API. Requests and responses are validated against the spec; every
 * rejection answers google.rpc.Status JSON. The token endpoint's form body (`application/x-www-form-urlencoded`) is
 * parsed too. Handlers may throw a {@link GtafError} to answer any declared error.
 */
export function createGtafRouter(handlers: GtafHandlers, options: GtafRouterOptions = {}): Router {
  const limit = options.bodyLimit ?? "64kb";
  return createContractRouter<operations, GtafRequestContext>({
    document: openapiDocument,
    handlers,
    handlerError: (err) =>
      err instanceof GtafError ? { status: err.status, body: err.toBody(), headers: err.headers } : undefined,
    errorBody: gtafRejectionBody,
    before: [express.urlencoded({ extended: false, limit }), ...(options.before ?? [])],
    bodyLimit: limit,
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    context: (req, res) => ({ auth: res.locals.auth as Record<string, unknown> | undefined, req, res }),
  });
}
