/** Why the runtime (not a handler) rejected a request; the contract turns it into its own error body. */
export type RejectionKind =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "payload_too_large"
  | "unsupported_media_type"
  | "not_acceptable"
  | "too_many_requests"
  | "internal"
  /** An error a contract package defines itself (it builds its own body). */
  | "contract";

/** An error with an HTTP status that the router turns into the contract's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: RejectionKind,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const statusKinds: Record<number, RejectionKind> = {
  400: "bad_request",
  401: "unauthorized",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
};

interface ValidatorError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  errors?: Array<{ path?: string; message?: string }>;
  headers?: Record<string, string>;
}

/**
 * Normalises whatever reached the error handler (body-parser errors, express-openapi-validator errors, HttpError,
 * anything else) into an HttpError. Only 4xx messages are passed on; a 5xx never leaks its cause.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = (err ?? {}) as ValidatorError;
  const status = e.status ?? e.statusCode ?? 500;
  if (e.type === "entity.parse.failed") return new HttpError(400, "bad_request", "The request body is not valid JSON.");
  if (e.type === "entity.too.large")
    return new HttpError(413, "payload_too_large", "The request body is larger than this server accepts.");
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return new HttpError(415, "unsupported_media_type", "The request body's encoding is not supported.");
  if (status >= 400 && status < 500) {
    const kind = statusKinds[status] ?? "bad_request";
    const detail = e.errors?.length
      ? e.errors.map((x) => `${(x.path ?? "").replace(/^\./, "")} ${x.message ?? ""}`.trim()).join("; ")
      : (e.message ?? "Bad request");
    const mapped = status === 404 && kind === "not_found" ? "No such operation." : detail;
    return new HttpError(status in statusKinds ? status : 400, kind, mapped, e.headers ?? {});
  }
  return new HttpError(500, "internal", "Internal error.");
}
