import { describe, expect, it } from "vitest";
import {
  AkaAttribute,
  AkaSubtype,
  attr,
  checkcode,
  decodeAka,
  decodeEap,
  deriveAkaKeys,
  EapDecodeError,
  encodeAka,
  fips186Prf,
  fromHex,
  hex,
  identityValue,
  readAka,
  signAka,
  tryDecodeEap,
  verifyAkaMac,
} from "../src/index.js";

const unhex = (s: string) => fromHex(s.replace(/\s+/g, "").toLowerCase());

describe("EAP-AKA key derivation (RFC 4187 §7)", () => {
  it.each([
    [
      "the FIPS 186-2 change notice example (XKEY bd029bbe…)",
      "bd029bbe7f51960bcf9edb2b61f06f0feb5a38b6",
      "2070b3223dba372fde1c0ffc7b2e3b498b2606143c6c18bacb0f6c55babb13788e20d737a3275116",
    ],
    [
      "RFC 4186 Appendix A.5 (K_encr ‖ K_aut ‖ MSK ‖ EMSK)",
      "e576d5ca332e9930018bf1baee2763c795b3c712",
      `536e5ebc4465582aa6a8ec9986ebb620 25af1942efcbf4bc72b3943421f2a974
       39d45aeaf4e30601983e972b6cfd46d1c363773365690d09cd44976b525f47d3
       a60a985e955c53b090b2e4b73719196a402542968fd14a888f46b9a7886e4488
       5949eab0fff69d52315c6c634fd14a7f0d52023d56f79698fa6596abeed4f93f
       bb48eb534d985414ceed0d9a8ed33c387c9dfdab92ffbdf240fcecf65a2c93b9`,
    ],
    [
      "FreeRADIUS eapcrypto-01 (MK d1cdd6d3…; K_encr ‖ K_aut ‖ MSK ‖ EMSK)",
      "d1cdd6d3574ef82ec1e83879559e89f8de8e6e90",
      `72469fd8bb6c2a4a93ac42e5b4668acb 54323970481b515948d00a34422bbe3c
       0a572a3f2baeea10640598c941901995f842097acbb13272bc949b668fb4f5a3
       deefed093947fe64c88f7df8dadcab5f8d0039138e9bcff71a81031611eeb959
       207256b39ada49efc1850c1230461921d700f9f783a0f5a9cff155bd6c8f1aa5
       072b7530af44f5153cb983b08343effa2eb161e27d3543bc5bd6db22993af27b`,
    ],
  ])("When the PRF is keyed with %s, then its output matches the published bytes", (_, mk, expected) => {
    const want = unhex(expected);
    expect(hex(fips186Prf(fromHex(mk), want.length))).toBe(hex(want));
  });

  it("When AOSP's MasterKeyTest identity, IK and CK are used, then K_aut is the one AOSP expects", () => {
    const keys = deriveAkaKeys(
      "0234107813240779@nai.epc.mnc010.mcc234.3gppnetwork.org",
      unhex("06C4880743EF17AAA99EE7B17CEE9119"),
      unhex("F330A26F2C1CCC1ED9B45FD48D06C516"),
    );
    expect(hex(keys.kAut)).toBe("4a2137e6e292679dd4c3fd8ab67f13da");
    expect([keys.mk.length, keys.kEncr.length, keys.msk.length, keys.emsk.length]).toEqual([20, 16, 64, 64]);
  });

  it("When AOSP's EapAkaResponseTest RES is answered with its K_aut, then the response is byte-for-byte AOSP's", () => {
    const response = signAka(
      encodeAka(2, 2, AkaSubtype.Challenge, [attr.res(unhex("C79F02A59FC9A38F")), attr.mac()]),
      unhex("4A2137E6E292679DD4C3FD8AB67F13DA"),
    );
    expect(hex(response)).toBe("020200281701000003030040c79f02a59fc9a38f0b0500001c141bddde8bef2e502fb6793808de7c");
    expect(verifyAkaMac(response, unhex("4A2137E6E292679DD4C3FD8AB67F13DA"))).toBe(true);
    expect(verifyAkaMac(response, new Uint8Array(16))).toBe(false);
  });

  it.each([
    ["no identity messages", [] as Uint8Array[], ""],
    // FIPS 180 example: SHA-1("abc"); the messages are hashed in order, as one stream.
    ["two messages", [Buffer.from("ab"), Buffer.from("c")], "a9993e364706816aba3e25717850c26c9cd0d89d"],
  ])('When the checkcode covers %s, then it is "%s"', (_, messages, expected) => {
    expect(hex(checkcode(messages.map((m) => new Uint8Array(m))))).toBe(expected);
  });
});

