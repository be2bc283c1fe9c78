import { HttpError } from "@carrierkit/contract-runtime";
import { failed, type HeaderOnlyResponse, type Sgp22Code, type StatusCodeData } from "./types.js";

/**
 * An ES2+/ES9+ error with an HTTP status, answered as a header-only body whose `functionExecutionStatus` is `Failed`
 * with SGP.22 status code data. The clients throw it for a non-2xx answer; a router's middleware may throw it too.
 */
export class Es2plusError extends HttpError {
  constructor(
    status: number,
    readonly statusCodeData: StatusCodeData | undefined,
    message: string,
  ) {
    super(status, "contract", message);
    this.name = "Es2plusError";
  }

  static of(status: number, code: Sgp22Code, message: string): Es2plusError {
    return new Es2plusError(status, failed(code, message).functionExecutionStatus.statusCodeData, message);
  }

  toBody(): HeaderOnlyResponse {
    return {
      header: {
        functionExecutionStatus: {
          status: "Failed",
          ...(this.statusCodeData ? { statusCodeData: this.statusCodeData } : {}),
        },
      },
    };
  }
}

/** The body of any rejection the runtime made (validation, unknown function, limits, unexpected errors). */
export function es2plusRejectionBody(error: HttpError): HeaderOnlyResponse {
  if (error instanceof Es2plusError) return error.toBody();
  if (error.status === 401) return { header: failed("requesterUnknown", error.message) };
  if (error.status === 404) return { header: failed("unknownFunction", "No such function.") };
  if (error.status >= 500) return { header: failed("executionError", "Internal error.") };
  if (/must have required property/.test(error.message)) return { header: failed("missingElement", error.message) };
  return { header: failed("invalidRequest", error.message) };
}
