import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeName,
  createEs2plusClient,
  createEs9plusClient,
  Es2plusError,
  executed,
  failed,
  type HandleDownloadProgressInfoRequest,
  isExecuted,
  sendDownloadProgressInfo,
} from "../src/index.js";
import { createDownloadProgressRouter, createSmdpRouter, type SmdpHandlers } from "../src/server.js";

const ok = { header: executed() };
/** A minimal SM-DP+ on the router: the ICCID's last digit picks the outcome. */
const handlers: SmdpHandlers = {
  downloadOrder: ({ body }) =>
    body.iccid?.endsWith("9")
      ? { status: 200, body: { header: failed("iccidUnknown", "unknown ICCID", body.iccid) } }
      : { status: 200, body: { header: executed(), iccid: body.iccid ?? "8988247000000000001" } },
  confirmOrder: ({ body }) => ({ status: 200, body: { ...ok, matchingId: `M-${body.iccid}`, smdpAddress: "x" } }),
  cancelOrder: () => ({ status: 200, body: ok }),
  releaseProfile: ({ body }) => {
    if (body.iccid.endsWith("5")) throw new Error("a secret stack");
    if (body.iccid.endsWith("3")) throw Es2plusError.of(503, "executionError", "busy");
    return { status: 200, body: ok };
  },
  initiateAuthentication: () => ({ status: 200, body: { header: failed("svnUnsupported") } }),
  authenticateClient: () => ({ status: 200, body: ok }),
  getBoundProfilePackage: () => ({ status: 200, body: ok }),
  handleNotification: () => ({ status: 204 }),
  cancelSession: () => ({ status: 200, body: ok }),
};

describe("createSmdpRouter and createDownloadProgressRouter (SGP.22 JSON binding)", () => {
  let server: RunningServer;
  let base: string;
  const notifications: HandleDownloadProgressInfoRequest[] = [];
  const post = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  beforeAll(async () => {
    const app = express();
    app.use(
      createDownloadProgressRouter("/operator/es2plus/progress", ({ body }) => {
        notifications.push(body);
        return { status: 200, body: ok };
      }),
    );
    app.use(createSmdpRouter(handlers, { onUnexpectedError: () => undefined }));
    server = await startServer({ app, port: 0, host: "127.0.0.1" });
    base = server.url;
  });
  afterAll(() => server.close());

  it("When the operator orders and confirms through the typed client, then it gets the SM-DP+'s answers", async () => {
    const es2 = createEs2plusClient({ baseUrl: base, functionRequesterIdentifier: "op" });
    const order = await es2.downloadOrder({ iccid: "8988247000101867183" });
    expect(isExecuted(order)).toBe(true);
    expect(order.iccid).toBe("8988247000101867183");
    const confirmed = await es2.confirmOrder({ iccid: "8988247000101867183", releaseFlag: true });
    expect(confirmed.matchingId).toBe("M-8988247000101867183");
  });

  it("When a function fails, then the answer is HTTP 200 with a Failed header and SGP.22 status code data", async () => {
    const es2 = createEs2plusClient({ baseUrl: base, functionRequesterIdentifier: "op" });
    const res = await es2.downloadOrder({ iccid: "8988247000101867189" });
    expect(isExecuted(res)).toBe(false);
    expect(res.header.functionExecutionStatus.statusCodeData).toMatchObject({
      subjectCode: "8.2.1",
      reasonCode: "3.9",
    });
    expect(codeName(res.header.functionExecutionStatus.statusCodeData)).toBe("iccidUnknown");
  });

  it.each([
    ["not JSON", "/gsma/rsp2/es2plus/downloadOrder", "{", 400, ["1.3.1", "2.1"]],
    ["no header", "/gsma/rsp2/es2plus/releaseProfile", '{"iccid":"8988247000101867183"}', 400, ["1.3.1", "2.2"]],
    [
      "a wrong type",
      "/gsma/rsp2/es2plus/confirmOrder",
      '{"header":{"functionRequesterIdentifier":"a","functionCallIdentifier":"b"},"iccid":"8988247000101867183","releaseFlag":"yes"}',
      400,
      ["1.3.1", "2.1"],
    ],
    ["an unknown function", "/gsma/rsp2/es2plus/nope", "{}", 404, ["1.6", "3.9"]],
    [
      "a handler that crashed",
      "/gsma/rsp2/es2plus/releaseProfile",
      '{"header":{"functionRequesterIdentifier":"a","functionCallIdentifier":"b"},"iccid":"8988247000101867185"}',
      500,
      ["1.2", "4.2"],
    ],
  ])(
    "When the request has %s, then it is HTTP %i with a Failed header, never a stack",
    async (_n, path, body, status, code) => {
      const res = await post(path as string, body as string);
      expect(res.status).toBe(status);
      const text = await res.text();
      expect(text).not.toContain("secret");
      const json = JSON.parse(text);
      expect(json.header.functionExecutionStatus.status).toBe("Failed");
      const data = json.header.functionExecutionStatus.statusCodeData;
      expect([data.subjectCode, data.reasonCode]).toEqual(code);
    },
  );

  it("When the SM-DP+ answers other than 200, then the client rejects with an Es2plusError carrying its status", async () => {
    const es2 = createEs2plusClient({ baseUrl: base, functionRequesterIdentifier: "op" });
    const err = await es2.releaseProfile({ iccid: "8988247000101867183" }).catch((e) => e);
    expect(err).toBeInstanceOf(Es2plusError);
    expect(err.status).toBe(503);
    expect(err.statusCodeData).toMatchObject({ subjectCode: "1.2", reasonCode: "4.2" });
  });

  it("When the LPA calls ES9+, then failures arrive as headers and HandleNotification as 204", async () => {
    const es9 = createEs9plusClient({ baseUrl: base });
    const auth = await es9.initiateAuthentication({
      euiccChallenge: "AAAA",
      euiccInfo1: { svn: "1.0.0" },
      smdpAddress: "x",
    });
    expect(codeName(auth.header.functionExecutionStatus.statusCodeData)).toBe("svnUnsupported");
    await expect(
      es9.handleNotification({
        pendingNotification: {
          notificationMetadata: { seqNumber: 1, profileManagementOperation: "install", notificationAddress: "x" },
        },
      }),
    ).resolves.toBeUndefined();
  });

  it("When the SM-DP+ sends HandleDownloadProgressInfo, then the operator router validates and receives it", async () => {
    const body: HandleDownloadProgressInfoRequest = {
      header: { functionRequesterIdentifier: "smdp", functionCallIdentifier: "n1" },
      iccid: "8988247000101867183",
      timestamp: "2026-01-15T12:00:00Z",
      notificationPointId: 3,
      notificationPointStatus: { status: "Executed-Success" },
    };
    expect(await sendDownloadProgressInfo(`${base}/operator/es2plus/progress`, body)).toEqual({ status: 200 });
    expect(notifications).toEqual([body]);
    const bad = await sendDownloadProgressInfo(`${base}/operator/es2plus/progress`, {
      ...body,
      notificationPointId: 9,
    });
    expect(bad.status).toBe(400);
    expect(notifications).toHaveLength(1);
  });
});
