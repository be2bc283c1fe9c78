import {
  createTestPki,
  type RunningMobilePlansService,
  startMobilePlansService,
  type TestPki,
} from "@carrierkit/mobileplans-service-app/testing";
import {
  demoMobilePlansSims,
  MobilePlansStore,
  OperatorCore,
  seedDemo,
  seedMobilePlansDemo,
} from "@carrierkit/operator-core";
import { dialects, freshStore, type TestStore } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CONNECT_WITH_A_DATA_PLAN,
  flyoutFromBalances,
  formatRemaining,
  MobilePlansFlyout,
  SimulatedClock,
  VIEW_MY_ACCOUNT,
} from "../src/index.js";

const [ASHA, BEN, RAVI, , RAVI_IOT] = demoMobilePlansSims.map((s) => s.iccid) as string[];
const START = Date.parse("2026-11-22T10:00:00Z");

describe("flyout mapping", () => {
  it.each([
    ["MODIRECT", [VIEW_MY_ACCOUNT], false],
    ["MODIRECTPAYG", [VIEW_MY_ACCOUNT], true],
    ["NONE", [CONNECT_WITH_A_DATA_PLAN], false],
    ["NOTSUPPORTED", [VIEW_MY_ACCOUNT], false],
  ] as const)("When the first balance is %s, then the flyout offers %j (balance shown: %s)", (type, actions, shown) => {
    const state = flyoutFromBalances([{ type, dataRemainingInMB: 1536, timeRemaining: "P6DT23H" }], START);
    expect(state.actions).toEqual(actions);
    expect(state.balance !== undefined).toBe(shown);
    if (shown)
      expect(state.balance).toEqual({
        dataRemainingInMB: 1536,
        timeRemaining: "P6DT23H",
        expiresAt: START + (6 * 24 + 23) * 3_600_000,
        text: "1.5 GB left · 6 days 23 hours",
      });
  });

  it("When the time left is under a minute or gone, then it says so", () => {
    expect([formatRemaining(30_000), formatRemaining(0), formatRemaining(3_660_000)]).toEqual([
      "less than a minute",
      "expired",
      "1 hour 1 minute",
    ]);
  });
});

