import { describe, expect, it } from "vitest";
import {
  AkaNotification,
  AkaSubtype,
  AuthenticationCentre,
  type AuthenticatorOutcome,
  attr,
  decodeAka,
  decodeEap,
  deriveAkaKeys,
  EapAkaAuthenticator,
  EapAkaPeer,
  EapAkaServer,
  encodeAka,
  fromHex,
  generateVector,
  hex,
  imsiFromPermanentIdentity,
  type PeerOutcome,
  readAka,
  resynchronise,
  SoftUsim,
  signAka,
} from "../src/index.js";

const K = fromHex("465b5ce8b199b49faa5f0a2ee238a6bc");
const OPC = fromHex("cd63cb71954a9f4e48a5994e37a02baf");
const OTHER_K = fromHex("0396eb317b6d1c36f19c1c84cd6ffd16");
const IMSI = "001010000000001";
const ID = `0${IMSI}@nai.epc.mnc001.mcc001.3gppnetwork.org`;
const AMF = fromHex("8000");
const keys = { k: K, opc: OPC };

const rands = () => {
  let n = 0;
  return () => new Uint8Array(16).fill(++n);
};
const network = (sqn = 0n) => {
  const auc = new AuthenticationCentre({ random: rands() });
  auc.addSubscriber({ imsi: IMSI, ...keys, sqn });
  return auc;
};
const device = (options: { sqn?: bigint; k?: Uint8Array } = {}) =>
  new EapAkaPeer(new SoftUsim({ imsi: IMSI, k: options.k ?? K, opc: OPC, sqn: options.sqn ?? 0n }), ID);

function response(o: PeerOutcome): Uint8Array {
  if (o.kind !== "response") throw new Error(`expected a response, got ${o.kind}`);
  return o.packet;
}
function request(o: AuthenticatorOutcome): Uint8Array {
  if (o.kind !== "request") throw new Error(`expected a request, got ${o.kind}: ${JSON.stringify(o)}`);
  return o.packet;
}

/** Runs peer and authenticator against each other until one side ends; returns the last outcomes. */
function run(peer: EapAkaPeer, server: EapAkaAuthenticator, first: AuthenticatorOutcome) {
  let out = first;
  const subtypes: number[] = [];
  for (let round = 0; out.kind === "request" && round < 10; round++) {
    const answer = response(peer.handle(out.packet));
    subtypes.push(decodeAka(answer).subtype);
    out = server.handle(answer);
  }
  return { server: out, peer: peer.handle(out.packet), subtypes };
}

