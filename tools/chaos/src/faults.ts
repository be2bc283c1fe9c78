/**
 * The faults suite: the DPA on PostgreSQL through a TCP proxy the suite controls (the shared server is never touched),
 * under a purchase and read load, while the proxy resets every connection, goes silent (blackhole) or refuses new
 * ones. The DPA must stay up and answer 503 (with Retry-After) or finish normally — never a 500, never no answer —,
 * report UNAVAILABLE from dpaStatus while the store is unreachable, recover once the proxy passes traffic again,
 * and leave a store that audits clean.
 */
import { randomUUID } from "node:crypto";
import { type FaultMode, FaultProxy } from "@carrierkit/operator-core/testing";
import { auditMoney, type PurchaseAnswer } from "./audit.js";
import { pool, purchase } from "./money.js";
import { createChaosStore, createSigner, launchDpa, postgresUrl } from "./target.js";

export interface FaultPhase {
  mode: Exclude<FaultMode, "pass">;
  /** Statuses of the requests sent while the fault lasted (purchases and reads). */
  byStatus: Record<string, number>;
  /** 503 answers without a Retry-After header. */
  withoutRetryAfter: number;
  /** What dpaStatus said during the fault (its status field, or the HTTP status). */
  dpaStatusDuring: string;
  /** Seconds from the proxy passing again to the first successful planStatus. */
  recoverySeconds: number;
  /** Purchases after recovery that were not answered 200 or a domain 4xx. */
  failedAfterRecovery: number;
}

export interface FaultsResult {
  phases: FaultPhase[];
  alive: boolean;
  audit: Awaited<ReturnType<typeof auditMoney>>;
}

export async function runFaults(options: { requestsPerPhase: number; connections: number }): Promise<FaultsResult> {
  const store = await createChaosStore("postgres", { prepaid: 30, postpaid: 0, balance: "100000" });
  const target = new URL(postgresUrl);
  const proxy = await new FaultProxy({ host: target.hostname, port: Number(target.port || 5432) }).start();
  const signer = await createSigner();
  const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
  const dpa = await launchDpa({ location: store.location, jwks: signer.jwks, databaseUrl: proxy.url(postgresUrl) });
  const answers: PurchaseAnswer[] = [];
  const phases: FaultPhase[] = [];
  const subs = store.subscribers;
  const auth = { Authorization: `Bearer ${token}` };
  const read = async (i: number) => {
    try {
      const res = await fetch(
        `${dpa.url}/${subs[i % subs.length]!.msisdn}/planStatus?key_type=MSISDN&client_id=mobiledataplan`,
        { headers: { ...auth, "Cache-Control": "no-cache" }, signal: AbortSignal.timeout(30_000) },
      );
      await res.body?.cancel();
      return { status: res.status, retryAfter: res.headers.has("retry-after") };
    } catch {
      return { status: 0, retryAfter: false };
    }
  };
  const buy = (i: number) =>
    purchase(dpa.url, token, { subscriber: subs[i % subs.length]!, planId: "daily-1gb", transactionId: randomUUID() });
  try {
    for (const mode of ["reset", "blackhole", "refuse"] as const) {
      // "refuse" stands for a database that went down: the open connections are reset first, then new ones refused.
      if (mode === "refuse") proxy.setMode("reset");
      proxy.setMode(mode);
      const n = options.requestsPerPhase;
      const during = await pool(
        options.connections,
        Array.from({ length: n }, (_, i) => async () => {
          if (i % 2 === 0) {
            const a = await buy(i);
            answers.push(a);
            return { status: a.status, retryAfter: a.status !== 503 || a.retryAfter === true };
          }
          return read(i);
        }),
      );
      const status = await fetch(`${dpa.url}/dpaStatus`, { headers: auth, signal: AbortSignal.timeout(30_000) })
        .then(async (r) =>
          r.ok || r.status === 500 ? String(((await r.json()) as { status?: string }).status) : String(r.status),
        )
        .catch(() => "no answer");
      proxy.setMode("pass");
      const passedAt = performance.now();
      let recovered = false;
      for (let i = 0; i < 120 && !recovered; i++) {
        recovered = (await read(i)).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 250));
      }
      const recoverySeconds = recovered ? (performance.now() - passedAt) / 1000 : Number.POSITIVE_INFINITY;
      const after = await pool(
        options.connections,
        Array.from({ length: Math.ceil(n / 2) }, (_, i) => () => buy(i)),
      );
      answers.push(...after);
      const byStatus: Record<string, number> = {};
      for (const d of during) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
      phases.push({
        mode,
        byStatus,
        withoutRetryAfter: during.filter((d) => d.status === 503 && !d.retryAfter).length,
        dpaStatusDuring: status,
        recoverySeconds,
        failedAfterRecovery: after.filter((a) => !(a.status === 200 || (a.status >= 400 && a.status < 500))).length,
      });
    }
    const alive = (await read(0)).status === 200;
    await dpa.stop();
    const db = await store.open();
    try {
      return { phases, alive, audit: await auditMoney(db, answers) };
    } finally {
      await db.close();
    }
  } finally {
    await dpa.stop();
    await proxy.close();
    await store.cleanup();
  }
}
