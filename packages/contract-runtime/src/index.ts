export { type ContractClientOptions, createContractClient, type TokenSource } from "./client.js";
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
