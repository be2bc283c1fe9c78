export { createTs43RawClient, type Ts43RawClient } from "./client.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
