import { TestClock } from "@carrierkit/operator-core/testing";
import { describe, expect, it } from "vitest";
import { createSigner } from "../src/index.js";

describe("GTAF mock access-token verification", () => {
  it.each([
    ["an hour ahead of the verifier's clock", 3600_000, false],
    ["a minute ahead (beyond the 30 s skew)", 60_000, false],
    ["20 s ahead (within the skew)", 20_000, true],
    ["on time", 0, true],
  ])("When a token was issued %s, then it is accepted: %s", async (_name, aheadMs, accepted) => {
    const clock = new TestClock();
    const signer = await createSigner({ issuer: "https://gtaf.test", dpaAudience: "dpa", clock: clock.now });
    clock.advance(aheadMs);
    const token = await signer.mintAccessToken({ subject: "dpa", operatorId: "64500", ttlSeconds: 7200 });
    clock.advance(-aheadMs);
    const verified = signer.verifyAccessToken(token);
    if (accepted) await expect(verified).resolves.toMatchObject({ sub: "dpa" });
    else await expect(verified).rejects.toMatchObject({ code: "ERR_JWT_IAT_IN_FUTURE" });
  });
});
