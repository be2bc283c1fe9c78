// Work profile and DPC: slicing is off by default in a work profile; the DPC toggles it with
// setPreferentialNetworkServiceEnabled (and, from Android 13, setPreferentialNetworkServiceConfigs); only the
// profile owner (and, from Android 13, the device owner) may call them; no app change is needed.
import { androidCategoryRule, androidDefaultRule, type UrspPolicy } from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import { ConnectivityError, type InstalledApp } from "../../src/index.js";
import { ENTERPRISE_SLICE, INTERNET_SLICE, makeDevice, saNetwork } from "./fixtures.js";

const enterprise2Slice = { sst: 1, sd: "000002" };
const POLICY: UrspPolicy = {
  rules: [
    androidCategoryRule("ENTERPRISE", { precedence: 1, slice: ENTERPRISE_SLICE }),
    androidCategoryRule("ENTERPRISE2", { precedence: 2, slice: enterprise2Slice }),
    androidCategoryRule("CBS", { precedence: 6, slice: { sst: 1, sd: "000006" } }),
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

function workDevice(
  androidVersion = 13,
  network = saNetwork({ allowedNssai: [INTERNET_SLICE, ENTERPRISE_SLICE, enterprise2Slice] }),
) {
  const d = makeDevice({ androidVersion, policy: POLICY, network });
  const dpc = d.device.createWorkProfile({ profileOwner: "com.example.dpc" });
  const workApp = d.device.installApp({ packageName: "com.corp.mail", profile: "work" });
  const personalApp = d.device.installApp({ packageName: "com.example.game" });
  return { ...d, dpc, dpm: d.device.devicePolicyManager(dpc), workApp, personalApp };
}

describe("DPC toggle of the work profile's preferential network service", () => {
  it("When the DPC turns slicing off, on and off again, then the work app moves default → enterprise slice → default without asking for anything new", () => {
    const { device, modem, dpm, workApp, personalApp } = workDevice(12);
    expect(dpm.isPreferentialNetworkServiceEnabled()).toBe(false); // off by default in AOSP
    const work = device.requestNetwork(workApp, { capability: "INTERNET" });
    const personal = device.requestNetwork(personalApp, { capability: "INTERNET" });
    const defaultCid = personal.route?.pduSession.cid;
    expect(work.route?.pduSession).toMatchObject({ cid: defaultCid, sNssai: INTERNET_SLICE });
    const seen: string[] = [];
    work.onChange((h) => seen.push(`${h.route?.satisfiedBy}@${h.route?.pduSession.dnn}`));

    dpm.setPreferentialNetworkServiceEnabled(false); // already off: nothing moves
    expect(seen).toEqual([]);

    dpm.setPreferentialNetworkServiceEnabled(true);
    expect(dpm.isPreferentialNetworkServiceEnabled()).toBe(true);
    expect(work.route).toMatchObject({
      satisfiedBy: "ENTERPRISE",
      via: "preferential network service",
      pduSession: { sNssai: ENTERPRISE_SLICE, dnn: "enterprise" },
    });
    expect(personal.route?.pduSession.cid).toBe(defaultCid);
    expect(modem.getDataCallList()).toHaveLength(2);

    dpm.setPreferentialNetworkServiceEnabled(false);
    expect(work.route).toMatchObject({ satisfiedBy: "INTERNET", via: "request", pduSession: { cid: defaultCid } });
    // The enterprise PDU session lost its last request: torn down.
    expect(modem.getDataCallList().map((c) => c.dnn)).toEqual(["internet"]);
    expect(seen).toEqual(["ENTERPRISE@enterprise", "INTERNET@internet"]);
  });

  it("When the enterprise slice is unavailable, then work apps fall back to the default network (fallback allowed by default)", () => {
    const { device, dpm, workApp } = workDevice(13, saNetwork({ allowedNssai: [INTERNET_SLICE], dnns: ["internet"] }));
    dpm.setPreferentialNetworkServiceEnabled(true);
    const h = device.requestNetwork(workApp, { capability: "INTERNET" });
    expect(h.route).toMatchObject({ fallback: true, satisfiedBy: "INTERNET", via: "preferential network service" });
    expect(h.failure?.cause).toBe("ALL_MATCHING_RULES_FAILED");
    expect(device.formatRouteReport()).toContain("(fallback to the default network: ALL_MATCHING_RULES_FAILED)");
  });
});

describe("DPC permission checks", () => {
  it.each([
    { who: "a personal app", v: 13 },
    { who: "a work app that is not the DPC", v: 13 },
    { who: "the device owner on Android 12", v: 12 },
  ])(
    "When $who calls setPreferentialNetworkServiceEnabled (Android $v), then it gets a SecurityException",
    ({ who, v }) => {
      const d = makeDevice({ androidVersion: v, policy: POLICY });
      let caller: InstalledApp;
      if (who === "the device owner on Android 12") {
        caller = d.device.installApp({ packageName: "com.example.dpc" });
        d.device.setDeviceOwner(caller);
      } else {
        d.device.createWorkProfile({ profileOwner: "com.example.dpc" });
        caller =
          who === "a personal app"
            ? d.device.installApp({ packageName: "com.example.game" })
            : d.device.installApp({ packageName: "com.corp.mail", profile: "work" });
      }
      const e = thrown(() => d.device.devicePolicyManager(caller).setPreferentialNetworkServiceEnabled(true));
      expect(e.code).toBe("SECURITY_EXCEPTION");
      expect(e.message).toContain(caller.packageName);
    },
  );

  it("When the DPC package also exists in the personal profile, then that personal copy is not the profile owner", () => {
    const { device } = workDevice(13);
    const personalCopy = device.installApp({ packageName: "com.example.dpc" });
    expect(thrown(() => device.devicePolicyManager(personalCopy).setPreferentialNetworkServiceEnabled(true)).code).toBe(
      "SECURITY_EXCEPTION",
    );
  });

  it("When a fully managed device's owner enables it on Android 13, then every app of the device routes to the enterprise slice", () => {
    const { device } = makeDevice({ androidVersion: 13, policy: POLICY });
    const owner = device.installApp({ packageName: "com.example.dpc" });
    device.setDeviceOwner(owner);
    const app = device.installApp({ packageName: "com.corp.mail" });
    const h = device.requestNetwork(app, { capability: "INTERNET" });
    expect(h.route?.satisfiedBy).toBe("INTERNET");
    device.devicePolicyManager(owner).setPreferentialNetworkServiceEnabled(true);
    expect(h.route).toMatchObject({ satisfiedBy: "ENTERPRISE", pduSession: { sNssai: ENTERPRISE_SLICE } });
    expect(thrown(() => device.createWorkProfile({ profileOwner: "com.other.dpc" })).code).toBe("ILLEGAL_STATE");
  });

  it("When an uninstalled app or a forged handle calls the DPM, then it is refused as unknown", () => {
    const { device, dpc } = workDevice(13);
    expect(
      thrown(() => device.devicePolicyManager({ ...dpc, uid: dpc.uid + 1 }).isPreferentialNetworkServiceEnabled()).code,
    ).toBe("UNKNOWN_APP");
    const app = device.installApp({ packageName: "com.example.tmp" });
    device.uninstallApp(app);
    expect(thrown(() => device.requestNetwork(app, { capability: "INTERNET" })).code).toBe("UNKNOWN_APP");
  });
});

describe("per-user preferential network service configs (Android 13+)", () => {
  it("When the DPC picks enterprise network 2 for some apps only, then those apps use ENTERPRISE2's slice and the others the default network", () => {
    const { device, dpm, workApp } = workDevice(13);
    const other = device.installApp({ packageName: "com.corp.chat", profile: "work" });
    dpm.setPreferentialNetworkServiceConfigs([{ enabled: true, networkId: 2, includedUids: [workApp.uid] }]);
    const a = device.requestNetwork(workApp, { capability: "INTERNET" });
    const b = device.requestNetwork(other, { capability: "INTERNET" });
    expect(a.route).toMatchObject({
      satisfiedBy: "ENTERPRISE2",
      rulePrecedence: 2,
      pduSession: { sNssai: enterprise2Slice, dnn: "enterprise2" },
    });
    expect(b.route).toMatchObject({ satisfiedBy: "INTERNET", pduSession: { sNssai: INTERNET_SLICE } });
    expect(dpm.getPreferentialNetworkServiceConfigs()).toEqual([
      {
        enabled: true,
        networkId: 2,
        fallbackToDefaultConnectionAllowed: true,
        shouldBlockNonMatchingNetworks: false,
        includedUids: [workApp.uid],
        excludedUids: [],
      },
    ]);
  });

  it("When fallback is not allowed and the enterprise slice is unavailable, then the work app's default network is unavailable", () => {
    const { device, dpm, workApp } = workDevice(13, saNetwork({ allowedNssai: [INTERNET_SLICE], dnns: ["internet"] }));
    dpm.setPreferentialNetworkServiceConfigs([
      { enabled: true, networkId: 1, fallbackToDefaultConnectionAllowed: false },
    ]);
    const h = device.requestNetwork(workApp, { capability: "INTERNET" });
    expect(h.status).toBe("unavailable");
    expect(h.failure?.cause).toBe("ALL_MATCHING_RULES_FAILED");
  });

  it("When Android 14's blocking config is set, then the work app cannot use another slice", () => {
    const { device, dpm } = workDevice(14);
    const workApp = device.installApp({
      packageName: "com.corp.broadcast",
      profile: "work",
      permissions: ["CONNECTIVITY_USE_RESTRICTED_NETWORKS"],
    });
    dpm.setPreferentialNetworkServiceConfigs([
      { enabled: true, networkId: 1, fallbackToDefaultConnectionAllowed: false, shouldBlockNonMatchingNetworks: true },
    ]);
    expect(device.requestNetwork(workApp, { capability: "INTERNET" }).route?.satisfiedBy).toBe("ENTERPRISE");
    const cbs = device.requestNetwork(workApp, { capability: "CBS" });
    expect(cbs.failure?.cause).toBe("BLOCKED");
    // Lifting the block lets the waiting request through.
    dpm.setPreferentialNetworkServiceEnabled(true);
    expect(cbs.status).toBe("available");
    expect(cbs.route?.satisfiedBy).toBe("CBS");
    // Blocking again takes it off its network.
    dpm.setPreferentialNetworkServiceConfigs([
      { enabled: true, networkId: 1, fallbackToDefaultConnectionAllowed: false, shouldBlockNonMatchingNetworks: true },
    ]);
    expect(cbs.status).toBe("unavailable");
    expect(cbs.failure?.cause).toBe("BLOCKED");
  });

  it.each([
    { name: "network id 0", v: 13, configs: [{ enabled: true, networkId: 0 }], code: "INVALID_ARGUMENT" },
    { name: "network id 6", v: 13, configs: [{ enabled: true, networkId: 6 }], code: "INVALID_ARGUMENT" },
    {
      name: "included and excluded uids",
      v: 13,
      configs: [{ enabled: true, networkId: 1, includedUids: [1010000], excludedUids: [1010001] }],
      code: "ILLEGAL_STATE",
    },
    {
      name: "blocking with fallback",
      v: 14,
      configs: [{ enabled: true, networkId: 1, shouldBlockNonMatchingNetworks: true }],
      code: "ILLEGAL_STATE",
    },
    {
      name: "blocking before Android 14",
      v: 13,
      configs: [
        {
          enabled: true,
          networkId: 1,
          fallbackToDefaultConnectionAllowed: false,
          shouldBlockNonMatchingNetworks: true,
        },
      ],
      code: "API_NOT_AVAILABLE",
    },
    {
      name: "a uid of the personal profile",
      v: 13,
      configs: [{ enabled: true, networkId: 1, includedUids: [10000] }],
      code: "INVALID_ARGUMENT",
    },
    {
      name: "two configs for the whole profile",
      v: 13,
      configs: [
        { enabled: true, networkId: 1 },
        { enabled: true, networkId: 2 },
      ],
      code: "INVALID_ARGUMENT",
    },
    { name: "configs on Android 12", v: 12, configs: [{ enabled: true, networkId: 1 }], code: "API_NOT_AVAILABLE" },
  ])("When the DPC sets $name, then it is refused with $code and nothing changes", ({ v, configs, code }) => {
    const { device, dpm, workApp } = workDevice(v);
    const h = device.requestNetwork(workApp, { capability: "INTERNET" });
    const e = thrown(() => dpm.setPreferentialNetworkServiceConfigs(configs));
    expect(e.code).toBe(code);
    expect(h.route?.satisfiedBy).toBe("INTERNET");
    expect(dpm.isPreferentialNetworkServiceEnabled()).toBe(false);
  });
});
