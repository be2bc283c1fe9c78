import { type AuthenticationVector, ResyncError } from "../aka/auc.js";
import { equalBytes, fromHex, hex } from "../aka/bytes.js";
import type { SoftUsim } from "../aka/usim.js";
import { type AkaKeys, checkcode, deriveAkaKeys, signAka, verifyAkaMac } from "./keys.js";
import {
  AkaClientError,
  AkaSubtype,
  type AttributeInput,
  attr,
  EAP_TYPE_AKA,
  EapCode,
  type EapPacket,
  encodeAka,
  encodeEapResult,
  readAka,
  tryDecodeEap,
} from "./packet.js";

/** EAP type 1 (Identity) and 3 (Nak) of RFC 3748, which an EAP-AKA peer may meet before the method starts. */
const EAP_TYPE_IDENTITY = 1;
const EAP_TYPE_NAK = 3;

/** Builds an EAP-AKA packet with AT_MAC last and signs it with K_aut. */
function signed(code: 1 | 2, identifier: number, subtype: number, attrs: AttributeInput[], kAut: Uint8Array) {
  return signAka(encodeAka(code, identifier, subtype, [...attrs, attr.mac()]), kAut);
}

/** `0<IMSI>@…` (permanent EAP-AKA identity, TS 23.003 §19.3.2) → IMSI; undefined for other identities. */
export function imsiFromPermanentIdentity(identity: string): string | undefined {
  return /^0(\d{5,15})(@|$)/.exec(identity)?.[1];
}

export type PeerOutcome =
  | { kind: "response"; packet: Uint8Array }
  | { kind: "success"; msk: Uint8Array; emsk: Uint8Array }
  | { kind: "failure" };

/**
 * The device side of EAP-AKA over any transport (RFC 4187 §6): feed it each EAP packet from the network.
 * It answers EAP-Request/Identity and AKA-Identity with the permanent identity, runs AKA-Challenge through the
 * USIM (AUTN first, then the request's AT_MAC with the derived K_aut, then AT_CHECKCODE if present) and answers
 * AT_RES + AT_MAC, Synchronization-Failure with AT_AUTS, Authentication-Reject (AUTN did not verify) or
 * Client-Error (bad AT_MAC, bad checkcode, malformed or unsupported request). A repeated request gets the same
 * response (RFC 3748 §4.1 retransmission); other EAP methods get a Nak proposing EAP-AKA.
 */
export class EapAkaPeer {
  private keys: AkaKeys | undefined;
  private authenticated = false;
  private identityMessages: Uint8Array[] = [];
  private last: { request: Uint8Array; response: Uint8Array } | undefined;

  constructor(
    private readonly usim: SoftUsim,
    readonly identity: string,
  ) {}

  handle(bytes: Uint8Array): PeerOutcome {
    if (this.last && equalBytes(this.last.request, bytes)) return { kind: "response", packet: this.last.response };
    const outcome = this.answer(bytes);
    if (outcome.kind === "response") this.last = { request: new Uint8Array(bytes), response: outcome.packet };
    return outcome;
  }

  private answer(bytes: Uint8Array): PeerOutcome {
    const decoded = tryDecodeEap(bytes);
    if (!decoded.ok) return this.clientError(bytes[1] ?? 0);
    const p = decoded.packet;
    if (p.code === EapCode.Success)
      return this.authenticated && this.keys
        ? { kind: "success", msk: this.keys.msk, emsk: this.keys.emsk }
        : { kind: "failure" };
    if (p.code !== EapCode.Request) return { kind: "failure" };
    if (p.type === EAP_TYPE_IDENTITY) {
      const id = Buffer.from(this.identity, "utf8");
      const packet = new Uint8Array(5 + id.length);
      packet.set([EapCode.Response, p.identifier, packet.length >> 8, packet.length & 0xff, EAP_TYPE_IDENTITY]);
      packet.set(id, 5);
      return { kind: "response", packet };
    }
    if (p.type !== EAP_TYPE_AKA)
      return {
        kind: "response",
        packet: new Uint8Array([EapCode.Response, p.identifier, 0, 6, EAP_TYPE_NAK, EAP_TYPE_AKA]),
      };
    switch (p.subtype) {
      case AkaSubtype.Identity:
        return this.identityResponse(p);
      case AkaSubtype.Challenge:
        return this.challengeResponse(p);
      case AkaSubtype.Notification:
        return this.notificationResponse(p);
      default:
        return this.clientError(p.identifier);
    }
  }

