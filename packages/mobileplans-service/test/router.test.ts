import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMobilePlansServiceClient, MobilePlansServiceError } from "../src/index.js";
import { createMobilePlansServiceRouter, type MobilePlansServiceHandlers } from "../src/server.js";

// The router alone (plain HTTP, no client-certificate check): validation, the error body, the transaction id echo.
let server: RunningServer;
let invalid = false;
const handlers: MobilePlansServiceHandlers = {
  GetBalance: ({ params, ctx }) => {
    if (params.simId === "iccid:8900000000000000000") throw new MobilePlansServiceError(404, "No such SIM.");
    if (invalid) return { status: 200, body: { balances: [{ type: "PREMIUM" }] } as never };
    return {
      status: 200,
      body: { balances: [{ type: "NONE", dataRemainingInMB: 0, timeRemaining: "PT0S" }] },
      headers: { "X-MS-DM-TransactionId": ctx.transactionId },
    };
  },
  GetOffers: ({ query }) => ({ status: 200, body: { offers: [{ gatewayId: String(query.limit) }] } }),
  GetNotifications: ({ query }) => ({
    status: 200,
    body: {
      notifications: [
        { notificationId: 1, notificationType: query.notificationType === "LowBalance" ? "lowBalance" : "zeroBalance" },
      ],
    },
  }),
};

beforeAll(async () => {
  const app = express();
  app.use(createMobilePlansServiceRouter(handlers));
  server = await startServer({ app, port: 0 });
});
afterAll(async () => server?.close());

const tx = { "X-MS-DM-TransactionId": "MSFT-router-1" };

describe("createMobilePlansServiceRouter", () => {
  it("When the typed client calls each operation, then the handlers' answers come back with the transaction id echoed", async () => {
    const client = createMobilePlansServiceClient({ baseUrl: server.url, transactionId: () => "MSFT-generated" });
    const balance = await client.GET("/v1/sims/{simId}/balances", {
      params: { path: { simId: "iccid:8991019000000000019" }, query: { fieldsTemplate: "Basic" }, header: tx },
    });
    const offers = await client.GET("/v1/sims/{simmri}/offers", {
      params: { path: { simmri: "iccid:8991019000000000019" }, query: { limit: 7 }, header: tx },
    });
    const notes = await client.GET("/v1/sims/{simmri}/notifications", {
      params: {
        path: { simmri: "iccid:8991019000000000019" },
        query: { limit: 1, notificationType: "LowBalance" },
        header: tx,
      },
    });
    expect(balance.data?.balances[0]?.type).toBe("NONE");
    expect(balance.response.headers.get("x-ms-dm-transactionid")).toBe("MSFT-router-1");
    expect(offers.data).toEqual({ offers: [{ gatewayId: "7" }] });
    expect(offers.response.headers.get("x-ms-dm-transactionid")).toBe("MSFT-router-1");
    expect(notes.data?.notifications[0]?.notificationType).toBe("lowBalance");
  });

  it("When a handler throws a MobilePlansServiceError, then its status and body, with the transaction id", async () => {
    const r = await fetch(`${server.url}/v1/sims/iccid:8900000000000000000/balances`, { headers: tx });
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ code: "NotFound", message: "No such SIM.", transactionId: "MSFT-router-1" });
  });

  it("When a handler answers a body the spec does not allow, then 500 InternalError (response validation)", async () => {
    invalid = true;
    try {
      const r = await fetch(`${server.url}/v1/sims/iccid:8991019000000000019/balances`, { headers: tx });
      expect(r.status).toBe(500);
      expect(await r.json()).toEqual({
        code: "InternalError",
        message: "Internal error.",
        transactionId: "MSFT-router-1",
      });
    } finally {
      invalid = false;
    }
  });

  it.each([
    ["POST", "/v1/sims/iccid:8991019000000000019/balances", 405, "MethodNotAllowed"],
    ["GET", "/v1/sims/iccid:8991019000000000019/plans", 404, "NotFound"],
  ])("When %s %s is asked, then %i %s", async (method, path, status, code) => {
    const r = await fetch(`${server.url}${path}`, { method, headers: tx });
    expect(r.status).toBe(status);
    expect(((await r.json()) as { code: string }).code).toBe(code);
  });

  it("When the client's default transaction id is used, then every request gets its own MSFT- id", async () => {
    const seen: string[] = [];
    const client = createMobilePlansServiceClient({
      baseUrl: server.url,
      fetch: async (input) => {
        const req = input as Request;
        seen.push(req.headers.get("X-MS-DM-TransactionId") ?? "");
        return fetch(req);
      },
    });
    for (let i = 0; i < 2; i++)
      await client.GET("/v1/sims/{simmri}/offers", {
        params: { path: { simmri: "iccid:8991019000000000019" }, query: { limit: 1 } } as never,
      });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^MSFT-[0-9a-f-]{36}$/);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("When Basic credentials are given to the client, then it sends them", async () => {
    let auth = "";
    const client = createMobilePlansServiceClient({
      baseUrl: server.url,
      basic: { username: "microsoft", password: "s3cret:with-colon" },
      fetch: async (input) => {
        auth = (input as Request).headers.get("Authorization") ?? "";
        return fetch(input as Request);
      },
    });
    await client.GET("/v1/sims/{simmri}/offers", {
      params: { path: { simmri: "iccid:8991019000000000019" }, query: { limit: 1 }, header: tx },
    });
    expect(Buffer.from(auth.replace(/^Basic /, ""), "base64").toString()).toBe("microsoft:s3cret:with-colon");
  });
});
