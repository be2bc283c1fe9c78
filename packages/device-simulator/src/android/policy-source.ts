// The seam between the device's UE policy store (fed by the simulated network: MANAGE UE POLICY COMMAND in an N1
// message) and what uses the rules (the premium-capability state machine and the slicing data path).
import type { UrspPolicy } from "@carrierkit/ursp";

export interface UePolicySource {
  /** The URSP in force for the serving PLMN ("MCC-MNC"): the rules of every UPSC stored for it, by precedence. */
  policy(plmn: string): UrspPolicy;
  /** Called after every change (a section added, replaced or deleted); returns the unsubscribe function. */
  onChange(listener: (plmn: string) => void): () => void;
}
