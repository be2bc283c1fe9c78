import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChaosStore,
  createChaosStore,
  createSigner,
  type DpaProcess,
  dpaRequests,
  launchDpa,
  runHostile,
} from "../src/index.js";

const MSISDN = "919876543210";
const isDpaError = (b: unknown) =>
  typeof b === "object" && b !== null && typeof (b as { error?: unknown }).error === "string";

describe("hostile-input suite against the reference DPA", () => {
  let store: ChaosStore;
  let dpa: DpaProcess;
  let token: string;
  beforeAll(async () => {
    store = await createChaosStore("sqlite", { prepaid: 1, postpaid: 0, balance: "100" });
    const signer = await createSigner();
    token = await signer.token();
    dpa = await launchDpa({ location: store.location, jwks: signer.jwks });
  });
  afterAll(async () => {
    await dpa?.stop();
    await store?.cleanup();
  });

  it("When every operation gets every generated invalid request, then no answer is 5xx, each is in the error body, and the DPA stays up", async () => {
    const requests = Object.fromEntries(
      Object.entries(dpaRequests(MSISDN)).map(([op, make]) => {
        const r = make();
        return [
          op,
          {
            base: { ...r, headers: { Authorization: `Bearer ${token}` } },
            pathParam: r.url.includes(MSISDN) ? { value: MSISDN } : undefined,
          },
        ];
      }),
    );
    const r = await runHostile({
      contract: "dpa",
      url: dpa.url,
      requests,
      isErrorBody: isDpaError,
      alive: async () => (await fetch(`${dpa.url}/healthz`)).ok,
    });
    expect(r.failures).toEqual([]);
    expect(r.aliveAfter).toBe(true);
    expect(r.requests).toBeGreaterThan(400);
  }, 120_000);
});
