/** Why the runtime rewrote or flagged an accepted value. */
export type WarningCode = "alias" | "undocumented-value" | "check-digit";

/** Something the portal did that is accepted but not canonical: reported to the host and the page console. */
export interface BridgeWarning {
  readonly code: WarningCode;
  /** Where, e.g. `purchaseMetaData.lineType` or `MobilePlansInlineProfileDownload.registrationChangedScript`. */
  readonly path: string;
  readonly message: string;
  readonly given?: unknown;
  readonly canonical?: unknown;
}

/** Why a call, property value or callback argument was refused. */
export interface BridgeProblem {
  readonly path: string;
  readonly message: string;
}
