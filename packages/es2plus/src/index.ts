export {
  type CallOptions,
  createEs2plusClient,
  createEs9plusClient,
  type Es2plusClient,
  type Es2plusClientOptions,
  type Es2plusRawClient,
  type Es9plusClient,
  sendDownloadProgressInfo,
} from "./client.js";
export { Es2plusError, es2plusRejectionBody } from "./errors.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
