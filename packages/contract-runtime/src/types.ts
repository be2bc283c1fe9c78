/**
 * Type-level helpers that turn openapi-typescript's `operations` into handler signatures, so a handler that returns
 * a status or body its spec does not declare fails to compile.
 */

/** The shape openapi-typescript gives every operation. */
export interface OperationShape {
  parameters: {
    query?: unknown;
    header?: unknown;
    path?: unknown;
    cookie?: unknown;
  };
  requestBody?: unknown;
  responses: Record<string | number, unknown>;
}

type Defined<T> = Exclude<T, undefined>;

/** The body of one response object: the union over its media types (`undefined` when it has no content). */
export type BodyOf<R> = R extends { content: infer C }
  ? C[keyof C]
  : R extends { content?: never }
    ? undefined
    : unknown;

/** @deprecated use BodyOf */
export type JsonOf<R> = BodyOf<R>;

/** The request body of an operation: the union over its media types (`undefined` when it has none). */
export type RequestBodyOf<Op extends OperationShape> = Op["requestBody"] extends { content: infer C }
  ? C[keyof C]
  : Defined<Op["requestBody"]> extends { content: infer C }
    ? C[keyof C] | undefined
    : undefined;

/**
 * Every (status, body) pair an operation declares. `contentType` picks the media type when a response has several
 * (default `application/json`); a string body is sent as is, anything else as JSON.
 */
export type HandlerResult<Op extends OperationShape> = {
  [S in keyof Op["responses"] & number]: BodyOf<Op["responses"][S]> extends undefined
    ? { status: S; body?: undefined; headers?: Record<string, string>; contentType?: undefined }
    : { status: S; body: BodyOf<Op["responses"][S]>; headers?: Record<string, string>; contentType?: string };
}[keyof Op["responses"] & number];

/** What a handler receives: the validated, coerced request parts plus the raw express objects. */
export interface HandlerInput<Op extends OperationShape, Ctx> {
  params: Defined<Op["parameters"]["path"]>;
  query: Defined<Op["parameters"]["query"]>;
  headers: Partial<Defined<Op["parameters"]["header"]>> & Record<string, string | string[] | undefined>;
  body: RequestBodyOf<Op>;
  /** Per-request context built by the router's `context` option (e.g. the authenticated caller). */
  ctx: Ctx;
  /** The request's abort signal: aborted when the client goes away. */
  signal: AbortSignal;
}

export type Handler<Op extends OperationShape, Ctx> = (
  input: HandlerInput<Op, Ctx>,
) => HandlerResult<Op> | Promise<HandlerResult<Op>>;

/** One handler per operationId. */
export type Handlers<Ops, Ctx = undefined> = {
  [K in keyof Ops]: Ops[K] extends OperationShape ? Handler<Ops[K], Ctx> : never;
};
