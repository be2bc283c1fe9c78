import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { normalizeDpaError } from "@carrierkit/dpa";
import { DpaContract } from "./dpa-validator.js";
import { type Clock, createSigner, type GtafSigner } from "./keys.js";

/** A user and a plan, for the checks that need a user in a given state (`msisdn:planId` on the command line). */
export interface UserPlan {
  msisdn: string;
  planId: string;
}

/**
 * What the runner needs to provoke state-dependent cases. Every field is optional: a check whose input is missing is
 * reported as `skip` with the flag that would enable it.
 */
export interface ConformanceOptions {
  /** The DPA's base URL (DPA_URL). */
  dpaUrl: string;
  /** A bearer token the DPA accepts (from the operator's OAuth server). Without it, tokens are minted with `signer`. */
  token?: string;
  /** GTAF's signing key, trusted by the DPA (the mock's key file); also used to mint the bad tokens of the auth checks. */
  signer?: GtafSigner;
  keyFile?: string;
  tokenIssuer?: string;
  tokenAudience?: string;
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
  /** Only run these checks (names or prefixes like `purchase.`). */
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
  startedAt: string;
  finishedAt: string;
  summary: { pass: number; fail: number; skip: number; total: number };
  results: CheckResult[];
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
  violations: string[];
}

class Skip extends Error {}

/** What a check gets: calls to the DPA that record and validate, and assertions that collect problems. */
class CheckContext {
  readonly calls: RecordedCall[] = [];
  readonly problems: string[] = [];

  constructor(
    readonly runner: Runner,
    readonly options: ConformanceOptions,
  ) {}

  receiver(): Promise<CallbackReceiver> {
    return this.runner.receiver();
  }

  skip(reason: string): never {
    throw new Skip(reason);
  }

  need<T>(value: T | undefined, flag: string, state: string): T {
    if (value === undefined || value === "") this.skip(`needs ${flag} (${state})`);
    return value as T;
  }

  fail(problem: string): void {
    this.problems.push(problem);
  }

  now(): number {
    return this.runner.clock();
  }

  async token(kind: "valid" | "foreign" | "audience" | "expired" = "valid"): Promise<string> {
    return this.runner.tokenOf(kind);
  }

  /** Calls the DPA (operationId for validation); `auth: false` omits the token, a string replaces it. */
  async call(
    operationId: string,
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: unknown; rawBody?: string; auth?: boolean | string } = {},
  ): Promise<Answer> {
    const url = `${this.runner.baseUrl}${path}`;
    const headers: Record<string, string> = { "Cache-Control": "no-cache", ...init.headers };
    if (init.auth !== false)
      headers.Authorization = `Bearer ${typeof init.auth === "string" ? init.auth : await this.token()}`;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["Content-Type"] ??= "application/json";
    }
    const call: RecordedCall = {
      method,
      url,
      ...(init.body !== undefined
        ? { requestBody: init.body }
        : init.rawBody !== undefined
          ? { requestBody: init.rawBody }
          : {}),
      violations: [],
    };
    this.calls.push(call);
    let res: Response;
    try {
      res = await this.runner.fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      call.error = (err as Error).name === "TimeoutError" ? "timeout" : (err as Error).message;
      this.fail(`${method} ${path}: no answer (${call.error})`);
      throw new Skip("__aborted__");
    }
    const text = await res.text();
    let parsed: unknown = text === "" ? undefined : text;
    try {
      if (text !== "") parsed = JSON.parse(text);
    } catch {
      // not JSON: validation reports it
    }
    call.status = res.status;
    call.responseBody = parsed;
    const { violations } = this.runner.contract.check(operationId, res.status, parsed, res.headers);
    call.violations = violations;
    for (const v of violations) this.fail(v);
    return { status: res.status, body: parsed, headers: res.headers, violations };
  }

  expectStatus(a: Answer, expected: number | number[], what: string): boolean {
    const ok = Array.isArray(expected) ? expected.includes(a.status) : a.status === expected;
    if (!ok)
      this.fail(`${what}: expected ${Array.isArray(expected) ? expected.join(" or ") : expected}, got ${a.status}`);
    return ok;
  }

  expectCause(a: Answer, causes: string | string[], what: string): void {
    const cause = normalizeDpaError(a.body)?.cause;
    const list = Array.isArray(causes) ? causes : [causes];
    if (!cause || !list.includes(cause))
      this.fail(`${what}: expected cause ${list.join(" or ")}, got ${cause ?? "none"}`);
  }

  expectFuture(ts: string | undefined, what: string): void {
    if (ts === undefined) return;
    const t = Date.parse(ts);
    if (Number.isNaN(t) || t <= this.now()) this.fail(`${what} ${ts} is not in the future`);
  }
}

