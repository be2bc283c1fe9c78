// Seed 003 "Testowanie": with a URSP rule for the enterprise category (its route selection descriptor maps it to the
// enterprise slice) and a default rule to the internet slice, a work profile whose DPC enables the preferential
// network service: work-profile apps use a PDU session on the enterprise slice, personal apps a separate PDU session
// on the default internet slice.
import { androidDefaultRule, decodeUrsp, parseHex } from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import { ENTERPRISE_SLICE, INTERNET_SLICE, makeDevice } from "./fixtures.js";

// The seed's ENTERPRISE rule, byte for byte as Wireshark decodes it (domain/ursp-reference.md §1): precedence 1,
// OS Id + OS App Id "ENTERPRISE" → RSD 1 = S-NSSAI 1/000001 + DNN enterprise, RSD 2 = DNN enterprise.
const SEED_ENTERPRISE_RULE =
  "004b01001c0897a498e3fc925c9489860333d06e4e470a454e5445525052495345002a0016010013020401000001040b0a656e7465727072697365001002000d040b0a656e7465727072697365";

function seedPolicy() {
  const enterprise = decodeUrsp(parseHex(SEED_ENTERPRISE_RULE) as Uint8Array);
  return { rules: [...enterprise.rules, androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE })] };
}

describe("seed acceptance test: work profile on the enterprise slice, personal profile on the internet slice", () => {
  it("When the DPC enables slicing for the work profile, then the work app's PDU session is on the enterprise slice and the personal app's is a separate one on the internet slice", () => {
    const { device, modem } = makeDevice({ androidVersion: 12, policy: seedPolicy() });
    const dpc = device.createWorkProfile({ profileOwner: "com.example.dpc" });
    expect(device.hasWorkProfile).toBe(true);
    const workApp = device.installApp({ packageName: "com.example.crm", profile: "work" });
    const personalApp = device.installApp({ packageName: "com.example.game" });

    device.devicePolicyManager(dpc).setPreferentialNetworkServiceEnabled(true);
    const work = device.requestNetwork(workApp, { capability: "INTERNET" });
    const personal = device.requestNetwork(personalApp, { capability: "INTERNET" });

    expect(work.status).toBe("available");
    expect(personal.status).toBe("available");
    const ws = work.route?.pduSession;
    const ps = personal.route?.pduSession;
    expect(ws).toMatchObject({ sNssai: ENTERPRISE_SLICE, dnn: "enterprise", uids: [workApp.uid] });
    expect(ps).toMatchObject({ sNssai: INTERNET_SLICE, dnn: "internet", uids: [personalApp.uid] });
    // Separate PDU sessions, told apart by their identity, interface and IP address (the seed's suggested check).
    expect(ws?.pduSessionId).not.toBe(ps?.pduSessionId);
    expect(ws?.cid).not.toBe(ps?.cid);
    expect(ws?.addresses).not.toEqual(ps?.addresses);
    expect(work.route).toMatchObject({
      satisfiedBy: "ENTERPRISE",
      via: "preferential network service",
      rulePrecedence: 1,
      descriptorPrecedence: 1,
      matchAllRuleAllowed: false,
      fallback: false,
    });
    expect(personal.route).toMatchObject({ satisfiedBy: "INTERNET", rulePrecedence: 9, matchAllRuleAllowed: true });
    // The modem holds exactly these two PDU sessions.
    expect(
      modem
        .getDataCallList()
        .map((c) => [c.sliceInfo?.sd ?? "-", c.dnn])
        .sort(),
    ).toEqual([
      ["-", "internet"],
      ["000001", "enterprise"],
    ]);
    expect(device.formatRouteReport().split("\n")).toEqual([
      `com.example.crm (uid ${workApp.uid}, work) INTERNET → PDU session ${ws?.pduSessionId} S-NSSAI 1/000001, DNN enterprise, via rule precedence 1 (preferential network service → ENTERPRISE)`,
      `com.example.game (uid ${personalApp.uid}, personal) INTERNET → PDU session ${ps?.pduSessionId} S-NSSAI 1, DNN internet, via rule precedence 9`,
    ]);
  });

  it("When every work-profile app and every personal app uses the network, then each group shares its own PDU session", () => {
    const { device } = makeDevice({ androidVersion: 13, policy: seedPolicy() });
    const dpc = device.createWorkProfile({ profileOwner: "com.example.dpc" });
    device.devicePolicyManager(dpc).setPreferentialNetworkServiceEnabled(true);
    const work = ["com.corp.mail", "com.corp.chat", "com.corp.docs"].map((p) =>
      device.requestNetwork(device.installApp({ packageName: p, profile: "work" }), { capability: "INTERNET" }),
    );
    const personal = ["org.news.reader", "org.music.player"].map((p) =>
      device.requestNetwork(device.installApp({ packageName: p }), { capability: "INTERNET" }),
    );
    expect(new Set(work.map((h) => h.route?.pduSession.cid)).size).toBe(1);
    expect(new Set(personal.map((h) => h.route?.pduSession.cid)).size).toBe(1);
    expect(work[0]?.route?.pduSession.cid).not.toBe(personal[0]?.route?.pduSession.cid);
    expect(work[0]?.route?.pduSession.uids).toEqual(work.map((h) => h.app.uid).sort((a, b) => a - b));
    expect(device.pduSessions()).toHaveLength(2);
  });
});
