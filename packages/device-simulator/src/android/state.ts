// The device's persisted state: what survives a restart of the simulator (AOSP keeps the same in SharedPreferences:
// notification counters, throttle and network-setup deadlines), the USIM's SQN array, and named sections other parts
// of the device store (e.g. the UE policy store's received policies).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A back-off in force for one capability. */
export interface ThrottleRecord {
  /** Epoch ms when requests are allowed again. */
  until: number;
  kind: "notification" | "purchase-condition";
  /** The result that started it. */
  after: string;
}

export interface DeviceStateData {
  version: 1;
  /** Notifications shown in the current counting day/month (`dayKey` "YYYY-MM-DD", `monthKey` "YYYY-MM"). */
  notifications: { dayKey: string; daily: number; monthKey: string; monthly: number };
  /** Back-offs by capability number. */
  throttles: Record<string, ThrottleRecord>;
  /** Capabilities bought and waiting for the network's slicing configuration, until when. */
  pendingSetup: Record<string, { since: number; until: number }>;
  /** When each capability last became active, and on which PLMN (the URSP rule that did it). */
  activations: Record<string, { at: number; plmn: string; precedence: number }>;
  /** The USIM's SQN state (decimal strings). */
  usim?: { sqnMs: string; seqArray: string[] };
  /** State of other components, by name (JSON values). */
  sections: Record<string, unknown>;
}

export function emptyDeviceState(): DeviceStateData {
  return {
    version: 1,
    notifications: { dayKey: "", daily: 0, monthKey: "", monthly: 0 },
    throttles: {},
    pendingSetup: {},
    activations: {},
    sections: {},
  };
}

/** Where the device keeps its state. */
export interface DeviceStateStore {
  load(): DeviceStateData;
  save(state: DeviceStateData): void;
}

export class DeviceStateError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`device state ${path}: ${reason}`);
    this.name = "DeviceStateError";
  }
}

/** In memory only (gone with the process). */
export class MemoryDeviceState implements DeviceStateStore {
  #data = JSON.stringify(emptyDeviceState());
  load(): DeviceStateData {
    return JSON.parse(this.#data) as DeviceStateData;
  }
  save(state: DeviceStateData): void {
    this.#data = JSON.stringify(state);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks a parsed state file; a wrong shape is a {@link DeviceStateError}, never a half-read state. */
export function validateDeviceState(raw: unknown, path = "(state)"): DeviceStateData {
  const fail = (why: string): never => {
    throw new DeviceStateError(path, why);
  };
  if (!isRecord(raw) || raw.version !== 1) return fail("not a version 1 device state");
  const n = raw.notifications;
  if (
    !isRecord(n) ||
    typeof n.dayKey !== "string" ||
    typeof n.monthKey !== "string" ||
    !Number.isSafeInteger(n.daily) ||
    !Number.isSafeInteger(n.monthly)
  )
    fail("notifications must have dayKey, monthKey, daily and monthly");
  for (const key of ["throttles", "pendingSetup", "activations", "sections"] as const)
    if (!isRecord(raw[key])) fail(`${key} must be an object`);
  for (const [cap, t] of Object.entries(raw.throttles as Record<string, unknown>))
    if (!isRecord(t) || !Number.isFinite(t.until) || (t.kind !== "notification" && t.kind !== "purchase-condition"))
      fail(`throttles.${cap} is malformed`);
  for (const [cap, p] of Object.entries(raw.pendingSetup as Record<string, unknown>))
    if (!isRecord(p) || !Number.isFinite(p.until) || !Number.isFinite(p.since))
      fail(`pendingSetup.${cap} is malformed`);
  if (raw.usim !== undefined) {
    const u = raw.usim;
    if (
      !isRecord(u) ||
      typeof u.sqnMs !== "string" ||
      !Array.isArray(u.seqArray) ||
      !u.seqArray.every((x) => typeof x === "string" && /^\d+$/.test(x))
    )
      fail("usim must have sqnMs and seqArray as decimal strings");
  }
  return raw as unknown as DeviceStateData;
}

/**
 * A JSON file, rewritten whole on every change (written to `<path>.tmp`, then renamed over the file, so a crash
 * leaves the old or the new state, never a torn one). A missing file is an empty state.
 */
export class JsonFileDeviceState implements DeviceStateStore {
  constructor(readonly path: string) {}

  load(): DeviceStateData {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyDeviceState();
      throw new DeviceStateError(this.path, (err as Error).message);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DeviceStateError(this.path, "not JSON");
    }
    return validateDeviceState(raw, this.path);
  }

  save(state: DeviceStateData): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(tmp, this.path);
  }
}
