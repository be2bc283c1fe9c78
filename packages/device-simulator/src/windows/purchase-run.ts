// One scripted Mobile Plans purchase on a Windows PC, as `carrierkit-sim windows buy` runs it: launch the portal, let a
// scripted user buy on carrierkit's reference portal, carry out the bridge call, fast-forward the device's simulated
// clock over the delayed download's toast or the registration slot, and decide whether the flow ended as expected.
import type { Browser, Page } from "playwright-core";
import type { DeviceStep } from "../android/device.js";
import type { RuntimeScriptSource } from "../android/purchase-page.js";
import type { SimulatedClock } from "../clock.js";
import { WindowsDevice } from "./device.js";
import type { CardPort, LpaPort } from "./lpa-port.js";
import { finish, type PortalFlow, signInAndCancel, signInAndPay } from "./reference-portal.js";
import { type IccidRange, isLoopbackHost } from "./service-config.js";

export const BUY_FLOWS = ["inline", "delayed", "async", "balance", "balance-iccid", "cancel", "legacy"] as const;
export type BuyFlow = (typeof BUY_FLOWS)[number];

const PORTAL_FLOW: Record<Exclude<BuyFlow, "cancel" | "legacy">, PortalFlow> = {
  inline: "esim-inline",
  delayed: "esim-delayed",
  async: "esim-async",
  balance: "balance",
  "balance-iccid": "balance-iccid",
};

export interface WindowsPurchaseRun {
  portalUrl: string;
  flow: BuyFlow;
  msisdn?: string;
  plan?: string;
  card: CardPort;
  lpa: LpaPort;
  clock: SimulatedClock;
  browser: Browser;
  runtimeScript?: RuntimeScriptSource;
  /** The operator's ICCID ranges (default: every ICCID, `89`). */
  iccidRanges?: readonly IccidRange[];
  brand?: string;
  imei?: string;
  market?: string;
  location?: string;
  language?: string;
  /** Where to save the final page's screenshot. */
  screenshotPath?: string;
  print: (step: DeviceStep) => void;
}

export interface WindowsPurchaseOutcome {
  ok: boolean;
  summary: string;
  device: WindowsDevice;
}

// The legacy documentation sample (MobilePlansInlineProfileDownload holder, aliases), run on the finish page.
const legacyInline = (code: string, planName: string) => `(() => {
  var md = MobilePlans.createPurchaseMetaData();
  md.userAccount = MobilePlansUserAccount.existing; md.purchaseInstrument = MobilePlansPurchaseInstrument.existing;
  md.lineType = MobilePlansLineType.new; md.modirectStatus = MobilePlansMoDirectStatus.complete;
  md.planName = ${JSON.stringify(planName)};
  MobilePlansInlineProfileDownload.registrationChangedScript = "portalRegistrationChanged";
  MobilePlansInlineProfileDownload.profileActivationCompleteScript = "portalActivationComplete";
  MobilePlansInlineProfileDownload.notifyInlineProfileDownload(md, ${JSON.stringify(code)});
})()`;

