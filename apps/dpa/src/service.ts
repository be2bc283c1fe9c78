import { parseTimestamp } from "@carrierkit/contract-runtime";
import type {
  ConsentAction,
  ErrorCause,
  Offer,
  OfferOptOutStatus,
  PlanOffer,
  PlanStatus,
  TransactionResponse,
} from "@carrierkit/dpa";
import { DpaError } from "@carrierkit/dpa";
import {
  type CatalogPlan,
  type Clock,
  type CpidCodec,
  isStoreUnavailable,
  type OperatorCore,
  type PlanTexts,
  type PurchaseFailure,
  type PurchaseOutcome,
  type Subscriber,
  type Subscription,
  type TransactionRecord,
  toMoney,
} from "@carrierkit/operator-core";
import type { BackendHealth } from "./health.js";
import { messagesFor } from "./i18n.js";
import type { PlanStatusPusher } from "./push.js";

export interface DpaPolicy {
  defaultLanguage: string;
  languages: readonly string[];
  /** Google clients this DPA serves (others: 501). */
  clients: readonly string[];
  planStatusTtlSeconds: number;
  offerTtlSeconds: number;
  /** expireTime while a back end is (or recently was) down. */
  degradedTtlSeconds: number;
  registrationTtlSeconds: number;
  /** How long a planStatus may be served from the DPA's own cache when GTAF does not send no-cache (0: never). */
  responseCacheMs: number;
  /** Clients whose cached status is pushed to GTAF for registered users. */
  pushClients: readonly string[];
  /** Seconds clients should wait after a 503. */
  retryAfterSeconds: number;
  /** Longest a request may take before it is answered 503 with Retry-After (the store's timeouts are shorter). */
  requestDeadlineMs: number;
  /** How far in the future a client-stated time (a consent's actionTimestamp) may lie (clock skew). */
  maxClockSkewSeconds: number;
}

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

class DeadlineExceeded extends Error {
  constructor() {
    super("the request deadline passed");
  }
}
const DAY = 24 * 3600 * 1000;

const FAILURE: Record<PurchaseFailure, { status: 400 | 402 | 403 | 409; cause: ErrorCause }> = {
  UNKNOWN_PLAN: { status: 400, cause: "BAD_REQUEST" },
  INSUFFICIENT_BALANCE: { status: 402, cause: "PAYMENT_MISSING" },
  ACCOUNT_SUSPENDED: { status: 403, cause: "ACCOUNT_SUSPENDED" },
  INCOMPATIBLE_PLAN: { status: 409, cause: "INCOMPATIBLE_PLAN" },
};

const TRANSACTION_STATUS: Record<PurchaseFailure, TransactionResponse["transactionStatus"]> = {
  UNKNOWN_PLAN: "INVALID_PLAN_ID",
  INSUFFICIENT_BALANCE: "PAYMENT_REQUIRED",
  ACCOUNT_SUSPENDED: "CONFLICT",
  INCOMPATIBLE_PLAN: "CONFLICT",
};

function texts(plan: CatalogPlan, language: string) {
  return plan.texts[language] ?? plan.texts["en-US"] ?? Object.values(plan.texts)[0]!;
}

/** The DPA's behaviour, on the operator core; the HTTP layer (routes/) only maps requests to these calls. */
export class DpaService {
  private readonly cache = new Map<string, { at: number; body: PlanStatus; subscriberId: string }>();

