export { type ContractClientOptions, createContractClient, type TokenSource } from "./client.js";
// HttpError has no server imports: contract packages subclass it in their client entries (DpaError, GtafError).
export { HttpError, type RejectionKind } from "./errors.js";
export { isTimestamp, parseTimestamp } from "./time.js";
export type {
  BodyOf,
  Handler,
  HandlerInput,
  HandlerResult,
  Handlers,
  JsonOf,
  OperationShape,
  RequestBodyOf,
} from "./types.js";
