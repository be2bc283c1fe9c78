import { type Check, msisdnQuery, userPath } from "../harness.js";

/** The user's consent decisions, forwarded by GTAF. */
export const consentChecks: Check[] = [
  {
    name: "consent.record",
    title: "A consent decision is recorded with 200 and an empty body (or 501)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("setConsentStatus", "POST", userPath(msisdn, "consent", msisdnQuery()), {
        body: { consentAction: "CONSENT_USER_OPT_IN", actionTimestamp: new Date(c.now()).toISOString() },
      });
      c.expectStatus(a, [200, 501], "consent");
    },
  },
  {
    name: "consent.bad-action",
    title: "An unknown consentAction answers 400",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("setConsentStatus", "POST", userPath(msisdn, "consent", msisdnQuery()), {
        body: { consentAction: "MAYBE", actionTimestamp: new Date(c.now()).toISOString() },
      });
      c.expectStatus(a, 400, "consent with an unknown action");
    },
  },
];
