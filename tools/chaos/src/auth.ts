/**
 * The auth suite: every protected operation of a contract × every way a bearer token can be wrong → 401 in the
 * contract's error body with a WWW-Authenticate challenge; the same requests with a valid token succeed (so the
 * matrix proves the token, not the request, was refused).
 */
import { createPublicKey, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateKeyPair, SignJWT } from "jose";
import { parse } from "yaml";
import { AUDIENCE, ISSUER, type Signer } from "./target.js";

const specs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "specs");

export interface ProtectedOperation {
  operationId: string;
  method: string;
  /** Path with its parameters filled in, and the query. */
  url: string;
  body?: unknown;
}

interface OpenApi {
  security?: unknown[];
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[]; requestBody?: unknown }>>;
  components: { examples?: Record<string, { value?: unknown }> };
}

/** The operations of `specs/<contract>/openapi.yaml` that require a credential (own or inherited `security`). */
export function protectedOperations(contract: string): Array<{ operationId: string; method: string; path: string }> {
  const spec = parse(readFileSync(join(specs, contract, "openapi.yaml"), "utf8")) as OpenApi;
  const out: Array<{ operationId: string; method: string; path: string }> = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId) continue;
      const security = op.security ?? spec.security ?? [];
      const anonymous = security.length === 0 || security.some((s) => Object.keys(s as object).length === 0);
      if (!anonymous) out.push({ operationId: op.operationId, method: method.toUpperCase(), path });
    }
  return out;
}

/** Valid requests for the reference DPA's demo data, one per operation of the DPA contract. */
export function dpaRequests(msisdn = "919876543210"): Record<string, () => Omit<ProtectedOperation, "operationId">> {
  const q = "key_type=MSISDN&client_id=mobiledataplan";
  return {
    getPlanStatus: () => ({ method: "GET", url: `/${msisdn}/planStatus?${q}` }),
    getPlanOffer: () => ({ method: "GET", url: `/${msisdn}/planOffer?${q}` }),
    purchasePlan: () => ({
      method: "POST",
      url: `/${msisdn}/purchasePlan?${q}`,
      body: { planId: "daily-1gb", transactionId: randomUUID() },
    }),
    setConsentStatus: () => ({
      method: "POST",
      url: `/${msisdn}/consent?${q}`,
      body: { consentAction: "CONSENT_USER_OPT_IN", actionTimestamp: new Date().toISOString() },
    }),
    getPlanEligibility: () => ({ method: "GET", url: `/${msisdn}/Eligibility/daily-1gb?key_type=MSISDN` }),
    listEligiblePlans: () => ({ method: "GET", url: `/${msisdn}/Eligibility?key_type=MSISDN` }),
    recordOfferOptOut: () => ({
      method: "POST",
      url: `/${msisdn}/offerOptOut?key_type=MSISDN`,
      body: { optOut: false, actionTimestamp: new Date().toISOString() },
    }),
    registerMsisdn: () => ({ method: "POST", url: "/register", body: { msisdn } }),
    getDpaStatus: () => ({ method: "GET", url: "/dpaStatus" }),
  };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Every kind of bad credential, as the Authorization header value (undefined: no header). */
export async function badCredentials(signer: Signer): Promise<Record<string, string | undefined>> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await signer.token();
  const [h, p, sig] = valid.split(".");
  const foreign = await generateKeyPair("ES256");
  const claims = { scope: "dpa", iss: ISSUER, aud: AUDIENCE, sub: "gtaf", iat: now, exp: now + 3600 };
  // Key confusion: the verifier's own public key (PEM) used as an HMAC secret.
  const publicPem = createPublicKey({ key: signer.jwks.keys[0] as import("node:crypto").JsonWebKey, format: "jwk" })
    .export({ type: "spki", format: "pem" })
    .toString();
  const hs256 = await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", kid: String(signer.jwks.keys[0]?.kid) })
    .sign(new TextEncoder().encode(publicPem));
  return {
    none: undefined,
    "not bearer": `Basic ${Buffer.from("gtaf:secret").toString("base64")}`,
    garbage: "Bearer not-a-jwt",
    "empty bearer": "Bearer ",
    expired: `Bearer ${await signer.token({ iat: now - 7200, exp: now - 3600 })}`,
    "future nbf": `Bearer ${await signer.token({ nbf: now + 3600, exp: now + 7200 })}`,
    "future iat": `Bearer ${await signer.token({ iat: now + 3600, exp: now + 7200 })}`,
    "no exp": `Bearer ${await signer.token({ exp: undefined })}`,
    "wrong iss": `Bearer ${await signer.token({ iss: "https://evil.example" })}`,
    "wrong aud": `Bearer ${await signer.token({ aud: "someone-else" })}`,
    "alg none": `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`,
    "HS256 with the public key": `Bearer ${hs256}`,
    "foreign key, same kid": `Bearer ${await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: String(signer.jwks.keys[0]?.kid) })
      .sign(foreign.privateKey)}`,
    "tampered payload": `Bearer ${h}.${b64({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), scope: "admin dpa", sub: "root" })}.${sig}`,
    "tampered signature": `Bearer ${h}.${p}.${sig!.slice(0, -4)}AAAA`,
    "huge (10 KB)": `Bearer ${await signer.token({ pad: "x".repeat(7_000) })}`,
  };
}

