import { type ContractClientOptions, createContractClient } from "@carrierkit/contract-runtime";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";

export type Ts43RawClient = Client<paths>;

/** A typed client of the TS.43 configuration endpoint (single requests; see `Ts43Client` for the whole flow). */
export function createTs43RawClient(options: ContractClientOptions): Ts43RawClient {
  return createContractClient<paths>(options);
}
