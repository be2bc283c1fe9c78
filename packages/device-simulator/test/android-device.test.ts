import { writeFileSync } from "node:fs";
import { androidCategoryRule, androidDefaultRule } from "@carrierkit/ursp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AndroidDevice,
  type AndroidDeviceOptions,
  AOSP_SLICING_ACCEPT,
  activatingRule,
  CARRIER_CONFIG_DEFAULTS,
  CarrierConfigError,
  carrierConfig,
  DeviceStateError,
  type DeviceStateStore,
  deviceProfile,
  emptyDeviceState,
  JsonFileDeviceState,
  MemoryDeviceState,
  type NotificationResponse,
  type PurchasePageLauncher,
  pageMethod,
  parseCarrierConfigOverride,
  persistedUsimState,
  SimulatedClock,
  scriptedUser,
  Ts43EntitlementChecker,
} from "../src/index.js";
import {
  type Answer,
  editAp2010,
  IMEI,
  OperatorStack,
  RewritingProxy,
  type Subscriber,
  TestPolicySource,
  tempStatePath,
  unknownUsim,
  usim,
} from "./stack.js";

// The device against the real reference entitlement server over HTTP (full EAP-AKA on every check), on a simulated
// clock. Nothing here opens the purchase page: users dismiss, ignore or answer late (the page is in the browser test).
let stack: OperatorStack;
let proxy: RewritingProxy;
beforeAll(async () => {
  stack = await OperatorStack.start();
  proxy = await new RewritingProxy(stack.ecsUrl).start();
});
afterAll(async () => {
  await proxy?.close();
  await stack?.close();
});

const noPages: PurchasePageLauncher = {
  open: () => Promise.reject(new Error("this test opens no purchase page")),
};
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

interface Made {
  device: AndroidDevice;
  clock: SimulatedClock;
  requests: () => number;
}

function make(
  o: {
    sub?: Subscriber;
    url?: string;
    user?: NotificationResponse["action"] | NotificationResponse;
    clock?: SimulatedClock;
    state?: DeviceStateStore;
    usim?: ReturnType<typeof usim>;
  } & Partial<Omit<AndroidDeviceOptions, "user" | "clock" | "state" | "usim">> = {},
): Made {
  const clock = o.clock ?? new SimulatedClock();
  const sim = o.usim ?? usim(o.sub ?? "asha");
  const device = new AndroidDevice({
    profile: o.profile ?? "android-14-qpr1",
    clock,
    state: o.state ?? new MemoryDeviceState(),
    usim: sim,
    pages: o.pages ?? noPages,
    user: scriptedUser(o.user ?? "dismiss"),
    entitlement: o.entitlement ?? new Ts43EntitlementChecker({ url: o.url ?? stack.ecsUrl, usim: sim, imei: IMEI }),
    carrierConfig: { supported_premium_capabilities_int_array: [34], ...o.carrierConfig },
    ...(o.radio ? { radio: o.radio } : {}),
    ...(o.settings ? { settings: o.settings } : {}),
    ...(o.policySource ? { policySource: o.policySource } : {}),
  });
  return { device, clock, requests: () => device.steps.filter((s) => s.step === "entitlement-request").length };
}