  private clientError(identifier: number): PeerOutcome {
    return {
      kind: "response",
      packet: encodeAka(2, identifier, AkaSubtype.ClientError, [attr.clientErrorCode(AkaClientError.UnableToProcess)]),
    };
  }

  private identityResponse(p: EapPacket): PeerOutcome {
    if (!readAka(p).identityRequest) return this.clientError(p.identifier);
    const packet = encodeAka(2, p.identifier, AkaSubtype.Identity, [attr.identity(this.identity)]);
    this.identityMessages.push(new Uint8Array(p.raw), packet);
    return { kind: "response", packet };
  }

  private challengeResponse(p: EapPacket): PeerOutcome {
    const a = readAka(p);
    if (!a.rand || !a.autn || !a.mac) return this.clientError(p.identifier);
    const r = this.usim.authenticate(a.rand, a.autn);
    if (r.kind === "mac-failure")
      return { kind: "response", packet: encodeAka(2, p.identifier, AkaSubtype.AuthenticationReject) };
    if (r.kind === "sync-failure")
      return {
        kind: "response",
        packet: encodeAka(2, p.identifier, AkaSubtype.SynchronizationFailure, [attr.auts(r.auts)]),
      };
    const keys = deriveAkaKeys(this.identity, r.ik, r.ck);
    if (!verifyAkaMac(p.raw, keys.kAut)) return this.clientError(p.identifier);
    const mine = checkcode(this.identityMessages);
    if (a.checkcode && !equalBytes(a.checkcode, mine)) return this.clientError(p.identifier);
    this.keys = keys;
    this.authenticated = true;
    const attrs = [attr.res(r.res)];
    if (a.checkcode) attrs.push(attr.checkcode(mine.length ? mine : undefined));
    return { kind: "response", packet: signed(2, p.identifier, AkaSubtype.Challenge, attrs, keys.kAut) };
  }

  /** RFC 4187 §6.1: notifications after the challenge (P bit clear) are MAC-protected both ways. */
  private notificationResponse(p: EapPacket): PeerOutcome {
    const code = readAka(p).notification;
    if (code === undefined) return this.clientError(p.identifier);
    const afterChallenge = (code & 0x4000) === 0;
    if (!afterChallenge) return { kind: "response", packet: encodeAka(2, p.identifier, AkaSubtype.Notification) };
    if (!this.keys || !verifyAkaMac(p.raw, this.keys.kAut)) return this.clientError(p.identifier);
    if ((code & 0x8000) === 0) this.authenticated = false;
    return { kind: "response", packet: signed(2, p.identifier, AkaSubtype.Notification, [], this.keys.kAut) };
  }
}

/** The serialisable state of an {@link EapAkaServer} (see {@link EapAkaServer.snapshot}); byte strings are hex. */
export interface EapAkaServerState {
  identity: string;
  /** Identifier of the last EAP-Request sent (0: none yet). */
  identifier: number;
  /** The vector of the challenge in progress. */
  vector?: { rand: string; autn: string; xres: string; ck: string; ik: string };
}

export type ServerOutcome =
  | { kind: "success"; msk: Uint8Array; emsk: Uint8Array; packet: Uint8Array }
  | { kind: "resync"; rand: Uint8Array; auts: Uint8Array }
  | { kind: "failure"; reason: string; packet: Uint8Array }
  | { kind: "malformed"; reason: string; packet: Uint8Array };

/**
 * The network side of one EAP-AKA exchange, driven by the caller's vectors (for asynchronous HSS stores): sends
 * an AKA-Challenge for a vector, checks the response's AT_MAC and AT_RES against XRES, and reports success (with
 * MSK/EMSK and the EAP-Success packet), a synchronisation failure (the caller resynchronises its SQN from AUTS and
 * calls {@link challenge} with a new vector), or failure. {@link EapAkaAuthenticator} runs the whole exchange
 * itself against an AuC.
 */
