import { randomBytes } from "node:crypto";

/** An EAP-AKA exchange in progress, keyed by the session cookie. */
export interface EapSession<S> {
  id: string;
  imsi: string;
  subscriberId: string;
  identity: string;
  /** The protocol state (the EAP-AKA server of this exchange). */
  state: S;
  /** Apps and document form the device asked for in the request that started the exchange. */
  apps: string[];
  format: "json" | "xml";
  vers: number;
  /** Challenge rounds so far (resynchronisations add one). */
  rounds: number;
  expiresAt: number;
}

export const SESSION_COOKIE = "ECS_SESSION";

/** In-memory EAP sessions with a TTL and a size bound (one ECS process; a cluster would keep them in Redis). */
export class SessionStore<S> {
  private readonly sessions = new Map<string, EapSession<S>>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly maxSessions = 10_000,
  ) {}

  create(fields: Omit<EapSession<S>, "id" | "expiresAt" | "rounds">): EapSession<S> {
    this.sweep();
    if (this.sessions.size >= this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
    const session: EapSession<S> = {
      ...fields,
      id: randomBytes(16).toString("hex"),
      rounds: 1,
      expiresAt: this.now() + this.ttlMs,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session named by a Cookie header, if any. */
  fromCookie(cookieHeader: string | undefined): EapSession<S> | undefined {
    const id = cookieHeader
      ?.split(";")
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(id);
  }
}

/** `Set-Cookie` for a session (HttpOnly; Secure only over HTTPS, so plain-HTTP labs keep working). */
export function sessionCookie(id: string, secure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}
