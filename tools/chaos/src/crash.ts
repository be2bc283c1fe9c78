/**
 * The crash suite: the DPA process is killed with SIGKILL at random moments while purchases (immediate and queued,
 * with callbacks) are in flight, then restarted on the same store. Clients that got no answer retry with the same
 * transaction id, as GTAF does. At the end the queued purchases and their callbacks must have resumed and completed,
 * and the store must audit clean against every answer.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AuditReport, auditMoney, type PurchaseAnswer } from "./audit.js";
import { drained, pool, prng, purchase } from "./money.js";
import {
  type ChaosSubscriber,
  createChaosStore,
  createSigner,
  type Dialect,
  type DpaProcess,
  launchDpa,
} from "./target.js";

export interface CrashOptions {
  dialect: Dialect;
  purchases: number;
  connections: number;
  /** SIGKILL rounds during the load. */
  kills: number;
  seed?: number;
}

export interface CrashResult {
  dialect: Dialect;
  requests: number;
  kills: number;
  /** Requests that got no HTTP answer (the process died under them) and were retried. */
  retried: number;
  byStatus: Record<string, number>;
  /** Why the requests left without an answer after every retry got none. */
  unanswered: string[];
  queued: number;
  callbacks: {
    /** Queued purchases with a callback URL. */
    expected: number;
    /** Distinct transactions the receiver heard about. */
    received: number;
    /** Deliveries beyond the first per transaction (at-least-once after a crash between send and acknowledgement). */
    duplicates: number;
    /** Callbacks whose body did not carry the transaction id. */
    withoutTransactionId: number;
    /** Callbacks still pending or abandoned at the end. */
    undelivered: number;
  };
  audit: AuditReport;
}

/** A callback receiver that records every delivery by transaction id. */
async function callbackReceiver(): Promise<{
  url: string;
  deliveries: Map<string, number>;
  anonymous: number;
  server: Server;
}> {
  const deliveries = new Map<string, number>();
  const state = { anonymous: 0 };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
    });
    req.on("end", () => {
      const id = (() => {
        try {
          return (JSON.parse(body) as { purchase?: { transactionId?: string } }).purchase?.transactionId;
        } catch {
          return undefined;
        }
      })();
      if (id) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      else state.anonymous++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    deliveries,
    get anonymous() {
      return state.anonymous;
    },
    server,
  };
}

export async function runCrash(options: CrashOptions): Promise<CrashResult> {
  const rnd = prng(options.seed ?? 4242);
  const store = await createChaosStore(options.dialect, {
    prepaid: Math.max(20, Math.floor(options.purchases / 15)),
    postpaid: 0,
    balance: "3000",
  });
  const signer = await createSigner();
  const receiver = await callbackReceiver();
  const launch = () => launchDpa({ location: store.location, jwks: signer.jwks });
  let dpa: DpaProcess = await launch();
  let restarting: Promise<void> | undefined;
  const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
  const plans = ["daily-1gb", "weekly-5gb", "roaming-7d", "video-30d", "starter-base"];
  const subs: ChaosSubscriber[] = store.subscribers;
  const requests = Array.from({ length: options.purchases }, () => ({
    subscriber: subs[Math.floor(rnd() * subs.length)]!,
    planId: plans[Math.floor(rnd() * plans.length)]!,
    transactionId: randomUUID(),
  }));
  const answers: PurchaseAnswer[] = [];
  let retried = 0;
  let sent = 0;
  try {
    const killer = (async () => {
      for (let k = 0; k < options.kills; k++) {
        // Kill once a random share of the load has been sent.
        const at = Math.floor(((k + rnd()) / (options.kills + 0.5)) * options.purchases);
        while (sent < at) await new Promise((r) => setTimeout(r, 5));
        const victim = dpa;
        restarting = (async () => {
          await victim.kill();
          dpa = await launch();
        })();
        await restarting;
        restarting = undefined;
      }
    })();
    await pool(
      options.connections,
      requests.map((r) => async () => {
        sent++;
        const body = r.planId === "roaming-7d" ? { callbackUrl: receiver.url } : {};
        for (let attempt = 0; ; attempt++) {
          if (restarting) await restarting;
          const a = await purchase(dpa.url, token, r, body);
          if (a.status !== 0 || attempt >= 20) {
            answers.push(a);
            return;
          }
          retried++;
          await new Promise((res) => setTimeout(res, 50));
        }
      }),
    );
    await killer;
    const db = await store.open();
    try {
      await drained(db);
      // Callbacks resume after the last restart; wait until none is pending.
      for (let i = 0; i < 600; i++) {
        const row = await db.get<{ n: unknown }>(
          "SELECT COUNT(*) AS n FROM transactions WHERE callback_state = 'pending'",
        );
        if (Number(row?.n ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await dpa.stop();
      const audit = await auditMoney(db, answers);
      const cb = await db.all<{ transaction_id: string; callback_state: string }>(
        "SELECT transaction_id, callback_state FROM transactions WHERE callback_url IS NOT NULL AND status IN ('SUCCEEDED', 'FAILED')",
      );
      const received = cb.filter((t) => receiver.deliveries.has(t.transaction_id)).length;
      let duplicates = 0;
      for (const n of receiver.deliveries.values()) duplicates += n - 1;
      return {
        dialect: options.dialect,
        requests: answers.length,
        kills: options.kills,
        retried,
        byStatus: answers.reduce<Record<string, number>>((acc, a) => {
          acc[a.status] = (acc[a.status] ?? 0) + 1;
          return acc;
        }, {}),
        unanswered: answers.filter((a) => a.status === 0).map((a) => a.error ?? "?"),
        queued: cb.length,
        callbacks: {
          expected: cb.length,
          received,
          duplicates,
          withoutTransactionId: receiver.anonymous,
          undelivered: cb.filter((t) => t.callback_state !== "delivered").length,
        },
        audit,
      };
    } finally {
      await db.close();
    }
  } finally {
    await dpa.stop();
    receiver.server.close();
    await store.cleanup();
  }
}
