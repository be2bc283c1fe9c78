/**
 * The hostile suite's contracts: for each, the server under attack (in a process of its own, for memory readings),
 * its base-request table — one valid request per operation, with the credentials it needs, bodies taken from the
 * spec's named examples where there are some — and its own error shape: the DPA's `ErrorResponse` (`error` or
 * `errorMessage`, with `cause`), TS.43's `EntitlementError` `{ error }`, GTAF's google.rpc.Status (`GtafError`) and,
 * on the token endpoint, RFC 6749's `OAuthError`; the entitlement admin API (no spec yet) `{ error }`.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { demoSims } from "@carrierkit/operator-core";
import { fromHex, rootNai, SoftUsim, Ts43Client } from "@carrierkit/ts43";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { dpaRequests } from "./auth.js";
import {
  type ErrorShapeCheck,
  exampleBody,
  type HostileContract,
  loadSpec,
  type OperationCase,
  type Schema,
  specErrorShape,
} from "./hostile.js";
import type { HostileTargetOptions } from "./hostile-process.js";
import { type MemoryReading, readMemory } from "./memory-hook.js";
import { createChaosStore, createSigner, type DpaProcess, launchDpa, launchServer } from "./target.js";

const here = dirname(fileURLToPath(import.meta.url));

/** A server under attack, its contracts, and how to read its memory. */
export interface HostileTarget {
  /** The server's name in reports (`dpa`, `entitlement`, `gtaf-mock`). */
  server: string;
  url: string;
  contracts: HostileContract[];
  process: DpaProcess;
  memory(gc?: boolean): Promise<MemoryReading>;
  alive(): Promise<boolean>;
  /** The `/metrics` exposition text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

const plainError: ErrorShapeCheck = ({ contentType, body }) => {
  if (!/^application\/json\b/i.test(contentType)) return `content type '${contentType || "(none)"}', not JSON`;
  const ok =
    typeof body === "object" &&
    body !== null &&
    Object.keys(body).length === 1 &&
    typeof (body as { error?: unknown }).error === "string";
  return ok ? undefined : "not the { error } body";
};

function helpers(url: string, proc: DpaProcess) {
  return {
    memory: (gc = false) => readMemory(proc.child, gc),
    alive: async () => {
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })).ok;
      } catch {
        return false;
      }
    },
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
  };
}

// ---- DPA ------------------------------------------------------------------------------------------------------------

const DPA_MSISDN = "919876543210";

/** The DPA contract's cases against a reference DPA holding the demo subscriber, with a bearer token. */
export function dpaContract(token: string, msisdn = DPA_MSISDN): HostileContract {
  const spec = loadSpec("dpa");
  const cases: OperationCase[] = Object.entries(dpaRequests(msisdn)).map(([operationId, make]) => {
    const r = make();
    return {
      operationId,
      base: {
        ...r,
        headers: { Authorization: `Bearer ${token}` },
        ...(r.url.includes(msisdn) ? { pathParams: { userKey: msisdn } } : {}),
      },
    };
  });
  return { name: "dpa", spec, cases, errorShape: specErrorShape(spec, "ErrorResponse") };
}

/** The reference DPA in a process of its own on a fresh SQLite store. */
export async function launchDpaTarget(exposeGc = false): Promise<HostileTarget> {
  const store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100" });
  const signer = await createSigner();
  const token = await signer.token({ exp: Math.floor(Date.now() / 1000) + 6 * 3600 });
  const proc = await launchDpa(
    { location: store.location, jwks: signer.jwks, app: { observability: { defaultMetrics: true } } },
    { exposeGc },
  );
  return {
    server: "dpa",
    url: proc.url,
    contracts: [dpaContract(token)],
    process: proc,
    ...helpers(proc.url, proc),
    stop: async () => {
      await proc.stop();
      await store.cleanup();
    },
  };
}

// ---- TS.43 entitlement server and its admin API ---------------------------------------------------------------------

const TERMINAL = "356938035643809";
const EAP_MEDIA = "application/vnd.gsma.eap-relay.v1.0+json";

const b64 = (bytes: number[]) => Buffer.from(bytes).toString("base64");

/** EAP-level attacks inside a well-formed relay body (RFC 3748 header, RFC 4187 AKA subtypes and attributes). */
const EAP_PACKETS: Array<[string, string]> = [
  ["EAP: header only", b64([2, 1, 0, 4])],
  ["EAP: length beyond the packet", b64([2, 1, 0, 200, 23, 1, 0, 0])],
  ["EAP: length shorter than the header", b64([2, 1, 0, 2, 23, 1, 0, 0])],
  ["EAP: Identity instead of AKA", b64([2, 1, 0, 5, 1])],
  ["EAP: unknown AKA subtype", b64([2, 1, 0, 8, 23, 99, 0, 0])],
  ["EAP: AT_RES of length 0", b64([2, 1, 0, 12, 23, 1, 0, 0, 3, 0, 0, 0])],
  ["EAP: AT_RES longer than the packet", b64([2, 1, 0, 12, 23, 1, 0, 0, 3, 9, 0, 0])],
  ["EAP: AT_MAC too short", b64([2, 1, 0, 16, 23, 1, 0, 0, 11, 2, 0, 0, 0, 0, 0, 0])],
  ["EAP: Synchronization-Failure without AUTS", b64([2, 1, 0, 8, 23, 4, 0, 0])],
  ["EAP: Authentication-Reject", b64([2, 1, 0, 8, 23, 2, 0, 0])],
  ["EAP: Client-Error", b64([2, 1, 0, 12, 23, 14, 0, 0, 22, 1, 0, 0])],
  ["EAP: a Request from the peer", b64([1, 1, 0, 8, 23, 1, 0, 0])],
  ["EAP: Success from the peer", b64([3, 1, 0, 4])],
  ["EAP: 3,000 zero bytes", b64(Array.from({ length: 3000 }, () => 0))],
  ["EAP: 40 random bytes", Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 73 + 11) % 256)).toString("base64")],
  ["EAP: base64url alphabet", "AgIAKBcBAAAD-_8"],
  ["EAP: base64 with whitespace", "AgIA KBcB\nAAAD"],
];

