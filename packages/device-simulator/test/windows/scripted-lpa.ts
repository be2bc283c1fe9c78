// A scripted eUICC + LPA test double for the Windows device's own tests (timing, flows, reporting): profiles come from
// a `resolve` function (the test's stand-in for the SM-DP+), results can be forced per call. The real Euicc/Lpa of
// src/windows/{euicc,lpa}.ts replace it in the end-to-end tests.
import type { CardPort, CardProfile, DownloadOrder, DownloadResult, LpaPort } from "../../src/windows/lpa-port.js";

export interface ScriptedProfile {
  iccid: string;
  smdpAddress?: string;
}

const ESIM_NAME: Record<string, string> = {
  serverFailure: "ServerFailure",
  serverNotReachable: "ServerNotReachable",
  invalidMatchingId: "InvalidMatchingId",
  insufficientSpaceOnCard: "InsufficientSpaceOnCard",
  timeoutWaitingForUserConsent: "TimeoutWaitingForUserConsent",
};

export class ScriptedCard implements CardPort {
  readonly installed: { iccid: string; smdpAddress: string; enabled: boolean }[] = [];
  constructor(readonly eid = "89049032123451234512345678901235") {}
  profiles(): readonly CardProfile[] {
    return this.installed.map((p) => ({
      ...p,
      profileName: `profile ${p.iccid}`,
      serviceProviderName: "CarrierKit Mobile",
      profileClass: "operational" as const,
    }));
  }
  enabledProfile(): CardProfile | undefined {
    return this.profiles().find((p) => p.enabled);
  }
  install(iccid: string, smdpAddress = "smdp.carrierkit.dev", enable = false): void {
    this.installed.push({ iccid, smdpAddress, enabled: false });
    if (enable) this.enable(iccid);
  }
  enable(iccid: string): { result: string } {
    if (!this.installed.some((p) => p.iccid === iccid)) return { result: "profileNotPresent" };
    for (const p of this.installed) p.enabled = p.iccid === iccid;
    return { result: "success" };
  }
}

export class ScriptedLpa implements LpaPort {
  readonly orders: DownloadOrder[] = [];
  /** The next downloads' forced results (a member), consumed in order. */
  readonly forced: string[] = [];
  private errors: { code: string; at: number; iccid: string }[] = [];

  constructor(
    readonly card: ScriptedCard,
    private readonly resolve: (matchingIdOrSmdp: string) => Promise<ScriptedProfile | undefined>,
    private readonly now: () => number,
  ) {}

  async download(order: DownloadOrder): Promise<DownloadResult> {
    this.orders.push(order);
    const parts = order.activationCodeOrSmdp.split("$");
    const key = parts[0] === "1" ? (parts[2] ?? "") : order.activationCodeOrSmdp;
    const profile = await this.resolve(key);
    const iccid = profile?.iccid ?? "";
    const forced = this.forced.shift();
    const fail = (result: string): DownloadResult => {
      this.errors.push({ code: ESIM_NAME[result] ?? "Other", at: this.now(), iccid });
      return { result, iccid, failure: { message: `scripted ${result}` } };
    };
    if (forced && forced !== "success") return fail(forced);
    if (!profile) return fail("invalidMatchingId");
    if (!(await order.consent())) return fail("timeoutWaitingForUserConsent");
    for (const phase of ["authenticating", "downloading", "installing", "enabling"] as const)
      order.onProgress?.({ phase, percent: phase === "enabling" ? 100 : 50 });
    this.card.install(iccid, parts[1] ?? order.activationCodeOrSmdp, order.enable !== false);
    return { result: "success", iccid };
  }

  takeErrorHistory(): { code: string; at: number; iccid: string }[] {
    const e = this.errors;
    this.errors = [];
    return e;
  }
}
