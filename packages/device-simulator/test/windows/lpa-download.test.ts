import { describe, expect, it } from "vitest";
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
