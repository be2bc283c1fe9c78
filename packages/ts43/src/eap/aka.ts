import type { AuthenticationVector } from "../aka/auc.js";
import { equalBytes } from "../aka/bytes.js";
import type { SoftUsim } from "../aka/usim.js";
import { type AkaKeys, akaMac, deriveAkaKeys } from "./keys.js";
import {
  AkaAttribute,
  AkaSubtype,
  attr,
  attribute,
  decodeEap,
  EAP_TYPE_AKA,
  EapCode,
  type EapDecodeError,
  type EapPacket,
  encodeAka,
  encodeEapResult,
  fixedValue,
  resValue,
} from "./packet.js";

function verifyMac(packet: EapPacket, kAut: Uint8Array): boolean {
  const a = attribute(packet, AkaAttribute.AT_MAC);
  if (a?.value.length !== 18) return false;
  return equalBytes(akaMac(kAut, packet.raw, a.offset), a.value.subarray(2));
}

/** Builds an EAP-AKA packet with AT_MAC last, computed over the whole packet. */
function withMac(
  code: 1 | 2,
  identifier: number,
  subtype: number,
  attrs: ReturnType<typeof attr.rand>[],
  kAut: Uint8Array,
): Uint8Array {
  const packet = encodeAka(code, identifier, subtype, [...attrs, attr.mac()]);
  const macOffset = packet.length - 20;
  packet.set(akaMac(kAut, packet, macOffset), macOffset + 4);
  return packet;
}

export type PeerOutcome =
  | { kind: "response"; packet: Uint8Array }
  | { kind: "success"; msk: Uint8Array; emsk: Uint8Array }
  | { kind: "failure" };

/**
 * The device side of EAP-AKA over any transport: answers Identity requests with the permanent identity, verifies
 * each Challenge (AUTN with the USIM, then the request's AT_MAC), and answers AT_RES + AT_MAC, a
 * Synchronization-Failure with AT_AUTS, an Authentication-Reject (bad AUTN) or a Client-Error (bad AT_MAC or packet).
 */
export class EapAkaPeer {
  private keys: AkaKeys | undefined;

  constructor(
    private readonly usim: SoftUsim,
    readonly identity: string,
  ) {}

  handle(bytes: Uint8Array): PeerOutcome {
    let p: EapPacket;
    try {
      p = decodeEap(bytes);
    } catch {
      return {
        kind: "response",
        packet: encodeAka(2, bytes[1] ?? 0, AkaSubtype.ClientError, [attr.clientErrorCode(0)]),
      };
    }
    if (p.code === EapCode.Success)
      return this.keys ? { kind: "success", msk: this.keys.msk, emsk: this.keys.emsk } : { kind: "failure" };
    if (p.code === EapCode.Failure || p.code !== EapCode.Request || p.type !== EAP_TYPE_AKA) return { kind: "failure" };
    const clientError = () => ({
      kind: "response" as const,
      packet: encodeAka(2, p.identifier, AkaSubtype.ClientError, [attr.clientErrorCode(0)]),
    });
    switch (p.subtype) {
      case AkaSubtype.Identity:
        return {
          kind: "response",
          packet: encodeAka(2, p.identifier, AkaSubtype.Identity, [attr.identity(this.identity)]),
        };
      case AkaSubtype.Notification:
        return { kind: "response", packet: encodeAka(2, p.identifier, AkaSubtype.Notification) };
      case AkaSubtype.Challenge: {
        let rand: Uint8Array | undefined;
        let autn: Uint8Array | undefined;
        try {
          rand = fixedValue(p, AkaAttribute.AT_RAND, 16);
          autn = fixedValue(p, AkaAttribute.AT_AUTN, 16);
        } catch {
          return clientError();
        }
        if (!rand || !autn || !attribute(p, AkaAttribute.AT_MAC)) return clientError();
        const r = this.usim.authenticate(rand, autn);
        if (r.kind === "mac-failure")
          return { kind: "response", packet: encodeAka(2, p.identifier, AkaSubtype.AuthenticationReject) };
        if (r.kind === "sync-failure")
          return {
            kind: "response",
            packet: encodeAka(2, p.identifier, AkaSubtype.SynchronizationFailure, [attr.auts(r.auts)]),
          };
        const keys = deriveAkaKeys(this.identity, r.ik, r.ck);
        if (!verifyMac(p, keys.kAut)) return clientError();
        this.keys = keys;
        return {
          kind: "response",
          packet: withMac(2, p.identifier, AkaSubtype.Challenge, [attr.res(r.res)], keys.kAut),
        };
      }
      default:
        return clientError();
    }
  }
}

