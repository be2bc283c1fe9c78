import { type HealthCheck, type HealthReport, runHealthChecks } from "@carrierkit/contract-runtime/node";
import type { Clock } from "@carrierkit/operator-core";

export type BackendCheck = HealthCheck;
export type { HealthReport };

/**
 * Tracks the health of the DPA's back ends. A failed check (or a back-end error seen while serving) makes the DPA
 * "degraded" for `degradedWindowMs`: dpaStatus answers UNAVAILABLE and plan information is served with a short
 * `expireTime`.
 */
export class BackendHealth {
  private lastFailureAt: number | null = null;
  private lastFailed: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checks: BackendCheck[],
    private readonly clock: Clock,
    private readonly degradedWindowMs: number,
    private readonly timeoutMs = 2000,
  ) {}

  /** Runs every check now (in parallel, each bounded by the timeout). */
  async check(): Promise<HealthReport> {
    const report = await runHealthChecks(this.checks, this.timeoutMs);
    if (!report.ok) this.reportFailure(report.failed);
    return report;
  }

  /** Records a back-end failure seen while serving a request. */
  reportFailure(names: string[]): void {
    this.lastFailureAt = this.clock();
    this.lastFailed = names;
  }

  /** True while within the window after the last failure. */
  degraded(): boolean {
    return this.lastFailureAt !== null && this.clock() - this.lastFailureAt < this.degradedWindowMs;
  }

  get lastFailedBackends(): string[] {
    return this.lastFailed;
  }

  /** Polls in the background (unref'd). */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** A back end checked by an HTTP GET that must answer 2xx. */
export function httpBackend(name: string, url: string): BackendCheck {
  return {
    name,
    check: async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    },
  };
}
