// What the Mobile Plans app needs of the PC's eUICC and LPA (the `Euicc` and `Lpa` classes of ./euicc.ts and ./lpa.ts
// satisfy it structurally; tests may script their own). Member names are MobilePlansActivationError's camelCase
// members (`success`, `profileNotPresent`, …); the bridge's string values come from the spec (bridge-values.ts).

export interface CardProfile {
  readonly iccid: string;
  readonly smdpAddress: string;
  readonly profileName: string;
  readonly serviceProviderName: string;
  readonly profileClass: "test" | "provisioning" | "operational";
  readonly enabled: boolean;
}

export interface CardPort {
  readonly eid: string;
  profiles(): readonly CardProfile[];
  enabledProfile(): CardProfile | undefined;
  /** SGP.22 EnableProfile: `profileNotPresent` when the ICCID is not installed. */
  enable(iccid: string): { result: string };
}

export interface DownloadProgressEvent {
  phase: "authenticating" | "downloading" | "installing" | "enabling";
  percent: number;
}

export interface DownloadOrder {
  /** `1$<SM-DP+>$<matching id>[$<oid>[$1]]`, or a bare SM-DP+ address (delayed form: download by EID). */
  activationCodeOrSmdp: string;
  confirmationCode?: () => Promise<string | undefined> | string | undefined;
  consent: () => Promise<boolean> | boolean;
  consentTimeoutMs?: number;
  onProgress?: (p: DownloadProgressEvent) => void;
  enable?: boolean;
}

export interface DownloadResult {
  /** A MobilePlansActivationError member. */
  result: string;
  /** "" when unknown. */
  iccid: string;
  failure?: { subjectCode?: string; reasonCode?: string; message: string };
}

export interface LpaPort {
  /** Never throws for protocol or network errors. */
  download(order: DownloadOrder): Promise<DownloadResult>;
  /** Failed downloads since the last call (ESimOperationStatus names): the next launch's X-MP-LPAError-* headers. */
  takeErrorHistory(): { code: string; at: number; iccid: string }[];
  /** Enables an installed profile and tells its SM-DP+ (balance addition with an ICCID); else the card's enable. */
  enableProfile?(iccid: string): Promise<DownloadResult>;
}
