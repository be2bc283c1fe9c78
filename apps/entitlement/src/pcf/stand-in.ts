// The operator's PCF, as far as the data-boost purchase needs one: after a recorded purchase it sends the subscriber's
// new URSP to the UE through the AMF (TS 29.518 N1N2MessageTransfer of class UPDP carrying a MANAGE UE POLICY
// COMMAND), retries with back-off until the UE's answer arrives (N1MessageNotify), and records every delivery's state
// in the store so that any instance may continue it.
import { randomUUID } from "node:crypto";
import { createNamfClient, type NamfClient, transferN1Message } from "@carrierkit/namf";
import type { Clock, Db, EntitlementCore } from "@carrierkit/operator-core";
import {
  decodeUePolicyMessage,
  encodeUePolicyMessage,
  manageUePolicyCommand,
  parseHex,
  toHex,
  type UePolicyMessage,
  type UrspPolicy,
  validatePolicy,
} from "@carrierkit/ursp";
import { type UrspDelivery, UrspDeliveryStore } from "./store.js";

export interface PcfOptions {
  /** The AMF's apiRoot (PCF_AMF_URL), e.g. `http://127.0.0.1:4060`. */
  amfUrl: string;
  /** The `n1NotifyCallbackUri` the AMF posts the UE's answers to (PCF_NOTIFY_URL): this server's `/pcf/n1-notify`. */
  notifyUrl: string;
  /** The PLMN ("MCC-MNC") the URSP is for (PCF_PLMN); default: the IMSI's first five digits (2-digit MNC). */
  plmn?: string;
  /** The UE policy section code the URSP goes in (PCF_UPSC, default 1). */
  upsc?: number;
  /** First retry delay (default 2 s); doubles per try up to `retryMaxMs` (default 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long to wait for the UE's answer before sending the command again (default 15 s, like T3501 would). */
  answerTimeoutMs?: number;
  /** Commands the AMF accepted, at most, before the delivery fails for want of an answer (default 5). */
  maxTransmissions?: number;
  /** How long a worker holds a delivery while it sends (default 10 s). */
  leaseMs?: number;
  /** How often the worker looks for due deliveries (default 1 s; 0 = only when asked: `runDue()`). */
  pollIntervalMs?: number;
  /** HTTP timeout of a call to the AMF (default 5 s). */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PcfLogger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const silent: PcfLogger = { info: () => undefined, error: () => undefined };

/** The PLMN of an IMSI with a 2-digit MNC: `00101…` → `001-01`. */
export function plmnOfImsi(imsi: string): string {
  return `${imsi.slice(0, 3)}-${imsi.slice(3, 5)}`;
}

/** Retryable AMF answers: the UE or the AMF may be fine later (TS 29.518 / TS 29.500 causes). */
const RETRYABLE = new Set([404, 409, 429, 500, 502, 503, 504]);

export class PcfStandIn {
  readonly store: UrspDeliveryStore;
  readonly #client: NamfClient;
  readonly #owner = randomUUID();
  readonly #o: Required<Omit<PcfOptions, "plmn" | "fetch">> & Pick<PcfOptions, "plmn" | "fetch">;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #again = false;

