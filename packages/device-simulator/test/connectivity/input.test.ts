// Bad input gets a typed ConnectivityError with a clear code, never a crash; and the README's example says what it does.
import { androidCategoryRule, androidDefaultRule } from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import { AndroidConnectivity, ConnectivityError, type InstalledApp, SimulatedModem } from "../../src/index.js";
import { ENTERPRISE_SLICE, INTERNET_SLICE, makeDevice, saNetwork, TestPolicySource } from "./fixtures.js";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectivityError) return e.code;
    throw e;
  }
  return "no error";
}

describe("bad input", () => {
  const cases: [string, (d: ReturnType<typeof makeDevice>["device"]) => unknown, string][] = [
    ["installApp without options", (d) => d.installApp(undefined as never), "INVALID_ARGUMENT"],
    ["a package name without a dot", (d) => d.installApp({ packageName: "mail" }), "INVALID_ARGUMENT"],
    ["a numeric package name", (d) => d.installApp({ packageName: 42 as never }), "INVALID_ARGUMENT"],
    ["profile guest", (d) => d.installApp({ packageName: "com.a.b", profile: "guest" as never }), "INVALID_ARGUMENT"],
    [
      "a work app without a work profile",
      (d) => d.installApp({ packageName: "com.a.b", profile: "work" }),
      "ILLEGAL_STATE",
    ],
    ["targetSdk -1", (d) => d.installApp({ packageName: "com.a.b", targetSdk: -1 }), "INVALID_ARGUMENT"],
    [
      "self-certified MMS",
      (d) => d.installApp({ packageName: "com.a.b", selfCertifiedCapabilities: ["MMS" as never] }),
      "INVALID_ARGUMENT",
    ],
    [
      "a duplicate install",
      (d) => [d.installApp({ packageName: "com.a.b" }), d.installApp({ packageName: "com.a.b" })],
      "ILLEGAL_STATE",
    ],
    ["requestNetwork for null", (d) => d.requestNetwork(null as never, { capability: "INTERNET" }), "UNKNOWN_APP"],
    [
      "requestNetwork without a request",
      (d) => d.requestNetwork(d.installApp({ packageName: "com.a.b" }), undefined as never),
      "UNKNOWN_CAPABILITY",
    ],
    [
      "a forged app handle",
      (d) => d.requestNetwork({ packageName: "com.x.y", uid: 10000 } as InstalledApp, { capability: "INTERNET" }),
      "UNKNOWN_APP",
    ],
    [
      "a second work profile",
      (d) => [d.createWorkProfile({ profileOwner: "com.a.dpc" }), d.createWorkProfile({ profileOwner: "com.b.dpc" })],
      "ILLEGAL_STATE",
    ],
    [
      "a work app as device owner",
      (d) => d.setDeviceOwner(d.createWorkProfile({ profileOwner: "com.a.dpc" })),
      "ILLEGAL_STATE",
    ],
    [
      "enabled = 'yes'",
      (d) =>
        d
          .devicePolicyManager(d.createWorkProfile({ profileOwner: "com.a.dpc" }))
          .setPreferentialNetworkServiceEnabled("yes" as never),
      "INVALID_ARGUMENT",
    ],
    [
      "configs = null",
      (d) =>
        d
          .devicePolicyManager(d.createWorkProfile({ profileOwner: "com.a.dpc" }))
          .setPreferentialNetworkServiceConfigs(null as never),
      "INVALID_ARGUMENT",
    ],
    [
      "a null config",
      (d) =>
        d
          .devicePolicyManager(d.createWorkProfile({ profileOwner: "com.a.dpc" }))
          .setPreferentialNetworkServiceConfigs([null as never]),
      "INVALID_ARGUMENT",
    ],
    [
      "includedUids = 'abc'",
      (d) =>
        d
          .devicePolicyManager(d.createWorkProfile({ profileOwner: "com.a.dpc" }))
          .setPreferentialNetworkServiceConfigs([{ enabled: true, networkId: 1, includedUids: "abc" as never }]),
      "INVALID_ARGUMENT",
    ],
    [
      "fallback = 1",
      (d) =>
        d
          .devicePolicyManager(d.createWorkProfile({ profileOwner: "com.a.dpc" }))
          .setPreferentialNetworkServiceConfigs([
            { enabled: true, networkId: 1, fallbackToDefaultConnectionAllowed: 1 as never },
          ]),
      "INVALID_ARGUMENT",
    ],
  ];
  it.each(cases)("When given %s, then it is refused with %s", (_name, fn, expected) => {
    const { device } = makeDevice({ androidVersion: 14 });
    expect(code(() => fn(device))).toBe(expected);
  });

  it.each([9, 12.5, Number.NaN])("When the device is built for Android %s, then it is refused", (v) => {
    const modem = new SimulatedModem({ policySource: new TestPolicySource(), network: saNetwork() });
    expect(code(() => new AndroidConnectivity({ androidVersion: v, modem }))).toBe("INVALID_ARGUMENT");
  });

  it("When the DPC API is used on Android 11, then it does not exist", () => {
    const { device } = makeDevice({ androidVersion: 11 });
    const dpc = device.createWorkProfile({ profileOwner: "com.a.dpc" });
    expect(code(() => device.devicePolicyManager(dpc).setPreferentialNetworkServiceEnabled(true))).toBe(
      "API_NOT_AVAILABLE",
    );
  });
});

describe("the README example", () => {
  it("When run as written, then it prints the two route lines it shows", () => {
    const { device, source } = makeDevice({
      androidVersion: 14,
      policy: {
        rules: [
          androidCategoryRule("ENTERPRISE", { precedence: 1, slice: ENTERPRISE_SLICE }),
          androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE }),
        ],
      },
    });
    expect(source.listenerCount).toBe(1);
    const dpc = device.createWorkProfile({ profileOwner: "com.example.dpc" });
    const mail = device.installApp({ packageName: "com.corp.mail", profile: "work" });
    const game = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    device.devicePolicyManager(dpc).setPreferentialNetworkServiceEnabled(true);
    device.requestNetwork(mail, { capability: "INTERNET" });
    device.requestNetwork(game, { capability: "PRIORITIZE_LATENCY" });
    const [first, second] = device.formatRouteReport().split("\n");
    expect(first).toBe(
      "com.corp.mail (uid 1010001, work) INTERNET → PDU session 1 S-NSSAI 1/000001, DNN enterprise, via rule precedence 1 (preferential network service → ENTERPRISE)",
    );
    expect(second).toMatch(
      /^com\.example\.game \(uid 10002, personal\) PRIORITIZE_LATENCY → unavailable: MATCH_ALL_RULE_NOT_ALLOWED \(/,
    );
  });
});
