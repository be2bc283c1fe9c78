import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createObservability,
  type Observability,
  type ObservabilityOptions,
  verifyJwt,
} from "@carrierkit/contract-runtime/node";
import { createDpaClient, type DpaClient, normalizeDpaError } from "@carrierkit/dpa";
import {
  type ErrorCause,
  GtafError,
  JWT_BEARER_GRANT,
  type NotificationType,
  type PlanOffer,
  type PlanStatus,
  type PurchaseRecord,
  type Registration,
  type StatusPoll,
  type TransactionResponse,
} from "@carrierkit/gtaf";
import { createGtafRouter, type GtafHandlers, gtafRejectionBody } from "@carrierkit/gtaf/server";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createLocalJWKSet, decodeJwt, type JWK } from "jose";
import { DpaContract } from "./dpa-validator.js";
import type { Clock, GtafSigner } from "./keys.js";
import { ExchangeRecorder, exchangeOf } from "./recorder.js";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** A DPA allowed to get tokens with the client-credentials grant. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** The operator (ASN) its tokens may push for (default: the mock's operator). */
  operatorId?: string;
}

/** A service account allowed to use the JWT-bearer grant (Google's Cloud OAuth flow). */
export interface ServiceAccount {
  /** The assertion's `iss` (the service account's e-mail). */
  id: string;
  /** The account's public key(s). */
  jwks: { keys: JWK[] };
  operatorId?: string;
}

export interface GtafMockOptions {
  /** The DPA's base URL (DPA_URL). */
  dpaUrl: string;
  signer: GtafSigner;
  /** The operator's ASN (default 64500, the reference DPA's `GTAF_ASN`). */
  operatorId?: string;
  clock?: Clock;
  clients?: OAuthClient[];
  serviceAccounts?: ServiceAccount[];
  /** GTAF's own base URL, for `callbackUrl` and the token audience (set later with `setPublicUrl` when on port 0). */
  publicUrl?: string;
  /** Lifetime of the access tokens GTAF issues (default 3600 s). */
  tokenTtlSeconds?: number;
  /** Timeout of each call to the DPA (default 10 s). */
  dpaTimeoutMs?: number;
  /** Attempts of one purchase when the DPA does not answer (default 3, all with the same transactionId). */
  purchaseAttempts?: number;
  /** Back-off when the DPA answers 429/503 without a usable Retry-After (default 30 s). */
  defaultRetryAfterSeconds?: number;
  /** The fetch used to call the DPA (tests inject failures here). */
  fetch?: typeof fetch;
  logger?: Logger;
  /** `/metrics` token and process metrics (see `observabilityFromEnv`). */
  observability?: Pick<ObservabilityOptions, "metricsToken" | "defaultMetrics" | "exposeMetrics">;
  /**
   * Most entries each of the cache, the purchases and the pushed statuses keeps (default 1,000); beyond it the
   * oldest is forgotten. Their keys come from requests (client ids, user keys, languages, offer contexts), so
   * without a bound a client varying them grows the mock's memory for ever.
   */
  maxEntries?: number;
}

/** A Map that forgets its oldest entry when a new key would take it past `max`. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    readonly max: number,
    private readonly onEvict?: (key: K) => void,
  ) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) {
      const oldest = this.keys().next().value as K;
      this.delete(oldest);
      this.onEvict?.(oldest);
    }
    return super.set(key, value);
  }
}

interface CacheEntry {
  body: PlanStatus | PlanOffer;
  expireAt: number;
  /** When GTAF got it (from the DPA's answer or a push). */
  at: number;
}

interface StoredRegistration extends Registration {
  expireAt: number;
  pushes: number;
}

/** What a call to the DPA came to. */
type DpaOutcome =
  | {
      kind: "answer";
      status: number;
      body: unknown;
      headers: Headers;
      violations: string[];
      cause?: ErrorCause;
      message?: string;
    }
  | { kind: "unreachable"; reason: "timeout" | "network_error"; message: string }
  | { kind: "invalid"; message: string }
  | { kind: "backoff"; retryAfterSeconds: number };

const noop: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const iso = (ms: number) => new Date(ms).toISOString();
const normalizeMsisdn = (m: string) => m.replace(/^\+/, "");
/** The cache slot of the latest pushed status of one user for one client (pushes are keyed by MSISDN). */
const pushKey = (clientId: string, msisdn: string) => ["planStatus", clientId, "MSISDN", msisdn, "pushed"].join("|");
/** The prefix of every cached planStatus answer of one MSISDN user for one client (all languages). */
const statusPrefix = (clientId: string, msisdn: string) => `${["planStatus", clientId, "MSISDN", msisdn].join("|")}|`;

