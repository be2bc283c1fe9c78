// What the Mobile Plans app does for each accepted bridge call (W3-W9): downloads through the LPA with a progress
// pop-up, the delayed download's "install later" notice, toast and cancellation window, asynchronous connectivity's
// registration slot, profile switches on balance additions, and the legacy DataMart payload's checks.
import type { CallMessage } from "@carrierkit/portal-bridge";
import type { DeviceTimer } from "../clock.js";
import type { WindowsDevice } from "./device.js";
import type { PortalSession } from "./portal-host.js";
import { inIccidRanges, registrationSlotMinutes } from "./service-config.js";

const MINUTE = 60_000;

/** A delayed download the portal asked for (`notifyProfileDownload(md, ac, downloadDelay)`). */
export interface PendingDownload {
  readonly operationId: string;
  readonly activationCodeOrSmdp: string;
  readonly toastAt: number;
  state: "waiting" | "toast-shown" | "accepted" | "dismissed" | "cancelled";
}

/** When and how a successful download registers on the network. */
type Registration = { kind: "now" } | { kind: "after"; minutes: number } | { kind: "none" };

interface DataMartPayload {
  ver: string;
  success: boolean;
  transactionId: string;
  activationCode: string;
  iccid: string;
  purchaseResult: { moDirectStatus?: string };
}

export class MobilePlansOperations {
  /** Operation contexts (`Id`) this app returned to a portal. */
  readonly issued = new Set<string>();
  readonly pending = new Map<string, PendingDownload>();
  private readonly timers = new Map<string, DeviceTimer>();

  constructor(private readonly device: WindowsDevice) {}

  /** Carries out one accepted call; settles when the part before control returns to the app is done. */
  async handle(session: PortalSession, m: CallMessage): Promise<void> {
    const returned = m.returned as { Id?: unknown } | undefined;
    if (typeof returned?.Id === "string") this.issued.add(returned.Id);
    const a = m.args;
    switch (`${m.object}.${m.method}/${a.length}`) {
      case "MobilePlansInlineOperations.notifyProfileDownload/2":
      case "MobilePlansInlineProfile.notifyInlineProfileDownload/2":
        this.device.emit("inline-download", `inline download of ${String(a[1])}`);
        this.device.track(this.download(session, String(a[1]), { kind: "now" }));
        return;
      case "MobilePlansInlineOperations.notifyProfileDownload/3":
        return this.schedule(session, String(returned?.Id ?? ""), String(a[1]), Number(a[2]), m.forms?.activationCode);
      case "MobilePlansInlineOperations.notifyOperationCancel/1":
        return this.cancel((a[0] as { Id: string }).Id);
      case "MobilePlans.notifyPurchaseWithProfileDownload/3": {
        const minutes = registrationSlotMinutes(Number(a[2]));
        this.device.emit(
          "async-download",
          `asynchronous connectivity: download now, register after ${minutes} min (asked ${String(a[2])})`,
          { requestedMinutes: a[2], slotMinutes: minutes },
        );
        // Control returns to the app at once; the download and registration go on without the portal.
        this.device.track(
          this.download(undefined, String(a[1]), minutes === 0 ? { kind: "now" } : { kind: "after", minutes }),
        );
        return;
      }
      case "MobilePlansInlineOperations.notifyBalanceAddition/1":
        this.device.emit("balance-added", "balance added; no profile change");
        return;
      case "MobilePlansInlineOperations.notifyBalanceAddition/2":
      case "MobilePlans.notifyBalanceAddition/2":
        return this.switchTo(session, String(a[1]), m.api === "current");
      case "MobilePlans.notifyCancelledPurchase/1":
        this.device.emit("purchase-cancelled", "the user cancelled the purchase in the portal");
        return;
      case "DataMart.notifyPurchaseResult/1":
        return this.dataMart(session, a[0] as DataMartPayload);
      default:
        this.device.emit("unhandled-call", `the app has no handler for ${m.signature}`);
    }
  }

