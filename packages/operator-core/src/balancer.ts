import { request as httpRequest } from "node:http";
import { connect, createServer, type Server, type Socket } from "node:net";

export interface Upstream {
  host: string;
  port: number;
}

/**
 * A loopback round-robin TCP load balancer for tests and the chaos suites: each new client connection goes to the next
 * upstream in turn. An upstream that refuses the connection (a killed instance) is skipped for that connection and
 * the next one is tried, as a load balancer's health check would; a connection already forwarded to an instance that
 * dies is closed, as any load balancer does. HTTP keep-alive keeps a client on one instance: clients that should
 * alternate open a connection per request.
 */
export class RoundRobinBalancer {
  private server: Server | undefined;
  private next = 0;
  private readonly open = new Set<Socket>();
  port = 0;
  /** Connections forwarded to each upstream, by index. */
  readonly forwarded: number[];
  /** Connections for which every upstream refused (the client was closed). */
  refused = 0;

  constructor(private readonly upstreams: Upstream[]) {
    this.forwarded = upstreams.map(() => 0);
  }

  /** From `http://host:port` URLs. */
  static ofUrls(urls: string[]): RoundRobinBalancer {
    return new RoundRobinBalancer(urls.map(upstreamOf));
  }

  async start(): Promise<this> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Points upstream `index` elsewhere (a restarted instance on a new port). */
  replace(index: number, upstream: Upstream | string): void {
    this.upstreams[index] = typeof upstream === "string" ? upstreamOf(upstream) : upstream;
  }

  private accept(client: Socket): void {
    client.on("error", () => undefined);
    client.pause();
    this.open.add(client);
    client.once("close", () => this.open.delete(client));
    this.forward(client, 0);
  }

  private forward(client: Socket, tried: number): void {
    if (client.destroyed) return;
    if (tried >= this.upstreams.length) {
      this.refused++;
      client.destroy();
      return;
    }
    const index = this.next;
    this.next = (this.next + 1) % this.upstreams.length;
    const target = this.upstreams[index]!;
    const upstream = connect(target.port, target.host);
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      this.forwarded[index] = (this.forwarded[index] ?? 0) + 1;
      this.open.add(upstream);
      upstream.once("close", () => {
        this.open.delete(upstream);
        client.destroy();
      });
      client.once("close", () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      if (!connected) this.forward(client, tried + 1);
      else client.destroy();
    });
  }

  async close(): Promise<void> {
    for (const s of [...this.open]) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function upstreamOf(url: string): Upstream {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

export interface OnceResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request on a connection of its own (no keep-alive agent), so that each request behind a
 * {@link RoundRobinBalancer} takes the next turn. Rejects when no HTTP answer arrives.
 */
export function requestOnce(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<OnceResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, agent: false, timeout: init.timeoutMs ?? 30_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer in time")));
    req.on("error", reject);
    req.end(init.body);
  });
}
