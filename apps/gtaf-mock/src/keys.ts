import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { verifyJwt } from "@carrierkit/contract-runtime/node";
import { DATA_PLAN_SHARING_SCOPE } from "@carrierkit/gtaf";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from "jose";

/** A clock in epoch milliseconds; injected everywhere so tests never sleep. */
export type Clock = () => number;

/** GTAF's own ES256 signing key: tokens it sends to DPAs, and access tokens it issues to them. */
export interface GtafSigner {
  /** The public JWK Set (served at /.well-known/jwks.json). */
  publicJwks: { keys: JWK[] };
  /** A token for calling the DPA, as GTAF's OAuth server would issue it. */
  mintForDpa(options?: { audience?: string; ttlSeconds?: number; issuer?: string }): Promise<string>;
  /** An access token for a DPA calling GTAF (pushes, callbacks). */
  mintAccessToken(options: {
    subject: string;
    operatorId: string;
    scope?: string;
    ttlSeconds: number;
  }): Promise<string>;
  /** Verifies an access token this GTAF issued (issuer, GTAF audience, expiry on the injected clock). */
  verifyAccessToken(token: string): Promise<JWTPayload>;
  readonly issuer: string;
  /** The audience of GTAF's tokens to the DPA (`DPA_JWT_AUDIENCE`). */
  readonly dpaAudience: string;
  /** The audience of the access tokens GTAF issues for its own API. */
  readonly apiAudience: string;
}

export interface SignerOptions {
  issuer: string;
  dpaAudience: string;
  apiAudience?: string;
  /** Keep the private key in this file (created when missing), so a restarted mock keeps its JWKS. */
  keyFile?: string;
  /** Or use this private JWK. */
  privateJwk?: JWK;
  clock?: Clock;
}

/** Loads or creates GTAF's signing key. */
export async function createSigner(options: SignerOptions): Promise<GtafSigner> {
  const clock = options.clock ?? Date.now;
  let privateJwk = options.privateJwk;
  if (!privateJwk && options.keyFile && existsSync(options.keyFile))
    privateJwk = JSON.parse(readFileSync(options.keyFile, "utf8")) as JWK;
  if (!privateJwk) {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `gtaf-${Date.now().toString(36)}`, alg: "ES256", use: "sig" };
    if (options.keyFile) {
      mkdirSync(dirname(options.keyFile), { recursive: true });
      writeFileSync(options.keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
    }
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, "ES256");
  const kid = privateJwk.kid ?? "gtaf";
  const jwks = createLocalJWKSet({ keys: [publicJwk] });
  const apiAudience = options.apiAudience ?? "https://mobiledataplansharing.googleapis.com";
  const iat = () => Math.floor(clock() / 1000);
  return {
    publicJwks: { keys: [publicJwk] },
    issuer: options.issuer,
    dpaAudience: options.dpaAudience,
    apiAudience,
    mintForDpa: ({ audience = options.dpaAudience, ttlSeconds = 3600, issuer = options.issuer } = {}) => {
      const t = iat();
      return new SignJWT({ scope: "dpa", client_id: "gtaf" })
        .setProtectedHeader({ alg: "ES256", kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject("gtaf")
        .setIssuedAt(t)
        .setExpirationTime(t + ttlSeconds)
        .sign(key);
    },
    mintAccessToken: ({ subject, operatorId, scope = DATA_PLAN_SHARING_SCOPE, ttlSeconds }) => {
      const t = iat();
      return new SignJWT({ scope, operator: operatorId })
        .setProtectedHeader({ alg: "ES256", kid })
        .setIssuer(options.issuer)
        .setAudience(apiAudience)
        .setSubject(subject)
        .setIssuedAt(t)
        .setExpirationTime(t + ttlSeconds)
        .sign(key);
    },
    verifyAccessToken: (token) =>
      verifyJwt(token, jwks, {
        issuer: options.issuer,
        audience: apiAudience,
        algorithms: ["ES256"],
        now: clock(),
        clockToleranceSeconds: 30,
      }),
  };
}