/** Parses Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The notifications Google's Push Notifications guide attaches to the fields of a pushed PlanStatus. */
export function notificationsFor(status: PlanStatus): NotificationType[] {
  const found = new Set<NotificationType>();
  for (const plan of status.plans) {
    for (const m of plan.planModules) {
      if (m.coarseBalanceLevel === "LOW_QUOTA" && m.byteBalance?.remainingBytes !== undefined)
        found.add("NOTIFICATION_LOW_BALANCE_WARNING");
      if (m.coarseBalanceLevel === "OUT_OF_DATA") {
        found.add("NOTIFICATION_OUT_OF_DATA");
        if (m.overUsagePolicy === "PAY_AS_YOU_GO") found.add("NOTIFICATION_PAYG");
      }
      if (m.planModuleState === "EXPIRING_SOON") found.add("NOTIFICATION_DATA_EXPIRATION_WARNING");
      if (m.planModuleState === "NEWLY_ACTIVE") found.add("NOTIFICATION_PLAN_ACTIVATION");
      if (m.planModuleState === "EXPIRED") found.add("NOTIFICATION_DATA_EXPIRED");
    }
  }
  if (status.accountInfo?.payAsYouGoCharge) found.add("NOTIFICATION_PAYG");
  if (status.accountInfo?.accountTopUp && status.accountInfo.accountBalance) found.add("NOTIFICATION_ACCOUNT_TOP_UP");
  const order: NotificationType[] = [
    "NOTIFICATION_LOW_BALANCE_WARNING",
    "NOTIFICATION_OUT_OF_DATA",
    "NOTIFICATION_PAYG",
    "NOTIFICATION_DATA_EXPIRATION_WARNING",
    "NOTIFICATION_PLAN_ACTIVATION",
    "NOTIFICATION_DATA_EXPIRED",
    "NOTIFICATION_ACCOUNT_TOP_UP",
  ];
  return order.filter((n) => found.has(n));
}

const inboundOperations: Array<[string, RegExp, string]> = [
  ["POST", /^\/v1\/operators\/[^/]+\/clients\/[^/]+\/users\/[^/]+\/planStatus$/, "pushPlanStatus"],
  ["POST", /^\/v1\/purchaseCallbacks\/[^/]+$/, "deliverTransactionResult"],
  ["POST", /^\/oauth2\/token$/, "issueToken"],
  ["GET", /^\/\.well-known\/jwks\.json$/, "getJwks"],
];

/**
 * The GTAF mock: plays Google's GTAF for one operator's DPA. See the README for what it does; everything
 * time-dependent runs on the injected clock, and the periodic work (`poll`, `retryDuePurchases`) can be driven by hand.
 */
export class GtafMock {
  readonly app: Express;
  /** `/healthz`, `/metrics` and this mock's Prometheus registry. */
  readonly observability: Observability;
  readonly recorder: ExchangeRecorder;
  readonly contract = new DpaContract();
  readonly dpa: DpaClient;
  readonly operatorId: string;
  readonly cache: BoundedMap<string, CacheEntry>;
  readonly registrations = new Map<string, StoredRegistration>();
  readonly purchases: BoundedMap<string, PurchaseRecord>;
  /** The latest pushed status per `clientId|userKey`. */
  readonly pushed: BoundedMap<string, PlanStatus>;
  lastPoll: StatusPoll | undefined;
  backoffUntil = 0;
  publicUrl: string;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly languages = new Map<string, string | undefined>();
  private timers: NodeJS.Timeout[] = [];
  private readonly cacheLookups: ReturnType<Observability["counter"]>;
  /** Aborts registrations still waiting for the DPA (see `registerAtStart`) when the mock stops. */
  private stopping = new AbortController();

  constructor(readonly options: GtafMockOptions) {
    this.clock = options.clock ?? Date.now;
    this.log = options.logger ?? noop;
    this.operatorId = options.operatorId ?? "64500";
    this.publicUrl = (options.publicUrl ?? "http://127.0.0.1:4020").replace(/\/+$/, "");
    this.recorder = new ExchangeRecorder(this.clock);
    const max = options.maxEntries ?? 1000;
    this.cache = new BoundedMap(max);
    this.pushed = new BoundedMap(max);
    this.purchases = new BoundedMap(max, (id) => this.languages.delete(id));
    const timeoutMs = options.dpaTimeoutMs ?? 10_000;
    const inner = options.fetch ?? fetch;
    const timed = ((input: globalThis.Request, init?: RequestInit) =>
      inner(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as typeof fetch;
    const base = options.dpaUrl.replace(/\/+$/, "");
    this.dpa = createDpaClient({
      baseUrl: base,
      token: () => options.signer.mintForDpa(),
      noCache: true,
      fetch: this.recorder.recordingFetch(timed, (method, url) => {
        const path = url.startsWith(base) ? url.slice(base.length) : new URL(url).pathname;
        return this.contract.operationOf(method, path)?.operationId ?? `${method} ${path}`;
      }),
    });
    this.observability = createObservability({
      service: "gtaf-mock",
      errorBody: gtafRejectionBody,
      ...options.observability,
    });
    this.cacheLookups = this.observability.counter(
      "gtaf_mock_cache_lookups_total",
      "Plan status/offer lookups of the device-facing API, by operation and result (hit: served until expireTime).",
      ["operation", "result"],
    );
    this.app = this.buildApp();
  }

  now(): number {
    return this.clock();
  }

  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/+$/, "");
  }

