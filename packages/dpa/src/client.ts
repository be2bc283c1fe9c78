import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";

export interface DpaClientOptions extends ContractClientOptions {
  /** Send `Cache-Control: no-cache` on every request, as GTAF does (default true). */
  noCache?: boolean;
  /** Sent as Accept-Language on every request unless a call overrides it. */
  acceptLanguage?: string;
}

export type DpaClient = Client<paths>;

/**
 * A typed client of the Data Plan Agent API.
 *
 * ```ts
 * const dpa = createDpaClient({ baseUrl: "https://dpa.operator.example", token: () => getAccessToken() });
 * const { data, error } = await dpa.GET("/{userKey}/planStatus", {
 *   params: { path: { userKey: "919876543210" }, query: { key_type: "MSISDN", client_id: "mobiledataplan" } },
 * });
 * ```
 */
export function createDpaClient(options: DpaClientOptions): DpaClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.noCache !== false) headers["Cache-Control"] ??= "no-cache";
  if (options.acceptLanguage) headers["Accept-Language"] ??= options.acceptLanguage;
  return createContractClient<paths>({ ...options, headers });
}
