// The cellular network as the PC's modem sees it: one registration state per ICCID (MobilePlansNetworkRegistrationState
// members), scriptable per ICCID, every change timed on the DeviceClock and reported to the listeners (the app fires
// `registrationChanged` into the portal from them).
import type { DeviceClock } from "../clock.js";

export const REGISTRATION_STATES = [
  "none",
  "deregistered",
  "searching",
  "home",
  "roaming",
  "partner",
  "denied",
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** The states the Microsoft sample treats as connected. */
export const isRegistered = (s: RegistrationState): boolean => s === "home" || s === "roaming" || s === "partner";

/** What a registration attempt of one ICCID goes through: states in order, `stepMs` apart (first one at once). */
export interface RegistrationScript {
  states: readonly RegistrationState[];
  stepMs?: number;
}

export interface RegistrationChange {
  iccid: string;
  from: RegistrationState;
  to: RegistrationState;
  at: number;
}

/** Default attempt: searching, then the home network. */
export const HOME_NETWORK: RegistrationScript = { states: ["searching", "home"] };

export class CellularNetwork {
  readonly #states = new Map<string, RegistrationState>();
  readonly #scripts = new Map<string, RegistrationScript>();
  readonly #listeners = new Set<(c: RegistrationChange) => void>();
  readonly #attempts = new Map<string, { cancel(): void }[]>();

  constructor(
    private readonly clock: DeviceClock,
    private readonly defaultScript: RegistrationScript = HOME_NETWORK,
  ) {}

  state(iccid: string): RegistrationState {
    return this.#states.get(iccid) ?? "none";
  }

  /** What the next registration attempts of `iccid` go through (e.g. roaming, or `["searching", "denied"]`). */
  script(iccid: string, script: RegistrationScript | readonly RegistrationState[]): void {
    const s = Array.isArray(script)
      ? { states: script as readonly RegistrationState[] }
      : (script as RegistrationScript);
    for (const state of s.states)
      if (!REGISTRATION_STATES.includes(state)) throw new RangeError(`unknown registration state ${String(state)}`);
    this.#scripts.set(iccid, s);
  }

  onChange(listener: (c: RegistrationChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs a registration attempt of `iccid` (its script, else the default one). */
  register(iccid: string): void {
    this.#cancelAttempt(iccid);
    const script = this.#scripts.get(iccid) ?? this.defaultScript;
    const step = script.stepMs ?? 0;
    const timers: { cancel(): void }[] = [];
    script.states.forEach((state, i) => {
      if (i === 0 || step === 0) this.set(iccid, state);
      else timers.push(this.clock.setTimer(i * step, () => this.set(iccid, state)));
    });
    this.#attempts.set(iccid, timers);
  }

  /** The profile was disabled or removed: the modem leaves the network for it. */
  deregister(iccid: string): void {
    this.#cancelAttempt(iccid);
    if (this.state(iccid) !== "none") this.set(iccid, "deregistered");
  }

  /** A scripted transition now (e.g. the network denies the ICCID, or the PC starts roaming). */
  set(iccid: string, to: RegistrationState): void {
    if (!REGISTRATION_STATES.includes(to)) throw new RangeError(`unknown registration state ${String(to)}`);
    const from = this.state(iccid);
    if (from === to) return;
    this.#states.set(iccid, to);
    const change = { iccid, from, to, at: this.clock.now() };
    for (const l of this.#listeners) l(change);
  }

  #cancelAttempt(iccid: string): void {
    for (const t of this.#attempts.get(iccid) ?? []) t.cancel();
    this.#attempts.delete(iccid);
  }
}
