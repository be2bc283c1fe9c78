// The SM-DP+'s inventory: profiles by ICCID (and matching id) in SGP.22's SM-DP+ profile states, the registered eUICC
// keys, kept in memory and, optionally, in a JSON state file written atomically (temporary file + rename).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ProfileClass } from "@carrierkit/es2plus";

export type Rat = "GSM" | "UMTS" | "LTE" | "NR";

/** SGP.22's profile states on the SM-DP+ (§5.3). */
export type SmdpProfileState =
  | "Available"
  | "Allocated"
  | "Linked"
  | "Confirmed"
  | "Released"
  | "Downloaded"
  | "Installed"
  | "Error"
  | "Unavailable";

/** What the operator's inventory gives the SM-DP+ for one profile (before any order). */
export interface ProfileSeed {
  iccid: string;
  profileName?: string;
  serviceProviderName?: string;
  profileClass?: ProfileClass;
  profileType?: string;
  /** The device must support at least one of these radio access technologies (e.g. ["LTE", "NR"]). */
  requiredRats?: Rat[];
  /** Profile policy rules in the metadata (SGP.22 §2.9). */
  pprIds?: ("ppr1" | "ppr2")[];
  /** The delayed flow: a Confirmed profile becomes Released at this time (epoch ms) by itself. */
  releaseAt?: number;
}

export interface SmdpProfile extends Required<Omit<ProfileSeed, "releaseAt" | "profileType">> {
  profileType?: string;
  releaseAt?: number;
  state: SmdpProfileState;
  eid?: string;
  matchingId?: string;
  /** SHA-256 of the confirmation code, hex; the code itself is never kept. */
  ccDigest?: string;
  ccAttempts: number;
  downloadAttempts: number;
}

interface StateDocument {
  version: 1;
  profiles: SmdpProfile[];
  euiccKeys: Record<string, string>;
}

export class SmdpStore {
  readonly #profiles = new Map<string, SmdpProfile>();
  readonly #euiccKeys = new Map<string, string>();
  readonly #file: string | undefined;

  constructor(stateFile?: string) {
    this.#file = stateFile;
    if (stateFile && existsSync(stateFile)) {
      const doc = JSON.parse(readFileSync(stateFile, "utf8")) as StateDocument;
      if (doc.version !== 1 || !Array.isArray(doc.profiles))
        throw new Error(`${stateFile} is not an SM-DP+ state file of version 1`);
      for (const p of doc.profiles) this.#profiles.set(p.iccid, p);
      for (const [eid, key] of Object.entries(doc.euiccKeys ?? {})) this.#euiccKeys.set(eid, key);
    }
  }

  add(seed: ProfileSeed): SmdpProfile {
    if (!/^[0-9]{18,20}$/.test(seed.iccid)) throw new RangeError(`ICCID ${seed.iccid} is not 18 to 20 digits`);
    if (this.#profiles.has(seed.iccid)) throw new Error(`profile ${seed.iccid} exists`);
    const profile: SmdpProfile = {
      iccid: seed.iccid,
      profileName: seed.profileName ?? `Profile ${seed.iccid.slice(-4)}`,
      serviceProviderName: seed.serviceProviderName ?? "carrierkit",
      profileClass: seed.profileClass ?? "operational",
      ...(seed.profileType ? { profileType: seed.profileType } : {}),
      requiredRats: seed.requiredRats ?? [],
      pprIds: seed.pprIds ?? [],
      ...(seed.releaseAt !== undefined ? { releaseAt: seed.releaseAt } : {}),
      state: "Available",
      ccAttempts: 0,
      downloadAttempts: 0,
    };
    this.#profiles.set(profile.iccid, profile);
    this.save();
    return profile;
  }

  get(iccid: string): SmdpProfile | undefined {
    return this.#profiles.get(iccid);
  }

  byMatchingId(matchingId: string): SmdpProfile | undefined {
    for (const p of this.#profiles.values()) if (p.matchingId === matchingId) return p;
    return undefined;
  }

  all(): SmdpProfile[] {
    return [...this.#profiles.values()];
  }

  euiccKey(eid: string): string | undefined {
    return this.#euiccKeys.get(eid);
  }

  registerEuicc(eid: string, publicKey: string): void {
    this.#euiccKeys.set(eid, publicKey);
    this.save();
  }

  /** Writes the state file (temporary file, then rename: a crash never leaves a half-written file). */
  save(): void {
    if (!this.#file) return;
    const doc: StateDocument = {
      version: 1,
      profiles: this.all(),
      euiccKeys: Object.fromEntries(this.#euiccKeys),
    };
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    renameSync(tmp, this.#file);
  }
}
