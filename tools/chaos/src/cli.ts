/**
 * `npm run chaos:<suite>` — the attack suites at full size, bounded and on loopback. Each prints its counts, rewrites
 * its section of tools/bench/results/chaos.md and exits 1 when an invariant broke.
 *
 *   chaos money [--dialect sqlite|postgres|both] [--purchases 10000] [--connections 100]
 *   chaos crash [--dialect sqlite|postgres|both] [--purchases 2000] [--connections 20] [--kills 5]
 *   chaos hostile [--requests 100000] [--connections 16] [--idle 30]
 *   chaos fuzz [--inputs 1000000]
 *   chaos faults [--requests 400] [--connections 16]
 *   chaos auth
 *   chaos scaleout [--purchases 10000] [--connections 100]
 */

import { parseArgs } from "node:util";
import { runAuthMatrix } from "./auth.js";
import { type CrashResult, runCrash } from "./crash.js";
import { runFaults } from "./faults.js";
import { runFuzz } from "./fuzz.js";
import { contractVariants, failureKinds, type HostileResult, runHostile } from "./hostile.js";
import { launchDpaTarget, launchEntitlementTarget, launchGtafTarget } from "./hostile-contracts.js";
import type { MemoryReading } from "./memory-hook.js";
import { type MoneyResult, runMoney } from "./money.js";
import { table, writeSection } from "./results.js";
import { runScaleout, type ScaleoutResult, scaleoutMarkdown } from "./scaleout.js";
import { createChaosStore, createSigner, type Dialect, launchDpa } from "./target.js";

const usage = `usage: chaos money [--dialect sqlite|postgres|both] [--purchases N] [--connections N]
       chaos crash [--dialect sqlite|postgres|both] [--purchases N] [--connections N] [--kills N]
       chaos hostile [--requests 100000] [--connections 16] [--idle 30]
       chaos fuzz [--inputs 1000000]
       chaos faults [--requests 400] [--connections 16]
       chaos auth
       chaos scaleout [--purchases N] [--connections N]`;

function moneyMarkdown(results: MoneyResult[], when: string): string {
  const rows = results.map((r) => [
    r.dialect,
    r.requests,
    r.connections,
    (r.requests / r.seconds).toFixed(0),
    Object.entries(r.byStatus)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", "),
    r.audit.succeeded,
    r.audit.failed,
    `${r.sameIdRaces.racesWithMoreThanOne200}/${r.sameIdRaces.races}`,
    `${r.exclusiveRaces.racesWithMoreThanOneBase}/${r.exclusiveRaces.races}`,
    r.audit.violations.length,
  ]);
  return [
    "## Money",
    "",
    `Run ${when}: purchases from many connections, 30% repeated transaction ids (a third each: the same request, another`,
    "plan, another subscriber), wallets that run dry, same-id bursts and exclusive-group races (10 simultaneous",
    "purchases of the two base plans for one subscriber); then the store is audited (one debit per transaction, ledger",
    "sums equal balances, no purchase without its ledger row and subscription, every 200 present as answered).",
    "",
    table(
      [
        "store",
        "requests",
        "connections",
        "req/s",
        "statuses",
        "succeeded",
        "failed",
        "same-id races with >1 200",
        "exclusive races with >1 base",
        "audit violations",
      ],
      rows,
    ),
    ...results.flatMap((r) =>
      r.audit.violations.length
        ? ["", `First violations on ${r.dialect}:`, ...r.audit.violations.slice(0, 10).map((v) => `- ${v}`)]
        : [],
    ),
  ].join("\n");
}