  /** The LPA downloads (and enables) the profile; the result goes to `session`'s portal; success registers. */
  async download(session: PortalSession | undefined, code: string, registration: Registration): Promise<void> {
    const { lpa, card, user, consentTimeoutMs, config } = this.device.options;
    if (!lpa || !card) {
      this.device.emit("download-result", "no eUICC in this PC: lpaInitializationError", {
        result: "lpaInitializationError",
      });
      return this.device.reportActivation(session, "lpaInitializationError", "");
    }
    this.device.emit("download-started", `download from ${code}`, { activationCodeOrSmdp: code });
    await session?.overlay(`${config.brand}: preparing your eSIM…`);
    const outcome = await lpa.download({
      activationCodeOrSmdp: code,
      consent: () => user?.consent?.() ?? true,
      ...(user?.confirmationCode ? { confirmationCode: () => user.confirmationCode?.() } : {}),
      ...(consentTimeoutMs !== undefined ? { consentTimeoutMs } : {}),
      enable: true,
      onProgress: (p) => {
        this.device.emit("download-progress", `${p.phase} ${p.percent}%`, { ...p });
        void session?.overlay(`${config.brand}: ${p.phase} your eSIM… ${p.percent}%`);
      },
    });
    const ok = outcome.result === "success";
    this.device.emit("download-result", `download ${outcome.result}${outcome.iccid ? ` (${outcome.iccid})` : ""}`, {
      ...outcome,
    });
    await session?.overlay(
      ok ? `${config.brand}: your eSIM is installed.` : `${config.brand}: the eSIM could not be installed.`,
    );
    await this.device.reportActivation(session, outcome.result, outcome.iccid);
    if (!ok || !outcome.iccid) return;
    if (registration.kind === "now") this.device.network.register(outcome.iccid);
    else if (registration.kind === "after") {
      const at = this.device.clock.now() + registration.minutes * MINUTE;
      this.device.clock.setTimer(registration.minutes * MINUTE, () => this.device.network.register(outcome.iccid));
      this.device.emit(
        "registration-scheduled",
        `network registration of ${outcome.iccid} in ${registration.minutes} min`,
        {
          iccid: outcome.iccid,
          at,
        },
      );
    }
  }

  /** W4: the "install later" notice now, the toast after `delay` minutes, the download when the user accepts it. */
  private async schedule(
    session: PortalSession,
    id: string,
    code: string,
    delay: number,
    given: string | undefined,
  ): Promise<void> {
    const toastAt = this.device.clock.now() + delay * MINUTE;
    const op: PendingDownload = { operationId: id, activationCodeOrSmdp: code, toastAt, state: "waiting" };
    this.pending.set(id, op);
    // The timer first: whoever sees the notice may move the clock at once.
    this.timers.set(
      id,
      this.device.clock.setTimer(delay * MINUTE, () => this.device.track(this.toast(op))),
    );
    // The runtime says which form the portal used (code or bare SM-DP+ address); a code starts with "1$".
    const form =
      (given ?? (code.startsWith("1$") ? "activationCode" : "smdpAddress")) === "smdpAddress"
        ? "SM-DP+ address"
        : "activation code";
    this.device.emit("install-later", `the eSIM will be installed later: toast in ${delay} min (${form} ${code})`, {
      operationId: id,
      toastAt,
      form,
    });
    await session.overlay(
      `${this.device.options.config.brand}: your eSIM will be installed later. Windows will notify you.`,
    );
  }

