import { anyMsisdn, type Check, msisdnQuery, userPath } from "../harness.js";

const needsTrustedKey = "the DPA's trusted key is unknown (a static --token was given)";

/** Bearer-token handling: every call needs a token the DPA's authorization server issued, for the DPA, unexpired. */
export const authChecks: Check[] = [
  {
    name: "auth.missing-token",
    title: "A call without a bearer token is refused with 401",
    async run(c) {
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: false });
      c.expectStatus(a, 401, "dpaStatus without a token");
      if (a.status === 401 && !a.headers.get("www-authenticate"))
        c.fail("401 without a WWW-Authenticate challenge (RFC 6750)");
    },
  },
  {
    name: "auth.foreign-key",
    title: "A token signed by an unknown key is refused with 401",
    async run(c) {
      const a = await c.call("getPlanStatus", "GET", userPath(anyMsisdn(c), "planStatus", msisdnQuery()), {
        auth: await c.token("foreign"),
      });
      c.expectStatus(a, 401, "planStatus with a token of a foreign key");
    },
  },
  {
    name: "auth.wrong-audience",
    title: "A token for another audience is refused with 401",
    async run(c) {
      if (!c.runner.hasTrustedKey) c.skip(needsTrustedKey);
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: await c.token("audience") });
      c.expectStatus(a, 401, "dpaStatus with a token for another audience");
    },
  },
  {
    name: "auth.expired-token",
    title: "An expired token is refused with 401",
    async run(c) {
      if (!c.runner.hasTrustedKey) c.skip(needsTrustedKey);
      const a = await c.call("getDpaStatus", "GET", "/dpaStatus", { auth: await c.token("expired") });
      c.expectStatus(a, 401, "dpaStatus with an expired token");
    },
  },
];
