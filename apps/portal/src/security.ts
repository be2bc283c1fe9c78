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
 * encoding 415, malformed body 400, malformed percent-encoding 400), or undefined for a server fault.
 */
export function clientError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof URIError) return new HttpError(400, "The address has malformed percent-encoding.");
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  if (!Number.isInteger(status) || status < 400 || status > 499) return undefined;
  const messages: Record<string, string> = {
    "entity.too.large": "The request body is too large.",
    "entity.parse.failed": "The request body is not valid.",
    "charset.unsupported": "The request body must be UTF-8.",
    "encoding.unsupported": "The request body's content encoding is not supported.",
    "request.aborted": "The request was aborted.",
    "parameters.too.many": "The request has too many parameters.",
  };
  return new HttpError(status, messages[String(e?.type)] ?? "The request is not valid.");
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
