import { createServer as createHttpServer, type RequestListener, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface StartServerOptions {
  /** The request listener (an express app). */
  app: RequestListener;
  /** Port (0 = ephemeral). */
  port: number;
  host?: string;
  /** PEM key and certificate: serve HTTPS. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** How long in-flight requests may take to finish on shutdown (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Runs after the server stopped accepting and drained (stop workers, close stores). */
  onClose?: () => Promise<void> | void;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully (default false). */
  handleSignals?: boolean;
  logger?: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then runs onClose. Idempotent. */
  close(): Promise<void>;
}

/** Starts an HTTP(S) server with graceful shutdown. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, options.app)
    : createHttpServer(options.app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const url = `${options.tls ? "https" : "http"}://${urlHost}:${port}`;

  let closing: Promise<void> | undefined;
  const signals: Array<[NodeJS.Signals, () => void]> = [];
  const close = () => {
    closing ??= (async () => {
      for (const [sig, fn] of signals) process.off(sig, fn);
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections go as soon as their in-flight request has been answered.
      server.closeIdleConnections();
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
      timer.unref();
      await drained;
      clearInterval(sweeper);
      clearTimeout(timer);
      await options.onClose?.();
    })();
    return closing;
  };
  if (options.handleSignals) {
    for (const sig of ["SIGTERM", "SIGINT"] as const) {
      const fn = () => {
        options.logger?.info({ signal: sig }, "shutting down");
        close().then(
          () => process.exit(0),
          (err: unknown) => {
            options.logger?.error({ err }, "shutdown failed");
            process.exit(1);
          },
        );
      };
      process.once(sig, fn);
      signals.push([sig, fn]);
    }
  }
  return { server, port, url, close };
}
