// Type-level tests, checked by `tsc --noEmit` (the package's typecheck task in `npm test`): an expect-error directive
// that is not needed is itself a compile error, so each line fails the build if the handler types stop rejecting it.
import type { DpaHandlers } from "../src/server.js";

export const wrongHandlers: Partial<DpaHandlers> = {
  // @ts-expect-error 402 is not declared for getDpaStatus
  getDpaStatus: () => ({ status: 402, body: { status: "OPERATIONAL" } }),
  // @ts-expect-error eligiblePlans must be an array of { planId }
  listEligiblePlans: () => ({ status: 200, body: { eligiblePlans: ["p1"] } }),
};

export const rightHandlers: Partial<DpaHandlers> = {
  getDpaStatus: () => ({ status: 200, body: { status: "OPERATIONAL" } }),
  listEligiblePlans: () => ({ status: 200, body: { eligiblePlans: [{ planId: "p1" }] } }),
};