export interface AuthCase {
  operationId: string;
  credential: string;
  status: number;
  /** Whether the body was the contract's error body with a WWW-Authenticate challenge. */
  shaped: boolean;
}

export interface AuthResult {
  operations: number;
  credentials: number;
  requests: number;
  refused: number;
  /** Cases not answered 401 in the error body. */
  failures: AuthCase[];
  /** Operations whose valid-token control did not succeed (the matrix would prove nothing for them). */
  controlFailures: string[];
  /** Operations of the contract that the request table does not cover. */
  uncovered: string[];
}

/** Runs the matrix against a running DPA. `isErrorBody` tells the contract's error body. */
export async function runAuthMatrix(
  url: string,
  signer: Signer,
  contract = "dpa",
  requests = dpaRequests(),
  isErrorBody: (body: unknown) => boolean = (b) =>
    typeof b === "object" && b !== null && typeof (b as { error?: unknown }).error === "string",
): Promise<AuthResult> {
  const ops = protectedOperations(contract);
  const uncovered = ops.filter((o) => !requests[o.operationId]).map((o) => o.operationId);
  const credentials = await badCredentials(signer);
  const valid = `Bearer ${await signer.token()}`;
  const send = async (req: Omit<ProtectedOperation, "operationId">, authorization: string | undefined) => {
    const headers: Record<string, string> = {};
    if (authorization !== undefined) headers.Authorization = authorization;
    if (req.body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${url}${req.url}`, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const body = await res.json().catch(() => undefined);
    return { status: res.status, shaped: isErrorBody(body) && res.headers.has("www-authenticate") };
  };
  const failures: AuthCase[] = [];
  const controlFailures: string[] = [];
  let count = 0;
  for (const op of ops) {
    const make = requests[op.operationId];
    if (!make) continue;
    const control = await send(make(), valid);
    count++;
    if (control.status >= 300) controlFailures.push(`${op.operationId}: ${control.status}`);
    for (const [credential, authorization] of Object.entries(credentials)) {
      const r = await send(make(), authorization);
      count++;
      if (r.status !== 401 || !r.shaped)
        failures.push({ operationId: op.operationId, credential, status: r.status, shaped: r.shaped });
    }
  }
  return {
    operations: ops.length,
    credentials: Object.keys(credentials).length,
    requests: count,
    refused: count - ops.length - failures.length,
    failures,
    controlFailures,
    uncovered,
  };
}