describe("the entitlement request", () => {
  it("When the device checks its entitlement twice, then each check is AOSP's exact GET with a full EAP-AKA and only the EAP relay Accept type", async () => {
    proxy.requests.length = 0;
    const { device } = make({ url: proxy.url });
    expect((await device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    expect((await device.purchasePremiumCapability(34)).name).toBe("THROTTLED"); // the notification back-off
    const again = make({ url: proxy.url });
    expect((await again.device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    const gets = proxy.requests.filter((r) => r.method === "GET");
    expect(gets).toHaveLength(2);
    for (const get of gets) {
      const query = new URL(get.url, "http://x").searchParams;
      expect([...query.entries()]).toEqual([
        ["EAP_ID", "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org"],
        ["terminal_id", IMEI],
        ["boost_type", "0"],
        ["app", "ap2010"],
        ["terminal_vendor", "vend"],
        ["terminal_model", "modelY"],
        ["terminal_sw_version", "versionZ"],
        ["vers", "0"],
        ["entitlement_version", "2.0"],
      ]);
      expect(get.headers.accept).toBe(AOSP_SLICING_ACCEPT);
    }
    const posts = proxy.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(post.url).toBe("/");
      expect(post.headers.accept).toBe(AOSP_SLICING_ACCEPT);
      expect(post.headers.cookie).toMatch(/^ECS_SESSION=/);
    }
  });
});

type Cell = "UI" | 3 | 4 | 8 | 13;
// ts43-reference.md §4.2: rows EntitlementStatus 0–4, columns ProvStatus 0–3.
const QPR1: Cell[][] = [
  [13, 13, 13, 13],
  ["UI", 3, 3, 4],
  [13, 13, 13, 13],
  [8, 8, 4, 4],
  [8, 3, 3, 8],
];
const GA: Cell[][] = [
  [13, 13, 13, 13],
  [8, "UI", "UI", 8],
  [13, 13, 13, 13],
  [8, 8, 4, 4],
  [8, 3, 3, 8],
];
const cells = (profile: string, table: Cell[][]) =>
  table.flatMap((row, es) => row.map((cell, ps) => ({ profile, es, ps, cell })));

describe("the decision tables", () => {
  afterAll(() => stack.setBoost("sub-asha", 1, 0));

  it.each([...cells("android-14-qpr1", QPR1), ...cells("android-14", GA)])(
    "When $profile gets EntitlementStatus $es × ProvStatus $ps from the entitlement server, then the outcome is $cell",
    async ({ profile, es, ps, cell }) => {
      await stack.setBoost("sub-asha", es, ps);
      // The reference server names the page only for ENABLED × NOT PROVISIONED: the carrier-config URL covers GA's cells.
      const { device } = make({
        profile,
        carrierConfig: { premium_capability_purchase_url_string: "https://boost.operator.test/purchase" },
      });
      const result = await device.purchasePremiumCapability(34);
      const shown = device.steps.some((s) => s.step === "notification-shown");
      if (cell === "UI") {
        expect(shown).toBe(true);
        expect(result).toMatchObject({ name: "USER_CANCELED", code: 6 });
      } else {
        expect(shown).toBe(false);
        expect(result.code).toBe(cell);
      }
    },
  );
});

describe("answers the reference server never gives (through a rewriting proxy)", () => {
  afterAll(() => {
    proxy.rewrite = undefined;
    proxy.requestHeaders = undefined;
  });

  type Rewrite = (answer: Answer) => Answer;
  const rows: Array<{ what: string; profile: string; expected: string; rewrite: Rewrite }> = [
    {
      what: "no ap2010 object",
      profile: "android-14-qpr1",
      expected: "ENTITLEMENT_CHECK_FAILED",
      rewrite: editAp2010((_a, doc) => delete doc.ap2010),
    },
    {
      what: "no Vers characteristic (Android reads only ap2010; Ts43Client refuses the document)",
      profile: "android-14-qpr1",
      expected: "UI",
      rewrite: editAp2010((_a, doc) => delete doc.Vers),
    },
    {
      what: "no Vers and no ap2010",
      profile: "android-14-qpr1",
      expected: "ENTITLEMENT_CHECK_FAILED",
      rewrite: editAp2010((_a, doc) => {
        delete doc.Vers;
        delete doc.ap2010;
      }),
    },
    {
      what: "no ProvStatus (ENABLED × 0 opens the page)",
      profile: "android-14-qpr1",
      expected: "UI",
      rewrite: editAp2010((a) => delete a.ProvStatus),
    },
    {
      what: "no ProvStatus (ENABLED × 0 is invalid on GA)",
      profile: "android-14",
      expected: "CARRIER_ERROR",
      rewrite: editAp2010((a) => delete a.ProvStatus),
    },
    {
      what: "an unknown EntitlementStatus 5",
      profile: "android-14-qpr1",
      expected: "UI",
      rewrite: editAp2010((a) => Object.assign(a, { EntitlementStatus: 5 })),
    },
    {
      what: "an unknown EntitlementStatus 5",
      profile: "android-14",
      expected: "UI",
      rewrite: editAp2010((a) => Object.assign(a, { EntitlementStatus: 5 })),
    },
    {
      what: "statuses as JSON strings",
      profile: "android-14-qpr1",
      expected: "UI",
      rewrite: editAp2010((a) => Object.assign(a, { EntitlementStatus: "1", ProvStatus: "0" })),
    },
    {
      what: "a non-numeric EntitlementStatus (defaults 0 × 0)",
      profile: "android-14-qpr1",
      expected: "ENTITLEMENT_CHECK_FAILED",
      rewrite: editAp2010((a) => Object.assign(a, { EntitlementStatus: "one" })),
    },
    {
      what: "a non-numeric ProvStatus after ENABLED (the parse stops: 1 × 0, no ServiceFlow_URL)",
      profile: "android-14-qpr1",
      expected: "CARRIER_DISABLED",
      rewrite: editAp2010((a) => Object.assign(a, { ProvStatus: "1.0" })),
    },
    {
      what: "a null EntitlementStatus (org.json reads it as null text)",
      profile: "android-14-qpr1",
      expected: "ENTITLEMENT_CHECK_FAILED",
      rewrite: editAp2010((a) => Object.assign(a, { EntitlementStatus: null })),
    },
    {
      what: "a body that is not JSON",
      profile: "android-14-qpr1",
      expected: "ENTITLEMENT_CHECK_FAILED",
      rewrite: (a) => ({ ...a, body: "{not json" }),
    },
    {
      what: "HTTP 503",
      profile: "android-14-qpr1",
      expected: "CARRIER_ERROR",
      rewrite: (a) => ({ ...a, status: 503 }),
    },
    { what: "HTTP 500", profile: "android-14", expected: "CARRIER_ERROR", rewrite: (a) => ({ ...a, status: 500 }) },
    {
      what: "an unknown content type",
      profile: "android-14-qpr1",
      expected: "CARRIER_ERROR",
      rewrite: (a) => ({ ...a, contentType: "text/plain" }),
    },
  ];
  it.each(rows)(
    "When the answer has $what on $profile, then the outcome is $expected",
    async ({ profile, rewrite, expected }) => {
      proxy.rewrite = rewrite;
      const { device } = make({ profile, url: proxy.url });
      const result = await device.purchasePremiumCapability(34);
      if (expected === "UI") {
        expect(device.steps.some((s) => s.step === "notification-shown")).toBe(true);
        expect(result.name).toBe("USER_CANCELED");
      } else expect(result.name).toBe(expected);
    },
  );

  it("When the server answers the XML document (Accept rewritten), then the JSON-only client falls back to the defaults: ENTITLEMENT_CHECK_FAILED", async () => {
    proxy.rewrite = undefined;
    proxy.requestHeaders = (h) => h.set("accept", "text/vnd.wap.connectivity-xml");
    const { device } = make({ url: proxy.url });
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "ENTITLEMENT_CHECK_FAILED", code: 13 });
    const response = device.steps.find((s) => s.step === "entitlement-response");
    expect(response?.text).toContain("not JSON");
    proxy.requestHeaders = undefined;
  });

  it("When the network does not know the IMSI (HTTP 403), then CARRIER_ERROR starts the purchase-condition back-off", async () => {
    const { device, clock } = make({ usim: unknownUsim() });
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "CARRIER_ERROR", code: 8 });
    expect(device.state.throttles["34"]).toMatchObject({ kind: "purchase-condition", after: "CARRIER_ERROR" });
    clock.advance(30 * MIN - 1);
    expect((await device.purchasePremiumCapability(34)).name).toBe("THROTTLED");
    clock.advance(1);
    expect((await device.purchasePremiumCapability(34)).name).toBe("CARRIER_ERROR");
  });
});

