import { describe, expect, it } from "vitest";
import {
  AuthenticationCentre,
  fromHex,
  generateVector,
  hex,
  nextSqn,
  ResyncError,
  resynchronise,
  SoftUsim,
  type SoftUsimOptions,
  UnknownSubscriberError,
} from "../src/index.js";

// TS 35.207 test set 1 (K, OPc, RAND, SQN, AMF) and two of its published outputs, f5 (AK) and f1 (MAC-A), f5* (AK*).
const SET1 = {
  k: fromHex("465b5ce8b199b49faa5f0a2ee238a6bc"),
  opc: fromHex("cd63cb71954a9f4e48a5994e37a02baf"),
  rand: fromHex("23553cbe9637a89d218ae64dae47bf35"),
  sqn: 0xff9bb4d0b607n,
  amf: fromHex("b9b9"),
};
const OTHER = { k: fromHex("0396eb317b6d1c36f19c1c84cd6ffd16"), opc: fromHex("53c15671c60a4b731c55b4a441c0bde2") };
const IMSI = "001010000000001";
const AMF = fromHex("8000");
const keys = { k: SET1.k, opc: SET1.opc };
const usim = (options: Partial<SoftUsimOptions> = {}) => new SoftUsim({ imsi: IMSI, ...keys, ...options });
const rand = (n: number) => new Uint8Array(16).fill(n);

describe("Authentication vectors", () => {
  it("When test set 1 is turned into a vector, then AUTN = SQN ⊕ AK ‖ AMF ‖ MAC-A from the published f5 and f1", () => {
    // ff9bb4d0b607 ⊕ aa689c648370 = 55f328b43577; MAC-A 4a9ffac354dfafb3 (TS 35.207 test set 1).
    const v = generateVector(keys, SET1.sqn, SET1.amf, SET1.rand);
    expect(hex(v.autn)).toBe("55f328b43577b9b94a9ffac354dfafb3");
    expect(hex(v.xres)).toBe("a54211d5e3ba50bf");
  });

  it("When no RAND is given, then two vectors for the same SQN use different random RANDs", () => {
    const [a, b] = [generateVector(keys, 32n, AMF), generateVector(keys, 32n, AMF)];
    expect(a.rand.length).toBe(16);
    expect(hex(a.rand)).not.toBe(hex(b.rand));
  });

  it.each([
    [0n, 5n, 0x21n],
    [0x3fn, 5n, 0x40n],
    [0x5fn, 5n, 0x60n],
    [7n, 0n, 8n],
    [0x1234_5678_9a00n, 5n, 0x1234_5678_9a21n],
  ])("When SQN %s steps with %s IND bits, then SEQ and IND both advance to %s", (sqn, indBits, next) => {
    expect(nextSqn(sqn, indBits)).toBe(next);
  });

  it("When SEQ is at its maximum, then nextSqn refuses to wrap around", () => {
    expect(() => nextSqn((1n << 48n) - 1n, 5n)).toThrow(/wrap/);
  });
});

