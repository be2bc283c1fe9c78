import { randomBytes } from "node:crypto";
import { EapAkaServer, type EapAkaServerState } from "@carrierkit/ts43";

/** An EAP-AKA exchange in progress, keyed by the session cookie. */
export interface EapSession {
  id: string;
  imsi: string;
  subscriberId: string;
  identity: string;
  /** The protocol state (the EAP-AKA server of this exchange), restored from the stored state on every round. */
  state: EapAkaServer;
  /** Apps and document form the device asked for in the request that started the exchange. */
  apps: string[];
  format: "json" | "xml";
  vers: number;
  /** Challenge rounds so far (resynchronisations add one). */
  rounds: number;
  expiresAt: number;
  /** The stored version this copy was read at: a write naming an older one loses (another round came first). */
  version: number;
}

export const SESSION_COOKIE = "ECS_SESSION";

/** What is stored of a session: plain JSON, so any instance can continue the exchange. */
interface StoredState {
  imsi: string;
  subscriberId: string;
  identity: string;
  server: EapAkaServerState;
  apps: string[];
  format: "json" | "xml";
  vers: number;
  rounds: number;
}

/** Where serialised sessions live: this process's memory, or the store every instance shares. */
export interface SessionBackend {
  create(id: string, state: string, expiresAt: number, now: number): Promise<void>;
  load(id: string, now: number): Promise<{ state: string; version: number; expiresAt: number } | undefined>;
  replace(id: string, version: number, state: string, now: number): Promise<boolean>;
  take(id: string, version: number): Promise<boolean>;
  count(now: number): Promise<number>;
}

/** Sessions in one process's memory, with a size bound (the default for one instance on SQLite). */
export class MemorySessionBackend implements SessionBackend {
  private readonly sessions = new Map<string, { state: string; version: number; expiresAt: number }>();

  constructor(private readonly maxSessions = 10_000) {}

  async create(id: string, state: string, expiresAt: number, now: number): Promise<void> {
    for (const [k, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(k);
    if (this.sessions.size >= this.maxSessions) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(id, { state, version: 1, expiresAt });
  }
  async load(id: string, now: number) {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.expiresAt <= now) {
      this.sessions.delete(id);
      return undefined;
    }
    return { ...s };
  }
  async replace(id: string, version: number, state: string, now: number): Promise<boolean> {
    const s = this.sessions.get(id);
    if (!s || s.version !== version || s.expiresAt <= now) return false;
    this.sessions.set(id, { state, version: version + 1, expiresAt: s.expiresAt });
    return true;
  }
  async take(id: string, version: number): Promise<boolean> {
    if (this.sessions.get(id)?.version !== version) return false;
    return this.sessions.delete(id);
  }
  async count(now: number): Promise<number> {
    let n = 0;
    for (const s of this.sessions.values()) if (s.expiresAt > now) n++;
    return n;
  }
}

/**
 * EAP-AKA sessions with a TTL. Each round reads the session's state (RAND/AUTN/XRES/CK/IK of the challenge in
 * progress, identity, round count, what the device asked for), continues the exchange and writes it back naming the
 * version it read, so rounds of one exchange may reach different instances and a round answered twice at once
 * (two instances, a retransmission) counts once. The backend is this process's memory by default, or
 * `SharedSessions` of the operator core (it fits {@link SessionBackend}) (the store every instance shares).
 */
export class SessionStore {
  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number,
    private readonly backend: SessionBackend = new MemorySessionBackend(),
  ) {}

  /** Whether the sessions live outside this process (several instances can answer the rounds). */
  get shared(): boolean {
    return !(this.backend instanceof MemorySessionBackend);
  }

  async create(fields: Omit<EapSession, "id" | "expiresAt" | "rounds" | "version">): Promise<EapSession> {
    const now = this.now();
    const session: EapSession = {
      ...fields,
      id: randomBytes(16).toString("hex"),
      rounds: 1,
      expiresAt: now + this.ttlMs,
      version: 1,
    };
    await this.backend.create(session.id, serialise(session), session.expiresAt, now);
    return session;
  }

  /** The live session named by a Cookie header, if any (a stored state that does not restore counts as none). */
  async fromCookie(cookieHeader: string | undefined): Promise<EapSession | undefined> {
    const id = cookieHeader
      ?.split(";")
      .map((c) => c.trim())
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    if (!id || !/^[0-9a-f]{32}$/.test(id)) return undefined;
    const stored = await this.backend.load(id, this.now());
    if (!stored) return undefined;
    try {
      const s = JSON.parse(stored.state) as StoredState;
      return {
        id,
        imsi: s.imsi,
        subscriberId: s.subscriberId,
        identity: s.identity,
        state: EapAkaServer.restore(s.server),
        apps: s.apps,
        format: s.format,
        vers: s.vers,
        rounds: s.rounds,
        expiresAt: stored.expiresAt,
        version: stored.version,
      };
    } catch {
      await this.backend.take(id, stored.version);
      return undefined;
    }
  }

  /** Writes the session after a round; false when another round changed or ended it first. */
  async update(session: EapSession): Promise<boolean> {
    const ok = await this.backend.replace(session.id, session.version, serialise(session), this.now());
    if (ok) session.version += 1;
    return ok;
  }

  /** Ends the session; false when it was already ended or changed by another round (so an exchange ends once). */
  end(session: EapSession): Promise<boolean> {
    return this.backend.take(session.id, session.version);
  }

  /** Live sessions. */
  size(): Promise<number> {
    return this.backend.count(this.now());
  }
}

function serialise(s: EapSession): string {
  const stored: StoredState = {
    imsi: s.imsi,
    subscriberId: s.subscriberId,
    identity: s.identity,
    server: s.state.snapshot(),
    apps: s.apps,
    format: s.format,
    vers: s.vers,
    rounds: s.rounds,
  };
  return JSON.stringify(stored);
}

/** `Set-Cookie` for a session (HttpOnly; Secure only over HTTPS, so plain-HTTP labs keep working). */
export function sessionCookie(id: string, secure: boolean, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}
