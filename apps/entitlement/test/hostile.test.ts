import { rawHttp as raw } from "@carrierkit/contract-runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Ecs, startEcs } from "./harness.js";

describe("entitlement server: connection-level hostile input", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs();
  });
  afterAll(async () => h.close());

  it.each([
    ["oversized headers", `GET /?vers=0 HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
    ["a NUL byte in a header", "GET /?vers=0 HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n", 400],
    ["GET *", "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400],
    ["HTTP/1.1 without Host", "GET /?vers=0 HTTP/1.1\r\nConnection: close\r\n\r\n", 400],
  ])("When a client sends %s, then the server answers %s with the TS.43 { error } body", async (_n, bytes, status) => {
    const answer = await raw(h.server.port, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({ error: expect.any(String) });
  });

  it("When a client sends OPTIONS *, then the server answers 204 with Allow", async () => {
    const answer = await raw(h.server.port, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 204 /);
    expect(answer).toMatch(/\r\nallow: /i);
  });
});