export async function runWindowsPurchase(run: WindowsPurchaseRun): Promise<WindowsPurchaseOutcome> {
  const url = new URL(run.portalUrl);
  const device = new WindowsDevice({
    config: {
      brand: run.brand ?? "CarrierKit Mobile",
      portalUri: url.href,
      iccidRanges: run.iccidRanges ?? [{ prefix: "89" }],
      allowInsecureLoopback: url.protocol === "http:" && isLoopbackHost(url.hostname),
    },
    browser: run.browser,
    clock: run.clock,
    card: run.card,
    lpa: run.lpa,
    ...(run.runtimeScript ? { runtimeScript: run.runtimeScript } : {}),
    ...(run.imei ? { imei: run.imei } : {}),
    ...(run.market ? { market: run.market } : {}),
    ...(run.location ? { location: run.location } : {}),
    ...(run.language ? { language: run.language } : {}),
    onStep: run.print,
  });
  const note = (step: string, text: string) => device.emit(step, text);
  const registered = (iccid: string) =>
    device.waitForStep(
      (s) => s.step === "registration" && s.detail?.iccid === iccid && s.detail?.to === "home",
      0,
      60_000,
    );
  const downloaded = () => device.waitForStep("download-result", 0, 60_000);
  let page: Page | undefined;
  try {
    if (run.flow === "balance-iccid") {
      // Needs one of the operator's profiles on the card: an inline purchase first when there is none.
      if (run.card.profiles().length === 0) {
        note("setup", "no profile of the operator on the eUICC: an inline purchase first");
        const first = await runFlow(device, run, "inline");
        if (!first.ok) return { ...first, device };
      }
    }
    const outcome = await runFlow(device, run, run.flow);
    page = device.session?.page;
    return { ...outcome, device };
  } finally {
    page = device.session?.page ?? page;
    if (run.screenshotPath && page && !page.isClosed()) {
      await page.screenshot({ path: run.screenshotPath, fullPage: true }).catch(() => undefined);
      note("screenshot", `final page saved to ${run.screenshotPath}`);
    }
    await device.close();
  }

  async function runFlow(
    d: WindowsDevice,
    r: WindowsPurchaseRun,
    flow: BuyFlow,
  ): Promise<{ ok: boolean; summary: string }> {
    const session = await d.launch();
    const purchase = { ...(r.msisdn ? { msisdn: r.msisdn } : {}), ...(r.plan ? { plan: r.plan } : {}) };
    if (flow === "cancel") {
      await signInAndCancel(session.page, r.msisdn);
      await d.waitForStep("return-control", 0, 30_000);
      const last = d.purchases.at(-1);
      return {
        ok: last?.moDirectStatus === "Cancelled",
        summary: `cancelled purchase reported (${last?.moDirectStatus})`,
      };
    }
    const data = await signInAndPay(session.page, {
      ...purchase,
      flow: flow === "legacy" ? "esim-inline" : PORTAL_FLOW[flow],
    });
    if (flow === "legacy")
      await session.page.evaluate(legacyInline(data.activationCode ?? "", data.metadata?.planName ?? "eSIM plan"));
    else await finish(session.page);
    if (flow === "balance") {
      await d.waitForStep("balance-added", 0, 30_000);
      return { ok: true, summary: "balance added; no profile change" };
    }
    if (flow === "balance-iccid") {
      const s = await d.waitForStep("profile-switch", 0, 30_000);
      return {
        ok: s.detail?.result === "success",
        summary: `active profile ${String(s.detail?.iccid)}: ${String(s.detail?.result)}`,
      };
    }
    if (flow === "delayed") {
      const notice = await d.waitForStep("install-later", 0, 30_000);
      const toastAt = Number(notice.detail?.toastAt);
      note("fast-forward", `simulated clock +${Math.round((toastAt - r.clock.now()) / 60_000)} min to the toast`);
      r.clock.advanceTo(toastAt);
    }
    const result = await downloaded();
    const iccid = String(result.detail?.iccid ?? "");
    if (result.detail?.result !== "success")
      return { ok: false, summary: `download failed: ${String(result.detail?.result)}` };
    if (flow === "async") {
      const scheduled = await d.waitForStep("registration-scheduled", 0, 30_000).catch(() => undefined);
      if (scheduled) {
        const at = Number(scheduled.detail?.at);
        note(
          "fast-forward",
          `simulated clock +${Math.round((at - r.clock.now()) / 60_000)} min to the registration slot`,
        );
        r.clock.advanceTo(at);
      }
    }
    await registered(iccid);
    const enabled = r.card.enabledProfile()?.iccid === iccid;
    return {
      ok: enabled,
      summary: `profile ${iccid} installed, ${enabled ? "active" : "NOT active"}, registered on the home network`,
    };
  }
}
