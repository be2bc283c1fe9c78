/**
 * Parser fuzzing: the decoders that read bytes or text from the network — EAP/EAP-AKA packets, TS.43 configuration
 * documents (JSON and XML), URSP rules, UE policy messages and DL NAS TRANSPORT — are fed mutations of valid inputs
 * and random inputs. Each input must decode or throw the decoder's typed error; anything else is an uncaught
 * exception. The slowest input of each target is reported (a hang would show there).
 */
import {
  AkaSubtype,
  attr,
  ConfigDocError,
  dataBoostCharacteristic,
  decodeAka,
  decodeEap,
  EapDecodeError,
  encodeAka,
  encodeEapResult,
  parseJsonDocument,
  parseXmlDocument,
  toJsonDocument,
  toXmlDocument,
} from "@carrierkit/ts43";
import {
  androidExamplePolicy,
  decodeDlNasTransport,
  decodeUePolicyMessage,
  decodeUrsp,
  encodeDlNasTransport,
  encodeUePolicyMessage,
  encodeUrsp,
  manageUePolicyCommand,
  UrspDecodeError,
} from "@carrierkit/ursp";
import { prng } from "./money.js";

type Input = Uint8Array | string;

export interface FuzzTarget {
  name: string;
  decode: (input: never) => unknown;
  typedError: (err: unknown) => boolean;
  corpus: Input[];
}

const document = {
  vers: { version: "1", validity: "172800" },
  token: { token: "ASH127AHHA88SF", validity: "3600" },
  apps: {
    ap2010: dataBoostCharacteristic({
      entitlementStatus: 1,
      provStatus: 0,
      serviceFlowUrl: "https://portal.example/boost",
      serviceFlowUserData: "encodedValue=abc",
      serviceFlowContentsType: "json",
    }),
  },
};

/** The decoders under test, each with a corpus of valid inputs to mutate. */
export function fuzzTargets(): FuzzTarget[] {
  const r16 = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
  const eap = [
    encodeAka(1, 1, AkaSubtype.Identity, [attr.permanentIdReq()]),
    encodeAka(2, 1, AkaSubtype.Identity, [attr.identity("0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org")]),
    encodeAka(1, 2, AkaSubtype.Challenge, [attr.rand(r16), attr.autn(r16), attr.mac(), attr.checkcode()]),
    encodeAka(2, 2, AkaSubtype.Challenge, [attr.res(r16.slice(0, 8)), attr.mac(), attr.checkcode()]),
    encodeAka(2, 2, AkaSubtype.SynchronizationFailure, [attr.auts(r16.slice(0, 14))]),
    encodeAka(2, 3, AkaSubtype.ClientError, [attr.clientErrorCode(0)]),
    encodeAka(1, 4, AkaSubtype.Notification, [attr.notification(16384)]),
  ];
  const ursp = [androidExamplePolicy()].map((p) => encodeUrsp(p));
  const nas = [encodeDlNasTransport(manageUePolicyCommand(androidExamplePolicy(), { plmn: "001-01" }))];
  return [
    {
      name: "EAP packet (decodeEap)",
      decode: decodeEap,
      typedError: (e) => e instanceof EapDecodeError,
      corpus: [...eap, encodeEapResult(3, 5), encodeEapResult(4, 6)],
    },
    { name: "EAP-AKA (decodeAka)", decode: decodeAka, typedError: (e) => e instanceof EapDecodeError, corpus: eap },
    {
      name: "TS.43 JSON configuration",
      decode: parseJsonDocument,
      typedError: (e) => e instanceof ConfigDocError,
      corpus: [JSON.stringify(toJsonDocument(document))],
    },
    {
      name: "TS.43 XML configuration",
      decode: parseXmlDocument,
      typedError: (e) => e instanceof ConfigDocError,
      corpus: [toXmlDocument(document)],
    },
    {
      name: "URSP rules (decodeUrsp)",
      decode: decodeUrsp,
      typedError: (e) => e instanceof UrspDecodeError,
      corpus: ursp,
    },
    {
      name: "UE policy message",
      decode: decodeUePolicyMessage,
      typedError: (e) => e instanceof UrspDecodeError,
      corpus: [encodeUePolicyMessage(manageUePolicyCommand(androidExamplePolicy(), { plmn: "001-01" }))],
    },
    {
      name: "DL NAS TRANSPORT",
      decode: decodeDlNasTransport,
      typedError: (e) => e instanceof UrspDecodeError,
      corpus: nas,
    },
  ];
}

