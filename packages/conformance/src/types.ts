import type { DpaTokenSigner } from "./tokens.js";

/** A clock in epoch milliseconds (injected in tests; default `Date.now`). */
export type Clock = () => number;

/** A user and a plan, for the checks that need a user in a given state (`msisdn:planId` on the command line). */
export interface UserPlan {
  msisdn: string;
  planId: string;
}

/**
 * Which suite runs. `default` checks the DPA against the contract as published. `strict` adds checks for fields the
 * Data Plan Agent API guide marks required although the contract (following Google's current API reference) leaves
 * them optional: `Plan.expirationTime`, `PlanOffer.languageCode` and every offer's `languageCode`.
 */
export type Profile = "default" | "strict";

export const PROFILES: readonly Profile[] = ["default", "strict"];

/**
 * What the runner needs to provoke state-dependent cases. Every field but `dpaUrl` is optional: a check whose input
 * is missing is reported as `skip` with the flag that would enable it.
 */
export interface ConformanceOptions {
  /** The DPA's base URL. */
  dpaUrl: string;
  /** A bearer token the DPA accepts (from the operator's OAuth server). Without it, tokens are minted with `signer`. */
  token?: string;
  /**
   * A key the DPA trusts (e.g. the operator's test issuer), used to mint valid tokens when no `token` is given and
   * the wrong-audience and expired tokens of the auth checks. Without it (or `keyFile`), those two checks are skipped.
   */
  signer?: DpaTokenSigner;
  /** A private JWK file to build `signer` from. */
  keyFile?: string;
  /** The `iss` of minted tokens (default `signer.issuer`, else https://gtaf.carrierkit.local). */
  tokenIssuer?: string;
  /** The `aud` of minted tokens (default `signer.dpaAudience`, else carrierkit-dpa). */
  tokenAudience?: string;
  /** `default` (the contract as published) or `strict` (also the guide's required fields); default `default`. */
  profile?: Profile;
  /** An existing user the DPA serves (not roaming with queries disabled). */
  msisdn?: string;
  /** A valid CPID of an existing user. */
  cpid?: string;
  /** A CPID that has expired. */
  expiredCpid?: string;
  /** A user who is roaming with DPA queries disabled. */
  roamingMsisdn?: string;
  /** A user who has not opted in to sharing plan information (registration answers 403). */
  optedOutMsisdn?: string;
  /** A user who may be registered (opted in, not roaming). */
  registerMsisdn?: string;
  /** A user and a plan they can buy now, executed at once (the check spends their balance). */
  purchase?: UserPlan;
  /** A user and a plan their balance does not cover (402). */
  insufficientBalance?: UserPlan;
  /** A user and a plan incompatible with their current plans (409). */
  incompatible?: UserPlan;
  /** A user and a plan the DPA queues (its result is POSTed to callbackUrl). */
  queued?: UserPlan;
  /** An MSISDN that does not exist at the DPA (default 100000000000). */
  unknownMsisdn?: string;
  /** Host the DPA can reach the runner's callback receiver on (default 127.0.0.1) and its port (default 0). */
  callbackHost?: string;
  callbackPort?: number;
  /** How long to wait for the queued purchase's callback (default 30 s). */
  callbackTimeoutMs?: number;
  /** Send this many dpaStatus requests at once to provoke a 429 (default: do not). */
  flood?: number;
  /** Tolerated clock difference between the runner and the DPA (default 120 s). */
  clockSkewMs?: number;
  /** Only run these checks: exact names, or prefixes ending in a dot (`purchase.`). Each must match a check. */
  only?: string[];
  /** The runner's notion of now (injected in tests; default Date.now). */
  clock?: Clock;
  fetch?: typeof fetch;
  onProgress?: (result: CheckResult, index: number, total: number) => void;
}

export type CheckStatus = "pass" | "fail" | "skip";

/** One request the runner made and the answer it got. */
export interface RecordedCall {
  method: string;
  url: string;
  status?: number;
  error?: string;
  requestBody?: unknown;
  responseBody?: unknown;
  violations: string[];
}

export interface CheckResult {
  name: string;
  title: string;
  status: CheckStatus;
  /** Why it failed or was skipped (every problem found, in order). */
  reasons: string[];
  durationMs: number;
  calls: RecordedCall[];
}

export interface ConformanceReport {
  dpaUrl: string;
  profile: Profile;
  startedAt: string;
  finishedAt: string;
  summary: { pass: number; fail: number; skip: number; total: number };
  results: CheckResult[];
}

/**
 * The runner could not start: bad options (an `--only` pattern that matches no check, an unknown profile, a key
 * file that cannot be read). The CLI turns it into exit status 2.
 */
export class ConformanceUsageError extends Error {
  override readonly name = "ConformanceUsageError";
}
