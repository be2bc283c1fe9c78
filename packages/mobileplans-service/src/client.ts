import { randomUUID } from "node:crypto";
import { Agent, request as httpsRequest } from "node:https";
import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { TRANSACTION_ID_HEADER } from "./types.js";

/** The client certificate (and the CA the server's certificate must chain to) of a mutual-TLS client. */
export interface ClientTls {
  /** PEM client certificate (with its intermediates). */
  cert: string | Buffer;
  /** PEM private key of the client certificate. */
  key: string | Buffer;
  /** PEM CA certificate(s) the server's certificate must chain to (default: Node's root store). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** TLS server name to verify, when the base URL's host is not the certificate's name. */
  servername?: string;
}

export interface MobilePlansServiceClientOptions extends Omit<ContractClientOptions, "token"> {
  /** Present this client certificate (mutual TLS, as the Mobile Plans service does). */
  tls?: ClientTls;
  /** HTTP Basic credentials the operator gave the Mobile Plans service. */
  basic?: { username: string; password: string };
  /**
   * Makes the `X-MS-DM-TransactionId` of a request that does not set one (default `MSFT-<uuid>`, the documented
   * example's shape).
   */
  transactionId?: () => string;
}

export type MobilePlansServiceClient = Client<paths>;

/** A new transaction id in the shape of Microsoft's example, `MSFT-12345678-1234-1234-1234-123456789abc`. */
export function newTransactionId(): string {
  return `MSFT-${randomUUID()}`;
}

/**
 * A fetch that presents a client certificate (node:https; Node's global fetch cannot). Connections are kept alive
 * and reused; `close()` ends them.
 */
export function mutualTlsFetch(tls: ClientTls): typeof fetch & { close(): void } {
  const agent = new Agent({
    keepAlive: true,
    cert: tls.cert,
    key: tls.key,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
  });
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    if (url.protocol !== "https:") throw new TypeError(`mutual TLS needs an https URL, got ${url.protocol}`);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(url, { method: req.method, headers, agent, signal: req.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = res.statusCode ?? 500;
          const noBody = status === 204 || status === 304 || req.method === "HEAD";
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
        });
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
  return Object.assign(fetchImpl, { close: () => agent.destroy() });
}

/**
 * A typed client of an operator's Mobile Plans service APIs, as the Windows Mobile Plans service calls them: every
 * request carries an `X-MS-DM-TransactionId` (a fresh one unless the call sets it), the client certificate when
 * `tls` is given, and Basic credentials when `basic` is given.
 *
 * ```ts
 * const mo = createMobilePlansServiceClient({ baseUrl: "https://mo.example", tls: { cert, key, ca } });
 * const { data } = await mo.GET("/v1/sims/{simId}/balances", {
 *   params: { path: { simId: "iccid:8988247000100003319" }, query: { fieldsTemplate: "basic", location: "US" } },
 * });
 * ```
 */
export function createMobilePlansServiceClient(options: MobilePlansServiceClientOptions): MobilePlansServiceClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.basic)
    headers.Authorization = `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString("base64")}`;
  const client = createContractClient<paths>({
    baseUrl: options.baseUrl,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : options.tls ? { fetch: mutualTlsFetch(options.tls) } : {}),
  });
  const nextId = options.transactionId ?? newTransactionId;
  client.use({
    onRequest({ request }) {
      if (!request.headers.has(TRANSACTION_ID_HEADER)) request.headers.set(TRANSACTION_ID_HEADER, nextId());
      return request;
    },
  });
  return client;
}
