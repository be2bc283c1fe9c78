import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  EsimInventory,
  isValidIccid,
  joined,
  luhnCheckDigit,
  makeIccid,
  migrate,
  OperatorCore,
  openStore,
  PostgresDb,
  type SqliteDb,
  seedDemo,
} from "../src/index.js";
import { dialects, freshStore, postgresUrl, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe("ICCIDs", () => {
  it.each([
    ["7992739871", 3],
    ["453914880343646", 7],
    ["899110120000320451", 4],
    ["8901410321111851072", 0],
  ])("When the Luhn digit of %s is computed, then it is %i", (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check);
  });

  it("When an ICCID is made, then it has 19 digits, the 89 prefix and a valid check digit", () => {
    const iccid = makeIccid("91", "01", 42n);
    expect(iccid).toMatch(/^899101[0-9]{13}$/);
    expect(isValidIccid(iccid)).toBe(true);
    const wrong = `${iccid.slice(0, -1)}${(Number(iccid.at(-1)) + 1) % 10}`;
    expect(isValidIccid(wrong)).toBe(false);
  });
});

/** A store migrated only up to `version` (the schema before a migration), then closed. */
async function storeAt(dialect: "sqlite" | "postgres", version: number) {
  if (dialect === "sqlite") {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { SqliteDb } = await import("../src/db.js");
    const path = join(mkdtempSync(join(tmpdir(), "carrierkit-m8-")), "store.db");
    const db = new SqliteDb({ path });
    await migrate(db as SqliteDb, version);
    return { db, reopen: () => openStore({ sqlitePath: path }), drop: async () => undefined };
  }
  const schema = `m8_${process.pid}_${Date.now().toString(36)}`;
  const db = new PostgresDb({ connectionString: postgresUrl, schema });
  await db.pool.query(`CREATE SCHEMA ${schema}`);
  await migrate(db, version);
  return {
    db,
    reopen: () => openStore({ databaseUrl: postgresUrl, schema }),
    drop: async () => {
      const admin = new PostgresDb({ connectionString: postgresUrl });
      await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

describe.each(dialects)("eSIM inventory migration 8 on %s", (dialect) => {
  it("When a store of version 7 is migrated, then RELEASED rows (returned reservations) become RETURNED and stock loses its minted matching IDs", async () => {
    const old = await storeAt(dialect, 7);
    await seedDemo(new OperatorCore(old.db), NOW);
    const rows: [string, string, string, string | null][] = [
      [makeIccid("91", "01", 1n), "AAAA-AAAA-AAAA-AAAA", "AVAILABLE", null],
      [makeIccid("91", "01", 2n), "BBBB-BBBB-BBBB-BBBB", "RESERVED", "sub-asha"],
      [makeIccid("91", "01", 3n), "CCCC-CCCC-CCCC-CCCC", "DOWNLOADED", "sub-asha"],
      [makeIccid("91", "01", 4n), "DDDD-DDDD-DDDD-DDDD", "RELEASED", "sub-ben"],
    ];
    for (const [iccid, matchingId, state, sub] of rows)
      await old.db.run(
        `INSERT INTO esim_profiles (iccid, matching_id, smdp_address, state, subscriber_id, reserved_at, updated_at)
         VALUES ($1, $2, 'smdp.example', $3, $4, $5, $5)`,
        [iccid, matchingId, state, sub, NOW],
      );
    await old.db.close();
    const db = await old.reopen();
    try {
      const inv = new EsimInventory(db);
      const states = await Promise.all(rows.map(([iccid]) => inv.profile(iccid)));
      expect(states.map((p) => [p?.state, p?.matchingId])).toEqual([
        ["AVAILABLE", null],
        ["RESERVED", "BBBB-BBBB-BBBB-BBBB"],
        ["DOWNLOADED", "CCCC-CCCC-CCCC-CCCC"],
        ["RETURNED", "DDDD-DDDD-DDDD-DDDD"],
      ]);
      expect(states[3]?.subscriberId).toBe("sub-ben");
      await expect(
        db.run("UPDATE esim_profiles SET state = 'RELEASED_TO_STOCK' WHERE iccid = $1", [rows[0]![0]]),
      ).rejects.toThrow();
    } finally {
      await db.close();
      await old.drop();
    }
  });
});

describe.each(dialects)("EsimInventory on %s", (dialect) => {
  let store: TestStore;
  let inv: EsimInventory;
  beforeEach(async () => {
    store = await freshStore(dialect);
    await seedDemo(new OperatorCore(store.db), NOW);
    inv = new EsimInventory(store.db);
  });
  afterEach(async () => store.cleanup());

  const reserve = (reservation: string, releaseFlag = true) =>
    inv.reserve({ reservation, subscriberId: "sub-asha", releaseFlag }, NOW);

  it("When profiles are stocked, then each has a Luhn-valid ICCID, no matching ID and no activation code yet", async () => {
    const profiles = await inv.stock(3, "smdp.carrierkit.test", NOW);
    expect(profiles.map((p) => isValidIccid(p.iccid))).toEqual([true, true, true]);
    expect(profiles.map((p) => [p.state, p.matchingId, p.activationCode])).toEqual([
      ["AVAILABLE", null, null],
      ["AVAILABLE", null, null],
      ["AVAILABLE", null, null],
    ]);
    const more = await inv.stock(1, "smdp.carrierkit.test", NOW);
    expect(BigInt(more[0]!.iccid.slice(6, -1))).toBe(BigInt(profiles[2]!.iccid.slice(6, -1)) + 1n);
    expect(await inv.importStock([profiles[0]!.iccid, makeIccid("91", "02", 7n)], "smdp.carrierkit.test", NOW)).toBe(1);
    await expect(inv.importStock(["8991010000000000001"], "smdp.carrierkit.test", NOW)).rejects.toThrow(RangeError);
  });

  it("When many purchases race for a small stock, then no profile is handed out twice and each intent gets one", async () => {
    await inv.stock(5, "smdp.carrierkit.test", NOW);
    const intents = Array.from({ length: 8 }, (_, i) => `intent-${i}`);
    // Every intent asks three times at once (double clicks): one profile per intent, never one for two intents.
    const got = await Promise.all(intents.flatMap((i) => [reserve(i), reserve(i), reserve(i)]));
    const byIntent = new Map<string, Set<string>>();
    got.forEach((p, k) => {
      if (!p) return;
      const intent = intents[Math.floor(k / 3)]!;
      byIntent.set(intent, (byIntent.get(intent) ?? new Set()).add(p.iccid));
    });
    expect([...byIntent.values()].every((s) => s.size === 1)).toBe(true);
    const iccids = [...byIntent.values()].map((s) => [...s][0]!);
    expect(iccids).toHaveLength(5);
    expect(new Set(iccids).size).toBe(5);
    expect(await inv.available()).toBe(0);
    const p = (await inv.profile(iccids[0]!))!;
    expect([p.state, p.pending, p.matchingId]).toEqual([
      "RESERVED",
      "ORDER",
      expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
    ]);
    expect(p.activationCode).toBeNull();
  });

  it("When an unpaid reservation is abandoned, then it is RETURNED with CancelOrder due, and a paid one is not", async () => {
    await inv.stock(2, "smdp.carrierkit.test", NOW);
    const a = (await reserve("intent-a"))!;
    const b = (await reserve("intent-b"))!;
    await store.db.run("UPDATE esim_profiles SET state = 'RELEASED', smdp_pending = NULL WHERE iccid = $1", [b.iccid]);
    expect(
      await store.db.transaction((tx) => EsimInventory.claimForPurchase(tx, b.iccid, "intent-b", "t-b", NOW)),
    ).toBe(true);
    expect(
      await store.db.transaction((tx) => EsimInventory.claimForPurchase(tx, b.iccid, "intent-b", "t-b2", NOW)),
    ).toBe(false);
    expect(await inv.abandonStale(NOW + 1, NOW + 1)).toEqual([a.iccid]);
    expect(await inv.abandon("intent-b", NOW + 2)).toBe(false);
    const returned = (await inv.profile(a.iccid))!;
    expect([returned.state, returned.pending, returned.reservation]).toEqual(["RETURNED", "CANCEL", null]);
    // The ORDER step of the returned profile can no longer be paid for.
    expect(
      await store.db.transaction((tx) => EsimInventory.claimForPurchase(tx, a.iccid, "intent-a", "t-a", NOW)),
    ).toBe(false);
  });

  it("When download progress arrives late, twice or out of order, then the state only moves forward and failures are kept", async () => {
    await inv.stock(1, "smdp.carrierkit.test", NOW);
    const p = (await reserve("intent-p"))!;
    await store.db.run("UPDATE esim_profiles SET state = 'RELEASED', smdp_pending = NULL WHERE iccid = $1", [p.iccid]);
    const event = (outcome: "DOWNLOADED" | "INSTALLED" | "failed", description: string) =>
      inv.recordProgress({ iccid: p.iccid, outcome, description }, NOW);
    expect((await event("failed", "BPP download Failed 8.2.7/3.8"))?.state).toBe("RELEASED");
    expect((await event("INSTALLED", "BPP installation Executed-Success"))?.state).toBe("INSTALLED");
    expect((await event("DOWNLOADED", "BPP download Executed-Success"))?.state).toBe("INSTALLED");
    const again = await event("INSTALLED", "BPP installation Executed-Success");
    expect([again?.state, again?.downloadFailure, again?.lastEvent]).toEqual([
      "INSTALLED",
      "BPP download Failed 8.2.7/3.8",
      "BPP installation Executed-Success",
    ]);
    expect(
      await inv.recordProgress({ iccid: "8991019999999999999", outcome: "INSTALLED", description: "x" }, NOW),
    ).toBeUndefined();
    expect(await inv.markDownloaded(p.iccid, NOW)).toBe(false);
  });

  it("When a paid profile's download is cancelled, then it is RETURNED with CancelOrder due and the purchase refunded once", async () => {
    const core = new OperatorCore(store.db);
    await inv.stock(1, "smdp.carrierkit.test", NOW);
    const p = (await reserve("intent-c", false))!;
    expect(p.releaseFlag).toBe(false);
    await store.db.run("UPDATE esim_profiles SET state = 'CONFIRMED', smdp_pending = 'RELEASE' WHERE iccid = $1", [
      p.iccid,
    ]);
    const before = (await core.wallet("sub-asha"))!.balanceNanos;
    await store.db.transaction(async (tx) => {
      expect(await EsimInventory.claimForPurchase(tx, p.iccid, "intent-c", "portal-intent-c", NOW)).toBe(true);
      const outcome = await new OperatorCore(joined(tx)).purchase(
        { subscriberId: "sub-asha", planId: "daily-1gb", transactionId: "portal-intent-c", language: "en-US" },
        NOW,
      );
      expect(outcome.kind).toBe("succeeded");
    });
    expect((await core.wallet("sub-asha"))!.balanceNanos).toBeLessThan(before);
    const [first, second] = await Promise.all([inv.cancel(p.iccid, NOW + 1), inv.cancel(p.iccid, NOW + 1)]);
    expect([first, second].sort()).toEqual([false, true]);
    expect((await core.wallet("sub-asha"))!.balanceNanos).toBe(before);
    const after = (await inv.profile(p.iccid))!;
    expect([after.state, after.pending]).toEqual(["RETURNED", "CANCEL"]);
  });
});