const TEXT_ALPHABET = `<>/="' &;!?{}[]:,\\0123456789abcTYPEparm\u0000\u00ff\u{1f600}`;

/** One to four random edits: byte/char replace, bit flip, truncate, insert, delete, blow up a length field. */
export function mutate(base: Input, rnd: () => number): Input {
  if (typeof base === "string") {
    const chars = [...base];
    for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
      const at = Math.floor(rnd() * (chars.length + 1));
      const op = Math.floor(rnd() * 4);
      const c = [...TEXT_ALPHABET][Math.floor(rnd() * [...TEXT_ALPHABET].length)]!;
      if (op === 0) chars.splice(at, 1);
      else if (op === 1) chars.splice(at, 0, c);
      else if (op === 2) chars[Math.min(at, chars.length - 1)] = c;
      else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(rnd() * 40)));
    }
    return chars.join("");
  }
  let b = Uint8Array.from(base);
  for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
    const at = Math.floor(rnd() * (b.length + 1));
    const op = Math.floor(rnd() * 6);
    if (op === 0 && b.length > 0) b[Math.min(at, b.length - 1)] = Math.floor(rnd() * 256);
    else if (op === 1 && b.length > 0) {
      const i = Math.min(at, b.length - 1);
      b[i] = b[i]! ^ (1 << Math.floor(rnd() * 8));
    } else if (op === 2) b = b.slice(0, at);
    else if (op === 3) b = Uint8Array.from([...b.slice(0, at), Math.floor(rnd() * 256), ...b.slice(at)]);
    else if (op === 4) b = Uint8Array.from([...b.slice(0, at), ...b.slice(at + 1)]);
    else if (b.length > 1) b[Math.min(at, b.length - 2)] = 0xff;
  }
  return b;
}

export interface FuzzTally {
  target: string;
  inputs: number;
  decoded: number;
  typedErrors: number;
  /** Exceptions that were not the decoder's typed error, with the first few inputs (hex or JSON) that caused them. */
  uncaught: number;
  examples: string[];
  slowestMs: number;
}

/** Feeds `perTarget` inputs (80% mutations, 20% random) to each target. */
export function runFuzz(perTarget: number, seed = 0x5eed): FuzzTally[] {
  const rnd = prng(seed);
  return fuzzTargets().map((t) => {
    const tally: FuzzTally = {
      target: t.name,
      inputs: 0,
      decoded: 0,
      typedErrors: 0,
      uncaught: 0,
      examples: [],
      slowestMs: 0,
    };
    const textual = typeof t.corpus[0] === "string";
    for (let i = 0; i < perTarget; i++) {
      const input: Input =
        rnd() < 0.8
          ? mutate(t.corpus[Math.floor(rnd() * t.corpus.length)]!, rnd)
          : textual
            ? Array.from({ length: Math.floor(rnd() * 80) }, () => String.fromCharCode(Math.floor(rnd() * 128))).join(
                "",
              )
            : Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
      const started = performance.now();
      try {
        t.decode(input as never);
        tally.decoded++;
      } catch (err) {
        if (t.typedError(err)) tally.typedErrors++;
        else {
          tally.uncaught++;
          if (tally.examples.length < 5)
            tally.examples.push(
              `${typeof input === "string" ? JSON.stringify(input).slice(0, 200) : Buffer.from(input).toString("hex")}: ${String(err)}`,
            );
        }
      }
      tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
      tally.inputs++;
    }
    return tally;
  });
}
