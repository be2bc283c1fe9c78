import { toHttpError } from "@carrierkit/contract-runtime/node";
import type { NextFunction, Request, Response } from "express";

/** A client error the portal answers with its status (HTML page or JSON body, see app.ts). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The JSON body's `code` (the data-boost page reads FailureCode names). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The client error behind whatever a body parser or express threw (payload too large 413, unsupported charset or
 * encoding 415, malformed body 400, malformed percent-encoding 400), or undefined for a server fault. The mapping of
 * parser errors is contract-runtime's (`toHttpError`), shared with the other apps.
 */
export function clientError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof URIError) return new HttpError(400, "The address has malformed percent-encoding.");
  const mapped = toHttpError(err);
  return mapped.status < 500 ? new HttpError(mapped.status, mapped.message) : undefined;
}

/** The origins a state-changing request may come from: the configured ones, else the request's own. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get("host") ?? ""}`;
}

/**
 * The strict Origin check of every state-changing request (POST/PUT/PATCH/DELETE): `Origin` must be one of the
 * allowed origins (`null` never is); without `Origin`, a `Referer` must be from one; without either (a non-browser
 * client) the synchronizer token alone decides. `exempt` lists the POST routes that change nothing (Android opening
 * the data-boost page by POST).
 */
export function originGuard(allowed: readonly string[] | undefined, exempt: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method) || exempt.includes(req.path)) return next();
    const origins = allowed?.length ? allowed : [ownOrigin(req)];
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (!origins.includes(origin)) return next(new HttpError(403, "This request came from another site.", "CSRF"));
      return next();
    }
    const referer = req.headers.referer;
    if (referer !== undefined) {
      let from: string | undefined;
      try {
        from = new URL(referer).origin;
      } catch {
        from = undefined;
      }
      if (!from || !origins.includes(from))
        return next(new HttpError(403, "This request came from another site.", "CSRF"));
    }
    next();
  };
}
