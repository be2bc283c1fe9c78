// ES9+ stand-in (LPA → SM-DP+): sessions by transaction id, eUICC signatures verified against the key registered
// for the EID, profile eligibility checks in SGP.22's order, the confirmation-code hash, and the bound profile package.

import type { KeyObject } from "node:crypto";
import {
  type AuthenticateClientRequest,
  type AuthenticateClientResponse,
  type CancelSessionReason,
  type CancelSessionRequest,
  executed,
  failed,
  type GetBoundProfilePackageRequest,
  type GetBoundProfilePackageResponse,
  type HandleNotificationRequest,
  type HeaderOnlyResponse,
  type InitiateAuthenticationRequest,
  type InitiateAuthenticationResponse,
  type ResponseHeader,
  type Sgp22Code,
} from "@carrierkit/es2plus";
import {
  hashedConfirmationCode,
  randomBase64,
  randomTransactionId,
  sha256,
  signStructure,
  verifyStructure,
} from "./crypto.js";
import type { Es2plusContext } from "./es2plus.js";
import { applyScheduledRelease } from "./es2plus.js";
import type { SmdpFaults } from "./faults.js";
import type { SmdpProfile } from "./state.js";

interface Session {
  transactionId: string;
  createdAt: number;
  serverChallenge: string;
  stage: "initiated" | "authenticated" | "downloaded";
  eid?: string;
  euiccKey?: string;
  iccid?: string;
}

export interface Es9plusContext extends Es2plusContext {
  sessions: Map<string, Session>;
  sessionTtlMs: number;
  maxDownloadAttempts: number;
  maxConfirmationCodeAttempts: number;
  acceptUnregisteredEuiccs: boolean;
  signingKey: KeyObject;
  certificate: string;
  faults: SmdpFaults;
  /** Reports a notification point to the operator (HandleDownloadProgressInfo). */
  progress(p: SmdpProfile, point: 1 | 2 | 3 | 4, header: ResponseHeader): void;
}

function session(ctx: Es9plusContext, transactionId: string): Session | undefined {
  const s = ctx.sessions.get(transactionId);
  if (s && ctx.now() - s.createdAt > ctx.sessionTtlMs) {
    ctx.sessions.delete(transactionId);
    return undefined;
  }
  return s;
}

const unknownTransaction = (id: string) => ({
  header: failed("transactionIdUnknown", "Unknown or expired transaction id.", id),
});

export function initiateAuthentication(
  ctx: Es9plusContext,
  body: InitiateAuthenticationRequest,
): InitiateAuthenticationResponse {
  if (body.smdpAddress.toLowerCase() !== ctx.address().toLowerCase())
    return { header: failed("smdpAddressRefused", `This SM-DP+ is ${ctx.address()}.`, body.smdpAddress) };
  if (!/^2\./.test(body.euiccInfo1.svn))
    return { header: failed("svnUnsupported", `SGP.22 ${body.euiccInfo1.svn} is not supported (2.x is).`) };
  const transactionId = randomTransactionId();
  const serverSigned1 = {
    transactionId,
    euiccChallenge: body.euiccChallenge,
    serverAddress: ctx.address(),
    serverChallenge: randomBase64(16),
  };
  ctx.sessions.set(transactionId, {
    transactionId,
    createdAt: ctx.now(),
    serverChallenge: serverSigned1.serverChallenge,
    stage: "initiated",
  });
  const bad = ctx.faults.take("badServerSignature", "initiateAuthentication");
  const serverSignature1 = signStructure(ctx.signingKey, bad ? { ...serverSigned1, tampered: true } : serverSigned1);
  return { header: executed(), transactionId, serverSigned1, serverSignature1, serverCertificate: ctx.certificate };
}

function eligibility(ctx: Es9plusContext, p: SmdpProfile, eid: string, rats: string[]): Sgp22Code | undefined {
  applyScheduledRelease(p, ctx.now());
  if (p.state === "Downloaded" || p.state === "Installed" || p.state === "Error") return "iccidInUse";
  if (p.eid && p.eid !== eid) return "eidRefused";
  if (p.state !== "Released") return "profileNotReleased";
  if (p.downloadAttempts >= ctx.maxDownloadAttempts) return "downloadRetriesExceeded";
  if (p.ccAttempts >= ctx.maxConfirmationCodeAttempts) return "confirmationCodeRetriesExceeded";
  if (p.requiredRats.length > 0 && !p.requiredRats.some((r) => rats.includes(r))) return "noEligibleProfile";
  return undefined;
}

