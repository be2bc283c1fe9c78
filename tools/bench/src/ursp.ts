// URSP codec throughput: rules encoded and decoded per second on one core, for the nine Android example rules of
// seed 003 and for a 1,000-rule policy with mixed components. Writes tools/bench/results/ursp.{md,json}.
// Run: npm run bench:ursp
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import {
  ANDROID_OS_ID,
  androidExamplePolicy,
  decodeUrsp,
  encodeUrsp,
  type RouteSelectionComponent,
  type TrafficDescriptorComponent,
  type UrspPolicy,
  type UrspRule,
} from "@carrierkit/ursp";

const MIN_MS = Number(process.env.URSP_BENCH_MS ?? 1500);

function largePolicy(n: number): UrspPolicy {
  let seed = 0x5eed;
  const rnd = (m: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % m;
  };
  const td = (i: number): TrafficDescriptorComponent[] => {
    switch (i % 10) {
      case 0:
        return [{ type: "osIdOsAppId", osId: ANDROID_OS_ID, osAppId: `com.example.app${i}` }];
      case 1:
        return [
          { type: "ipv4RemoteAddress", address: `10.${rnd(256)}.${rnd(256)}.0`, mask: "255.255.255.0" },
          { type: "protocolIdNextHeader", value: 6 },
        ];
      case 2:
        return [
          { type: "ipv6RemoteAddressPrefix", address: `2001:db8:${rnd(65536).toString(16)}::`, prefixLength: 48 },
        ];
      case 3:
        return [
          { type: "remotePortRange", low: 1000 + rnd(1000), high: 3000 + rnd(1000) },
          { type: "singleRemotePort", port: 443 },
        ];
      case 4:
        return [{ type: "destinationFqdn", fqdn: `svc${i}.video.example.com` }];
      case 5:
        return [
          { type: "dnn", dnn: `dnn${i}.operator` },
          { type: "connectionCapabilities", capabilities: ["ims", "internet"] },
        ];
      case 6:
        return [
          {
            type: "ip3Tuple",
            ipv4: { address: `192.0.2.${rnd(256)}`, mask: "255.255.255.255" },
            protocol: 17,
            portRange: { low: 5000, high: 6000 },
          },
        ];
      case 7:
        return [{ type: "regularExpression", regex: `^app${i}\\..*\\.example\\.com$` }];
      case 8:
        return [
          { type: "destinationMacAddress", address: "00:11:22:33:44:55" },
          { type: "ethertype", value: 0x88f7 },
          { type: "ctagVid", vid: rnd(4096) },
        ];
      default:
        return [
          { type: "osAppId", osAppId: `ENTERPRISE${1 + (i % 5)}` },
          { type: "typeOfServiceTrafficClass", value: 0xb8, mask: 0xfc },
        ];
    }
  };
  const rsd = (i: number, k: number): RouteSelectionComponent[] => {
    const out: RouteSelectionComponent[] = [
      { type: "sNssai", sst: 1 + (k % 3), sd: (i * 7 + k).toString(16).padStart(6, "0").slice(-6) },
    ];
    if (k % 2 === 0) out.push({ type: "dnn", dnn: `dnn${i % 50}` });
    if (i % 3 === 0) out.push({ type: "sscMode", sscMode: 1 }, { type: "pduSessionType", pduSessionType: "ipv4v6" });
    if (i % 4 === 0) out.push({ type: "preferredAccessType", accessType: "3gpp" });
    return out;
  };
  const rules: UrspRule[] = Array.from({ length: n }, (_, i) => ({
    precedence: i % 256,
    trafficDescriptor: td(i),
    routeSelectionDescriptors: Array.from({ length: 1 + (i % 3) }, (_, k) => ({
      precedence: k + 1,
      components: rsd(i, k),
    })),
  }));
  return { rules };
}

interface Result {
  workload: string;
  rules: number;
  octets: number;
  encodeRulesPerSec: number;
  decodeRulesPerSec: number;
  roundTripRulesPerSec: number;
}

function time(fn: () => void): number {
  // warm up, then run batches until MIN_MS elapsed; returns operations per second
  for (let i = 0; i < 200; i++) fn();
  let ops = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (elapsed < MIN_MS / 10) batch *= 2;
  }
  return (ops * 1000) / elapsed;
}

function bench(workload: string, policy: UrspPolicy): Result {
  const bytes = encodeUrsp(policy);
  if (JSON.stringify(decodeUrsp(bytes)) !== JSON.stringify(policy)) throw new Error(`${workload}: round trip failed`);
  let sink = 0;
  const enc = time(() => {
    sink += encodeUrsp(policy).length;
  });
  const dec = time(() => {
    sink += decodeUrsp(bytes).rules.length;
  });
  const both = time(() => {
    sink += decodeUrsp(encodeUrsp(policy)).rules.length;
  });
  if (sink === 0) throw new Error("unreachable");
  const n = policy.rules.length;
  return {
    workload,
    rules: n,
    octets: bytes.length,
    encodeRulesPerSec: Math.round(enc * n),
    decodeRulesPerSec: Math.round(dec * n),
    roundTripRulesPerSec: Math.round(both * n),
  };
}

const results = [
  bench("Android example rules (seed 003)", androidExamplePolicy()),
  bench("1,000 rules, mixed components", largePolicy(1000)),
];
const fmt = (n: number) => n.toLocaleString("en-US");
const env = `Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}, one core (single thread), ${MIN_MS} ms per measurement`;
const target = results[0] as Result;
const md = [
  "# URSP codec benchmark",
  "",
  `${env}. Target: ≥ 1,000,000 rule encodes+decodes per second for the example rules — ${target.roundTripRulesPerSec >= 1_000_000 ? "met" : "NOT met"} (${fmt(target.roundTripRulesPerSec)}).`,
  "",
  "| workload | rules | octets | encode rules/s | decode rules/s | encode+decode rules/s |",
  "|---|---:|---:|---:|---:|---:|",
  ...results.map(
    (r) =>
      `| ${r.workload} | ${fmt(r.rules)} | ${fmt(r.octets)} | ${fmt(r.encodeRulesPerSec)} | ${fmt(r.decodeRulesPerSec)} | ${fmt(r.roundTripRulesPerSec)} |`,
  ),
  "",
  "Generated by `npm run bench:ursp` (tools/bench/src/ursp.ts).",
  "",
].join("\n");
const dir = join(import.meta.dirname, "..", "results");
writeFileSync(join(dir, "ursp.md"), md);
writeFileSync(join(dir, "ursp.json"), `${JSON.stringify({ environment: env, results }, null, 2)}\n`);
console.log(md);
