import { normalizeDpaError } from "@carrierkit/dpa";
import { CallbackReceiver } from "./callback-receiver.js";
import { DpaContract } from "./contract.js";
import { createDpaTokenSigner, type DpaTokenSigner } from "./tokens.js";
import { type Clock, type ConformanceOptions, ConformanceUsageError, type RecordedCall } from "./types.js";

/** What the DPA answered to one call, with the contract violations found in it. */
export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
  violations: string[];
}

export type TokenKind = "valid" | "foreign" | "audience" | "expired";

/** Thrown by a check to end it as `skip`; the runner also uses it to end a check whose call got no answer. */
export class Skip extends Error {}

/** A check's way of saying "stop here, the failure is already recorded". */
export const ABORTED = "__aborted__";

/** One conformance check: a stable name (`area.case`), a one-line title and the calls it makes. */
export interface Check {
  name: string;
  title: string;
  run(c: CheckContext): Promise<void>;
}

export const DEFAULT_ISSUER = "https://gtaf.carrierkit.local";
export const DEFAULT_AUDIENCE = "carrierkit-dpa";

/** Shared by all checks of one run: the DPA's base URL, the tokens, the validator and the callback receiver. */
export class Runner {
  readonly contract = new DpaContract();
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly fetchImpl: typeof fetch;
  private receiverPromise: Promise<CallbackReceiver> | undefined;
  private trusted: DpaTokenSigner | undefined;
  private foreign: DpaTokenSigner | undefined;
  private issuer = DEFAULT_ISSUER;
  private audience = DEFAULT_AUDIENCE;

  constructor(readonly options: ConformanceOptions) {
    this.baseUrl = options.dpaUrl.replace(/\/+$/, "");
    this.clock = options.clock ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Whether tokens can be minted with a key the DPA trusts (else the wrong-audience and expired checks skip). */
  get hasTrustedKey(): boolean {
    return this.trusted !== undefined;
  }

  async init(): Promise<void> {
    const o = this.options;
    this.issuer = o.tokenIssuer ?? o.signer?.issuer ?? DEFAULT_ISSUER;
    this.audience = o.tokenAudience ?? o.signer?.dpaAudience ?? DEFAULT_AUDIENCE;
    const signerOptions = { issuer: this.issuer, audience: this.audience, clock: this.clock };
    this.trusted =
      o.signer ?? (o.keyFile ? await createDpaTokenSigner({ ...signerOptions, keyFile: o.keyFile }) : undefined);
    if (!this.trusted && !o.token)
      throw new ConformanceUsageError(
        "the DPA needs a bearer token: give a token it accepts (--token) or a key it trusts (--key-file)",
      );
    this.foreign = await createDpaTokenSigner(signerOptions);
  }

  async tokenOf(kind: TokenKind): Promise<string> {
    const o = { issuer: this.issuer, audience: this.audience };
    if (kind === "foreign") return this.foreign!.mintForDpa(o);
    if (kind === "valid" && this.options.token) return this.options.token;
    const trusted = this.trusted!;
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
    if (this.receiverPromise) await (await this.receiverPromise.catch(() => undefined))?.close();
  }
}

/** What a check gets: calls to the DPA that record and validate, and assertions that collect problems. */
export class CheckContext {
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

  async token(kind: TokenKind = "valid"): Promise<string> {
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
      throw new Skip(ABORTED);
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

const enc = encodeURIComponent;

/** `/{key}/{op}?{query}` with undefined query values left out. */
export const userPath = (key: string, op: string, query: Record<string, string | undefined>) =>
  `/${enc(key)}/${op}?${new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined))}`;

/** The query of a call by MSISDN, as GTAF sends it. */
export const msisdnQuery = (clientId = "mobiledataplan") => ({ key_type: "MSISDN", client_id: clientId });

/** The query of a call by CPID. */
export const cpidQuery = () => ({ key_type: "CPID", client_id: "mobiledataplan" });

/** An MSISDN for the checks that only need some user key (the one given, or a placeholder). */
export const anyMsisdn = (c: CheckContext) => c.options.msisdn ?? "919000000000";

export const DAY = 24 * 3600 * 1000;

/** The fields of PlanStatus / PlanOffer bodies the checks read. */
export type PlanStatusBody = { languageCode?: string; expireTime?: string; updateTime?: string };

/** The primary language subtag (`hi` of `hi-IN`, `en` of `en_US`). */
export const primaryLanguage = (t: string) => t.toLowerCase().split(/[-_]/)[0];