describe("EapAkaAuthenticator ↔ EapAkaPeer", () => {
  it("When the server starts with AKA-Identity, then the peer answers its permanent identity, AT_CHECKCODE matches and both sides share MSK/EMSK", () => {
    const server = new EapAkaAuthenticator({ auc: network() });
    const first = server.start();
    expect(readAka(decodeAka(request(first))).identityRequest).toBe("permanent");
    const { server: end, peer, subtypes } = run(device(), server, first);
    expect(subtypes).toEqual([AkaSubtype.Identity, AkaSubtype.Challenge]);
    expect(end).toMatchObject({ kind: "success", identity: ID, imsi: IMSI });
    if (end.kind !== "success" || peer.kind !== "success") throw new Error("expected success on both sides");
    expect(decodeEap(end.packet).code).toBe(3);
    expect([hex(peer.msk), hex(peer.emsk)]).toEqual([hex(end.msk), hex(end.emsk)]);
    expect(end.msk.length).toBe(64);
  });

  it("When the identity round happened, then the challenge carries a 20-octet AT_CHECKCODE and the response echoes it", () => {
    const server = new EapAkaAuthenticator({ auc: network() });
    const peer = device();
    const challenge = request(server.handle(response(peer.handle(request(server.start())))));
    const answer = response(peer.handle(challenge));
    expect(readAka(decodeAka(challenge)).checkcode?.length).toBe(20);
    expect(hex(readAka(decodeAka(answer)).checkcode!)).toBe(hex(readAka(decodeAka(challenge)).checkcode!));
  });

  it("When the server knows the identity already (TS.43 EAP_ID), then it starts with the challenge and succeeds in one round", () => {
    const authenticator = new EapAkaAuthenticator({ auc: network() });
    const { server, subtypes } = run(device(), authenticator, authenticator.start(ID));
    expect(subtypes).toEqual([AkaSubtype.Challenge]);
    expect(server.kind).toBe("success");
  });

  it("When the USIM's SQN is ahead, then the server resynchronises the AuC and the second challenge succeeds", () => {
    const auc = network();
    const server = new EapAkaAuthenticator({ auc });
    const { server: end, subtypes } = run(device({ sqn: 0x4000n }), server, server.start(ID));
    expect(subtypes).toEqual([AkaSubtype.SynchronizationFailure, AkaSubtype.Challenge]);
    expect(end.kind).toBe("success");
    expect(auc.sqn(IMSI) >> 5n).toBe((0x4000n >> 5n) + 1n);
  });

  it.each([
    ["the USIM has another K", { k: OTHER_K }, {}, "authentication-reject", [AkaSubtype.AuthenticationReject]],
    [
      "no resynchronisation is allowed",
      { sqn: 0x4000n },
      { maxResyncs: 0 },
      "too-many-resyncs",
      [AkaSubtype.SynchronizationFailure],
    ],
  ])("When %s, then the server ends with EAP-Failure", (_, deviceOptions, serverOptions, reason, subtypes) => {
    const server = new EapAkaAuthenticator({ auc: network(), ...serverOptions });
    const { server: end, peer, subtypes: seen } = run(device(deviceOptions), server, server.start(ID));
    expect(end).toMatchObject({ kind: "failure", reason });
    expect(seen).toEqual(subtypes);
    expect(decodeEap(end.packet).code).toBe(4);
    expect(peer.kind).toBe("failure");
  });

  it.each([
    ["a non-permanent identity", "2pseudonym@realm", "unknown-identity"],
    ["an IMSI the AuC does not know", "0999990000000009@nai.epc.mnc099.mcc999.3gppnetwork.org", "unknown-identity"],
  ])("When the server is started for %s, then it fails at once", (_, identity, reason) => {
    expect(new EapAkaAuthenticator({ auc: network() }).start(identity)).toMatchObject({ kind: "failure", reason });
  });

  /** A challenge for ID plus the keys the peer would derive, for forging responses. */
  const forge = () => {
    const auc = network();
    const server = new EapAkaAuthenticator({ auc });
    const challenge = request(server.start(ID));
    const a = readAka(decodeAka(challenge));
    const usim = new SoftUsim({ imsi: IMSI, ...keys });
    const r = usim.authenticate(a.rand!, a.autn!);
    if (r.kind !== "success") throw new Error("expected success");
    return { server, r, kAut: deriveAkaKeys(ID, r.ik, r.ck).kAut, id: decodeEap(challenge).identifier };
  };

  it.each([
    [
      "a wrong RES with a valid AT_MAC",
      "bad-res",
      (f: ReturnType<typeof forge>) =>
        signAka(encodeAka(2, f.id, 1, [attr.res(new Uint8Array(8)), attr.mac()]), f.kAut),
    ],
    [
      "the right RES with a forged AT_MAC",
      "bad-mac",
      (f: ReturnType<typeof forge>) => encodeAka(2, f.id, 1, [attr.res(f.r.res), attr.mac(new Uint8Array(16).fill(1))]),
    ],
    [
      "a response with the wrong identifier",
      "unexpected",
      (f: ReturnType<typeof forge>) => signAka(encodeAka(2, f.id + 1, 1, [attr.res(f.r.res), attr.mac()]), f.kAut),
    ],
    ["an EAP request", "unexpected", (f: ReturnType<typeof forge>) => encodeAka(1, f.id, 1)],
    ["truncated bytes", "malformed", () => fromHex("0201")],
    [
      "a Client-Error",
      "client-error",
      (f: ReturnType<typeof forge>) => encodeAka(2, f.id, AkaSubtype.ClientError, [attr.clientErrorCode(0)]),
    ],
    [
      "a Synchronization-Failure with a forged AUTS",
      "resync-failed",
      (f: ReturnType<typeof forge>) =>
        encodeAka(2, f.id, AkaSubtype.SynchronizationFailure, [attr.auts(new Uint8Array(14))]),
    ],
    [
      "an AKA-Identity response to a challenge",
      "unexpected",
      (f: ReturnType<typeof forge>) => encodeAka(2, f.id, AkaSubtype.Identity, [attr.identity(ID)]),
    ],
  ])("When the server receives %s, then it fails with %s and accepts nothing afterwards", (_, reason, make) => {
    const f = forge();
    expect(f.server.handle(make(f))).toMatchObject({ kind: "failure", reason });
    const good = signAka(encodeAka(2, f.id, 1, [attr.res(f.r.res), attr.mac()]), f.kAut);
    expect(f.server.handle(good)).toMatchObject({ kind: "failure", reason: "unexpected" });
  });

  it("When the forged-response helper answers correctly, then the server does accept it (the negative cases are meaningful)", () => {
    const f = forge();
    expect(f.server.handle(signAka(encodeAka(2, f.id, 1, [attr.res(f.r.res), attr.mac()]), f.kAut)).kind).toBe(
      "success",
    );
  });

  it("When the peer's checkcode is missing after an identity round, then the server fails with bad-checkcode", () => {
    const auc = network();
    const server = new EapAkaAuthenticator({ auc });
    const peer = device();
    const challenge = request(server.handle(response(peer.handle(request(server.start())))));
    const a = readAka(decodeAka(challenge));
    const r = new SoftUsim({ imsi: IMSI, ...keys }).authenticate(a.rand!, a.autn!);
    if (r.kind !== "success") throw new Error("expected success");
    const kAut = deriveAkaKeys(ID, r.ik, r.ck).kAut;
    const answer = signAka(encodeAka(2, decodeEap(challenge).identifier, 1, [attr.res(r.res), attr.mac()]), kAut);
    expect(server.handle(answer)).toMatchObject({ kind: "failure", reason: "bad-checkcode" });
  });

  it.each([
    ["0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org", "001010000000001"],
    ["0310260123456789@nai.epc.mnc260.mcc310.3gppnetwork.org", "310260123456789"],
    ["1001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org", undefined],
    ["0abc@realm", undefined],
  ])("When the identity is %s, then the IMSI is %s", (identity, imsi) => {
    expect(imsiFromPermanentIdentity(identity)).toBe(imsi);
  });
});

