import { isValidIccid } from "@carrierkit/operator-core";
import type { LaunchParams, Session } from "./session.js";

/**
 * The failure outcomes of a Mobile Plans purchase (`MobilePlansMoDirectStatus` members other than `complete` and
 * `cancelled`). How the app learns them: the current API has no failure call, so the portal hands control back with
 * `MobilePlans.notifyCancelledPurchase(purchaseMetaData)` whose `moDirectStatus` is the failure and whose `planName`
 * is `""` (the metadata rule for an unsuccessful transaction). Which failure is which:
 *
 * | status         | when                                                                                          |
 * | -------------- | --------------------------------------------------------------------------------------------- |
 * | serviceError   | no eSIM profile in stock; the store is unreachable or another fault of ours (any 5xx page)    |
 * | invalidSIM     | the launch `iccid` is malformed or outside our ICCID ranges; "add data to an installed eSIM"  |
 * |                | without an installed eSIM of ours                                                              |
 * | logOnFailed    | the sign-in cannot succeed (the account is suspended)                                         |
 * | purchaseFailed | operator-core refused the purchase (incompatible plan, suspended account, unknown plan)       |
 * | billingError   | the wallet balance is too low (payment refused); recoverable, see below                      |
 * | clientError    | malformed launch parameters or a malformed request (a 400/413/415 page)                        |
 *
 * All but billingError end the purchase at once: the page reports and the sign-in ends (like a cancellation). A
 * billingError keeps the user on the payment page (top up and pay again); if they leave from there, the Cancel button
 * reports BillingError instead of Cancelled.
 */
export type MoDirectFailure =
  | "serviceError"
  | "invalidSIM"
  | "logOnFailed"
  | "purchaseFailed"
  | "billingError"
  | "clientError";

/** Purchase metadata in member names (the page script maps them through the bridge's enum objects). */
export interface MetadataMembers {
  userAccount: string;
  purchaseInstrument: string;
  line: string;
  moDirectStatus: string;
  planName: string;
}

/**
 * The metadata of a failed purchase. `Bailed` means the user left at a step; a failure is not the user leaving, so
 * the steps not completed are `None`: the account as signed in or up (else None), the payment method when a payment
 * was attempted (else None), no line.
 */
export function failureMetadata(session: Session | undefined, status: MoDirectFailure, paid = false): MetadataMembers {
  return {
    userAccount: session?.sub ? (session.account ?? "existing") : "none",
    purchaseInstrument: paid ? (session?.instrument ?? "existing") : "none",
    line: "none",
    moDirectStatus: status,
    planName: "",
  };
}

/** ICCID prefixes of the operator's SIMs (the service configuration's ICCID ranges); default `8991` (India, ours). */
export const DEFAULT_ICCID_RANGES = ["8991"];

export const ourIccid = (iccid: string, ranges: readonly string[]) =>
  isValidIccid(iccid) && ranges.some((prefix) => iccid.startsWith(prefix));

/** What is wrong with the launch parameters Mobile Plans passed, if anything (raw query, before trimming). */
export function launchProblem(
  query: Record<string, unknown>,
  launch: LaunchParams | undefined,
  ranges: readonly string[],
): { status: MoDirectFailure; message: string } | undefined {
  if (!launch) return undefined;
  const raw = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : undefined);
  const transactionId = raw("transactionId");
  // WP: at most 64 characters; printable ASCII (the documented ids are letters, digits and . _ - /).
  if (transactionId !== undefined && !/^[\x21-\x7e]{1,64}$/.test(transactionId))
    return {
      status: "clientError",
      message: "The app passed a transactionId that is not 1 to 64 printable characters.",
    };
  for (const k of ["market", "location"]) {
    const v = raw(k);
    if (v !== undefined && !/^[A-Za-z]{2}$/.test(v))
      return { status: "clientError", message: `The app passed a ${k} that is not a two-letter country code.` };
  }
  const eid = raw("eid");
  if (eid !== undefined && !/^[0-9]{32}$/.test(eid))
    return { status: "clientError", message: "The app passed an EID that is not 32 digits." };
  for (const k of Object.keys(query))
    if (Array.isArray(query[k]) || (typeof query[k] === "object" && query[k] !== null))
      return { status: "clientError", message: `The app passed the parameter ${k} more than once.` };
  const iccid = raw("iccid")?.replace(/F$/i, "");
  if (iccid !== undefined && !ourIccid(iccid, ranges))
    return { status: "invalidSIM", message: "The SIM in this PC is not one of ours: we cannot sell a plan for it." };
  return undefined;
}
