/**
 * npm run bench:dpa — autocannon, 50 connections, 10 s each, on loopback: planStatus and purchasePlan against the
 * reference DPA and, in the same run, against bare express answering the same JSON. Writes
 * tools/bench/results/dpa.md (+ .json). Target: planStatus ≥ 0.7× bare express.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, "..", "results");
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MSISDN = "919876543210";

interface Target {
  url: string;
  token: string;
  body: unknown;
  child: ChildProcess;
}

async function launch(kind: string, extra: string[] = []): Promise<Target> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "dpa-server.ts"), kind, ...extra], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as Omit<Target, "child">), child };
}

interface Row {
  target: string;
  operation: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(target: Target, name: string, operation: "planStatus" | "purchasePlan"): Promise<Row> {
  const headers: Record<string, string> = { "Cache-Control": "no-cache", "Accept-Language": "en-US" };
  if (target.token) headers.Authorization = `Bearer ${target.token}`;
  const q = "?key_type=MSISDN&client_id=mobiledataplan";
  const opts: autocannon.Options =
    operation === "planStatus"
      ? { url: `${target.url}/${MSISDN}/planStatus${q}`, headers }
      : {
          url: `${target.url}/${MSISDN}/purchasePlan${q}`,
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({ planId: "daily-1gb", transactionId: randomUUID() }),
              }),
            },
          ],
        };
  const result = await autocannon({ ...opts, connections, duration });
  return {
    target: name,
    operation,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const reference = await launch("reference");
const bare = await launch("bare", [JSON.stringify(reference.body)]);
const validator = await launch("validator", [JSON.stringify(reference.body)]);
const rows: Row[] = [];
try {
  for (const op of ["planStatus", "purchasePlan"] as const) {
    rows.push(await run(bare, "bare express", op));
    rows.push(await run(validator, "bare express + express-openapi-validator", op));
    rows.push(await run(reference, "reference DPA", op));
  }
} finally {
  for (const t of [reference, bare, validator]) t.child.kill("SIGTERM");
}

const ratio = (op: string, target = "reference DPA") => {
  const b = rows.find((r) => r.target === "bare express" && r.operation === op)!;
  const d = rows.find((r) => r.target === target && r.operation === op)!;
  return d.rps / b.rps;
};
const lines = [
  `# DPA benchmark (${new Date().toISOString()})`,
  "",
  `autocannon, ${connections} connections, ${duration} s per row, loopback; server and load generator in separate processes on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}.`,
  "The reference DPA verifies an ES256 JWT, validates request and response against the spec, and reads (planStatus) or writes (purchasePlan, synchronous=FULL) a SQLite file; requests carry `Cache-Control: no-cache` as GTAF's do.",
  "",
  "| target | operation | req/s | p50 ms | p99 ms | non-2xx | errors | ratio to bare |",
  "|---|---|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.target} | ${r.operation} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${ratio(
        r.operation,
        r.target,
      ).toFixed(2)} |`,
  ),
  "",
  `Target planStatus ≥ 0.70× bare express: ${ratio("planStatus") >= 0.7 ? "met" : "NOT met"} (${ratio("planStatus").toFixed(2)}×).`,
  `The validator row is the ceiling of the mandated stack: express-openapi-validator alone reaches ${ratio("planStatus", "bare express + express-openapi-validator").toFixed(2)}× of bare express on planStatus; the reference DPA reaches ${(ratio("planStatus") / ratio("planStatus", "bare express + express-openapi-validator")).toFixed(2)}× of that ceiling.`,
  "",
];
mkdirSync(results, { recursive: true });
writeFileSync(join(results, "dpa.md"), lines.join("\n"));
writeFileSync(
  join(results, "dpa.json"),
  `${JSON.stringify({ date: new Date().toISOString(), connections, duration, rows }, null, 2)}\n`,
);
console.log(lines.join("\n"));
