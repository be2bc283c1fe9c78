import type { RequestHandler } from "express";
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { HttpError } from "./errors.js";

type VerifyKey = Parameters<typeof jwtVerify>[1];

export interface BearerAuthOptions {
  /** The verification key(s): a JWKS getter (`createLocalJWKSet`/`createRemoteJWKSet`) or a single public key. */
  keys: JWTVerifyGetKey | Exclude<VerifyKey, JWTVerifyGetKey>;
  issuer: string | string[];
  audience: string | string[];
  /** Accepted algorithms (default: ES256, RS256, PS256, EdDSA). */
  algorithms?: string[];
  /** Allowed clock skew in seconds (default 30). */
  clockToleranceSeconds?: number;
  /** Scope that must appear in the `scope` claim, if any. */
  requiredScope?: string;
  /** The realm named in WWW-Authenticate. */
  realm?: string;
  /** Injectable clock (ms since epoch). */
  now?: () => number;
  /** How many verified tokens to remember (default 1024; 0 disables). Each is remembered until it expires, at most 5 minutes. */
  cacheSize?: number;
  /**
   * Longest token accepted, in characters (default 4096). A longer one is refused before any parsing or signature
   * check: access tokens of an authorization server are a few hundred bytes, and an oversized token is only a way to
   * make the verifier (and its cache) work.
   */
  maxTokenLength?: number;
}

export interface VerifyJwtOptions {
  issuer: string | string[];
  audience: string | string[];
  algorithms?: string[];
  /** Allowed clock skew in seconds, for `exp`, `nbf` and `iat` alike (default 30). */
  clockToleranceSeconds?: number;
  /** The verifier's time (ms since epoch). */
  now: number;
  /** Claims that must be present (default `exp`). */
  requiredClaims?: string[];
}

/** Thrown when a token's `iat` lies in the future beyond the clock tolerance (code `ERR_JWT_IAT_IN_FUTURE`). */
export class TokenIssuedInFutureError extends Error {
  readonly code = "ERR_JWT_IAT_IN_FUTURE";
  readonly claim = "iat";
}

/**
 * The one JWT verification of carrierkit: signature, issuer, audience, `exp`/`nbf` — and, unlike a plain
 * `jwtVerify`, an `iat` in the future by more than the clock tolerance is refused too (a token minted by a
 * clock running ahead, or forged to outlive a key rotation).
 */
export async function verifyJwt(
  token: string,
  keys: JWTVerifyGetKey | Exclude<VerifyKey, JWTVerifyGetKey>,
  options: VerifyJwtOptions,
): Promise<JWTPayload> {
  const tolerance = options.clockToleranceSeconds ?? 30;
  const { payload } = await jwtVerify(token, keys as JWTVerifyGetKey, {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: options.algorithms ?? ["ES256", "RS256", "PS256", "EdDSA"],
    clockTolerance: tolerance,
    currentDate: new Date(options.now),
    requiredClaims: options.requiredClaims ?? ["exp"],
  });
  if (payload.iat !== undefined && payload.iat > Math.floor(options.now / 1000) + tolerance)
    throw new TokenIssuedInFutureError("the token's iat lies in the future");
  return payload;
}

interface Cached {
  claims: JWTPayload;
  until: number;
}

/** Verifies RFC 6750 bearer JWTs and puts the claims in `res.locals.auth`. */
export function bearerAuth(options: BearerAuthOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const realm = options.realm ?? "carrierkit";
  const cacheSize = options.cacheSize ?? 1024;
  const cache = new Map<string, Cached>();
  const algorithms = options.algorithms ?? ["ES256", "RS256", "PS256", "EdDSA"];
  const tolerance = options.clockToleranceSeconds ?? 30;

  const reject = (error: string, description: string) =>
    new HttpError(401, "unauthorized", description, {
      "WWW-Authenticate": `Bearer realm="${realm}", error="${error}", error_description="${description.replace(/"/g, "'")}"`,
    });

  async function verify(token: string): Promise<JWTPayload> {
    const t = now();
    const hit = cache.get(token);
    if (hit && hit.until > t) return hit.claims;
    if (hit) cache.delete(token);
    const payload = await verifyJwt(token, options.keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms,
      clockToleranceSeconds: tolerance,
      now: t,
    });
    if (options.requiredScope) {
      const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
      if (!scopes.includes(options.requiredScope)) throw new ScopeError();
    }
    if (cacheSize > 0) {
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(token, { claims: payload, until: Math.min((payload.exp ?? 0) * 1000, t + 300_000) });
    }
    return payload;
  }

  return (req, res, next) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header) : null;
    if (!match) {
      next(
        header
          ? reject("invalid_request", "The Authorization header is not a bearer token.")
          : new HttpError(401, "unauthorized", "A bearer token is required.", {
              "WWW-Authenticate": `Bearer realm="${realm}"`,
            }),
      );
      return;
    }
    if (match[1]!.length > (options.maxTokenLength ?? 4096)) {
      next(reject("invalid_token", "The token is too large."));
      return;
    }
    verify(match[1]!).then(
      (claims) => {
        res.locals.auth = claims;
        next();
      },
      (err: unknown) =>
        next(
          err instanceof ScopeError
            ? new HttpError(403, "unauthorized", "The token lacks the required scope.", {
                "WWW-Authenticate": `Bearer realm="${realm}", error="insufficient_scope", scope="${options.requiredScope}"`,
              })
            : reject("invalid_token", describeJoseError(err)),
        ),
    );
  };
}

class ScopeError extends Error {}

function describeJoseError(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "The token has expired.";
    case "ERR_JWT_IAT_IN_FUTURE":
      return "The token's iat claim lies in the future.";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `The token's ${(err as { claim?: string }).claim ?? "claims"} claim is not accepted.`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "The token's signature is not valid.";
    default:
      return "The token is not valid.";
  }
}
