import { selectChecks } from "./checks/index.js";
import { ABORTED, CheckContext, Runner, Skip } from "./harness.js";
import type { CheckResult, CheckStatus, ConformanceOptions, ConformanceReport } from "./types.js";

/**
 * Runs the suite of `options.profile` (or the `options.only` part of it) against a DPA and returns the report.
 * Nothing is printed (see `formatTable`, `renderHtml`, `writeReports`). Throws `ConformanceUsageError` before any
 * call when the options cannot work (an `only` pattern that matches nothing, an unknown profile, no token source).
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const profile = options.profile ?? "default";
  const selected = selectChecks(profile, options.only);
  const runner = new Runner(options);
  await runner.init();
  const startedAt = new Date().toISOString();
  const results: CheckResult[] = [];
  try {
    for (const [i, check] of selected.entries()) {
      const c = new CheckContext(runner, options);
      const started = performance.now();
      let status: CheckStatus = "pass";
      const reasons: string[] = [];
      try {
        await check.run(c);
      } catch (err) {
        if (err instanceof Skip && err.message !== ABORTED) {
          status = "skip";
          reasons.push(err.message);
        } else if (!(err instanceof Skip)) {
          c.fail(`the check crashed: ${(err as Error).message}`);
        }
      }
      if (status !== "skip" && c.problems.length > 0) {
        status = "fail";
        reasons.push(...c.problems);
      }
      const result: CheckResult = {
        name: check.name,
        title: check.title,
        status,
        reasons,
        durationMs: Math.round(performance.now() - started),
        calls: c.calls,
      };
      results.push(result);
      options.onProgress?.(result, i, selected.length);
    }
  } finally {
    await runner.close();
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return {
    dpaUrl: runner.baseUrl,
    profile,
    startedAt,
    finishedAt: new Date().toISOString(),
    summary: { pass: count("pass"), fail: count("fail"), skip: count("skip"), total: results.length },
    results,
  };
}
