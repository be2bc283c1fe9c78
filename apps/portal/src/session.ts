import { createHmac, timingSafeEqual } from "node:crypto";
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

export interface Order {
  transactionId: string;
  planId: string;
  flow: Flow;
  iccid?: string;
  activationCode?: string;
}

/** The portal session: a signed cookie (the portal keeps no session table). */
export interface Session {
  sub?: string;
  /** `new`: signed up in this session; `existing`: signed in. */
  account?: "new" | "existing";
  /** `new`: added a payment method (demo funds) in this session. */
  instrument?: "new" | "existing";
  launch?: LaunchParams;
  order?: Order;
}

const COOKIE = "portal_session";

export class SessionCodec {
  constructor(private readonly secret: string) {}

  private mac(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  read(req: Request): Session {
    const raw = (req.headers.cookie ?? "")
      .split(";")
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
    if (!raw) return {};
    const [payload = "", mac = ""] = raw.split(".");
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {};
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Session;
    } catch {
      return {};
    }
  }

  write(res: Response, session: Session): void {
    const payload = Buffer.from(JSON.stringify(session)).toString("base64url");
    res.cookie(COOKIE, `${payload}.${this.mac(payload)}`, { httpOnly: true, sameSite: "lax", path: "/" });
  }
}
