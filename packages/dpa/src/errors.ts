import { HttpError } from "@carrierkit/contract-runtime";
import type { ErrorCause, ErrorResponse } from "./types.js";

/**
 * A DPA error: an HTTP status and an ErrorCause, answered as `{ error, cause }`. Throw it from a handler, or pass
 * it to `next()` from a middleware.
 */
export class DpaError extends HttpError {
  constructor(
    status: number,
    override readonly cause: ErrorCause,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(status, "contract", message, headers);
    this.name = "DpaError";
  }

  /** The canonical body (`error`, as in the DPA API guide). */
  toBody(): ErrorResponse {
    return { error: this.message, cause: this.cause };
  }
}

/** A normalised error body: whichever of `error` / `errorMessage` a DPA sent becomes `message`. */
export interface NormalizedDpaError {
  message: string;
  cause: ErrorCause | string;
}

/**
 * Reads an error body from any DPA, accepting both documented message fields (`error` from the DPA API guide,
 * `errorMessage` from Google's current reference). Returns undefined for a body that is neither.
 */
export function normalizeDpaError(body: unknown): NormalizedDpaError | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const message =
    typeof b.error === "string" ? b.error : typeof b.errorMessage === "string" ? b.errorMessage : undefined;
  if (message === undefined || typeof b.cause !== "string") return undefined;
  return { message, cause: b.cause };
}
