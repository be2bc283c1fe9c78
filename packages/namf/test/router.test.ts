import { type RunningServer, rateLimit, startServer } from "@carrierkit/contract-runtime/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createNamfClient,
  encodeMultipartRelated,
  NAS_MEDIA_TYPE,
  NamfError,
  n1MultipartBody,
  sendN1MessageNotify,
  transferN1Message,
} from "../src/index.js";
import { createN1NotifyRouter, createNamfRouter, type NamfHandlers } from "../src/server.js";

const COMMAND = new Uint8Array([0x80, 0x01, 0x00, 0x09, 0x00, 0x07, 0x00, 0xf1, 0x10, 0x00, 0x02, 0x00, 0x05]);
const received: { ue: string; n1: number[]; failureUri?: string }[] = [];
const notified: { json: unknown; n1: number[] }[] = [];

/** A minimal AMF on the router: the UE context id picks the outcome. */
const handlers: NamfHandlers = {
  N1N2MessageTransfer: ({ params, body, ctx }) => {
    const n1 = ctx.n1Message(body.jsonData.n1MessageContainer);
    const ue = params.ueContextId;
    if (ue.endsWith("404")) throw new NamfError(404, "CONTEXT_NOT_FOUND", `no UE context ${ue}`);
    if (ue.endsWith("403")) throw new NamfError(403, "MODIFICATION_NOT_ALLOWED", "not this UE");
    if (ue.endsWith("409"))
      return { status: 409, body: { error: { status: 409, cause: "TEMPORARY_REJECT_REGISTRATION_ONGOING" } } };
    if (ue.endsWith("504"))
      return { status: 504, body: { error: { status: 504, cause: "UE_NOT_REACHABLE" }, errInfo: { retryAfter: 30 } } };
    if (ue.endsWith("500")) throw new Error("a secret stack");
    received.push({
      ue,
      n1: [...n1],
      ...(body.jsonData.n1n2FailureTxfNotifURI ? { failureUri: body.jsonData.n1n2FailureTxfNotifURI } : {}),
    });
    if (ue.endsWith("202"))
      return { status: 202, headers: { Location: `/transfers/${ue}/1` }, body: { cause: "ATTEMPTING_TO_REACH_UE" } };
    return { status: 200, body: { cause: "N1_N2_TRANSFER_INITIATED" } };
  },
  N1N2MessageSubscribe: ({ params }) => {
    if (params.ueContextId.endsWith("404")) throw new NamfError(404, "CONTEXT_NOT_FOUND", "no such UE");
    return {
      status: 201,
      headers: { Location: `/namf-comm/v1/ue-contexts/${params.ueContextId}/n1-n2-messages/subscriptions/7` },
      body: { n1n2NotifySubscriptionId: "7" },
    };
  },
  N1N2MessageUnSubscribe: ({ params }) => {
    if (params.subscriptionId !== "7") throw new NamfError(404, "SUBSCRIPTION_NOT_FOUND", "no such subscription");
    return { status: 204 };
  },
};