  // ---- calls to the DPA -------------------------------------------------------------------------------------------

  private async callDpa(
    operationId: string,
    run: () => Promise<{ data?: unknown; error?: unknown; response: globalThis.Response }>,
  ): Promise<DpaOutcome> {
    const now = this.clock();
    if (this.backoffUntil > now)
      return { kind: "backoff", retryAfterSeconds: Math.ceil((this.backoffUntil - now) / 1000) };
    let result: { data?: unknown; error?: unknown; response: globalThis.Response };
    try {
      result = await run();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      if (e.name === "TimeoutError" || e.name === "AbortError")
        return { kind: "unreachable", reason: "timeout", message: `The DPA did not answer ${operationId} in time.` };
      if (e instanceof SyntaxError) return { kind: "invalid", message: `The DPA's ${operationId} answer is not JSON.` };
      return {
        kind: "unreachable",
        reason: "network_error",
        message: `The DPA is not reachable (${e.cause?.code ?? e.message}).`,
      };
    }
    const { response } = result;
    const body = result.data ?? result.error;
    const { violations } = this.contract.check(operationId, response.status, body, response.headers);
    const id = exchangeOf(response);
    if (id !== undefined) this.recorder.annotate(id, violations);
    if (response.status === 429 || response.status === 503) {
      const seconds =
        parseRetryAfter(response.headers.get("retry-after"), this.clock()) ??
        this.options.defaultRetryAfterSeconds ??
        30;
      this.backoffUntil = Math.max(this.backoffUntil, this.clock() + seconds * 1000);
    }
    const err = response.ok ? undefined : normalizeDpaError(body);
    return {
      kind: "answer",
      status: response.status,
      body,
      headers: response.headers,
      violations,
      cause: err?.cause as ErrorCause | undefined,
      message: err?.message,
    };
  }

  /** Turns a DPA outcome that is not a valid success into the device API's error. */
  private relay(operationId: string, outcome: DpaOutcome, relayed: number[]): never {
    switch (outcome.kind) {
      case "backoff":
        throw new GtafError(503, `The DPA asked GTAF to retry after ${outcome.retryAfterSeconds} s.`, undefined, {
          "Retry-After": String(outcome.retryAfterSeconds),
        });
      case "unreachable":
      case "invalid":
        throw new GtafError(502, outcome.message);
      case "answer": {
        if (outcome.violations.length > 0)
          throw new GtafError(
            502,
            `The DPA's ${operationId} answer breaks the DPA contract: ${outcome.violations.join("; ")}.`,
          );
        if (outcome.status === 429 || outcome.status === 503) {
          const seconds = Math.max(1, Math.ceil((this.backoffUntil - this.clock()) / 1000));
          throw new GtafError(503, outcome.message ?? "The DPA is temporarily unavailable.", outcome.cause, {
            "Retry-After": String(seconds),
          });
        }
        if (relayed.includes(outcome.status))
          throw new GtafError(outcome.status, outcome.message ?? `The DPA answered ${outcome.status}.`, outcome.cause);
        if (outcome.status === 401) throw new GtafError(502, "The DPA refused GTAF's access token (401).");
        throw new GtafError(502, `The DPA answered ${operationId} with ${outcome.status}.`, outcome.cause);
      }
    }
  }

  private cached(key: string): CacheEntry | undefined {
    const hit = this.cache.get(key);
    if (hit && hit.expireAt <= this.clock()) {
      this.cache.delete(key);
      return undefined;
    }
    return hit;
  }