describe.each(dialects)("The Windows flyout against the reference Mobile Plans service on %s", (dialect) => {
  let store: TestStore;
  let core: OperatorCore;
  let pki: TestPki;
  let service: RunningMobilePlansService;
  let flyout: MobilePlansFlyout;
  const clock = new SimulatedClock(START);

  beforeAll(async () => {
    store = await freshStore(dialect);
    core = new OperatorCore(store.db);
    await seedDemo(core, START);
    await seedMobilePlansDemo(new MobilePlansStore(store.db), START);
    pki = await createTestPki(new Date(START));
    service = await startMobilePlansService(pki, { db: store.db, clock: () => clock.now() });
    flyout = new MobilePlansFlyout({
      baseUrl: service.url,
      tls: { cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert },
      imei: "001102000315468",
      clock,
    });
  });
  afterAll(async () => {
    flyout?.close();
    await service?.close();
    await store?.cleanup();
  });

  it("When the SIM has no plan, then 'Connect with a data plan', the no-plan gateway and a new-offer toast; after buying a plan with operator-core, the account link, the balance and no toast", async () => {
    const before = await flyout.refresh(RAVI!);
    expect(before).toMatchObject({
      balanceType: "NONE",
      actions: [CONNECT_WITH_A_DATA_PLAN],
      gatewayId: "1",
      toasts: [{ notificationId: 3, notificationType: "newOffer", title: "New data plans are available" }],
      errors: [],
    });
    expect(before.balance).toBeUndefined();
    // GetBalance, GetOffers and six GetNotifications, each with its own transaction id.
    expect(new Set(before.transactionIds).size).toBe(8);

    const bought = await core.purchase(
      { subscriberId: "sub-ravi", planId: "daily-1gb", transactionId: `flyout-${dialect}-1`, language: "en-US" },
      clock.now(),
    );
    expect(bought.kind).toBe("succeeded");

    const after = await flyout.refresh(RAVI!);
    expect(after).toMatchObject({
      balanceType: "MODIRECTPAYG",
      actions: [VIEW_MY_ACCOUNT],
      balance: {
        dataRemainingInMB: 1000,
        timeRemaining: "P1D",
        expiresAt: clock.now() + 86_400_000,
        text: "1 GB left · 1 day",
      },
      gatewayId: "0",
      toasts: [],
      errors: [],
    });
  });

  it("When the plan is nearly used up, then a low-balance toast and the low-balance gateway; once used up, 'Connect with a data plan' and a zero-balance toast", async () => {
    const [sub] = await core.activeSubscriptions("sub-ravi", clock.now());
    await core.recordUsage(sub!.id, 950_000_000n);
    const low = await flyout.refresh(RAVI!);
    expect(low).toMatchObject({
      balanceType: "MODIRECTPAYG",
      balance: { dataRemainingInMB: 50, text: "50 MB left · 1 day" },
      gatewayId: "2",
      toasts: [{ notificationType: "lowBalance", title: "You're running low on data" }],
    });
    await core.recordUsage(sub!.id, 50_000_000n);
    const zero = await flyout.refresh(RAVI!);
    expect(zero).toMatchObject({
      balanceType: "NONE",
      actions: [CONNECT_WITH_A_DATA_PLAN],
      gatewayId: "1",
      toasts: [{ notificationType: "zeroBalance", title: "You're out of data" }, { notificationType: "newOffer" }],
    });
  });

  it("When the SIM is postpaid, then only 'View my account' (no balance line)", async () => {
    const state = await flyout.refresh(BEN!);
    expect([state.balanceType, state.actions, state.balance]).toEqual(["MODIRECT", [VIEW_MY_ACCOUNT], undefined]);
  });

  it("When a prepaid SIM has data, then the balance line shows it", async () => {
    const state = await flyout.refresh(ASHA!);
    expect(state.balance?.text).toBe("37.8 GB left · 25 days");
  });

  it("When the SIM is outside the operator's ranges, then only 'View my account', and neither offers nor toasts are asked for", async () => {
    const state = await flyout.refresh(RAVI_IOT!);
    expect(state).toMatchObject({
      balanceType: "NOTSUPPORTED",
      actions: [VIEW_MY_ACCOUNT],
      gatewayId: "0",
      toasts: [],
    });
    expect(state.transactionIds).toHaveLength(1);
  });

  it("When the PC has no active profile of the operator, then GetOffers is not called and the default gateway shows", async () => {
    const state = await flyout.refresh(RAVI!, { hasActiveProfile: false, notificationTypes: [] });
    expect([state.gatewayId, state.transactionIds.length]).toEqual(["0", 1]);
  });

  it("When the ICCID is unknown, then the flyout records the 404 and shows no actions", async () => {
    const state = await flyout.refresh("8991010000000000000");
    expect(state.actions).toEqual([]);
    expect(state.errors[0]).toMatchObject({ operation: "GetBalance", status: 404, body: { code: "NotFound" } });
  });

  it("When the PC's certificate is expired or another subject's, then the flyout records 401 and 403", async () => {
    const tlsOf = (p: { cert: string; key: string }) => ({ cert: p.cert, key: p.key, ca: pki.ca.cert });
    const expired = new MobilePlansFlyout({ baseUrl: service.url, tls: tlsOf(pki.expiredClient), clock });
    const other = new MobilePlansFlyout({ baseUrl: service.url, tls: tlsOf(pki.wrongSubjectClient), clock });
    try {
      const [a, b] = await Promise.all([expired.refresh(ASHA!), other.refresh(ASHA!)]);
      expect(a.errors.map((e) => e.status)).toEqual([401, 401]);
      expect(b.errors.map((e) => e.status)).toEqual([403, 403]);
      expect(a.actions).toEqual([]);
    } finally {
      expired.close();
      other.close();
    }
  });

  it("When the operator's server certificate is not trusted by the PC, then the failure is recorded, not thrown", async () => {
    const distrustful = new MobilePlansFlyout({
      baseUrl: service.url,
      tls: { cert: pki.client.cert, key: pki.client.key },
      clock,
    });
    try {
      const state = await distrustful.refresh(ASHA!, { notificationTypes: [] });
      expect(state.errors[0]).toMatchObject({ operation: "GetBalance", status: 0 });
      expect(state.errors[0]!.message).toMatch(/certificate/i);
    } finally {
      distrustful.close();
    }
  });
});

describe("The Windows flyout against a rate-limited operator", () => {
  it("When the operator answers 429, then the flyout records it with Retry-After and keeps what it got", async () => {
    const store = await freshStore("sqlite");
    const clock = new SimulatedClock(START);
    await seedDemo(new OperatorCore(store.db), START);
    await seedMobilePlansDemo(new MobilePlansStore(store.db), START);
    const pki = await createTestPki(new Date(START));
    const service = await startMobilePlansService(pki, {
      db: store.db,
      clock: () => clock.now(),
      rateLimit: { ratePerSecond: 0.5, burst: 1 },
    });
    const flyout = new MobilePlansFlyout({
      baseUrl: service.url,
      tls: { cert: pki.client.cert, key: pki.client.key, ca: pki.ca.cert },
      clock,
    });
    try {
      const state = await flyout.refresh(RAVI!, { notificationTypes: [] });
      expect(state.balanceType).toBe("NONE");
      expect(state.gatewayId).toBe("0");
      expect(state.errors).toEqual([
        {
          operation: "GetOffers",
          status: 429,
          body: expect.objectContaining({ code: "TooManyRequests" }),
          message: expect.stringMatching(/retry after 2 s/),
          retryAfterSeconds: 2,
        },
      ]);
    } finally {
      flyout.close();
      await service.close();
      await store.cleanup();
    }
  });
});
