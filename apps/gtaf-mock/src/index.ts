export { DpaContract, type DpaOperation, type ResponseCheck } from "./dpa-validator.js";
export { type Clock, createSigner, type GtafSigner, type SignerOptions } from "./keys.js";
export { type GtafMockConfig, loadConfig, main, type StartedMock, startGtafMock } from "./main.js";
export {
  GtafMock,
  type GtafMockOptions,
  type Logger,
  notificationsFor,
  type OAuthClient,
  parseRetryAfter,
  type ServiceAccount,
} from "./mock.js";
export { ExchangeRecorder, exchangeOf } from "./recorder.js";
