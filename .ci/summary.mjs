// Prints the plain closing line CI reads: "N passed, N failed", summed over every run given as a pair
// `<vitest JSON report> <exit status>` (.ci/run passes one pair per Node version).
// A run that stopped before vitest (lint, build, type errors) counts as one failure.
import { existsSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (let i = 0; i < args.length; i += 2) {
  const file = args[i];
  const rc = Number(args[i + 1] ?? 1);
  if (!file || !existsSync(file)) {
    if (rc !== 0) failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  let runFailed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  if (rc !== 0 && runFailed === 0) runFailed = 1;
  failed += runFailed;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (args.length === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
