// The PC's LPA (SGP.22 LPAd): downloads a profile from the SM-DP+ over ES9+ through @carrierkit/es2plus's client,
// with progress, the user's consent (with a time-out on the device clock), the confirmation code, installation on the
// eUICC, enabling, and the notifications back to the SM-DP+. Every failure ends as a MobilePlansActivationError member.
import {
  type CancelSessionReason,
  codeName,
  createEs9plusClient,
  Es2plusError,
  type Es9plusClient,
  isExecuted,
  type ResponseHeader,
} from "@carrierkit/es2plus";
import type { DeviceClock } from "../clock.js";
import {
  confirmationCodeDigest,
  hashedConfirmationCode,
  randomBase64,
  sha256,
  verifyStructure,
} from "../smdp/crypto.js";
import { type ActivationErrorMember, type EsimOperationStatus, memberOfStatus, SGP22_TO_STATUS } from "./activation.js";
import { type ParsedActivationCode, parseActivationCode, smdpBaseUrl } from "./activation-code.js";
import type { Euicc, InstalledProfile } from "./euicc.js";

export { type ActivationErrorMember, activationResultValue } from "./activation.js";
export { type ParsedActivationCode, parseActivationCode } from "./activation-code.js";

export interface DownloadProgress {
  phase: "authenticating" | "downloading" | "installing" | "enabling";
  percent: number;
}

export interface DownloadRequest {
  /** `1$<SM-DP+>$<matching id>[$<oid>[$1]]` or (delayed form, C-1) a bare SM-DP+ address: download by EID. */
  activationCodeOrSmdp: string;
  /** Asked when the code or the SM-DP+ requires a confirmation code. */
  confirmationCode?: () => Promise<string | undefined> | string | undefined;
  /** The user's consent to download the profile whose metadata the SM-DP+ sent. */
  consent: () => Promise<boolean> | boolean;
  /** Consent not given within this time (device clock, default 5 minutes) → timeoutWaitingForUserConsent. */
  consentTimeoutMs?: number;
  onProgress?: (p: DownloadProgress) => void;
  /** Enable the profile after installing it (default true). */
  enable?: boolean;
}

export interface DownloadOutcome {
  result: ActivationErrorMember;
  /** The LPA's ESimOperationStatus, when the result is one (app-specific results have none). */
  status?: EsimOperationStatus;
  /** "" when unknown. */
  iccid: string;
  failure?: { subjectCode?: string; reasonCode?: string; message: string };
}

export interface LpaOptions {
  fetch?: typeof fetch;
  deviceInfo?: { rats: ("GSM" | "UMTS" | "LTE" | "NR")[]; imei: string };
  /** Time-out of each SM-DP+ call (real time, default 30 s) → TimeoutWaitingForResponse. */
  requestTimeoutMs?: number;
  clock?: DeviceClock;
}

