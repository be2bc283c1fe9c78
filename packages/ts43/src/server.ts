import type { Handlers } from "@carrierkit/contract-runtime";
import { createContractRouter, type HttpError } from "@carrierkit/contract-runtime/node";
import type { Request, RequestHandler, Response, Router } from "express";
import type { operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import { EAP_RELAY_MEDIA_TYPE, type EntitlementError } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";

/** What every TS.43 handler gets besides the request parts: the express objects (cookies, Accept, client address). */
export interface Ts43RequestContext {
  req: Request;
  res: Response;
}

/** One handler per TS.43 operation, typed from the spec. */
export type Ts43Handlers = Handlers<operations, Ts43RequestContext>;

/** A TS.43 error: an HTTP status (TS.43 §2.10) with carrierkit's diagnostic body. */
export class Ts43Error extends Error {
  constructor(
    readonly status: 400 | 403 | 406 | 415 | 500 | 501 | 503 | 511,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "Ts43Error";
  }
}

export interface Ts43RouterOptions {
  before?: RequestHandler[];
  bodyLimit?: string | number;
  validateResponses?: boolean;
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

/** The `{ error }` body for a rejection made by the router itself. */
export function ts43ErrorBody(error: HttpError): EntitlementError {
  return { error: error.message };
}

/**
 * The validating express router of the TS.43 entitlement configuration API. It parses both JSON bodies (the POST
 * request form and the EAP relay packet), validates requests and JSON responses against the spec, and answers every
 * rejection with its status and `{ error }`. Handlers may throw {@link Ts43Error}.
 */
export function createTs43Router(handlers: Ts43Handlers, options: Ts43RouterOptions = {}): Router {
  return createContractRouter<operations, Ts43RequestContext>({
    document: openapiDocument,
    handlers,
    errorBody: ts43ErrorBody,
    handlerError: (err) =>
      err instanceof Ts43Error
        ? { status: err.status, body: { error: err.message }, headers: err.headers, contentType: "application/json" }
        : undefined,
    before: options.before,
    bodyLimit: options.bodyLimit,
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    jsonMediaTypes: ["application/json", EAP_RELAY_MEDIA_TYPE],
    context: (req, res) => ({ req, res }),
  });
}
