import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "@carrierkit/operator-core";
import type { Request, Response } from "express";

/** What the Mobile Plans app passed when it opened the portal (forwarded, never trusted for authorisation). */
export interface LaunchParams {
  transactionId?: string;
  iccid?: string;
  iccids?: string[];
  eid?: string;
  market?: string;
  location?: string;
}

export type Flow = "esim-inline" | "esim-delayed" | "esim-async" | "balance" | "balance-iccid";
export const FLOWS: readonly Flow[] = ["esim-inline", "esim-delayed", "esim-async", "balance", "balance-iccid"];

/** The purchase to finish: the intent id of the paid pay form (the order itself is in the store). */
export interface Order {
  intentId: string;
}

/**
 * The portal session: a signed cookie. `sid` is random per browser session and rotates at sign-in and sign-out; a
 * signed-in session's `sid` is also a row of `portal_sessions` in the store, so signing out kills the cookie on
 * every portal instance. `iat`/`seen` bound its life (absolute and idle expiry).
 */
export interface Session {
  sid: string;
  /** Issued, epoch ms. */
  iat: number;
  /** Last request, epoch ms. */
  seen: number;
  sub?: string;
  /** `new`: signed up in this session; `existing`: signed in. */
  account?: "new" | "existing";
  /** `new`: added a payment method (demo funds) in this session. */
  instrument?: "new" | "existing";
  launch?: LaunchParams;
  order?: Order;
  /** A recoverable failure of this purchase (the payment was refused): Cancel reports it instead of Cancelled. */
  failure?: "billingError";
}

export interface SessionPolicy {
  /** A session ends this long after its last request (ms). */
  idleMs: number;
  /** A session ends this long after it started, however active (ms). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

const COOKIE = "portal_session";

export class SessionCodec {
  constructor(
    private readonly secret: string,
    private readonly policy: SessionPolicy,
    private readonly clock: Clock,
  ) {}

  private mac(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  /** A new anonymous session. */
  fresh(rest: Omit<Session, "sid" | "iat" | "seen"> = {}): Session {
    const now = this.clock();
    return { ...rest, sid: randomBytes(18).toString("base64url"), iat: now, seen: now };
  }

  /** The cookie's session; `expired` when an authentic one ran past its idle or absolute limit. */
  read(req: Request): { session: Session | undefined; expired: boolean } {
    const raw = (req.headers.cookie ?? "")
      .split(";")
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!raw) return { session: undefined, expired: false };
    const [payload = "", mac = ""] = raw.split(".");
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { session: undefined, expired: false };
    let session: Session;
    try {
      session = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Session;
    } catch {
      return { session: undefined, expired: false };
    }
    if (typeof session.sid !== "string" || typeof session.iat !== "number" || typeof session.seen !== "number")
      return { session: undefined, expired: false };
    const now = this.clock();
    if (now - session.seen >= this.policy.idleMs || now - session.iat >= this.policy.absoluteMs)
      return { session: undefined, expired: true };
    return { session, expired: false };
  }

  /** Writes the session (its `seen` becomes now): HttpOnly, SameSite=Lax, Secure when the request came over https. */
  write(req: Request, res: Response, session: Session): void {
    const payload = Buffer.from(JSON.stringify({ ...session, seen: this.clock() })).toString("base64url");
    // One cookie per response: a later write replaces an earlier one.
    const previous = res.getHeader("set-cookie");
    const kept = (Array.isArray(previous) ? previous : previous ? [String(previous)] : []).filter(
      (c) => !c.startsWith(`${COOKIE}=`),
    );
    if (kept.length) res.setHeader("set-cookie", kept);
    else res.removeHeader("set-cookie");
    res.cookie(COOKIE, `${payload}.${this.mac(payload)}`, {
      httpOnly: true,
      sameSite: "lax",
      secure: req.secure,
      path: "/",
    });
  }

  /** The synchronizer token of a scope (a session id, or a purchase grant id), for forms and script requests. */
  csrfToken(scope: string): string {
    return createHmac("sha256", this.secret).update(`csrf.${scope}`).digest("base64url");
  }

  csrfValid(scope: string, given: unknown): boolean {
    if (typeof given !== "string") return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.csrfToken(scope));
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
