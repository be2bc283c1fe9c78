import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";

/** A demo signing key standing in for the operator's OAuth server, so `npm start` works without one. */
export interface DemoIssuer {
  publicJwks: { keys: JWK[] };
  /** Mints an access token like the operator's authorization server would issue to GTAF. */
  mint(options?: { subject?: string; ttlSeconds?: number }): Promise<string>;
}

/** Loads (or creates and keeps) an ES256 demo key at `path`. */
export async function demoIssuer(path: string, issuer: string, audience: string): Promise<DemoIssuer> {
  let privateJwk: JWK;
  if (existsSync(path)) {
    privateJwk = JSON.parse(readFileSync(path, "utf8")) as JWK;
  } else {
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `demo-${Date.now().toString(36)}`, alg: "ES256", use: "sig" };
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, "ES256");
  return {
    publicJwks: { keys: [publicJwk] },
    mint: ({ subject = "gtaf", ttlSeconds = 3600 } = {}) =>
      new SignJWT({ scope: "dpa", client_id: subject })
        .setProtectedHeader({ alg: "ES256", kid: privateJwk.kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}
