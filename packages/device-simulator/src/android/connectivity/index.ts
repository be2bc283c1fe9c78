// The slicing data path of the simulated Android device: network requests by slice category, traffic descriptors,
// URSP route selection in the modem (IRadio 1.6), PDU sessions per (S-NSSAI, DNN), work profile and DPC.
export * from "./categories.js";
export * from "./connectivity-service.js";
export * from "./device-policy.js";
export * from "./errors.js";
export * from "./modem.js";
export * from "./traffic-descriptor.js";
