/**
 * The money suite: many purchases from many connections, with repeated transaction ids (some with another plan or
 * another user), overdrawn wallets, simultaneous same-id submits and simultaneous purchases of two plans of one
 * exclusive group; then the store is audited against what every client was told.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@carrierkit/operator-core";
import { type AuditReport, auditMoney, type PurchaseAnswer } from "./audit.js";
import { type ChaosSubscriber, createChaosStore, createSigner, type Dialect, launchDpa } from "./target.js";

export interface MoneyOptions {
  dialect: Dialect;
  /** Purchase requests in the main load (races come on top). */
  purchases: number;
  /** Concurrent connections. */
  connections: number;
  /** Share of requests that reuse an earlier transaction id (default 0.3). */
  repeatRatio?: number;
  /** Subscribers (default: purchases / 20, at least 20). */
  subscribers?: number;
  /** Same-id bursts (each N simultaneous submits of one new id). */
  sameIdRaces?: number;
  /** Exclusive-group races (two base plans at once for a subscriber without one, each sent N times). */
  exclusiveRaces?: number;
  raceWidth?: number;
  seed?: number;
}

export interface MoneyResult {
  dialect: Dialect;
  requests: number;
  connections: number;
  seconds: number;
  byStatus: Record<string, number>;
  byCause: Record<string, number>;
  sameIdRaces: { races: number; width: number; racesWithMoreThanOne200: number };
  exclusiveRaces: { races: number; width: number; racesWithMoreThanOneBase: number };
  audit: AuditReport;
}

/** mulberry32: a small seeded PRNG, so a failing run can be repeated. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREPAID_PLANS = [
  "daily-1gb",
  "daily-1gb",
  "weekly-5gb",
  "video-30d",
  "roaming-7d",
  "starter-base",
  "unlimited-base",
];
const POSTPAID_PLANS = ["postpaid-addon-10gb"];

interface Request {
  subscriber: ChaosSubscriber;
  planId: string;
  transactionId: string;
}

/** Sends one purchase and records what came back (status 0 when no HTTP answer arrived). */
export async function purchase(
  url: string,
  token: string,
  r: Request,
  extra: { callbackUrl?: string } = {},
): Promise<PurchaseAnswer> {
  const answer: PurchaseAnswer = {
    transactionId: r.transactionId,
    subscriberId: r.subscriber.id,
    planId: r.planId,
    status: 0,
  };
  try {
    const res = await fetch(`${url}/${r.subscriber.msisdn}/purchasePlan?key_type=MSISDN&client_id=mobiledataplan`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ planId: r.planId, transactionId: r.transactionId, ...extra }),
      signal: AbortSignal.timeout(30_000),
    });
    answer.status = res.status;
    answer.retryAfter = res.headers.has("retry-after");
    const body = (await res.json().catch(() => ({}))) as {
      cause?: string;
      purchase?: { confirmationCode?: string };
      transactionStatus?: string;
    };
    answer.queued = res.status === 200 && body.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED";
    answer.cause = body.cause;
    answer.confirmationCode = body.purchase?.confirmationCode;
  } catch (err) {
    answer.status = 0;
    answer.error = String((err as { cause?: unknown }).cause ?? err);
  }
  return answer;
}

