import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChaosStore,
  createChaosStore,
  createSigner,
  type DpaProcess,
  launchDpa,
  protectedOperations,
  runAuthMatrix,
  type Signer,
} from "../src/index.js";

describe("auth suite against the reference DPA", () => {
  let store: ChaosStore;
  let signer: Signer;
  let dpa: DpaProcess;
  beforeAll(async () => {
    store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100" });
    signer = await createSigner();
    dpa = await launchDpa({ location: store.location, jwks: signer.jwks });
  });
  afterAll(async () => {
    await dpa?.stop();
    await store?.cleanup();
  });

  it("When the DPA contract is read, then every one of its operations requires a credential", () => {
    expect(protectedOperations("dpa").map((o) => o.operationId)).toHaveLength(9);
  });

  it("When every protected operation is called with every kind of bad token, then each answer is 401 in the error body", async () => {
    const r = await runAuthMatrix(dpa.url, signer);
    expect(r.uncovered).toEqual([]);
    expect(r.controlFailures).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.refused).toBe(r.operations * r.credentials);
    expect(r.credentials).toBeGreaterThanOrEqual(15);
  }, 60_000);
});
