import type { Check } from "../harness.js";
import { ConformanceUsageError, PROFILES, type Profile } from "../types.js";
import { authChecks } from "./auth.js";
import { cacheChecks } from "./cache.js";
import { callbackChecks } from "./callback.js";
import { consentChecks } from "./consent.js";
import { dpaStatusChecks } from "./dpa-status.js";
import { eligibilityChecks } from "./eligibility.js";
import { i18nChecks } from "./i18n.js";
import { planOfferChecks } from "./plan-offer.js";
import { planStatusChecks } from "./plan-status.js";
import { purchaseChecks } from "./purchase.js";
import { rateLimitChecks } from "./rate-limit.js";
import { registerChecks } from "./register.js";
import { strictChecks } from "./strict.js";

export type { Check } from "../harness.js";
export { strictChecks };

const readOnly: Check[] = [
  ...authChecks,
  ...dpaStatusChecks,
  ...planStatusChecks,
  ...planOfferChecks,
  ...i18nChecks,
  ...cacheChecks,
];
const changingState: Check[] = [
  ...eligibilityChecks,
  ...consentChecks,
  ...purchaseChecks,
  ...callbackChecks,
  ...registerChecks,
  ...rateLimitChecks,
];

/** The default suite, in the order it runs: read-only checks first, then those that change the DPA's state. */
export const checks: Check[] = [...readOnly, ...changingState];

/** The suite of a profile, in the order it runs (`strict` adds its checks after the read-only ones). */
export function suite(profile: Profile = "default"): Check[] {
  if (!PROFILES.includes(profile))
    throw new ConformanceUsageError(`unknown profile '${profile}' (profiles: ${PROFILES.join(", ")})`);
  return profile === "strict" ? [...readOnly, ...strictChecks, ...changingState] : checks;
}

const matches = (pattern: string, name: string) =>
  name === pattern || (pattern.endsWith(".") && name.startsWith(pattern));

/**
 * The checks of `profile` that `only` selects (exact names, or prefixes ending in a dot); all of them without `only`.
 * A pattern that selects nothing is a `ConformanceUsageError` listing the valid names.
 */
export function selectChecks(profile: Profile = "default", only?: readonly string[]): Check[] {
  const all = suite(profile);
  if (!only) return all;
  const patterns = only.map((o) => o.trim()).filter(Boolean);
  const unmatched = patterns.filter((o) => !all.some((k) => matches(o, k.name)));
  if (patterns.length === 0 || unmatched.length > 0) {
    const strictOnly = unmatched.filter((o) => strictChecks.some((k) => matches(o, k.name)));
    throw new ConformanceUsageError(
      [
        patterns.length === 0
          ? "--only names no check"
          : `--only ${unmatched.map((o) => `'${o}'`).join(", ")} matches no check of the ${profile} profile`,
        ...(strictOnly.length > 0 && profile !== "strict" ? ["(strict.* checks run with --profile strict)"] : []),
        `valid names: ${all.map((k) => k.name).join(", ")}`,
        `prefixes: ${[...new Set(all.map((k) => `${k.name.split(".")[0]}.`))].join(", ")}`,
      ].join("\n"),
    );
  }
  return all.filter((k) => patterns.some((o) => matches(o, k.name)));
}
