// The Android phone of the 5G slicing upsell: `TelephonyManager.purchasePremiumCapability` with AOSP's checks, the
// entitlement check, the notification, the purchase page and the network setup (AOSP Telephony
// `SlicePurchaseController`, `PremiumNetworkEntitlementApi`, CarrierDefaultApp; Android's 5G network slicing guide).
import type { SoftUsim } from "@carrierkit/ts43";
import type { DeviceClock, DeviceTimer } from "../clock.js";
import { type CarrierConfig, carrierConfig } from "./carrier-config.js";
import type { EntitlementChecker, PremiumNetworkEntitlementResponse } from "./entitlement.js";
import type { NotificationAction, SimulatedUser, UpsellNotification } from "./notification.js";
import type { UePolicySource } from "./policy-source.js";
import { type DeviceProfile, deviceProfile } from "./profiles.js";
import type { PageOutcome, PurchasePageLauncher, PurchasePageRequest, PurchasePageSession } from "./purchase-page.js";
import { backoffAfter, type PurchaseResult, type PurchaseResultName, purchaseResult } from "./results.js";
import { type AllowedSlice, activatingRule } from "./slicing-config.js";
import { type DeviceStateData, type DeviceStateStore, MemoryDeviceState } from "./state.js";
import { activeThrottle, capReached, countNotification, nextReset, rollCounters, startBackoff } from "./throttle.js";

/** Radio access technology of the data registration (`TelephonyManager.NETWORK_TYPE_*`, the ones that matter). */
export type Rat = "NR" | "LTE" | "LTE_CA" | "UMTS" | "GSM" | "NONE";

/** The scriptable radio and subscription state. */
export interface RadioState {
  rat: Rat;
  roaming: boolean;
  /** Mobile data on (user setting). */
  dataEnabled: boolean;
  /** This subscription is the default data subscription. */
  defaultDataSubscription: boolean;
  /** NR is in the allowed network types. */
  nrAllowed: boolean;
  /** Serving PLMN, "MCC-MNC". */
  servingPlmn: string;
  /** The registration's Allowed NSSAI; undefined: every slice the URSP names counts as allowed. */
  allowedNssai?: AllowedSlice[];
}

/** Device-level switches. */
export interface DeviceSettings {
  /** DeviceConfig `telephony/enable_slicing_upsell` (AOSP default false; on here, as on a device that ships it). */
  slicingUpsellEnabled: boolean;
  /** The user allows the upsell notifications. */
  notificationsEnabled: boolean;
  /** A phone object exists for the subscription (false → REQUEST_FAILED). */
  phoneAvailable: boolean;
  /** The calling app is in the foreground (importance ≤ VISIBLE). */
  appForeground: boolean;
  /** SIM operator name (`icc_operator_alpha`); empty → CARRIER_DISABLED. */
  carrierName: string;
  /** The device's offset from UTC, minutes (for the `local` reset rule). */
  utcOffsetMinutes: number;
}

export const DEFAULT_RADIO: Readonly<RadioState> = {
  rat: "NR",
  roaming: false,
  dataEnabled: true,
  defaultDataSubscription: true,
  nrAllowed: true,
  servingPlmn: "001-01",
};

export const DEFAULT_SETTINGS: Readonly<DeviceSettings> = {
  slicingUpsellEnabled: true,
  notificationsEnabled: true,
  phoneAvailable: true,
  appForeground: true,
  carrierName: "carrierkit",
  utcOffsetMinutes: 0,
};

/** One thing the device did, for traces and the CLI's step printer. */
export interface DeviceStep {
  at: number;
  step: string;
  text: string;
  detail?: Record<string, unknown>;
}