// AOSP EapAkaResponseTest's captured EAP-Request/AKA-Challenge (RAND, AUTN, AT_MAC, AT_IV, AT_ENCR_DATA).
const AOSP_CHALLENGE =
  "AQIAfBcBAAABBQAAXOZSkCjxysgE43GWqHJvgQIFAABrikWGrekAALNU4TxmCDPoCwUAAJT0nqXeAYlqzT0UGXINENWBBQAA7z3fhImkg+vcCKWIZBdvuYIJAAAPRUFp7KWFo+Thr78Qj9hEkB2zA0i6KakODsufBC+BJQ==";

describe("EAP-AKA packet codec (RFC 4187)", () => {
  it("When AOSP's captured challenge is decoded, then RAND and AUTN come out and AT_IV/AT_ENCR_DATA are skipped", () => {
    const p = decodeAka(new Uint8Array(Buffer.from(AOSP_CHALLENGE, "base64")));
    expect([p.code, p.identifier, p.raw.length, p.subtype]).toEqual([1, 2, 124, AkaSubtype.Challenge]);
    const a = readAka(p);
    expect([hex(a.rand!), hex(a.autn!), hex(a.mac!)]).toEqual([
      "5ce6529028f1cac804e37196a8726f81",
      "6b8a4586ade90000b354e13c660833e8",
      "94f49ea5de01896acd3d1419720d10d5",
    ]);
    expect(a.skipped).toEqual([AkaAttribute.AT_IV, AkaAttribute.AT_ENCR_DATA]);
  });

  it.each([
    ["AT_RES with 4 octets", attr.res(fromHex("01020304")), { res: "01020304", resBits: 32 }, 8],
    ["AT_RES with 8 octets", attr.res(fromHex("a54211d5e3ba50bf")), { res: "a54211d5e3ba50bf", resBits: 64 }, 12],
    ["AT_RES with 16 octets", attr.res(new Uint8Array(16).fill(9)), { res: "09".repeat(16), resBits: 128 }, 20],
    ["AT_AUTS", attr.auts(new Uint8Array(14).fill(4)), { auts: "04".repeat(14) }, 16],
    ["AT_IDENTITY of 5 octets", attr.identity("0abcd"), { identity: "0abcd" }, 12],
    ["AT_IDENTITY of 8 octets", attr.identity("01234567"), { identity: "01234567" }, 12],
    ["AT_PERMANENT_ID_REQ", attr.permanentIdReq(), { identityRequest: "permanent" }, 4],
    ["AT_ANY_ID_REQ", attr.anyIdReq(), { identityRequest: "any" }, 4],
    ["AT_FULLAUTH_ID_REQ", attr.fullauthIdReq(), { identityRequest: "fullauth" }, 4],
    ["AT_NOTIFICATION", attr.notification(16384), { notification: 16384 }, 4],
    ["AT_CLIENT_ERROR_CODE", attr.clientErrorCode(0), { clientErrorCode: 0 }, 4],
    ["an empty AT_CHECKCODE", attr.checkcode(), { checkcode: "" }, 4],
    ["a SHA-1 AT_CHECKCODE", attr.checkcode(new Uint8Array(20).fill(7)), { checkcode: "07".repeat(20) }, 24],
    ["AT_RESULT_IND", attr.resultInd(), { resultIndication: true }, 4],
  ])("When %s is encoded and decoded, then it round-trips 4-octet aligned", (_, attribute, expected, size) => {
    const bytes = encodeAka(2, 9, AkaSubtype.Identity, [attribute, attr.padding(8)]);
    expect(bytes.length).toBe(8 + size + 8);
    const a = readAka(decodeAka(bytes));
    const shown = Object.fromEntries(
      Object.entries(a)
        .filter(([k]) => k !== "skipped")
        .map(([k, v]) => [k, v instanceof Uint8Array ? hex(v) : v]),
    );
    expect(shown).toEqual(expected);
  });

  it("When AT_RES is written, then its length field counts bits, not octets", () => {
    const bytes = encodeAka(2, 1, AkaSubtype.Challenge, [attr.res(fromHex("a54211d5e3ba50bf"))]);
    expect(hex(bytes.subarray(8, 12))).toBe("03030040");
    expect(identityValue(decodeEap(encodeAka(2, 1, 5, [attr.identity("x@y")])))).toBe("x@y");
  });

  /** An EAP-AKA packet with a correct length field around `body` (attributes, hex). */
  const aka = (body: string, code = 1, subtype = 1) => {
    const length = 8 + body.length / 2;
    return `${code.toString(16).padStart(2, "0")}01${length.toString(16).padStart(4, "0")}17${subtype.toString(16).padStart(2, "0")}0000${body}`;
  };

  it.each([
    ["an empty buffer", 0, "truncated", ""],
    ["a length field that disagrees", 2, "length-mismatch", "0101000a1701"],
    ["an unknown code", 0, "bad-code", "09010004"],
    ["a Success longer than 4 octets", 2, "length-mismatch", "0301000500"],
    ["a request without a type", 4, "truncated", "01010004"],
    ["a truncated AKA header", 5, "truncated", "010100061701"],
    ["an attribute of length 0", 9, "bad-attribute-length", aka("0100aaaa")],
    ["an attribute that overruns", 9, "truncated", aka("0105aaaa")],
    ["a truncated attribute header", 8, "truncated", aka("01")],
    ["an unknown non-skippable attribute", 8, "unknown-attribute", aka("630100aa")],
    ["AT_RAND of 8 octets", 9, "bad-attribute-length", aka("010300000102030405060708")],
    ["AT_RES claiming 24 bits", 10, "bad-value", aka("0302001801020304", 2)],
    ["AT_RES claiming more bits than it holds", 10, "bad-value", aka("0302006001020304", 2)],
    [
      "AT_RES with a spare padding word",
      9,
      "bad-attribute-length",
      aka("0304004001020304050607080000000000000000".slice(0, 32), 2),
    ],
    ["AT_AUTS of 10 octets", 9, "bad-attribute-length", aka("040300000000000000000000", 2, 4)],
    ["AT_IDENTITY longer than its attribute", 10, "bad-attribute-length", aka("0e02001061626364", 2, 5)],
    ["AT_PADDING that is not zero", 10, "bad-value", aka("06010001")],
    ["AT_CHECKCODE of 8 octets", 9, "bad-attribute-length", aka("8602000000000000")],
    ["the same attribute twice", 12, "duplicate-attribute", aka("1601000016010000", 2, 14)],
  ])("When the packet is %s, then decoding fails with a typed error at offset %i (%s)", (_, offset, code, h) => {
    const bytes = fromHex(h);
    const r = tryDecodeEap(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(EapDecodeError);
    expect([r.error.offset, r.error.code]).toEqual([offset, code]);
    expect(() => decodeEap(bytes)).toThrow(EapDecodeError);
  });

  it.each([
    [
      "AOSP's packet whose length field says 153",
      "01020099170100000B05000094F49EA5DE01896ACD3D1419720D10D581050000EF3DDF8489A4ABEBDC08A58864176FB9820900000F454169ECA585A3E4E1AFBF108FD844901DB30348BA29A90E0ECB9F042F8125",
      "length-mismatch",
    ],
    ["AOSP's AT_RAND overrunning the packet", "0102001C17010000010600005CE6529028F1CAC804E37196A8726F81", "truncated"],
    ["AOSP's 16-octet AT_RAND", "0102001817010000010400005CE6529028F1CAC804E37196", "bad-attribute-length"],
    ["AOSP's 16-octet AT_AUTN", "0102001817010000020400006B8A4586ADE90000B354E13C", "bad-attribute-length"],
    [
      "AOSP's EAP type 99",
      "01020054990100000B05000094F49EA5DE01896ACD3D1419720D10D581050000EF3DDF8489A4ABEBDC08A58864176FB9F454169ECA585A3E4E1AFBF108FD844901DB30348BA29A90E0ECB9F042F8125820900000",
      "bad-type",
    ],
    ["an EAP-AKA subtype 99", "0101000817630000", "bad-subtype"],
    ["an EAP-Success", "03010004", "bad-code"],
  ])("When decodeAka gets %s, then it throws a typed EapDecodeError", (_, h, code) => {
    expect(() => decodeAka(unhex(h))).toThrow(expect.objectContaining({ name: "EapDecodeError", code }));
  });

  it("When 8 000 random and mutated packets are decoded, then every one decodes or fails with EapDecodeError", () => {
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    const valid = [
      new Uint8Array(Buffer.from(AOSP_CHALLENGE, "base64")),
      encodeAka(2, 1, AkaSubtype.Challenge, [attr.res(new Uint8Array(8)), attr.checkcode(), attr.mac()]),
      encodeAka(2, 1, AkaSubtype.Identity, [attr.identity("0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org")]),
    ];
    const outcomes = { ok: 0, error: 0 };
    for (let i = 0; i < 8_000; i++) {
      let bytes: Uint8Array;
      if (i % 2 === 0) {
        bytes = new Uint8Array(next() % 64);
        for (let j = 0; j < bytes.length; j++) bytes[j] = next() & 0xff;
        if (bytes.length >= 8) bytes.set([1 + (next() % 2), 0, 0, bytes.length, 23], 0);
      } else {
        const base = valid[next() % valid.length]!;
        bytes = new Uint8Array(base.subarray(0, base.length - (next() % 3 === 0 ? next() % base.length : 0)));
        for (let flips = next() % 4; flips > 0 && bytes.length > 0; flips--)
          bytes[next() % bytes.length]! ^= 1 << (next() % 8);
      }
      const r = tryDecodeEap(bytes);
      if (r.ok) outcomes.ok++;
      else {
        expect(r.error).toBeInstanceOf(EapDecodeError);
        outcomes.error++;
      }
    }
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  });

  it.each([
    ["a code that is not request/response", () => encodeAka(3 as 1, 1, 1)],
    ["identifier 256", () => encodeAka(1, 256, 1)],
    ["a RAND of 15 octets", () => attr.rand(new Uint8Array(15))],
    ["a RES of 3 octets", () => attr.res(new Uint8Array(3))],
    ["a RES of 17 octets", () => attr.res(new Uint8Array(17))],
    ["an AUTS of 15 octets", () => attr.auts(new Uint8Array(15))],
    ["a checkcode of 16 octets", () => attr.checkcode(new Uint8Array(16))],
    ["a notification code of 70000", () => attr.notification(70_000)],
    ["signing a packet without AT_MAC", () => signAka(encodeAka(2, 1, 1), new Uint8Array(16))],
    ["a 19-octet MK", () => fips186Prf(new Uint8Array(19), 40)],
    ["a fractional PRF length", () => fips186Prf(new Uint8Array(20), 1.5)],
  ])("When the encoder is given %s, then it throws", (_, call) => {
    expect(call).toThrow();
  });
});
