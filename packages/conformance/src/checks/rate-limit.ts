import type { Check } from "../harness.js";

/** Rate limiting: a 429 must carry Retry-After (validated on every 429 by the contract check). */
export const rateLimitChecks: Check[] = [
  {
    name: "rate-limit.retry-after",
    title: "Too many requests answer 429 with Retry-After",
    async run(c) {
      const n = c.need(c.options.flood, "--flood", "a number of concurrent requests that exceeds the DPA's rate limit");
      const answers = await Promise.all(Array.from({ length: n }, () => c.call("getDpaStatus", "GET", "/dpaStatus")));
      const limited = answers.filter((a) => a.status === 429);
      if (limited.length === 0) c.skip(`no 429 after ${n} concurrent requests`);
      c.calls.splice(0, c.calls.length, ...c.calls.filter((x) => x.status === 429).slice(0, 3));
    },
  },
];
