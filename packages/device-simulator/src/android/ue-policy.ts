// The UE's policy store and its half of the UE policy delivery service (TS 24.501 Annex D): MANAGE UE POLICY COMMAND
// in, MANAGE UE POLICY COMPLETE or COMMAND REJECT out, the UE policy sections kept per PLMN and UPSC (persisted), and
// the URSP in force handed to its users through UePolicySource.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  decodeNasTransport,
  decodeUrsp,
  encodeNasTransport,
  encodeUePolicyMessage,
  encodeUrsp,
  inspectManageUePolicyCommand,
  parseHex,
  toHex,
  UE_POLICY_CAUSE_PROTOCOL_ERROR_UNSPECIFIED,
  type UePolicyPart,
  type UePolicyPartTypeName,
  type UePolicySectionResult,
  type UrspPolicy,
  validatePolicy,
} from "@carrierkit/ursp";
import { type DeviceClock, systemDeviceClock } from "../clock.js";
import type { UePolicySource } from "./policy-source.js";

/** One stored UE policy section: the URSP rules the PCF sent for one PLMN under one UE policy section code. */
export interface UePolicySection {
  plmn: string;
  upsc: number;
  ursp: UrspPolicy;
  /** Parts of other supported types (ANDSP, V2XP, ProSeP …), kept opaque. */
  otherParts?: { partType: string | number; contentsHex: string }[];
  storedAt: number;
}

/** What the UE did with an instruction (TS 24.501 §D.2.1.2 a–c). */
export interface AppliedInstruction {
  plmn: string;
  upsc: number;
  action: "stored" | "replaced" | "deleted";
}

/** A failed instruction, as reported in the COMMAND REJECT, with the reason (for traces; not sent). */
export interface FailedInstruction extends UePolicySectionResult {
  plmn: string;
  reason: string;
}

export type UePolicyOutcome =
  /** Every instruction executed: MANAGE UE POLICY COMPLETE. */
  | { kind: "complete"; pti: number; applied: AppliedInstruction[] }
  /** At least one instruction failed: COMMAND REJECT naming each failure; the others were executed. */
  | { kind: "rejected"; pti: number; applied: AppliedInstruction[]; failed: FailedInstruction[] }
  /** A retransmission of a command already answered (same PTI, same octets): the same answer again, nothing re-applied. */
  | { kind: "duplicate"; pti: number; answer: "complete" | "rejected" }
  /** Not answerable (not a UE policy container, not a COMMAND, PTI outside 0x80..0xfe, unreadable): no answer. */
  | { kind: "ignored"; reason: string };

export interface UePolicyResult {
  outcome: UePolicyOutcome;
  /** The answer to send back (a UE policy message, or a UL NAS TRANSPORT for {@link UePolicyStore.receiveNas}). */
  answer?: Uint8Array;
}

export interface UePolicyStoreOptions {
  /** A JSON file the sections and the last answers persist to (written on every change); none = memory only. */
  path?: string;
  /** The UE policy part types this UE supports (default `["ursp"]`: Android has URSP only). */
  supportedPartTypes?: UePolicyPartTypeName[];
  clock?: DeviceClock;
  /** How many answered PTIs are remembered for retransmissions (default 16). */
  rememberedAnswers?: number;
}

interface Persisted {
  version: 1;
  sections: {
    plmn: string;
    upsc: number;
    urspHex: string;
    otherParts?: UePolicySection["otherParts"];
    storedAt: number;
  }[];
  answers: { pti: number; digest: string; answerHex: string; kind: "complete" | "rejected" }[];
}

/** The store's file is not a UE policy store (a clear error at construction, never a half-loaded store). */
export class UePolicyStoreFileError extends Error {
  override readonly name = "UePolicyStoreFileError";
}

const key = (plmn: string, upsc: number) => `${plmn}/${upsc}`;

function partName(part: UePolicyPart): string {
  return typeof part.partType === "number" ? `type ${part.partType}` : part.partType;
}

/**
 * The UE policy store of a simulated Android device. Feed it what the network sends (`receiveNas` for a DL NAS
 * TRANSPORT, `receive` for the bare UE policy message) and send back the answer it returns. It never throws on
 * input from the network: malformed or unsupported policy sections are answered with COMMAND REJECT (cause #111, the
 * only value TS 24.501 Table D.6.3.1 defines), and messages the UE cannot answer are ignored with a reason.
 */