  constructor(
    readonly core: OperatorCore,
    private readonly cpids: CpidCodec,
    private readonly health: BackendHealth,
    private readonly pusher: PlanStatusPusher,
    readonly policy: DpaPolicy,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** The injected clock's time. */
  now(): number {
    return this.clock();
  }

  /** Checks every back end now (dpaStatus). */
  healthReport() {
    return this.health.check();
  }

  private unavailable(): DpaError {
    return new DpaError(503, "BACKEND_FAILURE", "A back end is temporarily unavailable; retry later.", {
      "Retry-After": String(this.policy.retryAfterSeconds),
    });
  }

  /**
   * Runs `fn` within the request deadline. The store being unreachable or too slow (a reset, a terminated backend, a
   * timeout), the deadline passing, or any other failure that coincides with a back-end failure becomes 503
   * BACKEND_FAILURE with Retry-After; a transaction in progress was rolled back by the store.
   */
  async guard<T>(fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineExceeded()), this.policy.requestDeadlineMs);
    });
    const work = fn();
    try {
      return await Promise.race([work, deadline]);
    } catch (err) {
      if (err instanceof DpaError) throw err;
      if (err instanceof DeadlineExceeded || isStoreUnavailable(err)) {
        // The late outcome of abandoned work must not surface as an unhandled rejection.
        work.catch(() => undefined);
        this.health.reportFailure(["store"]);
        this.log.warn({ err: String(err) }, "store unavailable while serving");
        throw this.unavailable();
      }
      const report = await this.health.check();
      if (!report.ok) {
        this.log.warn({ failed: report.failed }, "back end failure while serving");
        throw this.unavailable();
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  checkClient(clientId: string): void {
    if (!this.policy.clients.includes(clientId))
      throw new DpaError(501, "SERVICE_UNAVAILABLE", `This DPA does not serve the client '${clientId}'.`);
  }

  /** Resolves a user key to a subscriber, enforcing CPID expiry and the roaming opt-out. */
  async resolveUser(userKey: string, keyType: "CPID" | "MSISDN"): Promise<Subscriber> {
    let msisdn: string;
    if (keyType === "MSISDN") {
      if (!/^\+?[0-9]{6,15}$/.test(userKey))
        throw new DpaError(404, "INVALID_NUMBER", "The user key is not a valid MSISDN.");
      msisdn = userKey.replace(/^\+/, "");
    } else {
      const reading = this.cpids.read(userKey, this.clock());
      if (reading.state === "invalid") throw new DpaError(404, "INVALID_NUMBER", "The user key does not exist.");
      if (reading.state === "expired") throw new DpaError(410, "BAD_CPID", "The CPID has expired; get a new one.");
      msisdn = reading.claims.msisdn;
    }
    const sub = await this.core.subscriberByMsisdn(msisdn);
    if (!sub) throw new DpaError(404, "INVALID_NUMBER", "The user key does not exist.");
    if (sub.roaming && sub.roamingQueriesDisabled)
      throw new DpaError(403, "USER_ROAMING", "The user is roaming and has disabled plan queries while roaming.");
    return sub;
  }

  private ttl(normalSeconds: number): number {
    return (this.health.degraded() ? Math.min(normalSeconds, this.policy.degradedTtlSeconds) : normalSeconds) * 1000;
  }

  /** The user's PlanStatus; `noCache` (GTAF's Cache-Control: no-cache) bypasses the DPA's own cache. */
  async planStatus(sub: Subscriber, clientId: string, language: string, noCache: boolean): Promise<PlanStatus> {
    const key = `${sub.id}|${clientId}|${language}`;
    const now = this.clock();
    const hit = this.cache.get(key);
    if (!noCache && hit && now - hit.at < this.policy.responseCacheMs && Date.parse(hit.body.expireTime) > now)
      return hit.body;
    const body = await this.buildPlanStatus(sub, clientId, language, now);
    if (this.policy.responseCacheMs > 0) this.cache.set(key, { at: now, body, subscriberId: sub.id });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return body;
  }

  private async buildPlanStatus(sub: Subscriber, clientId: string, language: string, now: number): Promise<PlanStatus> {
    const [active, wallet] = await Promise.all([this.core.activeSubscriptions(sub.id, now), this.core.wallet(sub.id)]);
    const msg = messagesFor(language);
    const status: PlanStatus = {
      plans: active.map((s) => this.planOf(s, language, now)),
      languageCode: language,
      expireTime: iso(now + this.ttl(this.policy.planStatusTtlSeconds)),
      updateTime: iso(now),
      title: sub.accountType === "PREPAID" ? msg.prepaidTitle : msg.postpaidTitle,
      subscriberId: sub.id,
    };
    if (sub.accountType === "PREPAID" && wallet)
      status.accountInfo = { accountBalance: toMoney(wallet.currency, wallet.balanceNanos) };
    if (clientId === "youtube") {
      const rates = active.flatMap((s) => (s.plan.mediaRateKbps === null ? [] : [s.plan.mediaRateKbps]));
      if (rates.length > 0)
        status.planInfoPerClient = { youtube: { rateLimitedStreaming: { maxMediaRateKbps: Math.min(...rates) } } };
    }
    return status;
  }

  private planOf(s: Subscription & { plan: CatalogPlan }, language: string, now: number): PlanStatus["plans"][number] {
    const t = texts(s.plan, language);
    const remaining = s.quotaBytes === null ? null : s.quotaBytes - s.usedBytes;
    const level =
      remaining === null || s.quotaBytes === null
        ? "HIGH_QUOTA"
        : remaining <= 0n
          ? "OUT_OF_DATA"
          : remaining * 5n < s.quotaBytes
            ? "LOW_QUOTA"
            : "HIGH_QUOTA";
    const state = s.expiresAt - now < DAY ? "EXPIRING_SOON" : now - s.activatedAt < DAY ? "NEWLY_ACTIVE" : "ACTIVE";
    return {
      planName: t.name,
      planId: s.planId,
      planCategory: s.plan.category,
      expirationTime: iso(s.expiresAt),
      planModules: [
        {
          moduleName: t.moduleName ?? t.name,
          trafficCategories: s.plan.trafficCategories as never,
          expirationTime: iso(s.expiresAt),
          overUsagePolicy: s.plan.overusagePolicy as never,
          ...(s.plan.maxRateKbps !== null ? { maxRateKbps: s.plan.maxRateKbps.toString() } : {}),
          description: t.description,
          coarseBalanceLevel: level,
          ...(s.quotaBytes !== null && remaining !== null
            ? {
                byteBalance: {
                  quotaBytes: s.quotaBytes.toString(),
                  remainingBytes: (remaining < 0n ? 0n : remaining).toString(),
                },
              }
            : {}),
          planModuleState: state,
          refreshPeriod: s.plan.refreshPeriod as never,
        },
      ],
    };
  }

  /** The user's offers: none for a user who opted out of in-app offers (an empty list, not an error). */
  async planOffer(
    sub: Subscriber,
    clientId: string,
    language: string,
    context: string | undefined,
  ): Promise<PlanOffer> {
    const now = this.clock();
    const { optedOut } = await this.core.offerPreference(sub.id);
    let plans = optedOut ? [] : await this.core.eligiblePlans(sub, now, clientId);
    if (context && /video|youtube/i.test(context)) {
      const video = (p: CatalogPlan) => (p.trafficCategories.includes("VIDEO") ? 0 : 1);
      plans = [...plans].sort((a, b) => video(a) - video(b));
    }
    const offers: Offer[] = plans.map((p) => {
      const t = texts(p, language);
      return {
        planName: t.name,
        planId: p.id,
        planDescription: t.description,
        ...(t.promo ? { promoMessage: t.promo } : {}),
        languageCode: language,
        overusagePolicy: p.overusagePolicy as never,
        ...(p.maxRateKbps !== null ? { maxRateKbps: p.maxRateKbps.toString() } : {}),
        cost: toMoney(p.currency, p.priceNanos),
        duration: `${p.durationSeconds}s`,
        ...(context ? { offerContext: context } : {}),
        trafficCategories: p.trafficCategories as never,
        refreshPeriod: p.refreshPeriod as never,
        ...(p.quotaBytes !== null ? { quotaBytes: p.quotaBytes.toString() } : {}),
        ...(p.offerInfo ? { offerInfo: offerInfoOf(p, t, language) } : {}),
      };
    });
    return {
      offers,
      expireTime: iso(now + this.ttl(this.policy.offerTtlSeconds)),
      formOfPayment: sub.accountType === "PREPAID" ? "WALLET_BALANCE" : "ADD_TO_BILL",
      languageCode: language,
    };
  }

  /** The TransactionResponse of a settled transaction (also POSTed to callbackUrl for queued ones). */
  async transactionResponse(t: TransactionRecord): Promise<TransactionResponse> {
    if (t.status === "QUEUED" || t.status === "PROCESSING")
      return { transactionStatus: "TRANSACTION_STATUS_UNSPECIFIED" };
    const msg = messagesFor(t.language);
    if (t.status === "FAILED") {
      return {
        transactionStatus: TRANSACTION_STATUS[t.failure ?? "INCOMPATIBLE_PLAN"],
        purchase: { planId: t.planId, transactionId: t.transactionId, transactionMessage: msg.purchaseFailed },
      };
    }
    const plan = await this.core.plan(t.planId);
    const response: TransactionResponse = {
      transactionStatus: "SUCCESS",
      purchase: {
        planId: t.planId,
        transactionId: t.transactionId,
        transactionMessage: msg.purchased(plan ? texts(plan, t.language).name : t.planId),
        confirmationCode: t.confirmationCode ?? undefined,
      },
    };
    if (t.balanceAfterNanos !== null && t.currency) response.walletBalance = toMoney(t.currency, t.balanceAfterNanos);
    return response;
  }

  /** Maps a purchase outcome to the HTTP answer; DpaError for every failure and duplicate. */
  async purchaseAnswer(outcome: PurchaseOutcome): Promise<TransactionResponse> {
    const t = outcome.transaction;
    switch (outcome.kind) {
      case "succeeded":
      case "queued":
        return this.transactionResponse(t);
      case "failed": {
        const f = FAILURE[outcome.failure];
        throw new DpaError(f.status, f.cause, failureMessage(outcome.failure, t.planId));
      }
      case "duplicate": {
        if (t.status === "SUCCEEDED")
          throw new DpaError(403, "DUPLICATE_TRANSACTION", `Transaction '${t.transactionId}' was already executed.`);
        if (t.status === "FAILED")
          throw new DpaError(
            403,
            FAILURE[t.failure ?? "INCOMPATIBLE_PLAN"].cause,
            `Transaction '${t.transactionId}' already failed.`,
          );
        throw new DpaError(403, "REQUEST_QUEUED", `Transaction '${t.transactionId}' is still queued.`);
      }
    }
  }

  /** After a user's plans changed: drop cached answers and push to GTAF if the user is registered. */
  /**
   * The push is best effort: it runs after the purchase committed, so a failure here (GTAF or the store unreachable)
   * is logged and never turns a completed purchase into an error answer.
   */
  async plansChanged(subscriberId: string): Promise<void> {
    for (const [k, v] of this.cache) if (v.subscriberId === subscriberId) this.cache.delete(k);
    try {
      const now = this.clock();
      const registration = await this.core.activeRegistration(subscriberId, now);
      if (!registration) return;
      const sub = await this.core.subscriber(subscriberId);
      if (!sub) return;
      for (const clientId of this.policy.pushClients) {
        const planStatus = await this.buildPlanStatus(sub, clientId, sub.language, now);
        try {
          await this.pusher.push({ clientId, userKey: registration.msisdn, planStatus });
        } catch (err) {
          this.log.warn({ err: String(err), clientId }, "plan-status push failed");
        }
      }
    } catch (err) {
      this.log.warn({ err: String(err), subscriberId }, "plan-status push skipped: the store failed");
    }
  }

  /**
   * A client-stated action time: a strict RFC 3339 timestamp no further in the future than the clock skew allows
   * (an opt-out dated in year 9999 would otherwise outrank every later decision).
   */
  actionTime(timestamp: string): number {
    const at = parseTimestamp(timestamp);
    if (at === undefined) throw new DpaError(400, "BAD_REQUEST", "actionTimestamp is not an RFC 3339 date-time.");
    if (at > this.clock() + this.policy.maxClockSkewSeconds * 1000)
      throw new DpaError(
        400,
        "BAD_REQUEST",
        `actionTimestamp lies more than ${this.policy.maxClockSkewSeconds} s in the future.`,
      );
    return at;
  }

  consentDecision(action: ConsentAction): "OPT_IN" | "OPT_OUT" {
    if (action === "CONSENT_GRANTED" || action === "CONSENT_USER_OPT_IN") return "OPT_IN";
    if (action === "CONSENT_REVOKED" || action === "CONSENT_USER_OPT_OUT") return "OPT_OUT";
    throw new DpaError(400, "BAD_REQUEST", "consentAction must not be CONSENT_ACTION_UNSPECIFIED.");
  }

  /** Records the user's choice about further in-app offers; answers the choice in force. */
  async recordOfferChoice(sub: Subscriber, optOut: boolean, actionTimestamp: string): Promise<OfferOptOutStatus> {
    const actionAt = this.actionTime(actionTimestamp);
    const now = this.clock();
    const p = await this.core.recordOfferChoice(sub.id, optOut, actionAt, now);
    return { optedOut: p.optedOut, ...(p.actionAt !== null ? { actionTimestamp: iso(p.actionAt) } : {}) };
  }

  async eligibility(sub: Subscriber, planId: string): Promise<void> {
    const plan = await this.core.plan(planId);
    if (!plan) throw new DpaError(400, "BAD_REQUEST", `Unknown plan id '${planId}'.`);
    const failure = await this.core.checkEligibility(sub, plan, this.clock());
    if (failure)
      throw new DpaError(409, "INCOMPATIBLE_PLAN", "This plan cannot be combined with the user's current plans.");
  }

  async register(msisdnKey: string): Promise<{ msisdn: string; expirationTime: string }> {
    const sub = await this.core.subscriberByMsisdn(msisdnKey);
    if (!sub) throw new DpaError(404, "INVALID_NUMBER", "The MSISDN does not exist.");
    if (sub.roaming) throw new DpaError(403, "USER_ROAMING", "The user is roaming.");
    if (!sub.sharingConsent)
      throw new DpaError(403, "USER_OPT_OUT", "The user has not opted in to sharing plan information with Google.");
    const now = this.clock();
    const reg = await this.core.register(sub.id, msisdnKey, now + this.policy.registrationTtlSeconds * 1000, now);
    return { msisdn: msisdnKey, expirationTime: iso(reg.expiresAt) };
  }
}

/** An offer's `offerInfo` from its catalogue entry, with the plan's (or the DPA's) text for the language. */
function offerInfoOf(plan: CatalogPlan, t: PlanTexts, language: string): NonNullable<Offer["offerInfo"]> {
  const info = plan.offerInfo!;
  return {
    promoMessage: t.moreInfo ?? messagesFor(language).moreInfo,
    moreInfoURL: info.moreInfoUrl,
    ...(info.operatorBrandName ? { operatorBrandName: info.operatorBrandName } : {}),
    ...(info.operatorLogoUrl ? { operatorLogoUrl: info.operatorLogoUrl } : {}),
  };
}

function failureMessage(failure: PurchaseFailure, planId: string): string {
  switch (failure) {
    case "UNKNOWN_PLAN":
      return `Unknown plan id '${planId}'.`;
    case "INSUFFICIENT_BALANCE":
      return "The balance does not cover this plan.";
    case "ACCOUNT_SUSPENDED":
      return "The account is suspended.";
    case "INCOMPATIBLE_PLAN":
      return "This plan cannot be combined with the user's current plans.";
  }
}
