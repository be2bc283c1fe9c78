import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConformanceReport, checks, runConformance } from "../src/index.js";
import { omittingProxy } from "./fixtures/omitting-proxy.js";
import { demoUsers, type ReferenceDpa, startReferenceDpa } from "./harness.js";

/** A DPA that follows the published contract but omits the optional fields the strict profile requires. */
describe.each(["default", "strict"] as const)(
  "the %s profile against a DPA that omits the guide's required fields",
  (profile) => {
    let h: ReferenceDpa;
    let proxy: Awaited<ReturnType<typeof omittingProxy>>;
    let report: ConformanceReport;
    beforeAll(async () => {
      h = await startReferenceDpa();
      proxy = await omittingProxy(h.url);
      report = await runConformance({
        dpaUrl: proxy.url,
        signer: h.signer,
        clock: h.clock.now,
        callbackTimeoutMs: 5000,
        profile,
        ...demoUsers(h.demo),
      });
    }, 60_000);
    afterAll(async () => {
      await proxy.close();
      await h.close();
    });

    const failures = () => report.results.filter((r) => r.status === "fail");

    if (profile === "default")
      it("When the profile is default, then the DPA passes: the contract leaves those fields optional", () => {
        expect(failures().map((r) => [r.name, r.reasons])).toEqual([]);
        expect(report.summary).toEqual({ pass: checks.length - 1, fail: 0, skip: 1, total: checks.length });
      });
    else
      it("When the profile is strict, then exactly the three strict checks fail, each naming what is missing", () => {
        expect(Object.fromEntries(failures().map((r) => [r.name, r.reasons]))).toEqual({
          "strict.plan-expiration-time": expect.arrayContaining([
            expect.stringMatching(/^plans\[0\] \(planId [^)]+\) has no expirationTime$/),
          ]),
          "strict.plan-offer-language-code": ["the PlanOffer has no languageCode"],
          "strict.offer-language-code": expect.arrayContaining([
            expect.stringMatching(/^offers\[0\] \(planId [^)]+\) has no languageCode$/),
          ]),
        });
        const expiry = failures().find((r) => r.name === "strict.plan-expiration-time")!;
        expect(expiry.reasons.every((x) => x.endsWith("has no expirationTime"))).toBe(true);
        expect(report.summary).toEqual({ pass: checks.length - 1, fail: 3, skip: 1, total: checks.length + 3 });
      });
  },
);
