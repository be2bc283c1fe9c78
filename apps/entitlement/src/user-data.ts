/** The purchase grant codec lives in operator-core (the portal redeems what this server issues); re-exported here. */
export { type PurchaseGrant, PurchaseGrantCodec, type ReadGrant } from "@carrierkit/operator-core";
