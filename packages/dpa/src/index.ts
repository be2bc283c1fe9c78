export { createDpaClient, type DpaClient, type DpaClientOptions } from "./client.js";
export { DpaError, type NormalizedDpaError, normalizeDpaError } from "./errors.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
