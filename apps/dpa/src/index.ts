export { createDpaApp, type DpaApp, type DpaAppOptions, defaultPolicy, redactPath } from "./app.js";
export { cli, main } from "./cli.js";
export { type DpaConfig, loadConfig } from "./config.js";
export { type DemoIssuer, demoIssuer } from "./demo-auth.js";
export { type BackendCheck, BackendHealth, httpBackend } from "./health.js";
export { negotiateLanguage, parseAcceptLanguage, supportedLanguages } from "./i18n.js";
export { start } from "./main.js";
export { type CallbackOutcome, type DpaMetrics, dpaMetrics } from "./metrics.js";
export {
  type AccessTokenSource,
  clientCredentials,
  HttpPlanStatusPusher,
  type PlanStatusPush,
  type PlanStatusPusher,
  RecordingPusher,
} from "./push.js";
export { type DpaPolicy, DpaService } from "./service.js";
export { PurchaseWorker, type WorkerOptions } from "./worker.js";
