import { existsSync, readFileSync } from "node:fs";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { type Clock, ConformanceUsageError } from "./types.js";

/**
 * Mints bearer tokens for calling a DPA, as the operator's authorization server issues them to GTAF. Anything with
 * `mintForDpa` fits (the carrierkit GTAF mock's signer does).
 */
export interface DpaTokenSigner {
  /** The default `iss` of minted tokens. */
  readonly issuer?: string;
  /** The default `aud` of minted tokens. */
  readonly dpaAudience?: string;
  mintForDpa(options?: { audience?: string; ttlSeconds?: number; issuer?: string }): Promise<string>;
}

export interface DpaTokenSignerOptions {
  issuer: string;
  audience: string;
  /** A private JWK (EC P-256 or RSA; `alg` defaults to ES256 or RS256). Without it or `keyFile`: a fresh key. */
  privateJwk?: JWK;
  /** A file holding the private JWK. It is only read: a missing or unreadable file is a `ConformanceUsageError`. */
  keyFile?: string;
  clock?: Clock;
}

function readKeyFile(path: string): JWK {
  if (!existsSync(path)) throw new ConformanceUsageError(`the key file ${path} does not exist`);
  let jwk: unknown;
  try {
    jwk = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new ConformanceUsageError(`the key file ${path} is not JSON: ${(err as Error).message}`);
  }
  return jwk as JWK;
}

/** A signer over a private JWK (from `privateJwk`, `keyFile`, or generated: then no DPA trusts it). */
export async function createDpaTokenSigner(options: DpaTokenSignerOptions): Promise<DpaTokenSigner> {
  const clock = options.clock ?? Date.now;
  let jwk = options.privateJwk ?? (options.keyFile ? readKeyFile(options.keyFile) : undefined);
  if (!jwk) {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: `conformance-${clock().toString(36)}`, alg: "ES256" };
  }
  const where = options.keyFile ? `the key file ${options.keyFile}` : "the private JWK";
  if (typeof jwk !== "object" || jwk === null || typeof jwk.d !== "string")
    throw new ConformanceUsageError(`${where} is not a private JWK (no "d")`);
  const alg = jwk.alg ?? (jwk.kty === "RSA" ? "RS256" : "ES256");
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk, alg);
  } catch (err) {
    throw new ConformanceUsageError(`${where} cannot sign ${alg}: ${(err as Error).message}`);
  }
  const kid = jwk.kid;
  return {
    issuer: options.issuer,
    dpaAudience: options.audience,
    mintForDpa: ({ audience = options.audience, ttlSeconds = 3600, issuer = options.issuer } = {}) => {
      const iat = Math.floor(clock() / 1000);
      return new SignJWT({ scope: "dpa", client_id: "gtaf" })
        .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject("gtaf")
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
  };
}
