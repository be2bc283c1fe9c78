import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedCallback {
  body: unknown;
  contentType: string;
}

/** Receives the DPA's purchase callbacks (`POST …/v1/purchaseCallbacks/{transactionId}`) for the callback check. */
export class CallbackReceiver {
  private readonly received = new Map<string, ReceivedCallback>();
  private server: Server | undefined;
  url = "";

  async start(host: string, port: number): Promise<void> {
    this.server = createServer((req, res) => {
      let data = "";
      req.on("data", (chunk) => {
        data += chunk;
      });
      req.on("end", () => {
        const m = /^\/v1\/purchaseCallbacks\/([^/?]+)/.exec(req.url ?? "");
        if (req.method !== "POST" || !m) {
          res.statusCode = 404;
          res.end();
          return;
        }
        let body: unknown = data;
        try {
          body = JSON.parse(data);
        } catch {
          // kept as text; the check reports it
        }
        this.received.set(decodeURIComponent(m[1]!), { body, contentType: String(req.headers["content-type"] ?? "") });
        res.statusCode = 200;
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, resolve);
    });
    this.url = `http://${host}:${(this.server.address() as AddressInfo).port}`;
  }

  async wait(id: string, timeoutMs: number): Promise<ReceivedCallback | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const hit = this.received.get(id);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.received.get(id);
  }

  async close(): Promise<void> {
    if (this.server?.listening) await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
