export { type BearerAuthOptions, bearerAuth } from "./auth.js";
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
export { type RateLimitOptions, rateLimit } from "./rate-limit.js";
export {
  type ContractRouterOptions,
  createContractRouter,
  listOperations,
  type PathAlias,
  type RouteInfo,
} from "./router.js";
export { type Logger, type RunningServer, type StartServerOptions, startServer } from "./server.js";