export interface AndroidDeviceOptions {
  /** `android-14`, `android-14-qpr1`, `android-15`, or a profile object. */
  profile?: string | DeviceProfile;
  clock: DeviceClock;
  entitlement: EntitlementChecker;
  /** Opens the purchase page (Chromium: `ChromiumPurchasePages`). */
  pages: PurchasePageLauncher;
  user: SimulatedUser;
  /** Carrier-config overrides (AOSP key strings); AOSP defaults otherwise. */
  carrierConfig?: Partial<Record<string, unknown>>;
  radio?: Partial<RadioState>;
  settings?: Partial<DeviceSettings>;
  /** Persisted state (default: in memory). */
  state?: DeviceStateStore;
  /** The UE policy store fed by the network; without one no capability ever becomes active. */
  policySource?: UePolicySource;
  /** The USIM of the entitlement checker, whose SQN state is persisted with the device. */
  usim?: SoftUsim;
  onStep?: (step: DeviceStep) => void;
}

/** The AOSP way of opening the page for an entitlement answer's ContentsType. */
export function pageMethod(contentsType: string | undefined, profile: DeviceProfile): "GET" | "POST" {
  if (contentsType === undefined || profile.contentsTypeForms === "none") return "GET";
  if (contentsType === "json" || contentsType === "xml") return "POST";
  if (profile.contentsTypeForms === "aosp+seed" && (contentsType === "1" || contentsType === "2")) return "POST";
  return "GET";
}