export class EapAkaServer {
  private identifier = 0;
  private vector: AuthenticationVector | undefined;
  private keys: AkaKeys | undefined;

  constructor(readonly identity: string) {}

  /**
   * The exchange's state as plain JSON (identity, last EAP identifier, the challenge's RAND/AUTN/XRES/CK/IK in hex),
   * so another process can continue it with {@link EapAkaServer.restore}. The keys (K_aut, MSK …) are not part of it:
   * they are derived again from the identity, CK and IK. It holds CK/IK/XRES: store it where the subscriber keys are.
   */
  snapshot(): EapAkaServerState {
    const v = this.vector;
    return {
      identity: this.identity,
      identifier: this.identifier,
      vector: v ? { rand: hex(v.rand), autn: hex(v.autn), xres: hex(v.xres), ck: hex(v.ck), ik: hex(v.ik) } : undefined,
    };
  }

  /** Continues an exchange from a {@link snapshot}; a state that is not well formed throws a TypeError/RangeError. */
  static restore(state: EapAkaServerState): EapAkaServer {
    if (typeof state?.identity !== "string") throw new TypeError("EAP-AKA state without an identity");
    if (!Number.isInteger(state.identifier) || state.identifier < 0 || state.identifier > 255)
      throw new RangeError(`EAP-AKA state with identifier ${String(state.identifier)}`);
    const server = new EapAkaServer(state.identity);
    server.identifier = state.identifier;
    if (state.vector) {
      const v = state.vector;
      server.vector = {
        rand: fromHex(v.rand, 16),
        autn: fromHex(v.autn, 16),
        xres: fromHex(v.xres),
        ck: fromHex(v.ck, 16),
        ik: fromHex(v.ik, 16),
      };
      if (server.vector.xres.length < 4 || server.vector.xres.length > 16)
        throw new RangeError(`XRES of ${server.vector.xres.length} octets`);
      server.keys = deriveAkaKeys(state.identity, server.vector.ik, server.vector.ck);
    }
    return server;
  }

  /** The first EAP-Request/AKA-Challenge. */
  start(vector: AuthenticationVector): Uint8Array {
    return this.challenge(vector);
  }

  /** A (new) challenge for `vector`. */
  challenge(vector: AuthenticationVector): Uint8Array {
    this.identifier = (this.identifier + 1) & 0xff;
    this.vector = vector;
    this.keys = deriveAkaKeys(this.identity, vector.ik, vector.ck);
    return signed(
      1,
      this.identifier,
      AkaSubtype.Challenge,
      [attr.rand(vector.rand), attr.autn(vector.autn)],
      this.keys.kAut,
    );
  }

  handle(bytes: Uint8Array): ServerOutcome {
    const eapFailure = encodeEapResult(4, this.identifier);
    const decoded = tryDecodeEap(bytes);
    if (!decoded.ok) return { kind: "malformed", reason: decoded.error.message, packet: eapFailure };
    const p = decoded.packet;
    const failure = (reason: string): ServerOutcome => ({ kind: "failure", reason, packet: eapFailure });
    if (!this.vector || !this.keys) return failure("no challenge was sent");
    if (p.code !== EapCode.Response || p.type !== EAP_TYPE_AKA) return failure("not an EAP-AKA response");
    if (p.identifier !== this.identifier)
      return failure(`identifier ${p.identifier} does not match ${this.identifier}`);
    const a = readAka(p);
    switch (p.subtype) {
      case AkaSubtype.Challenge: {
        if (!verifyAkaMac(p.raw, this.keys.kAut)) return failure("AT_MAC does not verify");
        if (!a.res || !equalBytes(a.res, this.vector.xres)) return failure("AT_RES does not match XRES");
        return {
          kind: "success",
          msk: this.keys.msk,
          emsk: this.keys.emsk,
          packet: encodeEapResult(3, this.identifier),
        };
      }
      case AkaSubtype.SynchronizationFailure:
        if (!a.auts) return { kind: "malformed", reason: "AT_AUTS missing", packet: eapFailure };
        return { kind: "resync", rand: this.vector.rand, auts: a.auts };
      case AkaSubtype.AuthenticationReject:
        return failure("the peer rejected the network (AUTN did not verify)");
      case AkaSubtype.ClientError:
        return failure("the peer reported a client error");
      default:
        return failure(`unexpected subtype ${p.subtype}`);
    }
  }
}