  /**
   * A phone's plan status: from the cache until the DPA's expireTime, else from the DPA. A status the DPA pushed for
   * the user (MSISDN keys) replaces what was cached at once, in every language, until its own expireTime or a newer
   * answer of the DPA.
   */
  async planStatus(clientId: string, userKey: string, keyType: "CPID" | "MSISDN", acceptLanguage?: string) {
    const user = keyType === "MSISDN" ? normalizeMsisdn(userKey) : userKey;
    const key = ["planStatus", clientId, keyType, user, acceptLanguage ?? ""].join("|");
    const answered = this.cached(key);
    const pushed = keyType === "MSISDN" ? this.cached(pushKey(clientId, user)) : undefined;
    const hit = pushed && (!answered || pushed.at >= answered.at) ? pushed : answered;
    this.cacheLookups.inc({ operation: "getPlanStatus", result: hit ? "hit" : "miss" });
    if (hit) return { body: hit.body as PlanStatus, cache: "HIT" as const };
    const outcome = await this.callDpa("getPlanStatus", () =>
      this.dpa.GET("/{userKey}/planStatus", {
        params: { path: { userKey }, query: { key_type: keyType, client_id: clientId } },
        headers: acceptLanguage ? { "Accept-Language": acceptLanguage } : {},
      }),
    );
    if (outcome.kind !== "answer" || outcome.status !== 200 || outcome.violations.length > 0)
      this.relay("getPlanStatus", outcome, [400, 403, 404, 410, 501]);
    const body = outcome.body as PlanStatus;
    const expireAt = Date.parse(body.expireTime);
    if (expireAt > this.clock()) this.cache.set(key, { body, expireAt, at: this.clock() });
    return { body, cache: "MISS" as const };
  }

  /** A phone's offers: cached like the status; at most 10 for the Mobile Data Plan UI. */
  async planOffer(
    clientId: string,
    userKey: string,
    keyType: "CPID" | "MSISDN",
    context?: string,
    acceptLanguage?: string,
  ) {
    const key = ["planOffer", clientId, keyType, userKey, acceptLanguage ?? "", context ?? ""].join("|");
    const hit = this.cached(key);
    this.cacheLookups.inc({ operation: "getPlanOffer", result: hit ? "hit" : "miss" });
    if (hit) return { body: hit.body as PlanOffer, cache: "HIT" as const };
    const outcome = await this.callDpa("getPlanOffer", () =>
      this.dpa.GET("/{userKey}/planOffer", {
        params: {
          path: { userKey },
          query: { key_type: keyType, client_id: clientId, ...(context !== undefined ? { context } : {}) },
        },
        headers: acceptLanguage ? { "Accept-Language": acceptLanguage } : {},
      }),
    );
    if (outcome.kind !== "answer" || outcome.status !== 200 || outcome.violations.length > 0)
      this.relay("getPlanOffer", outcome, [400, 403, 404, 410, 501]);
    const full = outcome.body as PlanOffer;
    const body = clientId === "mobiledataplan" ? { ...full, offers: full.offers.slice(0, 10) } : full;
    const expireAt = Date.parse(body.expireTime);
    if (expireAt > this.clock()) this.cache.set(key, { body, expireAt, at: this.clock() });
    return { body, cache: "MISS" as const };
  }

  /**
   * Keeps a pushed status as what phones are served for the user and client: every cached answer of the DPA for
   * them (any language) is dropped, and the push is served until its expireTime (an expired one is not kept).
   */
  private acceptPush(clientId: string, msisdn: string, body: PlanStatus): void {
    const prefix = statusPrefix(clientId, msisdn);
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
    const now = this.clock();
    const expireAt = Date.parse(body.expireTime);
    if (expireAt > now) this.cache.set(pushKey(clientId, msisdn), { body, expireAt, at: now });
  }

  /** Empties the operator's cache; returns how many entries it held. */
  clearCache(): number {
    const n = this.cache.size;
    this.cache.clear();
    return n;
  }

  // ---- monitoring ---------------------------------------------------------------------------------------------------

  /** One dpaStatus poll; UNAVAILABLE or a failed poll clears the operator's cache. */
  async poll(): Promise<StatusPoll> {
    const at = iso(this.clock());
    const outcome = await this.callDpa("getDpaStatus", () => this.dpa.GET("/dpaStatus"));
    let result: Omit<StatusPoll, "cacheCleared" | "entriesCleared">;
    let clear: boolean;
    if (outcome.kind === "backoff") {
      result = { at, outcome: "BACKED_OFF", message: `Retry-After: ${outcome.retryAfterSeconds} s` };
      clear = false;
    } else if (outcome.kind !== "answer") {
      result = { at, outcome: "FAILED", message: outcome.message };
      clear = true;
    } else if (outcome.status === 429) {
      result = { at, outcome: "BACKED_OFF", httpStatus: 429, message: "The DPA answered 429." };
      clear = false;
    } else if (outcome.violations.length > 0) {
      result = { at, outcome: "FAILED", httpStatus: outcome.status, message: outcome.violations.join("; ") };
      clear = true;
    } else {
      const body = outcome.body as { status: "OPERATIONAL" | "UNAVAILABLE" | "UNKNOWN"; message?: string };
      const status = outcome.status === 200 || outcome.status === 500 ? body.status : undefined;
      result = {
        at,
        outcome: status ?? "FAILED",
        httpStatus: outcome.status,
        ...(body.message ? { message: body.message } : outcome.message ? { message: outcome.message } : {}),
      };
      clear = status !== "OPERATIONAL" && status !== "UNKNOWN";
    }
    const entriesCleared = clear ? this.clearCache() : 0;
    this.lastPoll = { ...result, cacheCleared: clear, ...(clear ? { entriesCleared } : {}) };
    if (clear) this.log.warn({ poll: this.lastPoll }, "DPA not operational: cache cleared");
    return this.lastPoll;
  }

