// The operator side of GSMA SGP.22 ES2+ for the eSIM inventory: a reserved profile is ordered (DownloadOrder, bound
// to the EID when known), confirmed (ConfirmOrder, released at once or not), released later (ReleaseProfile) or
// cancelled (CancelOrder). No database transaction is ever open across an SM-DP+ call: each step is claimed with a
// lease (one conditional UPDATE), called, and its answer recorded with another, so a crash or an outage between
// steps leaves a row that the next request or the worker (`runDue`) continues.
import { randomUUID } from "node:crypto";
import type { Clock } from "./clock.js";
import type { Db } from "./db.js";
import { EsimInventory, type EsimProfile, type SmdpStep } from "./esim.js";

/**
 * How an ES2+ call ended, as the inventory needs to know it: `done` (Executed-Success or -WithWarning), `already`
 * (refused because the profile is already in the state the call leads to: e.g. a ConfirmOrder repeated after a crash
 * that lost its answer), `refused` (a definite refusal for this profile) or `unavailable` (the SM-DP+ could not be
 * reached, timed out, or failed on its side: try again later).
 */
export type SmdpAnswer<T> =
  | { kind: "done"; value: T }
  | { kind: "already"; reason: string }
  | { kind: "refused"; reason: string }
  | { kind: "unavailable"; reason: string };

/** The four ES2+ functions the inventory calls (implemented over `@carrierkit/es2plus`'s client by the apps). */
export interface Es2plusOrders {
  downloadOrder(req: { iccid: string; eid?: string }): Promise<SmdpAnswer<{ iccid: string }>>;
  confirmOrder(req: {
    iccid: string;
    matchingId: string;
    eid?: string;
    releaseFlag: boolean;
  }): Promise<SmdpAnswer<{ matchingId: string; smdpAddress?: string }>>;
  releaseProfile(req: { iccid: string }): Promise<SmdpAnswer<undefined>>;
  cancelOrder(req: { iccid: string; matchingId?: string; eid?: string }): Promise<SmdpAnswer<undefined>>;
}

/** The SM-DP+ did not (yet) prepare the profile: a clear, retryable failure for the user (Mobile Plans ServiceError). */
export class SmdpUnavailableError extends Error {
  constructor(
    message: string,
    readonly iccid?: string,
  ) {
    super(message);
    this.name = "SmdpUnavailableError";
  }
}

export interface EsimOrdersOptions {
  /** How long a caller holds a profile while it calls the SM-DP+ (default 30 s; longer than a call's timeout). */
  leaseMs?: number;
  /** First retry delay of a failed step (default 5 s), doubled per attempt up to `retryMaxMs` (default 5 min). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** An unpaid reservation older than this is returned (default 15 min). */
  abandonAfterMs?: number;
  /** How long `prepare` waits for another request that holds the profile (default 10 s, real time). */
  waitMs?: number;
}

