// Prints the plain closing line CI reads: "N passed, N failed".
// A run that stopped before vitest (lint, build, type errors) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const [file, rcText] = process.argv.slice(2);
const rc = Number(rcText ?? 1);
if (!file || !existsSync(file)) {
  console.log(`0 passed, ${rc === 0 ? 0 : 1} failed`);
  process.exit(0);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const passed = report.numPassedTests ?? 0;
let failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
if (rc !== 0 && failed === 0) failed = 1;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
