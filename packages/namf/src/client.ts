import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { encodeMultipartRelated } from "./multipart.js";
import {
  type N1MessageContainer,
  type N1MessageNotification,
  type N1N2MessageTransferReqData,
  NAS_MEDIA_TYPE,
  type ProblemDetails,
} from "./types.js";

export type NamfClientOptions = ContractClientOptions;
export type NamfClient = Client<paths>;

/**
 * A typed client of the AMF's Namf_Communication subset. N1N2MessageTransfer needs a multipart/related body: use
 * {@link transferN1Message}, or pass {@link multipartBodySerializer} yourself.
 */
export function createNamfClient(options: NamfClientOptions): NamfClient {
  return createContractClient<paths>(options);
}

/** The multipart/related encoding of a JSON part with an N1 message container and its N1 message octets. */
export function n1MultipartBody(
  jsonData: { n1MessageContainer: N1MessageContainer },
  n1Message: Uint8Array,
): { body: Uint8Array; contentType: string } {
  return encodeMultipartRelated([
    { contentType: "application/json", body: JSON.stringify(jsonData) },
    { contentType: NAS_MEDIA_TYPE, contentId: jsonData.n1MessageContainer.n1MessageContent.contentId, body: n1Message },
  ]);
}

/**
 * openapi-fetch body serializer for the spec's multipart/related bodies (`{ jsonData, binaryDataN1Message }`, the
 * N1 message as a binary string). Set the Content-Type it returns too; {@link transferN1Message} does both.
 */
export function multipartBodySerializer(body: {
  jsonData: { n1MessageContainer: N1MessageContainer };
  binaryDataN1Message: string;
}): { body: Uint8Array; contentType: string } {
  return n1MultipartBody(body.jsonData, new Uint8Array(Buffer.from(body.binaryDataN1Message, "latin1")));
}

/**
 * N1N2MessageTransfer of class UPDP: sends `n1Message` (a MANAGE UE POLICY COMMAND, without NAS transport) to the UE
 * `ueContextId` (`imsi-<IMSI>`). Resolves with openapi-fetch's `{ data, error, response }`.
 */
export async function transferN1Message(
  client: NamfClient,
  ueContextId: string,
  n1Message: Uint8Array,
  options: {
    data?: Omit<N1N2MessageTransferReqData, "n1MessageContainer">;
    contentId?: string;
    signal?: AbortSignal;
  } = {},
) {
  const jsonData: N1N2MessageTransferReqData = {
    ...options.data,
    n1MessageContainer: { n1MessageClass: "UPDP", n1MessageContent: { contentId: options.contentId ?? "n1msg" } },
  };
  const encoded = n1MultipartBody(jsonData, n1Message);
  return client.POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages", {
    params: { path: { ueContextId } },
    body: { jsonData, binaryDataN1Message: Buffer.from(n1Message).toString("latin1") },
    bodySerializer: () => encoded.body as unknown as string,
    headers: { "Content-Type": encoded.contentType },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export interface NotifyResult {
  status: number;
  /** The ProblemDetails of a refusal, when the consumer sent one. */
  problem?: ProblemDetails;
}

/**
 * N1MessageNotify: the AMF posts the UE's N1 message (`n1Message`, e.g. MANAGE UE POLICY COMPLETE) to a consumer's
 * `n1NotifyCallbackUri`. Network failures reject; any HTTP answer resolves with its status.
 */
export async function sendN1MessageNotify(
  uri: string,
  notification: Omit<N1MessageNotification, "n1MessageContainer"> & { n1MessageContainer?: N1MessageContainer },
  n1Message: Uint8Array,
  options: { fetch?: typeof fetch; signal?: AbortSignal; token?: string } = {},
): Promise<NotifyResult> {
  const jsonData: N1MessageNotification = {
    ...notification,
    n1MessageContainer: notification.n1MessageContainer ?? {
      n1MessageClass: "UPDP",
      n1MessageContent: { contentId: "n1msg" },
    },
  };
  const encoded = n1MultipartBody(jsonData, n1Message);
  const res = await (options.fetch ?? fetch)(uri, {
    method: "POST",
    headers: {
      "Content-Type": encoded.contentType,
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    body: encoded.body,
    signal: options.signal ?? AbortSignal.timeout(5000),
  });
  const text = await res.text().catch(() => "");
  let problem: ProblemDetails | undefined;
  if (!res.ok && text) {
    try {
      problem = JSON.parse(text) as ProblemDetails;
    } catch {
      problem = undefined;
    }
  }
  return { status: res.status, ...(problem ? { problem } : {}) };
}