export function authenticateClient(ctx: Es9plusContext, body: AuthenticateClientRequest): AuthenticateClientResponse {
  const s = session(ctx, body.transactionId);
  if (s?.stage !== "initiated" || body.euiccSigned1.transactionId !== body.transactionId)
    return unknownTransaction(body.transactionId);
  const { eid, publicKey } = body.euiccCertificate;
  const registered = ctx.store.euiccKey(eid);
  if ((registered && registered !== publicKey) || (!registered && !ctx.acceptUnregisteredEuiccs))
    return { header: failed("euiccCertificateInvalid", "Not the key registered for this EID.", eid) };
  if (
    body.euiccSigned1.serverChallenge !== s.serverChallenge ||
    body.euiccSigned1.serverAddress !== ctx.address() ||
    !verifyStructure(publicKey, body.euiccSigned1, body.euiccSignature1)
  )
    return { header: failed("euiccSignatureInvalid", "The eUICC signature does not verify.", eid) };
  if (!registered) ctx.store.registerEuicc(eid, publicKey);
  const matchingId = body.euiccSigned1.ctxParams1.matchingId ?? "";
  let p: SmdpProfile | undefined;
  if (matchingId) {
    p = ctx.store.byMatchingId(matchingId);
    if (!p) return { header: failed("matchingIdRefused", "Unknown matching id.", matchingId) };
  } else {
    // Download by EID: the orders linked to this EID without a matching id that are still pending.
    const done = new Set(["Downloaded", "Installed", "Error", "Available", "Unavailable"]);
    const linked = ctx.store.all().filter((x) => x.eid === eid && !x.matchingId && !done.has(x.state));
    for (const x of linked) applyScheduledRelease(x, ctx.now());
    p = linked.find((x) => x.state === "Released") ?? linked[0];
    if (!p) return { header: failed("eidUnknown", "No download order for this EID.", eid) };
  }
  const refused = eligibility(ctx, p, eid, body.euiccSigned1.ctxParams1.deviceInfo.rats);
  if (refused) {
    const header = failed(refused, `Profile ${p.iccid} cannot be downloaded (${refused}).`, p.iccid);
    if (refused !== "eidRefused") ctx.progress(p, 1, header);
    ctx.sessions.delete(s.transactionId);
    return { header };
  }
  p.downloadAttempts++;
  p.eid = eid;
  ctx.store.save();
  Object.assign(s, { stage: "authenticated", eid, euiccKey: publicKey, iccid: p.iccid });
  ctx.progress(p, 1, executed());
  const smdpSigned2 = { transactionId: s.transactionId, ccRequiredFlag: p.ccDigest !== undefined };
  return {
    header: executed(),
    transactionId: s.transactionId,
    profileMetadata: {
      iccid: p.iccid,
      serviceProviderName: p.serviceProviderName,
      profileName: p.profileName,
      profileClass: p.profileClass,
      ...(p.pprIds.length ? { pprIds: p.pprIds } : {}),
    },
    smdpSigned2,
    smdpSignature2: signStructure(ctx.signingKey, smdpSigned2),
  };
}

