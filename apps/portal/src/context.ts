import type {
  Clock,
  EsimInventory,
  OperatorCore,
  PortalStore,
  Subscriber,
  SubscriptionCancellations,
} from "@carrierkit/operator-core";
import type { NextFunction, Request, Response } from "express";
import type { BoostService } from "./boost.js";
import { HttpError } from "./security.js";
import type { CheckoutService } from "./service.js";
import type { Session, SessionCodec } from "./session.js";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** What every route module gets. */
export interface PortalContext {
  /** `portal_purchases_total{kind, result}`. */
  purchases: { inc(labels: { kind: string; result: string }): void };
  core: OperatorCore;
  inventory: EsimInventory;
  cancellations: SubscriptionCancellations;
  store: PortalStore;
  sessions: SessionCodec;
  boost: BoostService;
  checkout: CheckoutService;
  clock: Clock;
  log: Logger;
  downloadDelayMinutes: number;
  networkRegistrationMinutes: number;
  /** ICCID prefixes of our SIMs (the service configuration's ICCID ranges): a launch ICCID outside is InvalidSIM. */
  iccidRanges: readonly string[];
}

/** The request's session (set by the session middleware in app.ts) and whether an earlier one had expired. */
export const sessionOf = (res: Response): Session => res.locals.session as Session;
export const expiredOf = (res: Response): boolean => Boolean(res.locals.sessionExpired);

/** Stores the session for this response (and the request's later reads). */
export function save(ctx: PortalContext, req: Request, res: Response, session: Session): void {
  res.locals.session = session;
  ctx.sessions.write(req, res, session);
}

export const wrap =
  (fn: (req: Request, res: Response, session: Session) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction) => {
    fn(req, res, sessionOf(res)).catch(next);
  };

/** The signed-in subscriber, or a 401 (answered with a redirect to sign-in). */
export async function signedIn(ctx: PortalContext, res: Response): Promise<Subscriber> {
  const session = sessionOf(res);
  const sub = session.sub ? await ctx.core.subscriber(session.sub) : undefined;
  if (!sub)
    throw new HttpError(401, expiredOf(res) ? "Your session has expired: sign in again." : "Please sign in first.");
  return sub;
}
