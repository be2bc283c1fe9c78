import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { createNamfClient, type NamfClient, transferN1Message } from "@carrierkit/namf";
import { createN1NotifyRouter } from "@carrierkit/namf/server";
import {
  androidCategoryRule,
  decodeUePolicyMessage,
  encodeUePolicyMessage,
  type UePolicyMessage,
  type UrspPolicy,
} from "@carrierkit/ursp";
import express from "express";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UePolicyStore } from "../src/android/ue-policy.js";
import { SimulatedClock } from "../src/clock.js";
import { amfPortFromEnv, SimulatedAmf } from "../src/network/amf.js";

const latency: UrspPolicy = {
  rules: [androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } })],
};
const command = (pti: number) =>
  encodeUePolicyMessage({
    messageType: "MANAGE_UE_POLICY_COMMAND",
    pti,
    sublists: [{ plmn: "001-01", instructions: [{ upsc: 1, parts: [{ partType: "ursp", ursp: latency }] }] }],
  });
const SUPI = "imsi-001010000000001";

describe("SimulatedAmf: the AMF side of specs/namf over real HTTP", () => {
  const notifications: { supi?: string; subscription?: string; message: UePolicyMessage }[] = [];
  let pcf: RunningServer;
  let clock: SimulatedClock;
  let amf: SimulatedAmf;
  let ue: UePolicyStore;
  let client: NamfClient;

  beforeAll(async () => {
    const app = express();
    app.use(
      createN1NotifyRouter("/pcf/n1-notify", ({ body, ctx }) => {
        notifications.push({
          supi: body.jsonData.supi,
          subscription: body.jsonData.n1NotifySubscriptionId,
          message: decodeUePolicyMessage(ctx.n1Message(body.jsonData.n1MessageContainer)),
        });
        return { status: 204 };
      }),
    );
    pcf = await startServer({ app, port: 0 });
  });
  afterAll(async () => pcf.close());

  beforeEach(async () => {
    notifications.length = 0;
    clock = new SimulatedClock();
    amf = new SimulatedAmf({ clock, pagingDelayMs: 5000 });
    ue = new UePolicyStore({ clock });
    amf.register(SUPI, ue);
    await amf.start({ port: 0 });
    client = createNamfClient({ baseUrl: amf.url });
    const { response } = await client.POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions", {
      params: { path: { ueContextId: SUPI } },
      body: { n1MessageClass: "UPDP", n1NotifyCallbackUri: `${pcf.url}/pcf/n1-notify` },
    });
    expect(response.status).toBe(201);
    return async () => amf.close();
  });

  it("When a PCF transfers a command to a connected UE, then 200, the UE stores the rule and the PCF gets COMPLETE", async () => {
    const { data, response } = await transferN1Message(client, SUPI, command(0x80));
    expect(response.status).toBe(200);
    expect(data?.cause).toBe("N1_N2_TRANSFER_INITIATED");
    await amf.settled();
    expect(ue.policy("001-01")).toEqual(latency);
    expect(notifications).toEqual([
      { supi: SUPI, subscription: "1", message: { messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x80 } },
    ]);
    expect(amf.events.map((e) => e.kind)).toEqual(["transfer", "downlink", "uplink", "notify"]);
    expect(amf.events[1]).toMatchObject({ nasHex: expect.stringMatching(/^7e006805/) });
  });

  it("When the UE context is unknown, then transfer and subscribe answer 404 CONTEXT_NOT_FOUND", async () => {
    const { error, response } = await transferN1Message(client, "imsi-001019999999999", command(0x80));
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ cause: "CONTEXT_NOT_FOUND" });
    const sub = await client.POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions", {
      params: { path: { ueContextId: "imsi-001019999999999" } },
      body: { n1MessageClass: "UPDP", n1NotifyCallbackUri: `${pcf.url}/pcf/n1-notify` },
    });
    expect(sub.error).toMatchObject({ status: 404, cause: "CONTEXT_NOT_FOUND" });
  });

  it("When the UE is unreachable, then 504 UE_NOT_REACHABLE and nothing reaches the UE", async () => {
    amf.setReachability(SUPI, "unreachable");
    const { error, response } = await transferN1Message(client, SUPI, command(0x80));
    expect(response.status).toBe(504);
    expect(error).toMatchObject({ error: { status: 504, cause: "UE_NOT_REACHABLE" }, errInfo: { retryAfter: 30 } });
    await amf.settled();
    expect(ue.sections()).toEqual([]);
    expect(notifications).toEqual([]);
  });

  it("When the UE is idle, then 202 ATTEMPTING_TO_REACH_UE, and the command arrives once paging succeeds", async () => {
    amf.setReachability(SUPI, "idle");
    const { data, response } = await transferN1Message(client, SUPI, command(0x81));
    expect(response.status).toBe(202);
    expect(data?.cause).toBe("ATTEMPTING_TO_REACH_UE");
    expect(response.headers.get("location")).toMatch(/\/n1-n2-messages\/1$/);
    expect(ue.sections()).toEqual([]);
    clock.advance(5000);
    await amf.settled();
    expect(notifications.map((n) => n.message)).toEqual([{ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x81 }]);
    expect(amf.events.find((e) => e.kind === "paging")).toMatchObject({ outcome: "answered", at: clock.now() });
  });

  it("When an idle UE with skipInd is addressed, then 200 N1_MSG_NOT_TRANSFERRED and it is not paged", async () => {
    amf.setReachability(SUPI, "idle");
    const { data } = await transferN1Message(client, SUPI, command(0x81), { data: { skipInd: true } });
    expect(data?.cause).toBe("N1_MSG_NOT_TRANSFERRED");
    clock.advance(10_000);
    await amf.settled();
    expect(notifications).toEqual([]);
  });

  it("When the downlink message is lost, then no answer comes, and a retransmission is answered COMPLETE", async () => {
    amf.loseNext(SUPI, 1, "downlink");
    await transferN1Message(client, SUPI, command(0x82));
    await amf.settled();
    expect(notifications).toEqual([]);
    expect(amf.events.map((e) => e.kind)).toEqual(["transfer", "lost"]);
    await transferN1Message(client, SUPI, command(0x82));
    await amf.settled();
    expect(notifications.map((n) => n.message)).toEqual([{ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x82 }]);
  });

  it("When the UE's answer is lost, then the retransmission (same PTI) is answered again without re-applying", async () => {
    amf.loseNext(SUPI, 1, "uplink");
    await transferN1Message(client, SUPI, command(0x83));
    await amf.settled();
    expect(notifications).toEqual([]);
    expect(ue.policy("001-01")).toEqual(latency);
    let changes = 0;
    ue.onChange(() => changes++);
    await transferN1Message(client, SUPI, command(0x83));
    await amf.settled();
    expect(notifications.map((n) => n.message)).toEqual([{ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x83 }]);
    expect(changes).toBe(0);
  });

  it("When the PCF sends a malformed policy, then the AMF passes it through and the PCF gets COMMAND REJECT #111", async () => {
    // PTI 84, COMMAND, one instruction (UPSC 2) whose URSP part is truncated
    const bad = new Uint8Array([
      0x84, 0x01, 0x00, 0x10, 0x00, 0x0e, 0x00, 0xf1, 0x10, 0x00, 0x07, 0x00, 0x02, 0x00, 0x03, 0x01, 0x00, 0x05,
    ]);
    const { response } = await transferN1Message(client, SUPI, bad);
    expect(response.status).toBe(200);
    await amf.settled();
    expect(notifications.map((n) => n.message)).toEqual([
      {
        messageType: "MANAGE_UE_POLICY_COMMAND_REJECT",
        pti: 0x84,
        results: [{ plmn: "001-01", results: [{ upsc: 2, failedInstructionOrder: 1, cause: 111 }] }],
      },
    ]);
  });

  it("When the PCF unsubscribes, then the UE's answers are no longer notified", async () => {
    const del = await client.DELETE(
      "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}",
      { params: { path: { ueContextId: SUPI, subscriptionId: "1" } } },
    );
    expect(del.response.status).toBe(204);
    await transferN1Message(client, SUPI, command(0x85));
    await amf.settled();
    expect(ue.policy("001-01")).toEqual(latency);
    expect(notifications).toEqual([]);
    const again = await client.DELETE(
      "/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions/{subscriptionId}",
      { params: { path: { ueContextId: SUPI, subscriptionId: "1" } } },
    );
    expect(again.error).toMatchObject({ status: 404, cause: "SUBSCRIPTION_NOT_FOUND" });
  });

  it("When the PCF's notify URI does not answer, then the AMF records it and keeps serving", async () => {
    await client.POST("/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages/subscriptions", {
      params: { path: { ueContextId: SUPI } },
      body: { n1MessageClass: "UPDP", n1NotifyCallbackUri: "http://127.0.0.1:9/nowhere" },
    });
    const { response } = await transferN1Message(client, SUPI, command(0x86));
    expect(response.status).toBe(200);
    await amf.settled();
    expect(
      amf.events
        .filter((e) => e.kind === "notify")
        .map((e) => (e as { status: unknown }).status)
        .sort(),
    ).toEqual([204, "unreachable"]);
  });

  it("When a hostile PCF posts any bytes as multipart/related, then the AMF answers 4xx ProblemDetails and never fails", async () => {
    const url = `${amf.url}/namf-comm/v1/ue-contexts/${SUPI}/n1-n2-messages`;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(
          "multipart/related; boundary=b1",
          "multipart/related",
          'multipart/related; boundary="b1"; start="<x>"',
        ),
        fc.boolean(),
        async (raw, contentType, framed) => {
          const body = framed
            ? Buffer.concat([
                Buffer.from('--b1\r\nContent-Type: application/json\r\n\r\n{"n1MessageContainer":'),
                raw,
                Buffer.from("\r\n--b1--"),
              ])
            : Buffer.from(raw);
          const res = await fetch(url, { method: "POST", headers: { "Content-Type": contentType }, body });
          expect([400, 413, 415]).toContain(res.status);
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          expect(await res.json()).toMatchObject({ status: res.status });
        },
      ),
      { numRuns: 150, seed: 29518 },
    );
    await amf.settled();
    expect(ue.sections()).toEqual([]);
  });

  it("When /healthz is asked, then the AMF answers 200 ok without a token", async () => {
    const res = await fetch(`${amf.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", service: "amf" });
  });

  it.each([
    [undefined, 4060],
    ["0", 0],
    ["4999", 4999],
  ])("When AMF_PORT is %s, then the port is %i", (value, port) => {
    expect(amfPortFromEnv(value === undefined ? {} : { AMF_PORT: value })).toBe(port);
  });

  it("When AMF_PORT is not a port, then it is a clear error", () => {
    expect(() => amfPortFromEnv({ AMF_PORT: "http" })).toThrow(/AMF_PORT/);
  });
});