export interface EsimOrdersLogger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const silent: EsimOrdersLogger = { info: () => undefined, error: () => undefined };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The ES2+ side of the eSIM inventory: runs each profile's due step once, in any instance. */
export class EsimOrders {
  readonly inventory: EsimInventory;
  readonly #owner = randomUUID();
  readonly #o: Required<EsimOrdersOptions>;
  #running: Promise<number> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly db: Db,
    private readonly smdp: Es2plusOrders,
    private readonly now: Clock,
    options: EsimOrdersOptions = {},
    private readonly log: EsimOrdersLogger = silent,
  ) {
    this.inventory = new EsimInventory(db);
    this.#o = {
      leaseMs: 30_000,
      retryBaseMs: 5000,
      retryMaxMs: 300_000,
      abandonAfterMs: 15 * 60_000,
      waitMs: 10_000,
      ...options,
    };
  }

  /**
   * Brings a reserved profile to CONFIRMED or RELEASED on the SM-DP+ (its activation code then works or will), doing
   * whatever steps are left. Throws {@link SmdpUnavailableError} when the SM-DP+ is down or refused: the reservation
   * stays, and a retry (or the worker) continues where this one stopped.
   */
  async prepare(iccid: string): Promise<EsimProfile> {
    const started = Date.now();
    for (;;) {
      const p = await this.inventory.profile(iccid);
      if (!p) throw new SmdpUnavailableError("unknown profile", iccid);
      if (p.pending !== "ORDER") {
        if (p.state === "CONFIRMED" || p.state === "RELEASED" || p.state === "DOWNLOADED" || p.state === "INSTALLED")
          return p;
        throw new SmdpUnavailableError(`the profile is ${p.state}: ${p.smdpError ?? "no longer reserved"}`, iccid);
      }
      const stepped = await this.step(iccid, true);
      if (stepped === "busy") {
        if (Date.now() - started > this.#o.waitMs)
          throw new SmdpUnavailableError("the eSIM order is still in progress", iccid);
        await pause(50);
        continue;
      }
      const after = await this.inventory.profile(iccid);
      if (after && (after.state === "CONFIRMED" || after.state === "RELEASED")) return after;
      throw new SmdpUnavailableError(after?.smdpError ?? "the SM-DP+ did not confirm the order", iccid);
    }
  }

  /**
   * Runs the due step of one profile if nobody else holds it: `busy` when another caller does, `idle` when nothing
   * is due, else `stepped`. `force` runs a step that is not due yet (a user's retry does not wait for the back-off).
   */
  async step(iccid: string, force = false): Promise<"busy" | "idle" | "stepped"> {
    const now = this.now();
    const claimed = await this.db.get(
      `UPDATE esim_profiles SET lease_owner = $2, lease_until = $3
       WHERE iccid = $1 AND smdp_pending IS NOT NULL AND (lease_until IS NULL OR lease_until < $4)
         AND ($5 = 1 OR smdp_due_at <= $4)
       RETURNING smdp_pending`,
      [iccid, this.#owner, now + this.#o.leaseMs, now, force ? 1 : 0],
    );
    if (!claimed) {
      const p = await this.inventory.profile(iccid);
      return p?.pending && p.dueAt !== null && (force || p.dueAt <= now) ? "busy" : "idle";
    }
    try {
      const p = (await this.inventory.profile(iccid))!;
      if (p.pending === "ORDER") await this.#order(p);
      else if (p.pending === "RELEASE") await this.#release(p);
      else if (p.pending === "CANCEL") await this.#cancel(p);
    } finally {
      await this.db.run(
        "UPDATE esim_profiles SET lease_owner = NULL, lease_until = NULL WHERE iccid = $1 AND lease_owner = $2",
        [iccid, this.#owner],
      );
    }
    return "stepped";
  }

  /** One worker pass: returns stale unpaid reservations, then runs every due step. Passes never overlap here. */
  runDue(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      let done = 0;
      try {
        do {
          this.#again = false;
          const returned = await this.inventory.abandonStale(this.now() - this.#o.abandonAfterMs, this.now());
          if (returned.length) this.log.info({ iccids: returned }, "unpaid eSIM reservations returned");
          for (const p of await this.inventory.due(this.now())) {
            if ((await this.step(p.iccid)) === "stepped") done++;
          }
        } while (this.#again);
      } finally {
        this.#running = undefined;
      }
      return done;
    })();
    return this.#running;
  }

  /** Runs a pass soon (after the current one, if any); failures are logged. */
  kick(): void {
    void this.runDue().catch((err) => this.log.error({ err: String(err) }, "eSIM order pass failed"));
  }

  /** Runs a pass every `intervalMs` (unref'd) until {@link stop}. */
  start(intervalMs = 5000): void {
    if (this.#timer || intervalMs <= 0) return;
    this.#timer = setInterval(() => this.kick(), intervalMs);
    this.#timer.unref();
    this.kick();
  }

  /** Stops the timer and waits for the pass in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    while (this.#running) await this.#running.catch(() => undefined);
  }

  /** Records the step's outcome, only while this caller still holds the lease and the step is still the one due. */
  async #record(p: EsimProfile, step: SmdpStep, set: string, params: (string | number | null)[]): Promise<boolean> {
    const r = await this.db.run(
      `UPDATE esim_profiles SET ${set}, updated_at = $3 WHERE iccid = $1 AND lease_owner = $2 AND smdp_pending = '${step}'`,
      [p.iccid, this.#owner, this.now(), ...params],
    );
    return r.changes > 0;
  }

  async #retry(p: EsimProfile, step: SmdpStep, error: string): Promise<void> {
    const delay = Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** Math.min(20, p.attempts));
    await this.#record(p, step, "smdp_attempts = smdp_attempts + 1, smdp_due_at = $4, smdp_error = $5", [
      this.now() + delay,
      error.slice(0, 500),
    ]);
    this.log.info({ iccid: p.iccid, step, error, retryInMs: delay }, "ES2+ step to retry");
  }

  async #order(p: EsimProfile): Promise<void> {
    const eid = p.eid ?? undefined;
    const ordered = await this.smdp.downloadOrder({ iccid: p.iccid, eid });
    if (ordered.kind === "unavailable") return this.#retry(p, "ORDER", `downloadOrder: ${ordered.reason}`);
    if (ordered.kind === "refused") {
      // The SM-DP+ will not order this ICCID: it leaves the stock; the reservation is free for another profile.
      await this.#record(p, "ORDER", "state = 'ERROR', reservation = NULL, smdp_pending = NULL, smdp_error = $4", [
        `downloadOrder: ${ordered.reason}`.slice(0, 500),
      ]);
      this.log.error({ iccid: p.iccid, reason: ordered.reason }, "SM-DP+ refused to order a stocked profile");
      return;
    }
    const releaseFlag = p.releaseFlag !== false;
    const confirmed = await this.smdp.confirmOrder({ iccid: p.iccid, matchingId: p.matchingId!, eid, releaseFlag });
    if (confirmed.kind === "unavailable" || confirmed.kind === "refused")
      return this.#retry(p, "ORDER", `confirmOrder: ${confirmed.reason}`);
    const matchingId = confirmed.kind === "done" ? confirmed.value.matchingId : p.matchingId!;
    const smdpAddress = (confirmed.kind === "done" && confirmed.value.smdpAddress) || p.smdpAddress;
    const now = this.now();
    const ok = releaseFlag
      ? await this.#record(
          p,
          "ORDER",
          `state = 'RELEASED', matching_id = $4, smdp_address = $5, ordered_at = $3, confirmed_at = $3,
           released_at = $3, smdp_pending = NULL, smdp_due_at = NULL, smdp_attempts = 0, smdp_error = NULL`,
          [matchingId, smdpAddress],
        )
      : await this.#record(
          p,
          "ORDER",
          `state = 'CONFIRMED', matching_id = $4, smdp_address = $5, ordered_at = $3, confirmed_at = $3,
           smdp_pending = 'RELEASE', smdp_due_at = $6, smdp_attempts = 0, smdp_error = NULL`,
          [matchingId, smdpAddress, Math.max(now, p.releaseAt ?? now)],
        );
    this.log.info({ iccid: p.iccid, releaseFlag, recorded: ok }, "eSIM profile ordered and confirmed");
  }

  async #release(p: EsimProfile): Promise<void> {
    if (!p.transactionId) {
      // Never release what nobody paid for: look again later (an unpaid reservation is returned in time).
      await this.#record(p, "RELEASE", "smdp_due_at = $4", [this.now() + this.#o.retryBaseMs]);
      return;
    }
    const released = await this.smdp.releaseProfile({ iccid: p.iccid });
    if (released.kind === "unavailable" || released.kind === "refused")
      return this.#retry(p, "RELEASE", `releaseProfile: ${released.reason}`);
    await this.#record(
      p,
      "RELEASE",
      `state = CASE WHEN state = 'CONFIRMED' THEN 'RELEASED' ELSE state END, released_at = $3, smdp_pending = NULL,
       smdp_due_at = NULL, smdp_attempts = 0, smdp_error = NULL`,
      [],
    );
    this.log.info({ iccid: p.iccid }, "eSIM profile released for download");
  }

  async #cancel(p: EsimProfile): Promise<void> {
    const cancelled = await this.smdp.cancelOrder({
      iccid: p.iccid,
      matchingId: p.matchingId ?? undefined,
      eid: p.eid ?? undefined,
    });
    if (cancelled.kind === "unavailable") return this.#retry(p, "CANCEL", `cancelOrder: ${cancelled.reason}`);
    // `already` / `refused`: there is no order left to cancel (never placed, already cancelled): nothing to retry.
    await this.#record(p, "CANCEL", "smdp_pending = NULL, smdp_due_at = NULL, smdp_error = $4", [
      cancelled.kind === "done" ? null : `cancelOrder: ${cancelled.reason}`.slice(0, 500),
    ]);
    this.log.info({ iccid: p.iccid, result: cancelled.kind }, "eSIM order cancelled");
  }
}