function crashMarkdown(results: CrashResult[], when: string): string {
  return [
    "## Crash",
    "",
    `Run ${when}: SIGKILL of the DPA process at random moments of a purchase load (immediate and queued plans, queued`,
    "ones with a callback URL), restart on the same store; clients left without an answer retry with the same",
    "transaction id. Then queued purchases must have settled, every callback been delivered, and the store audit clean.",
    "",
    table(
      [
        "store",
        "purchases",
        "kills",
        "retried after a kill",
        "statuses",
        "succeeded",
        "callbacks expected / received",
        "duplicate deliveries",
        "undelivered",
        "audit violations",
      ],
      results.map((r) => [
        r.dialect,
        r.requests,
        r.kills,
        r.retried,
        Object.entries(r.byStatus)
          .map(([s, n]) => `${s}: ${n}`)
          .join(", "),
        r.audit.succeeded,
        `${r.callbacks.expected} / ${r.callbacks.received}`,
        r.callbacks.duplicates,
        r.callbacks.undelivered,
        r.audit.violations.length,
      ]),
    ),
  ].join("\n");
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const statuses = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .map(([s, n]) => `${s === "-1" ? "refused by fetch" : s === "0" ? "no answer" : s}: ${n}`)
    .join(", ");

interface ServerRun {
  server: string;
  results: HostileResult[];
  memory: { label: string; reading: MemoryReading }[];
  series: number;
}

/** The operation labels `http_requests_total` carries, and how many series it has. */
function metricSeries(text: string): { series: number; operations: Set<string> } {
  const operations = new Set<string>();
  let series = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith("http_requests_total{")) continue;
    series++;
    const m = /operation="([^"]*)"/.exec(line);
    if (m) operations.add(m[1]!);
  }
  return { series, operations };
}

