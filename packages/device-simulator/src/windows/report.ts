// The business report of the Mobile Plans app: every purchase metadata a portal handed over, with the call that
// carried it, the API generation, the launch transactionId and the alias / consistency warnings a portal author sees.
import type { BridgeWarning, CallMessage } from "@carrierkit/portal-bridge";

export interface PurchaseRecord {
  at: number;
  /** The launch's transactionId (what the portal should log; the legacy payload echoes it). */
  transactionId: string;
  /** The overload, e.g. `MobilePlans.notifyCancelledPurchase(purchaseMetaData)`. */
  call: string;
  api: "current" | "legacy";
  userAccount?: string;
  purchaseInstrument?: string;
  line?: string;
  moDirectStatus: string;
  planName: string;
  /** Alias, undocumented-value and check-digit warnings of the call, plus the metadata rules it breaks. */
  warnings: string[];
}

interface Metadata {
  userAccount?: string;
  purchaseInstrument?: string;
  line?: string;
  moDirectStatus?: string;
  planName?: string;
}

const warningText = (w: BridgeWarning) => `${w.code}: ${w.path}: ${w.message}`;

/** The metadata a call carries: the first argument, or the legacy payload's `purchaseResult`. */
export function metadataOf(call: CallMessage): Metadata | undefined {
  const first = call.args[0];
  if (first === null || typeof first !== "object") return undefined;
  if (call.method === "notifyPurchaseResult") {
    const pr = (first as { purchaseResult?: unknown }).purchaseResult;
    return pr !== null && typeof pr === "object" ? (pr as Metadata) : undefined;
  }
  return first as Metadata;
}

/** The documented rule: planName is non-empty exactly for a successful (Complete) transaction. */
export function metadataProblems(md: Metadata): string[] {
  const problems: string[] = [];
  const complete = md.moDirectStatus === "Complete";
  if (complete && !md.planName) problems.push("planName is empty on a Complete transaction");
  if (!complete && md.planName) problems.push(`planName "${md.planName}" on a ${md.moDirectStatus} transaction`);
  return problems;
}

export function purchaseRecord(call: CallMessage, transactionId: string, at: number): PurchaseRecord | undefined {
  const md = metadataOf(call);
  if (!md) return undefined;
  return {
    at,
    transactionId,
    call: call.signature,
    api: call.api,
    ...(md.userAccount !== undefined ? { userAccount: md.userAccount } : {}),
    ...(md.purchaseInstrument !== undefined ? { purchaseInstrument: md.purchaseInstrument } : {}),
    ...(md.line !== undefined ? { line: md.line } : {}),
    moDirectStatus: md.moDirectStatus ?? "",
    planName: md.planName ?? "",
    warnings: [...call.warnings.map(warningText), ...metadataProblems(md)],
  };
}