/** The TS.43 cases: EAP-AKA start (GET and POST), token authentication, the EAP relay POST on a fresh session. */
export function ts43Contract(options: { url: string; imsi: string; token: string }): HostileContract {
  const spec = loadSpec("ts43");
  const eapId = rootNai(options.imsi, 2);
  const q = (extra: Record<string, string>) =>
    `/?${new URLSearchParams({ vers: "0", entitlement_version: "12.0", terminal_id: TERMINAL, app: "ap2010", ...extra })}`;
  const post = exampleBody(spec, "postEntitlementRequest") as Record<string, unknown>;
  const relay = exampleBody(spec, "postEntitlementRequest", EAP_MEDIA);
  const startUrl = `${options.url}${q({ EAP_ID: eapId })}`;
  return {
    name: "ts43",
    spec,
    cases: [
      {
        operationId: "getEntitlementConfiguration",
        name: "EAP-AKA start",
        base: { method: "GET", url: q({ EAP_ID: eapId }), headers: { Accept: EAP_MEDIA } },
      },
      {
        operationId: "getEntitlementConfiguration",
        name: "token, XML",
        base: {
          method: "GET",
          url: q({ token: options.token, IMSI: options.imsi, boost_type: "0" }),
          headers: { Accept: "text/vnd.wap.connectivity-xml" },
        },
      },
      {
        operationId: "postEntitlementRequest",
        name: "JSON request",
        base: {
          method: "POST",
          url: "/",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: { ...post, EAP_ID: eapId },
        },
      },
      {
        operationId: "postEntitlementRequest",
        name: "EAP relay",
        base: {
          method: "POST",
          url: "/",
          headers: { "Content-Type": EAP_MEDIA, Accept: EAP_MEDIA, Cookie: "ECS_SESSION={{session}}" },
          body: relay,
          bodyVariants: EAP_PACKETS.map(([name, packet]) => [name, { "eap-relay-packet": packet }]),
        },
      },
    ],
    errorShape: specErrorShape(spec, "EntitlementError"),
    fresh: {
      // Each relay POST gets a session of its own: any failed round ends the session it was sent on.
      session: async () => {
        const res = await fetch(startUrl, { headers: { Accept: EAP_MEDIA } });
        await res.body?.cancel();
        return /ECS_SESSION=([0-9a-f]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? "none";
      },
    },
  };
}

/** The admin API's body schema for PUT …/data-boost (hand-written: the API has no spec yet). */
const dataBoostSchema: Schema = {
  type: "object",
  required: ["entitlementStatus", "provStatus"],
  additionalProperties: false,
  properties: {
    entitlementStatus: { type: "integer", minimum: 0, maximum: 4 },
    provStatus: { type: "integer", minimum: 0, maximum: 3 },
  },
};

/** The entitlement admin API's cases, from a hand-written base table (bearer admin token). */
export function adminContract(adminToken: string, subscriberId = "sub-ben"): HostileContract {
  const headers = { Authorization: `Bearer ${adminToken}` };
  const path = { id: subscriberId };
  return {
    name: "entitlement-admin",
    cases: [
      { operationId: "listSubscribers", base: { method: "GET", url: "/admin/subscribers", headers } },
      {
        operationId: "getSubscriber",
        base: { method: "GET", url: `/admin/subscribers/${subscriberId}`, headers, pathParams: path },
      },
      {
        operationId: "setDataBoost",
        base: {
          method: "PUT",
          url: `/admin/subscribers/${subscriberId}/data-boost`,
          headers,
          pathParams: path,
          body: { entitlementStatus: 1, provStatus: 0 },
          bodySchema: dataBoostSchema,
        },
      },
      {
        operationId: "recordDataBoostPurchase",
        base: {
          method: "POST",
          url: `/admin/subscribers/${subscriberId}/data-boost/purchase`,
          headers,
          pathParams: path,
          body: {},
          bodySchema: { type: "object", additionalProperties: false, properties: {} },
        },
      },
    ],
    errorShape: plainError,
  };
}

/** The entitlement server in a process of its own on a SQLite file with the demo USIMs; a token from a real EAP-AKA. */
export async function launchEntitlementTarget(exposeGc = false): Promise<HostileTarget> {
  const dir = mkdtempSync(join(tmpdir(), "carrierkit-hostile-ecs-"));
  const adminToken = "chaos-admin-token";
  const options: HostileTargetOptions = { kind: "entitlement", sqlitePath: join(dir, "ecs.db"), adminToken };
  const proc = await launchServer(join(here, "hostile-process.ts"), options, { exposeGc });
  // Ben's USIM (Asha's is the one the other tests resynchronise); a full EAP-AKA gives the token case its token.
  const sim = demoSims[1];
  const usim = new SoftUsim({ imsi: sim.imsi, k: fromHex(sim.kHex), opc: fromHex(sim.opcHex), sqn: 0n });
  const client = new Ts43Client({ baseUrl: `${proc.url}/`, usim, terminalId: TERMINAL });
  await client.getConfiguration(["ap2010"]);
  const token = client.currentToken;
  if (!token) throw new Error("the entitlement server issued no token after EAP-AKA");
  return {
    server: "entitlement",
    url: proc.url,
    contracts: [ts43Contract({ url: proc.url, imsi: sim.imsi, token }), adminContract(adminToken)],
    process: proc,
    ...helpers(proc.url, proc),
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- GTAF mock ------------------------------------------------------------------------------------------------------

const ASN = "64500";
const CLIENT = { clientId: "chaos-dpa", clientSecret: "chaos-dpa-secret" };

/** The GTAF contract's cases against the mock: the DPA-facing side (pushes, callbacks, token) and the device side. */
export function gtafContract(options: {
  accessToken: string;
  msisdn: string;
  transactionId: string;
  now?: number;
}): HostileContract {
  const spec = loadSpec("gtaf");
  const { msisdn, transactionId } = options;
  const now = options.now ?? Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const bearer = { Authorization: `Bearer ${options.accessToken}` };
  const push = exampleBody(spec, "pushPlanStatus") as Record<string, unknown>;
  const callback = exampleBody(spec, "deliverTransactionResult") as { purchase: Record<string, unknown> };
  const user = `/v1/clients/mobiledataplan/users/${msisdn}`;
  const device = { clientId: "mobiledataplan", userKey: msisdn };
  const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
  return {
    name: "gtaf",
    spec,
    cases: [
      {
        operationId: "pushPlanStatus",
        base: {
          method: "POST",
          url: `/v1/operators/${ASN}/clients/mobiledataplan/users/${msisdn}/planStatus`,
          headers: bearer,
          pathParams: { operatorId: ASN, clientId: "mobiledataplan", userKey: msisdn },
          body: { ...push, expireTime: iso(now + 3600_000), updateTime: iso(now) },
        },
      },
      {
        operationId: "deliverTransactionResult",
        base: {
          method: "POST",
          url: `/v1/purchaseCallbacks/${transactionId}`,
          headers: bearer,
          pathParams: { transactionId },
          body: { ...callback, purchase: { ...callback.purchase, transactionId } },
        },
      },
      {
        operationId: "issueToken",
        base: {
          method: "POST",
          url: "/oauth2/token",
          headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
          body: exampleBody(spec, "issueToken", "application/x-www-form-urlencoded"),
        },
      },
      { operationId: "getJwks", base: { method: "GET", url: "/.well-known/jwks.json" } },
      {
        operationId: "getClientPlanStatus",
        base: {
          method: "GET",
          url: `${user}/planStatus?key_type=MSISDN`,
          headers: { "Accept-Language": "hi-IN, en;q=0.8" },
          pathParams: device,
        },
      },
      {
        operationId: "getClientPlanOffer",
        base: { method: "GET", url: `${user}/planOffer?key_type=MSISDN&context=YouTube`, pathParams: device },
      },
      {
        operationId: "startPurchase",
        base: {
          method: "POST",
          url: `${user}/purchases?key_type=MSISDN`,
          pathParams: device,
          body: { ...(exampleBody(spec, "startPurchase") as object), planId: "daily-1gb" },
        },
      },
      {
        operationId: "getPurchase",
        base: { method: "GET", url: `/v1/purchases/${transactionId}`, pathParams: { transactionId } },
      },
      {
        operationId: "registerMsisdn",
        base: { method: "POST", url: "/v1/registrations", body: { msisdn } },
      },
      { operationId: "listExchanges", base: { method: "GET", url: "/mock/exchanges?format=json&limit=5" } },
      { operationId: "getMockState", base: { method: "GET", url: "/mock/state" } },
      { operationId: "pollDpaStatus", base: { method: "POST", url: "/mock/dpaStatus/poll" } },
    ],
    errorShape: specErrorShape(spec, "GtafError"),
  };
}

/** The GTAF mock in a process of its own, in front of a reference DPA (its own process) that trusts the mock's key. */
export async function launchGtafTarget(exposeGc = false): Promise<HostileTarget> {
  const store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100000" });
  const msisdn = store.subscribers[0]!.msisdn;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: "chaos-gtaf", alg: "ES256", use: "sig" };
  const { d: _d, ...publicJwk } = privateJwk;
  const dpa = await launchDpa({ location: store.location, jwks: { keys: [publicJwk] } });
  const options: HostileTargetOptions = {
    kind: "gtaf",
    dpaUrl: dpa.url,
    privateJwk,
    operatorId: ASN,
    client: CLIENT,
    register: [msisdn],
  };
  let proc: DpaProcess;
  try {
    proc = await launchServer(join(here, "hostile-process.ts"), options, { exposeGc });
  } catch (err) {
    await dpa.stop();
    await store.cleanup();
    throw err;
  }
  const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`;
  const tokenRes = await fetch(`${proc.url}/oauth2/token`, {
    method: "POST",
    headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const purchase = await fetch(`${proc.url}/v1/clients/mobiledataplan/users/${msisdn}/purchases?key_type=MSISDN`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ planId: "daily-1gb" }),
  });
  const { transactionId } = (await purchase.json()) as { transactionId: string };
  return {
    server: "gtaf-mock",
    url: proc.url,
    contracts: [gtafContract({ accessToken: access_token, msisdn, transactionId: transactionId ?? randomUUID() })],
    process: proc,
    ...helpers(proc.url, proc),
    stop: async () => {
      await proc.stop();
      await dpa.stop();
      await store.cleanup();
    },
  };
}
