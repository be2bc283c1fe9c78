import type { Handlers } from "@carrierkit/contract-runtime";
import {
  createContractRouter,
  type HttpError,
  type RejectionKind,
  toHttpError,
} from "@carrierkit/contract-runtime/node";
import type { Request, RequestHandler, Response, Router } from "express";
import { DpaError } from "./errors.js";
import type { operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import type { ErrorCause, ErrorResponse } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";
export { DpaError } from "./errors.js";

/** One handler per DPA operation, typed from the spec. */
export type DpaHandlers<Ctx = DpaRequestContext> = Handlers<operations, Ctx>;

/** What every DPA handler gets besides the request parts. */
export interface DpaRequestContext {
  /** The verified token claims, when an auth middleware ran. */
  auth?: Record<string, unknown>;
  /** The express request and response (for logging, locals). */
  req: Request;
  res: Response;
}

export interface DpaRouterOptions {
  /** Middleware before validation, typically `bearerAuth(...)` then `rateLimit(...)`. */
  before?: RequestHandler[];
  /** Largest accepted JSON body (default 64 KiB). */
  bodyLimit?: string | number;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** Called with every error that became a 500 (log it). */
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

const causeOf: Record<RejectionKind, ErrorCause> = {
  bad_request: "BAD_REQUEST",
  unauthorized: "ERROR_CAUSE_UNSPECIFIED",
  not_found: "ERROR_CAUSE_UNSPECIFIED",
  method_not_allowed: "BAD_REQUEST",
  payload_too_large: "BAD_REQUEST",
  unsupported_media_type: "BAD_REQUEST",
  not_acceptable: "BAD_REQUEST",
  too_many_requests: "TOO_MANY_REQUESTS",
  internal: "ERROR_CAUSE_UNSPECIFIED",
  contract: "ERROR_CAUSE_UNSPECIFIED",
};

/** The `{ error, cause }` body for a rejection made by the router itself. */
export function dpaErrorBody(error: HttpError): ErrorResponse {
  if (error instanceof DpaError) return error.toBody();
  return { error: error.message, cause: causeOf[error.kind] };
}

/**
 * The validating express router of the Data Plan Agent API. Requests and responses are validated against the spec;
 * every rejection answers `{ error, cause }`. Handlers may throw a {@link DpaError} to answer any declared error.
 * The lower-case `/{userKey}/eligibility` spelling is accepted and rewritten to the documented path.
 */
export function createDpaRouter(handlers: DpaHandlers, options: DpaRouterOptions = {}): Router {
  return createContractRouter<operations, DpaRequestContext>({
    document: openapiDocument,
    handlers,
    errorBody: dpaErrorBody,
    handlerError: (err) =>
      err instanceof DpaError ? { status: err.status, body: err.toBody(), headers: err.headers } : undefined,
    before: options.before,
    bodyLimit: options.bodyLimit,
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    context: (req, res) => ({ auth: res.locals.auth as Record<string, unknown> | undefined, req, res }),
    pathAliases: [{ from: /^(\/[^/]+)\/eligibility(?=\/|$)/, to: "$1/Eligibility" }],
  });
}

export { toHttpError };
