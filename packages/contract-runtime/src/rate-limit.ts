import type { Request, RequestHandler, Response } from "express";
import { HttpError } from "./errors.js";

/**
 * Where the token buckets live. The default keeps them in this process's memory; several instances behind one load
 * balancer share one store (e.g. `SharedRateLimits` of carrierkit's operator core, on PostgreSQL), so a caller gets
 * `burst` in total, not per instance. `take` refills the key's bucket for the time since its last use, takes a token
 * if there is one and says whether it did.
 */
export interface RateLimitStore {
  take(
    key: string,
    now: number,
    ratePerSecond: number,
    burst: number,
  ): { allowed: boolean; tokens: number } | Promise<{ allowed: boolean; tokens: number }>;
}

export interface RateLimitOptions {
  /** Sustained requests per second per key. */
  ratePerSecond: number;
  /** Bucket size (default: one second's worth). */
  burst?: number;
  /** The caller key (default: the authenticated subject, else the client IP). */
  key?: (req: Request, res: Response) => string;
  /** Injectable clock (ms). */
  now?: () => number;
  /** Most keys remembered by the in-memory store (default 10,000); the least recently used is forgotten first. */
  maxKeys?: number;
  /** Shared buckets (default: in this process's memory, see {@link memoryRateLimitStore}). */
  store?: RateLimitStore;
  /**
   * The error answered when the store fails (it is down or too slow): default 503 with `Retry-After: 1`. A contract
   * passes its own 503 body here. The limiter never lets a request through unchecked.
   */
  unavailable?: (err: unknown) => Error;
}

/** Token buckets in this process's memory, LRU-bounded to `maxKeys`. */
export function memoryRateLimitStore(maxKeys = 10_000): RateLimitStore {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, t, rate, burst) {
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      buckets.delete(key);
      bucket.tokens = Math.min(burst, bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * rate);
      bucket.at = Math.max(bucket.at, t);
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      return { allowed, tokens: bucket.tokens };
    },
  };
}

/** A token bucket per caller; an empty bucket answers 429 with Retry-After. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const rate = options.ratePerSecond;
  const burst = options.burst ?? Math.max(1, rate);
  const store = options.store ?? memoryRateLimitStore(options.maxKeys);
  const keyOf =
    options.key ?? ((req: Request, res: Response) => String(res.locals.auth?.sub ?? req.socket.remoteAddress ?? "?"));
  const unavailable =
    options.unavailable ??
    (() =>
      new HttpError(503, "internal", "The rate limiter's store is unavailable; retry later.", { "Retry-After": "1" }));

  const decide = (decision: { allowed: boolean; tokens: number }, next: (err?: unknown) => void) => {
    if (decision.allowed) {
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - decision.tokens) / rate));
    next(
      new HttpError(429, "too_many_requests", `Too many requests; retry after ${retryAfter} s.`, {
        "Retry-After": String(retryAfter),
      }),
    );
  };

  return (req, res, next) => {
    let decision: ReturnType<RateLimitStore["take"]>;
    try {
      decision = store.take(keyOf(req, res), now(), rate, burst);
    } catch (err) {
      next(unavailable(err));
      return;
    }
    if (decision instanceof Promise)
      decision.then(
        (d) => decide(d, next),
        (err: unknown) => next(unavailable(err)),
      );
    else decide(decision, next);
  };
}
