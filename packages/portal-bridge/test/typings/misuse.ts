// Each line must fail to compile (test/drift.test.ts counts the errors per line).
MobilePlansInlineOperations.notifyProfileDownload({ moDirectStatus: "Complete", planName: "x" }, "1$a.b$C", "15");
MobilePlans.notifyCancelledPurchase({ moDirectStatus: "cancelled", planName: "" });
MobilePlansInlineOperations.notifyOperationCancel({ id: "x" });
DataBoostWebServiceFlow.dismissFlow();
MobilePlans.createPurchaseMetaData().planName = 3;

export {};
