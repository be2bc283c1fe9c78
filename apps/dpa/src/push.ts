import type { PlanStatus } from "@carrierkit/dpa";

export interface PlanStatusPush {
  /** The Google client the status is for (e.g. `mobiledataplan`). */
  clientId: string;
  /** The user key GTAF knows the user by (the registered MSISDN). */
  userKey: string;
  planStatus: PlanStatus;
}

/** Where the DPA sends plan-status changes of registered users (GTAF's plan-sharing API). */
export interface PlanStatusPusher {
  push(update: PlanStatusPush): Promise<void>;
}

/** Keeps every push in memory: for tests, and the default when no GTAF is configured. */
export class RecordingPusher implements PlanStatusPusher {
  readonly pushes: PlanStatusPush[] = [];
  async push(update: PlanStatusPush): Promise<void> {
    this.pushes.push(update);
  }
}

/** Supplies OAuth 2.0 access tokens for calls to GTAF. */
export type AccessTokenSource = () => Promise<string>;

/**
 * A client-credentials token source (RFC 6749 §4.4, client authentication with HTTP Basic), caching the token until
 * shortly before it expires.
 */
export function clientCredentials(
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  scope?: string,
): AccessTokenSource {
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.token;
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (scope) body.set("scope", scope);
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
    const res = await fetch(tokenUrl, {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body,
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
    const json = (await res.json()) as { access_token?: string; expires_in?: number; token_type?: string };
    if (!json.access_token || json.token_type?.toLowerCase() !== "bearer")
      throw new Error("no bearer token in the response");
    cached = { token: json.access_token, until: Date.now() + Math.max(0, (json.expires_in ?? 300) - 30) * 1000 };
    return cached.token;
  };
}

/**
 * Pushes to GTAF's Mobile Data Plan Sharing API:
 * `POST {base}/v1/operators/{asn}/clients/{clientId}/users/{userKey}/planStatus` with the PlanStatus as body.
 */
export class HttpPlanStatusPusher implements PlanStatusPusher {
  constructor(
    private readonly baseUrl: string,
    private readonly asn: string,
    private readonly token: AccessTokenSource,
  ) {}

  async push(update: PlanStatusPush): Promise<void> {
    const url = `${this.baseUrl.replace(/\/+$/, "")}/v1/operators/${encodeURIComponent(this.asn)}/clients/${encodeURIComponent(
      update.clientId,
    )}/users/${encodeURIComponent(update.userKey)}/planStatus`;
    const res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${await this.token()}`, "Content-Type": "application/json" },
      body: JSON.stringify(update.planStatus),
      signal: AbortSignal.timeout(5000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`GTAF refused the push: HTTP ${res.status}`);
  }
}
