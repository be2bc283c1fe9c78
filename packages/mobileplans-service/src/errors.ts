import { HttpError, type RejectionKind } from "@carrierkit/contract-runtime";
import type { MobilePlansErrorBody, MobilePlansErrorCode } from "./types.js";

const codeOfStatus: Record<number, MobilePlansErrorCode> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  409: "Conflict",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  429: "TooManyRequests",
  500: "InternalError",
};

/** The error code of an HTTP status (`InternalError` for any other 5xx, `BadRequest` for any other 4xx). */
export function errorCodeOf(status: number): MobilePlansErrorCode {
  return codeOfStatus[status] ?? (status >= 500 ? "InternalError" : "BadRequest");
}

/**
 * A Mobile Plans service error: an HTTP status answered as `{ code, message, parameter?, transactionId? }`. Throw it
 * from a handler, or pass it to `next()` from a middleware.
 */
export class MobilePlansServiceError extends HttpError {
  constructor(
    status: number,
    message: string,
    /** The parameter or header a 400 is about. */
    readonly parameter?: string,
    headers: Record<string, string> = {},
    kind: RejectionKind = "contract",
  ) {
    super(status, kind, message, headers);
    this.name = "MobilePlansServiceError";
  }

  get code(): MobilePlansErrorCode {
    return errorCodeOf(this.status);
  }

  toBody(transactionId?: string): MobilePlansErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.parameter ? { parameter: this.parameter } : {}),
      ...(transactionId ? { transactionId } : {}),
    };
  }
}

const headerNames: Record<string, string> = {
  "x-ms-dm-transactionid": "X-MS-DM-TransactionId",
  authorization: "Authorization",
};

/**
 * The parameter a validation message is about: express-openapi-validator reports `/query/limit must be >= 1`,
 * `/query/limit must have required property 'limit'`, `/params/simId must match pattern …`,
 * `/headers/x-ms-dm-transactionid must have required property …` (older versions `query.limit …`). Header names come
 * back in their documented casing.
 */
export function parameterOfValidationMessage(message: string): string | undefined {
  const first = message.split("; ")[0] ?? "";
  const m =
    /^\/?(query|headers|params|path)[./]([A-Za-z0-9_-]+)/.exec(first) ??
    /^\/?(query|headers|params|path) must have required property '([^']+)'/.exec(first);
  if (!m) return undefined;
  const name = m[2]!;
  return m[1] === "headers" ? (headerNames[name.toLowerCase()] ?? name) : name;
}

/** Turns a validator message into the contract's wording: `limit must be >= 1`, `limit is required`. */
function readable(message: string, parameter: string | undefined): string {
  if (!parameter) return message;
  return message
    .split("; ")
    .map((part) =>
      part
        .replace(
          /^\/?(query|headers|params|path)([./][A-Za-z0-9_-]+)? must have required property '[^']+'/,
          `${parameter} is required`,
        )
        .replace(
          /^\/?(query|headers|params|path)[./][A-Za-z0-9_-]+ Unknown query parameter '[^']+'/,
          `${parameter} is not a parameter of this operation`,
        )
        .replace(/^\/?(query|headers|params|path)[./][A-Za-z0-9_-]+/, parameter),
    )
    .join("; ");
}

/** The `{ code, message, parameter?, transactionId? }` body of any rejection (a contract error or a runtime one). */
export function mobilePlansErrorBody(error: HttpError, transactionId?: string): MobilePlansErrorBody {
  if (error instanceof MobilePlansServiceError) return error.toBody(transactionId);
  const parameter = error.status === 400 ? parameterOfValidationMessage(error.message) : undefined;
  return {
    code: errorCodeOf(error.status),
    message: error.status >= 500 ? "Internal error." : readable(error.message, parameter),
    ...(parameter ? { parameter } : {}),
    ...(transactionId ? { transactionId } : {}),
  };
}
