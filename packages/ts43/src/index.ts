export {
  type AucOptions,
  type AucSubscriber,
  AuthenticationCentre,
  type AuthenticationVector,
  generateVector,
  nextSqn,
  ResyncError,
  resynchronise,
  type SubscriberKeys,
  UnknownSubscriberError,
} from "./aka/auc.js";
export { fromHex, hex, sqnBytes, sqnValue } from "./aka/bytes.js";
export {
  computeOpc,
  f1,
  f1Star,
  f2,
  f3,
  f4,
  f5,
  f5Star,
  f2345,
  type MilenageOutputs,
  milenage,
} from "./aka/milenage.js";
export { SoftUsim, type SoftUsimOptions, type SoftUsimState, type UsimResult } from "./aka/usim.js";
export { createTs43RawClient, type Ts43RawClient } from "./client.js";
export {
  type Characteristic,
  ConfigDocError,
  type EntitlementDocument,
  parseJsonDocument,
  parseXmlDocument,
  toJsonDocument,
  toXmlDocument,
} from "./config/document.js";
export { EapAkaPeer, EapAkaServer, type PeerOutcome, type ServerOutcome } from "./eap/aka.js";
export { type AkaKeys, akaMac, deriveAkaKeys, fips186Prf } from "./eap/keys.js";
export {
  AkaAttribute,
  AkaSubtype,
  type AttributeInput,
  attr,
  decodeEap,
  EAP_TYPE_AKA,
  EapCode,
  EapDecodeError,
  type EapPacket,
  encodeAka,
  encodeEapResult,
} from "./eap/packet.js";
export { type ConfigurationResult, rootNai, Ts43Client, Ts43ClientError, type Ts43ClientOptions } from "./flow.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