describe("EapAkaPeer edge cases", () => {
  const challengeFor = (sqn: bigint, kAutOf = K) => {
    const v = generateVector({ k: kAutOf, opc: OPC }, sqn, AMF, new Uint8Array(16).fill(3));
    const kAut = deriveAkaKeys(ID, v.ik, v.ck).kAut;
    return signAka(encodeAka(1, 7, AkaSubtype.Challenge, [attr.rand(v.rand), attr.autn(v.autn), attr.mac()]), kAut);
  };
  const subtypeOf = (o: PeerOutcome) => decodeAka(response(o)).subtype;

  it("When the challenge's AT_MAC is wrong, then the peer answers Client-Error (AUTN was fine)", () => {
    const c = challengeFor(0x21n);
    c[c.length - 1]! ^= 1;
    expect(subtypeOf(device().handle(c))).toBe(AkaSubtype.ClientError);
  });

  it("When the challenge carries a checkcode although no identity round happened, then the peer answers Client-Error", () => {
    const v = generateVector(keys, 0x21n, AMF, new Uint8Array(16).fill(3));
    const kAut = deriveAkaKeys(ID, v.ik, v.ck).kAut;
    const c = signAka(
      encodeAka(1, 7, 1, [attr.rand(v.rand), attr.autn(v.autn), attr.checkcode(new Uint8Array(20)), attr.mac()]),
      kAut,
    );
    expect(subtypeOf(device().handle(c))).toBe(AkaSubtype.ClientError);
  });

  it("When the same challenge arrives twice, then the peer repeats its response instead of running the USIM again", () => {
    const peer = device();
    const c = challengeFor(0x21n);
    const first = response(peer.handle(c));
    expect(hex(response(peer.handle(c)))).toBe(hex(first));
    expect(decodeAka(first).subtype).toBe(AkaSubtype.Challenge);
  });

  it("When AOSP's captured challenge lacks AT_RAND, then the peer answers Client-Error", () => {
    const noRand = fromHex(
      "0102006817010000020500006b8a4586ade90000b354e13c660833e80b05000094f49ea5de01896acd3d1419720d10d581050000ef3ddf8489a4abebdc08a58864176fb9820900000f454169eca585a3e4e1afbf108fd844901db30348ba29a90e0ecb9f042f8125",
    );
    expect(subtypeOf(device().handle(noRand))).toBe(AkaSubtype.ClientError);
  });

  it.each([
    [
      "an EAP-Request/Identity (type 1)",
      fromHex("01050005" + "01"),
      (p: Uint8Array) => Buffer.from(p.subarray(5)).toString() === ID && p[4] === 1,
    ],
    [
      "an EAP-Request of another method (type 4)",
      fromHex("0105000604" + "00"),
      (p: Uint8Array) => hex(p) === "020500060317",
    ],
    [
      "an AKA-Identity request with AT_ANY_ID_REQ",
      encodeAka(1, 5, AkaSubtype.Identity, [attr.anyIdReq()]),
      (p: Uint8Array) => readAka(decodeAka(p)).identity === ID,
    ],
    [
      "an AKA-Identity request without an identity request attribute",
      encodeAka(1, 5, AkaSubtype.Identity),
      (p: Uint8Array) => decodeAka(p).subtype === AkaSubtype.ClientError,
    ],
    [
      "a pre-challenge notification (P bit set)",
      encodeAka(1, 5, AkaSubtype.Notification, [attr.notification(AkaNotification.GeneralFailure)]),
      (p: Uint8Array) => decodeAka(p).subtype === AkaSubtype.Notification && decodeAka(p).attributes.length === 0,
    ],
    [
      "a post-challenge notification before any challenge",
      encodeAka(1, 5, AkaSubtype.Notification, [attr.notification(AkaNotification.Success), attr.mac()]),
      (p: Uint8Array) => decodeAka(p).subtype === AkaSubtype.ClientError,
    ],
    [
      "a re-authentication request",
      encodeAka(1, 5, AkaSubtype.Reauthentication),
      (p: Uint8Array) => decodeAka(p).subtype === AkaSubtype.ClientError,
    ],
    ["garbage", fromHex("01020003"), (p: Uint8Array) => decodeAka(p).subtype === AkaSubtype.ClientError],
  ])("When the peer gets %s, then it answers appropriately", (_, bytes, check) => {
    const packet = response(device().handle(bytes));
    expect(packet[0]).toBe(2);
    expect(check(packet)).toBe(true);
  });

  it("When a MAC-protected success notification follows the challenge, then the peer answers with AT_MAC and then accepts EAP-Success", () => {
    const peer = device();
    const v = generateVector(keys, 0x21n, AMF, new Uint8Array(16).fill(3));
    const kAut = deriveAkaKeys(ID, v.ik, v.ck).kAut;
    response(peer.handle(signAka(encodeAka(1, 7, 1, [attr.rand(v.rand), attr.autn(v.autn), attr.mac()]), kAut)));
    const note = signAka(
      encodeAka(1, 8, AkaSubtype.Notification, [attr.notification(AkaNotification.Success), attr.mac()]),
      kAut,
    );
    const answer = response(peer.handle(note));
    expect(readAka(decodeAka(answer)).mac).toBeDefined();
    expect(peer.handle(fromHex("03080004")).kind).toBe("success");
  });

  it.each([
    ["EAP-Success before any challenge", fromHex("03010004")],
    ["EAP-Failure", fromHex("04010004")],
    ["an EAP-Response", encodeAka(2, 1, AkaSubtype.Challenge)],
  ])("When the peer gets %s, then the outcome is failure", (_, bytes) => {
    expect(device().handle(bytes)).toEqual({ kind: "failure" });
  });
});

