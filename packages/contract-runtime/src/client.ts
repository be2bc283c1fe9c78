import createClient, { type Client, type ClientOptions as FetchClientOptions } from "openapi-fetch";

/** A bearer token, or a function that returns a fresh one for each request. */
export type TokenSource = string | (() => string | Promise<string>);

export interface ContractClientOptions {
  /** The server's base URL, e.g. `https://dpa.operator.example`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` on every request. */
  token?: TokenSource;
  /** Headers sent on every request. */
  headers?: Record<string, string>;
  /** A fetch implementation (default: the global fetch). */
  fetch?: FetchClientOptions["fetch"];
}

/** A typed openapi-fetch client for one contract, with bearer-token injection. */
export function createContractClient<Paths extends object>(options: ContractClientOptions): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const token = options.token;
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${typeof token === "function" ? await token() : token}`);
        return request;
      },
    });
  }
  return client;
}