export type ServerOutcome =
  | { kind: "success"; msk: Uint8Array; emsk: Uint8Array; packet: Uint8Array }
  | { kind: "resync"; rand: Uint8Array; auts: Uint8Array }
  | { kind: "failure"; reason: string; packet: Uint8Array }
  | { kind: "malformed"; reason: string; packet: Uint8Array };

/**
 * The network side of one EAP-AKA exchange: sends an AKA-Challenge for a vector, checks the response's AT_MAC and
 * AT_RES against XRES, and reports success (with MSK/EMSK and the EAP-Success packet), a synchronisation failure
 * (the caller resynchronises its SQN from AUTS and calls {@link challenge} with a new vector), or failure.
 */
export class EapAkaServer {
  private identifier = 0;
  private vector: AuthenticationVector | undefined;
  private keys: AkaKeys | undefined;

  constructor(readonly identity: string) {}

  /** The first EAP-Request/AKA-Challenge. */
  start(vector: AuthenticationVector): Uint8Array {
    return this.challenge(vector);
  }

  /** A (new) challenge for `vector`. */
  challenge(vector: AuthenticationVector): Uint8Array {
    this.identifier = (this.identifier + 1) & 0xff;
    this.vector = vector;
    this.keys = deriveAkaKeys(this.identity, vector.ik, vector.ck);
    return withMac(
      1,
      this.identifier,
      AkaSubtype.Challenge,
      [attr.rand(vector.rand), attr.autn(vector.autn)],
      this.keys.kAut,
    );
  }

  handle(bytes: Uint8Array): ServerOutcome {
    const failure = (reason: string): ServerOutcome => ({
      kind: "failure",
      reason,
      packet: encodeEapResult(4, this.identifier),
    });
    let p: EapPacket;
    try {
      p = decodeEap(bytes);
    } catch (err) {
      return {
        kind: "malformed",
        reason: (err as EapDecodeError).message,
        packet: encodeEapResult(4, this.identifier),
      };
    }
    if (!this.vector || !this.keys) return failure("no challenge was sent");
    if (p.code !== EapCode.Response || p.type !== EAP_TYPE_AKA) return failure("not an EAP-AKA response");
    if (p.identifier !== this.identifier)
      return failure(`identifier ${p.identifier} does not match ${this.identifier}`);
    switch (p.subtype) {
      case AkaSubtype.Challenge: {
        let res: Uint8Array | undefined;
        try {
          res = resValue(p);
        } catch (err) {
          return {
            kind: "malformed",
            reason: (err as EapDecodeError).message,
            packet: encodeEapResult(4, this.identifier),
          };
        }
        if (!verifyMac(p, this.keys.kAut)) return failure("AT_MAC does not verify");
        if (!res || !equalBytes(res, this.vector.xres)) return failure("AT_RES does not match XRES");
        return {
          kind: "success",
          msk: this.keys.msk,
          emsk: this.keys.emsk,
          packet: encodeEapResult(3, this.identifier),
        };
      }
      case AkaSubtype.SynchronizationFailure: {
        const a = attribute(p, AkaAttribute.AT_AUTS);
        if (a?.value.length !== 14)
          return {
            kind: "malformed",
            reason: "AT_AUTS missing or not 14 octets",
            packet: encodeEapResult(4, this.identifier),
          };
        return { kind: "resync", rand: this.vector.rand, auts: new Uint8Array(a.value) };
      }
      case AkaSubtype.AuthenticationReject:
        return failure("the peer rejected the network (AUTN did not verify)");
      case AkaSubtype.ClientError:
        return failure("the peer reported a client error");
      default:
        return failure(`unexpected subtype ${p.subtype}`);
    }
  }
}