describe("EapAkaServer (caller-driven vectors)", () => {
  it("When the peer's SQN is ahead, then the server reports resync, the caller recovers SQN_MS and the next challenge succeeds", () => {
    const peer = device({ sqn: 0x1000n });
    const server = new EapAkaServer(ID);
    const first = response(peer.handle(server.start(generateVector(keys, 0x20n, AMF))));
    const resync = server.handle(first);
    if (resync.kind !== "resync") throw new Error(`expected resync, got ${resync.kind}`);
    const sqnMs = resynchronise(keys, resync.rand, resync.auts);
    expect(sqnMs).toBe(0x1000n);
    const outcome = server.handle(response(peer.handle(server.challenge(generateVector(keys, sqnMs + 32n, AMF)))));
    expect(outcome.kind).toBe("success");
    if (outcome.kind !== "success") return;
    const done = peer.handle(outcome.packet);
    expect(done.kind === "success" && hex(done.msk)).toBe(hex(outcome.msk));
  });

  it.each([
    ["truncated bytes", fromHex("0201"), "malformed"],
    ["a wrong identifier", encodeAka(2, 9, AkaSubtype.Challenge, [attr.mac()]), "failure"],
    ["an EAP request", encodeAka(1, 1, AkaSubtype.Challenge), "failure"],
    [
      "a forged MAC",
      encodeAka(2, 1, AkaSubtype.Challenge, [attr.res(new Uint8Array(8)), attr.mac(new Uint8Array(16).fill(1))]),
      "failure",
    ],
    ["an Authentication-Reject", encodeAka(2, 1, AkaSubtype.AuthenticationReject), "failure"],
  ])("When the server receives %s, then it answers %s with EAP-Failure", (_, bytes, kind) => {
    const server = new EapAkaServer(ID);
    server.start(generateVector(keys, 32n, AMF));
    const outcome = server.handle(bytes);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === "failure" || outcome.kind === "malformed") expect(outcome.packet[0]).toBe(4);
  });
});