interface Check {
  name: string;
  title: string;
  run(c: CheckContext): Promise<void>;
}

const enc = encodeURIComponent;
const userPath = (key: string, op: string, query: Record<string, string | undefined>) =>
  `/${enc(key)}/${op}?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined))}`;
const msisdnQuery = (clientId = "mobiledataplan") => ({ key_type: "MSISDN", client_id: clientId });
const DAY = 24 * 3600 * 1000;

type PlanStatusBody = { languageCode?: string; expireTime?: string; updateTime?: string };

/** The suite, in the order it runs: read-only checks first, then those that change the DPA's state. */
export const checks: Check[] = [
  {
    name: "auth.missing-token",
    title: "A call without a bearer token is refused with 401",
    async run(c) {
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: false });
      c.expectStatus(a, 401, "dpaStatus without a token");
      if (a.status === 401 && !a.headers.get("www-authenticate"))
        c.fail("401 without a WWW-Authenticate challenge (RFC 6750)");
    },
  },
  {
    name: "auth.foreign-key",
    title: "A token signed by an unknown key is refused with 401",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(c.options.msisdn ?? "919000000000", "planStatus", msisdnQuery()),
        {
          auth: await c.token("foreign"),
        },
      );
      c.expectStatus(a, 401, "planStatus with a token of a foreign key");
    },
  },
  {
    name: "auth.wrong-audience",
    title: "A token for another audience is refused with 401",
    async run(c) {
      if (c.options.token && !c.options.signer) c.skip("the DPA's trusted key is unknown (a static --token was given)");
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: await c.token("audience") });
      c.expectStatus(a, 401, "dpaStatus with a token for another audience");
    },
  },
  {
    name: "auth.expired-token",
    title: "An expired token is refused with 401",
    async run(c) {
      if (c.options.token && !c.options.signer) c.skip("the DPA's trusted key is unknown (a static --token was given)");
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: await c.token("expired") });
      c.expectStatus(a, 401, "dpaStatus with an expired token");
    },
  },
  {
    name: "dpaStatus.operational",
    title: "dpaStatus answers 200 OPERATIONAL",
    async run(c) {
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus");
      if (c.expectStatus(a, 200, "dpaStatus") && (a.body as { status?: string })?.status !== "OPERATIONAL")
        c.fail(`dpaStatus 200 says ${(a.body as { status?: string })?.status}, not OPERATIONAL`);
    },
  },
  {
    name: "planStatus.msisdn",
    title: "planStatus by MSISDN answers a valid PlanStatus",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (c.expectStatus(a, 200, "planStatus")) c.expectFuture((a.body as PlanStatusBody).expireTime, "expireTime");
    },
  },
  {
    name: "planStatus.cpid",
    title: "planStatus by a valid CPID answers a valid PlanStatus",
    async run(c) {
      const cpid = c.need(c.options.cpid, "--cpid", "a valid CPID");
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(cpid, "planStatus", { key_type: "CPID", client_id: "mobiledataplan" }),
      );
      c.expectStatus(a, 200, "planStatus by CPID");
    },
  },
  {
    name: "planStatus.youtube",
    title: "planStatus for client_id=youtube answers a valid PlanStatus (or 501)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery("youtube")));
      c.expectStatus(a, [200, 501], "planStatus for youtube");
    },
  },
  {
    name: "planStatus.unknown-user",
    title: "An MSISDN that does not exist answers 404 INVALID_NUMBER",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(c.options.unknownMsisdn ?? "100000000000", "planStatus", msisdnQuery()),
      );
      if (c.expectStatus(a, 404, "planStatus of an unknown MSISDN"))
        c.expectCause(a, "INVALID_NUMBER", "unknown MSISDN");
    },
  },
  {
    name: "planStatus.invalid-cpid",
    title: "A CPID the DPA never issued answers 404 INVALID_NUMBER (or 410 BAD_CPID)",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath("conformance-not-a-cpid", "planStatus", { key_type: "CPID", client_id: "mobiledataplan" }),
      );
      if (c.expectStatus(a, [404, 410], "planStatus of a made-up CPID"))
        c.expectCause(a, a.status === 404 ? "INVALID_NUMBER" : "BAD_CPID", "made-up CPID");
    },
  },
  {
    name: "planStatus.expired-cpid",
    title: "An expired CPID answers 410 BAD_CPID",
    async run(c) {
      const cpid = c.need(c.options.expiredCpid, "--expired-cpid", "a CPID past its TTL");
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(cpid, "planStatus", { key_type: "CPID", client_id: "mobiledataplan" }),
      );
      if (c.expectStatus(a, 410, "planStatus of an expired CPID")) c.expectCause(a, "BAD_CPID", "expired CPID");
    },
  },
  {
    name: "planStatus.roaming",
    title: "A roaming user who disabled DPA queries answers 403 USER_ROAMING",
    async run(c) {
      const msisdn = c.need(c.options.roamingMsisdn, "--roaming-msisdn", "a user roaming with DPA queries disabled");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (c.expectStatus(a, 403, "planStatus of a roaming user")) c.expectCause(a, "USER_ROAMING", "roaming user");
    },
  },
  {
    name: "planStatus.bad-key-type",
    title: "An unknown key_type answers 400 BAD_REQUEST",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(c.options.msisdn ?? "919000000000", "planStatus", { key_type: "IMSI", client_id: "mobiledataplan" }),
      );
      if (c.expectStatus(a, 400, "key_type=IMSI")) c.expectCause(a, "BAD_REQUEST", "bad key_type");
    },
  },
  {
    name: "planStatus.missing-client-id",
    title: "A call without client_id answers 400 (client_id is mandatory since June 2019)",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(c.options.msisdn ?? "919000000000", "planStatus", { key_type: "MSISDN" }),
      );
      c.expectStatus(a, 400, "planStatus without client_id");
    },
  },
  {
    name: "planOffer.msisdn",
    title: "planOffer answers a valid PlanOffer with a future expireTime",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanOffer", "GET", userPath(msisdn, "planOffer", msisdnQuery()));
      if (c.expectStatus(a, 200, "planOffer")) c.expectFuture((a.body as PlanStatusBody).expireTime, "expireTime");
    },
  },
  {
    name: "planOffer.context",
    title: "planOffer with an app context answers a valid PlanOffer",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call(
        "getPlanOffer",
        "GET",
        userPath(msisdn, "planOffer", { ...msisdnQuery("youtube"), context: "YouTube" }),
      );
      c.expectStatus(a, [200, 501], "planOffer with context");
    },
  },
  {
    name: "i18n.accept-language",
    title: "languageCode follows Accept-Language, or falls back to the DPA's default and says so",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const path = userPath(msisdn, "planStatus", msisdnQuery());
      const plain = await c.call("getPlanStatus", "GET", path);
      if (!c.expectStatus(plain, 200, "planStatus without Accept-Language")) return;
      const fallback = (plain.body as PlanStatusBody).languageCode;
      for (const lang of ["en-US", "hi-IN", "pl-PL", "ja-JP", "zz"]) {
        const a = await c.call("getPlanStatus", "GET", path, { headers: { "Accept-Language": lang } });
        if (!c.expectStatus(a, 200, `planStatus in ${lang}`)) continue;
        const code = (a.body as PlanStatusBody).languageCode ?? "";
        const primary = (t: string) => t.toLowerCase().split(/[-_]/)[0];
        if (primary(code) !== primary(lang) && code !== fallback)
          c.fail(
            `Accept-Language ${lang} answered languageCode ${code}: neither that language nor the default ${fallback}`,
          );
        const cl = a.headers.get("content-language");
        if (cl && cl !== code) c.fail(`Content-Language ${cl} differs from languageCode ${code}`);
      }
      const zz = await c.call("getPlanOffer", "GET", userPath(msisdn, "planOffer", msisdnQuery()), {
        headers: { "Accept-Language": "zz" },
      });
      const offerLang = (zz.body as PlanStatusBody)?.languageCode;
      if (zz.status === 200 && offerLang && primary2(offerLang) !== primary2(fallback ?? ""))
        c.fail(`an unsupported language gave offers in ${offerLang}, not the default ${fallback}`);
    },
  },
  {
    name: "cache.no-cache",
    title: "Cache-Control: no-cache gets fresh data (updateTime is now, not from a DPA-side cache)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const path = userPath(msisdn, "planStatus", msisdnQuery());
      await c.call("getPlanStatus", "GET", path, { headers: { "Cache-Control": "max-age=600" } });
      const a = await c.call("getPlanStatus", "GET", path, { headers: { "Cache-Control": "no-cache" } });
      if (!c.expectStatus(a, 200, "planStatus with no-cache")) return;
      const updated = Date.parse((a.body as PlanStatusBody).updateTime ?? "");
      const skew = c.options.clockSkewMs ?? 120_000;
      if (Number.isNaN(updated) || Math.abs(c.now() - updated) > skew)
        c.fail(
          `with no-cache, updateTime ${(a.body as PlanStatusBody).updateTime} is more than ${skew / 1000} s from now`,
        );
    },
  },
  {
    name: "cache.lifetimes",
    title: "expireTime is in the future and updateTime in the past, at most 30 days old",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (!c.expectStatus(a, 200, "planStatus")) return;
      const b = a.body as PlanStatusBody;
      c.expectFuture(b.expireTime, "expireTime");
      const updated = Date.parse(b.updateTime ?? "");
      const skew = c.options.clockSkewMs ?? 120_000;
      if (updated > c.now() + skew) c.fail(`updateTime ${b.updateTime} is in the future`);
      if (updated < c.now() - 30 * DAY) c.fail(`updateTime ${b.updateTime} is more than 30 days old`);
      if (Date.parse(b.expireTime ?? "") <= updated) c.fail("expireTime is not after updateTime");
    },
  },
  {
    name: "eligibility.list",
    title: "Eligibility without planId lists plans (or answers 400 when the DPA cannot list)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("listEligiblePlans", "GET", userPath(msisdn, "Eligibility", { key_type: "MSISDN" }));
      c.expectStatus(a, [200, 400], "Eligibility list");
    },
  },
  {
    name: "eligibility.one",
    title: "Eligibility of one plan answers only that plan (or 409)",
    async run(c) {
      const p = c.need(c.options.purchase, "--purchase", "msisdn:planId, a plan the user can buy now");
      const a = await c.call(
        "getPlanEligibility",
        "GET",
        userPath(p.msisdn, `Eligibility/${enc(p.planId)}`, { key_type: "MSISDN" }),
      );
      if (!c.expectStatus(a, [200, 409], "Eligibility of one plan")) return;
      const plans = (a.body as { eligiblePlans?: Array<{ planId: string }> }).eligiblePlans;
      if (a.status === 200 && JSON.stringify(plans) !== JSON.stringify([{ planId: p.planId }]))
        c.fail(`eligiblePlans is ${JSON.stringify(plans)}, not only ${p.planId}`);
    },
  },
  {
    name: "eligibility.invalid-plan",
    title: "Eligibility of an unknown plan answers 400",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call(
        "getPlanEligibility",
        "GET",
        userPath(msisdn, "Eligibility/conformance-no-such-plan", { key_type: "MSISDN" }),
      );
      c.expectStatus(a, 400, "Eligibility of an unknown plan");
    },
  },
  {
    name: "eligibility.incompatible",
    title: "Eligibility of an incompatible plan answers 409",
    async run(c) {
      const p = c.need(c.options.incompatible, "--incompatible", "msisdn:planId incompatible with the user's plans");
      const a = await c.call(
        "getPlanEligibility",
        "GET",
        userPath(p.msisdn, `Eligibility/${enc(p.planId)}`, { key_type: "MSISDN" }),
      );
      c.expectStatus(a, 409, "Eligibility of an incompatible plan");
    },
  },
  {
    name: "consent.record",
    title: "A consent decision is recorded with 200 and an empty body (or 501)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("setConsentStatus", "POST", userPath(msisdn, "consent", msisdnQuery()), {
        body: { consentAction: "CONSENT_USER_OPT_IN", actionTimestamp: new Date(c.now()).toISOString() },
      });
      c.expectStatus(a, [200, 501], "consent");
    },
  },
  {
    name: "consent.bad-action",
    title: "An unknown consentAction answers 400",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("setConsentStatus", "POST", userPath(msisdn, "consent", msisdnQuery()), {
        body: { consentAction: "MAYBE", actionTimestamp: new Date(c.now()).toISOString() },
      });
      c.expectStatus(a, 400, "consent with an unknown action");
    },
  },
  {
    name: "purchase.malformed",
    title: "A purchase without transactionId answers 400 BAD_REQUEST",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("purchasePlan", "POST", userPath(msisdn, "purchasePlan", msisdnQuery()), {
        body: { planId: "x" },
      });
      if (c.expectStatus(a, 400, "purchase without transactionId"))
        c.expectCause(a, "BAD_REQUEST", "malformed purchase");
    },
  },
  {
    name: "purchase.not-json",
    title: "A purchase body that is not JSON answers 400 or 415",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("purchasePlan", "POST", userPath(msisdn, "purchasePlan", msisdnQuery()), {
        rawBody: "planId=x",
        headers: { "Content-Type": "text/plain" },
      });
      c.expectStatus(a, [400, 415], "purchase with a text body");
    },
  },
  {
    name: "purchase.invalid-plan",
    title: "Buying an unknown plan answers 400, and repeating it answers 403 with the same cause",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const body = { planId: "conformance-no-such-plan", transactionId: `ck-${randomUUID()}` };
      const path = userPath(msisdn, "purchasePlan", msisdnQuery());
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 400, "purchase of an unknown plan")) return;
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the same failed transactionId again"))
        c.expectCause(again, normalizeDpaError(first.body)?.cause ?? "BAD_REQUEST", "repeated failed transaction");
    },
  },
  {
    name: "purchase.insufficient-balance",
    title: "Buying a plan the balance does not cover answers 402",
    async run(c) {
      const p = c.need(
        c.options.insufficientBalance,
        "--insufficient-balance",
        "msisdn:planId beyond the user's balance",
      );
      const a = await c.call("purchasePlan", "POST", userPath(p.msisdn, "purchasePlan", msisdnQuery()), {
        body: { planId: p.planId, transactionId: `ck-${randomUUID()}` },
      });
      c.expectStatus(a, 402, "purchase beyond the balance");
    },
  },
  {
    name: "purchase.incompatible",
    title: "Buying an incompatible plan answers 409",
    async run(c) {
      const p = c.need(c.options.incompatible, "--incompatible", "msisdn:planId incompatible with the user's plans");
      const a = await c.call("purchasePlan", "POST", userPath(p.msisdn, "purchasePlan", msisdnQuery()), {
        body: { planId: p.planId, transactionId: `ck-${randomUUID()}` },
      });
      c.expectStatus(a, 409, "purchase of an incompatible plan");
    },
  },
  {
    name: "purchase.idempotency",
    title: "A purchase executes once; the same transactionId again answers 403 DUPLICATE_TRANSACTION",
    async run(c) {
      const p = c.need(c.options.purchase, "--purchase", "msisdn:planId, a plan the user can buy now");
      const body = { planId: p.planId, transactionId: `ck-${randomUUID()}` };
      const path = userPath(p.msisdn, "purchasePlan", msisdnQuery());
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 200, "purchase")) return;
      const r = first.body as { transactionStatus?: string; purchase?: { planId?: string; transactionId?: string } };
      if (r.purchase && (r.purchase.planId !== p.planId || r.purchase.transactionId !== body.transactionId))
        c.fail("purchase.planId / purchase.transactionId are not copied from the request");
      const queued = r.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED";
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the same transactionId again"))
        c.expectCause(
          again,
          queued ? ["REQUEST_QUEUED", "DUPLICATE_TRANSACTION"] : "DUPLICATE_TRANSACTION",
          "duplicate",
        );
    },
  },
  {
    name: "callback.delivery",
    title: "A queued purchase answers 200 with only transactionStatus, and its result is POSTed to callbackUrl",
    async run(c) {
      const p = c.need(c.options.queued, "--queued", "msisdn:planId of a plan the DPA queues");
      const receiver = await c.receiver();
      const transactionId = `ck-${randomUUID()}`;
      const body = {
        planId: p.planId,
        transactionId,
        callbackUrl: `${receiver.url}/v1/purchaseCallbacks/${transactionId}`,
      };
      const path = userPath(p.msisdn, "purchasePlan", msisdnQuery());
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 200, "queued purchase")) return;
      const status = (first.body as { transactionStatus?: string }).transactionStatus;
      if (status !== "TRANSACTION_STATUS_UNSPECIFIED")
        c.skip(`the DPA executed ${p.planId} at once (${status}); nothing to call back`);
      if (Object.keys(first.body as object).length !== 1) c.fail("a queued answer must fill only transactionStatus");
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the queued transactionId again"))
        c.expectCause(again, ["REQUEST_QUEUED", "DUPLICATE_TRANSACTION"], "repeat while queued");
      const delivered = await receiver.wait(transactionId, c.options.callbackTimeoutMs ?? 30_000);
      if (!delivered) {
        c.fail(`no callback reached callbackUrl within ${(c.options.callbackTimeoutMs ?? 30_000) / 1000} s`);
        return;
      }
      c.calls.push({ method: "POST", url: body.callbackUrl, requestBody: delivered.body, violations: [], status: 200 });
      if (!/^application\/json/i.test(delivered.contentType))
        c.fail(`the callback's content-type is '${delivered.contentType}'`);
      for (const v of c.runner.contract.checkSchema("TransactionResponse", delivered.body))
        c.fail(`callback body: ${v}`);
      const cb = delivered.body as {
        transactionStatus?: string;
        purchase?: { transactionId?: string; planId?: string };
      };
      if (cb.purchase?.transactionId !== transactionId || cb.purchase?.planId !== p.planId)
        c.fail("the callback's purchase.transactionId / planId do not match the request");
      if (cb.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED")
        c.fail("the callback still says TRANSACTION_STATUS_UNSPECIFIED");
    },
  },
  {
    name: "register.ok",
    title: "Registering an opted-in MSISDN answers its expirationTime",
    async run(c) {
      const msisdn = c.need(c.options.registerMsisdn, "--register-msisdn", "an opted-in, non-roaming user");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      if (!c.expectStatus(a, 200, "register")) return;
      const r = a.body as { msisdn?: string; expirationTime?: string };
      c.expectFuture(r.expirationTime, "expirationTime");
      if (r.msisdn?.replace(/^\+/, "") !== msisdn.replace(/^\+/, "")) c.fail(`registered ${r.msisdn}, not ${msisdn}`);
    },
  },
  {
    name: "register.opted-out",
    title: "Registering a user who has not opted in answers 403",
    async run(c) {
      const msisdn = c.need(c.options.optedOutMsisdn, "--opted-out-msisdn", "a user who has not opted in to sharing");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      c.expectStatus(a, 403, "register of an opted-out user");
    },
  },
  {
    name: "register.roaming",
    title: "Registering a roaming user answers 403",
    async run(c) {
      const msisdn = c.need(c.options.roamingMsisdn, "--roaming-msisdn", "a user roaming with DPA queries disabled");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      c.expectStatus(a, 403, "register of a roaming user");
    },
  },
  {
    name: "register.malformed",
    title: "Registering something that is not an MSISDN answers 400",
    async run(c) {
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn: "not-a-number" } });
      c.expectStatus(a, 400, "register of 'not-a-number'");
    },
  },
  {
    name: "rate-limit.retry-after",
    title: "Too many requests answer 429 with Retry-After",
    async run(c) {
      const n = c.need(c.options.flood, "--flood", "a number of concurrent requests that exceeds the DPA's rate limit");
      const answers = await Promise.all(Array.from({ length: n }, () => c.call("getDpaStatus", "GET", "/dpaStatus")));
      const limited = answers.filter((a) => a.status === 429);
      if (limited.length === 0) c.skip(`no 429 after ${n} concurrent requests`);
      c.calls.splice(0, c.calls.length, ...c.calls.filter((x) => x.status === 429).slice(0, 3));
    },
  },
];

