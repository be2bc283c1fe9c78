import type { HandlerInput, HandlerResult, Handlers } from "@carrierkit/contract-runtime";
import { createContractRouter } from "@carrierkit/contract-runtime/node";
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { NamfError, namfRejectionBody } from "./errors.js";
import type { components, operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import { MultipartError, type MultipartRelated, parseMultipartRelated } from "./multipart.js";
import { type N1MessageContainer, NAS_MEDIA_TYPE, PROBLEM_MEDIA_TYPE } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";
export { NamfError, namfRejectionBody, problemDetails } from "./errors.js";

const MULTIPART = Symbol.for("carrierkit.namf.multipart");

/** What every Namf handler receives besides the validated request. */
export interface NamfRequestContext {
  req: Request;
  res: Response;
  /**
   * The octets of the N1 message the JSON part's `n1MessageContainer.n1MessageContent.contentId` names; throws a
   * 400 `MANDATORY_IE_INCORRECT` {@link NamfError} when it names no `application/vnd.3gpp.5gnas` part or an empty one.
   */
  n1Message(container: N1MessageContainer): Uint8Array;
}

/** One handler per AMF-side operation (N1N2MessageTransfer, N1N2MessageSubscribe, N1N2MessageUnSubscribe). */
export type NamfHandlers = Handlers<operations, NamfRequestContext>;

/** The N1MessageNotify callback operation (the PCF's side), typed from the spec's components. */
export interface N1MessageNotifyOperation {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody: { content: { "multipart/related": components["schemas"]["N1MessageNotifyRequest"] } };
  responses: {
    204: { headers: { [name: string]: unknown }; content?: never };
    400: components["responses"]["BadRequest"];
    404: components["responses"]["SubscriptionNotFound"];
    500: components["responses"]["InternalError"];
    503: components["responses"]["ServiceUnavailable"];
  };
}
export type N1MessageNotifyHandler = (
  input: HandlerInput<N1MessageNotifyOperation, NamfRequestContext>,
) => HandlerResult<N1MessageNotifyOperation> | Promise<HandlerResult<N1MessageNotifyOperation>>;

export interface NamfRouterOptions {
  /** Middleware before parsing and validation (authentication, rate limiting, recording). */
  before?: RequestHandler[];
  /** Largest accepted body (default 64 KiB; a MANAGE UE POLICY COMMAND is at most 65,535 octets plus JSON). */
  bodyLimit?: string | number;
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** Called with every error that became a 5xx. */
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

/**
 * Parses a multipart/related body before express-openapi-validator sees it (the validator itself parses only
 * multipart/form-data): the JSON root part becomes `jsonData`, the one `application/vnd.3gpp.5gnas` part becomes
 * `binaryDataN1Message` (its octets as a binary string), and the parsed parts stay on the request for
 * {@link NamfRequestContext.n1Message}. A malformed body is a 400 `INVALID_MSG_FORMAT`.
 */
export function multipartRelatedParser(limit: string | number = "80kb"): RequestHandler {
  const raw = express.raw({ type: "multipart/related", limit });
  return (req, res, next) => {
    if (!req.is("multipart/related")) return next();
    raw(req, res, (err?: unknown) => {
      if (err) return next(err);
      try {
        if (!Buffer.isBuffer(req.body)) throw new MultipartError("empty body");
        const parsed = parseMultipartRelated(req.body, req.headers["content-type"] ?? "");
        if (parsed.root.mediaType !== "application/json")
          throw new MultipartError(`the root part is ${parsed.root.mediaType}, not application/json`);
        let jsonData: unknown;
        try {
          jsonData = JSON.parse(Buffer.from(parsed.root.body).toString("utf8"));
        } catch {
          throw new MultipartError("the root part is not valid JSON");
        }
        const others = parsed.parts.filter((p) => p !== parsed.root);
        const unsupported = others.find((p) => p.mediaType !== NAS_MEDIA_TYPE);
        if (unsupported)
          throw new MultipartError(`body part ${unsupported.mediaType} is outside this subset (N1 messages only)`);
        if (others.length > 1) throw new MultipartError("more than one N1 message part");
        req.body = {
          jsonData,
          ...(others[0] ? { binaryDataN1Message: Buffer.from(others[0].body).toString("latin1") } : {}),
        };
        (req as unknown as Record<symbol, MultipartRelated>)[MULTIPART] = parsed;
        next();
      } catch (e) {
        next(e instanceof MultipartError ? new NamfError(400, "INVALID_MSG_FORMAT", e.message) : e);
      }
    });
  };
}

function context(req: Request, res: Response): NamfRequestContext {
  return {
    req,
    res,
    n1Message(container) {
      const parsed = (req as unknown as Record<symbol, MultipartRelated | undefined>)[MULTIPART];
      const id = container.n1MessageContent.contentId;
      const part = parsed?.parts.find((p) => p.contentId === id && p.mediaType === NAS_MEDIA_TYPE);
      const param = "/jsonData/n1MessageContainer/n1MessageContent/contentId";
      if (!part)
        throw new NamfError(400, "MANDATORY_IE_INCORRECT", `contentId ${JSON.stringify(id)} names no N1 message part`, [
          { param, reason: "names no application/vnd.3gpp.5gnas body part" },
        ]);
      if (part.body.length === 0)
        throw new NamfError(400, "MANDATORY_IE_INCORRECT", "the N1 message part is empty", [
          { param, reason: "the named body part is empty" },
        ]);
      return part.body;
    },
  };
}

function common(options: NamfRouterOptions) {
  const limit = options.bodyLimit ?? "80kb";
  return {
    handlerError: (err: unknown) =>
      err instanceof NamfError
        ? { status: err.status, body: err.toBody(), headers: err.headers, contentType: PROBLEM_MEDIA_TYPE }
        : undefined,
    errorBody: namfRejectionBody,
    errorContentType: PROBLEM_MEDIA_TYPE,
    before: [multipartRelatedParser(limit), ...(options.before ?? [])],
    bodyLimit: limit,
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    context,
  };
}

/**
 * The validating express router of the AMF side: N1N2MessageTransfer (multipart/related), N1N2MessageSubscribe and
 * N1N2MessageUnSubscribe. Every rejection answers ProblemDetails as `application/problem+json`.
 */
export function createNamfRouter(handlers: NamfHandlers, options: NamfRouterOptions = {}): Router {
  return createContractRouter<operations, NamfRequestContext>({
    document: openapiDocument,
    handlers,
    ...common(options),
  });
}

/** The spec's N1MessageNotify callback operation, mounted at `path` as a document of its own. */
export function n1NotifyDocument(path: string): Record<string, unknown> {
  const paths = openapiDocument.paths as Record<string, Record<string, Record<string, unknown>>>;
  const subscribe = paths["/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions"]!.post!;
  const callbacks = subscribe.callbacks as Record<string, Record<string, { post: unknown }>>;
  const op = callbacks.onN1N2MessageNotify!["{$request.body#/n1NotifyCallbackUri}"]!.post;
  return {
    openapi: openapiDocument.openapi,
    info: { ...(openapiDocument.info as object), title: "N1MessageNotify (PCF side)" },
    paths: { [path]: { post: op } },
    components: openapiDocument.components,
  };
}

/**
 * The validating express router of the PCF side: the N1MessageNotify callback at `path` (the full path of the
 * `n1NotifyCallbackUri` the PCF subscribed with; mount the router at the app's root), carrying the UE's answer as
 * multipart/related. Requests to other paths pass on to the next router.
 */
export function createN1NotifyRouter(
  path: string,
  handler: N1MessageNotifyHandler,
  options: NamfRouterOptions = {},
): Router {
  const inner = createContractRouter<{ N1MessageNotify: N1MessageNotifyOperation }, NamfRequestContext>({
    document: n1NotifyDocument(path),
    handlers: { N1MessageNotify: handler },
    ...common(options),
  });
  // Only the callback path is this router's: any other request passes on, so it can sit beside other routers.
  const outer = express.Router();
  outer.use((req, res, next) => (req.path.replace(/\/+$/, "") === path ? inner(req, res, next) : next()));
  return outer;
}