describe("EapAkaServer snapshot and restore (another process continues the exchange)", () => {
  const viaJson = (server: EapAkaServer) => EapAkaServer.restore(JSON.parse(JSON.stringify(server.snapshot())));

  it("When each round is handled by a server restored from the previous round's snapshot, then resync and success work and the MSK matches the peer's", () => {
    const peer = device({ sqn: 0x1000n });
    const a = new EapAkaServer(ID);
    const first = response(peer.handle(a.start(generateVector(keys, 0x20n, AMF))));
    const b = viaJson(a);
    const resync = b.handle(first);
    if (resync.kind !== "resync") throw new Error(`expected resync, got ${resync.kind}`);
    const sqnMs = resynchronise(keys, resync.rand, resync.auts);
    const second = response(peer.handle(b.challenge(generateVector(keys, sqnMs + 32n, AMF))));
    const c = viaJson(b);
    expect(c.snapshot()).toEqual(b.snapshot());
    const outcome = c.handle(second);
    if (outcome.kind !== "success") throw new Error(`expected success, got ${outcome.kind}`);
    expect(outcome.packet[1]).toBe(2);
    const done = peer.handle(outcome.packet);
    expect(done.kind === "success" && hex(done.msk)).toBe(hex(outcome.msk));
  });

  it("When a restored server gets a response signed for another challenge, then it fails the exchange", () => {
    const peer = device();
    const a = new EapAkaServer(ID);
    a.start(generateVector(keys, 0x20n, AMF));
    const other = new EapAkaServer(ID);
    const answer = response(peer.handle(other.start(generateVector(keys, 0x40n, AMF))));
    expect(viaJson(a).handle(answer).kind).toBe("failure");
  });

  it("When a server that sent no challenge yet is restored, then a response is refused as failure", () => {
    const restored = viaJson(new EapAkaServer(ID));
    expect(restored.snapshot()).toEqual({ identity: ID, identifier: 0, vector: undefined });
    expect(restored.handle(encodeAka(2, 0, AkaSubtype.Challenge, [attr.mac()])).kind).toBe("failure");
  });

  it.each([
    ["no identity", { identifier: 1 }],
    ["an identifier above 255", { identity: ID, identifier: 256 }],
    ["a short RAND", { identity: ID, identifier: 1, vector: { rand: "00", autn: "", xres: "", ck: "", ik: "" } }],
    [
      "an XRES of 2 octets",
      {
        identity: ID,
        identifier: 1,
        vector: {
          rand: "00".repeat(16),
          autn: "00".repeat(16),
          xres: "0000",
          ck: "00".repeat(16),
          ik: "00".repeat(16),
        },
      },
    ],
    [
      "non-hex CK",
      {
        identity: ID,
        identifier: 1,
        vector: { rand: "00".repeat(16), autn: "00".repeat(16), xres: "00".repeat(8), ck: "zz", ik: "00".repeat(16) },
      },
    ],
  ])("When the stored state has %s, then restore throws instead of building a server", (_, state) => {
    expect(() => EapAkaServer.restore(state as never)).toThrow();
  });
});
