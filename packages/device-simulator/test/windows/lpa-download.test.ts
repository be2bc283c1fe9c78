import { startServer } from "@carrierkit/contract-runtime/node";
import { createEs2plusClient } from "@carrierkit/es2plus";
import express from "express";
import { describe, expect, it } from "vitest";
import { startSimulatedSmdp } from "../../src/smdp/index.js";
import { useLpaStack } from "./lpa-fixture.js";

const stack = useLpaStack();
const { order, device, es2, progress } = stack;
const smdp = {
  get smdp() {
    return stack.smdp.smdp;
  },
};
const yes = () => true;

describe("Lpa download flows", () => {
  it("When the operator orders by EID (delayed form), then a bare SM-DP+ address downloads it", async () => {
    const d = device();
    const { iccid, code } = await order({ eid: d.euicc.eid });
    expect(code).toBe(smdp.smdp.address);
    const phases: string[] = [];
    const outcome = await d.lpa.download({
      activationCodeOrSmdp: code,
      consent: yes,
      onProgress: (p) => phases.push(`${p.phase}:${p.percent}`),
    });
    expect(outcome).toEqual({ result: "success", status: "Success", iccid });
    expect(phases).toEqual([
      "authenticating:0",
      "authenticating:10",
      "downloading:40",
      "installing:70",
      "enabling:90",
      "enabling:100",
    ]);
    // The order is used up: a second download by EID finds no pending order.
    expect(await d.lpa.download({ activationCodeOrSmdp: code, consent: yes })).toMatchObject({
      result: "notFound",
      failure: { subjectCode: "8.1.1", reasonCode: "3.9" },
    });
  });

  it("When the right confirmation code is given, then its SGP.22 hash is accepted and the profile installs", async () => {
    const { iccid, code } = await order({ cc: "4711" });
    const d = device();
    expect(
      (await d.lpa.download({ activationCodeOrSmdp: code, consent: yes, confirmationCode: () => "4711" })).result,
    ).toBe("success");
    expect(smdp.smdp.profile(iccid)?.state).toBe("Installed");
  });

  it("When downloads fail, then takeErrorHistory returns their ESimOperationStatus names once", async () => {
    const d = device();
    await d.lpa.download({ activationCodeOrSmdp: `1$${smdp.smdp.address}$NOPE-2`, consent: yes });
    const { iccid, code } = await order();
    await d.lpa.download({ activationCodeOrSmdp: code, consent: () => false });
    const history = d.lpa.takeErrorHistory();
    expect(history.map((h) => h.code)).toEqual(["InvalidMatchingId", "OperationAborted"]);
    expect(history[1]?.iccid).toBe(iccid);
    expect(d.lpa.takeErrorHistory()).toEqual([]);
  });

  it("When a download completes, then the operator receives HandleDownloadProgressInfo for points 1, 3 and 4", async () => {
    const { iccid, code } = await order();
    await device().lpa.download({ activationCodeOrSmdp: code, consent: yes });
    await smdp.smdp.notificationsIdle();
    const mine = progress.filter((p) => p.iccid === iccid);
    expect(mine.map((p) => [p.notificationPointId, p.notificationPointStatus.status])).toEqual([
      [1, "Executed-Success"],
      [3, "Executed-Success"],
      [4, "Executed-Success"],
    ]);
  });

  it("When a downloaded profile's order is cancelled, then the SM-DP+ refuses (cancel after download)", async () => {
    const { iccid, code } = await order();
    await device().lpa.download({ activationCodeOrSmdp: code, consent: yes });
    const res = await es2().cancelOrder({ iccid, finalProfileStatusIndicator: "Available" });
    expect(res.header.functionExecutionStatus.statusCodeData).toMatchObject({
      subjectCode: "8.2.1",
      reasonCode: "3.5",
    });
  });
});

describe("Lpa sessions", () => {
  it("When a second download starts while one is in progress, then it is cardBusy and the first still succeeds", async () => {
    const a = await order();
    const b = await order();
    const d = device();
    let release: (v: boolean) => void = () => undefined;
    let asked: () => void = () => undefined;
    const consentAsked = new Promise<void>((r) => {
      asked = r;
    });
    const first = d.lpa.download({
      activationCodeOrSmdp: a.code,
      consent: () => {
        asked();
        return new Promise<boolean>((r) => {
          release = r;
        });
      },
    });
    await consentAsked;
    const second = await d.lpa.download({ activationCodeOrSmdp: b.code, consent: yes });
    expect(second).toMatchObject({ result: "cardBusy", status: "CardBusy" });
    release(true);
    expect((await first).result).toBe("success");
    expect((await d.lpa.download({ activationCodeOrSmdp: b.code, consent: yes })).result).toBe("success");
  });
});

describe("Lpa and the SM-DP+'s timing", () => {
  it("When a confirmed profile has an availability time (delayed flow), then it downloads only once that time has come", async () => {
    const releaseAt = stack.clock.now() + 30 * 60_000;
    const { iccid, code } = await order({ seed: { releaseAt }, release: false });
    const d = device();
    const early = await d.lpa.download({ activationCodeOrSmdp: code, consent: yes });
    expect(early).toMatchObject({
      result: "profileNotReleasedByOperator",
      failure: { subjectCode: "8.2", reasonCode: "1.2" },
    });
    stack.clock.advance(30 * 60_000);
    expect(smdp.smdp.profile(iccid)?.state).toBe("Released");
    expect((await d.lpa.download({ activationCodeOrSmdp: code, consent: yes })).result).toBe("success");
  });

  it("When the operator's notification endpoint refuses connections, then the download still completes and delivery is retried later", async () => {
    const dead = await startServer({ app: express(), port: 0, host: "127.0.0.1" });
    const deadUrl = `${dead.url}/es2plus/progress`;
    await dead.close();
    const other = await startSimulatedSmdp({ port: 0, clock: stack.clock, notificationUrl: deadUrl });
    try {
      const iccid = "8988247000199999991";
      other.smdp.addProfile({ iccid });
      const es2 = createEs2plusClient({ baseUrl: other.url, functionRequesterIdentifier: "op" });
      await es2.downloadOrder({ iccid });
      const { matchingId } = await es2.confirmOrder({ iccid, releaseFlag: true });
      const d = device();
      const outcome = await d.lpa.download({
        activationCodeOrSmdp: `1$${other.smdp.address}$${matchingId}`,
        consent: yes,
      });
      expect(outcome.result).toBe("success");
      await other.smdp.notificationsIdle();
      expect(other.smdp.deliveries.map((r) => [r.body.notificationPointId, r.delivered, r.attempts])).toEqual([
        [1, false, 1],
        [3, false, 1],
        [4, false, 1],
      ]);
      stack.clock.advance(1000);
      await other.smdp.notificationsIdle();
      expect(other.smdp.deliveries.every((r) => r.attempts === 2 && !r.delivered)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