  constructor(
    db: Db,
    private readonly ent: EntitlementCore,
    options: PcfOptions,
    private readonly now: Clock,
    private readonly log: PcfLogger = silent,
  ) {
    this.store = new UrspDeliveryStore(db);
    this.#o = {
      upsc: 1,
      retryBaseMs: 2000,
      retryMaxMs: 60_000,
      answerTimeoutMs: 15_000,
      maxTransmissions: 5,
      leaseMs: 10_000,
      pollIntervalMs: 1000,
      requestTimeoutMs: 5000,
      ...options,
      amfUrl: options.amfUrl.replace(/\/+$/, ""),
    };
    const f = options.fetch ?? fetch;
    const timeout = this.#o.requestTimeoutMs;
    this.#client = createNamfClient({
      baseUrl: this.#o.amfUrl,
      fetch: (req: Request) => f(req, { signal: AbortSignal.timeout(timeout) }),
    });
  }

  /**
   * Queues the delivery of `policy` to the subscriber's UE (its first SIM's IMSI as SUPI) and starts sending it.
   * Returns undefined when the subscriber has no SIM (no UE to reach).
   */
  async deliver(subscriberId: string, policy: UrspPolicy): Promise<UrspDelivery | undefined> {
    const checked = validatePolicy(policy);
    if (!checked.valid) throw new Error(`URSP to deliver is invalid: ${checked.errors[0]?.message ?? "?"}`);
    const sim = (await this.ent.listSims()).find((s) => s.subscriberId === subscriberId);
    if (!sim) return undefined;
    const plmn = this.#o.plmn ?? plmnOfImsi(sim.imsi);
    const upsc = this.#o.upsc;
    let delivery: UrspDelivery | undefined;
    for (let i = 0; !delivery; i++) {
      try {
        delivery = await this.store.create({
          subscriberId,
          supi: `imsi-${sim.imsi}`,
          plmn,
          upsc,
          command: (pti) => toHex(encodeUePolicyMessage(manageUePolicyCommand(policy, { plmn, pti, upsc }))),
          now: this.now(),
        });
      } catch (err) {
        if (i >= 3 || !/PTI allocation raced/.test((err as Error).message)) throw err;
      }
    }
    this.log.info({ delivery: delivery.id, supi: delivery.supi, pti: delivery.pti }, "URSP delivery queued");
    this.kick();
    return delivery;
  }

  /** A subscriber's deliveries, newest first. */
  deliveries(subscriberId: string): Promise<UrspDelivery[]> {
    return this.store.list(subscriberId);
  }

  /** Runs a pass soon (after the current one, if any). */
  kick(): void {
    void this.runDue().catch((err) => this.log.error({ err: String(err) }, "URSP delivery pass failed"));
  }

  /** One pass over the due deliveries (passes never overlap in one process; leases keep instances apart). */
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
          for (const d of await this.store.due(this.now())) {
            if (!(await this.store.claim(d.id, this.#owner, this.now(), this.#o.leaseMs))) continue;
            await this.#step(d);
            done++;
          }
        } while (this.#again);
      } finally {
        this.#running = undefined;
      }
      return done;
    })();
    return this.#running;
  }

  /** Resolves when no pass is running. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
  }

  start(): void {
    if (this.#timer || this.#o.pollIntervalMs <= 0) return;
    this.#timer = setInterval(() => this.kick(), this.#o.pollIntervalMs);
    this.#timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.settled();
  }

  #backoff(attempts: number): number {
    return Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** Math.max(0, attempts));
  }

  async #step(d: UrspDelivery): Promise<void> {
    const now = this.now();
    if (d.state === "SENT") {
      // The wait for the UE's answer is over: the command or the answer was lost (or the UE is slow).
      if (d.transmissions >= this.#o.maxTransmissions) {
        await this.store.fail(d.id, this.#owner, `no answer from the UE after ${d.transmissions} transmissions`, now);
        this.log.info({ delivery: d.id }, "URSP delivery failed: no answer");
        return;
      }
      // Subscribe afresh: an AMF that restarted forgot our subscription, and its notifications with it.
      await this.#unsubscribe(d.supi);
    }
    const result = await this.#send(d);
    const later = this.now();
    if (result.kind === "transmitted") {
      await this.store.recordTry(d.id, this.#owner, {
        state: "SENT",
        nextAttemptAt: later + this.#o.answerTimeoutMs,
        transmitted: true,
        lastResult: result.lastResult,
        now: later,
      });
    } else if (result.kind === "retry") {
      await this.store.recordTry(d.id, this.#owner, {
        state: d.state === "SENT" ? "SENT" : "PENDING",
        nextAttemptAt: later + Math.max(this.#backoff(d.attempts), (result.retryAfterSeconds ?? 0) * 1000),
        transmitted: false,
        lastResult: result.lastResult,
        now: later,
      });
    } else {
      await this.store.recordTry(d.id, this.#owner, {
        state: "FAILED",
        nextAttemptAt: later,
        transmitted: false,
        lastResult: result.lastResult,
        failure: `the AMF refused the command: ${result.lastResult}`,
        now: later,
      });
    }
    this.log.info({ delivery: d.id, result: result.lastResult }, "URSP delivery try");
  }

  async #send(
    d: UrspDelivery,
  ): Promise<{ kind: "transmitted" | "retry" | "refused"; lastResult: string; retryAfterSeconds?: number }> {
    try {
      if (!(await this.store.subscription(d.supi, this.#o.amfUrl))) {
        const sub = await this.#client.POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions", {
          params: { path: { ueContextId: d.supi } },
          body: { n1MessageClass: "UPDP", n1NotifyCallbackUri: this.#o.notifyUrl },
        });
        if (!sub.data) {
          const status = sub.response.status;
          const lastResult = `subscribe ${status} ${sub.error?.cause ?? ""}`.trim();
          return { kind: RETRYABLE.has(status) ? "retry" : "refused", lastResult };
        }
        await this.store.setSubscription(d.supi, this.#o.amfUrl, sub.data.n1n2NotifySubscriptionId, this.now());
      }
      const command = parseHex(d.commandHex)!;
      const { data, error, response } = await transferN1Message(this.#client, d.supi, command);
      const status = response.status;
      if (data && (status === 200 || status === 202) && data.cause !== "N1_MSG_NOT_TRANSFERRED")
        return { kind: "transmitted", lastResult: `${status} ${data.cause}` };
      if (data) return { kind: "retry", lastResult: `${status} ${data.cause}` };
      const problem = (error ?? {}) as {
        cause?: string;
        error?: { cause?: string };
        errInfo?: { retryAfter?: number };
      };
      const cause = problem.error?.cause ?? problem.cause ?? "";
      if (status === 404) await this.store.dropSubscription(d.supi, this.#o.amfUrl);
      const retryAfter = Number(response.headers.get("retry-after")) || problem.errInfo?.retryAfter;
      return {
        kind: RETRYABLE.has(status) ? "retry" : "refused",
        lastResult: `${status} ${cause}`.trim(),
        ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
      };
    } catch (err) {
      return { kind: "retry", lastResult: `network: ${(err as Error).message}` };
    }
  }

  async #unsubscribe(supi: string): Promise<void> {
    const id = await this.store.subscription(supi, this.#o.amfUrl);
    if (!id) return;
    await this.store.dropSubscription(supi, this.#o.amfUrl);
    await this.#client
      .DELETE("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}", {
        params: { path: { ueContextId: supi, subscriptionId: id } },
      })
      .catch(() => undefined);
  }

  /**
   * The UE's answer, from an N1MessageNotify: COMPLETE → DELIVERED, COMMAND REJECT → REJECTED with its results.
   * `unknown-ue` when neither the subscription id nor the SUPI names a UE of ours; `malformed` when the N1 message is
   * not a UE policy delivery answer.
   */
  async onNotification(input: {
    subscriptionId?: string;
    supi?: string;
    n1Message: Uint8Array;
  }): Promise<"recorded" | "no-open-delivery" | "unknown-ue" | "malformed"> {
    const supi =
      (input.subscriptionId && (await this.store.supiOfSubscription(this.#o.amfUrl, input.subscriptionId))) ||
      input.supi;
    if (!supi) return "unknown-ue";
    let message: UePolicyMessage;
    try {
      message = decodeUePolicyMessage(input.n1Message);
    } catch {
      return "malformed";
    }
    if (message.messageType === "MANAGE_UE_POLICY_COMMAND") return "malformed";
    const now = this.now();
    const updated =
      message.messageType === "MANAGE_UE_POLICY_COMPLETE"
        ? await this.store.answer(supi, message.pti, { state: "DELIVERED" }, now)
        : await this.store.answer(supi, message.pti, { state: "REJECTED", results: message.results }, now);
    this.log.info({ supi, pti: message.pti, answer: message.messageType, delivery: updated?.id }, "UE policy answer");
    return updated ? "recorded" : "no-open-delivery";
  }
}
