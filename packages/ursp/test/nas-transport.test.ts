import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeDlNasTransport,
  decodeNasTransport,
  decodeUePolicyMessage,
  decodeUlNasTransport,
  decodeUrsp,
  encodeDlNasTransport,
  encodeNasTransport,
  encodeUePolicyMessage,
  encodeUlNasTransport,
  inspectManageUePolicyCommand,
  manageUePolicyCommand,
  parseHex,
  toHex,
  UE_POLICY_CAUSE_PROTOCOL_ERROR_UNSPECIFIED,
  UrspDecodeError,
} from "../src/index.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };
import { commandArbitrary } from "./support/arbitraries.js";

const bytes = (s: string) => parseHex(s.replace(/\s/g, "")) as Uint8Array;
const enterprise = () => decodeUrsp(bytes(seed.enterpriseRuleHex));

describe("5GMM NAS transport, both directions (TS 24.501 §8.2.10, §8.2.11)", () => {
  it("When the UE answers COMPLETE for PTI 0x80, then the UL NAS TRANSPORT is 7e 00 67 05 0002 8002 and decodes back", () => {
    const ul = encodeUlNasTransport({ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x80 });
    expect(toHex(ul)).toBe("7e0067050002" + "8002");
    expect(decodeUlNasTransport(ul)).toEqual({ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x80 });
  });

  it("When the reference DL NAS TRANSPORT is read as an AMF reads it, then the payload is the untouched UE policy container", () => {
    const nas = decodeNasTransport(bytes(seed.enterpriseDlNasTransportHex));
    expect(nas.direction).toBe("DL");
    expect(nas.payloadContainerType).toBe(5);
    expect(toHex(encodeNasTransport("DL", nas.payload))).toBe(seed.enterpriseDlNasTransportHex);
  });

  it.each([
    ["another EPD", "7f0067050002 8002", "nas.epd"],
    ["a protected message", "7e0267050002 8002", "nas.securityHeaderType"],
    ["another 5GMM message", "7e0041050002 8002", "nas.messageType"],
    ["an overrunning container length", "7e0067050009 8002", "nas.payloadContainer.length"],
    ["an empty container", "7e0067050000", "nas.payloadContainer"],
    ["trailing optional IEs", "7e0067050002 8002 12", "nas.optionalIEs"],
  ])("When a NAS transport has %s, then a typed error names %s", (_what, hex, field) => {
    const error = (() => {
      try {
        decodeNasTransport(bytes(hex));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UrspDecodeError);
    expect((error as UrspDecodeError).field).toBe(field);
  });

  it("When a DL NAS TRANSPORT is given to the UL decoder, then it is a typed error", () => {
    expect(() => decodeUlNasTransport(bytes(seed.enterpriseDlNasTransportHex))).toThrow(UrspDecodeError);
  });

  it("When a payload is empty or too long, then encoding refuses it", () => {
    expect(() => encodeNasTransport("UL", new Uint8Array())).toThrow(/empty/);
    expect(() => encodeNasTransport("UL", new Uint8Array(0x10000))).toThrow(/65535/);
  });
});

describe("The UE's reading of MANAGE UE POLICY COMMAND, instruction by instruction (TS 24.501 §D.2.1)", () => {
  const command = (pti = 0x80) => encodeUePolicyMessage(manageUePolicyCommand(enterprise(), { plmn: "001-01", pti }));

  it("When the reference command is inspected, then its one instruction carries the ENTERPRISE rule", () => {
    const seen = inspectManageUePolicyCommand(command());
    expect(seen).toEqual({
      kind: "command",
      pti: 0x80,
      sublists: [
        { plmn: "001-01", instructions: [{ upsc: 1, order: 1, parts: [{ partType: "ursp", ursp: enterprise() }] }] },
      ],
    });
    expect(
      decodeDlNasTransport(encodeDlNasTransport(manageUePolicyCommand(enterprise(), { plmn: "001-01" }))),
    ).toBeTruthy();
  });

  it("When an instruction has empty section contents, then it reads as a delete (no parts)", () => {
    // PTI 80, type 01, list 0009, sublist 0007 00f110, instruction 0002 0005 (UPSC 5, no contents)
    expect(inspectManageUePolicyCommand(bytes("8001 0009 0007 00f110 0002 0005"))).toEqual({
      kind: "command",
      pti: 0x80,
      sublists: [{ plmn: "001-01", instructions: [{ upsc: 5, order: 1, parts: [] }] }],
    });
  });

  it("When the second instruction's URSP is malformed, then only it fails, with its UPSC and order", () => {
    // instruction 1: UPSC 1 = delete; instruction 2: UPSC 2, part length 3, type URSP, contents 00 05 (rule length 5, truncated)
    const seen = inspectManageUePolicyCommand(bytes("8001 0010 000e 00f110 0002 0001 0007 0002 0003 01 0005"));
    expect(seen.kind).toBe("command");
    if (seen.kind !== "command") return;
    const [first, second] = seen.sublists[0]!.instructions;
    expect(first).toEqual({ upsc: 1, order: 1, parts: [] });
    expect(second?.upsc).toBe(2);
    expect(second?.order).toBe(2);
    expect(second?.error).toBeInstanceOf(UrspDecodeError);
  });

  it("When an instruction length overruns its sublist, then that instruction fails and the sublist stops there", () => {
    const seen = inspectManageUePolicyCommand(bytes("8001 000b 0009 00f110 0030 0007 0000"));
    expect(seen.kind).toBe("command");
    if (seen.kind !== "command") return;
    expect(seen.sublists[0]?.instructions).toHaveLength(1);
    expect(seen.sublists[0]?.instructions[0]?.upsc).toBe(7);
    expect(seen.sublists[0]?.instructions[0]?.error?.code).toBe("LENGTH_OVERRUN");
  });

  it("When a part type other than URSP arrives, then it is read as opaque contents (the UE decides whether it supports it)", () => {
    const seen = inspectManageUePolicyCommand(bytes("8001 000e 000c 00f110 0007 0003 0003 02 abcd"));
    expect(seen).toMatchObject({
      kind: "command",
      sublists: [{ instructions: [{ upsc: 3, parts: [{ partType: "andsp", contentsHex: "abcd" }] }] }],
    });
  });

  it.each([
    ["an empty message", "", /too short/],
    ["a COMPLETE sent to the UE", "8002", /not MANAGE UE POLICY COMMAND/],
    ["the UE-initiated PTI range", "0101 0009 0007 00f110 0002 0005", /not a network-assigned/],
    ["PTI 0 (unassigned)", "0001 0009 0007 00f110 0002 0005", /not a network-assigned/],
    ["PTI 0xff (reserved)", "ff01 0009 0007 00f110 0002 0005", /not a network-assigned/],
    ["no list", "8001", /no UE policy section management list/],
    ["a sublist with a bad PLMN", "8001 0009 0007 aaaaaa 0002 0005", /no UE policy section instruction/],
  ])("When the command is %s, then the UE ignores it with a reason", (_what, hex, reason) => {
    const seen = inspectManageUePolicyCommand(bytes(hex));
    expect(seen.kind).toBe("ignored");
    if (seen.kind === "ignored") expect(seen.reason).toMatch(reason);
  });

  it("When any byte string is inspected, then it never throws and every failed instruction carries a typed error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (raw, framed) => {
        const input = framed ? new Uint8Array([0x80, 0x01, raw.length >> 8, raw.length & 0xff, ...raw]) : raw;
        const seen = inspectManageUePolicyCommand(input);
        if (seen.kind === "command")
          for (const s of seen.sublists)
            for (const i of s.instructions)
              expect(i.error === undefined ? Array.isArray(i.parts) : i.error instanceof UrspDecodeError).toBe(true);
      }),
      { numRuns: 5000, seed: 1207 },
    );
  });

  it("When any valid command is inspected, then every instruction reads exactly as the strict decoder reads it", () => {
    fc.assert(
      fc.property(commandArbitrary(), (msg) => {
        const encoded = encodeUePolicyMessage(msg);
        const strict = decodeUePolicyMessage(encoded);
        const seen = inspectManageUePolicyCommand(encoded);
        if (strict.messageType !== "MANAGE_UE_POLICY_COMMAND") return;
        expect(seen).toEqual({
          kind: "command",
          pti: strict.pti,
          sublists: strict.sublists.map((s) => ({
            plmn: s.plmn,
            instructions: s.instructions.map((i, n) => ({ upsc: i.upsc, order: n + 1, parts: i.parts })),
          })),
        });
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("The only COMMAND REJECT cause of D.6.3 is #111", () => {
    expect(UE_POLICY_CAUSE_PROTOCOL_ERROR_UNSPECIFIED).toBe(111);
  });
});