  // ---- purchases ----------------------------------------------------------------------------------------------------

  /** Starts a purchase with a new transactionId and a callbackUrl on this GTAF. */
  async startPurchase(input: {
    clientId: string;
    userKey: string;
    keyType: "CPID" | "MSISDN";
    planId: string;
    offerContext?: string;
    acceptLanguage?: string;
  }): Promise<PurchaseRecord> {
    const transactionId = randomUUID();
    const record: PurchaseRecord = {
      transactionId,
      planId: input.planId,
      ...(input.offerContext !== undefined ? { offerContext: input.offerContext } : {}),
      clientId: input.clientId,
      userKey: input.userKey,
      keyType: input.keyType,
      callbackUrl: `${this.publicUrl}/v1/purchaseCallbacks/${encodeURIComponent(transactionId)}`,
      state: "RETRY_SCHEDULED",
      attempts: [],
      createdAt: iso(this.clock()),
    };
    this.purchases.set(transactionId, record);
    this.languages.set(transactionId, input.acceptLanguage);
    await this.attempt(record);
    return record;
  }

  /** Retries the purchases whose Retry-After has passed (same transactionId). */
  async retryDuePurchases(): Promise<PurchaseRecord[]> {
    const due = [...this.purchases.values()].filter(
      (p) => p.state === "RETRY_SCHEDULED" && p.retryAt !== undefined && Date.parse(p.retryAt) <= this.clock(),
    );
    for (const p of due) await this.attempt(p);
    return due;
  }

  private async attempt(record: PurchaseRecord): Promise<void> {
    const max = this.options.purchaseAttempts ?? 3;
    const lang = this.languages.get(record.transactionId);
    for (let i = 0; i < max; i++) {
      const outcome = await this.callDpa("purchasePlan", () =>
        this.dpa.POST("/{userKey}/purchasePlan", {
          params: {
            path: { userKey: record.userKey },
            query: { key_type: record.keyType, client_id: record.clientId },
          },
          body: {
            planId: record.planId,
            transactionId: record.transactionId,
            ...(record.offerContext !== undefined ? { offerContext: record.offerContext } : {}),
            callbackUrl: record.callbackUrl,
          },
          headers: lang ? { "Accept-Language": lang } : {},
        }),
      );
      const at = iso(this.clock());
      if (outcome.kind === "backoff") {
        record.state = "RETRY_SCHEDULED";
        record.retryAt = iso(this.backoffUntil);
        return;
      }
      if (outcome.kind === "unreachable") {
        record.attempts.push({ at, outcome: outcome.reason });
        continue;
      }
      if (outcome.kind === "invalid") {
        record.attempts.push({ at, outcome: "invalid_answer" });
        record.state = "FAILED";
        return;
      }
      const retry = record.attempts.length > 0;
      record.attempts.push({
        at,
        outcome: outcome.violations.length > 0 ? "invalid_answer" : "answered",
        status: outcome.status,
        ...(outcome.cause ? { cause: outcome.cause } : {}),
      });
      record.dpaStatus = outcome.status;
      delete record.retryAt;
      if (outcome.cause) record.cause = outcome.cause;
      if (outcome.status === 429 || outcome.status === 503) {
        record.state = "RETRY_SCHEDULED";
        record.retryAt = iso(this.backoffUntil);
        return;
      }
      if (outcome.violations.length > 0) {
        record.state = "FAILED";
        return;
      }
      if (outcome.status === 200) {
        const response = outcome.body as TransactionResponse;
        record.response = response;
        record.state =
          response.transactionStatus === "SUCCESS"
            ? "SUCCEEDED"
            : response.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED"
              ? "QUEUED"
              : "FAILED";
        return;
      }
      if (outcome.status === 403 && outcome.cause === "REQUEST_QUEUED") record.state = "QUEUED";
      else if (outcome.status === 403 && outcome.cause === "DUPLICATE_TRANSACTION" && retry) record.state = "SUCCEEDED";
      else record.state = "FAILED";
      return;
    }
    record.state = "ABANDONED";
  }