/** Where {@link EapAkaAuthenticator} gets vectors and resynchronises (an {@link AuthenticationCentre} fits). */
export interface AkaVectorSource {
  /** A fresh vector for the IMSI; throws for an unknown subscriber. */
  vector(imsi: string): AuthenticationVector;
  /** Verifies AUTS and moves the subscriber's SQN; throws {@link ResyncError} if AUTS does not verify. */
  resynchronise(imsi: string, rand: Uint8Array, auts: Uint8Array): unknown;
}

export interface AuthenticatorOptions {
  auc: AkaVectorSource;
  /** Identity → IMSI (default: the permanent identity `0<IMSI>@…`); undefined refuses the identity. */
  imsiOf?: (identity: string) => string | undefined;
  /** Synchronisation failures handled before giving up (default 2). */
  maxResyncs?: number;
  /** Identifier of the first request (default 1); later requests count up modulo 256. */
  firstIdentifier?: number;
}

export type AuthenticatorFailure =
  | "malformed"
  | "unexpected"
  | "unknown-identity"
  | "authentication-reject"
  | "client-error"
  | "bad-mac"
  | "bad-res"
  | "bad-checkcode"
  | "resync-failed"
  | "too-many-resyncs";

export type AuthenticatorOutcome =
  /** Send `packet` (an EAP-Request) to the peer and feed its answer to {@link EapAkaAuthenticator.handle}. */
  | { kind: "request"; packet: Uint8Array }
  /** Send the EAP-Success `packet`; MSK/EMSK are the session keys. */
  | { kind: "success"; packet: Uint8Array; msk: Uint8Array; emsk: Uint8Array; identity: string; imsi: string }
  /** Send the EAP-Failure `packet`. */
  | { kind: "failure"; packet: Uint8Array; reason: AuthenticatorFailure; detail: string };

type AuthState =
  | { phase: "identity" }
  | {
      phase: "challenge";
      identity: string;
      imsi: string;
      vector: AuthenticationVector;
      keys: AkaKeys;
      checkcode: Uint8Array | undefined;
    }
  | { phase: "done" };

/**
 * The EAP server (authenticator) side of a whole EAP-AKA exchange over any transport (RFC 4187 §6–9): starts with
 * an AKA-Identity request (AT_PERMANENT_ID_REQ) or, for an identity already known (TS.43's `EAP_ID`), directly with a
 * Challenge; verifies AT_MAC, AT_RES and AT_CHECKCODE; on Synchronization-Failure resynchronises the AuC from AUTS
 * and sends a new Challenge; ends with EAP-Success (MSK, EMSK) or EAP-Failure.
 */
