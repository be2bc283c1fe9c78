import type { Check } from "../harness.js";

/** GTAF's health probe of the DPA. */
export const dpaStatusChecks: Check[] = [
  {
    name: "dpaStatus.operational",
    title: "dpaStatus answers 200 OPERATIONAL",
    async run(c) {
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus");
      if (c.expectStatus(a, 200, "dpaStatus") && (a.body as { status?: string })?.status !== "OPERATIONAL")
        c.fail(`dpaStatus 200 says ${(a.body as { status?: string })?.status}, not OPERATIONAL`);
    },
  },
];
