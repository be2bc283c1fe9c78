import { type Check, userPath } from "../harness.js";

const eligibilityPath = (msisdn: string, planId?: string) =>
  userPath(msisdn, planId === undefined ? "Eligibility" : `Eligibility/${encodeURIComponent(planId)}`, {
    key_type: "MSISDN",
  });

/** Plan eligibility, listed and for one plan. */
export const eligibilityChecks: Check[] = [
  {
    name: "eligibility.list",
    title: "Eligibility without planId lists plans (or answers 400 when the DPA cannot list)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("listEligiblePlans", "GET", eligibilityPath(msisdn));
      c.expectStatus(a, [200, 400], "Eligibility list");
    },
  },
  {
    name: "eligibility.one",
    title: "Eligibility of one plan answers only that plan (or 409)",
    async run(c) {
      const p = c.need(c.options.purchase, "--purchase", "msisdn:planId, a plan the user can buy now");
      const a = await c.call("getPlanEligibility", "GET", eligibilityPath(p.msisdn, p.planId));
      if (!c.expectStatus(a, [200, 409], "Eligibility of one plan")) return;
      const plans = (a.body as { eligiblePlans?: Array<{ planId: string }> }).eligiblePlans;
      if (a.status === 200 && JSON.stringify(plans) !== JSON.stringify([{ planId: p.planId }]))
        c.fail(`eligiblePlans is ${JSON.stringify(plans)}, not only ${p.planId}`);
    },
  },
  {
    name: "eligibility.invalid-plan",
    title: "Eligibility of an unknown plan answers 400",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanEligibility", "GET", eligibilityPath(msisdn, "conformance-no-such-plan"));
      c.expectStatus(a, 400, "Eligibility of an unknown plan");
    },
  },
  {
    name: "eligibility.incompatible",
    title: "Eligibility of an incompatible plan answers 409",
    async run(c) {
      const p = c.need(c.options.incompatible, "--incompatible", "msisdn:planId incompatible with the user's plans");
      const a = await c.call("getPlanEligibility", "GET", eligibilityPath(p.msisdn, p.planId));
      c.expectStatus(a, 409, "Eligibility of an incompatible plan");
    },
  },
];
