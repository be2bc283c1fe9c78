// The preferential network service of DevicePolicyManager (Android 12+) as the DPC sees it, with AOSP's checks:
// setPreferentialNetworkServiceEnabled (API 31: profile owner of a managed profile; API 33+: also the device owner),
// setPreferentialNetworkServiceConfigs (API 33) with PreferentialNetworkServiceConfig.Builder's validation,
// shouldBlockNonMatchingNetworks (API 34), and ConnectivityService.setProfileNetworkPreferences' uid checks.
// Off by default: a new work profile routes nothing to an enterprise slice until its DPC enables it.
import { ConnectivityError } from "./errors.js";

/** android.app.admin.PreferentialNetworkServiceConfig. */
export interface PreferentialNetworkServiceConfig {
  enabled: boolean;
  /** PREFERENTIAL_NETWORK_ID_1..5 = NET_ENTERPRISE_ID_1..5 (ENTERPRISE…ENTERPRISE5). */
  networkId: number;
  /** Default true: fall back to the device-wide default network when the enterprise slice is unavailable. */
  fallbackToDefaultConnectionAllowed?: boolean;
  /** Android 14+: the uids may use no other network (cannot be combined with fallback). */
  shouldBlockNonMatchingNetworks?: boolean;
  /** Only these uids (of the profile); empty: every app of the profile. */
  includedUids?: number[];
  /** Every app of the profile but these; cannot be combined with includedUids. */
  excludedUids?: number[];
}

/** PreferentialNetworkServiceConfig.DEFAULT, what a profile has until its DPC changes it. */
export const PREFERENTIAL_NETWORK_SERVICE_DEFAULT: Readonly<Required<PreferentialNetworkServiceConfig>> = {
  enabled: false,
  networkId: 0,
  fallbackToDefaultConnectionAllowed: true,
  shouldBlockNonMatchingNetworks: false,
  includedUids: [],
  excludedUids: [],
};

/** What `setPreferentialNetworkServiceEnabled(true)` stores: enterprise network 1, fallback allowed. */
export const PREFERENTIAL_NETWORK_SERVICE_ENABLED: Readonly<Required<PreferentialNetworkServiceConfig>> = {
  ...PREFERENTIAL_NETWORK_SERVICE_DEFAULT,
  enabled: true,
  networkId: 1,
};

/** Android user ids: 0 the primary user, 10 the work (managed) profile. */
export const PRIMARY_USER = 0;
export const WORK_PROFILE_USER = 10;
/** UserHandle.PER_USER_RANGE: uid = userId × 100000 + appId. */
export const PER_USER_RANGE = 100_000;

/** Who the DPC is, for a call: its package name and the user it runs in. */
export interface DpcCaller {
  packageName: string;
  userId: number;
}

function validateConfig(
  c: PreferentialNetworkServiceConfig,
  androidVersion: number,
  userId: number,
): Required<PreferentialNetworkServiceConfig> {
  if (typeof c !== "object" || c === null || Array.isArray(c))
    throw new ConnectivityError("INVALID_ARGUMENT", "a PreferentialNetworkServiceConfig must be an object");
  const full = { ...PREFERENTIAL_NETWORK_SERVICE_DEFAULT, ...c };
  if (typeof full.enabled !== "boolean") throw new ConnectivityError("INVALID_ARGUMENT", "enabled must be a boolean");
  for (const flag of ["fallbackToDefaultConnectionAllowed", "shouldBlockNonMatchingNetworks"] as const)
    if (typeof full[flag] !== "boolean") throw new ConnectivityError("INVALID_ARGUMENT", `${flag} must be a boolean`);
  if (!Array.isArray(full.includedUids) || !Array.isArray(full.excludedUids))
    throw new ConnectivityError("INVALID_ARGUMENT", "includedUids and excludedUids must be lists of uids");
  if (full.enabled && (!Number.isInteger(full.networkId) || full.networkId < 1 || full.networkId > 5))
    throw new ConnectivityError(
      "INVALID_ARGUMENT",
      `Invalid preference identifier ${full.networkId} (PREFERENTIAL_NETWORK_ID_1..5)`,
    );
  if (full.includedUids.length > 0 && full.excludedUids.length > 0)
    throw new ConnectivityError("ILLEGAL_STATE", "Both includedUids and excludedUids cannot be nonempty");
  if (full.shouldBlockNonMatchingNetworks && androidVersion < 14)
    throw new ConnectivityError("API_NOT_AVAILABLE", "shouldBlockNonMatchingNetworks needs Android 14 (API 34)");
  if (full.shouldBlockNonMatchingNetworks && full.fallbackToDefaultConnectionAllowed)
    throw new ConnectivityError("ILLEGAL_STATE", "A config cannot both allow fallback and block non-matching networks");
  for (const uid of [...full.includedUids, ...full.excludedUids])
    if (!Number.isInteger(uid) || Math.floor(uid / PER_USER_RANGE) !== userId)
      throw new ConnectivityError("INVALID_ARGUMENT", `uid ${uid} is outside the uid range of user ${userId}`);
  return { ...full, includedUids: [...full.includedUids], excludedUids: [...full.excludedUids] };
}

/** Does an enabled config apply to `uid` (of its user)? */
export function configCovers(c: Required<PreferentialNetworkServiceConfig>, uid: number): boolean {
  if (!c.enabled) return false;
  if (c.includedUids.length > 0) return c.includedUids.includes(uid);
  return !c.excludedUids.includes(uid);
}

/**
 * Owners and preferential network service configs per user. The connectivity service reads `configFor(uid)` and is
 * told of every change through `onChange` (ConnectivityService rematches all requests).
 */
