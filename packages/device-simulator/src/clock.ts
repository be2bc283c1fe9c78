// The simulator's time: every delay of the simulated devices (notification display timeout, back-off hysteresis,
// network-setup time, download delay, registration interval) is a timer on a DeviceClock, so tests advance simulated
// time instead of sleeping.

/** A timer handle; `cancel()` is idempotent. */
export interface DeviceTimer {
  readonly at: number;
  cancel(): void;
}

export interface DeviceClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once at `now() + delayMs` (a delay ≤ 0 runs it on the next advance or tick). */
  setTimer(delayMs: number, fn: () => void): DeviceTimer;
}

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A manual clock: time moves only through `advance`/`advanceTo`, which fire the due timers in time order (ties in the
 * order they were set), each seeing `now()` equal to its own due time.
 */
export class SimulatedClock implements DeviceClock {
  #now: number;
  #seq = 0;
  #timers: Scheduled[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, fn: () => void): DeviceTimer {
    const entry: Scheduled = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(entry);
    return {
      at: entry.at,
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance: ${ms} is not a non-negative duration`);
    this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `at` (never backwards), firing every timer due at or before it. */
  advanceTo(at: number): void {
    if (at < this.#now) throw new RangeError("advanceTo: time never goes backwards");
    for (;;) {
      const next = this.#nextDue(at);
      if (!next) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = next.at;
      next.fn();
    }
    this.#now = at;
  }

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }

  #nextDue(limit: number): Scheduled | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    let best: Scheduled | undefined;
    for (const t of this.#timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}

/** Wall-clock time with real timers (for the CLI against a live stack). */
export const systemDeviceClock: DeviceClock = {
  now: () => Date.now(),
  setTimer(delayMs, fn) {
    const handle = setTimeout(fn, Math.max(0, delayMs));
    handle.unref?.();
    return { at: Date.now() + Math.max(0, delayMs), cancel: () => clearTimeout(handle) };
  },
};
