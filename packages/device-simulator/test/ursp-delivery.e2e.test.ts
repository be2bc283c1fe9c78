// URSP delivery end to end over real HTTP: the reference entitlement server's PCF stand-in (after a recorded
// data-boost purchase) → the simulated AMF (N1N2MessageTransfer, DL NAS TRANSPORT) → the UE policy store → the UE's
// answer (UL NAS TRANSPORT, N1MessageNotify) → the delivery's state in the store and the admin API.
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  createEntitlementApp,
  type EntitlementApp,
  type PcfStandIn,
  type UrspDelivery,
} from "@carrierkit/entitlement-app";
import { sendN1MessageNotify } from "@carrierkit/namf";
import { type Db, EntitlementCore, OperatorCore, seedDemo, seedEntitlementDemo } from "@carrierkit/operator-core";
import { dialects, freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { UePolicyStore } from "../src/android/ue-policy.js";
import { SimulatedClock } from "../src/clock.js";
import { SimulatedAmf } from "../src/network/amf.js";

const ADMIN = "test-admin-token-0123456789";
const SUB = "sub-asha";
const SUPI = "imsi-001010000000001";
const ANSWER_TIMEOUT = 15_000;

interface Ecs {
  app: EntitlementApp;
  pcf: PcfStandIn;
  server: RunningServer;
  admin(path: string, init?: RequestInit): Promise<Response>;
}

async function startEcs(db: Db, clock: TestClock, amfUrl: string, pcf: Record<string, unknown> = {}): Promise<Ecs> {
  // The notify URL names this server, so the server listens first and the app is plugged in once built.
  let inner: express.Express | undefined;
  const holder = express();
  holder.use((req, res, next) => (inner ? inner(req, res, next) : next()));
  const server = await startServer({ app: holder, port: 0 });
  const app = createEntitlementApp({
    db,
    adminToken: ADMIN,
    grantSecret: "test-grant-secret-0123456789",
    clock: clock.now,
    pcf: {
      amfUrl,
      notifyUrl: `${server.url}/pcf/n1-notify`,
      pollIntervalMs: 0,
      answerTimeoutMs: ANSWER_TIMEOUT,
      retryBaseMs: 1000,
      maxTransmissions: 3,
      ...pcf,
    },
  });
  inner = app.app;
  return {
    app,
    pcf: app.pcf!,
    server,
    admin: (path, init = {}) =>
      fetch(`${server.url}/admin${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
      }),
  };
}

describe.each(dialects)("URSP delivery, purchase → N1 message → UE answer (%s)", (dialect) => {
  let store: TestStore;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function setup(
    options: { ue?: ConstructorParameters<typeof UePolicyStore>[0]; pcf?: Record<string, unknown> } = {},
  ) {
    store = await freshStore(dialect);
    closers.push(() => store.cleanup());
    const clock = new TestClock();
    await seedDemo(new OperatorCore(store.db), clock.now());
    await seedEntitlementDemo(new EntitlementCore(store.db), clock.now());
    const simClock = new SimulatedClock(clock.now());
    const amf = new SimulatedAmf({ clock: simClock });
    const ue = new UePolicyStore({ clock: simClock, ...options.ue });
    amf.register(SUPI, ue);
    await amf.start({ port: 0 });
    closers.push(() => amf.close());
    const ecs = await startEcs(store.db, clock, amf.url, options.pcf);
    closers.push(async () => {
      await ecs.pcf.stop();
      await ecs.server.close();
    });
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        await ecs.pcf.settled();
        await amf.settled();
      }
    };
    const deliveries = async () => {
      const res = await ecs.admin(`/subscribers/${SUB}/ursp-deliveries`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { deliveries: (UrspDelivery & { nextAttemptAt: string | null })[] }).deliveries;
    };
    const purchase = async () => {
      const res = await ecs.admin(`/subscribers/${SUB}/data-boost/purchase`, { method: "POST", body: "{}" });
      expect(res.status).toBe(200);
      await settle();
    };
    /** Time passes for the PCF (and the UE's clock), then the PCF's worker runs. */
    const later = async (ms: number) => {
      clock.t += ms;
      simClock.advanceTo(clock.now());
      await ecs.pcf.runDue();
      await settle();
    };
    return { clock, amf, ue, ecs, settle, deliveries, purchase, later };
  }

  const latencyRule = (ue: UePolicyStore) =>
    ue
      .policy("001-01")
      .rules.find((r) =>
        r.trafficDescriptor.some((c) => c.type === "osIdOsAppId" && c.osAppId === "PRIORITIZE_LATENCY"),
      );

  it("When a purchase is recorded, then the UE gets the PRIORITIZE_LATENCY rule on the configured slice and the delivery is DELIVERED", async () => {
    const { ue, amf, deliveries, purchase } = await setup({ pcf: { latencySlice: { sst: 1, sd: "0000aa" } } });
    await purchase();
    const rule = latencyRule(ue);
    expect(rule?.routeSelectionDescriptors[0]?.components).toContainEqual({ type: "sNssai", sst: 1, sd: "0000aa" });
    expect(ue.policy("001-01").rules.at(-1)?.trafficDescriptor).toEqual([{ type: "matchAll" }]);
    const [d] = await deliveries();
    expect(d).toMatchObject({
      state: "DELIVERED",
      supi: SUPI,
      pti: 0x80,
      plmn: "001-01",
      upsc: 1,
      transmissions: 1,
      attempts: 1,
      lastResult: "200 N1_N2_TRANSFER_INITIATED",
      failure: null,
      nextAttemptAt: null,
    });
    expect(amf.subscriptions()).toEqual([{ id: "1", supi: SUPI, uri: expect.stringMatching(/\/pcf\/n1-notify$/) }]);
    expect(amf.events.map((e) => e.kind)).toEqual(["transfer", "downlink", "uplink", "notify"]);
  });

  it("When a second purchase is recorded, then the next PTI carries it, the UE replaces its section, and both deliveries are listed", async () => {
    const { ue, clock, deliveries, purchase } = await setup();
    await purchase();
    clock.t += 60_000;
    await purchase();
    const list = await deliveries();
    expect(list.map((d) => [d.state, d.pti])).toEqual([
      ["DELIVERED", 0x81],
      ["DELIVERED", 0x80],
    ]);
    expect(ue.sections()).toHaveLength(1);
  });

  it("When a purchase is recorded while the previous delivery waits for an answer, then the older one is superseded", async () => {
    const { amf, clock, deliveries, purchase } = await setup();
    amf.loseNext(SUPI, 1, "downlink");
    await purchase();
    clock.t += 1000;
    await purchase();
    const [newer, older] = await deliveries();
    expect(newer).toMatchObject({ state: "DELIVERED", pti: 0x81 });
    expect(older).toMatchObject({ state: "FAILED", pti: 0x80, failure: `superseded by ${newer?.id}` });
  });

  it("When the UE does not support URSP, then COMMAND REJECT is recorded with its cause and the delivery is REJECTED", async () => {
    const { ue, deliveries, purchase } = await setup({ ue: { supportedPartTypes: [] } });
    await purchase();
    const [d] = await deliveries();
    expect(d).toMatchObject({
      state: "REJECTED",
      rejectResults: [{ plmn: "001-01", results: [{ upsc: 1, failedInstructionOrder: 1, cause: 111 }] }],
      failure: "MANAGE UE POLICY COMMAND REJECT: UPSC 1 instruction 1 cause #111",
    });
    expect(ue.sections()).toEqual([]);
  });

  it("When the command the PCF sends is malformed, then the UE rejects it (#111) and the PCF records the rejection", async () => {
    const { ecs, ue, deliveries, settle } = await setup();
    // A command whose URSP part is truncated: PTI, COMMAND, list, sublist 001-01, instruction UPSC 1, part len 3, URSP
    await ecs.pcf.store.create({
      subscriberId: SUB,
      supi: SUPI,
      plmn: "001-01",
      upsc: 1,
      command: (pti) => `${pti.toString(16)}01001000 0e00f110 00070001 00030100 05`.replace(/ /g, ""),
      now: Date.parse("2026-11-22T10:00:00Z"),
    });
    await ecs.pcf.runDue();
    await settle();
    const [d] = await deliveries();
    expect(d).toMatchObject({ state: "REJECTED", rejectResults: [{ results: [{ upsc: 1, cause: 111 }] }] });
    expect(ue.sections()).toEqual([]);
  });

  it("When the command is lost on its way to the UE, then the PCF sends it again (same PTI) after the answer timeout and gets COMPLETE", async () => {
    const { amf, ue, deliveries, purchase, later } = await setup();
    amf.loseNext(SUPI, 1, "downlink");
    await purchase();
    expect((await deliveries())[0]).toMatchObject({ state: "SENT", transmissions: 1 });
    expect(latencyRule(ue)).toBeUndefined();
    await later(ANSWER_TIMEOUT - 1);
    expect((await deliveries())[0]).toMatchObject({ state: "SENT", transmissions: 1 });
    await later(1);
    expect((await deliveries())[0]).toMatchObject({ state: "DELIVERED", transmissions: 2, pti: 0x80 });
    expect(latencyRule(ue)).toBeDefined();
    expect(
      amf.events.filter((e) => e.kind === "downlink").map((e) => (e as { nasHex: string }).nasHex.slice(12, 14)),
    ).toEqual(["80"]);
  });

  it("When the UE's answer is lost, then the retransmission is answered from the UE's record and the delivery completes", async () => {
    const { amf, ue, deliveries, purchase, later } = await setup();
    amf.loseNext(SUPI, 1, "uplink");
    await purchase();
    expect(latencyRule(ue)).toBeDefined();
    expect((await deliveries())[0]?.state).toBe("SENT");
    await later(ANSWER_TIMEOUT);
    expect((await deliveries())[0]).toMatchObject({ state: "DELIVERED", transmissions: 2 });
  });

  it("When no answer ever comes, then the delivery fails after the configured transmissions", async () => {
    const { amf, deliveries, purchase, later } = await setup();
    amf.loseNext(SUPI, 10, "downlink");
    await purchase();
    await later(ANSWER_TIMEOUT);
    await later(ANSWER_TIMEOUT);
    expect((await deliveries())[0]).toMatchObject({ state: "SENT", transmissions: 3 });
    await later(ANSWER_TIMEOUT);
    expect((await deliveries())[0]).toMatchObject({
      state: "FAILED",
      transmissions: 3,
      failure: "no answer from the UE after 3 transmissions",
    });
  });

  it("When the UE is unreachable, then the PCF records 504 UE_NOT_REACHABLE, waits the AMF's retryAfter, and delivers once it is back", async () => {
    const { amf, ue, deliveries, purchase, later } = await setup();
    amf.setReachability(SUPI, "unreachable");
    await purchase();
    const [waiting] = await deliveries();
    expect(waiting).toMatchObject({
      state: "PENDING",
      transmissions: 0,
      attempts: 1,
      lastResult: "504 UE_NOT_REACHABLE",
      nextAttemptAt: new Date(Date.parse("2026-11-22T10:00:00Z") + 30_000).toISOString(),
    });
    await later(29_999);
    expect((await deliveries())[0]?.attempts).toBe(1);
    amf.setReachability(SUPI, "connected");
    await later(1);
    expect((await deliveries())[0]).toMatchObject({ state: "DELIVERED", attempts: 2, transmissions: 1 });
    expect(latencyRule(ue)).toBeDefined();
  });

  it("When the UE is idle, then the AMF pages it (202) and the answer arrives after paging", async () => {
    const { amf, deliveries, purchase, later } = await setup();
    amf.setReachability(SUPI, "idle");
    await purchase();
    expect((await deliveries())[0]).toMatchObject({ state: "SENT", lastResult: "202 ATTEMPTING_TO_REACH_UE" });
    await later(2000); // the AMF's paging delay (its clock follows the PCF's here)
    expect((await deliveries())[0]?.state).toBe("DELIVERED");
  });

  it("When the AMF forgot the subscriber (restart), then the PCF re-subscribes on the retransmission and completes", async () => {
    const { amf, deliveries, purchase, later } = await setup();
    amf.loseNext(SUPI, 1, "downlink");
    await purchase();
    amf.deregister(SUPI); // drops the subscription too
    amf.register(SUPI, new UePolicyStore());
    await later(ANSWER_TIMEOUT);
    expect((await deliveries())[0]?.state).toBe("DELIVERED");
    expect(amf.subscriptions()).toHaveLength(1);
  });

  it("When the AMF notifies nonsense, then the PCF answers 400 / 404 and its deliveries are untouched", async () => {
    const { ecs, deliveries, purchase, amf } = await setup();
    amf.loseNext(SUPI, 1, "downlink");
    await purchase();
    const url = `${ecs.server.url}/pcf/n1-notify`;
    expect((await sendN1MessageNotify(url, { supi: SUPI }, new Uint8Array([0x80, 0x01]))).status).toBe(400);
    expect(
      (await sendN1MessageNotify(url, { n1NotifySubscriptionId: "999" }, new Uint8Array([0x80, 0x02]))).status,
    ).toBe(404);
    expect((await sendN1MessageNotify(url, { supi: SUPI }, new Uint8Array([0x90, 0x02]))).status).toBe(204); // unknown PTI
    expect((await deliveries())[0]?.state).toBe("SENT");
  });
});

describe("URSP delivery with two entitlement instances on one PostgreSQL", () => {
  it("When instance A queues the delivery and the AMF answers instance B, then both see it DELIVERED, and the worker of either sends once", async () => {
    const store = await freshStore("postgres");
    try {
      const clock = new TestClock();
      await seedDemo(new OperatorCore(store.db), clock.now());
      await seedEntitlementDemo(new EntitlementCore(store.db), clock.now());
      const amf = new SimulatedAmf();
      const ue = new UePolicyStore();
      amf.register(SUPI, ue);
      await amf.start({ port: 0 });
      const dbB = await store.reopen();
      const b = await startEcs(dbB, clock, amf.url);
      const a = await startEcs(store.db, clock, amf.url, { notifyUrl: `${b.server.url}/pcf/n1-notify` });
      amf.loseNext(SUPI, 1, "downlink");
      const res = await a.admin(`/subscribers/${SUB}/data-boost/purchase`, { method: "POST", body: "{}" });
      expect(res.status).toBe(200);
      await a.pcf.settled();
      await amf.settled();
      clock.t += ANSWER_TIMEOUT;
      // Both workers run at once: the lease lets one of them send.
      await Promise.all([a.pcf.runDue(), b.pcf.runDue()]);
      await amf.settled();
      for (const ecs of [a, b]) {
        const list = (await (await ecs.admin(`/subscribers/${SUB}/ursp-deliveries`)).json()) as {
          deliveries: UrspDelivery[];
        };
        expect(list.deliveries).toMatchObject([{ state: "DELIVERED", transmissions: 2 }]);
      }
      expect(amf.events.filter((e) => e.kind === "transfer")).toHaveLength(2);
      for (const ecs of [a, b]) {
        await ecs.pcf.stop();
        await ecs.server.close();
      }
      await amf.close();
    } finally {
      await store.cleanup();
    }
  });

  it("When PCF_AMF_URL is unset, then the admin API says the PCF is off and lists no deliveries", async () => {
    const store = await freshStore("sqlite");
    try {
      await seedDemo(new OperatorCore(store.db), Date.now());
      const { app } = createEntitlementApp({
        db: store.db,
        adminToken: ADMIN,
        grantSecret: "test-grant-secret-0123456789",
      });
      const server = await startServer({ app, port: 0 });
      const res = await fetch(`${server.url}/admin/subscribers/${SUB}/ursp-deliveries`, {
        headers: { Authorization: `Bearer ${ADMIN}` },
      });
      expect(await res.json()).toEqual({ pcf: "off", deliveries: [] });
      await server.close();
    } finally {
      await store.cleanup();
    }
  });
});