export class DevicePolicyState {
  #profileOwners = new Map<number, string>();
  #deviceOwner?: string;
  #configs = new Map<number, Required<PreferentialNetworkServiceConfig>[]>();
  #listeners = new Set<(userId: number) => void>();

  constructor(readonly androidVersion: number) {}

  setProfileOwner(userId: number, packageName: string): void {
    this.#profileOwners.set(userId, packageName);
  }

  setDeviceOwner(packageName: string): void {
    this.#deviceOwner = packageName;
  }

  get deviceOwner(): string | undefined {
    return this.#deviceOwner;
  }

  profileOwner(userId: number): string | undefined {
    return this.#profileOwners.get(userId);
  }

  /** The user a caller may configure, or a SecurityException as DevicePolicyManagerService throws it. */
  #targetUser(caller: DpcCaller, method: string): number {
    const isProfileOwnerOfManagedProfile =
      caller.userId !== PRIMARY_USER && this.#profileOwners.get(caller.userId) === caller.packageName;
    if (isProfileOwnerOfManagedProfile) return caller.userId;
    const isDeviceOwner = caller.userId === PRIMARY_USER && this.#deviceOwner === caller.packageName;
    if (isDeviceOwner && this.androidVersion >= 13) return PRIMARY_USER;
    throw new ConnectivityError(
      "SECURITY_EXCEPTION",
      this.androidVersion >= 13
        ? `${method}: ${caller.packageName} (user ${caller.userId}) is neither the profile owner of a managed profile nor the device owner`
        : `${method}: ${caller.packageName} (user ${caller.userId}) is not the profile owner of a managed profile${isDeviceOwner ? " (device owners may call it from Android 13)" : ""}`,
    );
  }

  setPreferentialNetworkServiceEnabled(caller: DpcCaller, enabled: boolean): void {
    if (this.androidVersion < 12)
      throw new ConnectivityError(
        "API_NOT_AVAILABLE",
        "setPreferentialNetworkServiceEnabled needs Android 12 (API 31)",
      );
    if (typeof enabled !== "boolean") throw new ConnectivityError("INVALID_ARGUMENT", "enabled must be a boolean");
    const userId = this.#targetUser(caller, "setPreferentialNetworkServiceEnabled");
    this.#store(userId, [
      enabled ? { ...PREFERENTIAL_NETWORK_SERVICE_ENABLED } : { ...PREFERENTIAL_NETWORK_SERVICE_DEFAULT },
    ]);
  }

  isPreferentialNetworkServiceEnabled(caller: DpcCaller): boolean {
    const userId = this.#targetUser(caller, "isPreferentialNetworkServiceEnabled");
    return (this.#configs.get(userId) ?? []).some((c) => c.enabled);
  }

  setPreferentialNetworkServiceConfigs(caller: DpcCaller, configs: PreferentialNetworkServiceConfig[]): void {
    if (this.androidVersion < 13)
      throw new ConnectivityError(
        "API_NOT_AVAILABLE",
        "setPreferentialNetworkServiceConfigs needs Android 13 (API 33)",
      );
    const userId = this.#targetUser(caller, "setPreferentialNetworkServiceConfigs");
    if (!Array.isArray(configs)) throw new ConnectivityError("INVALID_ARGUMENT", "configs must be a list");
    const valid = configs.map((c) => validateConfig(c, this.androidVersion, userId));
    const enabled = valid.filter((c) => c.enabled);
    for (let i = 0; i < enabled.length; i++)
      for (let j = i + 1; j < enabled.length; j++)
        if (
          overlaps(
            enabled[i] as Required<PreferentialNetworkServiceConfig>,
            enabled[j] as Required<PreferentialNetworkServiceConfig>,
          )
        )
          throw new ConnectivityError("INVALID_ARGUMENT", "Overlapping uid range in setProfileNetworkPreferences");
    this.#store(userId, valid.length ? valid : [{ ...PREFERENTIAL_NETWORK_SERVICE_DEFAULT }]);
  }

  getPreferentialNetworkServiceConfigs(caller: DpcCaller): Required<PreferentialNetworkServiceConfig>[] {
    if (this.androidVersion < 13)
      throw new ConnectivityError(
        "API_NOT_AVAILABLE",
        "getPreferentialNetworkServiceConfigs needs Android 13 (API 33)",
      );
    const userId = this.#targetUser(caller, "getPreferentialNetworkServiceConfigs");
    return structuredClone(this.#configs.get(userId) ?? [{ ...PREFERENTIAL_NETWORK_SERVICE_DEFAULT }]);
  }

  /** The enabled config that applies to `uid`, if any. */
  configFor(uid: number): Required<PreferentialNetworkServiceConfig> | undefined {
    const userId = Math.floor(uid / PER_USER_RANGE);
    return (this.#configs.get(userId) ?? []).find((c) => configCovers(c, uid));
  }

  onChange(listener: (userId: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #store(userId: number, configs: Required<PreferentialNetworkServiceConfig>[]): void {
    this.#configs.set(userId, configs);
    for (const l of [...this.#listeners]) l(userId);
  }
}

function overlaps(
  a: Required<PreferentialNetworkServiceConfig>,
  b: Required<PreferentialNetworkServiceConfig>,
): boolean {
  // An empty includedUids list stands for the whole profile (minus excludedUids), which overlaps any other set
  // unless the other config includes only uids this one excludes.
  if (a.includedUids.length > 0 && b.includedUids.length > 0)
    return a.includedUids.some((u) => b.includedUids.includes(u));
  if (a.includedUids.length > 0) return a.includedUids.some((u) => !b.excludedUids.includes(u));
  if (b.includedUids.length > 0) return b.includedUids.some((u) => !a.excludedUids.includes(u));
  return true;
}