describe("the checks before the entitlement request", () => {
  it("When every condition fails and they are fixed one by one, then the results follow AOSP's order and none reaches the server", async () => {
    const policies = new TestPolicySource();
    const clock = new SimulatedClock();
    const state = new MemoryDeviceState();
    const data = emptyDeviceState();
    data.pendingSetup["34"] = { since: clock.now(), until: clock.now() + 5 * MIN };
    data.throttles["34"] = { until: clock.now() + 10 * MIN, kind: "notification", after: "USER_CANCELED" };
    state.save(data);
    policies.deliver("001-01", {
      rules: [
        androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } }),
        androidDefaultRule({ precedence: 255, slice: { sst: 1 } }),
      ],
    });
    const { device, requests } = make({
      clock,
      state,
      policySource: policies,
      carrierConfig: { supported_premium_capabilities_int_array: [] },
      radio: { rat: "UMTS", roaming: true, dataEnabled: false, defaultDataSubscription: false, nrAllowed: false },
      settings: { phoneAvailable: false, appForeground: false, slicingUpsellEnabled: false },
    });
    const fixes: Array<[string, () => void]> = [
      ["REQUEST_FAILED", () => device.setSettings({ phoneAvailable: true })],
      ["NOT_FOREGROUND", () => device.setSettings({ appForeground: true })],
      ["FEATURE_NOT_SUPPORTED", () => device.setRadio({ nrAllowed: true })],
      ["FEATURE_NOT_SUPPORTED", () => device.setSettings({ slicingUpsellEnabled: true })],
      ["CARRIER_DISABLED", () => device.config.supported_premium_capabilities_int_array.push(34)],
      ["NOT_DEFAULT_DATA_SUBSCRIPTION", () => device.setRadio({ defaultDataSubscription: true })],
      ["ALREADY_PURCHASED", () => policies.deliver("001-01", { rules: [] })],
      ["PENDING_NETWORK_SETUP", () => clock.advance(5 * MIN)],
      ["THROTTLED", () => clock.advance(5 * MIN)],
      ["NETWORK_NOT_AVAILABLE", () => device.setRadio({ roaming: false })],
      ["NETWORK_NOT_AVAILABLE", () => device.setRadio({ dataEnabled: true })],
      ["NETWORK_NOT_AVAILABLE", () => device.setRadio({ rat: "LTE" })],
      ["NETWORK_NOT_AVAILABLE", () => (device.config.premium_capability_supported_on_lte_bool = true)],
    ];
    const seen: string[] = [];
    for (const [, fix] of fixes) {
      seen.push((await device.purchasePremiumCapability(34)).name);
      fix();
    }
    expect(seen).toEqual(fixes.map(([name]) => name));
    expect(requests()).toBe(0);
    // On LTE with premium_capability_supported_on_lte_bool the request goes out (and the user dismisses).
    expect((await device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    expect(requests()).toBe(1);
  });

  it("When a second request arrives while the notification is up, then it is ALREADY_IN_PROGRESS and the first times out", async () => {
    const { device, clock } = make({ user: "ignore" });
    const shown = device.nextStep("notification-shown");
    const first = device.purchasePremiumCapability(34);
    await shown;
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "ALREADY_IN_PROGRESS", code: 4 });
    clock.advance(30 * MIN);
    expect(await first).toMatchObject({ name: "TIMEOUT", code: 9 });
    expect(device.state.throttles["34"]).toMatchObject({ kind: "notification", after: "TIMEOUT" });
  });
});

