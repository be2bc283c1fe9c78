// `carrierkit-sim android purchase`: one purchasePremiumCapability against a live operator, each step printed. The
// network side (URSP delivery) plugs in through `policySource`; the lead wires the simulated AMF there.
import { type CliIo, UsageError } from "@carrierkit/cli-runtime";
import { fromHex, SoftUsim } from "@carrierkit/ts43";
import type { Browser } from "playwright-core";
import { CarrierConfigError, parseCarrierConfigOverride } from "./android/carrier-config.js";
import {
  AndroidDevice,
  type DeviceSettings,
  type DeviceStep,
  persistedUsimState,
  type RadioState,
  type Rat,
} from "./android/device.js";
import { Ts43EntitlementChecker } from "./android/entitlement.js";
import { requestLatencyNetwork } from "./android/latency-app.js";
import { presetUser, type SimulatedUser } from "./android/notification.js";
import type { UePolicySource } from "./android/policy-source.js";
import { DEVICE_PROFILES } from "./android/profiles.js";
import {
  ChromiumPurchasePages,
  type PurchasePageLauncher,
  type PurchasePageRequest,
  type PurchasePageSession,
} from "./android/purchase-page.js";
import { PREMIUM_CAPABILITY_PRIORITIZE_LATENCY, type PurchaseResult } from "./android/results.js";
import { JsonFileDeviceState } from "./android/state.js";
import { launchChromium } from "./chromium.js";
import type { DeviceClock } from "./clock.js";
import type { AttachedPhone } from "./network/attach.js";
import { cliRuntimeScript } from "./runtime-script.js";

/**
 * Wall-clock time whose timers keep the process alive (systemDeviceClock's do not): a CLI run waiting only for the
 * notification's display timeout must not exit early. The device cancels its timers when the run ends.
 */
const heldClock: DeviceClock = {
  now: () => Date.now(),
  setTimer(delayMs, fn) {
    const handle = setTimeout(fn, Math.max(0, delayMs));
    return { at: Date.now() + Math.max(0, delayMs), cancel: () => clearTimeout(handle) };
  },
};

/** The demo USIM of `npm start` (operator-core's demo subscriber Asha). */
export const DEMO_USIM = {
  imsi: "001010000000001",
  kHex: "465b5ce8b199b49faa5f0a2ee238a6bc",
  opcHex: "cd63cb71954a9f4e48a5994e37a02baf",
} as const;

/** One purchase run. */
export interface AndroidPurchaseRun {
  entitlementUrl: string;
  imsi: string;
  kHex: string;
  opcHex: string;
  mncDigits?: 2 | 3;
  imei?: string;
  profile?: string;
  capability?: number;
  carrierConfig?: Record<string, unknown>;
  user: SimulatedUser;
  radio?: Partial<RadioState>;
  settings?: Partial<DeviceSettings>;
  /** The persisted device state file (survives runs). */
  statePath: string;
  clock?: DeviceClock;
  /** A browser to use (default: the system Chromium, launched when the page opens and closed at the end). */
  browser?: Browser;
  chromiumPath?: string;
  /** The UE policy store fed by the network: after SUCCESS the run waits until it activates the capability. */
  policySource?: UePolicySource;
  /**
   * The phone's network side (`attachToSimulatedNetwork` of `./network`): its UE policy store is the policy source,
   * its PLMN and Allowed NSSAI the radio's, and once the capability is active the latency app's PRIORITIZE_LATENCY
   * request is routed by its modem and printed (step `route`).
   */
  phone?: AttachedPhone;
  /** Gets every step as it happens. */
  print: (step: DeviceStep) => void;
}

