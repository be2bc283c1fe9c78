import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EntitlementCore, OperatorCore, seedDemo, seedEntitlementDemo } from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe.each(dialects)("EntitlementCore on %s", (dialect) => {
  let store: TestStore;
  let ent: EntitlementCore;
  beforeEach(async () => {
    store = await freshStore(dialect);
    await seedDemo(new OperatorCore(store.db), NOW);
    ent = new EntitlementCore(store.db);
    await seedEntitlementDemo(ent, NOW);
  });
  afterEach(async () => store.cleanup());

  it("When vectors are generated concurrently, then every one gets its own SQN, one SEQ step apart", async () => {
    const sqns = await Promise.all(Array.from({ length: 20 }, () => ent.nextSqn("001010000000001")));
    const sorted = [...sqns].sort((a, b) => (a < b ? -1 : 1));
    expect(new Set(sqns).size).toBe(20);
    expect(sorted[0]).toBe(32n);
    expect(sorted[19]).toBe(20n * 32n);
    expect((await ent.sim("001010000000001"))?.sqn).toBe(640n);
  });

  it("When the USIM reports a higher SQN, then the next vector continues after it", async () => {
    await ent.resynchronise("001010000000001", 0x1234_5678_9a00n);
    expect(await ent.nextSqn("001010000000001")).toBe(0x1234_5678_9a20n);
  });

  it("When a stale AUTS reports a lower SQN, then the network's SQN does not move backwards", async () => {
    await ent.resynchronise("001010000000001", 0x1000n);
    await ent.resynchronise("001010000000001", 0x20n);
    expect((await ent.sim("001010000000001"))?.sqn).toBe(0x1000n);
  });

  it("When a token is issued, then it identifies its IMSI until it expires", async () => {
    const { token, expiresAt } = await ent.issueToken("001010000000001", 3600, NOW);
    expect(expiresAt).toBe(NOW + 3_600_000);
    expect(await ent.tokenOwner(token, NOW + 1000)).toBe("001010000000001");
    expect(await ent.tokenOwner(token, NOW + 1000, "001010000000002")).toBeUndefined();
    expect(await ent.tokenOwner(token, expiresAt)).toBeUndefined();
    expect(await ent.tokenOwner("nope", NOW)).toBeUndefined();
  });

  it("When data-boost states are set, then only TS.43 values are accepted", async () => {
    await ent.setDataBoost("sub-asha", 3, 3, NOW);
    expect(await ent.dataBoost("sub-asha")).toMatchObject({ entitlementStatus: 3, provStatus: 3 });
    await expect(ent.setDataBoost("sub-asha", 5, 0, NOW)).rejects.toThrow(RangeError);
    await expect(ent.setDataBoost("sub-asha", 1, 4, NOW)).rejects.toThrow(RangeError);
    await expect(
      ent.upsertSim({ imsi: "1", subscriberId: "sub-asha", kHex: "00", opcHex: "00", amfHex: "8000" }, NOW),
    ).rejects.toThrow(/K must be 16 bytes/);
  });

  it("When a URSP policy is stored, then it reads back as stored", async () => {
    const policy = {
      rules: [{ precedence: 7, trafficDescriptor: [{ type: "matchAll" }], routeSelectionDescriptors: [] }],
    };
    await ent.setUrspPolicy("sub-asha", policy, NOW);
    expect(await ent.urspPolicy("sub-asha")).toEqual(policy);
    expect(await ent.urspPolicy("sub-ben")).toBeUndefined();
  });
});
