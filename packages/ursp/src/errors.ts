/** Machine-readable reasons a byte string is not a valid URSP / UE policy encoding. */
export type UrspDecodeErrorCode =
  | "TRUNCATED"
  | "LENGTH_OVERRUN"
  | "LENGTH_MISMATCH"
  | "UNKNOWN_COMPONENT"
  | "INVALID_VALUE"
  | "BAD_BCD"
  | "STRUCTURE"
  | "TRAILING_BYTES"
  | "EMPTY";

/**
 * Thrown (never anything else) by every decoder of this package when the input is malformed.
 * `offset` is the absolute byte offset in the input where the problem was found, `field` names the
 * information element (e.g. `rule[0].trafficDescriptor[1](destinationFqdn).length`).
 */
export class UrspDecodeError extends Error {
  override readonly name = "UrspDecodeError";
  constructor(
    readonly code: UrspDecodeErrorCode,
    readonly offset: number,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${detail} at offset ${offset} (${field})`);
  }
}

export type UrspEncodeErrorCode = "INVALID_VALUE" | "STRUCTURE" | "TOO_LONG";

/** Thrown by the encoders when the JSON model cannot be encoded; `path` is a JSON pointer-like path. */
export class UrspEncodeError extends Error {
  override readonly name = "UrspEncodeError";
  constructor(
    readonly code: UrspEncodeErrorCode,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${detail} (${path || "/"})`);
  }
}
