import { HttpError } from "@carrierkit/contract-runtime";
import { type ErrorCause, type GtafErrorBody, googleStatusOf } from "./types.js";

/**
 * A GTAF error: an HTTP status answered as google.rpc.Status JSON (`{ error: { code, message, status, cause? } }`).
 * Throw it from a handler, or pass it to `next()` from a middleware. `cause` relays a DPA's ErrorCause.
 */
export class GtafError extends HttpError {
  constructor(
    status: number,
    message: string,
    override readonly cause?: ErrorCause,
    headers: Record<string, string> = {},
  ) {
    super(status, "contract", message, headers);
    this.name = "GtafError";
  }

  toBody(): GtafErrorBody {
    return gtafErrorBody(this.status, this.message, this.cause);
  }
}

export function gtafErrorBody(status: number, message: string, cause?: ErrorCause): GtafErrorBody {
  return { error: { code: status, message, status: googleStatusOf(status), ...(cause ? { cause } : {}) } };
}
