import type { Request, RequestHandler, Response } from "express";
import { HttpError } from "./errors.js";

export interface RateLimitOptions {
  /** Sustained requests per second per key. */
  ratePerSecond: number;
  /** Bucket size (default: one second's worth). */
  burst?: number;
  /** The caller key (default: the authenticated subject, else the client IP). */
  key?: (req: Request, res: Response) => string;
  /** Injectable clock (ms). */
  now?: () => number;
  /** Most keys remembered (default 10,000); the least recently used is forgotten first. */
  maxKeys?: number;
}

/** A token bucket per caller; an empty bucket answers 429 with Retry-After. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const rate = options.ratePerSecond;
  const burst = options.burst ?? Math.max(1, rate);
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const keyOf =
    options.key ?? ((req: Request, res: Response) => String(res.locals.auth?.sub ?? req.socket.remoteAddress ?? "?"));

  return (req, res, next) => {
    const key = keyOf(req, res);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    buckets.delete(key);
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * rate);
    bucket.at = t;
    buckets.set(key, bucket);
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
    next(
      new HttpError(429, "too_many_requests", `Too many requests; retry after ${retryAfter} s.`, {
        "Retry-After": String(retryAfter),
      }),
    );
  };
}
