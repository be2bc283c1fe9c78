export * from "./android.js";
export { parseHex, toHex } from "./bytes.js";
export { decodeUrsp, encodeUrsp } from "./codec.js";
export { ROUTE_SELECTION_COMPONENTS, TRAFFIC_DESCRIPTOR_COMPONENTS } from "./components.js";
export * from "./delivery.js";
export * from "./errors.js";
export { urspPolicySchema } from "./generated/ursp-policy-schema.js";
export type * from "./model.js";
export * from "./validate.js";
