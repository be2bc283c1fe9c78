export {
  type ClientTls,
  createMobilePlansServiceClient,
  type MobilePlansServiceClient,
  type MobilePlansServiceClientOptions,
  mutualTlsFetch,
  newTransactionId,
} from "./client.js";
export { errorCodeOf, MobilePlansServiceError, mobilePlansErrorBody, parameterOfValidationMessage } from "./errors.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
