export {
  createMobilePlansServiceApp,
  type Logger,
  type MobilePlansServiceApp,
  type MobilePlansServiceAppOptions,
} from "./app.js";
export { cli, main } from "./cli.js";
export { loadConfig, type MobilePlansServiceConfig } from "./config.js";
export { start } from "./main.js";
export {
  type CertificateAuthority,
  createCertificateAuthority,
  type DemoPkiFiles,
  demoPkiFiles,
  ensureDemoPki,
  type IssueOptions,
  type PemPair,
} from "./pki.js";
export { mobilePlansHandlers } from "./routes.js";
export {
  defaultMobilePlansPolicy,
  type MobilePlansPolicy,
  MobilePlansService,
  megabytes,
  notificationIdOf,
} from "./service.js";
