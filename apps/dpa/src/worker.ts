import type { OperatorCore, TransactionRecord } from "@carrierkit/operator-core";
import { type DpaMetrics, noMetrics } from "./metrics.js";
import type { AccessTokenSource } from "./push.js";
import type { DpaService, Logger } from "./service.js";

export interface WorkerOptions {
  /** Poll interval (default 1 s). */
  intervalMs?: number;
  /** Callback delivery attempts before giving up (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to 5 minutes (default 1 s). */
  baseBackoffMs?: number;
  /** Queued purchases (and due callbacks) taken per batch (default 50). */
  batchSize?: number;
  /** Most queued purchases settled in one pass (default 5000); the rest wait for the next pass. */
  maxPerPass?: number;
  /**
   * How long a claimed callback attempt keeps other workers off (default 60 s, above the 5 s request timeout); after
   * a crash mid-attempt, the callback is sent again once it expires.
   */
  leaseMs?: number;
  /** Token for the callback POST, when GTAF requires one. */
  token?: AccessTokenSource;
  fetch?: typeof fetch;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Processes queued purchases and delivers their results to `callbackUrl`, retrying with exponential backoff.
 * Everything it does is driven by the store, so a restart resumes where the last process stopped.
 */
export class PurchaseWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly core: OperatorCore,
    private readonly service: DpaService,
    private readonly log: Logger,
    private readonly options: WorkerOptions = {},
    private readonly metrics: DpaMetrics = noMetrics,
  ) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** One pass: settle queued purchases, then deliver due callbacks. Concurrent calls share one pass. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Settles the backlog batch after batch until it is empty (at the store's speed, not a fixed rate per poll); each
   * purchase is its own transaction and the pass yields to the event loop between batches, so interactive requests
   * are served in between.
   */
  private async pass(): Promise<void> {
    const batch = this.options.batchSize ?? 50;
    const max = this.options.maxPerPass ?? 5000;
    for (let settled = 0; settled < max; ) {
      const outcomes = await this.core.processQueued(this.service.now(), Math.min(batch, max - settled));
      for (const o of outcomes) {
        this.log.info({ transactionId: o.transaction.transactionId, outcome: o.kind }, "queued purchase processed");
        this.metrics.queuedSettled(o);
        if (o.kind === "succeeded") await this.service.plansChanged(o.transaction.subscriberId);
      }
      settled += outcomes.length;
      if (outcomes.length < batch) break;
      await yieldToRequests();
    }
    for (let sent = 0; sent < max; ) {
      const due = await this.core.dueCallbacks(this.service.now(), batch);
      for (const t of due) await this.deliver(t);
      sent += due.length;
      if (due.length < batch) break;
      await yieldToRequests();
    }
  }

  private async deliver(t: TransactionRecord): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    const base = this.options.baseBackoffMs ?? 1000;
    // Only the worker that claims the callback sends it (several DPAs may share the store).
    if (!(await this.core.claimCallback(t.transactionId, this.service.now(), this.options.leaseMs ?? 60_000))) return;
    let status: number | undefined;
    try {
      // The body carries purchase.transactionId: a receiver seeing a callback again (after a crash between sending
      // and recording the acknowledgement) can de-duplicate on it.
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (this.options.token) headers.Authorization = `Bearer ${await this.options.token()}`;
      const res = await this.fetchImpl(t.callbackUrl!, {
        method: "POST",
        headers,
        body: JSON.stringify(await this.service.transactionResponse(t)),
        signal: AbortSignal.timeout(5000),
      });
      await res.body?.cancel();
      status = res.status;
    } catch (err) {
      this.log.warn({ transactionId: t.transactionId, err: String(err) }, "callback delivery failed");
    }
    const now = this.service.now();
    if (status !== undefined && status >= 200 && status < 300) {
      await this.core.recordCallbackAttempt(t.transactionId, { state: "delivered" }, now);
      this.metrics.callback("delivered");
      return;
    }
    const permanent = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    if (permanent || t.callbackAttempts + 1 >= maxAttempts) {
      this.log.error({ transactionId: t.transactionId, status }, "callback abandoned");
      await this.core.recordCallbackAttempt(t.transactionId, { state: "failed" }, now);
      this.metrics.callback("abandoned");
      return;
    }
    const delay = Math.min(base * 2 ** t.callbackAttempts, 300_000);
    await this.core.recordCallbackAttempt(t.transactionId, { state: "pending", retryAt: now + delay }, now);
    this.metrics.callback("retry");
  }

  /** Polls every `intervalMs` (default: the option, else 1 s). */
  start(intervalMs?: number): void {
    if (this.timer) clearInterval(this.timer);
    const interval = intervalMs ?? this.options.intervalMs ?? 1000;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.log.error({ err: String(err) }, "worker pass failed"));
    }, interval);
    this.timer.unref();
  }

  /** Stops polling and waits for a pass in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
