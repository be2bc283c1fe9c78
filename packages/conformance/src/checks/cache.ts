import { type Check, DAY, msisdnQuery, type PlanStatusBody, userPath } from "../harness.js";

/** GTAF caches plan status until expireTime, and bypasses caches with Cache-Control: no-cache. */
export const cacheChecks: Check[] = [
  {
    name: "cache.no-cache",
    title: "Cache-Control: no-cache gets fresh data (updateTime is now, not from a DPA-side cache)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const path = userPath(msisdn, "planStatus", msisdnQuery());
      await c.call("getPlanStatus", "GET", path, { headers: { "Cache-Control": "max-age=600" } });
      const a = await c.call("getPlanStatus", "GET", path, { headers: { "Cache-Control": "no-cache" } });
      if (!c.expectStatus(a, 200, "planStatus with no-cache")) return;
      const updated = Date.parse((a.body as PlanStatusBody).updateTime ?? "");
      const skew = c.options.clockSkewMs ?? 120_000;
      if (Number.isNaN(updated) || Math.abs(c.now() - updated) > skew)
        c.fail(
          `with no-cache, updateTime ${(a.body as PlanStatusBody).updateTime} is more than ${skew / 1000} s from now`,
        );
    },
  },
  {
    name: "cache.lifetimes",
    title: "expireTime is in the future and updateTime in the past, at most 30 days old",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (!c.expectStatus(a, 200, "planStatus")) return;
      const b = a.body as PlanStatusBody;
      c.expectFuture(b.expireTime, "expireTime");
      const updated = Date.parse(b.updateTime ?? "");
      const skew = c.options.clockSkewMs ?? 120_000;
      if (updated > c.now() + skew) c.fail(`updateTime ${b.updateTime} is in the future`);
      if (updated < c.now() - 30 * DAY) c.fail(`updateTime ${b.updateTime} is more than 30 days old`);
      if (Date.parse(b.expireTime ?? "") <= updated) c.fail("expireTime is not after updateTime");
    },
  },
];
