import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/node.js";
import { rawHttp as raw } from "../src/testing.js";

describe("startServer: the Host and Expect headers", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const app = express();
    app.get("/ok", (_req, res) => {
      res.json({ ok: true });
    });
    server = await startServer({ app, port: 0, errorBody: (e) => ({ problem: e.message, status: e.status }) });
  });
  afterAll(async () => server.close());

  it("When an HTTP/1.1 request has no Host header, then the server answers 400 in the configured error body and closes", async () => {
    const answer = await raw(server.port, "GET /ok HTTP/1.1\r\nConnection: keep-alive\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 400 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({
      problem: expect.stringContaining("Host"),
      status: 400,
    });
  });

  it("When a request expects something other than 100-continue, then the server answers 417 in the configured error body", async () => {
    const answer = await raw(server.port, "GET /ok HTTP/1.1\r\nHost: x\r\nExpect: 42-nonsense\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 417 /);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toEqual({
      problem: expect.stringContaining("100-continue"),
      status: 417,
    });
  });

  it.each([
    ["HTTP/1.1 with Host", "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"],
    ["HTTP/1.0 without Host", "GET /ok HTTP/1.0\r\n\r\n"],
    ["Expect: 100-continue", "GET /ok HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"],
  ])("When a request is %s, then it is served", async (_what, bytes) => {
    const answer = await raw(server.port, bytes);
    // After `100 Continue` when the client asked for it.
    expect(answer).toMatch(/^(HTTP\/1.1 100 Continue\r\n\r\n)?HTTP\/1.1 200 /);
  });
});
