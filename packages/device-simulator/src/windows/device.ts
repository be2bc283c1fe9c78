// The Windows PC with the Mobile Plans app: it launches the operator's portal (service configuration, launch
// parameters, headers), hosts the bridge, and carries out what the portal asks through it: inline, delayed and
// asynchronous eSIM downloads through the LPA, balance additions (switching the active profile), cancelled purchases
// and the legacy calls; reports activations and network registration changes back into the portal; keeps an event log
// and the business report. Sources: Microsoft's "Mobile Plans callback notifications" pages, current and legacy.
import type { BridgeMessage, CallMessage, FireResult } from "@carrierkit/portal-bridge";
import type { Browser } from "playwright-core";
import type { DeviceStep } from "../android/device.js";
import type { RuntimeScriptSource } from "../android/purchase-page.js";
import type { DeviceClock } from "../clock.js";
import { type ActivationErrorMember, activationResultValue } from "./activation.js";
import { refusalResult, registrationValue } from "./bridge-values.js";
import type { CardPort, LpaPort } from "./lpa-port.js";
import { CellularNetwork, type RegistrationChange } from "./network.js";
import { MobilePlansOperations } from "./operations.js";
import { openPortalSession, type PortalSession } from "./portal-host.js";
import { type PurchaseRecord, purchaseRecord } from "./report.js";
import {
  checkServiceConfiguration,
  inIccidRanges,
  type LaunchIdentity,
  launchUrl,
  lpaErrorHeaders,
  newTransactionId,
  type ServiceConfiguration,
} from "./service-config.js";

/** The person at the PC: the download-ready toast, the LPA's consent prompt and a confirmation code. */
export interface WindowsUser {
  /** A delayed download's toast is shown: true starts the download (default: accept at once). */
  toast?(toast: DownloadToast): boolean | Promise<boolean>;
  /** The LPA's consent prompt (default: consent). */
  consent?(): boolean | Promise<boolean>;
  confirmationCode?(): string | undefined | Promise<string | undefined>;
}

export interface DownloadToast {
  operationId: string;
  brand: string;
  shownAt: number;
}

export interface WindowsDeviceOptions {
  config: ServiceConfiguration;
  browser: Browser;
  clock: DeviceClock;
  /** The eUICC and its LPA; without them the PC has only `physicalSim`. */
  card?: CardPort;
  lpa?: LpaPort;
  /** A physical SIM (launch form `iccid=`). */
  physicalSim?: { iccid: string };
  network?: CellularNetwork;
  imei?: string;
  market?: string;
  location?: string;
  /** `Accept-Language` (en-us). */
  language?: string;
  user?: WindowsUser;
  /** The LPA's consent prompt times out after this long (timeoutWaitingForUserConsent). */
  consentTimeoutMs?: number;
  /** The bridge runtime (default the built one of @carrierkit/portal-bridge). */
  runtimeScript?: RuntimeScriptSource;
  onStep?: (step: DeviceStep) => void;
}

/** The calls that "return control to the Mobile Plans app": the portal session ends after them. */
const RETURNS_CONTROL = new Set([
  "MobilePlans.notifyPurchaseWithProfileDownload",
  "MobilePlans.notifyCancelledPurchase",
  "MobilePlans.notifyBalanceAddition",
  "DataMart.notifyPurchaseResult",
]);

export class WindowsDevice {
  readonly steps: DeviceStep[] = [];
  readonly purchases: PurchaseRecord[] = [];
  readonly network: CellularNetwork;
  readonly allowedOrigins: readonly string[];
  readonly operations: MobilePlansOperations;
  private readonly listeners = new Set<(s: DeviceStep) => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private current: PortalSession | undefined;
  private launches = 0;

  constructor(readonly options: WindowsDeviceOptions) {
    this.allowedOrigins = checkServiceConfiguration(options.config).allowedOrigins;
    if (!options.card && !options.physicalSim)
      throw new RangeError("a Windows device needs an eUICC or a physical SIM");
    this.network = options.network ?? new CellularNetwork(options.clock);
    if (options.onStep) this.listeners.add(options.onStep);
    this.network.onChange((c) => this.track(this.reportRegistration(c)));
    this.operations = new MobilePlansOperations(this);
  }

  get clock(): DeviceClock {
    return this.options.clock;
  }

  /** The portal session now open, if any. */
  get session(): PortalSession | undefined {
    return this.current && !this.current.closed ? this.current : undefined;
  }

  /** What the launch URL carries: the eSIM form when there is an eUICC, else the physical SIM's ICCID. */
  identity(): LaunchIdentity {
    const o = this.options;
    const base = { imei: o.imei ?? "356938035643809", market: o.market ?? "US", location: o.location ?? "US" };
    if (o.card) {
      const ours = o.card.profiles().filter((p) => inIccidRanges(p.iccid, o.config.iccidRanges));
      return { ...base, eid: o.card.eid, iccids: ours.map((p) => p.iccid) };
    }
    return { ...base, iccid: o.physicalSim?.iccid ?? "" };
  }