  // ---- registrations and pushes -------------------------------------------------------------------------------------

  async register(msisdn: string): Promise<Registration> {
    return this.registered(msisdn, await this.callRegister(msisdn));
  }

  /**
   * Registers MSISDNs at the DPA when the mock starts (demo mode: the demo subscriber, so that the DPA's first push
   * for them is accepted). The DPA may not be listening yet (`npm start` starts it after the mock): while it cannot
   * be reached, or answers 429/503, each registration is retried every `retryMs`. A refusal (roaming, not
   * opted in, unknown) is logged and not retried. Resolves with the registrations made; stops when the mock stops.
   */
  async registerAtStart(msisdns: readonly string[], options: { retryMs?: number } = {}): Promise<Registration[]> {
    const done: Registration[] = [];
    const { signal } = this.stopping;
    for (const msisdn of msisdns) {
      for (;;) {
        if (signal.aborted) return done;
        const outcome = await this.callRegister(msisdn);
        const later =
          outcome.kind === "unreachable" ||
          outcome.kind === "backoff" ||
          (outcome.kind === "answer" && (outcome.status === 429 || outcome.status === 503));
        if (later) {
          try {
            await sleep(options.retryMs ?? 1000, undefined, { ref: false, signal });
          } catch {
            return done;
          }
          continue;
        }
        try {
          done.push(this.registered(msisdn, outcome));
          this.log.info({ msisdn }, "registered at the DPA");
        } catch (err) {
          this.log.warn({ msisdn, err: err instanceof Error ? err.message : String(err) }, "registration refused");
        }
        break;
      }
    }
    return done;
  }

  private callRegister(msisdn: string): Promise<DpaOutcome> {
    return this.callDpa("registerMsisdn", () => this.dpa.POST("/register", { body: { msisdn } }));
  }

  /** Keeps the DPA's answer to a registration (or relays its refusal). */
  private registered(msisdn: string, outcome: DpaOutcome): Registration {
    if (outcome.kind !== "answer" || outcome.status !== 200 || outcome.violations.length > 0)
      this.relay("registerMsisdn", outcome, [400, 403, 404, 501]);
    const answer = outcome.body as { msisdn: string; expirationTime: string };
    const stored: StoredRegistration = {
      msisdn: answer.msisdn,
      expirationTime: answer.expirationTime,
      registeredAt: iso(this.clock()),
      expireAt: Date.parse(answer.expirationTime),
      pushes: 0,
    };
    this.registrations.set(normalizeMsisdn(answer.msisdn), stored);
    if (normalizeMsisdn(msisdn) !== normalizeMsisdn(answer.msisdn))
      this.registrations.set(normalizeMsisdn(msisdn), stored);
    return this.publicRegistration(stored);
  }

