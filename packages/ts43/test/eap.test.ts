import { describe, expect, it } from "vitest";
import {
  AkaSubtype,
  attr,
  decodeEap,
  EapAkaPeer,
  EapAkaServer,
  EapDecodeError,
  encodeAka,
  fips186Prf,
  fromHex,
  generateVector,
  hex,
  resynchronise,
  SoftUsim,
} from "../src/index.js";

const K = fromHex("465b5ce8b199b49faa5f0a2ee238a6bc");
const OPC = fromHex("cd63cb71954a9f4e48a5994e37a02baf");
const AMF = fromHex("8000");
const ID = "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org";

describe("FIPS 186-2 PRF (change notice 1)", () => {
  it("When XKEY is the NIST example key, then the first 40 octets match the published w0 ‖ w1", () => {
    const out = fips186Prf(fromHex("bd029bbe7f51960bcf9edb2b61f06f0feb5a38b6"), 40);
    expect(hex(out)).toBe("2070b3223dba372fde1c0ffc7b2e3b498b2606143c6c18bacb0f6c55babb13788e20d737a3275116");
  });
});

describe("EAP-AKA packets", () => {
  it("When a challenge response is encoded, then it decodes to the same attributes with 4-octet alignment", () => {
    const bytes = encodeAka(2, 7, AkaSubtype.Challenge, [attr.res(fromHex("a54211d5e3ba50bf")), attr.mac()]);
    expect(bytes.length % 4).toBe(0);
    const p = decodeEap(bytes);
    expect([p.code, p.identifier, p.type, p.subtype]).toEqual([2, 7, 23, 1]);
    expect(p.attributes.map((a) => a.type)).toEqual([3, 11]);
  });

  it.each([
    ["an empty buffer", "", 0],
    ["a length field that disagrees", "0101000a1701", 2],
    ["an unknown code", "09010004", 0],
    ["a Success longer than 4 octets", "0301000500", 2],
    ["a truncated AKA header", "010100061701", 5],
    ["an attribute of length 0", "0101000c170100000100aaaa", 9],
    ["an attribute that overruns", "0101000c170100000105aaaa", 9],
    ["an unknown non-skippable attribute", "0101000c17010000630100aa", 8],
  ])("When the packet is %s, then decoding fails with a typed error at offset %i", (_, h, offset) => {
    const attempt = () => decodeEap(fromHex(h));
    expect(attempt).toThrow(EapDecodeError);
    try {
      attempt();
    } catch (err) {
      expect((err as EapDecodeError).offset).toBe(offset);
    }
  });

  it("When an unknown attribute is skippable (≥128), then it is kept and ignored", () => {
    const p = decodeEap(fromHex("0101000c17010000860100aa"));
    expect(p.attributes.map((a) => a.type)).toEqual([134]);
  });
});

describe("EAP-AKA exchange between peer and server", () => {
  const keys = { k: K, opc: OPC };

  it("When the peer holds the right K, then both sides succeed with the same MSK", () => {
    const peer = new EapAkaPeer(new SoftUsim({ imsi: "001010000000001", ...keys }), ID);
    const server = new EapAkaServer(ID);
    const response = peer.handle(server.start(generateVector(keys, 32n, AMF)));
    expect(response.kind).toBe("response");
    if (response.kind !== "response") return;
    const outcome = server.handle(response.packet);
    expect(outcome.kind).toBe("success");
    if (outcome.kind !== "success") return;
    const done = peer.handle(outcome.packet);
    expect(done.kind).toBe("success");
    if (done.kind !== "success") return;
    expect(hex(done.msk)).toBe(hex(outcome.msk));
    expect(outcome.msk.length).toBe(64);
  });

  it("When the peer's SQN is ahead, then it sends AUTS, the server resynchronises and the second challenge succeeds", () => {
    const usim = new SoftUsim({ imsi: "001010000000001", ...keys, sqn: 0x1000n });
    const peer = new EapAkaPeer(usim, ID);
    const server = new EapAkaServer(ID);
    const first = peer.handle(server.start(generateVector(keys, 0x20n, AMF)));
    if (first.kind !== "response") throw new Error("expected a response");
    expect(decodeEap(first.packet).subtype).toBe(AkaSubtype.SynchronizationFailure);
    const resync = server.handle(first.packet);
    expect(resync.kind).toBe("resync");
    if (resync.kind !== "resync") return;
    const sqnMs = resynchronise(keys, resync.rand, resync.auts);
    expect(sqnMs).toBe(0x1000n);
    const second = peer.handle(server.challenge(generateVector(keys, sqnMs + 32n, AMF)));
    if (second.kind !== "response") throw new Error("expected a response");
    expect(server.handle(second.packet).kind).toBe("success");
  });

  it("When the peer has a different K, then it rejects the network and the server fails", () => {
    const peer = new EapAkaPeer(
      new SoftUsim({ imsi: "001010000000001", k: fromHex("0396eb317b6d1c36f19c1c84cd6ffd16"), opc: OPC }),
      ID,
    );
    const server = new EapAkaServer(ID);
    const r = peer.handle(server.start(generateVector(keys, 32n, AMF)));
    if (r.kind !== "response") throw new Error("expected a response");
    expect(decodeEap(r.packet).subtype).toBe(AkaSubtype.AuthenticationReject);
    const outcome = server.handle(r.packet);
    expect(outcome.kind).toBe("failure");
    if (outcome.kind === "failure") expect(hex(outcome.packet)).toMatch(/^04/);
  });

  it("When a response carries a wrong RES or a forged MAC, then the server fails", () => {
    const server = new EapAkaServer(ID);
    server.start(generateVector(keys, 32n, AMF));
    const forged = encodeAka(2, 1, AkaSubtype.Challenge, [
      attr.res(new Uint8Array(8)),
      attr.mac(new Uint8Array(16).fill(1)),
    ]);
    expect(server.handle(forged)).toMatchObject({ kind: "failure", reason: "AT_MAC does not verify" });
  });

  it.each([
    ["truncated bytes", fromHex("0201")],
    ["a wrong identifier", encodeAka(2, 9, AkaSubtype.Challenge, [attr.mac()])],
    ["an EAP request", encodeAka(1, 1, AkaSubtype.Challenge)],
  ])("When the server receives %s, then it refuses without throwing", (_, bytes) => {
    const server = new EapAkaServer(ID);
    server.start(generateVector(keys, 32n, AMF));
    expect(["failure", "malformed"]).toContain(server.handle(bytes).kind);
  });

  it("When the peer gets garbage or an Identity request, then it answers a Client-Error or its identity", () => {
    const peer = new EapAkaPeer(new SoftUsim({ imsi: "001010000000001", ...keys }), ID);
    const garbage = peer.handle(fromHex("01020003"));
    expect(garbage.kind === "response" && decodeEap(garbage.packet).subtype).toBe(AkaSubtype.ClientError);
    const identity = peer.handle(encodeAka(1, 3, AkaSubtype.Identity, [attr.permanentIdReq()]));
    expect(identity.kind === "response" && Buffer.from(identity.packet).toString("latin1")).toContain(ID);
  });
});
