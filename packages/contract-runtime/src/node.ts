export {
  type BearerAuthOptions,
  bearerAuth,
  TokenIssuedInFutureError,
  type VerifyJwtOptions,
  verifyJwt,
} from "./auth.js";
export { DEMO_SWITCH, demoMode, type EnvSecret, envInteger, envSecret } from "./env.js";
export { HttpError, type RejectionKind, toHttpError } from "./errors.js";
export {
  createObservability,
  type HealthCheck,
  type HealthReport,
  type Observability,
  type ObservabilityOptions,
  observabilityFromEnv,
  operationLabel,
  readMetric,
  runHealthChecks,
  setOperationLabel,
  UNMATCHED,
} from "./observability.js";
export { memoryRateLimitStore, type RateLimitOptions, type RateLimitStore, rateLimit } from "./rate-limit.js";
export {
  type ContractRouterOptions,
  contractErrorBody,
  createContractRouter,
  declaredMediaTypes,
  findContractErrorBody,
  listOperations,
  type PathAlias,
  type RouteInfo,
  UNDECLARED_MEDIA_TYPE,
  validatorContentType,
} from "./router.js";
export {
  defaultServerTimeouts,
  type Logger,
  type RunningServer,
  type ServerTimeouts,
  type StartServerOptions,
  startServer,
} from "./server.js";
export { isTimestamp, parseTimestamp } from "./time.js";
