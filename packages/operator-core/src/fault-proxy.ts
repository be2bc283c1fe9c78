import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * What the proxy does with connections: `pass` forwards them, `reset` resets every open connection and each new one
 * (TCP RST), `blackhole` accepts and then stays silent (open connections stop forwarding too), `refuse` closes new
 * connections at once (open ones are left alone).
 */
export type FaultMode = "pass" | "reset" | "blackhole" | "refuse";

interface Pair {
  client: Socket;
  upstream?: Socket;
}

/**
 * A TCP proxy under a test's control, put between an application and its database (e.g. the local PostgreSQL) to
 * inject connection faults without touching the database server.
 */
export class FaultProxy {
  private mode: FaultMode = "pass";
  private readonly pairs = new Set<Pair>();
  private server: Server | undefined;
  /** Connections accepted so far. */
  accepted = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** The same URL with host and port replaced by the proxy's. */
  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  setMode(mode: FaultMode): void {
    this.mode = mode;
    if (mode === "reset") for (const p of [...this.pairs]) this.reset(p);
    if (mode === "blackhole")
      for (const p of this.pairs) {
        p.client.unpipe();
        p.upstream?.unpipe();
        p.client.pause();
        p.upstream?.pause();
      }
    // Connections silenced by a blackhole are beyond repair: they go, and the application reconnects.
    if (mode === "pass") for (const p of [...this.pairs]) if (p.client.isPaused()) this.reset(p);
  }

  /** Open client connections. */
  get open(): number {
    return this.pairs.size;
  }

  private reset(p: Pair): void {
    this.pairs.delete(p);
    p.upstream?.resetAndDestroy();
    if (!p.client.destroyed) p.client.resetAndDestroy();
  }

  private accept(client: Socket): void {
    this.accepted++;
    client.on("error", () => undefined);
    const pair: Pair = { client };
    if (this.mode === "reset") {
      client.resetAndDestroy();
      return;
    }
    if (this.mode === "refuse") {
      client.destroy();
      return;
    }
    this.pairs.add(pair);
    client.on("close", () => {
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (this.mode === "blackhole") {
      client.pause();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.reset(p);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
