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
  type Clock,
  configExpiresAt,
  type DataBoostStatus,
  dataBoostCharacteristic,
  isTokenValid,
  readDataBoost,
  tokenExpiresAt,
} from "./config/databoost.js";
export {
  type Characteristic,
  ConfigDocError,
  type EntitlementDocument,
  parseJsonDocument,
  parseXmlDocument,
  toJsonDocument,
  toXmlDocument,
} from "./config/document.js";
export {
  type AkaVectorSource,
  type AuthenticatorFailure,
  type AuthenticatorOptions,
  type AuthenticatorOutcome,
  EapAkaAuthenticator,
  EapAkaPeer,
  EapAkaServer,
  type EapAkaServerState,
  imsiFromPermanentIdentity,
  type PeerOutcome,
  type ServerOutcome,
} from "./eap/aka.js";
export {
  type AkaKeys,
  akaMac,
  checkcode,
  deriveAkaKeys,
  fips186Prf,
  signAka,
  verifyAkaMac,
} from "./eap/keys.js";
export {
  AkaAttribute,
  type AkaAttributes,
  AkaClientError,
  AkaNotification,
  AkaSubtype,
  type AttributeInput,
  attr,
  type DecodeResult,
  decodeAka,
  decodeEap,
  EAP_TYPE_AKA,
  EapCode,
  EapDecodeError,
  type EapDecodeErrorCode,
  type EapPacket,
  encodeAka,
  encodeEapResult,
  identityValue,
  readAka,
  tryDecodeEap,
} from "./eap/packet.js";
export { type ConfigurationResult, rootNai, Ts43Client, Ts43ClientError, type Ts43ClientOptions } from "./flow.js";
export { openapiDocument } from "./generated/spec.js";
export * from "./types.js";
