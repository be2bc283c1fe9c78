// The PC's eUICC: EID, installed profiles (one enabled), capacity, its P-256 key, the profile policy rules it allows
// (its Rules Authorisation Table), test mode, the SM-DP+ keys it trusts, and scriptable card faults.
import { type DeviceClock, systemDeviceClock } from "../clock.js";
import { generateP256KeyPair, type P256KeyPair, signStructure } from "../smdp/crypto.js";
import type { ActivationErrorMember } from "./activation.js";

export interface InstalledProfile {
  iccid: string;
  smdpAddress: string;
  profileName: string;
  serviceProviderName: string;
  profileClass: "test" | "provisioning" | "operational";
  enabled: boolean;
  /** Profile policy rules of the profile (ppr1: disabling not allowed, ppr2: deletion not allowed). */
  pprIds?: ("ppr1" | "ppr2")[];
}

/** Card and device faults a test switches on; each makes the next operations fail with its member. */
export interface CardFaults {
  /** The card is gone → cardRemoved. */
  removed?: boolean;
  /** The card is busy with another operation → cardBusy. */
  busy?: boolean;
  /** The card answers with an error status → cardGeneralFailure. */
  generalFailure?: boolean;
  /** The PC has no (working) modem → modemNotFound. */
  modemMissing?: boolean;
  /** The LPA cannot read its local settings → localSettingsAccessFailed. */
  settingsUnavailable?: boolean;
  /** The card reports no free memory whatever it holds → insufficientSpaceOnCard. */
  full?: boolean;
}

export interface EuiccOptions {
  eid: string;
  /** Profiles the card can hold (default 8). */
  capacity?: number;
  clock?: DeviceClock;
  /** Profiles already on the card. */
  installed?: InstalledProfile[];
  /** Profile policy rules the card's Rules Authorisation Table allows in a new profile (default none). */
  allowedPprs?: ("ppr1" | "ppr2")[];
  /** Test mode: test profiles may be installed and enabled (default false). */
  testMode?: boolean;
  /** SM-DP+ public keys (base64 SPKI) the card trusts; default: any that signs consistently (no CI chain). */
  trustedSmdpKeys?: string[];
}

const ICCID = /^[0-9]{18,20}$/;

export class Euicc {
  readonly eid: string;
  readonly capacity: number;
  readonly clock: DeviceClock;
  readonly allowedPprs: readonly ("ppr1" | "ppr2")[];
  readonly testMode: boolean;
  readonly trustedSmdpKeys: readonly string[] | undefined;
  faults: CardFaults = {};
  readonly #keys: P256KeyPair = generateP256KeyPair();
  readonly #profiles: InstalledProfile[];
  #seq = 0;

  constructor(options: EuiccOptions) {
    if (!/^[0-9]{32}$/.test(options.eid)) throw new RangeError(`EID ${options.eid} is not 32 digits`);
    this.eid = options.eid;
    this.capacity = options.capacity ?? 8;
    this.clock = options.clock ?? systemDeviceClock;
    this.allowedPprs = options.allowedPprs ?? [];
    this.testMode = options.testMode ?? false;
    this.trustedSmdpKeys = options.trustedSmdpKeys;
    this.#profiles = (options.installed ?? []).map((p) => ({ ...p }));
    if (this.#profiles.filter((p) => p.enabled).length > 1) throw new RangeError("more than one enabled profile");
  }

  /** The card's public key (base64 DER SubjectPublicKeyInfo), as the SM-DP+ registers it. */
  get publicKey(): string {
    return this.#keys.publicKey;
  }

  profiles(): readonly InstalledProfile[] {
    return this.#profiles.map((p) => ({ ...p }));
  }

  enabledProfile(): InstalledProfile | undefined {
    const p = this.#profiles.find((x) => x.enabled);
    return p ? { ...p } : undefined;
  }

  /** The member a card fault stands for, if one is on. */
  faultResult(): ActivationErrorMember | undefined {
    if (this.faults.removed) return "cardRemoved";
    if (this.faults.busy) return "cardBusy";
    if (this.faults.generalFailure) return "cardGeneralFailure";
    return undefined;
  }

  /** Signs a structure with the card's key (ECDSA P-256, see specs/es2plus). */
  sign(value: unknown): string {
    return signStructure(this.#keys.privateKey, value);
  }

  /** The next notification sequence number (SGP.22 seqNumber). */
  nextSequenceNumber(): number {
    return ++this.#seq;
  }

  /** Switch the enabled profile (SGP.22 EnableProfile); profileNotPresent when the ICCID is not installed. */
  enable(iccid: string): { result: ActivationErrorMember } {
    const fault = this.faultResult();
    if (fault) return { result: fault };
    if (typeof iccid !== "string" || !ICCID.test(iccid.replace(/F$/i, ""))) return { result: "invalidIccid" };
    const target = this.#profiles.find((p) => p.iccid === iccid.replace(/F$/i, ""));
    if (!target) return { result: "profileNotPresent" };
    if (target.enabled) return { result: "success" };
    if (target.profileClass === "test" && !this.testMode) return { result: "operationProhibitedByProfileClass" };
    const current = this.#profiles.find((p) => p.enabled);
    // PPR1 (SGP.22 §2.9.1): the enabled profile may not be disabled, so no other profile can be enabled.
    if (current?.pprIds?.includes("ppr1")) return { result: "policyViolation" };
    if (current) current.enabled = false;
    target.enabled = true;
    return { result: "success" };
  }

  /**
   * Installs a profile from a verified bound profile package (ES8+ LoadBoundProfilePackage, stand-in). Returns the
   * install failure reason, or undefined when installed.
   */
  install(profile: Omit<InstalledProfile, "enabled">): "iccidAlreadyExists" | "insufficientMemory" | undefined {
    if (this.#profiles.some((p) => p.iccid === profile.iccid)) return "iccidAlreadyExists";
    if (this.full) return "insufficientMemory";
    this.#profiles.push({ ...profile, enabled: false });
    return undefined;
  }

  /** True when no more profiles fit. */
  get full(): boolean {
    return this.faults.full === true || this.#profiles.length >= this.capacity;
  }
}
