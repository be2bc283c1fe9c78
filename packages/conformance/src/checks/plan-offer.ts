import { type Check, msisdnQuery, type PlanStatusBody, userPath } from "../harness.js";

/** planOffer, with and without an app context. */
export const planOfferChecks: Check[] = [
  {
    name: "planOffer.msisdn",
    title: "planOffer answers a valid PlanOffer with a future expireTime",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanOffer", "GET", userPath(msisdn, "planOffer", msisdnQuery()));
      if (c.expectStatus(a, 200, "planOffer")) c.expectFuture((a.body as PlanStatusBody).expireTime, "expireTime");
    },
  },
  {
    name: "planOffer.context",
    title: "planOffer with an app context answers a valid PlanOffer",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call(
        "getPlanOffer",
        "GET",
        userPath(msisdn, "planOffer", { ...msisdnQuery("youtube"), context: "YouTube" }),
      );
      c.expectStatus(a, [200, 501], "planOffer with context");
    },
  },
];
