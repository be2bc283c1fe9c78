// Which slice categories an app may request on which Android version (ENTERPRISE 12+, the others 13+), and the
// traffic descriptor telephony builds for each.
import { ANDROID_OS_ID, ANDROID_SLICE_CATEGORIES, androidExamplePolicy } from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import {
  buildTrafficDescriptor,
  CATEGORY_MIN_ANDROID_VERSION,
  ConnectivityError,
  capabilitySpec,
  DEFAULT_APNS,
  matchAllRuleAllowed,
  NET_CAPABILITY,
  parseOsAppId,
} from "../../src/index.js";
import { makeDevice, PRIVILEGED } from "./fixtures.js";

const VERSIONS = [11, 12, 13, 14, 15, 16];
const table = ANDROID_SLICE_CATEGORIES.flatMap((category) =>
  VERSIONS.map((v) => ({ category, v, available: v >= (category === "ENTERPRISE" ? 12 : 13) })),
);

function thrown(fn: () => unknown): ConnectivityError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectivityError) return e;
    throw e;
  }
  throw new Error("expected a ConnectivityError");
}

describe("slice category availability by Android version", () => {
  it.each(table)(
    "When an app on Android $v requests $category, then it is available: $available",
    ({ category, v, available }) => {
      const { device } = makeDevice({ androidVersion: v, policy: androidExamplePolicy() });
      const app = device.installApp({
        packageName: "com.example.app",
        ...PRIVILEGED,
        selfCertifiedCapabilities: ["PRIORITIZE_LATENCY", "PRIORITIZE_BANDWIDTH"],
      });
      if (available) {
        const h = device.requestNetwork(app, { capability: category });
        // Every example rule's slice is allowed, so the request gets its own category's slice and rule.
        expect(h.status).toBe("available");
        expect(h.route?.satisfiedBy).toBe(category);
        expect(h.route?.rulePrecedence).toBe(ANDROID_SLICE_CATEGORIES.indexOf(category) + 1);
      } else {
        const e = thrown(() => device.requestNetwork(app, { capability: category }));
        expect(e.code).toBe("CATEGORY_NOT_AVAILABLE");
        expect(e.message).toBe(
          `slice category ${category} needs Android ${CATEGORY_MIN_ANDROID_VERSION[category]} or later; this device runs Android ${v}`,
        );
        expect(device.routeReport()).toEqual([]);
      }
    },
  );

  it.each(VERSIONS)("When an app on Android %i asks for the default internet network, then it always may", (v) => {
    const { device } = makeDevice({ androidVersion: v, policy: androidExamplePolicy() });
    const h = device.requestNetwork(device.installApp({ packageName: "com.example.app" }), { capability: "INTERNET" });
    expect(h.status).toBe("available");
    expect(h.route?.rulePrecedence).toBe(9);
  });

  it.each([
    { category: "ENTERPRISE", profile: "personal", restricted: true },
    { category: "ENTERPRISE4", profile: "work", restricted: true },
    { category: "CBS", profile: "personal", restricted: true },
    { category: "PRIORITIZE_LATENCY", profile: "personal", restricted: false },
    { category: "PRIORITIZE_BANDWIDTH", profile: "work", restricted: false },
  ] as const)(
    "When an unprivileged $profile app requests $category, then it needs CONNECTIVITY_USE_RESTRICTED_NETWORKS: $restricted",
    ({ category, profile, restricted }) => {
      const { device } = makeDevice({ androidVersion: 14, policy: androidExamplePolicy() });
      if (profile === "work") device.createWorkProfile({ profileOwner: "com.example.dpc" });
      const app = device.installApp({
        packageName: "com.example.app",
        profile,
        selfCertifiedCapabilities: ["PRIORITIZE_LATENCY", "PRIORITIZE_BANDWIDTH"],
      });
      if (!restricted) {
        expect(device.requestNetwork(app, { capability: category }).status).toBe("available");
        return;
      }
      const e = thrown(() => device.requestNetwork(app, { capability: category }));
      expect(e.code).toBe("SECURITY_EXCEPTION");
      expect(e.message).toContain(
        `requests the restricted network ${category} without CONNECTIVITY_USE_RESTRICTED_NETWORKS`,
      );
      if (profile === "work") expect(e.message).toContain("through the DPC's preferential network service");
    },
  );

  it.each(["MMS", "enterprise", "", "ENTERPRISE6"])(
    "When an app requests %j, then it is refused as an unknown capability",
    (name) => {
      const { device } = makeDevice({});
      const app = device.installApp({ packageName: "com.example.app" });
      const e = thrown(() => device.requestNetwork(app, { capability: name as "CBS" }));
      expect(e.code).toBe("UNKNOWN_CAPABILITY");
    },
  );

  it.each([
    { v: 13, targetSdk: 33, declared: false, ok: true },
    { v: 14, targetSdk: 33, declared: false, ok: true },
    { v: 14, targetSdk: 34, declared: false, ok: false },
    { v: 14, targetSdk: 34, declared: true, ok: true },
    { v: 15, targetSdk: 35, declared: false, ok: false },
  ])(
    "When an app targeting API $targetSdk on Android $v requests PRIORITIZE_LATENCY (declared: $declared), then it is allowed: $ok",
    ({ v, targetSdk, declared, ok }) => {
      const { device } = makeDevice({ androidVersion: v, policy: androidExamplePolicy() });
      const app = device.installApp({
        packageName: "com.example.game",
        targetSdk,
        ...(declared ? { selfCertifiedCapabilities: ["PRIORITIZE_LATENCY" as const] } : {}),
      });
      if (ok) expect(device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" }).status).toBe("available");
      else {
        const e = thrown(() => device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" }));
        expect(e.code).toBe("SECURITY_EXCEPTION");
        expect(e.message).toContain("PROPERTY_SELF_CERTIFIED_NETWORK_CAPABILITIES");
      }
    },
  );
});

describe("traffic descriptors", () => {
  it.each([
    { category: "ENTERPRISE", netCapability: NET_CAPABILITY.ENTERPRISE, enterpriseId: 1 },
    { category: "ENTERPRISE3", netCapability: NET_CAPABILITY.ENTERPRISE, enterpriseId: 3 },
    { category: "CBS", netCapability: NET_CAPABILITY.CBS, enterpriseId: undefined },
    { category: "PRIORITIZE_LATENCY", netCapability: 34, enterpriseId: undefined },
    { category: "PRIORITIZE_BANDWIDTH", netCapability: 35, enterpriseId: undefined },
  ] as const)(
    "When $category is requested, then the descriptor is Android's OS Id + OS App Id $category, with no DNN and no match-all",
    ({ category, netCapability, enterpriseId }) => {
      const spec = capabilitySpec(category, 14);
      expect(spec.netCapability).toBe(netCapability);
      expect(spec.enterpriseId).toBe(enterpriseId);
      const td = buildTrafficDescriptor(spec, DEFAULT_APNS);
      expect(td.dnn).toBeUndefined();
      expect(parseOsAppId(td.osAppId as string)).toEqual({ osId: ANDROID_OS_ID, osAppId: category });
      expect(matchAllRuleAllowed(td)).toBe(false);
    },
  );

  it("When ENTERPRISE is requested, then its OsAppId is the seed's bytes 97A498E3…4E47 0A 'ENTERPRISE'", () => {
    const td = buildTrafficDescriptor(capabilitySpec("ENTERPRISE", 12), DEFAULT_APNS);
    expect(td.osAppId).toBe("97a498e3fc925c9489860333d06e4e470a454e5445525052495345");
  });

  it("When the default network is requested, then the descriptor carries the default APN's DNN and allows the match-all rule", () => {
    const td = buildTrafficDescriptor(capabilitySpec("INTERNET", 12), DEFAULT_APNS);
    expect(td).toEqual({ dnn: "internet" });
    expect(matchAllRuleAllowed(td)).toBe(true);
  });

  it("When the carrier has an enterprise APN, then ENTERPRISE's descriptor also names its DNN and so allows the match-all rule (AOSP DataNetwork.setupData)", () => {
    const apns = [...DEFAULT_APNS, { name: "corp", types: ["enterprise" as const] }];
    const td = buildTrafficDescriptor(capabilitySpec("ENTERPRISE", 13), apns);
    expect(td.dnn).toBe("corp");
    expect(matchAllRuleAllowed(td)).toBe(true);
    // PRIORITIZE_LATENCY is never APN-based.
    expect(buildTrafficDescriptor(capabilitySpec("PRIORITIZE_LATENCY", 13), apns).dnn).toBeUndefined();
  });
});
