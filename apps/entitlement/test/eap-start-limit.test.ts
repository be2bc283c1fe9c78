import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { demoSims, EntitlementCore, OperatorCore, seedDemo, seedEntitlementDemo } from "@carrierkit/operator-core";
import { freshStore, TestClock, type TestStore } from "@carrierkit/operator-core/testing";
import { EAP_RELAY_MEDIA_TYPE, Ts43ClientError } from "@carrierkit/ts43";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEntitlementApp } from "../src/index.js";
import { ADMIN, type Ecs, GRANT_SECRET, startEcs } from "./harness.js";

// Each EAP-AKA start reserves an SQN and computes a vector: a flood for one IMSI is refused (503 + Retry-After, the
// TS.43 "retry later") before it costs either, without touching other subscribers.
const nai = (imsi: string) => `0${imsi}@nai.epc.mnc001.mcc001.3gppnetwork.org`;
const ASHA = demoSims[0]!.imsi;
const BEN = demoSims[1]!.imsi;
const start = (url: string, imsi: string) =>
  fetch(`${url}?vers=0&entitlement_version=2.0&app=ap2010&terminal_id=1&EAP_ID=${nai(imsi)}`, {
    headers: { Accept: EAP_RELAY_MEDIA_TYPE },
  });

describe("EAP-AKA starts per identity (SQLite, buckets in memory)", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs("sqlite", { policy: { eapStartsPerMinute: 5 } });
  });
  afterAll(async () => h.close());

  it("When one IMSI starts a sixth EAP-AKA within the minute, then it gets 503 with Retry-After, its SQN does not move, and another IMSI is unaffected", async () => {
    for (let i = 0; i < 5; i++) expect((await start(h.url, ASHA)).status).toBe(200);
    const sqnBefore = (await h.ent.sim(ASHA))!.sqn;
    const refused = await start(h.url, ASHA);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("12"); // one start per 12 s at 5 per minute
    expect(((await refused.json()) as { error?: string }).error).toMatch(/Too many EAP-AKA authentications/);
    expect((await h.ent.sim(ASHA))!.sqn).toBe(sqnBefore);
    expect((await start(h.url, BEN)).status).toBe(200);
    h.clock.advance(12_000);
    expect((await start(h.url, ASHA)).status).toBe(200);
    expect((await start(h.url, ASHA)).status).toBe(503);
  });

  it("When Ts43Client is refused, then it reports the 503 and the Retry-After the device should wait", async () => {
    h.clock.advance(60_000);
    const client = h.client(h.usim(2));
    for (let i = 0; i < 5; i++) await client.getConfiguration(["ap2010"], {}, true);
    const err = await client.getConfiguration(["ap2010"], {}, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Ts43ClientError);
    expect((err as Ts43ClientError).status).toBe(503);
    expect((err as Ts43ClientError).retryAfter).toBe("12");
  });

  it("When the limit is 0, then nothing is refused", async () => {
    const open = await startEcs("sqlite", { policy: { eapStartsPerMinute: 0 } });
    try {
      for (let i = 0; i < 12; i++) expect((await start(open.url, ASHA)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("EAP-AKA starts per identity (PostgreSQL, buckets shared by every instance)", () => {
  let store: TestStore;
  const servers: RunningServer[] = [];
  const clock = new TestClock();
  beforeAll(async () => {
    store = await freshStore("postgres");
    await seedDemo(new OperatorCore(store.db), clock.now());
    await seedEntitlementDemo(new EntitlementCore(store.db), clock.now());
    for (let i = 0; i < 2; i++) {
      const { app } = createEntitlementApp({
        db: store.db,
        adminToken: ADMIN,
        grantSecret: GRANT_SECRET,
        clock: clock.now,
        policy: { eapStartsPerMinute: 4 },
      });
      servers.push(await startServer({ app, port: 0 }));
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await store?.cleanup();
  });

  it("When starts for one IMSI alternate between two instances, then the fifth is refused whichever instance gets it", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await start(`${servers[i % 2]!.url}/`, ASHA)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 503, 503]);
  });
});