describe("the notification", () => {
  it.each([
    ["dismisses it", "USER_CANCELED", { action: "dismiss" }, 0],
    ["presses Not now after 5 minutes", "USER_CANCELED", { action: "not-now", afterMs: 5 * MIN }, 5 * MIN],
    ["ignores it", "TIMEOUT", { action: "ignore" }, 30 * MIN],
    ["taps it after the display timeout", "TIMEOUT", { action: "tap", afterMs: 31 * MIN }, 30 * MIN],
  ] as const)(
    "When the user %s, then the result is %s, it counted toward the caps and the notification back-off starts",
    async (_w, name, answer, waits) => {
      const { device, clock } = make({ user: answer });
      const shown = device.nextStep("notification-shown");
      let settled = false;
      const result = device.purchasePremiumCapability(34).finally(() => {
        settled = true;
      });
      await shown;
      const start = clock.now();
      if (waits > 0) {
        clock.advance(waits - 1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(settled).toBe(false);
        clock.advance(1);
      }
      expect((await result).name).toBe(name);
      expect(device.state.notifications).toMatchObject({ daily: 1, monthly: 1 });
      expect(device.state.throttles["34"]).toMatchObject({ kind: "notification", until: start + waits + 30 * MIN });
    },
  );

  it.each([
    ["android-15", "USER_DISABLED", 16],
    ["android-14-qpr1", "USER_CANCELED", 6],
  ] as const)(
    "When the user turned the notifications off on %s, then the result is %s (%i) and nothing counts",
    async (profile, name, code) => {
      const { device } = make({ profile, settings: { notificationsEnabled: false } });
      expect(await device.purchasePremiumCapability(34)).toMatchObject({ name, code });
      expect(device.state.notifications.daily).toBe(0);
      expect(device.state.throttles["34"]?.kind).toBe("notification");
    },
  );
});

describe("throttling", () => {
  it("When the entitlement check fails (ENTITLEMENT_CHECK_FAILED), then THROTTLED lasts the purchase-condition hysteresis from carrier config", async () => {
    const { device, clock, requests } = make({
      sub: "ravi",
      carrierConfig: { premium_capability_purchase_condition_backoff_hysteresis_time_millis_long: 10 * MIN },
    });
    expect((await device.purchasePremiumCapability(34)).name).toBe("ENTITLEMENT_CHECK_FAILED");
    clock.advance(10 * MIN - 1);
    expect((await device.purchasePremiumCapability(34)).reason).toContain(
      "purchase-condition back-off after ENTITLEMENT_CHECK_FAILED",
    );
    expect(requests()).toBe(1);
    clock.advance(1);
    expect((await device.purchasePremiumCapability(34)).name).toBe("ENTITLEMENT_CHECK_FAILED");
    expect(requests()).toBe(2);
  });

  /** Dismisses notifications every `gapMs` until THROTTLED; returns the results. */
  async function dismissals(made: Made, count: number, gapMs = 31 * MIN) {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      out.push((await made.device.purchasePremiumCapability(34)).name);
      made.clock.advance(gapMs);
    }
    return out;
  }

  it.each([
    ["android-14-qpr1", 0],
    ["android-14", 1],
  ] as const)(
    "When %s shows the 2 notifications of a day, then the third request of that day is THROTTLED (entitlement requests on the cap: %i) until the next day",
    async (profile, extraRequests) => {
      // GA opens the page for ENABLED × PROVISIONED (Lena), from the carrier-config URL (the server names none there).
      const made = make({
        profile,
        sub: profile === "android-14" ? "lena" : "asha",
        carrierConfig: { premium_capability_purchase_url_string: "https://boost.operator.test/purchase" },
        clock: new SimulatedClock(Date.UTC(2026, 0, 15, 9, 0)),
      });
      expect(await dismissals(made, 2)).toEqual(["USER_CANCELED", "USER_CANCELED"]);
      const third = await made.device.purchasePremiumCapability(34);
      expect(third.name).toBe("THROTTLED");
      expect(third.reason).toContain("daily notification cap");
      expect(third.reason).toContain("2026-01-16T00:00:00.000Z");
      expect(made.requests()).toBe(2 + extraRequests);
      made.clock.advanceTo(Date.UTC(2026, 0, 15, 23, 59));
      expect((await made.device.purchasePremiumCapability(34)).name).toBe("THROTTLED");
      made.clock.advanceTo(Date.UTC(2026, 0, 16, 0, 0));
      expect((await made.device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    },
  );

  it("When 10 notifications were shown in a month (2 a day), then the 11th request is THROTTLED for the rest of the month and allowed on the 1st", async () => {
    const made = make({ clock: new SimulatedClock(Date.UTC(2026, 0, 20, 9, 0)) });
    for (let day = 0; day < 5; day++) {
      expect(await dismissals(made, 2)).toEqual(["USER_CANCELED", "USER_CANCELED"]);
      made.clock.advance(DAY - 62 * MIN);
    }
    expect(made.device.state.notifications).toMatchObject({ monthKey: "2026-01", monthly: 10 });
    for (const at of [Date.UTC(2026, 0, 25, 9), Date.UTC(2026, 0, 31, 23, 59)]) {
      made.clock.advanceTo(at);
      const r = await made.device.purchasePremiumCapability(34);
      expect(r.name).toBe("THROTTLED");
      expect(r.reason).toContain("monthly notification cap is reached (10 shown) until 2026-02-01T00:00:00.000Z");
    }
    made.clock.advanceTo(Date.UTC(2026, 1, 1, 0, 0));
    expect((await made.device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    expect(made.device.state.notifications).toMatchObject({ monthKey: "2026-02", monthly: 1, daily: 1 });
  });

  // IST (UTC+5:30): 19:00 UTC on the 15th is 00:30 on the 16th, local time.
  it.each([
    ["utc", "day", Date.UTC(2026, 0, 15, 17, 0), Date.UTC(2026, 0, 15, 19, 0), "THROTTLED"],
    ["local", "day", Date.UTC(2026, 0, 15, 17, 0), Date.UTC(2026, 0, 15, 19, 0), "USER_CANCELED"],
    ["utc", "month", Date.UTC(2026, 0, 31, 17, 0), Date.UTC(2026, 0, 31, 19, 0), "THROTTLED"],
    ["local", "month", Date.UTC(2026, 0, 31, 17, 0), Date.UTC(2026, 0, 31, 19, 0), "USER_CANCELED"],
  ] as const)(
    "When the caps reset by the %s rule on a UTC+5:30 device and the %s turns locally, then the next request is %s",
    async (rule, which, start, later, expected) => {
      const made = make({
        profile: deviceProfile("android-14-qpr1", { capReset: rule }),
        settings: { utcOffsetMinutes: 330 },
        clock: new SimulatedClock(start),
        carrierConfig:
          which === "month"
            ? {
                premium_capability_maximum_monthly_notification_count_int: 1,
                premium_capability_maximum_daily_notification_count_int: 5,
              }
            : {},
      });
      await dismissals(made, which === "month" ? 1 : 2);
      expect((await made.device.purchasePremiumCapability(34)).name).toBe("THROTTLED");
      made.clock.advanceTo(later);
      expect((await made.device.purchasePremiumCapability(34)).name).toBe(expected);
    },
  );
});

describe("the persisted device state", () => {
  it("When the simulator restarts on the same state file, then counters, back-offs and the USIM's SQN survive", async () => {
    const path = tempStatePath();
    const clock = new SimulatedClock();
    const first = make({ clock, state: new JsonFileDeviceState(path) });
    expect((await first.device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    first.device.close();
    const saved = new JsonFileDeviceState(path).load();
    expect(saved.notifications).toMatchObject({ daily: 1, monthly: 1 });
    expect(saved.throttles["34"]).toMatchObject({ kind: "notification", until: clock.now() + 30 * MIN });
    const usimState = persistedUsimState(saved)!;
    expect(usimState.sqnMs).toBeGreaterThan(0n);

    // A new process: a new clock at the same time, the USIM restored from the file.
    const later = new SimulatedClock(clock.now() + 10 * MIN);
    const second = make({ clock: later, state: new JsonFileDeviceState(path), usim: usim("asha", usimState) });
    const r = await second.device.purchasePremiumCapability(34);
    expect(r.name).toBe("THROTTLED");
    later.advance(20 * MIN);
    expect((await second.device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
    expect(new JsonFileDeviceState(path).load().notifications.daily).toBe(2);
  });

  it("When the simulator restarts during the network setup, then the pending capability and its timer carry over", async () => {
    const path = tempStatePath();
    const clock = new SimulatedClock();
    const data = emptyDeviceState();
    data.pendingSetup["34"] = { since: clock.now() - 2 * MIN, until: clock.now() + 3 * MIN };
    new JsonFileDeviceState(path).save(data);
    const { device } = make({ clock, state: new JsonFileDeviceState(path) });
    expect(device.capabilityState(34)).toBe("pending-network-setup");
    expect((await device.purchasePremiumCapability(34)).name).toBe("PENDING_NETWORK_SETUP");
    const timeout = device.nextStep("network-setup-timeout");
    clock.advance(3 * MIN);
    await timeout;
    expect(new JsonFileDeviceState(path).load().pendingSetup).toEqual({});
    expect((await device.purchasePremiumCapability(34)).name).toBe("USER_CANCELED");
  });

  it.each([
    ["not JSON", "{"],
    ["another version", JSON.stringify({ ...emptyDeviceState(), version: 2 })],
    ["a malformed throttle", JSON.stringify({ ...emptyDeviceState(), throttles: { "34": { until: "soon" } } })],
    ["a malformed USIM", JSON.stringify({ ...emptyDeviceState(), usim: { sqnMs: 1, seqArray: [] } })],
  ])("When the state file holds %s, then loading it is a DeviceStateError naming the file", (_w, text) => {
    const path = tempStatePath();
    writeFileSync(path, text);
    expect(() => new JsonFileDeviceState(path).load()).toThrow(DeviceStateError);
    expect(() => new JsonFileDeviceState(path).load()).toThrow(path);
  });
});

describe("the purchase URL and the user data (before any page opens)", () => {
  afterAll(() => {
    proxy.rewrite = undefined;
  });

  it.each([
    {
      what: "ContentsType json without ServiceFlow_UserData",
      edit: (a: Record<string, unknown>) =>
        Object.assign(a, { ServiceFlow_ContentsType: "json", ServiceFlow_UserData: "" }),
      name: "CARRIER_ERROR",
      reason: "FAILURE_CODE_NO_USER_DATA",
    },
    {
      what: "ContentsType 2 with user data that is not base64 after encodedValue=",
      edit: (a: Record<string, unknown>) =>
        Object.assign(a, { ServiceFlow_ContentsType: "2", ServiceFlow_UserData: "encodedValue=*%*" }),
      name: "CARRIER_ERROR",
      reason: "is not base64",
    },
    {
      what: "a ServiceFlow_URL that is not a URL",
      edit: (a: Record<string, unknown>) => Object.assign(a, { ServiceFlow_URL: "boost page" }),
      name: "CARRIER_DISABLED",
      reason: "is not a valid URL",
    },
    {
      what: "no ServiceFlow_URL and no carrier-config URL",
      edit: (a: Record<string, unknown>) => delete a.ServiceFlow_URL,
      name: "CARRIER_DISABLED",
      reason: "no ServiceFlow_URL and no valid premium_capability_purchase_url_string",
    },
  ])("When the answer has $what and the user taps, then $name", async ({ edit, name, reason }) => {
    proxy.rewrite = editAp2010(edit);
    const { device } = make({ url: proxy.url, user: "tap" });
    const result = await device.purchasePremiumCapability(34);
    expect(result.name).toBe(name);
    expect(result.reason).toContain(reason);
  });

  it("When the SIM has no operator name, then CARRIER_DISABLED and no notification", async () => {
    const { device } = make({ settings: { carrierName: "" } });
    expect(await device.purchasePremiumCapability(34)).toMatchObject({ name: "CARRIER_DISABLED", code: 7 });
    expect(device.state.notifications.daily).toBe(0);
  });
});

describe("pure rules", () => {
  it.each([
    ["android-14-qpr1", undefined, "GET"],
    ["android-14-qpr1", "json", "POST"],
    ["android-14-qpr1", "xml", "POST"],
    ["android-14-qpr1", "Xml", "GET"],
    ["android-14-qpr1", "0", "GET"],
    ["android-14-qpr1", "1", "POST"],
    ["android-14-qpr1", "2", "POST"],
    ["android-14", "json", "GET"],
    ["android-14", "1", "GET"],
  ] as const)("When %s gets ContentsType %s, then the page is opened with %s", (profile, type, method) => {
    expect(pageMethod(type, deviceProfile(profile))).toBe(method);
  });

  it("When carrier-config overrides are parsed, then AOSP key strings and KEY_ names work and bad values are typed errors", () => {
    expect(parseCarrierConfigOverride("supported_premium_capabilities_int_array=34,35")).toEqual([
      "supported_premium_capabilities_int_array",
      [34, 35],
    ]);
    expect(parseCarrierConfigOverride("KEY_PREMIUM_CAPABILITY_SUPPORTED_ON_LTE_BOOL=true")).toEqual([
      "premium_capability_supported_on_lte_bool",
      true,
    ]);
    expect(parseCarrierConfigOverride("premium_capability_purchase_url_string=null")[1]).toBeNull();
    expect(() => parseCarrierConfigOverride("premium_capability_maximum_daily_notification_count_int=two")).toThrow(
      CarrierConfigError,
    );
    expect(() => parseCarrierConfigOverride("no_such_key=1")).toThrow(/unknown key/);
    expect(() => carrierConfig({ premium_capability_supported_on_lte_bool: "yes" })).toThrow(CarrierConfigError);
    expect(carrierConfig()).toEqual(CARRIER_CONFIG_DEFAULTS);
    expect(Object.keys(CARRIER_CONFIG_DEFAULTS)).toHaveLength(9);
  });

  it.each([
    [
      "a PRIORITIZE_LATENCY rule on URLLC (SST 2)",
      androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } }),
      undefined,
      true,
    ],
    [
      "a PRIORITIZE_LATENCY rule on eMBB (SST 1)",
      androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 1 } }),
      undefined,
      true,
    ],
    [
      "a PRIORITIZE_LATENCY rule on V2X (SST 3)",
      androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 3 } }),
      undefined,
      false,
    ],
    [
      "a PRIORITIZE_BANDWIDTH rule",
      androidCategoryRule("PRIORITIZE_BANDWIDTH", { precedence: 7, slice: { sst: 2 } }),
      undefined,
      false,
    ],
    ["a match-all rule", androidDefaultRule({ precedence: 255, slice: { sst: 1 } }), undefined, false],
    [
      "a PRIORITIZE_LATENCY rule on a slice outside the Allowed NSSAI",
      androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } }),
      [{ sst: 1 }],
      false,
    ],
    [
      "a PRIORITIZE_LATENCY rule on an allowed slice",
      androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } }),
      [{ sst: 2, sd: "000001" }],
      true,
    ],
  ] as const)("When the URSP has %s, then PRIORITIZE_LATENCY active is %s", (_w, rule, allowed, active) => {
    expect(activatingRule({ rules: [rule] }, 34, allowed) !== undefined).toBe(active);
  });
});
