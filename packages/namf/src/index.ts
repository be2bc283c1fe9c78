export {
  createNamfClient,
  multipartBodySerializer,
  type NamfClient,
  type NamfClientOptions,
  type NotifyResult,
  n1MultipartBody,
  sendN1MessageNotify,
  transferN1Message,
} from "./client.js";
export { NamfError, namfRejectionBody, problemDetails } from "./errors.js";
export { openapiDocument } from "./generated/spec.js";
export {
  contentTypeParameters,
  encodeMultipartRelated,
  MultipartError,
  type MultipartPart,
  type MultipartRelated,
  type PartInput,
  parseMultipartRelated,
} from "./multipart.js";
export * from "./types.js";
