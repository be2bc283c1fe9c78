// The modem boundary (IRadio 1.6): getHalDeviceCapabilities / getSlicingConfig, a modem without slicing support,
// setupDataCall_1_6's PDU session identities and its input checks.
import { androidCategoryRule, androidDefaultRule, androidExamplePolicy } from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import { AndroidConnectivity, ConnectivityError, isSlicingConfigActive, SimulatedModem } from "../../src/index.js";
import {
  ENTERPRISE_SLICE,
  INTERNET_SLICE,
  LATENCY_SLICE,
  makeDevice,
  PLMN,
  PRIVILEGED,
  saNetwork,
  TestPolicySource,
} from "./fixtures.js";

const POLICY = {
  rules: [
    androidCategoryRule("ENTERPRISE", { precedence: 1, slice: ENTERPRISE_SLICE }),
    androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 3, sd: "0000ff" } }),
    androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE }),
  ],
};

function thrown(fn: () => unknown): ConnectivityError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectivityError) return e;
    throw e;
  }
  throw new Error("expected a ConnectivityError");
}

describe("getSlicingConfig", () => {
  it("When the modem supports slicing, then getSlicingConfig reports the serving PLMN's URSP in HAL form and the slice status", () => {
    const { modem } = makeDevice({ policy: POLICY, network: saNetwork({ rejectedNssai: [{ sst: 4 }] }) });
    expect(modem.getHalDeviceCapabilities()).toMatchObject({
      halVersion: "1.6",
      modemReducedFeatureSet1: false,
      capabilities: expect.arrayContaining(["CAPABILITY_SLICING_CONFIG_SUPPORTED"]),
    });
    const config = modem.getSlicingConfig();
    expect(config.sliceInfo).toEqual([
      { ...INTERNET_SLICE, status: "ALLOWED" },
      { ...ENTERPRISE_SLICE, status: "ALLOWED" },
      { ...LATENCY_SLICE, status: "ALLOWED" },
      { sst: 4, status: "REJECTED_NOT_AVAILABLE_IN_PLMN" },
    ]);
    expect(config.urspRules[0]).toEqual({
      precedence: 1,
      trafficDescriptors: [{ osAppId: "97a498e3fc925c9489860333d06e4e470a454e5445525052495345" }],
      routeSelectionDescriptor: [
        { precedence: 1, sliceInfo: [{ ...ENTERPRISE_SLICE, status: "ALLOWED" }], dnn: ["enterprise"] },
        { precedence: 2, sliceInfo: [], dnn: ["enterprise"] },
      ],
    });
    // The latency rule's slice is configured but not allowed on this network.
    expect(config.urspRules[1]?.routeSelectionDescriptor[0]?.sliceInfo).toEqual([
      { sst: 3, sd: "0000ff", status: "CONFIGURED" },
    ]);
    expect(config.urspRules[2]?.trafficDescriptors).toEqual([{}]);
  });

  it("When the network adds a PRIORITIZE_LATENCY rule to an allowed URLLC slice, then the slicing config shows the capability as set up (AOSP isSlicingConfigActive)", () => {
    const { modem, source } = makeDevice({
      policy: { rules: [androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE })] },
    });
    const changes: number[] = [];
    modem.onSlicingConfigChanged(() => changes.push(modem.getSlicingConfig().urspRules.length));
    expect(isSlicingConfigActive(modem.getSlicingConfig(), "PRIORITIZE_LATENCY")).toBe(false);
    // A rule to a slice the network does not allow does not count.
    source.set(PLMN, {
      rules: [androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "00000a" } })],
    });
    expect(isSlicingConfigActive(modem.getSlicingConfig(), "PRIORITIZE_LATENCY")).toBe(false);
    source.set(PLMN, { rules: [androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: LATENCY_SLICE })] });
    expect(isSlicingConfigActive(modem.getSlicingConfig(), "PRIORITIZE_LATENCY")).toBe(true);
    expect(isSlicingConfigActive(modem.getSlicingConfig(), "PRIORITIZE_BANDWIDTH")).toBe(false);
    expect(changes).toEqual([1, 1]);
  });

  it("When the UE is on LTE, then getSlicingConfig has no URSP rules", () => {
    const { modem } = makeDevice({ policy: POLICY, network: saNetwork({ rat: "LTE" }) });
    expect(modem.getSlicingConfig().urspRules).toEqual([]);
  });
});