/** Runs `jobs` with at most `width` in flight. */
export async function pool<T>(width: number, jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/** Builds the main load: fresh ids, with `repeatRatio` of them reusing an earlier id (a third each: same request,
 * another plan, another subscriber). */
export function moneyLoad(
  subscribers: ChaosSubscriber[],
  n: number,
  repeatRatio: number,
  rnd: () => number,
): Request[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Request[] = [];
  for (let i = 0; i < n; i++) {
    if (out.length > 0 && rnd() < repeatRatio) {
      const earlier = pick(out);
      const variant = rnd();
      if (variant < 1 / 3) out.push({ ...earlier });
      else if (variant < 2 / 3) out.push({ ...earlier, planId: pick(PREPAID_PLANS) });
      else out.push({ ...earlier, subscriber: pick(subscribers) });
      continue;
    }
    const subscriber = pick(subscribers);
    const planId = subscriber.accountType === "PREPAID" ? pick(PREPAID_PLANS) : pick(POSTPAID_PLANS);
    out.push({ subscriber, planId, transactionId: randomUUID() });
  }
  return out;
}

/** The answer figures every purchase race suite reports: statuses, causes, and races that let two through. */
export function raceFigures(
  answers: PurchaseAnswer[],
  races: { same: PurchaseAnswer[][]; exclusive: PurchaseAnswer[][]; width: number },
): Pick<MoneyResult, "byStatus" | "byCause" | "sameIdRaces" | "exclusiveRaces"> {
  const moreThanOne200 = (list: PurchaseAnswer[][]) =>
    list.filter((race) => race.filter((a) => a.status === 200).length > 1).length;
  return {
    byStatus: count(answers.map((a) => a.status)),
    byCause: count(answers.filter((a) => a.status !== 200).map((a) => a.cause)),
    sameIdRaces: { races: races.same.length, width: races.width, racesWithMoreThanOne200: moreThanOne200(races.same) },
    exclusiveRaces: {
      races: races.exclusive.length,
      width: races.width,
      racesWithMoreThanOneBase: moreThanOne200(races.exclusive),
    },
  };
}

const count = (xs: Array<string | number | undefined>) =>
  xs.reduce<Record<string, number>>((acc, x) => {
    const k = String(x ?? "-");
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});

/** Waits until the store has no queued or in-flight purchase (at most `timeoutMs`). */
export async function drained(db: Db, timeoutMs = 60_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.get<{ n: unknown }>(
      "SELECT COUNT(*) AS n FROM transactions WHERE status IN ('QUEUED', 'PROCESSING')",
    );
    const n = Number(row?.n ?? 0);
    if (n === 0 || Date.now() > until) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runMoney(options: MoneyOptions): Promise<MoneyResult> {
  const rnd = prng(options.seed ?? 20261201);
  const nSubs = options.subscribers ?? Math.max(20, Math.floor(options.purchases / 20));
  const sameIdRaces = options.sameIdRaces ?? 20;
  const exclusiveRaces = options.exclusiveRaces ?? 10;
  const width = options.raceWidth ?? 10;
  // 80% prepaid; balances run out after a handful of purchases, so overdraws are common.
  const store = await createChaosStore(options.dialect, {
    prepaid: Math.ceil(nSubs * 0.8) + exclusiveRaces,
    postpaid: Math.floor(nSubs * 0.2),
    balance: "1500",
  });
  const signer = await createSigner();
  const dpa = await launchDpa({ location: store.location, jwks: signer.jwks });
  try {
    const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
    // Race subscribers are kept out of the main load, so nothing else gives them a base plan.
    const raceSubs = store.subscribers.filter((s) => s.accountType === "PREPAID").slice(0, exclusiveRaces);
    const loadSubs = store.subscribers.filter((s) => !raceSubs.includes(s));
    const load = moneyLoad(loadSubs, options.purchases, options.repeatRatio ?? 0.3, rnd);
    const started = performance.now();

    const mainLoad = pool(
      options.connections,
      load.map((r) => () => purchase(dpa.url, token, r)),
    );
    // The races run beside the main load, a few at a time, so the client stays near `connections` sockets (a burst of
    // a thousand connections at once would only measure the listen backlog of loopback).
    const sameId = pool(
      4,
      Array.from({ length: sameIdRaces }, () => async () => {
        const r: Request = {
          subscriber: loadSubs[Math.floor(rnd() * loadSubs.length)]!,
          planId: "daily-1gb",
          transactionId: randomUUID(),
        };
        const answers = await Promise.all(Array.from({ length: width }, () => purchase(dpa.url, token, r)));
        return answers;
      }),
    );
    const exclusive = pool(
      4,
      raceSubs.map((subscriber) => async () => {
        const answers = await Promise.all(
          Array.from({ length: width }, (_, i) =>
            purchase(dpa.url, token, {
              subscriber,
              planId: i % 2 === 0 ? "starter-base" : "unlimited-base",
              transactionId: randomUUID(),
            }),
          ),
        );
        return answers;
      }),
    );
    const [main, same, excl] = await Promise.all([mainLoad, sameId, exclusive]);
    const seconds = (performance.now() - started) / 1000;

    const answers = [...main, ...same.flat(), ...excl.flat()];
    const db = await store.open();
    let audit: AuditReport;
    try {
      // Queued purchases settle in the DPA's worker: let them drain, then stop the DPA so the audit reads a still store.
      await drained(db);
      await dpa.stop();
      audit = await auditMoney(db, answers);
    } finally {
      await db.close();
    }
    return {
      dialect: options.dialect,
      requests: answers.length,
      connections: options.connections,
      seconds,
      ...raceFigures(answers, { same, exclusive: excl, width }),
      audit,
    };
  } finally {
    await dpa.stop();
    await store.cleanup();
  }
}
