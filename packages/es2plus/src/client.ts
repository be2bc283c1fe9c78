import { randomUUID } from "node:crypto";
import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import { Es2plusError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import {
  ADMIN_PROTOCOL,
  type AuthenticateClientRequest,
  type AuthenticateClientResponse,
  type CancelOrderRequest,
  type CancelSessionRequest,
  type ConfirmOrderRequest,
  type ConfirmOrderResponse,
  type DownloadOrderRequest,
  type DownloadOrderResponse,
  type GetBoundProfilePackageRequest,
  type GetBoundProfilePackageResponse,
  type HandleDownloadProgressInfoRequest,
  type HandleNotificationRequest,
  type HeaderOnlyResponse,
  type InitiateAuthenticationRequest,
  type InitiateAuthenticationResponse,
  type ReleaseProfileRequest,
  type StatusCodeData,
} from "./types.js";

export type Es2plusRawClient = Client<paths>;

export interface CallOptions {
  signal?: AbortSignal;
}

type PostPath = keyof paths;

async function post<T>(client: Es2plusRawClient, path: PostPath, body: unknown, options: CallOptions): Promise<T> {
  // One generic call for every function; the typed methods below pin each path to its request and response.
  const poster = client.POST as unknown as (
    path: string,
    init: { body: unknown; signal?: AbortSignal; parseAs?: "json" | "text" },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await poster(path, {
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.status === 200 || response.status === 204) return data as T;
  const statusCodeData = (error as { header?: { functionExecutionStatus?: { statusCodeData?: StatusCodeData } } })
    ?.header?.functionExecutionStatus?.statusCodeData;
  throw new Es2plusError(
    response.status,
    statusCodeData,
    statusCodeData?.message ?? `${path} answered HTTP ${response.status}`,
  );
}

function raw(options: ContractClientOptions): Es2plusRawClient {
  return createContractClient<paths>({
    ...options,
    headers: { "X-Admin-Protocol": ADMIN_PROTOCOL, ...options.headers },
  });
}

export interface Es2plusClientOptions extends ContractClientOptions {
  /** `header.functionRequesterIdentifier` of every call (the operator's identity at the SM-DP+). */
  functionRequesterIdentifier: string;
  /** Makes each call's `functionCallIdentifier` (default: a random UUID). */
  functionCallIdentifier?: () => string;
}

type Body<T> = Omit<T, "header">;

/**
 * The operator's ES2+ client. Each method fills the request header and resolves with the SM-DP+'s answer, also when
 * the function failed (`header.functionExecutionStatus.status` is `Failed`; see {@link isExecuted}); an answer other
 * than HTTP 200 rejects with an {@link Es2plusError}, a network failure with fetch's error.
 */
export interface Es2plusClient {
  readonly raw: Es2plusRawClient;
  downloadOrder(body: Body<DownloadOrderRequest>, options?: CallOptions): Promise<DownloadOrderResponse>;
  confirmOrder(body: Body<ConfirmOrderRequest>, options?: CallOptions): Promise<ConfirmOrderResponse>;
  cancelOrder(body: Body<CancelOrderRequest>, options?: CallOptions): Promise<HeaderOnlyResponse>;
  releaseProfile(body: Body<ReleaseProfileRequest>, options?: CallOptions): Promise<HeaderOnlyResponse>;
}

export function createEs2plusClient(options: Es2plusClientOptions): Es2plusClient {
  const client = raw(options);
  const callId = options.functionCallIdentifier ?? randomUUID;
  const header = () => ({
    functionRequesterIdentifier: options.functionRequesterIdentifier,
    functionCallIdentifier: callId(),
  });
  const call = <T>(path: PostPath, body: object, o: CallOptions = {}) =>
    post<T>(client, path, { header: header(), ...body }, o);
  return {
    raw: client,
    downloadOrder: (body, o) => call("/gsma/rsp2/es2plus/downloadOrder", body, o),
    confirmOrder: (body, o) => call("/gsma/rsp2/es2plus/confirmOrder", body, o),
    cancelOrder: (body, o) => call("/gsma/rsp2/es2plus/cancelOrder", body, o),
    releaseProfile: (body, o) => call("/gsma/rsp2/es2plus/releaseProfile", body, o),
  };
}

/** The LPA's ES9+ client (same rules as {@link Es2plusClient}; HandleNotification resolves with nothing: HTTP 204). */
export interface Es9plusClient {
  readonly raw: Es2plusRawClient;
  initiateAuthentication(
    body: InitiateAuthenticationRequest,
    options?: CallOptions,
  ): Promise<InitiateAuthenticationResponse>;
  authenticateClient(body: AuthenticateClientRequest, options?: CallOptions): Promise<AuthenticateClientResponse>;
  getBoundProfilePackage(
    body: GetBoundProfilePackageRequest,
    options?: CallOptions,
  ): Promise<GetBoundProfilePackageResponse>;
  handleNotification(body: HandleNotificationRequest, options?: CallOptions): Promise<void>;
  cancelSession(body: CancelSessionRequest, options?: CallOptions): Promise<HeaderOnlyResponse>;
}

export function createEs9plusClient(options: ContractClientOptions): Es9plusClient {
  const client = raw(options);
  const call = <T>(path: PostPath, body: object, o: CallOptions = {}) => post<T>(client, path, body, o);
  return {
    raw: client,
    initiateAuthentication: (body, o) => call("/gsma/rsp2/es9plus/initiateAuthentication", body, o),
    authenticateClient: (body, o) => call("/gsma/rsp2/es9plus/authenticateClient", body, o),
    getBoundProfilePackage: (body, o) => call("/gsma/rsp2/es9plus/getBoundProfilePackage", body, o),
    handleNotification: async (body, o) => {
      await call<undefined>("/gsma/rsp2/es9plus/handleNotification", body, o);
    },
    cancelSession: (body, o) => call("/gsma/rsp2/es9plus/cancelSession", body, o),
  };
}

/**
 * Sends ES2+.HandleDownloadProgressInfo to the operator's notification URL (with `token` as a bearer token, when
 * given). Resolves with the HTTP status (200 means delivered); a network failure or time-out rejects.
 */
export async function sendDownloadProgressInfo(
  url: string,
  body: HandleDownloadProgressInfoRequest,
  options: { fetch?: typeof fetch; signal?: AbortSignal; token?: string } = {},
): Promise<{ status: number }> {
  const res = await (options.fetch ?? fetch)(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Admin-Protocol": ADMIN_PROTOCOL,
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify(body),
    signal: options.signal ?? AbortSignal.timeout(5000),
  });
  await res.arrayBuffer().catch(() => undefined);
  return { status: res.status };
}