  /** Opens the portal (closing an open session first): a new BrowserContext, transactionId and launch headers. */
  async launch(): Promise<PortalSession> {
    await this.current?.close();
    const transactionId = newTransactionId(++this.launches);
    const url = launchUrl(this.options.config.portalUri, this.identity(), transactionId);
    const headers = lpaErrorHeaders(this.options.lpa?.takeErrorHistory() ?? []);
    const insecure = this.options.config.allowInsecureLoopback === true;
    let session: PortalSession | undefined;
    const pending: BridgeMessage[] = [];
    session = await openPortalSession(this.options.browser, {
      url,
      transactionId,
      acceptLanguage: this.options.language ?? "en-us",
      launchHeaders: headers,
      allowedOrigins: this.allowedOrigins,
      allowInsecureLoopback: insecure,
      ...(this.options.runtimeScript ? { runtimeScript: this.options.runtimeScript } : {}),
      onMessage: (m) => (session ? this.onMessage(session, m) : pending.push(m)),
      onClose: () => this.emit("session-ended", `portal session ${transactionId} closed`, { transactionId }),
    });
    this.current = session;
    this.emit("launch", `portal launched: ${url}`, { url, transactionId, headers });
    for (const m of pending.splice(0)) this.onMessage(session, m);
    return session;
  }

  /** Ends the portal session (what the app does after a call that returns control to it). */
  async endSession(session: PortalSession, reason: string): Promise<void> {
    if (session.closed) return;
    this.emit("return-control", `control returned to the app: ${reason}`, { transactionId: session.transactionId });
    await session.close();
  }

  /** Listens to every step; returns the unsubscribe function. */
  onStep(listener: (step: DeviceStep) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first step (from index `after`, default 0) matching, now or later; rejects after `timeoutMs` of real time. */
  waitForStep(match: string | ((s: DeviceStep) => boolean), after = 0, timeoutMs = 15_000): Promise<DeviceStep> {
    const test = typeof match === "string" ? (s: DeviceStep) => s.step === match : match;
    const found = this.steps.slice(after).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `no step ${String(match)} within ${timeoutMs} ms; steps: ${this.steps.map((s) => s.step).join(", ")}`,
          ),
        );
      }, timeoutMs);
      const off = this.onStep((s) => {
        if (!test(s)) return;
        clearTimeout(timer);
        off();
        resolve(s);
      });
    });
  }

  /** Resolves when no download, callback or switch started by the device is still running. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    await this.idle();
    await this.current?.close();
  }

  /** Keeps a background task (download, callback) so `idle()` can wait for it; its failure is logged, never thrown. */
  track(task: Promise<unknown>): void {
    const t = task
      .catch((e: unknown) => this.emit("error", `internal error: ${String(e)}`))
      .finally(() => this.inFlight.delete(t));
    this.inFlight.add(t);
  }

  /** Fires `profileActivationComplete` into the session's portal (if it registered a function). */
  async reportActivation(session: PortalSession | undefined, member: string, iccid: string): Promise<void> {
    await this.fire(session, "profileActivationComplete", {
      activationResult: activationResultValue(member as ActivationErrorMember),
      iccid,
    });
  }

  private async reportRegistration(c: RegistrationChange): Promise<void> {
    this.emit("registration", `network registration of ${c.iccid}: ${c.from} → ${c.to}`, { ...c });
    await this.fire(this.session, "registrationChanged", {
      networkRegistrationState: registrationValue(c.to),
      iccid: c.iccid,
    });
  }

  private async fire(
    session: PortalSession | undefined,
    callback: string,
    args: Record<string, unknown>,
  ): Promise<void> {
    if (!session || session.closed) {
      this.emit("callback-undelivered", `${callback} not delivered: no portal session is open`, { callback, args });
      return;
    }
    const r: FireResult = await session.fire(callback, args);
    if (r.ok) this.emit("callback", `${r.functionName}(${r.argument})`, { callback, ...r });
    else {
      const unset = r.problems.some((p) => p.message.includes("is not set"));
      this.emit(
        unset ? "callback-unregistered" : "callback-refused",
        unset
          ? `${callback}: the portal registered no function, nothing called`
          : `${callback} refused: ${r.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
        { callback, args, problems: r.problems },
      );
    }
  }

  private onMessage(session: PortalSession, m: BridgeMessage): void {
    if (m.kind === "property") {
      this.emit("bridge-property", `${m.calledAs} = ${JSON.stringify(m.value)}`, { ...m });
      return;
    }
    if (m.kind === "callback") return; // our own fire(), already logged
    if (m.kind === "refused") {
      const text = m.problems.map((p) => `${p.path} ${p.message}`).join("; ");
      this.emit("bridge-refused", `refused ${m.calledAs} (${m.reason}): ${text}`, { ...m });
      const member = m.reason === "invalid" ? refusalResult(m.problems) : undefined;
      if (member) {
        this.emit("bad-input", `bad input from the portal: ${member}`, { member, calledAs: m.calledAs });
        this.track(this.reportActivation(session, member, ""));
      }
      return;
    }
    this.onCall(session, m);
  }

  private onCall(session: PortalSession, m: CallMessage): void {
    const name = `${m.object}.${m.method}`;
    this.emit("bridge-call", `${m.signature} ${JSON.stringify(m.args)}`, { ...m });
    const record = purchaseRecord(m, session.transactionId, this.clock.now());
    if (record) {
      this.purchases.push(record);
      for (const w of record.warnings) this.emit("report-warning", w, { call: m.signature });
    }
    const task = this.operations.handle(session, m);
    // handle() settles once the part the portal waits for is done; work the app goes on with is tracked by it.
    if (RETURNS_CONTROL.has(name)) {
      this.track(task.then(() => this.endSession(session, m.signature)));
    } else this.track(task);
  }

  emit(step: string, text: string, detail?: Record<string, unknown>): void {
    const s: DeviceStep = { at: this.clock.now(), step, text, ...(detail ? { detail } : {}) };
    this.steps.push(s);
    for (const l of this.listeners) l(s);
  }
}
