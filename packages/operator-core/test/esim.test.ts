import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EsimInventory, isValidIccid, luhnCheckDigit, makeIccid, OperatorCore, seedDemo } from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

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

describe.each(dialects)("EsimInventory on %s", (dialect) => {
  let store: TestStore;
  let inv: EsimInventory;
  beforeEach(async () => {
    store = await freshStore(dialect);
    await seedDemo(new OperatorCore(store.db), NOW);
    inv = new EsimInventory(store.db);
  });
  afterEach(async () => store.cleanup());

  it("When profiles are stocked, then each has a Luhn-valid ICCID and an SGP.22 activation code", async () => {
    const profiles = await inv.stock(3, "smdp.carrierkit.test", NOW);
    expect(profiles.map((p) => isValidIccid(p.iccid))).toEqual([true, true, true]);
    expect(profiles[0]!.activationCode).toMatch(/^1\$smdp\.carrierkit\.test\$[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const more = await inv.stock(1, "smdp.carrierkit.test", NOW);
    expect(BigInt(more[0]!.iccid.slice(6, -1))).toBe(BigInt(profiles[2]!.iccid.slice(6, -1)) + 1n);
  });

  it("When many reservations race for a small stock, then no profile is handed out twice", async () => {
    await inv.stock(5, "smdp.carrierkit.test", NOW);
    const got = await Promise.all(Array.from({ length: 12 }, () => inv.reserve("sub-asha", NOW)));
    const iccids = got.filter((p) => p !== undefined).map((p) => p!.iccid);
    expect(iccids).toHaveLength(5);
    expect(new Set(iccids).size).toBe(5);
    expect(await inv.available()).toBe(0);
    expect(await inv.markDownloaded(iccids[0]!, NOW)).toBe(true);
    expect(await inv.release(iccids[0]!, NOW)).toBe(false);
    expect(await inv.release(iccids[1]!, NOW)).toBe(true);
    expect((await inv.profile(iccids[1]!))?.state).toBe("RELEASED");
  });
});
