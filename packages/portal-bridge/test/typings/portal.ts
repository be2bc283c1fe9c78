// A portal script written against the generated globals (compiled by test/drift.test.ts, never run).
const md = MobilePlans.createPurchaseMetaData();
md.userAccount = MobilePlansUserAccount.new;
md.purchaseInstrument = MobilePlansPurchaseInstrument.existing;
md.line = MobilePlansLineType.new;
md.moDirectStatus = MobilePlansMoDirectStatus.complete;
md.planName = "2GB Monthly";
MobilePlansInlineOperations.registrationChangedScript = "onRegistrationChanged";
const op: MobilePlansOperationContext = MobilePlansInlineOperations.notifyProfileDownload(md, "1$smdp.example$ABC", 15);
MobilePlansInlineOperations.notifyOperationCancel(op);
MobilePlans.notifyPurchaseWithProfileDownload(md, "1$smdp.example$ABC", 0);
MobilePlansInlineOperations.notifyBalanceAddition(md, "8991010000000000018");
function onRegistrationChanged(json: string): boolean {
  const args = JSON.parse(json) as MobilePlansProfileRegistrationCompleteArgs;
  return args.networkRegistrationState === MobilePlansNetworkRegistrationState.home;
}
if (typeof DataBoostWebServiceFlow !== "undefined") {
  const cap: DataBoostPremiumCapability = DataBoostWebServiceFlow.getRequestedCapability();
  if (cap === 34) DataBoostWebServiceFlow.notifyPurchaseSuccessful(3_600_000);
  DataBoostWebServiceFlow.notifyPurchaseFailed(3, "Payment declined");
}

export { onRegistrationChanged };
