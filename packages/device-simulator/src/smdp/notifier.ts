// ES2+.HandleDownloadProgressInfo delivery: queued, sent in the background, retried with exponential back-off on the
// device clock until the operator answers 200 (or the attempts run out). It never holds up the LPA's call.
import { type HandleDownloadProgressInfoRequest, sendDownloadProgressInfo } from "@carrierkit/es2plus";
import type { DeviceClock } from "../clock.js";

export interface DeliveryRecord {
  body: HandleDownloadProgressInfoRequest;
  attempts: number;
  delivered: boolean;
  /** The last failure (HTTP status or network error). */
  lastError?: string;
}

export interface NotifierOptions {
  url: string;
  clock: DeviceClock;
  fetch?: typeof fetch;
  /** Sent as `Authorization: Bearer …` (the operator's token for the SM-DP+). */
  token?: string;
  /** First retry delay (default 1 s), doubled each time up to `maxDelayMs` (default 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts per notification (default 10). */
  maxAttempts?: number;
}

export class ProgressNotifier {
  readonly records: DeliveryRecord[] = [];
  readonly #inFlight = new Set<Promise<void>>();

  constructor(readonly options: NotifierOptions) {}

  send(body: HandleDownloadProgressInfoRequest): void {
    const record: DeliveryRecord = { body, attempts: 0, delivered: false };
    this.records.push(record);
    this.#attempt(record);
  }

  /** Resolves when no delivery attempt is in flight (a retry waiting on the clock is not in flight). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #attempt(record: DeliveryRecord): void {
    record.attempts++;
    const p = sendDownloadProgressInfo(this.options.url, record.body, {
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.token ? { token: this.options.token } : {}),
    })
      .then(
        ({ status }) => {
          if (status === 200) record.delivered = true;
          else record.lastError = `HTTP ${status}`;
        },
        (err: unknown) => {
          record.lastError = err instanceof Error ? err.message : String(err);
        },
      )
      .then(() => {
        this.#inFlight.delete(p);
        if (record.delivered || record.attempts >= (this.options.maxAttempts ?? 10)) return;
        const base = this.options.baseDelayMs ?? 1000;
        const delay = Math.min(base * 2 ** (record.attempts - 1), this.options.maxDelayMs ?? 300_000);
        this.options.clock.setTimer(delay, () => this.#attempt(record));
      });
    this.#inFlight.add(p);
  }
}