describe("createNamfRouter and createN1NotifyRouter (TS 29.518 UPDP subset)", () => {
  let server: RunningServer;
  let base: string;
  const client = () => createNamfClient({ baseUrl: base });
  const raw = (path: string, init: RequestInit) => fetch(`${base}${path}`, init);
  const transferPath = (ue: string) => `/namf-comm/v1/ue-contexts/${ue}/n1-n2-messages`;

  beforeAll(async () => {
    const app = express();
    app.use(
      createN1NotifyRouter("/pcf/n1-notify", ({ body, ctx }) => {
        const n1 = ctx.n1Message(body.jsonData.n1MessageContainer);
        if (body.jsonData.n1NotifySubscriptionId === "unknown")
          throw new NamfError(404, "SUBSCRIPTION_NOT_FOUND", "not ours");
        notified.push({ json: body.jsonData, n1: [...n1] });
        return { status: 204 };
      }),
    );
    const limited = rateLimit({ ratePerSecond: 0.001, burst: 1 });
    app.use(
      createNamfRouter(handlers, {
        onUnexpectedError: () => undefined,
        before: [(req, res, next) => (req.headers["x-limit"] ? limited(req, res, next) : next())],
      }),
    );
    server = await startServer({ app, port: 0 });
    base = server.url;
  });
  afterAll(async () => server.close());

  describe("POST /namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages", () => {
    it("When a PCF transfers a command to a connected UE, then 200 N1_N2_TRANSFER_INITIATED and the AMF has the exact octets", async () => {
      const { data, response } = await transferN1Message(client(), "imsi-001010000000001", COMMAND, {
        data: { n1n2FailureTxfNotifURI: "http://pcf/failure" },
      });
      expect(response.status).toBe(200);
      expect(data).toEqual({ cause: "N1_N2_TRANSFER_INITIATED" });
      expect(received.at(-1)).toEqual({
        ue: "imsi-001010000000001",
        n1: [...COMMAND],
        failureUri: "http://pcf/failure",
      });
    });

    it("When the UE is idle, then 202 ATTEMPTING_TO_REACH_UE with a Location", async () => {
      const { data, response } = await transferN1Message(client(), "imsi-001010000000202", COMMAND);
      expect(response.status).toBe(202);
      expect(response.headers.get("location")).toBe("/transfers/imsi-001010000000202/1");
      expect(data?.cause).toBe("ATTEMPTING_TO_REACH_UE");
    });

    it.each([
      [404, "imsi-001010000000404", "CONTEXT_NOT_FOUND"],
      [403, "imsi-001010000000403", "MODIFICATION_NOT_ALLOWED"],
      [500, "imsi-001010000000500", "SYSTEM_FAILURE"],
    ])(
      "When the AMF answers %i, then ProblemDetails as application/problem+json with cause %s",
      async (status, ue, cause) => {
        const { error, response } = await transferN1Message(client(), ue, COMMAND);
        expect(response.status).toBe(status);
        expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(error).toMatchObject({ status, cause });
        expect(JSON.stringify(error)).not.toMatch(/secret/);
      },
    );

    it.each([
      [409, "imsi-001010000000409", "TEMPORARY_REJECT_REGISTRATION_ONGOING"],
      [504, "imsi-001010000000504", "UE_NOT_REACHABLE"],
    ])("When the transfer is refused with %i, then N1N2MessageTransferError carries %s", async (status, ue, cause) => {
      const { error, response } = await transferN1Message(client(), ue, COMMAND);
      expect(response.status).toBe(status);
      expect(error).toMatchObject({ error: { status, cause } });
    });

    const json = (container: unknown) => JSON.stringify({ n1MessageContainer: container });
    const updp = { n1MessageClass: "UPDP", n1MessageContent: { contentId: "n1msg" } };
    it.each(
      [
        ["not multipart at all", "multipart/related; boundary=x", Buffer.from("garbage"), "INVALID_MSG_FORMAT"],
        [
          "a root part that is not JSON",
          ...(() => {
            const e = encodeMultipartRelated([{ contentType: "application/json", body: "{nope" }]);
            return [e.contentType, e.body] as const;
          })(),
          "INVALID_MSG_FORMAT",
        ],
        [
          "a contentId naming no part",
          ...(() => {
            const e = encodeMultipartRelated([
              { contentType: "application/json", body: json(updp) },
              { contentType: NAS_MEDIA_TYPE, contentId: "other", body: COMMAND },
            ]);
            return [e.contentType, e.body] as const;
          })(),
          "MANDATORY_IE_INCORRECT",
        ],
        [
          "no N1 part",
          ...(() => {
            const e = encodeMultipartRelated([{ contentType: "application/json", body: json(updp) }]);
            return [e.contentType, e.body] as const;
          })(),
          "MANDATORY_IE_MISSING",
        ],
        [
          "an empty N1 part",
          ...(() => {
            const e = n1MultipartBody({ n1MessageContainer: updp } as never, new Uint8Array());
            return [e.contentType, e.body] as const;
          })(),
          "MANDATORY_IE_INCORRECT",
        ],
        [
          "class SM (outside the subset)",
          ...(() => {
            const e = n1MultipartBody({ n1MessageContainer: { ...updp, n1MessageClass: "SM" } } as never, COMMAND);
            return [e.contentType, e.body] as const;
          })(),
          "INVALID_MSG_FORMAT",
        ],
        [
          "an N2 part (outside the subset)",
          ...(() => {
            const e = encodeMultipartRelated([
              { contentType: "application/json", body: json(updp) },
              { contentType: "application/vnd.3gpp.ngap", contentId: "n2", body: COMMAND },
            ]);
            return [e.contentType, e.body] as const;
          })(),
          "INVALID_MSG_FORMAT",
        ],
      ].map(([what, contentType, body, cause]) => [
        what as string,
        cause as string,
        contentType as string,
        body as Uint8Array,
      ]),
    )("When the body is %s, then 400 with cause %s", async (_what, cause, contentType, body) => {
      const res = await raw(transferPath("imsi-001010000000001"), {
        method: "POST",
        headers: { "Content-Type": contentType },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 400, cause });
    });

    it("When the UE context id has no known form, then 400", async () => {
      const { response } = await transferN1Message(client(), "bogus", COMMAND);
      expect(response.status).toBe(400);
    });

    it("When the body is JSON instead of multipart/related, then 415", async () => {
      const res = await raw(transferPath("imsi-001010000000001"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: json(updp),
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ status: 415, title: "Unsupported Media Type" });
    });

    it("When the body is larger than the limit, then 413", async () => {
      const { response } = await transferN1Message(client(), "imsi-001010000000001", new Uint8Array(100_000));
      expect(response.status).toBe(413);
    });

    it("When the caller exceeds its rate, then 429 with Retry-After and NF_CONGESTION_RISK", async () => {
      const c = createNamfClient({ baseUrl: base, headers: { "x-limit": "1" } });
      await transferN1Message(c, "imsi-001010000000001", COMMAND);
      const { response, error } = await transferN1Message(c, "imsi-001010000000001", COMMAND);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBeTruthy();
      expect(error).toMatchObject({ status: 429, cause: "NF_CONGESTION_RISK" });
    });
  });

  describe("N1N2MessageSubscribe / N1N2MessageUnSubscribe", () => {
    const subscribe = (ue: string, body: unknown) =>
      client().POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions", {
        params: { path: { ueContextId: ue } },
        body: body as never,
      });

    it("When a PCF subscribes to UPDP, then 201 with the subscription id and its Location", async () => {
      const { data, response } = await subscribe("imsi-001010000000001", {
        n1MessageClass: "UPDP",
        n1NotifyCallbackUri: "http://pcf/n1",
        nfId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        someFutureMember: true,
      });
      expect(response.status).toBe(201);
      expect(data).toEqual({ n1n2NotifySubscriptionId: "7" });
      expect(response.headers.get("location")).toMatch(/\/n1-n2-messages\/subscriptions\/7$/);
    });

    it.each([
      ["no callback URI", { n1MessageClass: "UPDP" }, 400, "MANDATORY_IE_MISSING"],
      ["class LPP", { n1MessageClass: "LPP", n1NotifyCallbackUri: "http://pcf/n1" }, 400, "INVALID_MSG_FORMAT"],
    ])("When the subscription has %s, then %i %s", async (_what, body, status, cause) => {
      const { error, response } = await subscribe("imsi-001010000000001", body);
      expect(response.status).toBe(status);
      expect(error).toMatchObject({ cause });
    });

    it("When the UE is unknown, then 404 CONTEXT_NOT_FOUND", async () => {
      const { error } = await subscribe("imsi-001010000000404", {
        n1MessageClass: "UPDP",
        n1NotifyCallbackUri: "http://pcf/n1",
      });
      expect(error).toMatchObject({ status: 404, cause: "CONTEXT_NOT_FOUND" });
    });

    it.each([
      ["7", 204],
      ["8", 404],
    ])("When subscription %s is removed, then %i", async (id, status) => {
      const { response } = await client().DELETE(
        "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}",
        { params: { path: { ueContextId: "imsi-001010000000001", subscriptionId: id } } },
      );
      expect(response.status).toBe(status);
    });

    it("When an unknown path is called, then 404 RESOURCE_URI_STRUCTURE_NOT_FOUND", async () => {
      const res = await raw("/namf-comm/v1/nowhere", { method: "GET" });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ cause: "RESOURCE_URI_STRUCTURE_NOT_FOUND" });
    });
  });

  describe("N1MessageNotify callback (the PCF's side)", () => {
    const complete = new Uint8Array([0x80, 0x02]);
    it("When the AMF notifies the UE's COMPLETE, then 204 and the PCF has the JSON and the octets", async () => {
      const result = await sendN1MessageNotify(
        `${base}/pcf/n1-notify`,
        { n1NotifySubscriptionId: "7", supi: "imsi-001010000000001" },
        complete,
      );
      expect(result).toEqual({ status: 204 });
      expect(notified.at(-1)).toEqual({
        json: {
          n1NotifySubscriptionId: "7",
          supi: "imsi-001010000000001",
          n1MessageContainer: { n1MessageClass: "UPDP", n1MessageContent: { contentId: "n1msg" } },
        },
        n1: [0x80, 0x02],
      });
    });

    it.each([
      ["a subscription the PCF does not know", { n1NotifySubscriptionId: "unknown" }, 404],
      ["a malformed SUPI", { supi: "msisdn-1" }, 400],
    ])("When the notification names %s, then %i", async (_what, json, status) => {
      const result = await sendN1MessageNotify(`${base}/pcf/n1-notify`, json, complete);
      expect(result.status).toBe(status);
      expect(result.problem?.status).toBe(status);
    });
  });
});