describe("SoftUsim AUTHENTICATE", () => {
  it("When the network sends a fresh vector, then the USIM answers RES, CK, IK equal to XRES, CK, IK", () => {
    const card = usim();
    const v = generateVector(keys, 0x21n, AMF, rand(1));
    const r = card.authenticate(v.rand, v.autn);
    expect(r).toMatchObject({ kind: "success", sqn: 0x21n });
    if (r.kind !== "success") return;
    expect([hex(r.res), hex(r.ck), hex(r.ik)]).toEqual([hex(v.xres), hex(v.ck), hex(v.ik)]);
    expect(card.sqnMs).toBe(0x21n);
  });

  it("When SQN is stale, then AUTS carries SQN_MS concealed with the published f5* and the AuC recovers it", () => {
    const card = usim({ sqn: SET1.sqn });
    const v = generateVector(keys, 0x20n, SET1.amf, SET1.rand);
    const r = card.authenticate(v.rand, v.autn);
    expect(r.kind).toBe("sync-failure");
    if (r.kind !== "sync-failure") return;
    // ff9bb4d0b607 ⊕ 451e8beca43b (f5*, TS 35.207 test set 1) = ba853f3c123c
    expect(hex(r.auts.subarray(0, 6))).toBe("ba853f3c123c");
    expect(resynchronise(keys, SET1.rand, r.auts)).toBe(SET1.sqn);
  });

  it.each<[string, "success" | "sync-failure", Partial<SoftUsimOptions>, bigint[], bigint]>([
    ["a higher SEQ in the same slot", "success", {}, [0x20n], 0x40n],
    ["a replay of the last SQN", "sync-failure", {}, [0x20n], 0x20n],
    ["a lower SEQ in a slot not used yet (IND array)", "success", {}, [0x40n], 0x21n],
    ["a lower SEQ in a slot already used", "sync-failure", {}, [0x21n, 0x40n], 0x21n],
    ["a SEQ exactly Δ above SEQ_MS", "success", { maxDelta: 10n }, [], 10n << 5n],
    ["a SEQ more than Δ above SEQ_MS", "sync-failure", { maxDelta: 10n }, [], 11n << 5n],
    ["an old SEQ in a free slot within L", "success", { ageLimit: 4n }, [10n << 5n], (7n << 5n) | 3n],
    ["an old SEQ in a free slot at L", "sync-failure", { ageLimit: 4n }, [10n << 5n], (6n << 5n) | 3n],
    ["a lower SQN without an IND array", "sync-failure", { indBits: 0n }, [0x40n], 0x21n],
    ["a higher SQN without an IND array", "success", { indBits: 0n }, [0x40n], 0x41n],
    ["SQN 0 on a new card", "sync-failure", {}, [], 0n],
  ])("When the USIM gets %s, then it answers %s", (_, expected, options, accepted, sqn) => {
    const card = usim(options);
    for (const [i, s] of accepted.entries())
      expect(card.authenticate(rand(i), generateVector(keys, s, AMF, rand(i)).autn).kind).toBe("success");
    const v = generateVector(keys, sqn, AMF, rand(99));
    expect(card.authenticate(v.rand, v.autn).kind).toBe(expected);
  });

  it.each([
    ["AUTN made with another K", () => generateVector(OTHER, 0x20n, AMF, rand(1)).autn],
    [
      "an AMF changed in transit",
      () => {
        const autn = generateVector(keys, 0x20n, AMF, rand(1)).autn;
        autn[6] = 0x00;
        return autn;
      },
    ],
    ["a truncated AUTN", () => generateVector(keys, 0x20n, AMF, rand(1)).autn.subarray(0, 15)],
  ])("When the USIM gets %s, then it reports a MAC failure and keeps its state", (_, autn) => {
    const card = usim();
    expect(card.authenticate(rand(1), autn())).toEqual({ kind: "mac-failure" });
    expect(card.sqnMs).toBe(0n);
  });

  it("When the state is exported and restored, then the restored USIM still refuses the replay", () => {
    const card = usim();
    const v = generateVector(keys, 0x41n, AMF, rand(1));
    card.authenticate(v.rand, v.autn);
    const restored = usim({ state: card.exportState() });
    expect(restored.sqnMs).toBe(0x41n);
    expect(restored.authenticate(v.rand, v.autn).kind).toBe("sync-failure");
    expect(restored.exportState()).toEqual(card.exportState());
  });

  it.each<[string, Partial<SoftUsimOptions>]>([
    ["a 15-octet K", { k: new Uint8Array(15) }],
    ["a 17-octet OPc", { opc: new Uint8Array(17) }],
    ["17 IND bits", { indBits: 17n }],
    ["a negative SQN", { sqn: -1n }],
    ["a state array of the wrong size", { state: { sqnMs: 0n, seqArray: [0n] } }],
  ])("When a USIM is created with %s, then the constructor throws a RangeError", (_, options) => {
    expect(() => usim(options)).toThrow(RangeError);
  });
});

