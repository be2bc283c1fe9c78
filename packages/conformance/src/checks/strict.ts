import { type Check, type CheckContext, msisdnQuery, userPath } from "../harness.js";

type Named = { planId?: string; planName?: string };
const label = (list: string, i: number, item: Named) =>
  `${list}[${i}]${item.planId ? ` (planId ${item.planId})` : item.planName ? ` (${item.planName})` : ""}`;

async function planOffer(
  c: CheckContext,
): Promise<{ languageCode?: string; offers?: Array<Named & { languageCode?: string }> } | undefined> {
  const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
  const a = await c.call("getPlanOffer", "GET", userPath(msisdn, "planOffer", msisdnQuery()));
  return c.expectStatus(a, 200, "planOffer") ? (a.body as never) : undefined;
}

/**
 * The `strict` profile: fields the Data Plan Agent API guide marks required (its PlanStatus and PlanOffer examples
 * and its internationalisation section) that the contract, following Google's current API reference, leaves
 * optional. Only these checks differ between the profiles.
 */
export const strictChecks: Check[] = [
  {
    name: "strict.plan-expiration-time",
    title: "Every Plan in planStatus has expirationTime (for postpaid plans, the renewal date)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (!c.expectStatus(a, 200, "planStatus")) return;
      const plans = (a.body as { plans?: Array<Named & { expirationTime?: string }> }).plans ?? [];
      if (plans.length === 0) c.skip(`${msisdn} has no plans to inspect (give --msisdn of a user with a plan)`);
      for (const [i, plan] of plans.entries())
        if (plan.expirationTime === undefined) c.fail(`${label("plans", i, plan)} has no expirationTime`);
    },
  },
  {
    name: "strict.plan-offer-language-code",
    title: "planOffer answers a PlanOffer with languageCode",
    async run(c) {
      const body = await planOffer(c);
      if (body && body.languageCode === undefined) c.fail("the PlanOffer has no languageCode");
    },
  },
  {
    name: "strict.offer-language-code",
    title: "Every offer in planOffer has languageCode",
    async run(c) {
      const body = await planOffer(c);
      if (!body) return;
      const offers = body.offers ?? [];
      if (offers.length === 0)
        c.skip(`${c.options.msisdn} has no offers to inspect (give --msisdn of a user with offers)`);
      for (const [i, offer] of offers.entries())
        if (offer.languageCode === undefined) c.fail(`${label("offers", i, offer)} has no languageCode`);
    },
  },
];