describe("a modem without slicing support", () => {
  it("When getHalDeviceCapabilities reports the reduced feature set, then getSlicingConfig is refused but setupDataCall_1_6 still routes slices", () => {
    const { modem, device } = makeDevice({ policy: androidExamplePolicy(), reducedFeatureSet: true });
    const caps = modem.getHalDeviceCapabilities();
    expect(caps.modemReducedFeatureSet1).toBe(true);
    expect(caps.capabilities).not.toContain("CAPABILITY_SLICING_CONFIG_SUPPORTED");
    const e = thrown(() => modem.getSlicingConfig());
    expect(e.code).toBe("REQUEST_NOT_SUPPORTED");
    expect(e.message).toBe("getSlicingConfig is not supported: modemReducedFeatureSet1");
    const app = device.installApp({ packageName: "com.corp.mail", ...PRIVILEGED });
    expect(device.requestNetwork(app, { capability: "ENTERPRISE" }).route?.satisfiedBy).toBe("ENTERPRISE");
  });

  it("When the radio HAL is 1.5, then there are no traffic descriptors: slice requests are unavailable, enterprise falls back, the default network works", () => {
    const { modem, device } = makeDevice({ policy: androidExamplePolicy(), halVersion: "1.5" });
    expect(modem.getHalDeviceCapabilities().capabilities).toEqual([]);
    expect(thrown(() => modem.getSlicingConfig()).message).toBe("getSlicingConfig is not supported: radio HAL 1.5");
    expect(
      thrown(() => modem.setupDataCall_1_6({ pduSessionId: 1, trafficDescriptor: {}, matchAllRuleAllowed: true })).code,
    ).toBe("REQUEST_NOT_SUPPORTED");
    const app = device.installApp({
      packageName: "com.example.app",
      ...PRIVILEGED,
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const d = device.requestNetwork(app, { capability: "INTERNET" });
    expect(d.route).toMatchObject({ rulePrecedence: 9, pduSession: { sNssai: { sst: 1 }, dnn: "internet" } });
    const l = device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
    expect(l.failure).toMatchObject({
      cause: "SLICING_NOT_SUPPORTED",
      message: "radio HAL 1.5 has no setupDataCall_1_6: no traffic descriptor for PRIORITIZE_LATENCY",
    });
    const e = device.requestNetwork(app, { capability: "ENTERPRISE" });
    expect(e.route).toMatchObject({ fallback: true, pduSession: { cid: d.route?.pduSession.cid } });
  });
});

describe("setupDataCall_1_6", () => {
  it("When a request joins an established PDU session, then the modem returns that session and the new identity stays free", () => {
    const source = new TestPolicySource();
    const modem = new SimulatedModem({ policySource: source, network: saNetwork() });
    const id1 = modem.allocatePduSessionId() as number;
    const first = modem.setupDataCall_1_6({
      pduSessionId: id1,
      trafficDescriptor: { dnn: "internet" },
      matchAllRuleAllowed: true,
    });
    expect(first).toMatchObject({
      cause: "NONE",
      active: true,
      pduSessionId: id1,
      sliceInfo: { sst: 1, status: "ALLOWED" },
      dnn: "internet",
    });
    const id2 = modem.allocatePduSessionId() as number;
    const second = modem.setupDataCall_1_6({
      pduSessionId: id2,
      trafficDescriptor: { dnn: "internet" },
      matchAllRuleAllowed: true,
    });
    expect(second.cid).toBe(first.cid);
    expect(second.pduSessionId).toBe(id1);
    modem.releasePduSessionId(id2);
    expect(modem.allocatePduSessionId()).toBe(id2);
  });

  it("When all 15 PDU session identities are allocated, then there is none left", () => {
    const modem = new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork() });
    const ids = Array.from({ length: 15 }, () => modem.allocatePduSessionId());
    expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(modem.allocatePduSessionId()).toBeUndefined();
  });

  it.each([
    [
      "PDU session id 0",
      () =>
        new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork() }).setupDataCall_1_6({
          pduSessionId: 0,
          trafficDescriptor: {},
          matchAllRuleAllowed: true,
        }),
    ],
    [
      "PLMN 1-1",
      () => new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork({ plmn: "1-1" }) }),
    ],
    [
      "SD ABC",
      () =>
        new SimulatedModem({
          policySource: new TestPolicySource(),
          network: saNetwork({ allowedNssai: [{ sst: 1, sd: "ABC" }] }),
        }),
    ],
    [
      "RAT 6G",
      () => new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork({ rat: "6G" as "LTE" }) }),
    ],
    [
      "HAL version x",
      () => new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork(), halVersion: "x" }),
    ],
    [
      "fault NONE",
      () =>
        new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork() }).failNextSetup(
          "NONE" as "SLICE_REJECTED",
        ),
    ],
  ])("When the modem is given %s, then it refuses it with INVALID_ARGUMENT", (_name, fn) => {
    expect(thrown(fn).code).toBe("INVALID_ARGUMENT");
  });

  it("When an EPDG → 5G handover names a slice that is not allowed, then setup fails with SLICE_REJECTED", () => {
    const modem = new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork() });
    const r = modem.setupDataCall_1_6({
      pduSessionId: 1,
      sliceInfo: { sst: 9, status: "ALLOWED" },
      trafficDescriptor: { dnn: "internet" },
      matchAllRuleAllowed: true,
    });
    expect(r).toMatchObject({ cause: "SLICE_REJECTED", causeCode: 0x8cc, active: false });
  });

  it("When closed, then the modem stops listening to the policy source", () => {
    const source = new TestPolicySource();
    const modem = new SimulatedModem({ policySource: source, network: saNetwork() });
    expect(source.listenerCount).toBe(1);
    modem.close();
    expect(source.listenerCount).toBe(0);
  });
});