describe("AuthenticationCentre (HSS/AuC)", () => {
  const auc = (sqn = 0n, random?: (n: number) => Uint8Array) => {
    const centre = new AuthenticationCentre(random ? { random } : {});
    centre.addSubscriber({ imsi: IMSI, ...keys, sqn });
    return centre;
  };

  it("When 40 vectors are generated, then SQN steps per vector and the USIM accepts each (all 32 IND slots)", () => {
    const centre = auc();
    const card = usim();
    for (let i = 1; i <= 40; i++) {
      const v = centre.vector(IMSI);
      expect(v.sqn).toBe((BigInt(i) << 5n) | (BigInt(i) & 31n));
      expect(card.authenticate(v.rand, v.autn)).toMatchObject({ kind: "success", sqn: v.sqn });
    }
    expect(centre.sqn(IMSI)).toBe((40n << 5n) | 8n);
  });

  it("When RAND is injected, then the vector is the stateless one for the next SQN", () => {
    const centre = auc(0x20n, () => rand(5));
    const v = centre.vector(IMSI);
    const expected = generateVector(keys, 0x41n, AMF, rand(5));
    expect([hex(v.rand), hex(v.autn), hex(v.xres)]).toEqual([
      hex(expected.rand),
      hex(expected.autn),
      hex(expected.xres),
    ]);
    expect(hex(centre.vector(IMSI, rand(6)).rand)).toBe(hex(rand(6)));
  });

  it("When the USIM is ahead, then the AuC resynchronises from AUTS and its next vector is accepted", () => {
    const centre = auc();
    const card = usim({ sqn: 0x4000n });
    const first = centre.vector(IMSI);
    const r = card.authenticate(first.rand, first.autn);
    if (r.kind !== "sync-failure") throw new Error(`expected a sync failure, got ${r.kind}`);
    expect(centre.resynchronise(IMSI, first.rand, r.auts)).toBe(0x4000n);
    expect(centre.sqn(IMSI)).toBe(0x4000n);
    const second = centre.vector(IMSI);
    expect(card.authenticate(second.rand, second.autn).kind).toBe("success");
  });

  it.each([
    ["the next SQN_HE would be accepted", 0x100n << 5n, 0x80n << 5n, 0x100n << 5n],
    ["SQN_HE is behind SQN_MS", 0x10n << 5n, 0x80n << 5n, 0x80n << 5n],
    ["SQN_HE is more than Δ ahead", (1n << 30n) << 5n, 0x80n << 5n, 0x80n << 5n],
  ])("When %s, then after resynchronisation SQN_HE is %s", (_, sqnHe, sqnMs, expected) => {
    const centre = auc(sqnHe);
    const card = usim({ sqn: sqnMs });
    const stale = generateVector(keys, 0x20n, AMF, rand(3));
    const r = card.authenticate(stale.rand, stale.autn);
    if (r.kind !== "sync-failure") throw new Error("expected a sync failure");
    centre.resynchronise(IMSI, stale.rand, r.auts);
    expect(centre.sqn(IMSI)).toBe(expected);
  });

  it.each([
    ["AUTS of zeros", new Uint8Array(14)],
    ["a 13-octet AUTS", new Uint8Array(13)],
  ])("When the AuC gets %s, then resynchronisation throws ResyncError and SQN_HE stays", (_, auts) => {
    const centre = auc(0x20n);
    expect(() => centre.resynchronise(IMSI, rand(7), auts)).toThrow(ResyncError);
    expect(centre.sqn(IMSI)).toBe(0x20n);
  });

  it("When AUTS was made by a USIM with another K, then MAC-S does not verify", () => {
    const other = new SoftUsim({ imsi: IMSI, ...OTHER, sqn: 0x4000n });
    const v = generateVector(OTHER, 0x20n, AMF, rand(8));
    const r = other.authenticate(v.rand, v.autn);
    if (r.kind !== "sync-failure") throw new Error("expected a sync failure");
    expect(() => auc().resynchronise(IMSI, v.rand, r.auts)).toThrow(ResyncError);
  });

  it.each([
    ["vector", (c: AuthenticationCentre) => c.vector("999")],
    ["sqn", (c: AuthenticationCentre) => c.sqn("999")],
    ["resynchronise", (c: AuthenticationCentre) => c.resynchronise("999", rand(1), new Uint8Array(14))],
  ])("When %s is asked for an unknown IMSI, then it throws UnknownSubscriberError", (_, call) => {
    const centre = auc();
    expect(centre.has("999")).toBe(false);
    expect(() => call(centre)).toThrow(UnknownSubscriberError);
  });

  it("When a subscriber has a 3-octet AMF, then addSubscriber refuses it", () => {
    expect(() => new AuthenticationCentre().addSubscriber({ imsi: IMSI, ...keys, amf: new Uint8Array(3) })).toThrow(
      RangeError,
    );
  });
});
