/**
 * `npm run chaos:<suite>` — the attack suites at full size, bounded and on loopback. Each prints its counts, rewrites
 * its section of tools/bench/results/chaos.md and exits 1 when an invariant broke.
 *
 *   chaos money [--dialect sqlite|postgres|both] [--purchases 10000] [--connections 100]
 *   chaos crash [--dialect sqlite|postgres|both] [--purchases 2000] [--connections 20] [--kills 5]
 *   chaos hostile [--requests 100000] [--connections 16]
 *   chaos fuzz [--inputs 1000000]
 *   chaos faults [--requests 400] [--connections 16]
 *   chaos auth
 *   chaos scaleout [--purchases 10000] [--connections 100]
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { dpaRequests, runAuthMatrix } from "./auth.js";
import { type CrashResult, runCrash } from "./crash.js";
import { runFaults } from "./faults.js";
import { runFuzz } from "./fuzz.js";
import { runHostile } from "./hostile.js";
import { type MoneyResult, runMoney } from "./money.js";
import { table, writeSection } from "./results.js";
import { runScaleout, type ScaleoutResult, scaleoutMarkdown } from "./scaleout.js";
import { createChaosStore, createSigner, type Dialect, launchDpa } from "./target.js";

const usage = `usage: chaos money [--dialect sqlite|postgres|both] [--purchases N] [--connections N]
       chaos crash [--dialect sqlite|postgres|both] [--purchases N] [--connections N] [--kills N]
       chaos hostile [--requests 100000] [--connections 16]
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

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

async function hostile(total: number, connections: number, when: string): Promise<number> {
  const msisdn = "919876543210";
  const store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100" });
  const signer = await createSigner();
  const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
  const dpa = await launchDpa({ location: store.location, jwks: signer.jwks });
  try {
    const requests = Object.fromEntries(
      Object.entries(dpaRequests(msisdn)).map(([op, make]) => {
        const r = make();
        const pathParam = r.url.includes(msisdn) ? { value: msisdn } : undefined;
        return [op, { base: { ...r, headers: { Authorization: `Bearer ${token}` } }, pathParam }];
      }),
    );
    const options = {
      contract: "dpa",
      url: dpa.url,
      requests,
      isErrorBody: (b: unknown) =>
        typeof b === "object" && b !== null && typeof (b as { error?: unknown }).error === "string",
      alive: async () => (await fetch(`${dpa.url}/healthz`)).ok,
      connections,
    };
    // One pass warms every path up; the baseline RSS is read after it.
    await runHostile(options);
    const baseline = rssKb(dpa.child.pid!);
    const r = await runHostile({ ...options, total });
    await new Promise((res) => setTimeout(res, 5000));
    const after = rssKb(dpa.child.pid!);
    console.log(JSON.stringify({ ...r, failures: r.failures.slice(0, 20), rssKb: { baseline, after } }));
    const kinds = new Map<string, number>();
    for (const f of r.failures)
      kinds.set(`${f.mutation} → ${f.status}`, (kinds.get(`${f.mutation} → ${f.status}`) ?? 0) + 1);
    writeSection(
      "hostile",
      [
        "## Hostile input",
        "",
        `Run ${when}: invalid requests generated from the DPA contract for every operation (methods, path tricks, query,`,
        "bodies from the schema, content types and charsets, headers) plus a raw-socket set (NUL bytes, oversized headers,",
        "`OPTIONS *`, broken request lines and chunking). A failure is a 500, an undeclared 5xx, an answer not in the error",
        "body, or a dropped connection.",
        "",
        table(
          ["requests", "statuses", "failures", "alive after", "RSS baseline (MB)", "RSS after (MB)"],
          [
            [
              r.requests,
              Object.entries(r.byStatus)
                .map(([s, n]) => `${s}: ${n}`)
                .join(", "),
              r.failures.length,
              r.aliveAfter ? "yes" : "no",
              (baseline / 1024).toFixed(0),
              (after / 1024).toFixed(0),
            ],
          ],
        ),
        ...(kinds.size ? ["", ...[...kinds].slice(0, 30).map(([k, n]) => `- ${k}: ${n}`)] : []),
      ].join("\n"),
    );
    return r.failures.length || !r.aliveAfter ? 1 : 0;
  } finally {
    await dpa.stop();
    await store.cleanup();
  }
}

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
  if (suite === "hostile") return hostile(Number(values.requests), Number(values.connections ?? 16), when);
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
