/** Valid sample arguments for every overload of bridges.json (keyed by the args pointer), canonical form. */
export const md = {
  userAccount: "New",
  purchaseInstrument: "Existing",
  line: "New",
  moDirectStatus: "Complete",
  planName: "2GB Monthly",
};
export const cancelledMd = {
  userAccount: "Existing",
  purchaseInstrument: "None",
  line: "Bailed",
  moDirectStatus: "Cancelled",
  planName: "",
};
export const code = "1$smdp.carrierkit.dev$Q4F7-K2ZP-9T3M-HX8C";
/** Luhn-valid (operator-core makeIccid("91", "01", 1n)). */
export const iccid = "8991010000000000018";

export const validArgs: Record<string, unknown[]> = {
  "#/$defs/CreatePurchaseMetaDataArgs": [],
  "#/$defs/NotifyProfileDownloadArgs": [md, code],
  "#/$defs/NotifyProfileDownloadDelayedArgs": [md, code, 15],
  "#/$defs/NotifyOperationCancelArgs": [{ Id: "op-1" }],
  "#/$defs/NotifyPurchaseWithProfileDownloadArgs": [md, code, 0],
  "#/$defs/NotifyBalanceAdditionArgs": [md],
  "#/$defs/NotifyBalanceAdditionWithIccidArgs": [md, iccid],
  "#/$defs/NotifyCancelledPurchaseArgs": [cancelledMd],
  "#/$defs/NotifyInlineProfileDownloadArgs": [md, code],
  "#/$defs/LegacyNotifyBalanceAdditionArgs": [md, iccid],
  "#/$defs/NotifyPurchaseResultArgs": [
    JSON.stringify({
      ver: "1",
      success: true,
      transactionId: "MSFT_ecf5a4d6-024c-46c3-8fcd-2c1f0deed572",
      activationCode: "1$trl.prod.ondemandconnectivity.com$JO46UQDI07IKQDGG",
      iccid: "8988247000101997790",
      purchaseResult: JSON.stringify({
        userAccount: "New",
        purchaseInstrument: "New",
        line: "New",
        moDirectStatus: "Complete",
        planName: "MyPlan",
      }),
    }),
  ],
  "#/$defs/GetRequestedCapabilityArgs": [],
  "#/$defs/NotifyPurchaseSuccessfulArgs": [],
  "#/$defs/NotifyPurchaseSuccessfulWithDurationArgs": [3_600_000],
  "#/$defs/NotifyPurchaseFailedArgs": [3, "Payment declined by the wallet"],
  "#/$defs/DismissFlowArgs": [],
};

/** A value of the wrong shape for each parameter type (by the parameter's title). */
export const wrongValue: Record<string, unknown> = {
  purchaseMetaData: { moDirectStatus: "Complete" },
  activationCode: "LPA:2$smdp$x",
  downloadDelay: -1,
  networkRegistrationInterval: 1.5,
  operationContext: { id: "lower-case key" },
  iccid: "1234",
  notificationPayload: "{not json",
  duration: "3600",
  code: 9,
  reason: 42,
};
