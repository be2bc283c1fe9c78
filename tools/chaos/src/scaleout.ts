/**
 * The scale-out suite: two reference DPA processes on one PostgreSQL behind a round-robin balancer, under the money
 * suite's workload (repeated transaction ids, same-id bursts, exclusive-group races, wallets that run dry) plus
 * queued purchases with callbacks, so both instances' workers deliver from one store. Optionally one instance is
 * killed with SIGKILL mid-load and restarted; clients that got no answer retry with the same transaction id, as GTAF
 * does. Then the store is audited against every answer, and the callback receiver says whether any callback was
 * delivered twice (at all, and while another delivery of it was still open).
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RoundRobinBalancer } from "@carrierkit/operator-core/testing";
import { type AuditReport, auditMoney, type PurchaseAnswer } from "./audit.js";
import { drained, moneyLoad, pool, prng, purchase, raceFigures } from "./money.js";
import { table } from "./results.js";
import { type ChaosSubscriber, createChaosStore, createSigner, type DpaProcess, launchDpa } from "./target.js";

export interface ScaleoutOptions {
  /** Purchase requests in the main load (races come on top). */
  purchases: number;
  connections: number;
  /** SIGKILL one instance once this share of the load was sent, then restart it (default: no kill). */
  killAt?: number;
  sameIdRaces?: number;
  exclusiveRaces?: number;
  raceWidth?: number;
  /** Share of main-load purchases that are queued plans with a callback URL (default 0.15). */
  callbackRatio?: number;
  seed?: number;
}

export interface ScaleoutResult {
  instances: number;
  requests: number;
  connections: number;
  seconds: number;
  killed: boolean;
  /** Connections the balancer forwarded to each instance slot. */
  forwarded: number[];
  /** Requests that got no HTTP answer (their instance died under them) and were sent again with the same id. */
  retried: number;
  unanswered: string[];
  byStatus: Record<string, number>;
  byCause: Record<string, number>;
  sameIdRaces: { races: number; width: number; racesWithMoreThanOne200: number };
  exclusiveRaces: { races: number; width: number; racesWithMoreThanOneBase: number };
  callbacks: {
    expected: number;
    received: number;
    /** Deliveries beyond the first per transaction. */
    duplicates: number;
    /** Deliveries that arrived while another delivery of the same transaction was still open. */
    concurrent: number;
    undelivered: number;
  };
  audit: AuditReport;
}

