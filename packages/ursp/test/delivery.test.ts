import { describe, expect, it } from "vitest";
import {
  androidExamplePolicy,
  decodeDlNasTransport,
  decodeUePolicyMessage,
  decodeUrsp,
  encodeDlNasTransport,
  encodeUePolicyMessage,
  manageUePolicyCommand,
  parseHex,
  toHex,
  type UePolicyMessage,
  UrspDecodeError,
  UrspEncodeError,
} from "../src/index.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };

const bytes = (s: string) => parseHex(s.replace(/\s/g, "")) as Uint8Array;
const enterprise = () => decodeUrsp(bytes(seed.enterpriseRuleHex));

describe("UE policy delivery (TS 24.501 Annex D)", () => {
  it("When the ENTERPRISE rule is delivered for PLMN 001-01, UPSC 1, PTI 0x80, then the DL NAS TRANSPORT is the 99-octet reference", () => {
    const nas = encodeDlNasTransport(manageUePolicyCommand(enterprise(), { plmn: "001-01" }));
    expect(toHex(nas)).toBe(seed.enterpriseDlNasTransportHex);
    expect(nas.length).toBe(99);
  });

  it("When the reference DL NAS TRANSPORT is decoded, then the command, PLMN, UPSC and rule come back", () => {
    expect(decodeDlNasTransport(bytes(seed.enterpriseDlNasTransportHex))).toEqual(
      manageUePolicyCommand(enterprise(), { plmn: "001-01", pti: 0x80, upsc: 1 }),
    );
  });

  it.each([
    ["001-01", "00f110"],
    ["234-15", "32f451"],
    ["310-410", "130014"],
  ])("When the PLMN is %s, then the sublist carries BCD %s", (plmn, bcd) => {
    const hex = toHex(encodeUePolicyMessage(manageUePolicyCommand(enterprise(), { plmn })));
    // PTI(1) type(1) list length(2) sublist length(2) PLMN(3)
    expect(hex.slice(12, 18)).toBe(bcd);
  });

  it("When a MANAGE UE POLICY COMPLETE is encoded, then it is PTI + 0x02", () => {
    const msg: UePolicyMessage = { messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x81 };
    expect(toHex(encodeUePolicyMessage(msg))).toBe("8102");
    expect(decodeUePolicyMessage(bytes("8102"))).toEqual(msg);
  });

  it("When a COMMAND REJECT reports UPSC 1 instruction 1 failed with cause 111, then the result list has the D.6.3 layout", () => {
    const msg: UePolicyMessage = {
      messageType: "MANAGE_UE_POLICY_COMMAND_REJECT",
      pti: 0x80,
      results: [{ plmn: "001-01", results: [{ upsc: 1, failedInstructionOrder: 1, cause: 0x6f }] }],
    };
    const hex = toHex(encodeUePolicyMessage(msg));
    expect(hex).toBe("80030009" + "01" + "00f110" + "0001" + "0001" + "6f");
    expect(decodeUePolicyMessage(bytes(hex))).toEqual(msg);
  });

  it("When a command carries a UE policy network classmark, then it follows the list as IEI 0x42 TLV", () => {
    const cmd = { ...manageUePolicyCommand(enterprise(), { plmn: "001-01" }), networkClassmarkHex: "01" };
    const hex = toHex(encodeUePolicyMessage(cmd));
    expect(hex.endsWith("420101")).toBe(true);
    expect(decodeUePolicyMessage(bytes(hex))).toEqual(cmd);
  });

  it("When the whole seed policy is delivered, then it decodes back through every layer", () => {
    const cmd = manageUePolicyCommand(androidExamplePolicy(), { plmn: "310-410", pti: 0xfe, upsc: 7 });
    expect(decodeDlNasTransport(encodeDlNasTransport(cmd))).toEqual(cmd);
  });

  it.each([
    ["PTI 0x7f (UE range)", { ...manageUePolicyCommand(enterprise(), { plmn: "001-01" }), pti: 0x7f }, "/pti"],
    ["PTI 0xff (reserved)", { ...manageUePolicyCommand(enterprise(), { plmn: "001-01" }), pti: 0xff }, "/pti"],
    ["a PLMN without MNC", manageUePolicyCommand(enterprise(), { plmn: "001" }), "/sublists/0/plmn"],
    ["no sublist", { messageType: "MANAGE_UE_POLICY_COMMAND", pti: 0x80, sublists: [] }, "/sublists"],
  ] as [string, UePolicyMessage, string][])("When a message has %s, then encoding fails naming %s", (_, msg, path) => {
    expect(() => encodeUePolicyMessage(msg)).toThrow(UrspEncodeError);
    try {
      encodeUePolicyMessage(msg);
    } catch (e) {
      expect((e as UrspEncodeError).path).toBe(path);
    }
  });

  it.each([
    ["a UE-range PTI", "0501 0000", "INVALID_VALUE", 0, "message.pti"],
    ["an unknown message type", "8009", "INVALID_VALUE", 1, "message.messageType"],
    [
      "bad BCD in the PLMN",
      "8001 0009 0007 0af110 0002 0001",
      "BAD_BCD",
      6,
      "message.sectionManagementList.sublist[0].plmn",
    ],
    [
      "bad MNC digit 3",
      "8001 0009 0007 00a110 0002 0001",
      "BAD_BCD",
      7,
      "message.sectionManagementList.sublist[0].plmn",
    ],
    ["a trailing octet after COMPLETE", "8002 00", "TRAILING_BYTES", 2, "message"],
    ["a list length beyond the input", "8001 0010 0007", "TRUNCATED", 2, "message.sectionManagementList.length"],
    [
      "an instruction longer than its sublist",
      "8001 0009 0007 00f110 0009 0001",
      "LENGTH_OVERRUN",
      9,
      "message.sectionManagementList.sublist[0].instruction[0].length",
    ],
    ["an empty management list", "8001 0000", "EMPTY", 4, "message.sectionManagementList"],
    [
      "a malformed URSP rule inside a part",
      "8001 000e 000c 00f110 0007 0001 0003 01 0000",
      "LENGTH_OVERRUN",
      18,
      "message.sectionManagementList.sublist[0].instruction[0].part[0].ursp.rule[0].precedence",
    ],
  ])("When a message has %s, then decoding reports %s at the offset and field", (_, hex, code, offset, field) => {
    let error: unknown;
    try {
      decodeUePolicyMessage(bytes(hex));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UrspDecodeError);
    expect(error).toMatchObject({ code, offset, field });
  });

  it.each([
    ["a security-protected header", "7e0168", "INVALID_VALUE", 1, "nas.securityHeaderType"],
    ["a UL NAS TRANSPORT", "7e0067", "INVALID_VALUE", 2, "nas.messageType"],
    ["an N1 SM payload container", "7e006801", "INVALID_VALUE", 3, "nas.payloadContainerType"],
    ["optional IEs after the container", "7e006805 0002 8102 1201", "TRAILING_BYTES", 8, "nas.optionalIEs"],
  ])("When a DL NAS TRANSPORT has %s, then decoding reports %s", (_, hex, code, offset, field) => {
    let error: unknown;
    try {
      decodeDlNasTransport(bytes(hex));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code, offset, field });
  });
});
