import { rawHttp as raw } from "@carrierkit/contract-runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./harness.js";

describe("GTAF mock: connection-level hostile input", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
  });
  afterAll(async () => h.close());

  it.each([
    ["oversized headers", `GET /mock/state HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
    ["a NUL byte in a header", "GET /mock/state HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n", 400],
    ["GET *", "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400],
  ])("When a client sends %s, then the mock answers %s in Google's error body", async (_n, bytes, status) => {
    const answer = await raw(h.mockServer.port, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
      error: { code: status, message: expect.any(String), status: expect.any(String) },
    });
  });
});