/** Chromium launched on the first page, closed by `close()`. */
class LazyChromiumPages implements PurchasePageLauncher {
  #browser: Browser | undefined;
  #own = false;
  constructor(
    private readonly given: Browser | undefined,
    private readonly chromiumPath: string | undefined,
  ) {}
  async open(request: PurchasePageRequest): Promise<PurchasePageSession> {
    if (!this.#browser) {
      this.#own = !this.given;
      this.#browser = this.given ?? (await launchChromium(this.chromiumPath));
    }
    return new ChromiumPurchasePages(this.#browser, cliRuntimeScript).open(request);
  }
  async close(): Promise<void> {
    if (this.#own) await this.#browser?.close();
  }
}

/** Runs one purchase; resolves with its result once it is final (after SUCCESS: activation or setup timeout). */
export async function runAndroidPurchase(
  run: AndroidPurchaseRun,
): Promise<{ result: PurchaseResult; device: AndroidDevice; route?: string }> {
  const state = new JsonFileDeviceState(run.statePath);
  const restored = persistedUsimState(state.load());
  const usim = new SoftUsim({
    imsi: run.imsi,
    k: fromHex(run.kHex, 16),
    opc: fromHex(run.opcHex, 16),
    ...(restored ? { state: restored } : {}),
  });
  const clock = run.clock ?? heldClock;
  const pages = new LazyChromiumPages(run.browser, run.chromiumPath);
  const device = new AndroidDevice({
    ...(run.profile ? { profile: run.profile } : {}),
    clock,
    state,
    usim,
    user: run.user,
    pages,
    entitlement: new Ts43EntitlementChecker({
      url: run.entitlementUrl,
      usim,
      imei: run.imei ?? "356938035643809",
      mncDigits: run.mncDigits ?? 2,
    }),
    carrierConfig: run.carrierConfig ?? {},
    ...(run.radio || run.phone
      ? {
          radio: {
            ...(run.phone ? { servingPlmn: run.phone.plmn, allowedNssai: [...run.phone.allowedNssai] } : {}),
            ...run.radio,
          },
        }
      : {}),
    ...(run.settings ? { settings: run.settings } : {}),
    ...((run.policySource ?? run.phone) ? { policySource: run.policySource ?? run.phone!.policies } : {}),
    onStep: run.print,
  });
  try {
    const capability = run.capability ?? PREMIUM_CAPABILITY_PRIORITIZE_LATENCY;
    const result = await device.purchasePremiumCapability(capability);
    if (
      result.name === "SUCCESS" &&
      (run.policySource ?? run.phone) &&
      device.capabilityState(capability) !== "active"
    ) {
      await new Promise<void>((resolve) => {
        const off = device.onStep((s) => {
          if (s.step !== "capability-active" && s.step !== "network-setup-timeout") return;
          off();
          resolve();
        });
      });
    }
    if (!run.phone || device.capabilityState(capability) !== "active") return { result, device };
    const handle = requestLatencyNetwork(run.phone.connectivity);
    const route = run.phone.connectivity.routeReport().find((e) => e.requestId === handle.id)?.line ?? "";
    run.print({ at: clock.now(), step: "route", text: route, detail: { status: handle.status } });
    return { result, device, route };
  } finally {
    device.close();
    await pages.close();
  }
}

const RATS: Rat[] = ["NR", "LTE", "LTE_CA", "UMTS", "GSM", "NONE"];

function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CarrierConfigError || err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
}

/** The command behind the flags (see cli.ts). */
export async function androidPurchaseCommand(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const profile = str("profile") ?? "android-14-qpr1";
  if (!Object.hasOwn(DEVICE_PROFILES, profile))
    throw new UsageError(`unknown --profile '${profile}' (${Object.keys(DEVICE_PROFILES).join(", ")})`);
  const entitlementUrl = str("entitlement") ?? "http://127.0.0.1:4030/";
  try {
    new URL(entitlementUrl);
  } catch {
    throw new UsageError(`--entitlement '${entitlementUrl}' is not a URL`);
  }
  const carrierConfig: Record<string, unknown> = { supported_premium_capabilities_int_array: [34] };
  for (const text of (values["carrier-config"] as string[] | undefined) ?? []) {
    const [key, value] = usage(() => parseCarrierConfigOverride(text));
    carrierConfig[key] = value;
  }
  const user = usage(() => presetUser(str("user") ?? "accept", str("offer")));
  const rat = (str("rat") ?? "NR").toUpperCase() as Rat;
  if (!RATS.includes(rat)) throw new UsageError(`unknown --rat '${str("rat")}' (${RATS.join(", ")})`);
  const capability = Number(str("capability") ?? PREMIUM_CAPABILITY_PRIORITIZE_LATENCY);
  if (!Number.isSafeInteger(capability)) throw new UsageError(`--capability '${str("capability")}' is not a number`);
  const mnc = str("mnc-digits") ?? "2";
  if (mnc !== "2" && mnc !== "3") throw new UsageError("--mnc-digits must be 2 or 3");
  const imsi = str("imsi") ?? DEMO_USIM.imsi;
  if (!/^\d{6,15}$/.test(imsi)) throw new UsageError(`--imsi '${imsi}' is not an IMSI`);
  for (const k of ["k", "opc"])
    if (str(k) !== undefined && !/^[0-9a-fA-F]{32}$/.test(str(k)!))
      throw new UsageError(`--${k} must be 32 hex digits`);
  const amfPortText = str("amf-port") ?? env.AMF_PORT ?? "4060";
  const amfPort = Number(amfPortText);
  if (!/^\d+$/.test(amfPortText) || amfPort > 65535) throw new UsageError(`--amf-port '${amfPortText}' is not a port`);
  const json = values.json === true;
  const print = (s: DeviceStep) =>
    io.stdout(json ? `${JSON.stringify(s)}\n` : `${new Date(s.at).toISOString()}  ${s.step.padEnd(22)} ${s.text}\n`);
  const statePath = str("state") ?? ".data/carrierkit-sim-android.json";
  let phone: AttachedPhone | undefined;
  if (values["no-network"] !== true) {
    const { attachToSimulatedNetwork } = await import("./network/attach.js");
    phone = await attachToSimulatedNetwork({
      imsi,
      mncDigits: mnc === "3" ? 3 : 2,
      amfPort,
      uePolicyPath: statePath.replace(/(\.json)?$/, ".ue-policy.json"),
    });
    print({
      at: Date.now(),
      step: "network",
      text: `attached to the simulated 5G SA network ${phone.plmn} as ${phone.supi}; AMF at ${phone.amf.url}`,
    });
  }
  const { result } = await runAndroidPurchase({
    entitlementUrl,
    imsi,
    kHex: str("k") ?? DEMO_USIM.kHex,
    opcHex: str("opc") ?? DEMO_USIM.opcHex,
    mncDigits: mnc === "3" ? 3 : 2,
    imei: str("imei") ?? "356938035643809",
    profile,
    capability,
    carrierConfig,
    user,
    radio: {
      rat,
      roaming: values.roaming === true,
      dataEnabled: values["data-off"] !== true,
      defaultDataSubscription: values["not-default-data"] !== true,
    },
    settings: { appForeground: values.background !== true },
    statePath,
    ...(phone ? { phone } : {}),
    ...((str("chromium") ?? env.CHROMIUM_PATH) ? { chromiumPath: str("chromium") ?? env.CHROMIUM_PATH } : {}),
    print,
  }).finally(() => phone?.close());
  if (!json) io.stdout(`${result.name} (${result.code})\n`);
  return result.name === "SUCCESS" ? 0 : 1;
}
