import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConformanceReport, createDpaTokenSigner, renderHtml, runConformance } from "../src/index.js";
import { brokenDpa } from "./fixtures/broken-dpa.js";
import { AUDIENCE, demoUsers, ISSUER, TestClock } from "./harness.js";

const byStatus = (report: ConformanceReport, status: string) =>
  report.results.filter((r) => r.status === status).map((r) => r.name);

describe("the conformance suite against a deliberately broken DPA", () => {
  let server: RunningServer;
  let report: ConformanceReport;
  const clock = new TestClock();
  beforeAll(async () => {
    server = await startServer({ app: brokenDpa(clock.now), port: 0 });
    report = await runConformance({
      dpaUrl: server.url,
      signer: await createDpaTokenSigner({ issuer: ISSUER, audience: AUDIENCE, clock: clock.now }),
      clock: clock.now,
      callbackTimeoutMs: 300,
      ...demoUsers({ cpids: { valid: "a-valid-cpid", expired: "an-expired-cpid" } } as never),
    });
  }, 60_000);
  afterAll(async () => server.close());

  it("When the DPA breaks the contract, then exactly the checks aimed at its defects fail, by name", () => {
    expect(byStatus(report, "fail")).toEqual([
      "auth.missing-token",
      "auth.foreign-key",
      "auth.wrong-audience",
      "auth.expired-token",
      "planStatus.cpid",
      "planStatus.unknown-user",
      "planStatus.expired-cpid",
      "planStatus.bad-key-type",
      "planStatus.missing-client-id",
      "planOffer.msisdn",
      "i18n.accept-language",
      "cache.no-cache",
      "eligibility.one",
      "eligibility.invalid-plan",
      "eligibility.incompatible",
      "consent.record",
      "purchase.not-json",
      "purchase.invalid-plan",
      "purchase.idempotency",
      "callback.delivery",
      "register.opted-out",
    ]);
    expect(byStatus(report, "pass")).toEqual(
      expect.arrayContaining([
        "dpaStatus.operational",
        "planStatus.msisdn",
        "planStatus.roaming",
        "planOffer.context",
        "cache.lifetimes",
        "purchase.incompatible",
        "purchase.malformed",
        "register.ok",
      ]),
    );
  });

  it.each([
    ["auth.missing-token", "dpaStatus without a token: expected 401, got 200"],
    ["planStatus.unknown-user", "getPlanStatus 404 body must have required property 'cause'"],
    ["planStatus.expired-cpid", "planStatus of an expired CPID: expected 410, got 404"],
    ["purchase.not-json", "purchasePlan 400: the body is not JSON"],
    ["planOffer.msisdn", "is not in the future"],
    [
      "i18n.accept-language",
      "Accept-Language hi-IN answered languageCode fr-FR: neither that language nor the default en-US",
    ],
    ["cache.no-cache", "with no-cache, updateTime"],
    ["eligibility.one", 'eligiblePlans is [{"planId":"daily-1gb"},{"planId":"weekly-5gb"}], not only daily-1gb'],
    ["consent.record", "setConsentStatus 200 declares no body, but one was sent"],
    ["purchase.idempotency", "the same transactionId again: expected 403, got 200"],
    ["callback.delivery", "no callback reached callbackUrl within 0.3 s"],
    ["register.opted-out", "register of an opted-out user: expected 403, got 200"],
  ])("When %s fails, then its reasons say why", (name, reason) => {
    const result = report.results.find((r) => r.name === name)!;
    expect(result.reasons.join("\n")).toContain(reason);
  });

  it("When the HTML report is rendered, then failures are marked and their reasons escaped", () => {
    const html = renderHtml(report);
    expect(html).toContain('<td class="fail">FAIL</td>');
    expect(html).toContain("eligiblePlans is [{&quot;planId&quot;");
  });
});