async function hostile(total: number, connections: number, idleSeconds: number, when: string): Promise<number> {
  const launchers = [launchDpaTarget, launchEntitlementTarget, launchGtafTarget];
  // A third of `total` per server, split between its contracts in proportion to their distinct variants.
  const runs: ServerRun[] = [];
  for (const launch of launchers) {
    const target = await launch(true);
    try {
      const run: ServerRun = { server: target.server, results: [], memory: [], series: 0 };
      const read = async (label: string, gc: boolean) => run.memory.push({ label, reading: await target.memory(gc) });
      await read("at start", true);
      // One pass of every variant warms every path up (validators compile on first use); the baseline is after it.
      for (const contract of target.contracts)
        await runHostile({ contract, url: target.url, alive: target.alive, connections });
      await read("baseline (after a warm-up pass, GC)", true);
      const weights = target.contracts.map((c) => contractVariants(c).length);
      runs.push(run);
      for (const [i, contract] of target.contracts.entries()) {
        const share = Math.round((total * weights[i]!) / sum(weights) / launchers.length);
        const r = await runHostile({ contract, url: target.url, alive: target.alive, connections, total: share });
        run.results.push(r);
        console.log(JSON.stringify({ ...r, failures: r.failures.slice(0, 20) }));
      }
      await read("after the run", false);
      await read("after the run, GC", true);
      await new Promise((res) => setTimeout(res, idleSeconds * 1000));
      await read(`after ${idleSeconds} s idle, GC`, true);
      run.series = metricSeries(await target.metrics()).series;
      console.log(JSON.stringify({ server: run.server, memory: run.memory, series: run.series }));
    } finally {
      await target.stop();
    }
  }
  const results = runs.flatMap((r) => r.results);
  const failures = results.flatMap((r) => r.failures);
  const kinds = failureKinds(failures);
  writeSection(
    "hostile",
    [
      "## Hostile input",
      "",
      `Run ${when}: invalid requests generated by one schema-driven generator (\`tools/chaos/src/hostile.ts\`) for every`,
      "operation of the DPA, TS.43 and GTAF contracts and of the entitlement admin API (base tables in",
      "`hostile-contracts.ts`): methods, path tricks on every path parameter, query parameters missing, repeated or",
      "against their declared schema, header abuse (Accept, declared headers, Authorization, cookies), bodies of every",
      "wrong shape down to nested fields, content types, charsets and encodings; then a raw-socket set (NUL bytes,",
      "oversized headers, `OPTIONS *`, missing Host, Expect, broken request lines and framing). A failure is a 500, a 5xx",
      "the operation does not declare, an error whose body is not the one the contract declares for that operation and",
      "status (JSON-schema checked: DPA `ErrorResponse`, TS.43 `EntitlementError`, GTAF `GtafError` or `OAuthError`,",
      "admin `{ error }`), or a request left without an answer. Each server runs in its own process with `--expose-gc`;",
      "memory is read inside it (`process.memoryUsage()` over IPC, after a forced GC where marked).",
      "",
      table(
        [
          "contract",
          "requests",
          "distinct variants",
          "req/s",
          "statuses",
          "declared 5xx (501, 511)",
          "500 or undeclared 5xx",
          "error-shape violations",
          "no answer",
          "alive after",
        ],
        results.map((r) => [
          r.contract,
          r.requests,
          r.variants,
          (r.requests / r.seconds).toFixed(0),
          statuses(r.byStatus),
          Object.entries(r.byStatus)
            .filter(([s]) => Number(s) >= 500)
            .reduce((n, [, c]) => n + c, 0) - r.failures.filter((f) => f.status >= 500).length,
          r.failures.filter((f) => f.status >= 500).length,
          r.failures.filter((f) => f.status > 0 && f.status < 500).length,
          r.failures.filter((f) => f.status === 0).length,
          r.aliveAfter ? "yes" : "no",
        ]),
      ),
      "",
      `In all: ${sum(results.map((r) => r.requests))} requests, ${failures.length} failures.`,
      "",
      table(
        ["server", "reading", "RSS (MB)", "heap used (MB)", "heap total (MB)", "external (MB)", "structures (entries)"],
        runs.flatMap((r) =>
          r.memory.map((m) => [
            r.server,
            m.label,
            mb(m.reading.rss),
            mb(m.reading.heapUsed),
            mb(m.reading.heapTotal),
            mb(m.reading.external),
            Object.entries(m.reading.sizes)
              .map(([k, n]) => `${k}: ${n}`)
              .join(", ") || "–",
          ]),
        ),
      ),
      "",
      "Structures are the request-fed maps each server reports, with their bounds: EAP sessions ≤ 10,000 (60 s TTL,",
      "expired ones swept at the next EAP start, so an idle server keeps them), GTAF mock cache, purchases and pushed",
      "statuses ≤ 1,000 each (`maxEntries`), recorded exchanges ≤ 5,000 with bodies ≤ 8 KB. Heap after GC above the",
      "baseline is what these hold; RSS after the idle period is the allocator giving memory back.",
      "",
      `\`http_requests_total\` series after the run: ${runs.map((r) => `${r.server} ${r.series}`).join(", ")} (labels are`,
      "operationIds or route templates, never raw paths).",
      ...(kinds.length ? ["", "Failures:", ...kinds.slice(0, 30).map(([k, n]) => `- ${k}: ${n}`)] : []),
    ].join("\n"),
  );
  return failures.length || results.some((r) => !r.aliveAfter) ? 1 : 0;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dialect: { type: "string", default: "both" },
      purchases: { type: "string" },
      connections: { type: "string" },
      kills: { type: "string", default: "5" },
      requests: { type: "string", default: "100000" },
      inputs: { type: "string", default: "1000000" },
      idle: { type: "string", default: "30" },
      help: { type: "boolean", short: "h" },
    },
  });
  const suite = positionals[0];
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  if (suite === "money") {
    const dialects: Dialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as Dialect];
    const results: MoneyResult[] = [];
    for (const dialect of dialects) {
      const r = await runMoney({
        dialect,
        purchases: Number(values.purchases ?? 10_000),
        connections: Number(values.connections ?? 100),
        sameIdRaces: 50,
        exclusiveRaces: 50,
      });
      console.log(JSON.stringify({ ...r, audit: { ...r.audit, violations: r.audit.violations.slice(0, 10) } }));
      results.push(r);
    }
    writeSection("money", moneyMarkdown(results, when));
    return results.some((r) => r.audit.violations.length > 0 || (r.byStatus["0"] ?? 0) > 0) ? 1 : 0;
  }
  if (suite === "crash") {
    const dialects: Dialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as Dialect];
    const results: CrashResult[] = [];
    for (const dialect of dialects) {
      const r = await runCrash({
        dialect,
        purchases: Number(values.purchases ?? 2000),
        connections: Number(values.connections ?? 20),
        kills: Number(values.kills),
      });
      console.log(JSON.stringify({ ...r, audit: { ...r.audit, violations: r.audit.violations.slice(0, 10) } }));
      results.push(r);
    }
    writeSection("crash", crashMarkdown(results, when));
    return results.some((r) => r.audit.violations.length > 0 || r.callbacks.undelivered > 0) ? 1 : 0;
  }
  if (suite === "faults") {
    const r = await runFaults({
      requestsPerPhase: values.requests === "100000" ? 400 : Number(values.requests),
      connections: Number(values.connections ?? 16),
    });
    console.log(JSON.stringify(r));
    writeSection(
      "faults",
      [
        "## Faults",
        "",
        `Run ${when}: the DPA on PostgreSQL through a TCP proxy the suite controls; purchases and planStatus reads while`,
        "the proxy resets every connection, goes silent, or refuses new ones; then it passes traffic again.",
        "",
        table(
          [
            "fault",
            "answers during the fault",
            "503 without Retry-After",
            "dpaStatus during",
            "recovery (s)",
            "failed after recovery",
          ],
          r.phases.map((p) => [
            p.mode,
            Object.entries(p.byStatus)
              .map(([s, n]) => `${s}: ${n}`)
              .join(", "),
            p.withoutRetryAfter,
            p.dpaStatusDuring,
            p.recoverySeconds.toFixed(1),
            p.failedAfterRecovery,
          ]),
        ),
        "",
        `DPA alive at the end: ${r.alive ? "yes" : "no"}; store audit: ${r.audit.violations.length} violations over ${r.audit.transactions} transactions.`,
      ].join("\n"),
    );
    const bad = r.phases.some(
      (p) => Object.keys(p.byStatus).some((s) => s !== "200" && s !== "503") || p.failedAfterRecovery > 0,
    );
    return bad || !r.alive || r.audit.violations.length > 0 ? 1 : 0;
  }
  if (suite === "scaleout") {
    const results: ScaleoutResult[] = [];
    for (const killAt of [undefined, 0.4]) {
      const r = await runScaleout({
        purchases: Number(values.purchases ?? 10_000),
        connections: Number(values.connections ?? 100),
        sameIdRaces: 50,
        exclusiveRaces: 50,
        killAt,
      });
      console.log(JSON.stringify({ ...r, audit: { ...r.audit, violations: r.audit.violations.slice(0, 10) } }));
      results.push(r);
    }
    writeSection("scaleout", scaleoutMarkdown(results, when));
    return results.some(
      (r) =>
        r.audit.violations.length > 0 ||
        r.unanswered.length > 0 ||
        r.callbacks.undelivered > 0 ||
        r.callbacks.concurrent > 0 ||
        (!r.killed && r.callbacks.duplicates > 0),
    )
      ? 1
      : 0;
  }
  if (suite === "hostile")
    return hostile(Number(values.requests), Number(values.connections ?? 16), Number(values.idle), when);
  if (suite === "fuzz") {
    const targets = runFuzz(Math.ceil(Number(values.inputs) / 7));
    console.log(JSON.stringify(targets));
    writeSection(
      "fuzz",
      [
        "## Parser fuzzing",
        "",
        `Run ${when}: mutations of valid inputs (80%) and random inputs (20%), fixed seed. An uncaught exception is one that`,
        "is not the decoder's typed error.",
        "",
        table(
          ["decoder", "inputs", "decoded", "typed errors", "uncaught", "slowest input (ms)"],
          targets.map((t) => [t.target, t.inputs, t.decoded, t.typedErrors, t.uncaught, t.slowestMs.toFixed(1)]),
        ),
      ].join("\n"),
    );
    return targets.some((t) => t.uncaught > 0) ? 1 : 0;
  }
  if (suite === "auth") {
    const store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100" });
    const signer = await createSigner();
    const dpa = await launchDpa({ location: store.location, jwks: signer.jwks });
    try {
      const r = await runAuthMatrix(dpa.url, signer);
      console.log(JSON.stringify(r));
      const byCredential = new Map<string, number>();
      for (const f of r.failures) byCredential.set(f.credential, (byCredential.get(f.credential) ?? 0) + 1);
      writeSection(
        "auth",
        [
          "## Auth",
          "",
          `Run ${when}: every protected DPA operation × every kind of bad bearer token; each must be 401 in the error body`,
          "with a WWW-Authenticate challenge, and the same request with a valid token must not be 401.",
          "",
          table(
            ["operations", "bad credentials", "requests", "refused (401, error body)", "let through or mis-shaped"],
            [[r.operations, r.credentials, r.requests, r.refused, r.failures.length]],
          ),
          ...(r.failures.length
            ? ["", ...[...byCredential].map(([c, n]) => `- ${c}: ${n} operation(s) not refused`)]
            : []),
        ].join("\n"),
      );
      return r.failures.length || r.controlFailures.length || r.uncovered.length ? 1 : 0;
    } finally {
      await dpa.stop();
      await store.cleanup();
    }
  }
  console.error(usage);
  return 2;
}

process.exitCode = await main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  return 1;
});
