import type { Check } from "../harness.js";

/** MSISDN registration (GTAF registers users of apps with MSISDN access). */
export const registerChecks: Check[] = [
  {
    name: "register.ok",
    title: "Registering an opted-in MSISDN answers its expirationTime",
    async run(c) {
      const msisdn = c.need(c.options.registerMsisdn, "--register-msisdn", "an opted-in, non-roaming user");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      if (!c.expectStatus(a, 200, "register")) return;
      const r = a.body as { msisdn?: string; expirationTime?: string };
      c.expectFuture(r.expirationTime, "expirationTime");
      if (r.msisdn?.replace(/^\+/, "") !== msisdn.replace(/^\+/, "")) c.fail(`registered ${r.msisdn}, not ${msisdn}`);
    },
  },
  {
    name: "register.opted-out",
    title: "Registering a user who has not opted in answers 403",
    async run(c) {
      const msisdn = c.need(c.options.optedOutMsisdn, "--opted-out-msisdn", "a user who has not opted in to sharing");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      c.expectStatus(a, 403, "register of an opted-out user");
    },
  },
  {
    name: "register.roaming",
    title: "Registering a roaming user answers 403",
    async run(c) {
      const msisdn = c.need(c.options.roamingMsisdn, "--roaming-msisdn", "a user roaming with DPA queries disabled");
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn } });
      c.expectStatus(a, 403, "register of a roaming user");
    },
  },
  {
    name: "register.malformed",
    title: "Registering something that is not an MSISDN answers 400",
    async run(c) {
      const a = await c.call("registerMsisdn", "POST", "/register", { body: { msisdn: "not-a-number" } });
      c.expectStatus(a, 400, "register of 'not-a-number'");
    },
  },
];