/** Why a download stopped: the result member, the LPA status and the cause. */
class Stop extends Error {
  constructor(
    readonly result: ActivationErrorMember,
    readonly status: EsimOperationStatus | undefined,
    readonly failure: DownloadOutcome["failure"] & object,
  ) {
    super(failure.message);
  }
}
const stop = (
  status: EsimOperationStatus,
  message: string,
  codes: { subjectCode?: string; reasonCode?: string } = {},
) => new Stop(memberOfStatus(status), status, { ...codes, message });
const appStop = (result: ActivationErrorMember, message: string) => new Stop(result, undefined, { message });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export class Lpa {
  readonly #errors: { code: string; at: number; iccid: string }[] = [];
  readonly #clock: DeviceClock;
  #downloading = false;

  constructor(
    readonly euicc: Euicc,
    readonly options: LpaOptions = {},
  ) {
    this.#clock = options.clock ?? euicc.clock;
  }

  /** Downloads, installs and (by default) enables a profile. Never throws for protocol or network errors. */
  async download(request: DownloadRequest): Promise<DownloadOutcome> {
    let iccid = "";
    const first = !this.#downloading;
    try {
      // The eUICC runs one RSP session at a time: a second download meanwhile finds the card busy.
      if (!first) throw stop("CardBusy", "another profile download is in progress on the eUICC");
      this.#downloading = true;
      this.#preflight();
      const ac = parseActivationCode(request.activationCodeOrSmdp);
      if (ac.kind === "invalid") throw appStop("invalidActivationCode", `invalid activation code: ${ac.reason}`);
      if (this.euicc.full) throw stop("InsufficientSpaceOnCard", `the eUICC holds ${this.euicc.capacity} profiles`);
      const result = await this.#download(ac, request, (i) => {
        iccid = i;
      });
      return result;
    } catch (err) {
      const s =
        err instanceof Stop ? err : new Stop("unknownError", undefined, { message: `LPA error: ${String(err)}` });
      if (s.result !== "success") this.#errors.push({ code: s.status ?? "Other", at: this.#clock.now(), iccid });
      return { result: s.result, ...(s.status ? { status: s.status } : {}), iccid, failure: s.failure };
    } finally {
      if (first) this.#downloading = false;
    }
  }

  /** Enables an installed profile and notifies its SM-DP+ (balance addition with an ICCID). */
  async enableProfile(iccid: string): Promise<DownloadOutcome> {
    try {
      this.#preflight();
    } catch (err) {
      const s = err as Stop;
      return { result: s.result, iccid: "", failure: s.failure };
    }
    const { result } = this.euicc.enable(iccid);
    if (result !== "success") return { result, iccid, failure: { message: `EnableProfile: ${result}` } };
    const profile = this.euicc.profiles().find((p) => p.iccid === iccid);
    if (profile) await this.#notify(profile, "enable").catch(() => undefined);
    return { result, iccid };
  }

  /** Failed downloads since the last call (ESimOperationStatus names): the next portal launch's X-MP-LPAError-*. */
  takeErrorHistory(): { code: string; at: number; iccid: string }[] {
    return this.#errors.splice(0);
  }

  #preflight(): void {
    const info = this.options.deviceInfo;
    if (info && (!/^[0-9]{15}$/.test(info.imei) || !luhn(info.imei) || info.rats.length === 0))
      throw appStop("lpaInitializationError", "the LPA has no valid device information (IMEI, radio technologies)");
    if (this.euicc.faults.modemMissing) throw appStop("modemNotFound", "no modem found");
    if (this.euicc.faults.settingsUnavailable) throw appStop("localSettingsAccessFailed", "local settings unreadable");
    const fault = this.euicc.faultResult();
    if (fault)
      throw new Stop(
        fault,
        fault === "cardRemoved" ? "CardRemoved" : fault === "cardBusy" ? "CardBusy" : "CardGeneralFailure",
        { message: `card: ${fault}` },
      );
  }

  #client(smdp: string): Es9plusClient {
    const timeout = this.options.requestTimeoutMs ?? 30_000;
    const base = this.options.fetch ?? fetch;
    return createEs9plusClient({
      baseUrl: smdpBaseUrl(smdp),
      fetch: (input: Request) => base(new Request(input, { signal: AbortSignal.timeout(timeout) })),
    });
  }

  /** Runs one ES9+ call, turning transport problems into statuses. */
  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Stop) throw err;
      if (err instanceof Es2plusError) {
        const { subjectCode, reasonCode } = err.statusCodeData ?? {};
        throw stop("ServerFailure", `SM-DP+ answered HTTP ${err.status}`, { subjectCode, reasonCode });
      }
      if (err instanceof SyntaxError) throw appStop("invalidJson", "the SM-DP+ answer is not JSON");
      const name = (err as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError")
        throw stop("TimeoutWaitingForResponse", "the SM-DP+ did not answer in time");
      throw stop("ServerNotReachable", `SM-DP+ not reachable: ${(err as Error).message}`);
    }
  }

  #failed(header: ResponseHeader): Stop {
    const data = header.functionExecutionStatus.statusCodeData;
    const name = codeName(data);
    const status = (name && SGP22_TO_STATUS[name]) ?? "Other";
    return stop(status, data?.message ?? `SM-DP+: ${header.functionExecutionStatus.status}`, {
      ...(data ? { subjectCode: data.subjectCode, reasonCode: data.reasonCode } : {}),
    });
  }

  async #download(
    ac: Exclude<ParsedActivationCode, { kind: "invalid" }>,
    request: DownloadRequest,
    setIccid: (iccid: string) => void,
  ): Promise<DownloadOutcome> {
    const progress = (phase: DownloadProgress["phase"], percent: number) => request.onProgress?.({ phase, percent });
    const es9 = this.#client(ac.smdp);
    const card = this.euicc;
    progress("authenticating", 0);
    const euiccChallenge = randomBase64(16);
    const init = await this.#call(() =>
      es9.initiateAuthentication({ euiccChallenge, euiccInfo1: { svn: "2.5.0" }, smdpAddress: ac.smdp }),
    );
    if (!isExecuted(init)) throw this.#failed(init.header);
    const s1 = init.serverSigned1;
    const tid = init.transactionId;
    if (!s1 || !tid || !init.serverSignature1 || !init.serverCertificate)
      throw stop("ServerFailure", "InitiateAuthentication answer without serverSigned1");
    if (
      s1.euiccChallenge !== euiccChallenge ||
      s1.serverAddress.toLowerCase() !== ac.smdp ||
      s1.transactionId !== tid ||
      !verifyStructure(init.serverCertificate, s1, init.serverSignature1) ||
      (card.trustedSmdpKeys !== undefined && !card.trustedSmdpKeys.includes(init.serverCertificate))
    )
      throw stop("ServerNotTrusted", "the SM-DP+ could not be authenticated");
    const cancel = async (reason: CancelSessionReason) => {
      const signed = { transactionId: tid, reason };
      await es9
        .cancelSession({
          transactionId: tid,
          euiccCancelSessionSigned: signed,
          euiccCancelSessionSignature: card.sign(signed),
        })
        .catch(() => undefined);
    };
    progress("authenticating", 10);
    const deviceInfo = {
      tac: (this.options.deviceInfo?.imei ?? "35290611000000").slice(0, 8),
      ...(this.options.deviceInfo ? { imei: this.options.deviceInfo.imei } : {}),
      rats: this.options.deviceInfo?.rats ?? ["LTE", "NR"],
    };
    const euiccSigned1 = {
      transactionId: tid,
      serverAddress: s1.serverAddress,
      serverChallenge: s1.serverChallenge,
      ctxParams1: { ...(ac.kind === "code" ? { matchingId: ac.matchingId } : {}), deviceInfo },
    };
    const auth = await this.#call(() =>
      es9.authenticateClient({
        transactionId: tid,
        euiccSigned1,
        euiccSignature1: card.sign(euiccSigned1),
        euiccCertificate: { eid: card.eid, publicKey: card.publicKey },
      }),
    );
    if (!isExecuted(auth)) throw this.#failed(auth.header);
    const meta = auth.profileMetadata;
    if (!meta || !auth.smdpSigned2 || !auth.smdpSignature2)
      throw stop("ServerFailure", "AuthenticateClient answer without profile metadata");
    setIccid(meta.iccid);
    if (!verifyStructure(init.serverCertificate, auth.smdpSigned2, auth.smdpSignature2))
      throw stop("ServerNotTrusted", "smdpSigned2 does not verify");
    // The eUICC's Rules Authorisation Table and profile class rules, before asking the user.
    if ((meta.pprIds ?? []).some((p) => !card.allowedPprs.includes(p))) {
      await cancel("pprNotAllowed");
      throw stop("PolicyViolation", `profile policy rules ${meta.pprIds?.join(", ")} are not allowed on this eUICC`);
    }
    if (meta.profileClass === "test" && !card.testMode) {
      await cancel("undefinedReason");
      throw stop("OperationProhibitedByProfileClass", "a test profile needs the eUICC in test mode");
    }
    const consent = await this.#consent(request);
    if (consent === "timeout") {
      await cancel("timeout");
      throw stop("TimeoutWaitingForUserConsent", "the user did not answer the consent prompt in time");
    }
    if (consent === "error") {
      await cancel("undefinedReason");
      throw appStop("unknownError", "the consent prompt failed");
    }
    if (!consent) {
      await cancel("endUserRejection");
      throw stop("OperationAborted", "the user refused the download");
    }
    let hashCc: string | undefined;
    if (auth.smdpSigned2.ccRequiredFlag || (ac.kind === "code" && ac.confirmationCodeRequired)) {
      const code = await request.confirmationCode?.();
      if (code) hashCc = hashedConfirmationCode(confirmationCodeDigest(code), tid);
    }
    progress("downloading", 40);
    const euiccSigned2 = { transactionId: tid, euiccOtpk: randomBase64(65), ...(hashCc ? { hashCc } : {}) };
    const bppAnswer = await this.#call(() =>
      es9.getBoundProfilePackage({ transactionId: tid, euiccSigned2, euiccSignature2: card.sign(euiccSigned2) }),
    );
    if (!isExecuted(bppAnswer)) throw this.#failed(bppAnswer.header);
    progress("installing", 70);
    const bpp = this.#decodePackage(bppAnswer.boundProfilePackage, tid);
    if (!bpp) {
      await cancel("loadBppExecutionError");
      throw stop("ProfileProcessingError", "the bound profile package does not verify");
    }
    if (bpp.iccid !== meta.iccid) {
      await cancel("metadataMismatch");
      throw stop("ProfileProcessingError", "the package's ICCID is not the metadata's");
    }
    const profile = { ...bpp, smdpAddress: ac.smdp, pprIds: bpp.pprIds };
    const failure = card.install(profile);
    const seq = card.nextSequenceNumber();
    await this.#call(() =>
      es9.handleNotification({
        pendingNotification: {
          notificationMetadata: {
            seqNumber: seq,
            profileManagementOperation: "install",
            notificationAddress: ac.smdp,
            iccid: meta.iccid,
          },
          transactionId: tid,
          finalResult: failure ? { success: false, errorReason: failure } : { success: true },
        },
      }),
    ).catch(() => undefined);
    if (failure === "iccidAlreadyExists") throw stop("IccidAlreadyExists", `${meta.iccid} is already on the eUICC`);
    if (failure) throw stop("InsufficientSpaceOnCard", "the eUICC is full");
    if (request.enable !== false) {
      progress("enabling", 90);
      const { result } = card.enable(meta.iccid);
      if (result !== "success")
        throw new Stop(result, undefined, { message: `installed, but EnableProfile: ${result}` });
      const installed = card.profiles().find((p) => p.iccid === meta.iccid);
      if (installed) await this.#notify(installed, "enable").catch(() => undefined);
    }
    progress(request.enable !== false ? "enabling" : "installing", 100);
    return { result: "success", status: "Success", iccid: meta.iccid };
  }

  async #consent(request: DownloadRequest): Promise<boolean | "timeout" | "error"> {
    let timer: { cancel(): void } | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = this.#clock.setTimer(request.consentTimeoutMs ?? 300_000, () => resolve("timeout"));
    });
    try {
      const answer = Promise.resolve()
        .then(() => request.consent())
        .then((v) => v === true)
        .catch(() => "error" as const);
      return await Promise.race([answer, timeout]);
    } finally {
      timer?.cancel();
    }
  }

  #decodePackage(b64: string | undefined, tid: string): Omit<InstalledProfile, "enabled" | "smdpAddress"> | undefined {
    try {
      const bpp = JSON.parse(Buffer.from(b64 ?? "", "base64").toString("utf8")) as Record<string, unknown>;
      const { sha256: digest, ...content } = bpp;
      if (digest !== sha256(JSON.stringify(content)).toString("hex") || content.transactionId !== tid) return undefined;
      return {
        iccid: String(content.iccid),
        profileName: String(content.profileName),
        serviceProviderName: String(content.serviceProviderName),
        profileClass: content.profileClass as InstalledProfile["profileClass"],
        pprIds: (content.pprIds as InstalledProfile["pprIds"]) ?? [],
      };
    } catch {
      return undefined;
    }
  }

  async #notify(profile: InstalledProfile, operation: "enable" | "disable"): Promise<void> {
    const es9 = this.#client(profile.smdpAddress);
    await es9.handleNotification({
      pendingNotification: {
        notificationMetadata: {
          seqNumber: this.euicc.nextSequenceNumber(),
          profileManagementOperation: operation,
          notificationAddress: profile.smdpAddress,
          iccid: profile.iccid,
        },
      },
    });
  }
}