  private publicRegistration(r: StoredRegistration): Registration {
    return {
      msisdn: r.msisdn,
      expirationTime: r.expirationTime,
      registeredAt: r.registeredAt,
      live: r.expireAt > this.clock(),
      pushes: r.pushes,
    };
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------------------

  private authenticate(required: boolean) {
    return (req: Request, res: Response, next: NextFunction) => {
      const header = req.headers.authorization;
      if (!header) {
        if (!required) return next();
        return next(
          new GtafError(401, "A bearer token is required.", undefined, { "WWW-Authenticate": 'Bearer realm="gtaf"' }),
        );
      }
      const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
      const refuse = (why: string) =>
        new GtafError(401, why, undefined, {
          "WWW-Authenticate": `Bearer realm="gtaf", error="invalid_token", error_description="${why}"`,
        });
      if (!match) return next(refuse("The Authorization header is not a bearer token."));
      this.options.signer.verifyAccessToken(match[1]!).then(
        (claims) => {
          res.locals.auth = claims;
          next();
        },
        (err: unknown) =>
          next(
            refuse(
              (err as { code?: string }).code === "ERR_JWT_EXPIRED"
                ? "The token has expired."
                : "The token is not valid for GTAF.",
            ),
          ),
      );
    };
  }

  private handlers(): GtafHandlers {
    const oauthError = (
      status: 400 | 401,
      error: "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type",
      description: string,
    ) => ({
      status,
      body: { error, error_description: description },
      headers: {
        "Cache-Control": "no-store",
        ...(status === 401 ? { "WWW-Authenticate": 'Basic realm="gtaf"' } : {}),
      },
    });
    const issue = async (subject: string, operatorId: string | undefined, scope: string | undefined) => {
      const ttl = this.options.tokenTtlSeconds ?? 3600;
      const token = await this.options.signer.mintAccessToken({
        subject,
        operatorId: operatorId ?? this.operatorId,
        ...(scope ? { scope } : {}),
        ttlSeconds: ttl,
      });
      return {
        status: 200 as const,
        body: { access_token: token, token_type: "Bearer" as const, expires_in: ttl, ...(scope ? { scope } : {}) },
        headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
      };
    };

    return {
      pushPlanStatus: async ({ params, body, ctx }) => {
        const tokenOperator = String(ctx.auth?.operator ?? "");
        if (tokenOperator !== params.operatorId || params.operatorId !== this.operatorId)
          throw new GtafError(
            403,
            `The access token belongs to operator ${tokenOperator || "(none)"}, not ${params.operatorId}.`,
          );
        const key = normalizeMsisdn(params.userKey);
        const reg = this.registrations.get(key);
        if (!reg) throw new GtafError(404, `User key ${params.userKey} is not registered with GTAF.`);
        if (reg.expireAt <= this.clock())
          throw new GtafError(
            404,
            `No live registration for user key ${params.userKey} (expired ${reg.expirationTime}).`,
          );
        reg.pushes += 1;
        this.pushed.set(`${params.clientId}|${key}`, body);
        this.acceptPush(params.clientId, key, body);
        return {
          status: 200,
          body: {
            name: `operators/${params.operatorId}/clients/${params.clientId}/users/${params.userKey}/planStatus`,
            notifications: notificationsFor(body),
          },
        };
      },

      deliverTransactionResult: async ({ params, body }) => {
        const record = this.purchases.get(params.transactionId);
        if (!record) throw new GtafError(404, `GTAF did not start transaction '${params.transactionId}'.`);
        if (body.purchase && body.purchase.transactionId !== params.transactionId)
          throw new GtafError(
            400,
            `purchase.transactionId '${body.purchase.transactionId}' does not match the callback URL's '${params.transactionId}'.`,
          );
        record.callback = body;
        record.callbackReceivedAt = iso(this.clock());
        if (body.transactionStatus === "SUCCESS") record.state = "SUCCEEDED";
        else if (body.transactionStatus !== "TRANSACTION_STATUS_UNSPECIFIED") record.state = "FAILED";
        delete record.retryAt;
        return { status: 200 };
      },

      issueToken: async ({ body, ctx }) => {
        const grant = body.grant_type;
        if (!grant) return oauthError(400, "invalid_request", "grant_type is required.");
        if (grant === "client_credentials") {
          let id = body.client_id;
          let secret = body.client_secret;
          const basic = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(ctx.req.headers.authorization ?? "");
          if (basic) {
            const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
            const colon = decoded.indexOf(":");
            try {
              id = decodeURIComponent(decoded.slice(0, colon));
              secret = decodeURIComponent(decoded.slice(colon + 1));
            } catch {
              return oauthError(401, "invalid_client", "The Basic credentials are not form-urlencoded.");
            }
          }
          const client = (this.options.clients ?? []).find((c) => c.clientId === id);
          if (!id || !client || client.clientSecret !== secret)
            return oauthError(401, "invalid_client", "Client authentication failed.");
          return issue(client.clientId, client.operatorId, body.scope);
        }
        if (grant === JWT_BEARER_GRANT) {
          if (!body.assertion) return oauthError(400, "invalid_request", "assertion is required.");
          let iss: string | undefined;
          try {
            iss = decodeJwt(body.assertion).iss;
          } catch {
            return oauthError(400, "invalid_grant", "The assertion is not a JWT.");
          }
          const account = (this.options.serviceAccounts ?? []).find((a) => a.id === iss);
          if (!account) return oauthError(400, "invalid_grant", "The assertion's issuer is not a registered account.");
          try {
            const payload = await verifyJwt(body.assertion, createLocalJWKSet(account.jwks), {
              issuer: account.id,
              audience: [`${this.publicUrl}/oauth2/token`, "https://oauth2.googleapis.com/token"],
              now: this.clock(),
              clockToleranceSeconds: 30,
              requiredClaims: ["exp", "iat"],
            });
            if ((payload.exp ?? 0) - (payload.iat ?? 0) > 3600)
              return oauthError(400, "invalid_grant", "The assertion may live at most one hour.");
            return issue(account.id, account.operatorId, (payload.scope as string | undefined) ?? body.scope);
          } catch {
            return oauthError(400, "invalid_grant", "The assertion does not verify (signature, audience or expiry).");
          }
        }
        return oauthError(
          400,
          "unsupported_grant_type",
          `grant_type must be client_credentials or ${JWT_BEARER_GRANT}.`,
        );
      },

      getJwks: () => ({ status: 200, body: this.options.signer.publicJwks as never }),

      getClientPlanStatus: async ({ params, query, headers }) => {
        const lang = headers["accept-language"] as string | undefined;
        const r = await this.planStatus(params.clientId, params.userKey, query.key_type, lang);
        return {
          status: 200,
          body: r.body,
          headers: { "X-Gtaf-Cache": r.cache, "Content-Language": r.body.languageCode },
        };
      },

      getClientPlanOffer: async ({ params, query, headers }) => {
        const lang = headers["accept-language"] as string | undefined;
        const r = await this.planOffer(params.clientId, params.userKey, query.key_type, query.context, lang);
        return {
          status: 200,
          body: r.body,
          headers: {
            "X-Gtaf-Cache": r.cache,
            ...(r.body.languageCode ? { "Content-Language": r.body.languageCode } : {}),
          },
        };
      },

      startPurchase: async ({ params, query, headers, body }) => ({
        status: 200,
        body: await this.startPurchase({
          clientId: params.clientId,
          userKey: params.userKey,
          keyType: query.key_type,
          planId: body.planId,
          ...(body.offerContext !== undefined ? { offerContext: body.offerContext } : {}),
          acceptLanguage: headers["accept-language"] as string | undefined,
        }),
      }),

      getPurchase: ({ params }) => {
        const record = this.purchases.get(params.transactionId);
        if (!record) throw new GtafError(404, `GTAF did not start transaction '${params.transactionId}'.`);
        return { status: 200, body: record };
      },

      registerMsisdn: async ({ body }) => ({ status: 200, body: await this.register(body.msisdn) }),

      listExchanges: ({ query, ctx }) => {
        const accept = ctx.req.headers.accept ?? "";
        const html =
          query.format === "html" || (query.format === undefined && /text\/html/.test(accept) && !/json/.test(accept));
        if (html)
          return { status: 200, body: this.recorder.html(query.limit), contentType: "text/html; charset=utf-8" };
        return { status: 200, body: { exchanges: this.recorder.list(query.limit) } };
      },

      getMockState: () => ({ status: 200, body: this.state() }),

      pollDpaStatus: async () => ({ status: 200, body: await this.poll() }),
    };
  }

  /** A snapshot of what the mock holds. */
  state() {
    const now = this.clock();
    return {
      dpaUrl: this.options.dpaUrl,
      operatorId: this.operatorId,
      ...(this.lastPoll ? { lastPoll: this.lastPoll } : {}),
      ...(this.backoffUntil > now ? { backoffUntil: iso(this.backoffUntil) } : {}),
      cache: [...this.cache.entries()]
        .filter(([, v]) => v.expireAt > now)
        .map(([key, v]) => ({ key, expireTime: iso(v.expireAt) })),
      registrations: [...new Set(this.registrations.values())].map((r) => this.publicRegistration(r)),
      purchases: [...this.purchases.values()],
    };
  }

  private buildApp(): Express {
    const app = express();
    app.disable("x-powered-by");
    app.set("etag", false);
    app.use(this.observability.middleware);
    app.use(
      this.recorder.middleware(
        (method, path) => inboundOperations.find(([m, re]) => m === method && re.test(path))?.[2],
      ),
    );
    const requireToken = this.authenticate(true);
    const optionalToken = this.authenticate(false);
    app.use(
      createGtafRouter(this.handlers(), {
        before: [
          (req, res, next) => {
            if (req.method === "POST" && inboundOperations[0]![1].test(req.path)) return requireToken(req, res, next);
            if (req.method === "POST" && inboundOperations[1]![1].test(req.path)) return optionalToken(req, res, next);
            next();
          },
        ],
        onUnexpectedError: (err, req) =>
          this.log.error({ err: err instanceof Error ? err.message : String(err), path: req.path }, "unexpected error"),
      }),
    );
    return app;
  }

  /** Starts the periodic work: dpaStatus polls and due purchase retries (both unref'd). */
  start(options: { pollIntervalMs?: number; retryIntervalMs?: number; firstPollDelayMs?: number } = {}): void {
    this.stopTimers();
    const guard = (what: string, p: Promise<unknown>) =>
      p.catch((err: unknown) => this.log.error({ err: String(err) }, `${what} failed`));
    const pollEvery = options.pollIntervalMs ?? 30_000;
    const first = setTimeout(() => void guard("poll", this.poll()), options.firstPollDelayMs ?? 1000);
    const polls = setInterval(() => void guard("poll", this.poll()), pollEvery);
    const retries = setInterval(
      () => void guard("purchase retry", this.retryDuePurchases()),
      options.retryIntervalMs ?? 1000,
    );
    for (const t of [first, polls, retries]) t.unref();
    this.timers = [first, polls, retries];
  }

  /** Stops the periodic work and any registration still waiting for the DPA. */
  stop(): void {
    this.stopTimers();
    this.stopping.abort();
    this.stopping = new AbortController();
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }
}
