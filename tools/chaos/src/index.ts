export { type AuditReport, auditMoney, type PurchaseAnswer } from "./audit.js";
export { type AuthResult, badCredentials, dpaRequests, protectedOperations, runAuthMatrix } from "./auth.js";
export { type CrashOptions, type CrashResult, runCrash } from "./crash.js";
export { type FaultPhase, type FaultsResult, runFaults } from "./faults.js";
export * from "./fuzz.js";
export * from "./hostile.js";
export { drained, type MoneyOptions, type MoneyResult, moneyLoad, pool, prng, purchase, runMoney } from "./money.js";
export { table, writeSection } from "./results.js";
export * from "./target.js";