export class EapAkaAuthenticator {
  private identifier: number;
  private state: AuthState = { phase: "identity" };
  private identityMessages: Uint8Array[] = [];
  private resyncs = 0;
  private readonly imsiOf: (identity: string) => string | undefined;
  private readonly maxResyncs: number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.identifier = ((options.firstIdentifier ?? 1) - 1) & 0xff;
    this.imsiOf = options.imsiOf ?? imsiFromPermanentIdentity;
    this.maxResyncs = options.maxResyncs ?? 2;
  }

  /** The first request: a Challenge for `identity` if given, else an AKA-Identity request. */
  start(identity?: string): AuthenticatorOutcome {
    if (identity === undefined) {
      const packet = encodeAka(1, this.nextIdentifier(), AkaSubtype.Identity, [attr.permanentIdReq()]);
      this.identityMessages.push(packet);
      return { kind: "request", packet };
    }
    return this.challenge(identity);
  }

  handle(bytes: Uint8Array): AuthenticatorOutcome {
    const s = this.state;
    if (s.phase === "done") return this.fail("unexpected", "the exchange has ended");
    const decoded = tryDecodeEap(bytes);
    if (!decoded.ok) return this.fail("malformed", decoded.error.message);
    const p = decoded.packet;
    if (p.code !== EapCode.Response) return this.fail("unexpected", `EAP code ${p.code} is not a response`);
    if (p.identifier !== this.identifier)
      return this.fail("unexpected", `identifier ${p.identifier} does not match ${this.identifier}`);
    if (p.type !== EAP_TYPE_AKA) return this.fail("unexpected", `EAP type ${p.type} is not EAP-AKA`);
    const a = readAka(p);
    if (p.subtype === AkaSubtype.ClientError)
      return this.fail("client-error", `client error code ${a.clientErrorCode ?? "missing"}`);
    if (s.phase === "identity") {
      if (p.subtype !== AkaSubtype.Identity || a.identity === undefined)
        return this.fail("unexpected", "expected AKA-Identity with AT_IDENTITY");
      this.identityMessages.push(new Uint8Array(p.raw));
      return this.challenge(a.identity);
    }
    switch (p.subtype) {
      case AkaSubtype.Challenge: {
        if (!verifyAkaMac(p.raw, s.keys.kAut)) return this.fail("bad-mac", "AT_MAC does not verify");
        if (!a.res || !equalBytes(a.res, s.vector.xres)) return this.fail("bad-res", "AT_RES does not match XRES");
        if (s.checkcode && (!a.checkcode || !equalBytes(a.checkcode, s.checkcode)))
          return this.fail("bad-checkcode", "AT_CHECKCODE does not match the identity round");
        this.state = { phase: "done" };
        return {
          kind: "success",
          packet: encodeEapResult(3, this.identifier),
          msk: s.keys.msk,
          emsk: s.keys.emsk,
          identity: s.identity,
          imsi: s.imsi,
        };
      }
      case AkaSubtype.SynchronizationFailure: {
        if (!a.auts) return this.fail("malformed", "Synchronization-Failure without AT_AUTS");
        if (this.resyncs >= this.maxResyncs)
          return this.fail("too-many-resyncs", `gave up after ${this.resyncs} resynchronisations`);
        this.resyncs += 1;
        try {
          this.options.auc.resynchronise(s.imsi, s.vector.rand, a.auts);
        } catch (err) {
          if (err instanceof ResyncError) return this.fail("resync-failed", err.message);
          throw err;
        }
        return this.challenge(s.identity);
      }
      case AkaSubtype.AuthenticationReject:
        return this.fail("authentication-reject", "the peer could not authenticate the network (AUTN)");
      default:
        return this.fail("unexpected", `unexpected subtype ${p.subtype}`);
    }
  }

  private nextIdentifier(): number {
    this.identifier = (this.identifier + 1) & 0xff;
    return this.identifier;
  }

  private challenge(identity: string): AuthenticatorOutcome {
    const imsi = this.imsiOf(identity);
    if (imsi === undefined) return this.fail("unknown-identity", `identity ${identity} is not a permanent identity`);
    let vector: AuthenticationVector;
    try {
      vector = this.options.auc.vector(imsi);
    } catch (err) {
      return this.fail("unknown-identity", err instanceof Error ? err.message : String(err));
    }
    const keys = deriveAkaKeys(identity, vector.ik, vector.ck);
    const check = this.identityMessages.length ? checkcode(this.identityMessages) : undefined;
    const attrs = [attr.rand(vector.rand), attr.autn(vector.autn)];
    if (check) attrs.push(attr.checkcode(check));
    const packet = signed(1, this.nextIdentifier(), AkaSubtype.Challenge, attrs, keys.kAut);
    this.state = { phase: "challenge", identity, imsi, vector, keys, checkcode: check };
    return { kind: "request", packet };
  }

  private fail(reason: AuthenticatorFailure, detail: string): AuthenticatorOutcome {
    this.state = { phase: "done" };
    return { kind: "failure", packet: encodeEapResult(4, this.identifier), reason, detail };
  }
}
