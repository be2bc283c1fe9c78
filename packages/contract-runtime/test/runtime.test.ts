import express from "express";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  bearerAuth,
  type HttpError,
  listOperations,
  memoryRateLimitStore,
  rateLimit,
  startServer,
  toHttpError,
} from "../src/node.js";

function run(mw: express.RequestHandler, headers: Record<string, string> = {}) {
  return new Promise<{ error?: HttpError; locals: Record<string, unknown> }>((resolve) => {
    const res = { locals: {} as Record<string, unknown> };
    const req = { headers, socket: { remoteAddress: "127.0.0.1" } };
    mw(req as never, res as never, (err?: unknown) =>
      resolve({ error: err as HttpError | undefined, locals: res.locals }),
    );
  });
}

describe("rateLimit", () => {
  it("When the bucket empties, then calls get 429 with Retry-After until it refills", async () => {
    let t = 0;
    const mw = rateLimit({ ratePerSecond: 2, burst: 2, now: () => t });
    expect((await run(mw)).error).toBeUndefined();
    expect((await run(mw)).error).toBeUndefined();
    const limited = (await run(mw)).error!;
    expect([limited.status, limited.headers["Retry-After"]]).toEqual([429, "1"]);
    t += 500;
    expect((await run(mw)).error).toBeUndefined();
  });

  it("When two limiters (two instances) share one store, then the burst is allowed in total, not per limiter", async () => {
    const store = memoryRateLimitStore();
    const a = rateLimit({ ratePerSecond: 1, burst: 3, now: () => 0, store });
    const b = rateLimit({ ratePerSecond: 1, burst: 3, now: () => 0, store });
    const errors = [];
    for (const mw of [a, b, a, b, a, b]) errors.push((await run(mw)).error?.status);
    expect(errors).toEqual([undefined, undefined, undefined, 429, 429, 429]);
  });

  it.each([
    [
      "throws",
      () => {
        throw new Error("ECONNREFUSED");
      },
    ],
    ["rejects", () => Promise.reject(new Error("timeout exceeded when trying to connect"))],
  ])(
    "When the shared store %s, then the request gets 503 with Retry-After, never through unchecked",
    async (_, take) => {
      const mw = rateLimit({ ratePerSecond: 1, store: { take } });
      const error = (await run(mw)).error!;
      expect([error.status, error.headers["Retry-After"]]).toEqual([503, "1"]);
      const custom = rateLimit({ ratePerSecond: 1, store: { take }, unavailable: () => new Error("contract 503") });
      expect((await run(custom)).error?.message).toBe("contract 503");
    },
  );
});

describe("bearerAuth", () => {
  it("When a valid token is seen twice, then the second check is served from the cache until the token expires", async () => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    let t = Date.parse("2026-11-22T10:00:00Z");
    let lookups = 0;
    const jwk = await exportJWK(publicKey);
    const keys = async () => {
      lookups++;
      return (await import("jose")).importJWK(jwk, "ES256");
    };
    const mw = bearerAuth({ keys: keys as never, issuer: "i", audience: "a", now: () => t, clockToleranceSeconds: 0 });
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer("i")
      .setAudience("a")
      .setExpirationTime(Math.floor(t / 1000) + 60)
      .sign(privateKey);
    const headers = { authorization: `Bearer ${token}` };
    expect((await run(mw, headers)).locals.auth).toMatchObject({ iss: "i", aud: "a" });
    expect((await run(mw, headers)).error).toBeUndefined();
    expect(lookups).toBe(1);
    t += 61_000;
    const expired = (await run(mw, headers)).error!;
    expect(expired.status).toBe(401);
    expect(expired.message).toBe("The token has expired.");
  });
});

describe("toHttpError", () => {
  it.each([
    [{ type: "entity.parse.failed", status: 400 }, 400, "bad_request"],
    [{ type: "entity.too.large", status: 413 }, 413, "payload_too_large"],
    [{ status: 405, message: "method not allowed" }, 405, "method_not_allowed"],
    [{ status: 415 }, 415, "unsupported_media_type"],
    [new Error("boom with secrets"), 500, "internal"],
  ])("When %j reaches the error handler, then it becomes %s %s", (err, status, kind) => {
    const e = toHttpError(err);
    expect([e.status, e.kind]).toEqual([status, kind]);
    if (status === 500) expect(e.message).toBe("Internal error.");
  });
});

describe("listOperations and startServer", () => {
  it("When a document has paths, then every operation is listed with its express path", () => {
    const ops = listOperations({
      paths: { "/{a}/b": { get: { operationId: "getB" }, post: { operationId: "postB" } } },
    });
    expect(ops.map((o) => [o.operationId, o.method, o.expressPath])).toEqual([
      ["getB", "get", "/:a/b"],
      ["postB", "post", "/:a/b"],
    ]);
  });

  it("When the server is closed during a slow request, then the request finishes first", async () => {
    // The handler tells the test when the request has arrived and answers only when the test lets it: no sleeps.
    let arrived!: () => void;
    const inHandler = new Promise<void>((r) => {
      arrived = r;
    });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const app = express();
    app.get("/slow", async (_req, res) => {
      arrived();
      await released;
      res.json({ done: true });
    });
    let closed = false;
    const server = await startServer({
      app,
      port: 0,
      onClose: () => {
        closed = true;
      },
    });
    const pending = fetch(`${server.url}/slow`).then((r) => r.json());
    await inHandler;
    let closeSettled = false;
    const closing = server.close().then(() => {
      closeSettled = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(closeSettled).toBe(false);
    release();
    expect(await pending).toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow();
  });
});
