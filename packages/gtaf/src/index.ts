export {
  createGtafClient,
  type GtafClient,
  type GtafClientOptions,
  type GtafTokenSourceOptions,
  gtafTokenSource,
} from "./client.js";
export { GtafError, gtafErrorBody } from "./errors.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
