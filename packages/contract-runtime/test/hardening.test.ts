import { connect } from "node:net";
import express from "express";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearerAuth,
  createContractRouter,
  type HttpError,
  parseTimestamp,
  type RunningServer,
  startServer,
} from "../src/node.js";
import { rawHttp as raw } from "../src/testing.js";

/** A one-operation contract with a date-time in its body, answering errors as `{ problem, status }`. */
const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/events": {
      post: {
        operationId: "postEvent",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["at"],
                additionalProperties: false,
                properties: { at: { type: "string", format: "date-time" } },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { type: "object", properties: { ms: { type: "integer" } }, required: ["ms"] },
              },
            },
          },
        },
      },
    },
  },
};
const errorBody = (e: HttpError) => ({ problem: e.message, status: e.status });

function contractApp() {
  const app = express();
  app.use(
    createContractRouter<never>({
      document,
      errorBody,
      handlers: {
        postEvent: async ({ body }: { body: { at: string } }) => ({
          status: 200,
          body: { ms: parseTimestamp(body.at) as number },
        }),
      } as never,
    }),
  );
  return app;
}

const head = (text: string) => text.split("\r\n\r\n")[0] ?? "";
const body = (text: string) => text.slice(text.indexOf("\r\n\r\n") + 4);

describe("parseTimestamp (the strict RFC 3339 reader of every contract)", () => {
  it.each([
    ["2026-12-01T10:00:00Z", Date.UTC(2026, 11, 1, 10)],
    ["2026-12-01t10:00:00z", Date.UTC(2026, 11, 1, 10)],
    ["2026-12-01 10:00:00Z", Date.UTC(2026, 11, 1, 10)],
    ["2026-12-01T10:00:00.123456789Z", Date.UTC(2026, 11, 1, 10, 0, 0, 123)],
    ["2026-12-01T15:30:00+05:30", Date.UTC(2026, 11, 1, 10)],
    ["2026-12-01T00:00:00-23:59", Date.UTC(2026, 11, 1, 23, 59)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["2016-12-31T23:59:60Z", Date.UTC(2016, 11, 31, 23, 59, 59, 999)],
    ["2017-01-01T05:29:60+05:30", Date.UTC(2016, 11, 31, 23, 59, 59, 999)],
    ["2026-04-30T23:59:60Z", Date.UTC(2026, 3, 30, 23, 59, 59, 999)],
  ])("When the text is %s, then it reads as %d", (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each([
    "2026-00-01T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-01-32T10:00:00Z",
    "2026-02-29T10:00:00Z",
    "1900-02-29T10:00:00Z",
    "2026-04-31T10:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T10:60:00Z",
    "2026-01-01T10:00:61Z",
    "2026-01-01T10:00:60Z",
    "2026-06-30T23:58:60Z",
    "2026-06-29T23:59:60Z",
    "2026-06-30T23:59:60+01:00",
    "2026-01-01T10:00:00+24:00",
    "2026-01-01T10:00:00-00:60",
    "2026-01-01T10:00:00",
    "2026-01-01T10:00Z",
    "2026-01-01",
    "+002026-01-01T10:00:00Z",
    "2026-01-01T10:00:00.Z",
    "2026-01-01T10:00:00.1234567890Z",
    " 2026-01-01T10:00:00Z",
    "2026-01-01T10:00:00Z\n",
    "",
  ])("When the text is %j, then it is refused", (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe("contract router and startServer under hostile input", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ app: contractApp(), port: 0, maxHeaderBytes: 4096 });
  });
  afterAll(async () => server.close());

  it.each([
    ["2026-13-01T10:00:00Z"],
    ["2026-01-01T23:59:60+24:00"],
    ["2026-06-30T12:00:60Z"],
    ["2026-02-30T00:00:00Z"],
  ])("When a date-time field is %s, then the contract's 400 body answers", async (at) => {
    const res = await fetch(`${server.url}/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ at }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, problem: expect.stringContaining("date-time") });
  });

  it("When a date-time field is a leap second or has an offset, then the handler reads it", async () => {
    for (const [at, ms] of [
      ["2016-12-31T23:59:60Z", Date.UTC(2016, 11, 31, 23, 59, 59, 999)],
      ["2026-12-01T15:30:00+05:30", Date.UTC(2026, 11, 1, 10)],
    ] as const) {
      const res = await fetch(`${server.url}/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ at }),
      });
      expect([res.status, await res.json()]).toEqual([200, { ms }]);
    }
  });

  const json = '{"at":"2026-12-01T10:00:00Z"}';
  it.each([
    [
      "oversized headers",
      `GET /events HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(8000)}\r\n\r\n`,
      431,
      "larger than this server accepts",
    ],
    ["a NUL byte in a header value", "GET /events HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n", 400, "character"],
    ["a NUL byte in a header name", "GET /events HTTP/1.1\r\nHost: x\r\nX-B\0ad: ab\r\n\r\n", 400, "character"],
    ["a malformed request line", "GET /events HTTP/9\r\n\r\n", 400, "not valid"],
    ["a bad Content-Length", "POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, "not valid"],
    [
      "both Content-Length and chunked",
      `POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n${json}`,
      400,
      "not valid",
    ],
    ["GET *", "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "only valid with OPTIONS"],
  ])("When a client sends %s, then it gets %d in the contract's error body", async (_name, bytes, status, words) => {
    const answer = await raw(server.port, bytes);
    expect(head(answer)).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head(answer)).toMatch(/content-type: application\/json/i);
    const parsed = JSON.parse(body(answer)) as { problem: string; status: number };
    expect(parsed.status).toBe(status);
    expect(parsed.problem).toContain(words);
  });

  it("When a client sends OPTIONS *, then the server answers 204 with Allow and no body", async () => {
    const answer = await raw(server.port, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(head(answer)).toMatch(/^HTTP\/1.1 204 /);
    expect(head(answer)).toMatch(/\r\nallow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS/i);
    expect(body(answer)).toBe("");
  });
});