const primary2 = (t: string) => t.toLowerCase().split(/[-_]/)[0];

/** Receives the DPA's purchase callbacks for the callback check. */
class CallbackReceiver {
  private readonly received = new Map<string, { body: unknown; contentType: string }>();
  private server: Server | undefined;
  url = "";

  async start(host: string, port: number): Promise<void> {
    this.server = createServer((req, res) => {
      let data = "";
      req.on("data", (chunk) => {
        data += chunk;
      });
      req.on("end", () => {
        const m = /^\/v1\/purchaseCallbacks\/([^/?]+)/.exec(req.url ?? "");
        if (req.method !== "POST" || !m) {
          res.statusCode = 404;
          res.end();
          return;
        }
        let body: unknown = data;
        try {
          body = JSON.parse(data);
        } catch {
          // kept as text; the check reports it
        }
        this.received.set(decodeURIComponent(m[1]!), { body, contentType: String(req.headers["content-type"] ?? "") });
        res.statusCode = 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async wait(id: string, timeoutMs: number): Promise<{ body: unknown; contentType: string } | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const hit = this.received.get(id);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.received.get(id);
  }

  async close(): Promise<void> {
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

class Runner {
  readonly contract = new DpaContract();
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly fetchImpl: typeof fetch;
  private receiverPromise: Promise<CallbackReceiver> | undefined;
  private signers: { trusted?: GtafSigner; foreign?: GtafSigner } = {};

  constructor(readonly options: ConformanceOptions) {
    this.baseUrl = options.dpaUrl.replace(/\/+$/, "");
    this.clock = options.clock ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async init(): Promise<void> {
    const issuer = this.options.tokenIssuer ?? this.options.signer?.issuer ?? "https://gtaf.carrierkit.local";
    const dpaAudience = this.options.tokenAudience ?? this.options.signer?.dpaAudience ?? "carrierkit-dpa";
    this.signers.trusted =
      this.options.signer ??
      (this.options.token
        ? undefined
        : await createSigner({
            issuer,
            dpaAudience,
            keyFile: this.options.keyFile ?? ".data/gtaf-mock.jwk.json",
            clock: this.clock,
          }));
    this.signers.foreign = await createSigner({ issuer, dpaAudience, clock: this.clock });
    this.issuer = issuer;
    this.audience = dpaAudience;
  }

  private issuer = "";
  private audience = "";

  async tokenOf(kind: "valid" | "foreign" | "audience" | "expired"): Promise<string> {
    const o = { issuer: this.issuer, audience: this.audience };
    if (kind === "foreign") return this.signers.foreign!.mintForDpa(o);
    if (kind === "valid" && this.options.token) return this.options.token;
    const trusted = this.signers.trusted!;
    if (kind === "audience") return trusted.mintForDpa({ ...o, audience: `not-${this.audience}` });
    if (kind === "expired") return trusted.mintForDpa({ ...o, ttlSeconds: -600 });
    return trusted.mintForDpa(o);
  }

  receiver(): Promise<CallbackReceiver> {
    this.receiverPromise ??= (async () => {
      const r = new CallbackReceiver();
      await r.start(this.options.callbackHost ?? "127.0.0.1", this.options.callbackPort ?? 0);
      return r;
    })();
    return this.receiverPromise;
  }

  async close(): Promise<void> {
    if (this.receiverPromise) await (await this.receiverPromise).close();
  }
}

/** Runs the suite against a DPA and returns the report (nothing is printed; see `formatTable` and `renderHtml`). */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const runner = new Runner(options);
  await runner.init();
  const startedAt = new Date().toISOString();
  const selected = checks.filter(
    (k) => !options.only || options.only.some((o) => k.name === o || (o.endsWith(".") && k.name.startsWith(o))),
  );
  const results: CheckResult[] = [];
  try {
    for (const [i, check] of selected.entries()) {
      const c = new CheckContext(runner, options);
      const started = performance.now();
      let status: CheckStatus = "pass";
      const reasons: string[] = [];
      try {
        await check.run(c);
      } catch (err) {
        if (err instanceof Skip && err.message !== "__aborted__") {
          status = "skip";
          reasons.push(err.message);
        } else if (!(err instanceof Skip)) {
          c.fail(`the check crashed: ${(err as Error).message}`);
        }
      }
      if (status !== "skip" && c.problems.length > 0) {
        status = "fail";
        reasons.push(...c.problems);
      }
      const result: CheckResult = {
        name: check.name,
        title: check.title,
        status,
        reasons,
        durationMs: Math.round(performance.now() - started),
        calls: c.calls,
      };
      results.push(result);
      options.onProgress?.(result, i, selected.length);
    }
  } finally {
    await runner.close();
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  return {
    dpaUrl: runner.baseUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    summary: { pass: count("pass"), fail: count("fail"), skip: count("skip"), total: results.length },
    results,
  };
}
