import { describe, expect, it } from "vitest";
import {
  computeOpc,
  f1,
  f2345,
  fromHex,
  generateVector,
  hex,
  ResyncError,
  resynchronise,
  SoftUsim,
} from "../src/index.js";

// 3GPP TS 35.207 §4–6 / TS 35.208 §4 test sets 1–4: K, RAND, SQN, AMF, OP → OPc, f1, f1*, f2, f5, f3, f4, f5*.
const sets = [
  [
    "465b5ce8b199b49faa5f0a2ee238a6bc",
    "23553cbe9637a89d218ae64dae47bf35",
    "ff9bb4d0b607",
    "b9b9",
    "cdc202d5123e20f62b6d676ac72cb318",
    "cd63cb71954a9f4e48a5994e37a02baf",
    "4a9ffac354dfafb3",
    "01cfaf9ec4e871e9",
    "a54211d5e3ba50bf",
    "aa689c648370",
    "b40ba9a3c58b2a05bbf0d987b21bf8cb",
    "f769bcd751044604127672711c6d3441",
    "451e8beca43b",
  ],
  [
    "0396eb317b6d1c36f19c1c84cd6ffd16",
    "c00d603103dcee52c4478119494202e8",
    "fd8eef40df7d",
    "af17",
    "ff53bade17df5d4e793073ce9d7579fa",
    "53c15671c60a4b731c55b4a441c0bde2",
    "5df5b31807e258b0",
    "a8c016e51ef4a343",
    "d3a628ed988620f0",
    "c47783995f72",
    "58c433ff7a7082acd424220f2b67c556",
    "21a8c1f929702adb3e738488b9f5c5da",
    "30f1197061c1",
  ],
  [
    "fec86ba6eb707ed08905757b1bb44b8f",
    "9f7c8d021accf4db213ccff0c7f71a6a",
    "9d0277595ffc",
    "725c",
    "dbc59adcb6f9a0ef735477b7fadf8374",
    "1006020f0a478bf6b699f15c062e42b3",
    "9cabc3e99baf7281",
    "95814ba2b3044324",
    "8011c48c0c214ed2",
    "33484dc2136b",
    "5dbdbb2954e8f3cde665b046179a5098",
    "59a92d3b476a0443487055cf88b2307b",
    "deacdd848cc6",
  ],
  [
    "9e5944aea94b81165c82fbf9f32db751",
    "ce83dbc54ac0274a157c17f80d017bd6",
    "0b604a81eca8",
    "9e09",
    "223014c5806694c007ca1eeef57f004f",
    "a64a507ae1a2a98bb88eb4210135dc87",
    "74a58220cba84c49",
    "ac2cc74a96871837",
    "f365cd683cd92e96",
    "f0b9c08ad02e",
    "e203edb3971574f5a94b0d61b816345d",
    "0c4524adeac041c4dd830d20854fc46b",
    "6085a86c6f63",
  ],
] as const;

describe("MILENAGE (TS 35.206) against the 3GPP test sets", () => {
  it.each(sets.map((s, i) => [i + 1, ...s] as const))(
    "When test set %i is computed, then OPc and f1, f1*, f2, f3, f4, f5, f5* match TS 35.208",
    (_, k, rand, sqn, amf, op, opc, mf1, mf1s, mf2, mf5, mf3, mf4, mf5s) => {
      const K = fromHex(k);
      const OPc = computeOpc(K, fromHex(op));
      expect(hex(OPc)).toBe(opc);
      const { macA, macS } = f1(K, OPc, fromHex(rand), fromHex(sqn), fromHex(amf));
      expect([hex(macA), hex(macS)]).toEqual([mf1, mf1s]);
      const out = f2345(K, OPc, fromHex(rand));
      expect([hex(out.res), hex(out.ck), hex(out.ik), hex(out.ak), hex(out.akStar)]).toEqual([
        mf2,
        mf3,
        mf4,
        mf5,
        mf5s,
      ]);
    },
  );

  it("When a key has the wrong length, then MILENAGE refuses it", () => {
    expect(() => computeOpc(new Uint8Array(15), new Uint8Array(16))).toThrow(/K must be 16 octets/);
  });
});

describe("AKA between the AuC and a software USIM", () => {
  const keys = { k: fromHex(sets[0][0]), opc: fromHex(sets[0][5]) };
  const amf = fromHex("8000");

  it("When the network sends a fresh vector, then the USIM authenticates it and derives the same keys", () => {
    const usim = new SoftUsim({ imsi: "001010000000001", ...keys });
    const v = generateVector(keys, 32n, amf);
    const r = usim.authenticate(v.rand, v.autn);
    expect(r.kind).toBe("success");
    if (r.kind !== "success") return;
    expect([hex(r.res), hex(r.ck), hex(r.ik)]).toEqual([hex(v.xres), hex(v.ck), hex(v.ik)]);
    expect(usim.sqnMs).toBe(32n);
  });

  it("When a vector is replayed, then the USIM answers a synchronisation failure from which the AuC recovers its SQN", () => {
    const usim = new SoftUsim({ imsi: "001010000000001", ...keys, sqn: 0x4000n });
    const old = generateVector(keys, 0x20n, amf);
    const r = usim.authenticate(old.rand, old.autn);
    expect(r.kind).toBe("sync-failure");
    if (r.kind !== "sync-failure") return;
    expect(resynchronise(keys, old.rand, r.auts)).toBe(0x4000n);
    const next = generateVector(keys, 0x4020n, amf);
    expect(usim.authenticate(next.rand, next.autn).kind).toBe("success");
  });

  it("When AUTN was made with another K, then the USIM reports a MAC failure", () => {
    const usim = new SoftUsim({ imsi: "001010000000001", ...keys });
    const other = generateVector({ k: fromHex(sets[1][0]), opc: fromHex(sets[1][5]) }, 32n, amf);
    expect(usim.authenticate(other.rand, other.autn)).toEqual({ kind: "mac-failure" });
  });

  it("When AUTS is tampered with, then resynchronisation is refused", () => {
    const rand = new Uint8Array(16).fill(7);
    expect(() => resynchronise(keys, rand, new Uint8Array(14))).toThrow(ResyncError);
  });

  it("When SEQ jumps beyond the allowed delta, then the USIM asks to resynchronise", () => {
    const usim = new SoftUsim({ imsi: "001010000000001", ...keys, maxDelta: 10n });
    const v = generateVector(keys, 100n << 5n, amf);
    expect(usim.authenticate(v.rand, v.autn).kind).toBe("sync-failure");
  });
});