export function getBoundProfilePackage(
  ctx: Es9plusContext,
  body: GetBoundProfilePackageRequest,
): GetBoundProfilePackageResponse {
  const s = session(ctx, body.transactionId);
  const p = s?.iccid ? ctx.store.get(s.iccid) : undefined;
  if (!s || !p || s.stage !== "authenticated" || body.euiccSigned2.transactionId !== body.transactionId)
    return unknownTransaction(body.transactionId);
  if (!verifyStructure(s.euiccKey ?? "", body.euiccSigned2, body.euiccSignature2))
    return { header: failed("euiccSignatureInvalid", "The eUICC signature does not verify.", s.eid) };
  if (p.ccDigest) {
    const refuse = (code: Sgp22Code, message: string) => {
      const header = failed(code, message);
      ctx.progress(p, 2, header);
      if (code === "confirmationCodeRetriesExceeded") ctx.sessions.delete(s.transactionId);
      return { header };
    };
    if (p.ccAttempts >= ctx.maxConfirmationCodeAttempts)
      return refuse("confirmationCodeRetriesExceeded", "Too many wrong confirmation codes.");
    if (!body.euiccSigned2.hashCc) return refuse("confirmationCodeMissing", "The confirmation code is missing.");
    if (body.euiccSigned2.hashCc !== hashedConfirmationCode(p.ccDigest, s.transactionId)) {
      p.ccAttempts++;
      ctx.store.save();
      return p.ccAttempts >= ctx.maxConfirmationCodeAttempts
        ? refuse("confirmationCodeRetriesExceeded", "Too many wrong confirmation codes.")
        : refuse("confirmationCodeRefused", "The confirmation code is wrong.");
    }
  }
  const content = {
    transactionId: s.transactionId,
    iccid: p.iccid,
    profileName: p.profileName,
    serviceProviderName: p.serviceProviderName,
    profileClass: p.profileClass,
    pprIds: p.pprIds,
  };
  const digest = sha256(JSON.stringify(content)).toString("hex");
  const corrupt = ctx.faults.take("corruptPackage", "getBoundProfilePackage");
  const bpp = { ...content, sha256: corrupt ? digest.replace(/^./, (c) => (c === "0" ? "1" : "0")) : digest };
  p.state = "Downloaded";
  s.stage = "downloaded";
  ctx.store.save();
  ctx.progress(p, 3, executed());
  return {
    header: executed(),
    transactionId: s.transactionId,
    boundProfilePackage: Buffer.from(JSON.stringify(bpp)).toString("base64"),
  };
}

export function handleNotification(ctx: Es9plusContext, body: HandleNotificationRequest): void {
  const n = body.pendingNotification;
  const iccid = n.notificationMetadata.iccid;
  const p = iccid ? ctx.store.get(iccid) : undefined;
  if (n.transactionId) ctx.sessions.delete(n.transactionId);
  if (!p || n.notificationMetadata.profileManagementOperation !== "install" || p.state !== "Downloaded") return;
  if (n.finalResult?.success) {
    p.state = "Installed";
    ctx.progress(p, 4, executed());
  } else {
    p.state = "Error";
    ctx.progress(p, 4, failed("loadBppExecutionError", n.finalResult?.errorReason ?? "installation failed"));
  }
  ctx.store.save();
}

const REASON_CODES: Record<CancelSessionReason, Sgp22Code> = {
  endUserRejection: "downloadOrderRefused",
  postponed: "downloadOrderRefused",
  timeout: "downloadOrderRefused",
  pprNotAllowed: "pprNotAllowed",
  metadataMismatch: "metadataMismatch",
  loadBppExecutionError: "loadBppExecutionError",
  undefinedReason: "undefinedReason",
};

export function cancelSession(ctx: Es9plusContext, body: CancelSessionRequest): HeaderOnlyResponse {
  const s = session(ctx, body.transactionId);
  if (!s || body.euiccCancelSessionSigned.transactionId !== body.transactionId)
    return unknownTransaction(body.transactionId);
  if (!verifyStructure(s.euiccKey ?? "", body.euiccCancelSessionSigned, body.euiccCancelSessionSignature))
    return { header: failed("euiccSignatureInvalid", "The eUICC signature does not verify.", s.eid) };
  ctx.sessions.delete(s.transactionId);
  const p = s.iccid ? ctx.store.get(s.iccid) : undefined;
  if (p) {
    // The profile stays on the SM-DP+ for another attempt with the same activation code (until the attempts run out).
    if (p.state === "Downloaded") p.state = "Released";
    ctx.store.save();
    const reason = body.euiccCancelSessionSigned.reason;
    ctx.progress(p, 3, failed(REASON_CODES[reason], `CancelSession: ${reason}`));
  }
  return { header: executed() };
}
