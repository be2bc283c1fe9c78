// The DPA answer validator is shared with the conformance runner, in @carrierkit/conformance.
export { DpaContract, type DpaOperation, type ResponseCheck } from "@carrierkit/conformance";
