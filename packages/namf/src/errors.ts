import { HttpError } from "@carrierkit/contract-runtime";
import { defaultCause, type InvalidParam, type ProblemDetails, statusTitle } from "./types.js";

/**
 * A Namf error answered as ProblemDetails (`application/problem+json`): an HTTP status, the TS 29.500 / TS 29.518
 * application `cause`, an optional detail and invalid parameters. Throw it from a handler or a middleware.
 */
export class NamfError extends HttpError {
  constructor(
    status: number,
    override readonly cause: string | undefined,
    detail: string,
    readonly invalidParams?: InvalidParam[],
    headers: Record<string, string> = {},
  ) {
    super(status, "contract", detail, headers);
    this.name = "NamfError";
  }

  toBody(): ProblemDetails {
    return problemDetails(this.status, this.cause, this.message, this.invalidParams);
  }
}

/** Builds a ProblemDetails body. */
export function problemDetails(
  status: number,
  cause: string | undefined = defaultCause(status),
  detail?: string,
  invalidParams?: InvalidParam[],
): ProblemDetails {
  return {
    status,
    title: statusTitle(status),
    ...(cause ? { cause } : {}),
    ...(detail ? { detail } : {}),
    ...(invalidParams?.length ? { invalidParams } : {}),
  };
}

/** The ProblemDetails of any rejection (a {@link NamfError}, or one the runtime made: validation, limits …). */
export function namfRejectionBody(error: HttpError): ProblemDetails {
  if (error instanceof NamfError) return error.toBody();
  if (error.status === 400 && /must have required property/.test(error.message))
    return problemDetails(400, "MANDATORY_IE_MISSING", error.message);
  return problemDetails(error.status, undefined, error.status >= 500 ? undefined : error.message);
}