/** A callback receiver that counts deliveries per transaction id and overlapping deliveries of one id. */
async function receiver(holdMs: number) {
  const deliveries = new Map<string, number>();
  const open = new Map<string, number>();
  const state = { concurrent: 0 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      let id = "?";
      try {
        id = (JSON.parse(body) as { purchase?: { transactionId?: string } }).purchase?.transactionId ?? "?";
      } catch {}
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      if ((open.get(id) ?? 0) > 0) state.concurrent++;
      open.set(id, (open.get(id) ?? 0) + 1);
      // Held open a moment, so a second worker sending the same callback meanwhile would be seen.
      setTimeout(() => {
        open.set(id, (open.get(id) ?? 1) - 1);
        res.writeHead(204).end();
      }, holdMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    deliveries,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

interface Request {
  subscriber: ChaosSubscriber;
  planId: string;
  transactionId: string;
}

export async function runScaleout(options: ScaleoutOptions): Promise<ScaleoutResult> {
  const rnd = prng(options.seed ?? 20261202);
  const nSubs = Math.max(20, Math.floor(options.purchases / 20));
  const sameIdRaces = options.sameIdRaces ?? 20;
  const exclusiveRaces = options.exclusiveRaces ?? 10;
  const width = options.raceWidth ?? 10;
  const store = await createChaosStore("postgres", {
    prepaid: Math.ceil(nSubs * 0.8) + exclusiveRaces,
    postpaid: Math.floor(nSubs * 0.2),
    balance: "1500",
  });
  const signer = await createSigner();
  const cb = await receiver(20);
  const launch = () => launchDpa({ location: store.location, jwks: signer.jwks });
  const dpas: DpaProcess[] = [await launch(), await launch()];
  const lb = await RoundRobinBalancer.ofUrls(dpas.map((d) => d.url)).start();
  let retried = 0;
  let sent = 0;
  let restarting: Promise<void> | undefined;
  try {
    const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
    const raceSubs = store.subscribers.filter((s) => s.accountType === "PREPAID").slice(0, exclusiveRaces);
    const loadSubs = store.subscribers.filter((s) => !raceSubs.includes(s));
    const load = moneyLoad(loadSubs, options.purchases, 0.3, rnd).map((r) =>
      r.subscriber.accountType === "PREPAID" && rnd() < (options.callbackRatio ?? 0.15)
        ? { ...r, planId: "roaming-7d", callback: true }
        : { ...r, callback: false },
    );

    /** Sends until an HTTP answer comes (the same transaction id each time, as GTAF retries). */
    const send = async (r: Request, extra: { callbackUrl?: string } = {}) => {
      for (let attempt = 0; ; attempt++) {
        if (restarting) await restarting;
        const a = await purchase(lb.url, token, r, extra);
        if (a.status !== 0 || attempt >= 20) return a;
        retried++;
        await new Promise((res) => setTimeout(res, 50));
      }
    };

    const killer = (async () => {
      if (options.killAt === undefined) return;
      const at = Math.floor(options.killAt * options.purchases);
      while (sent < at) await new Promise((r) => setTimeout(r, 5));
      const victim = dpas[1]!;
      restarting = (async () => {
        await victim.kill();
        dpas[1] = await launch();
        lb.replace(1, dpas[1].url);
      })();
      // Requests keep flowing to the survivor meanwhile; only the retries of dropped ones wait for the restart.
      const done = restarting;
      await done;
      restarting = undefined;
    })();

    const started = performance.now();
    const mainLoad = pool(
      options.connections,
      load.map((r) => () => {
        sent++;
        return send(r, r.callback ? { callbackUrl: cb.url } : {});
      }),
    );
    const sameId = pool(
      4,
      Array.from({ length: sameIdRaces }, () => async () => {
        const r: Request = {
          subscriber: loadSubs[Math.floor(rnd() * loadSubs.length)]!,
          planId: "daily-1gb",
          transactionId: randomUUID(),
        };
        return Promise.all(Array.from({ length: width }, () => send(r)));
      }),
    );
    const exclusive = pool(
      4,
      raceSubs.map(
        (subscriber) => async () =>
          Promise.all(
            Array.from({ length: width }, (_, i) =>
              send({
                subscriber,
                planId: i % 2 === 0 ? "starter-base" : "unlimited-base",
                transactionId: randomUUID(),
              }),
            ),
          ),
      ),
    );
    const [main, same, excl] = await Promise.all([mainLoad, sameId, exclusive, killer]);
    const seconds = (performance.now() - started) / 1000;
    const answers: PurchaseAnswer[] = [...main, ...same.flat(), ...excl.flat()];

    const db = await store.open();
    try {
      await drained(db);
      // Both workers deliver callbacks; wait until none is pending (a lease held by the killed one expires in 6 s).
      for (let i = 0; i < 600; i++) {
        const row = await db.get<{ n: unknown }>(
          "SELECT COUNT(*) AS n FROM transactions WHERE callback_state = 'pending'",
        );
        if (Number(row?.n ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const d of dpas) await d.stop();
      const audit = await auditMoney(db, answers);
      const rows = await db.all<{ transaction_id: string; callback_state: string }>(
        "SELECT transaction_id, callback_state FROM transactions WHERE callback_url IS NOT NULL AND status IN ('SUCCEEDED', 'FAILED')",
      );
      let duplicates = 0;
      for (const n of cb.deliveries.values()) duplicates += n - 1;
      return {
        instances: 2,
        requests: answers.length,
        connections: options.connections,
        seconds,
        killed: options.killAt !== undefined,
        forwarded: [...lb.forwarded],
        retried,
        unanswered: answers.filter((a) => a.status === 0).map((a) => a.error ?? "?"),
        ...raceFigures(answers, { same, exclusive: excl, width }),
        callbacks: {
          expected: rows.length,
          received: rows.filter((t) => cb.deliveries.has(t.transaction_id)).length,
          duplicates,
          concurrent: cb.state.concurrent,
          undelivered: rows.filter((t) => t.callback_state !== "delivered").length,
        },
        audit,
      };
    } finally {
      await db.close();
    }
  } finally {
    await lb.close();
    for (const d of dpas) await d.stop();
    await cb.close();
    await store.cleanup();
  }
}

/** The scale-out section of tools/bench/results/chaos.md. */
export function scaleoutMarkdown(results: ScaleoutResult[], when: string, notes: string[] = []): string {
  const statuses = (r: ScaleoutResult) =>
    Object.entries(r.byStatus)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
  return [
    "## Scale-out",
    "",
    `Run ${when}: two reference DPA processes on one PostgreSQL behind a loopback round-robin balancer`,
    "(`RoundRobinBalancer`), under the money workload (30% repeated transaction ids, wallets that run dry, same-id bursts,",
    "exclusive-group races) plus queued purchases with callbacks that both instances' workers deliver. With a kill,",
    "one instance gets SIGKILL mid-load and is restarted; requests left without an answer are sent again with the same",
    "transaction id. The store is then audited (one debit per transaction, ledger sums equal balances, every 200 present",
    "as answered) and the callback receiver counts repeated and overlapping deliveries.",
    "",
    table(
      [
        "run",
        "requests",
        "connections",
        "req/s",
        "connections per instance",
        "retried",
        "statuses",
        "same-id races with >1 200",
        "exclusive races with >1 base",
        "callbacks (received/expected)",
        "repeated",
        "overlapping",
        "audit violations",
      ],
      results.map((r) => [
        r.killed ? "SIGKILL + restart of one" : "both up",
        r.requests,
        r.connections,
        (r.requests / r.seconds).toFixed(0),
        r.forwarded.join(" / "),
        r.retried,
        statuses(r),
        `${r.sameIdRaces.racesWithMoreThanOne200}/${r.sameIdRaces.races}`,
        `${r.exclusiveRaces.racesWithMoreThanOneBase}/${r.exclusiveRaces.races}`,
        `${r.callbacks.received}/${r.callbacks.expected}`,
        r.callbacks.duplicates,
        r.callbacks.concurrent,
        r.audit.violations.length,
      ]),
    ),
    ...results.flatMap((r) =>
      r.audit.violations.length
        ? ["", "First violations:", ...r.audit.violations.slice(0, 10).map((v) => `- ${v}`)]
        : [],
    ),
    ...(results.some((r) => r.killed && r.callbacks.duplicates > 0)
      ? [
          "",
          "A repeated callback after the kill is one the killed instance had sent without living to record the",
          "acknowledgement: its lease (6 s in these DPA processes, 60 s by default) expired and another worker sent it again",
          "with the same `purchase.transactionId` (at-least-once). Overlapping deliveries of one callback: none.",
        ]
      : []),
    ...(notes.length ? ["", ...notes] : []),
  ].join("\n");
}
