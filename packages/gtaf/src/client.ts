import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { JWT_BEARER_GRANT, type TokenResponse } from "./types.js";

export type GtafClientOptions = ContractClientOptions;
export type GtafClient = Client<paths>;

/**
 * A typed client of the GTAF API: what a DPA calls (plan-status pushes, purchase callbacks) and the device-facing
 * stand-in (plan status, offers, purchases, registrations) of `apps/gtaf-mock`.
 *
 * ```ts
 * const gtaf = createGtafClient({ baseUrl: "http://localhost:4020", token: gtafTokenSource({ tokenUrl, clientId, clientSecret }) });
 * await gtaf.POST("/v1/operators/{operatorId}/clients/{clientId}/users/{userKey}/planStatus", {
 *   params: { path: { operatorId: "64500", clientId: "mobiledataplan", userKey: "919876543210" } },
 *   body: planStatus,
 * });
 * ```
 */
export function createGtafClient(options: GtafClientOptions): GtafClient {
  return createContractClient<paths>(options);
}

export type GtafTokenSourceOptions = {
  tokenUrl: string;
  scope?: string;
  /** Injectable clock (ms) for the token cache. */
  now?: () => number;
  fetch?: typeof fetch;
} & (
  | { clientId: string; clientSecret: string; assertion?: undefined }
  | { assertion: () => string | Promise<string>; clientId?: undefined; clientSecret?: undefined }
);

/**
 * An access-token source for calls to GTAF: the client-credentials grant with HTTP Basic client authentication, or
 * the RFC 7523 JWT-bearer grant with an assertion you sign (a service account's key). The token is cached until
 * 30 s before it expires.
 */
export function gtafTokenSource(options: GtafTokenSourceOptions): () => Promise<string> {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? fetch;
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > now()) return cached.token;
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    const body = new URLSearchParams();
    if (options.assertion) {
      body.set("grant_type", JWT_BEARER_GRANT);
      body.set("assertion", await options.assertion());
    } else {
      body.set("grant_type", "client_credentials");
      const basic = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(basic).toString("base64")}`;
    }
    if (options.scope) body.set("scope", options.scope);
    const res = await fetchImpl(options.tokenUrl, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(5000),
    });
    const json = (await res.json().catch(() => ({}))) as Partial<TokenResponse> & { error?: string };
    if (!res.ok) throw new Error(`GTAF token endpoint answered ${res.status} ${json.error ?? ""}`.trim());
    if (!json.access_token || json.token_type?.toLowerCase() !== "bearer")
      throw new Error("no bearer token in the token response");
    cached = { token: json.access_token, until: now() + Math.max(0, (json.expires_in ?? 300) - 30) * 1000 };
    return cached.token;
  };
}