  private async toast(op: PendingDownload): Promise<void> {
    if (op.state !== "waiting") return;
    op.state = "toast-shown";
    const { brand } = this.device.options.config;
    this.device.emit("toast-shown", `toast: "${brand}: your eSIM is ready to install"`, {
      operationId: op.operationId,
    });
    const accept = this.device.options.user?.toast;
    const accepted = accept
      ? await accept({ operationId: op.operationId, brand, shownAt: this.device.clock.now() })
      : true;
    op.state = accepted ? "accepted" : "dismissed";
    this.device.emit(
      accepted ? "toast-accepted" : "toast-dismissed",
      `the user ${accepted ? "accepted" : "dismissed"} the toast`,
      {
        operationId: op.operationId,
      },
    );
    if (accepted) await this.download(this.device.session, op.activationCodeOrSmdp, { kind: "now" });
  }

  /** A toast the user dismissed, accepted later (from the notification centre). */
  async acceptLater(operationId: string): Promise<boolean> {
    const op = this.pending.get(operationId);
    if (op?.state !== "dismissed") return false;
    op.state = "accepted";
    this.device.emit("toast-accepted", "the user accepted the toast from the notification centre", { operationId });
    await this.download(this.device.session, op.activationCodeOrSmdp, { kind: "now" });
    return true;
  }

  /** `notifyOperationCancel`: only for a context this app issued, and only before the toast. */
  private cancel(id: string): void {
    const op = this.pending.get(id);
    const why = !this.issued.has(id)
      ? "this app issued no such operation context"
      : !op
        ? "the operation is not a pending download"
        : op.state === "cancelled"
          ? "it was already cancelled"
          : op.state !== "waiting"
            ? "the download-ready toast was already shown"
            : undefined;
    if (why || !op) {
      this.device.emit("cancel-refused", `notifyOperationCancel(${id}) has no effect: ${why}`, {
        operationId: id,
        why,
      });
      return;
    }
    op.state = "cancelled";
    this.timers.get(id)?.cancel();
    this.device.emit("download-cancelled", `pending download ${id} cancelled before its toast`, { operationId: id });
  }

  /** W7/W9: the profile with `iccid` becomes the active one (an inactive installed profile is fine). */
  private async switchTo(session: PortalSession, iccid: string, report: boolean): Promise<void> {
    const { card, physicalSim, config } = this.device.options;
    const done = async (member: string) => {
      this.device.emit("profile-switch", `switch to ${iccid}: ${member}`, { iccid, result: member });
      if (report) await this.device.reportActivation(session, member, iccid);
    };
    if (!inIccidRanges(iccid, config.iccidRanges)) return done("invalidIccid");
    if (!card) return done(physicalSim?.iccid === iccid ? "success" : "profileNotPresent");
    const before = card.enabledProfile()?.iccid;
    if (before === iccid) return done("success");
    const { lpa } = this.device.options;
    const { result } = lpa?.enableProfile ? await lpa.enableProfile(iccid) : card.enable(iccid);
    if (result === "success") {
      if (before) this.device.network.deregister(before);
      this.device.network.register(iccid);
    }
    return done(result);
  }

  /** W9: the legacy payload, checked against the launch (transactionId) and its own rules. */
  private async dataMart(session: PortalSession, p: DataMartPayload): Promise<void> {
    const problems: string[] = [];
    if (p.transactionId !== session.transactionId)
      problems.push(`transactionId ${JSON.stringify(p.transactionId)} is not this launch's (${session.transactionId})`);
    const complete = p.purchaseResult.moDirectStatus === "Complete";
    if (p.success !== complete)
      problems.push(`success ${p.success} with moDirectStatus ${p.purchaseResult.moDirectStatus}`);
    if (!p.success && (p.activationCode !== "" || p.iccid !== ""))
      problems.push("a failed purchase must carry '' as activationCode and iccid");
    if (problems.length > 0) {
      this.device.emit("datamart-refused", `DataMart payload ignored: ${problems.join("; ")}`, { problems });
      return;
    }
    this.device.emit("datamart-result", `DataMart purchase result: success ${p.success}`, { ...p });
    if (!p.success) return;
    if (p.activationCode) this.device.track(this.download(undefined, p.activationCode, { kind: "now" }));
    else if (p.iccid) await this.switchTo(session, p.iccid, false);
  }
}
