// ES2+ (operator → SM-DP+): DownloadOrder, ConfirmOrder, CancelOrder, ReleaseProfile with SGP.22's state machine and
// status codes (specs/es2plus/openapi.yaml lists the code of each wrong-state call).
import { randomBytes } from "node:crypto";
import {
  type CancelOrderRequest,
  type ConfirmOrderRequest,
  type ConfirmOrderResponse,
  type DownloadOrderRequest,
  type DownloadOrderResponse,
  executed,
  failed,
  type HeaderOnlyResponse,
  type ReleaseProfileRequest,
} from "@carrierkit/es2plus";
import { confirmationCodeDigest } from "./crypto.js";
import type { SmdpProfile, SmdpStore } from "./state.js";

const MATCHING_ID = /^[0-9A-Za-z-]{1,64}$/;
const ORDERED = new Set(["Allocated", "Linked"]);
const AFTER_DOWNLOAD = new Set(["Downloaded", "Installed", "Error"]);

export interface Es2plusContext {
  store: SmdpStore;
  address(): string;
  now(): number;
}

/** A Confirmed profile whose `releaseAt` has come is Released (the delayed flow's availability time). */
export function applyScheduledRelease(p: SmdpProfile, now: number): void {
  if (p.state === "Confirmed" && p.releaseAt !== undefined && p.releaseAt <= now) p.state = "Released";
}

function newMatchingId(store: SmdpStore): string {
  for (;;) {
    const raw = randomBytes(10).toString("hex").toUpperCase();
    const id = `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15)}`;
    if (!store.byMatchingId(id)) return id;
  }
}

export function downloadOrder(ctx: Es2plusContext, body: DownloadOrderRequest): DownloadOrderResponse {
  const { store } = ctx;
  if (body.eid !== undefined && !/^[0-9]{32}$/.test(body.eid))
    return { header: failed("eidInvalid", "The EID is not 32 digits.", body.eid) };
  let profile: SmdpProfile | undefined;
  if (body.iccid) {
    profile = store.get(body.iccid);
    if (!profile) return { header: failed("iccidUnknown", "Unknown ICCID.", body.iccid) };
    if (body.profileType !== undefined && profile.profileType !== body.profileType)
      return { header: failed("profileTypeMismatch", "The profile type is not the ICCID's.", body.profileType) };
    if (profile.state !== "Available")
      return { header: failed("iccidInUse", `The profile is ${profile.state}, not Available.`, body.iccid) };
  } else if (body.profileType !== undefined) {
    const ofType = store.all().filter((p) => p.profileType === body.profileType);
    if (ofType.length === 0) return { header: failed("profileTypeUnknown", "Unknown profile type.", body.profileType) };
    profile = ofType.find((p) => p.state === "Available");
    if (!profile)
      return { header: failed("profileTypeUnavailable", "No profile of this type is left.", body.profileType) };
  } else {
    return { header: failed("iccidMissing", "Neither iccid nor profileType was given.") };
  }
  profile.state = body.eid ? "Linked" : "Allocated";
  if (body.eid) profile.eid = body.eid;
  store.save();
  return { header: executed(), iccid: profile.iccid };
}

export function confirmOrder(ctx: Es2plusContext, body: ConfirmOrderRequest): ConfirmOrderResponse {
  const { store } = ctx;
  const p = store.get(body.iccid);
  if (!p) return { header: failed("iccidUnknown", "Unknown ICCID.", body.iccid) };
  if (!ORDERED.has(p.state))
    return {
      header: failed("iccidInvalidTransition", `The profile is ${p.state}, not Allocated or Linked.`, body.iccid),
    };
  if (body.eid && p.eid && body.eid !== p.eid)
    return { header: failed("eidInvalidAssociation", "Another EID is linked to this ICCID.", body.eid) };
  if (body.matchingId !== undefined) {
    if (!MATCHING_ID.test(body.matchingId))
      return { header: failed("matchingIdInvalid", "The matching id is not valid.", body.matchingId) };
    const other = store.byMatchingId(body.matchingId);
    if (other && other.iccid !== p.iccid)
      return { header: failed("matchingIdInUse", "The matching id is in use.", body.matchingId) };
  }
  if (body.confirmationCode !== undefined && body.confirmationCode.length === 0)
    return { header: failed("confirmationCodeInvalid", "The confirmation code is empty.") };
  const eid = body.eid ?? p.eid;
  const matchingId = body.matchingId ?? (eid ? undefined : newMatchingId(store));
  if (eid) p.eid = eid;
  if (matchingId) p.matchingId = matchingId;
  if (body.confirmationCode) p.ccDigest = confirmationCodeDigest(body.confirmationCode);
  p.state = body.releaseFlag ? "Released" : "Confirmed";
  applyScheduledRelease(p, ctx.now());
  store.save();
  return {
    header: executed(),
    ...(eid ? { eid } : {}),
    ...(matchingId ? { matchingId } : {}),
    smdpAddress: ctx.address(),
  };
}

export function cancelOrder(ctx: Es2plusContext, body: CancelOrderRequest): HeaderOnlyResponse {
  const { store } = ctx;
  const p = store.get(body.iccid);
  if (!p) return { header: failed("iccidUnknown", "Unknown ICCID.", body.iccid) };
  if (AFTER_DOWNLOAD.has(p.state))
    return { header: failed("iccidInvalidTransition", `The profile was already ${p.state}.`, body.iccid) };
  if (p.state === "Available" || p.state === "Unavailable")
    return { header: failed("iccidInvalidTransition", `The profile is ${p.state}: no order.`, body.iccid) };
  if (body.eid && p.eid !== body.eid)
    return { header: failed("eidInvalidAssociation", "A different EID is associated.", body.eid) };
  if (body.matchingId && p.matchingId !== body.matchingId)
    return {
      header: failed("matchingIdInvalidAssociation", "A different matching id is associated.", body.matchingId),
    };
  p.state = body.finalProfileStatusIndicator;
  delete p.eid;
  delete p.matchingId;
  delete p.ccDigest;
  p.ccAttempts = 0;
  p.downloadAttempts = 0;
  store.save();
  return { header: executed() };
}

export function releaseProfile(ctx: Es2plusContext, body: ReleaseProfileRequest): HeaderOnlyResponse {
  const p = ctx.store.get(body.iccid);
  if (!p) return { header: failed("iccidUnknown", "Unknown ICCID.", body.iccid) };
  if (p.state !== "Confirmed")
    return { header: failed("iccidInvalidTransition", `The profile is ${p.state}, not Confirmed.`, body.iccid) };
  p.state = "Released";
  ctx.store.save();
  return { header: executed() };
}
