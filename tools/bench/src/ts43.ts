/**
 * npm run bench:ts43 — against the reference entitlement server (own process, SQLite file, demo subscribers):
 * full EAP-AKA authentications per second (GET with EAP_ID, challenge, relay POST, configuration) and
 * token-authenticated configuration requests per second, each with N concurrent software USIM clients for a fixed
 * time. Writes tools/bench/results/ts43.md (+ .json).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { demoSims } from "@carrierkit/operator-core";
import { fromHex, SoftUsim, Ts43Client } from "@carrierkit/ts43";

const here = dirname(fileURLToPath(import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONNECTIONS ?? 16);

async function launch(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "ts43-server.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as { url: string }), child };
}

interface Row {
  scenario: string;
  operations: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(
  scenario: string,
  url: string,
  op: (client: Ts43Client) => Promise<unknown>,
  warmToken: boolean,
): Promise<Row> {
  const clients = Array.from({ length: concurrency }, (_, i) => {
    const sim = demoSims[i % demoSims.length]!;
    // One USIM per client, SQN far ahead so concurrent vectors for the same IMSI stay fresh on each USIM.
    const usim = new SoftUsim({ imsi: sim.imsi, k: fromHex(sim.kHex), opc: fromHex(sim.opcHex), maxDelta: 1n << 40n });
    return new Ts43Client({ baseUrl: url, usim, terminalId: `35693803564${String(i).padStart(4, "0")}` });
  });
  if (warmToken) for (const c of clients) await c.getConfiguration(["ap2010"]);
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < end) {
        const t = process.hrtime.bigint();
        try {
          await op(c);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.floor((latencies.length - 1) * p)] ?? 0) * 10) / 10;
  return {
    scenario,
    operations: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
  };
}

const server = await launch();
const rows: Row[] = [];
try {
  rows.push(
    await measure(
      "full EAP-AKA authentication (GET + relay POST)",
      server.url,
      (c) => c.getConfiguration(["ap2010"], { boost_type: "0" }, true),
      false,
    ),
  );
  rows.push(
    await measure("token-authenticated configuration request", server.url, (c) => c.getConfiguration(["ap2010"]), true),
  );
} finally {
  server.child.kill("SIGTERM");
}

const lines = [
  `# TS.43 entitlement benchmark (${new Date().toISOString()})`,
  "",
  `${concurrency} concurrent software-USIM clients for ${seconds} s per row, loopback; the reference entitlement server runs in its own process on a SQLite file (synchronous=FULL) on ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}. Each full authentication is two HTTP exchanges (challenge, relay), two MILENAGE runs on each side, an atomic SQN update and a token write.`,
  "",
  "| scenario | operations | per second | p50 ms | p99 ms | errors |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.scenario} | ${r.operations} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.errors} |`),
  "",
];
mkdirSync(join(here, "..", "results"), { recursive: true });
writeFileSync(join(here, "..", "results", "ts43.md"), lines.join("\n"));
writeFileSync(
  join(here, "..", "results", "ts43.json"),
  `${JSON.stringify({ date: new Date().toISOString(), concurrency, seconds, rows }, null, 2)}\n`,
);
console.log(lines.join("\n"));
