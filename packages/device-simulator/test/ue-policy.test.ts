import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  androidCategoryRule,
  androidDefaultRule,
  decodeUePolicyMessage,
  decodeUlNasTransport,
  encodeDlNasTransport,
  encodeNasTransport,
  encodeUePolicyMessage,
  type ManageUePolicyCommand,
  parseHex,
  type UrspPolicy,
} from "@carrierkit/ursp";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { UePolicyStore, UePolicyStoreFileError } from "../src/android/ue-policy.js";
import { SimulatedClock } from "../src/clock.js";

const latency: UrspPolicy = {
  rules: [androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: { sst: 2, sd: "000001" } })],
};
const internet: UrspPolicy = { rules: [androidDefaultRule({ precedence: 255, slice: { sst: 1 } })] };
const command = (
  pti: number,
  instructions: ManageUePolicyCommand["sublists"][number]["instructions"],
  plmn = "001-01",
) => encodeUePolicyMessage({ messageType: "MANAGE_UE_POLICY_COMMAND", pti, sublists: [{ plmn, instructions }] });
const ursp = (upsc: number, policy: UrspPolicy) => ({ upsc, parts: [{ partType: "ursp" as const, ursp: policy }] });
const bytes = (hex: string) => parseHex(hex.replace(/\s/g, "")) as Uint8Array;
const dir = mkdtempSync(join(tmpdir(), "ue-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("UePolicyStore: the UE's side of TS 24.501 Annex D", () => {
  it("When a command stores two sections, then COMPLETE echoes the PTI and policy() merges them by precedence", () => {
    const store = new UePolicyStore();
    const changes: string[] = [];
    store.onChange((plmn) => changes.push(plmn));
    const { outcome, answer } = store.receive(command(0x80, [ursp(2, internet), ursp(1, latency)]));
    expect(outcome).toEqual({
      kind: "complete",
      pti: 0x80,
      applied: [
        { plmn: "001-01", upsc: 2, action: "stored" },
        { plmn: "001-01", upsc: 1, action: "stored" },
      ],
    });
    expect(decodeUePolicyMessage(answer!)).toEqual({ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x80 });
    expect(store.policy("001-01").rules.map((r) => r.precedence)).toEqual([7, 255]);
    expect(store.policy("234-15").rules).toEqual([]);
    expect(changes).toEqual(["001-01"]);
  });

  it("When a section is sent again under its UPSC, then it is replaced; with empty contents, it is deleted (D.2.1.2 b, c)", () => {
    const store = new UePolicyStore();
    store.receive(command(0x80, [ursp(1, internet)]));
    expect(store.receive(command(0x81, [ursp(1, latency)])).outcome).toMatchObject({
      applied: [{ upsc: 1, action: "replaced" }],
    });
    expect(store.policy("001-01")).toEqual(latency);
    expect(store.receive(command(0x82, [{ upsc: 1, parts: [] }])).outcome).toMatchObject({
      kind: "complete",
      applied: [{ upsc: 1, action: "deleted" }],
    });
    expect(store.sections()).toEqual([]);
  });

  it("When sections arrive for two PLMNs, then each PLMN keeps its own", () => {
    const store = new UePolicyStore();
    store.receive(command(0x80, [ursp(1, latency)], "001-01"));
    store.receive(command(0x81, [ursp(1, internet)], "234-15"));
    expect(store.policy("001-01")).toEqual(latency);
    expect(store.policy("234-15")).toEqual(internet);
  });

  it("When one instruction's URSP is malformed, then COMMAND REJECT names its UPSC and order with cause #111 and the others are kept", () => {
    const store = new UePolicyStore();
    // instruction 1: UPSC 1 = the latency rule; instruction 2: UPSC 2, a URSP part whose rule length overruns
    const good = command(0x90, [ursp(1, latency)]);
    const goodIns = good.subarray(9); // after PTI, type, list length, sublist length, PLMN
    const badIns = bytes("0007 0002 0003 01 0005");
    const listBody = new Uint8Array([0x00, 0xf1, 0x10, ...goodIns, ...badIns]);
    const message = new Uint8Array([
      0x90,
      0x01,
      (listBody.length + 2) >> 8,
      (listBody.length + 2) & 0xff,
      listBody.length >> 8,
      listBody.length & 0xff,
      ...listBody,
    ]);
    const { outcome, answer } = store.receive(message);
    expect(outcome.kind).toBe("rejected");
    expect(decodeUePolicyMessage(answer!)).toEqual({
      messageType: "MANAGE_UE_POLICY_COMMAND_REJECT",
      pti: 0x90,
      results: [{ plmn: "001-01", results: [{ upsc: 2, failedInstructionOrder: 2, cause: 111 }] }],
    });
    expect(store.policy("001-01")).toEqual(latency);
  });

  it.each([
    ["ANDSP", "andsp" as const],
    ["V2XP", "v2xp" as const],
  ])(
    "When a %s section arrives (unsupported by Android), then COMMAND REJECT with cause #111 for it",
    (_n, partType) => {
      const store = new UePolicyStore();
      const { outcome, answer } = store.receive(
        command(0x85, [{ upsc: 4, parts: [{ partType, contentsHex: "0102" }] }]),
      );
      expect(outcome).toMatchObject({
        kind: "rejected",
        failed: [{ upsc: 4, reason: expect.stringMatching(/unsupported/) }],
      });
      expect(decodeUePolicyMessage(answer!)).toMatchObject({
        results: [{ results: [{ upsc: 4, failedInstructionOrder: 1, cause: 111 }] }],
      });
    },
  );

  it("When the store is told the UE supports ANDSP, then an ANDSP part is no longer rejected as unsupported", () => {
    const store = new UePolicyStore({ supportedPartTypes: ["ursp", "andsp"] });
    // ANDSP contents are opaque here: the section is accepted but carries no URSP rule
    const { outcome } = store.receive(
      command(0x85, [{ upsc: 4, parts: [{ partType: "andsp", contentsHex: "0102" }] }]),
    );
    expect(outcome.kind).toBe("complete");
  });

  it("When the network retransmits a command it already had answered (same PTI, same octets), then the same answer comes back and nothing is re-applied", () => {
    const store = new UePolicyStore();
    const msg = command(0x80, [ursp(1, latency)]);
    const first = store.receive(msg);
    let changes = 0;
    store.onChange(() => changes++);
    const again = store.receive(msg);
    expect(again.outcome).toEqual({ kind: "duplicate", pti: 0x80, answer: "complete" });
    expect(again.answer).toEqual(first.answer);
    expect(changes).toBe(0);
  });

  it("When a PTI comes back with a different command, then it is a new procedure (the PCF released the PTI)", () => {
    const store = new UePolicyStore();
    store.receive(command(0x80, [ursp(1, latency)]));
    expect(store.receive(command(0x80, [ursp(1, internet)])).outcome.kind).toBe("complete");
    expect(store.policy("001-01")).toEqual(internet);
  });

  it.each([
    ["a UE-initiated PTI", command(0x80, [ursp(1, latency)]).map((b, i) => (i === 0 ? 0x10 : b)), /network-assigned/],
    ["the unassigned PTI 0", command(0x80, [ursp(1, latency)]).map((b, i) => (i === 0 ? 0x00 : b)), /network-assigned/],
    [
      "the reserved PTI 0xff",
      command(0x80, [ursp(1, latency)]).map((b, i) => (i === 0 ? 0xff : b)),
      /network-assigned/,
    ],
    ["a COMPLETE", bytes("8002"), /not MANAGE UE POLICY COMMAND/],
    ["an unknown message type", bytes("8007 0000"), /not MANAGE UE POLICY COMMAND/],
    ["one octet", bytes("80"), /too short/],
  ])("When the network sends %s, then the UE ignores it without an answer", (_what, msg, reason) => {
    const store = new UePolicyStore();
    const result = store.receive(msg);
    expect(result.answer).toBeUndefined();
    expect(result.outcome).toMatchObject({ kind: "ignored", reason: expect.stringMatching(reason) });
    expect(store.sections()).toEqual([]);
  });

  it("When a DL NAS TRANSPORT carries the command, then the answer is a UL NAS TRANSPORT", () => {
    const store = new UePolicyStore();
    const { answer } = store.receiveNas(
      encodeDlNasTransport({
        messageType: "MANAGE_UE_POLICY_COMMAND",
        pti: 0x81,
        sublists: [{ plmn: "001-01", instructions: [ursp(1, latency)] }],
      }),
    );
    expect(decodeUlNasTransport(answer!)).toEqual({ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: 0x81 });
  });

  it.each([
    ["another payload container type (SMS)", encodeNasTransport("DL", bytes("0102"), 2), /not a UE policy container/],
    ["an UL NAS TRANSPORT", encodeNasTransport("UL", bytes("8002")), /UL NAS TRANSPORT/],
    ["a broken NAS header", bytes("7e0068"), /unreadable/],
  ])("When the AMF sends %s, then the UE ignores it", (_what, nas, reason) => {
    const result = new UePolicyStore().receiveNas(nas);
    expect(result).toEqual({ outcome: { kind: "ignored", reason: expect.stringMatching(reason) } });
  });

  it("When the store persists to a file, then a new store on the same file has the sections and the answered PTIs", () => {
    const path = join(dir, "persist.json");
    const clock = new SimulatedClock(Date.UTC(2026, 11, 2));
    const first = new UePolicyStore({ path, clock });
    const msg = command(0x80, [ursp(1, latency), ursp(2, internet)]);
    first.receive(msg);
    const second = new UePolicyStore({ path });
    expect(second.sections()).toEqual(first.sections());
    expect(second.sections()[0]?.storedAt).toBe(Date.UTC(2026, 11, 2));
    expect(second.receive(msg).outcome).toEqual({ kind: "duplicate", pti: 0x80, answer: "complete" });
  });

  it("When the file is not a store, then construction fails with a clear error", () => {
    const path = join(dir, "garbage.json");
    writeFileSync(path, "{ not json");
    expect(() => new UePolicyStore({ path })).toThrow(UePolicyStoreFileError);
  });

  it("When the network sends any bytes at all, then the UE never throws and answers only COMPLETE or COMMAND REJECT for its PTI", () => {
    const store = new UePolicyStore();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 160 }), fc.integer({ min: 0, max: 3 }), (raw, shape) => {
        const msg =
          shape === 0
            ? raw
            : shape === 1
              ? new Uint8Array([0x80 + ((raw[0] ?? 0) % 0x7f), 0x01, raw.length >> 8, raw.length & 0xff, ...raw])
              : shape === 2
                ? encodeNasTransport("DL", raw.length ? raw : new Uint8Array([1]), 5)
                : raw;
        const result = shape === 2 || shape === 3 ? store.receiveNas(msg) : store.receive(msg);
        if (result.answer) {
          const answer =
            shape === 2 || shape === 3 ? decodeUlNasTransport(result.answer) : decodeUePolicyMessage(result.answer);
          expect(["MANAGE_UE_POLICY_COMPLETE", "MANAGE_UE_POLICY_COMMAND_REJECT"]).toContain(answer.messageType);
          expect(answer.pti).toBe(shape === 2 ? raw[0] : msg[0]);
        } else expect(["ignored"]).toContain(result.outcome.kind);
      }),
      { numRuns: 5000, seed: 24501 },
    );
  });
});