describe("server timeouts (slowloris)", () => {
  it.each([
    [
      "headers",
      (write: (s: string) => void, i: number) => write(i === 0 ? "GET /events HTTP/1.1\r\n" : `X-${i}: y\r\n`),
    ],
    [
      "body",
      (write: (s: string) => void, i: number) =>
        write(
          i === 0
            ? "POST /events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            : "a",
        ),
    ],
  ])(
    "When a client trickles its %s a byte at a time, then the server answers 408 and closes the connection by the request timeout",
    async (_name, step) => {
      const server = await startServer({
        app: contractApp(),
        port: 0,
        timeouts: { headersMs: 400, requestMs: 800, checkIntervalMs: 100 },
      });
      try {
        const socket = connect(server.port, "127.0.0.1");
        let data = "";
        let writes = 0;
        socket.on("data", (c) => {
          data += c.toString("latin1");
        });
        socket.on("error", () => undefined);
        const closed = new Promise<boolean>((resolve) => {
          socket.on("close", () => resolve(true));
          // The generous bound: 10× the configured request timeout.
          setTimeout(() => resolve(false), 8000).unref();
        });
        const timer = setInterval(() => {
          if (socket.writable) step((s) => socket.write(s), writes++);
        }, 100);
        const wasClosed = await closed;
        clearInterval(timer);
        socket.destroy();
        expect(wasClosed).toBe(true);
        expect(head(data)).toMatch(/^HTTP\/1.1 408 /);
        expect(JSON.parse(body(data))).toMatchObject({ status: 408 });
      } finally {
        await server.close();
      }
    },
  );

  it("When headersMs exceeds requestMs, then the head timeout is capped at the request timeout", async () => {
    const server = await startServer({ app: contractApp(), port: 0, timeouts: { headersMs: 60_000, requestMs: 5000 } });
    try {
      expect([server.server.headersTimeout, server.server.requestTimeout]).toEqual([5000, 5000]);
    } finally {
      await server.close();
    }
  });
});

describe("bearerAuth and iat", () => {
  function run(mw: express.RequestHandler, headers: Record<string, string>) {
    return new Promise<HttpError | undefined>((resolve) => {
      mw({ headers } as never, { locals: {} } as never, (err?: unknown) => resolve(err as HttpError | undefined));
    });
  }

  it.each([
    ["an hour ahead", 3600, 401],
    ["31 s ahead (beyond the 30 s tolerance)", 31, 401],
    ["25 s ahead (within the tolerance)", 25, undefined],
    ["now", 0, undefined],
  ])("When a token's iat is %s, then the answer is %s", async (_name, aheadSeconds, status) => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const t = Date.parse("2026-11-22T10:00:00Z");
    const key = await importJWK(await exportJWK(publicKey), "ES256");
    const mw = bearerAuth({ keys: key, issuer: "i", audience: "a", now: () => t, clockToleranceSeconds: 30 });
    const now = Math.floor(t / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer("i")
      .setAudience("a")
      .setIssuedAt(now + aheadSeconds)
      .setExpirationTime(now + aheadSeconds + 7200)
      .sign(privateKey);
    const err = await run(mw, { authorization: `Bearer ${token}` });
    expect(err?.status).toBe(status);
    if (status) {
      expect(err?.message).toBe("The token's iat claim lies in the future.");
      expect(err?.headers["WWW-Authenticate"]).toContain('error="invalid_token"');
    }
  });
});

describe("bearerAuth and token size", () => {
  const run = (mw: express.RequestHandler, headers: Record<string, string>) =>
    new Promise<HttpError | undefined>((resolve) => {
      mw({ headers } as never, { locals: {} } as never, (err?: unknown) => resolve(err as HttpError | undefined));
    });

  it.each([
    ["at most 4,096 characters (the default limit)", 4096, undefined, undefined],
    ["over the default limit", 4097, undefined, 401],
    ["over a configured limit of 1,024", 1025, 1024, 401],
  ])("When a validly signed token is %s, then the answer is %s", async (_name, length, limit, status) => {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const t = Date.parse("2026-11-22T10:00:00Z");
    const key = await importJWK(await exportJWK(publicKey), "ES256");
    const mw = bearerAuth({ keys: key, issuer: "i", audience: "a", now: () => t, maxTokenLength: limit });
    const now = Math.floor(t / 1000);
    const sign = (pad: string) =>
      new SignJWT({ pad })
        .setProtectedHeader({ alg: "ES256" })
        .setIssuer("i")
        .setAudience("a")
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
    // The longest token of at most `length` characters, or (over a limit) the shortest of at least `length`
    // (base64url grows in steps, so not every length exists).
    let pad = "";
    let token = await sign(pad);
    let previous = token;
    while (token.length < length) {
      previous = token;
      pad += "x";
      token = await sign(pad);
    }
    if (status === undefined && token.length > length) token = previous;
    expect(status === undefined ? token.length <= length : token.length >= length).toBe(true);
    const err = await run(mw, { authorization: `Bearer ${token}` });
    expect(err?.status).toBe(status);
    if (status) expect(err?.message).toBe("The token is too large.");
  });
});