describe("a failing UE policy store", () => {
  it("When the policy source throws, then the modem routes with no URSP (local configuration) and says why, never crashing", () => {
    const broken = {
      policy(): never {
        throw new Error("store closed");
      },
      onChange: () => () => {},
    };
    const modem = new SimulatedModem({ policySource: broken, network: saNetwork() });
    const device = new AndroidConnectivity({ androidVersion: 14, modem });
    const app = device.installApp({
      packageName: "com.example.app",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const d = device.requestNetwork(app, { capability: "INTERNET" });
    expect(d.route?.pduSession).toMatchObject({ sNssai: INTERNET_SLICE, dnn: "internet" });
    expect(d.route?.explanation[0]).toBe("UE policy store unreadable (store closed): no URSP");
    expect(device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" }).failure?.cause).toBe(
      "MATCH_ALL_RULE_NOT_ALLOWED",
    );
    expect(modem.getSlicingConfig().urspRules).toEqual([]);
  });
});

describe("addresses", () => {
  it("When hundreds of PDU sessions come and go, then every address stays a valid IPv4 address, from the DNN's pool when one is given", () => {
    const modem = new SimulatedModem({
      policySource: new TestPolicySource(),
      network: saNetwork({ addressPools: { internet: "10.45.0" } }),
    });
    for (let i = 0; i < 600; i++) {
      const r = modem.setupDataCall_1_6({
        pduSessionId: 1,
        trafficDescriptor: { dnn: "internet" },
        matchAllRuleAllowed: true,
      });
      const [address] = r.addresses;
      expect(address).toMatch(/^10\.45\.0\.(\d{1,3})\/24$/);
      expect(Number(address?.split(".")[3]?.split("/")[0])).toBeLessThan(255);
      modem.deactivateDataCall(r.cid);
    }
  });
});