export class UePolicyStore implements UePolicySource {
  readonly #sections = new Map<string, UePolicySection>();
  /** Answered commands by PTI: the digest of the command's octets and the answer sent. */
  readonly #answers = new Map<number, { digest: string; answer: Uint8Array; kind: "complete" | "rejected" }>();
  readonly #listeners = new Set<(plmn: string) => void>();
  readonly #supported: Set<string>;
  readonly #clock: DeviceClock;
  readonly #path: string | undefined;
  readonly #remember: number;

  constructor(options: UePolicyStoreOptions = {}) {
    this.#supported = new Set(options.supportedPartTypes ?? ["ursp"]);
    this.#clock = options.clock ?? systemDeviceClock;
    this.#path = options.path;
    this.#remember = options.rememberedAnswers ?? 16;
    if (this.#path && existsSync(this.#path)) this.#load(this.#path);
  }

  /** The URSP in force for `plmn`: the rules of every stored section of that PLMN, by precedence. */
  policy(plmn: string): UrspPolicy {
    const rules = this.sections(plmn).flatMap((s) => s.ursp.rules);
    return { rules: rules.sort((a, b) => a.precedence - b.precedence) };
  }

  /** The stored sections (of one PLMN, or all), by PLMN then UPSC. */
  sections(plmn?: string): UePolicySection[] {
    return [...this.#sections.values()]
      .filter((s) => plmn === undefined || s.plmn === plmn)
      .sort((a, b) => a.plmn.localeCompare(b.plmn) || a.upsc - b.upsc);
  }

  onChange(listener: (plmn: string) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Handles a DL NAS TRANSPORT from the AMF; the answer, if any, is a UL NAS TRANSPORT. */
  receiveNas(nas: Uint8Array): UePolicyResult {
    let payload: Uint8Array;
    try {
      const decoded = decodeNasTransport(nas);
      if (decoded.direction !== "DL")
        return { outcome: { kind: "ignored", reason: "an UL NAS TRANSPORT sent to the UE" } };
      if (decoded.payloadContainerType !== 5)
        return {
          outcome: {
            kind: "ignored",
            reason: `payload container type ${decoded.payloadContainerType} is not a UE policy container`,
          },
        };
      payload = decoded.payload;
    } catch (e) {
      return { outcome: { kind: "ignored", reason: `unreadable NAS message: ${(e as Error).message}` } };
    }
    const result = this.receive(payload);
    return result.answer ? { outcome: result.outcome, answer: encodeNasTransport("UL", result.answer, 5) } : result;
  }

  /** Handles a UE policy delivery message (the payload of the UE policy container). */
  receive(message: Uint8Array): UePolicyResult {
    try {
      return this.#receive(message);
    } catch (e) {
      // Defensive: nothing above should throw; if it does, the UE drops the message rather than crash.
      return { outcome: { kind: "ignored", reason: `could not process the message: ${(e as Error).message}` } };
    }
  }

  #receive(message: Uint8Array): UePolicyResult {
    const seen = inspectManageUePolicyCommand(message);
    if (seen.kind === "ignored") return { outcome: { kind: "ignored", reason: seen.reason } };
    const digest = createHash("sha256").update(message).digest("hex");
    const previous = this.#answers.get(seen.pti);
    if (previous && previous.digest === digest)
      return { outcome: { kind: "duplicate", pti: seen.pti, answer: previous.kind }, answer: previous.answer };

    const applied: AppliedInstruction[] = [];
    const failed: FailedInstruction[] = [];
    const changed = new Set<string>();
    const now = this.#clock.now();
    for (const sublist of seen.sublists) {
      for (const ins of sublist.instructions) {
        const fail = (reason: string) =>
          failed.push({
            plmn: sublist.plmn,
            upsc: ins.upsc,
            failedInstructionOrder: ins.order,
            cause: UE_POLICY_CAUSE_PROTOCOL_ERROR_UNSPECIFIED,
            reason,
          });
        if (ins.error) {
          fail(`malformed: ${ins.error.message}`);
          continue;
        }
        const parts = ins.parts ?? [];
        const unsupported = parts.find((p) => !this.#supported.has(partName(p)));
        if (unsupported) {
          fail(`unsupported UE policy part ${partName(unsupported)}`);
          continue;
        }
        const id = key(sublist.plmn, ins.upsc);
        if (parts.length === 0) {
          if (this.#sections.delete(id)) changed.add(sublist.plmn);
          applied.push({ plmn: sublist.plmn, upsc: ins.upsc, action: "deleted" });
          continue;
        }
        const rules = parts.flatMap((p) => (p.partType === "ursp" ? p.ursp.rules : []));
        const otherParts = parts.flatMap((p) => (p.partType === "ursp" ? [] : [p]));
        const checked = rules.length ? validatePolicy({ rules }) : undefined;
        if (checked && !checked.valid) {
          fail(`invalid URSP: ${checked.errors[0]?.message ?? "?"}`);
          continue;
        }
        const action = this.#sections.has(id) ? "replaced" : "stored";
        this.#sections.set(id, {
          plmn: sublist.plmn,
          upsc: ins.upsc,
          ursp: { rules },
          ...(otherParts.length ? { otherParts } : {}),
          storedAt: now,
        });
        changed.add(sublist.plmn);
        applied.push({ plmn: sublist.plmn, upsc: ins.upsc, action });
      }
    }

    let outcome: UePolicyOutcome;
    let answer: Uint8Array;
    if (failed.length === 0) {
      outcome = { kind: "complete", pti: seen.pti, applied };
      answer = encodeUePolicyMessage({ messageType: "MANAGE_UE_POLICY_COMPLETE", pti: seen.pti });
    } else {
      outcome = { kind: "rejected", pti: seen.pti, applied, failed };
      const byPlmn = new Map<string, UePolicySectionResult[]>();
      for (const f of failed) {
        const list = byPlmn.get(f.plmn) ?? [];
        if (list.length < 255)
          list.push({ upsc: f.upsc, failedInstructionOrder: f.failedInstructionOrder, cause: f.cause });
        byPlmn.set(f.plmn, list);
      }
      answer = encodeUePolicyMessage({
        messageType: "MANAGE_UE_POLICY_COMMAND_REJECT",
        pti: seen.pti,
        results: [...byPlmn].map(([plmn, results]) => ({ plmn, results })),
      });
    }
    this.#answers.delete(seen.pti);
    this.#answers.set(seen.pti, { digest, answer, kind: outcome.kind === "complete" ? "complete" : "rejected" });
    while (this.#answers.size > this.#remember) this.#answers.delete(this.#answers.keys().next().value as number);
    this.#save();
    for (const plmn of changed) for (const listener of [...this.#listeners]) listener(plmn);
    return { outcome, answer };
  }

  #load(path: string): void {
    let doc: Persisted;
    try {
      doc = JSON.parse(readFileSync(path, "utf8")) as Persisted;
      if (doc.version !== 1 || !Array.isArray(doc.sections) || !Array.isArray(doc.answers))
        throw new Error("not version 1");
      for (const s of doc.sections)
        this.#sections.set(key(s.plmn, s.upsc), {
          plmn: s.plmn,
          upsc: s.upsc,
          ursp: s.urspHex ? decodeUrsp(parseHex(s.urspHex) ?? new Uint8Array([0])) : { rules: [] },
          ...(s.otherParts?.length ? { otherParts: s.otherParts } : {}),
          storedAt: s.storedAt,
        });
      for (const a of doc.answers)
        this.#answers.set(a.pti, { digest: a.digest, kind: a.kind, answer: parseHex(a.answerHex) ?? new Uint8Array() });
    } catch (e) {
      throw new UePolicyStoreFileError(`${path} is not a UE policy store: ${(e as Error).message}`);
    }
  }

  #save(): void {
    if (!this.#path) return;
    const doc: Persisted = {
      version: 1,
      sections: this.sections().map((s) => ({
        plmn: s.plmn,
        upsc: s.upsc,
        urspHex: s.ursp.rules.length ? toHex(encodeUrsp(s.ursp)) : "",
        ...(s.otherParts ? { otherParts: s.otherParts } : {}),
        storedAt: s.storedAt,
      })),
      answers: [...this.#answers].map(([pti, a]) => ({
        pti,
        digest: a.digest,
        kind: a.kind,
        answerHex: toHex(a.answer),
      })),
    };
    const tmp = `${this.#path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    renameSync(tmp, this.#path);
  }
}
