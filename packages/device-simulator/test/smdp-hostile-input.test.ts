// Bad input to the SM-DP+ stand-in: never a 500, a crash or a hang; always the spec's header with SGP.22 codes.
import { createEs2plusClient } from "@carrierkit/es2plus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signStructure } from "../src/smdp/crypto.js";
import { type RunningSmdp, startSimulatedSmdp } from "../src/smdp/index.js";
import { startLpaSession } from "./smdp-helpers.js";

let r: RunningSmdp;
beforeAll(async () => {
  r = await startSimulatedSmdp({ port: 0, profiles: [{ iccid: "8988247000101867183" }] });
});
afterAll(() => r.close());

const post = (fn: string, body: string, type = "application/json") =>
  fetch(`${r.url}/gsma/rsp2/${fn}`, { method: "POST", headers: { "Content-Type": type }, body });
const TX = "00112233445566778899AABBCCDDEEFF";

describe("SimulatedSmdp hostile input", () => {
  it.each([
    ["es2plus/downloadOrder", "not json", 400, "2.1"],
    ["es2plus/downloadOrder", "[]", 400, "2.1"],
    [
      "es2plus/confirmOrder",
      '{"header":{"functionRequesterIdentifier":"a","functionCallIdentifier":"b"},"iccid":12,"releaseFlag":true}',
      400,
      "2.1",
    ],
    [
      "es2plus/cancelOrder",
      '{"header":{"functionRequesterIdentifier":"a","functionCallIdentifier":"b"},"iccid":"8988247000101867183","finalProfileStatusIndicator":"Gone"}',
      400,
      "2.1",
    ],
    [
      "es9plus/initiateAuthentication",
      '{"euiccChallenge":"!!","euiccInfo1":{"svn":"2.5.0"},"smdpAddress":"x"}',
      400,
      "2.1",
    ],
    ["es9plus/authenticateClient", `{"transactionId":"${TX}"}`, 400, "2.2"],
    [
      "es9plus/getBoundProfilePackage",
      `{"transactionId":"xyz","euiccSigned2":{"transactionId":"xyz","euiccOtpk":""},"euiccSignature2":""}`,
      400,
      "2.1",
    ],
    [
      "es9plus/cancelSession",
      `{"transactionId":"${TX}","euiccCancelSessionSigned":{"transactionId":"${TX}","reason":"bored"},"euiccCancelSessionSignature":""}`,
      400,
      "2.1",
    ],
    [
      "es9plus/handleNotification",
      '{"pendingNotification":{"notificationMetadata":{"seqNumber":-1,"profileManagementOperation":"install","notificationAddress":"x"}}}',
      400,
      "2.1",
    ],
  ])("When %s gets %s, then it is HTTP %i with reason %s", async (fn, body, status, reason) => {
    const res = await post(fn, body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { header: { functionExecutionStatus: Record<string, unknown> } };
    expect(json.header.functionExecutionStatus).toMatchObject({
      status: "Failed",
      statusCodeData: { subjectCode: "1.3.1", reasonCode: reason },
    });
  });

  it("When the body is not declared JSON, then it is refused without a 500", async () => {
    const res = await post("es2plus/releaseProfile", "iccid=1", "text/plain");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("When GetBoundProfilePackage names an unknown transaction, then it is 8.10.1/3.9", async () => {
    const body = { transactionId: TX, euiccSigned2: { transactionId: TX, euiccOtpk: "AA==" }, euiccSignature2: "AA==" };
    const json = (await (await post("es9plus/getBoundProfilePackage", JSON.stringify(body))).json()) as {
      header: { functionExecutionStatus: Record<string, unknown> };
    };
    expect(json.header.functionExecutionStatus.statusCodeData).toMatchObject({
      subjectCode: "8.10.1",
      reasonCode: "3.9",
    });
  });

  it("When GetBoundProfilePackage carries a signature that is not DER, then it is 8.1/6.1 and the session survives", async () => {
    const es2 = createEs2plusClient({ baseUrl: r.url, functionRequesterIdentifier: "op" });
    await es2.downloadOrder({ iccid: "8988247000101867183" });
    const { matchingId } = await es2.confirmOrder({ iccid: "8988247000101867183", releaseFlag: true });
    const { es9, init, auth, keys } = await startLpaSession(r, "89033023422130000000000199055797", matchingId);
    expect(auth.header.functionExecutionStatus.status).toBe("Executed-Success");
    const tx = init.transactionId!;
    const euiccSigned2 = { transactionId: tx, euiccOtpk: "AA==" };
    const bad = await es9.getBoundProfilePackage({ transactionId: tx, euiccSigned2, euiccSignature2: "AAAA" });
    expect(bad.header.functionExecutionStatus.statusCodeData).toMatchObject({ subjectCode: "8.1", reasonCode: "6.1" });
    const good = await es9.getBoundProfilePackage({
      transactionId: tx,
      euiccSigned2,
      euiccSignature2: signStructure(keys.privateKey, euiccSigned2),
    });
    expect(good.header.functionExecutionStatus.status).toBe("Executed-Success");
    expect(r.smdp.profile("8988247000101867183")?.state).toBe("Downloaded");
  });

  it("When AuthenticateClient carries a public key that is not a P-256 key, then it is 8.1/6.1 and nothing is registered", async () => {
    const { es9, init } = await startLpaSession(r, "89033023422130000000000199055798");
    const s1 = init.serverSigned1!;
    const signed = {
      transactionId: init.transactionId!,
      serverAddress: s1.serverAddress,
      serverChallenge: s1.serverChallenge,
      ctxParams1: { deviceInfo: { tac: "35290611", rats: ["LTE" as const] } },
    };
    const init2 = await es9.initiateAuthentication({
      euiccChallenge: "AAAA",
      euiccInfo1: { svn: "2.5.0" },
      smdpAddress: r.smdp.address,
    });
    const res = await es9.authenticateClient({
      transactionId: init2.transactionId!,
      euiccSigned1: {
        ...signed,
        transactionId: init2.transactionId!,
        serverChallenge: init2.serverSigned1!.serverChallenge,
      },
      euiccSignature1: "AAAA",
      euiccCertificate: { eid: "89033023422130000000000199055799", publicKey: "AAAA" },
    });
    expect(res.header.functionExecutionStatus.statusCodeData).toMatchObject({ subjectCode: "8.1", reasonCode: "6.1" });
    expect(r.smdp.store.euiccKey("89033023422130000000000199055799")).toBeUndefined();
  });
});