function validUrl(text: string | null | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    const u = new URL(text);
    return u.protocol === "http:" || u.protocol === "https:" ? u : undefined;
  } catch {
    return undefined;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The POST body of the user data: after `encodedValue=` base64-decoded (basic alphabet), else the bytes as they are. */
export function postBody(userData: string): Buffer | undefined {
  const i = userData.indexOf("encodedValue=");
  if (i < 0) return Buffer.from(userData, "utf8");
  const encoded = userData.slice(i + "encodedValue=".length);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return undefined;
  return Buffer.from(encoded, "base64");
}

export class AndroidDevice {
  readonly profile: DeviceProfile;
  readonly config: CarrierConfig;
  readonly radio: RadioState;
  readonly settings: DeviceSettings;
  readonly steps: DeviceStep[] = [];
  private readonly clock: DeviceClock;
  private readonly store: DeviceStateStore;
  private readonly data: DeviceStateData;
  private readonly inFlight = new Set<number>();
  private readonly setupTimers = new Map<number, DeviceTimer>();
  private readonly listeners = new Set<(step: DeviceStep) => void>();
  private readonly unsubscribe: (() => void) | undefined;

  constructor(private readonly options: AndroidDeviceOptions) {
    this.profile =
      typeof options.profile === "object" ? options.profile : deviceProfile(options.profile ?? "android-14-qpr1");
    this.config = carrierConfig(options.carrierConfig);
    this.radio = { ...DEFAULT_RADIO, ...options.radio };
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.clock = options.clock;
    this.store = options.state ?? new MemoryDeviceState();
    this.data = this.store.load();
    if (options.onStep) this.listeners.add(options.onStep);
    const now = this.clock.now();
    for (const [cap, pending] of Object.entries(this.data.pendingSetup)) {
      if (pending.until > now) this.armSetupTimer(Number(cap), pending.until - now);
      else delete this.data.pendingSetup[cap];
    }
    this.unsubscribe = options.policySource?.onChange((plmn) => {
      if (plmn === this.radio.servingPlmn) this.checkActivations();
    });
    this.persist();
  }

  /** Listens to every step; returns the unsubscribe function. */
  onStep(listener: (step: DeviceStep) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the next step named `step` (e.g. "notification-shown", "page-opened"). */
  nextStep(step: string): Promise<DeviceStep> {
    return new Promise((resolve) => {
      const off = this.onStep((s) => {
        if (s.step !== step) return;
        off();
        resolve(s);
      });
    });
  }

  /** Changes the radio/subscription state (e.g. `{ rat: "LTE" }`, `{ roaming: true }`). */
  setRadio(change: Partial<RadioState>): void {
    Object.assign(this.radio, change);
    this.emit("radio", `radio: ${JSON.stringify(change)}`, { ...change });
    // Another PLMN or Allowed NSSAI may make a waiting capability active.
    if ("servingPlmn" in change || "allowedNssai" in change) this.checkActivations();
  }

  setSettings(change: Partial<DeviceSettings>): void {
    Object.assign(this.settings, change);
  }

  /** A copy of the persisted state. */
  get state(): DeviceStateData {
    return structuredClone(this.data);
  }

  /** Where a capability stands: active (the network's slicing config has it), waiting for it, or neither. */
  capabilityState(capability: number): "active" | "pending-network-setup" | "none" {
    if (this.activeRule(capability)) return "active";
    if (this.pendingSetup(capability)) return "pending-network-setup";
    return "none";
  }

  /** Stops listening to the policy source and cancels the timers (the state stays persisted). */
  close(): void {
    this.unsubscribe?.();
    for (const t of this.setupTimers.values()) t.cancel();
    this.setupTimers.clear();
  }

  /** `TelephonyManager.purchasePremiumCapability(capability, executor, callback)`: resolves with the one result. */
  async purchasePremiumCapability(capability: number): Promise<PurchaseResult> {
    this.emit("request", `purchasePremiumCapability(${capability}) on ${this.profile.id}`, { capability });
    const pre = this.preCheck(capability);
    if (pre) return this.finish(capability, pre);
    this.inFlight.add(capability);
    try {
      return this.finish(capability, await this.purchase(capability));
    } finally {
      this.inFlight.delete(capability);
    }
  }

  private finish(capability: number, result: PurchaseResult): PurchaseResult {
    const kind = backoffAfter(result.name);
    const now = this.clock.now();
    const backoff = kind && startBackoff(this.data, capability, kind, result.name, now, this.config);
    this.persist();
    this.emit("result", `result ${result.name} (${result.code}): ${result.reason}`, {
      name: result.name,
      code: result.code,
      ...(backoff ? { throttledUntil: new Date(backoff.until).toISOString(), backoff: backoff.kind } : {}),
    });
    return result;
  }

  /** AOSP's checks before the entitlement request (PhoneInterfaceManager + SlicePurchaseController), in order. */
  private preCheck(capability: number): PurchaseResult | undefined {
    const r = this.radio;
    const s = this.settings;
    const now = this.clock.now();
    if (!s.phoneAvailable) return purchaseResult("REQUEST_FAILED", "no phone for the subscription");
    if (!s.appForeground) return purchaseResult("NOT_FOREGROUND", "the calling app is not in the foreground");
    if (!r.nrAllowed) return purchaseResult("FEATURE_NOT_SUPPORTED", "NR is not in the allowed network types");
    if (!s.slicingUpsellEnabled)
      return purchaseResult("FEATURE_NOT_SUPPORTED", "DeviceConfig telephony/enable_slicing_upsell is off");
    if (!this.config.supported_premium_capabilities_int_array.includes(capability))
      return purchaseResult(
        "CARRIER_DISABLED",
        `capability ${capability} is not in supported_premium_capabilities_int_array`,
      );
    if (!r.defaultDataSubscription)
      return purchaseResult("NOT_DEFAULT_DATA_SUBSCRIPTION", "not the default data subscription");
    if (this.activeRule(capability))
      return purchaseResult("ALREADY_PURCHASED", "the network's slicing configuration already has the capability");
    const pending = this.pendingSetup(capability);
    if (pending)
      return purchaseResult(
        "PENDING_NETWORK_SETUP",
        `bought; waiting for the network's slicing configuration until ${new Date(pending.until).toISOString()}`,
      );
    const throttle = activeThrottle(this.data, capability, now);
    if (throttle)
      return purchaseResult(
        "THROTTLED",
        `${throttle.kind} back-off after ${throttle.after} until ${new Date(throttle.until).toISOString()}`,
      );
    if (r.roaming) return purchaseResult("NETWORK_NOT_AVAILABLE", "roaming");
    if (!r.dataEnabled) return purchaseResult("NETWORK_NOT_AVAILABLE", "mobile data is off");
    const lte = r.rat === "LTE" || r.rat === "LTE_CA";
    if (r.rat !== "NR" && !(lte && this.config.premium_capability_supported_on_lte_bool))
      return purchaseResult(
        "NETWORK_NOT_AVAILABLE",
        lte ? "on LTE and premium_capability_supported_on_lte_bool is false" : `on ${r.rat}`,
      );
    if (this.inFlight.has(capability))
      return purchaseResult("ALREADY_IN_PROGRESS", "a purchase of this capability is in progress");
    return undefined;
  }

  /** The notification caps (after the counters rolled over): THROTTLED until the counting period turns. */
  private capCheck(): PurchaseResult | undefined {
    const now = this.clock.now();
    rollCounters(this.data, now, this.profile.capReset, this.settings.utcOffsetMinutes);
    const full = capReached(this.data, this.config);
    if (!full) return undefined;
    const reopens = nextReset(
      now,
      this.profile.capReset,
      this.settings.utcOffsetMinutes,
      full === "daily" ? "day" : "month",
    );
    return purchaseResult(
      "THROTTLED",
      `the ${full} notification cap is reached (${full === "daily" ? this.data.notifications.daily : this.data.notifications.monthly} shown) until ${new Date(reopens).toISOString()} (${this.profile.capReset} reset)`,
    );
  }

  private async purchase(capability: number): Promise<PurchaseResult> {
    if (this.profile.capCheckBeforeEntitlement) {
      const capped = this.capCheck();
      if (capped) return capped;
    }
    this.emit("entitlement-request", "entitlement check (TS.43, full EAP-AKA)", { capability });
    const check = await this.options.entitlement.check(capability);
    this.saveUsim();
    if (check.kind === "failed") {
      this.emit("entitlement-response", `entitlement check failed: ${check.reason}`, { ...check });
      return purchaseResult("CARRIER_ERROR", `no entitlement response (${check.reason})`);
    }
    const response = check.response;
    this.emit(
      "entitlement-response",
      `EntitlementStatus ${response.entitlementStatus}, ProvStatus ${response.provStatus}` +
        (response.anomalies.length ? ` (${response.anomalies.join("; ")})` : ""),
      { ...response },
    );
    const decision = this.profile.decide(response.entitlementStatus, response.provStatus);
    if (decision.kind === "result")
      return purchaseResult(
        decision.name,
        `EntitlementStatus ${response.entitlementStatus} × ProvStatus ${response.provStatus} on ${this.profile.id}`,
      );
    if (!this.profile.capCheckBeforeEntitlement) {
      const capped = this.capCheck();
      if (capped) return capped;
    }
    const url =
      validUrl(response.serviceFlowUrl) ??
      (response.serviceFlowUrl ? undefined : validUrl(this.config.premium_capability_purchase_url_string));
    if (!url)
      return purchaseResult(
        "CARRIER_DISABLED",
        response.serviceFlowUrl
          ? `ServiceFlow_URL '${response.serviceFlowUrl}' is not a valid URL`
          : "no ServiceFlow_URL and no valid premium_capability_purchase_url_string",
      );
    if (!this.settings.carrierName) return purchaseResult("CARRIER_DISABLED", "the SIM has no operator name");
    return this.notifyAndPurchase(capability, url, response);
  }

  private async notifyAndPurchase(
    capability: number,
    url: URL,
    response: PremiumNetworkEntitlementResponse,
  ): Promise<PurchaseResult> {
    const now = this.clock.now();
    const timeoutMs = this.config.premium_capability_notification_display_timeout_millis_long;
    // The purchase timer starts when the notification is sent; it ends the request even with the page open.
    let timer: DeviceTimer | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = this.clock.setTimer(timeoutMs, () => resolve("timeout"));
    });
    try {
      if (!this.settings.notificationsEnabled)
        return purchaseResult(this.profile.notificationsDisabledResult, "the user turned the upsell notifications off");
      countNotification(this.data);
      this.persist();
      const notification: UpsellNotification = {
        capability,
        carrier: this.settings.carrierName,
        shownAt: now,
        timeoutAt: now + timeoutMs,
      };
      this.emit(
        "notification-shown",
        `notification shown (${this.data.notifications.daily} today, ${this.data.notifications.monthly} this month); times out at ${new Date(notification.timeoutAt).toISOString()}`,
        { daily: this.data.notifications.daily, monthly: this.data.notifications.monthly },
      );
      const answer = this.options.user.notification(notification);
      const action = await Promise.race([this.after(answer.afterMs ?? 0, answer.action), timedOut]);
      if (action === "timeout") {
        this.emit("notification-timeout", "the notification timed out");
        return purchaseResult("TIMEOUT", "the notification was not answered within the display timeout");
      }
      if (action === "ignore") return purchaseResult("TIMEOUT", "unreachable");
      this.emit(`notification-${action}`, `the user chose ${action}`);
      if (action === "dismiss" || action === "not-now")
        return purchaseResult(
          "USER_CANCELED",
          action === "dismiss" ? "notification dismissed" : "the user chose Not now",
        );
      return await this.openPage(capability, url, response, timedOut);
    } finally {
      timer?.cancel();
    }
  }

  /** Resolves with `value` after `ms` of device time (never, for `ignore`). */
  private after(ms: number, value: NotificationAction): Promise<NotificationAction> {
    if (value === "ignore") return new Promise(() => undefined);
    if (ms <= 0) return Promise.resolve(value);
    return new Promise((resolve) => this.clock.setTimer(ms, () => resolve(value)));
  }

  private async openPage(
    capability: number,
    url: URL,
    response: PremiumNetworkEntitlementResponse,
    timedOut: Promise<"timeout">,
  ): Promise<PurchaseResult> {
    const method = pageMethod(response.serviceFlowContentsType, this.profile);
    const userData = response.serviceFlowUserData ?? "";
    let request: PurchasePageRequest;
    const common = {
      capability,
      legacyBridgeObject: this.profile.legacyBridgeObject,
      failureCodes: this.profile.failureCodes,
    };
    if (method === "POST") {
      const body = userData ? postBody(userData) : undefined;
      if (!body)
        return purchaseResult(
          "CARRIER_ERROR",
          userData
            ? "FAILURE_CODE_NO_USER_DATA: ServiceFlow_UserData after encodedValue= is not base64"
            : `FAILURE_CODE_NO_USER_DATA: ContentsType '${response.serviceFlowContentsType}' without ServiceFlow_UserData`,
        );
      request = { ...common, url: url.href, method, body };
    } else {
      // loadUrl(purchaseUrl + "?" + userData): the raw string, even after an existing query; the bare URL if invalid.
      const withData = userData ? validUrl(`${url.href}?${userData}`) : undefined;
      request = { ...common, url: withData ? `${url.href}?${userData}` : url.href, method };
    }
    let session: PurchasePageSession;
    try {
      session = await this.options.pages.open(request);
    } catch (err) {
      return purchaseResult("REQUEST_FAILED", `the purchase view could not be opened: ${(err as Error).message}`);
    }
    this.emit("page-opened", `purchase page opened: ${method} ${request.url}`, {
      method,
      url: request.url,
      ...(request.body ? { bodyBytes: request.body.length } : {}),
    });
    const driving = Promise.resolve()
      .then(() => this.options.user.purchasePage?.(session))
      .catch(() => undefined);
    const outcome = await Promise.race([session.outcome, timedOut]);
    await session.close();
    await driving;
    for (const m of session.messages)
      if (m.kind === "call") this.emit("bridge-call", `bridge: ${m.signature} ${JSON.stringify(m.args)}`, { ...m });
      else if (m.kind === "refused")
        this.emit("bridge-refused", `bridge refused ${m.calledAs} (${m.reason})`, { ...m });
    if (outcome === "timeout") return purchaseResult("TIMEOUT", "the purchase timer fired while the page was open");
    return this.pageResult(capability, outcome);
  }

  private pageResult(capability: number, outcome: PageOutcome): PurchaseResult {
    switch (outcome.kind) {
      case "success": {
        const now = this.clock.now();
        const setup = this.config.premium_capability_network_setup_time_millis_long;
        this.data.pendingSetup[String(capability)] = { since: now, until: now + setup };
        this.armSetupTimer(capability, setup);
        this.emit(
          "network-setup-pending",
          `purchase complete; waiting up to ${setup} ms for the network's slicing configuration`,
          { until: now + setup, ...(outcome.durationMs !== undefined ? { durationMs: outcome.durationMs } : {}) },
        );
        this.checkActivations();
        return purchaseResult(
          "SUCCESS",
          `${outcome.calledAs}(${outcome.durationMs ?? ""})` +
            (outcome.durationMs !== undefined ? " (duration ignored)" : ""),
        );
      }
      case "failed":
        return purchaseResult(
          "CARRIER_ERROR",
          `the page reported ${outcome.codeName} (${outcome.code}) on ${this.profile.id}: ${outcome.reason}`,
        );
      case "dismissed":
        return purchaseResult("REQUEST_FAILED", `${outcome.calledAs}()`);
      case "closed":
        return purchaseResult("USER_CANCELED", "the user closed the purchase page");
    }
  }

  private pendingSetup(capability: number): { since: number; until: number } | undefined {
    const p = this.data.pendingSetup[String(capability)];
    return p && this.clock.now() < p.until ? p : undefined;
  }

  private activeRule(capability: number) {
    const source = this.options.policySource;
    if (!source) return undefined;
    return activatingRule(source.policy(this.radio.servingPlmn), capability, this.radio.allowedNssai);
  }

  private armSetupTimer(capability: number, ms: number): void {
    this.setupTimers.get(capability)?.cancel();
    this.setupTimers.set(
      capability,
      this.clock.setTimer(ms, () => {
        this.setupTimers.delete(capability);
        if (!this.data.pendingSetup[String(capability)]) return;
        delete this.data.pendingSetup[String(capability)];
        this.persist();
        this.emit(
          "network-setup-timeout",
          `no slicing configuration for capability ${capability} in time; it may be requested again`,
          { capability },
        );
      }),
    );
  }

  /** A pending capability whose rule arrived becomes active. */
  private checkActivations(): void {
    for (const cap of Object.keys(this.data.pendingSetup).map(Number)) {
      if (!this.pendingSetup(cap)) continue;
      const rule = this.activeRule(cap);
      if (!rule) continue;
      delete this.data.pendingSetup[String(cap)];
      this.setupTimers.get(cap)?.cancel();
      this.setupTimers.delete(cap);
      this.data.activations[String(cap)] = {
        at: this.clock.now(),
        plmn: this.radio.servingPlmn,
        precedence: rule.precedence,
      };
      this.persist();
      this.emit(
        "capability-active",
        `capability ${cap} active: URSP rule ${rule.precedence} on ${this.radio.servingPlmn}`,
        { capability: cap, precedence: rule.precedence },
      );
    }
  }

  private saveUsim(): void {
    const usim = this.options.usim;
    if (!usim) return;
    const s = usim.exportState();
    this.data.usim = { sqnMs: s.sqnMs.toString(), seqArray: s.seqArray.map(String) };
    this.persist();
  }

  private persist(): void {
    this.store.save(this.data);
  }

  private emit(step: string, text: string, detail?: Record<string, unknown>): void {
    const s: DeviceStep = { at: this.clock.now(), step, text, ...(detail ? { detail } : {}) };
    this.steps.push(s);
    for (const l of this.listeners) l(s);
  }
}

/** The USIM state persisted by a device, to restore its SoftUsim (`new SoftUsim({ …, state })`). */
export function persistedUsimState(data: DeviceStateData): { sqnMs: bigint; seqArray: bigint[] } | undefined {
  return data.usim ? { sqnMs: BigInt(data.usim.sqnMs), seqArray: data.usim.seqArray.map(BigInt) } : undefined;
}

export type { PurchasePageSession, PurchaseResultName };
