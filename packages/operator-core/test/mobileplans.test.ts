import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  demoMobilePlansSims,
  EsimInventory,
  MobilePlansStore,
  OperatorCore,
  seedDemo,
  seedMobilePlansDemo,
} from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");
const HOUR = 3_600_000;

describe.each(dialects)("MobilePlansStore on %s", (dialect) => {
  let store: TestStore;
  let core: OperatorCore;
  let mp: MobilePlansStore;
  beforeEach(async () => {
    store = await freshStore(dialect);
    core = new OperatorCore(store.db);
    await seedDemo(core, NOW);
    mp = new MobilePlansStore(store.db, 24 * HOUR, 0);
    await seedMobilePlansDemo(mp, NOW);
  });
  afterEach(async () => store.cleanup());

  it("When an ICCID is a physical SIM card, an eSIM profile handed out, one in stock or unknown, then its owner is the card's, the profile's, nobody and nobody", async () => {
    const inv = new EsimInventory(store.db);
    const [handed, stocked] = await inv.stock(2, "smdp.carrierkit.test", NOW);
    await inv.reserve({ reservation: "intent-ben-0001", subscriberId: "sub-ben", releaseFlag: true }, NOW);
    expect(await mp.simOwner(demoMobilePlansSims[0].iccid)).toEqual({
      iccid: demoMobilePlansSims[0].iccid,
      subscriberId: "sub-asha",
      kind: "physical",
    });
    expect(await mp.simOwner(handed!.iccid)).toEqual({ iccid: handed!.iccid, subscriberId: "sub-ben", kind: "esim" });
    expect(await mp.simOwner(stocked!.iccid)).toBeUndefined();
    expect(await mp.simOwner("8991010000000000000")).toBeUndefined();
    // A reservation given up goes out of stock for good (RETURNED): it belongs to nobody any more.
    expect(await inv.abandon("intent-ben-0001", NOW)).toBe(true);
    expect(await mp.simOwner(handed!.iccid)).toBeUndefined();
  });

  it("When a physical SIM card changes hands, then the new owner has it and the old one does not", async () => {
    await mp.upsertSimCard({ iccid: demoMobilePlansSims[0].iccid, subscriberId: "sub-lena", imsi: null }, NOW);
    expect((await mp.simOwner(demoMobilePlansSims[0].iccid))?.subscriberId).toBe("sub-lena");
    expect((await mp.simCards("sub-asha")).map((c) => c.iccid)).toEqual([]);
  });

  it("When a transaction id is recorded twice, then only the first is new; past the retention it is new again", async () => {
    expect(await mp.recordTransaction("MSFT-1", "GetBalance", NOW)).toBe(true);
    expect(await mp.recordTransaction("MSFT-1", "GetOffers", NOW + HOUR)).toBe(false);
    expect(await mp.recordTransaction("MSFT-2", "GetBalance", NOW + 25 * HOUR)).toBe(true);
    expect(await mp.recordTransaction("MSFT-1", "GetBalance", NOW + 25 * HOUR)).toBe(true);
  });

  it("When ten recordings of one id race, then exactly one is new", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => mp.recordTransaction("MSFT-race", "GetBalance", NOW)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("When balances are read, then each active subscription's remaining bytes and name in the subscriber's language, soonest expiring first", async () => {
    const asha = (await core.subscriber("sub-asha"))!;
    await core.grantSubscription("sub-asha", "daily-1gb", NOW, 250_000_000n);
    const balances = await mp.balances(core, asha, NOW);
    expect(balances.map((b) => [b.planId, b.planName, b.remainingBytes, b.quotaBytes])).toEqual([
      ["daily-1gb", "1 GB दैनिक पास", 750_000_000n, 1_000_000_000n],
      ["starter-base", "स्टार्टर", 37_800_000_000n, 42_000_000_000n],
    ]);
    expect(await mp.hadSubscription("sub-asha")).toBe(true);
    expect(await mp.hadSubscription("sub-ravi")).toBe(false);
  });
});
