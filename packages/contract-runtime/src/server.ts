import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { HttpError } from "./errors.js";
import { findContractErrorBody } from "./router.js";

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
  /**
   * PEM key and certificate: serve HTTPS. With `requestCert`, clients are asked for a certificate verified against
   * `ca`; unverified ones are still let through (`rejectUnauthorized: false`), so the app answers them in its
   * contract's error body (see `req.socket.authorized`).
   */
  tls?: {
    key: string | Buffer;
    cert: string | Buffer;
    ca?: string | Buffer | Array<string | Buffer>;
    requestCert?: boolean;
  };
  /** How long in-flight requests may take to finish on shutdown (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Runs after the server stopped accepting and drained (stop workers, close stores). */
  onClose?: () => Promise<void> | void;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully (default false). */
  handleSignals?: boolean;
  logger?: Logger;
  /**
   * Turns a rejection made before the app sees the request (oversized or malformed headers, a request that took too
   * long to arrive, `OPTIONS *`) into the contract's error body. Default: the error body of the contract router
   * mounted in `app`, else `{ error: message }`.
   */
  errorBody?: (error: HttpError) => unknown;
  /** Connection and request timeouts; see {@link ServerTimeouts}. */
  timeouts?: Partial<ServerTimeouts>;
  /** Largest accepted request head (request line and headers) in bytes (default 16 KiB); more answers 431. */
  maxHeaderBytes?: number;
}

/**
 * How long a client may take. `headersMs` bounds the request head and `requestMs` the whole request (head and body),
 * so a client sending a byte at a time (slowloris) is cut off after `requestMs` at the latest; `headersMs` is kept
 * at or below `requestMs`. `keepAliveMs` is how long an idle keep-alive connection stays open (above a typical load
 * balancer's 60 s idle timeout, so the balancer closes first). Expiry is checked every `checkIntervalMs`.
 */
export interface ServerTimeouts {
  /** Default 10 s. */
  headersMs: number;
  /** Default 30 s. */
  requestMs: number;
  /** Default 65 s. */
  keepAliveMs: number;
  /** Default 1 s. */
  checkIntervalMs: number;
}

export const defaultServerTimeouts: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 65_000,
  checkIntervalMs: 1000,
};

/** The status and message of a connection-level error node's HTTP parser reported (see `clientError`). */
function clientErrorOf(code: string | undefined): HttpError {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return new HttpError(431, "bad_request", "The request headers are larger than this server accepts.");
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "HPE_HEADERS_TIMEOUT":
      return new HttpError(408, "bad_request", "The request took too long to arrive.");
    case "HPE_INVALID_HEADER_TOKEN":
      return new HttpError(400, "bad_request", "A request header contains a character HTTP does not allow.");
    case "HPE_INVALID_METHOD":
      return new HttpError(400, "bad_request", "The request method is not valid.");
    case "HPE_INVALID_URL":
      return new HttpError(400, "bad_request", "The request target is not valid.");
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
    case "HPE_INVALID_CONTENT_LENGTH":
    case "HPE_INVALID_TRANSFER_ENCODING":
    case "HPE_INVALID_CHUNK_SIZE":
      return new HttpError(400, "bad_request", "The request body framing is not valid.");
    default:
      return new HttpError(400, "bad_request", "The request is not valid HTTP.");
  }
}

function serialise(error: HttpError, errorBody: (error: HttpError) => unknown): string {
  try {
    return JSON.stringify(errorBody(error));
  } catch {
    return JSON.stringify({ error: error.message });
  }
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
  const timeouts = { ...defaultServerTimeouts, ...options.timeouts };
  if (timeouts.requestMs <= 0 || timeouts.headersMs <= 0) throw new RangeError("server timeouts must be positive");
  timeouts.headersMs = Math.min(timeouts.headersMs, timeouts.requestMs);
  let errorBody: ((error: HttpError) => unknown) | undefined = options.errorBody;
  const bodyOf = (error: HttpError) => {
    errorBody ??= findContractErrorBody(options.app) ?? ((e: HttpError) => ({ error: e.message }));
    return serialise(error, errorBody);
  };
  // `OPTIONS *` (RFC 9110 §9.3.7) asks about the server, not a resource: it is answered here, never by the app.
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "*") {
      if (req.method === "OPTIONS") {
        res.writeHead(204, { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "Content-Length": "0" }).end();
        return;
      }
      const body = bodyOf(new HttpError(400, "bad_request", "The request target '*' is only valid with OPTIONS."));
      res.writeHead(400, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
      return;
    }
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400 (node's own check would answer it without a body).
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
      const body = bodyOf(new HttpError(400, "bad_request", "An HTTP/1.1 request must carry a Host header."));
      res.shouldKeepAlive = false;
      res.writeHead(400, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
      return;
    }
    options.app(req, res);
  };
  const serverOptions = {
    maxHeaderSize: options.maxHeaderBytes ?? 16 * 1024,
    requestTimeout: timeouts.requestMs,
    headersTimeout: timeouts.headersMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
    // Checked by the listener instead, to answer in the contract's error body.
    requireHostHeader: false,
  };
  const server: Server = options.tls
    ? createHttpsServer(
        {
          ...serverOptions,
          key: options.tls.key,
          cert: options.tls.cert,
          ...(options.tls.ca ? { ca: options.tls.ca } : {}),
          ...(options.tls.requestCert ? { requestCert: true, rejectUnauthorized: false } : {}),
        },
        listener,
      )
    : createHttpServer(serverOptions, listener);
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  // An Expect other than 100-continue (RFC 9110 §10.1.1): 417 in the contract's error body (node's has none).
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) => {
    const body = bodyOf(new HttpError(417, "bad_request", "The only expectation this server meets is 100-continue."));
    res.shouldKeepAlive = false;
    res.writeHead(417, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
  });
  // Malformed or oversized requests: answer in the contract's error body (node's default is a bodiless response).
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (err.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const error = clientErrorOf(err.code);
    const body = bodyOf(error);
    socket.end(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? "Bad Request"}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
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
