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

/** The JSON body of one response object (`undefined` when the response has no content). */
export type JsonOf<R> = R extends { content: { "application/json": infer B } }
  ? B
  : R extends { content?: never }
    ? undefined
    : unknown;

/** The JSON request body of an operation (`undefined` when it has none). */
export type RequestBodyOf<Op extends OperationShape> = Op["requestBody"] extends {
  content: { "application/json": infer B };
}
  ? B
  : Defined<Op["requestBody"]> extends { content: { "application/json": infer B } }
    ? B | undefined
    : undefined;

/** Every (status, body) pair an operation declares. */
export type HandlerResult<Op extends OperationShape> = {
  [S in keyof Op["responses"] & number]: JsonOf<Op["responses"][S]> extends undefined
    ? { status: S; body?: undefined; headers?: Record<string, string> }
    : { status: S; body: JsonOf<Op["responses"][S]>; headers?: Record<string, string> };
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
