import { anyMsisdn, type Check, cpidQuery, msisdnQuery, type PlanStatusBody, userPath } from "../harness.js";

/** planStatus by MSISDN and CPID, for each client, and its error answers. */
export const planStatusChecks: Check[] = [
  {
    name: "planStatus.msisdn",
    title: "planStatus by MSISDN answers a valid PlanStatus",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (c.expectStatus(a, 200, "planStatus")) c.expectFuture((a.body as PlanStatusBody).expireTime, "expireTime");
    },
  },
  {
    name: "planStatus.cpid",
    title: "planStatus by a valid CPID answers a valid PlanStatus",
    async run(c) {
      const cpid = c.need(c.options.cpid, "--cpid", "a valid CPID");
      const a = await c.call("getPlanStatus", "GET", userPath(cpid, "planStatus", cpidQuery()));
      c.expectStatus(a, 200, "planStatus by CPID");
    },
  },
  {
    name: "planStatus.youtube",
    title: "planStatus for client_id=youtube answers a valid PlanStatus (or 501)",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery("youtube")));
      c.expectStatus(a, [200, 501], "planStatus for youtube");
    },
  },
  {
    name: "planStatus.unknown-user",
    title: "An MSISDN that does not exist answers 404 INVALID_NUMBER",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(c.options.unknownMsisdn ?? "100000000000", "planStatus", msisdnQuery()),
      );
      if (c.expectStatus(a, 404, "planStatus of an unknown MSISDN"))
        c.expectCause(a, "INVALID_NUMBER", "unknown MSISDN");
    },
  },
  {
    name: "planStatus.invalid-cpid",
    title: "A CPID the DPA never issued answers 404 INVALID_NUMBER (or 410 BAD_CPID)",
    async run(c) {
      const a = await c.call("getPlanStatus", "GET", userPath("conformance-not-a-cpid", "planStatus", cpidQuery()));
      if (c.expectStatus(a, [404, 410], "planStatus of a made-up CPID"))
        c.expectCause(a, a.status === 404 ? "INVALID_NUMBER" : "BAD_CPID", "made-up CPID");
    },
  },
  {
    name: "planStatus.expired-cpid",
    title: "An expired CPID answers 410 BAD_CPID",
    async run(c) {
      const cpid = c.need(c.options.expiredCpid, "--expired-cpid", "a CPID past its TTL");
      const a = await c.call("getPlanStatus", "GET", userPath(cpid, "planStatus", cpidQuery()));
      if (c.expectStatus(a, 410, "planStatus of an expired CPID")) c.expectCause(a, "BAD_CPID", "expired CPID");
    },
  },
  {
    name: "planStatus.roaming",
    title: "A roaming user who disabled DPA queries answers 403 USER_ROAMING",
    async run(c) {
      const msisdn = c.need(c.options.roamingMsisdn, "--roaming-msisdn", "a user roaming with DPA queries disabled");
      const a = await c.call("getPlanStatus", "GET", userPath(msisdn, "planStatus", msisdnQuery()));
      if (c.expectStatus(a, 403, "planStatus of a roaming user")) c.expectCause(a, "USER_ROAMING", "roaming user");
    },
  },
  {
    name: "planStatus.bad-key-type",
    title: "An unknown key_type answers 400 BAD_REQUEST",
    async run(c) {
      const a = await c.call(
        "getPlanStatus",
        "GET",
        userPath(anyMsisdn(c), "planStatus", { key_type: "IMSI", client_id: "mobiledataplan" }),
      );
      if (c.expectStatus(a, 400, "key_type=IMSI")) c.expectCause(a, "BAD_REQUEST", "bad key_type");
    },
  },
  {
    name: "planStatus.missing-client-id",
    title: "A call without client_id answers 400 (client_id is mandatory since June 2019)",
    async run(c) {
      const a = await c.call("getPlanStatus", "GET", userPath(anyMsisdn(c), "planStatus", { key_type: "MSISDN" }));
      c.expectStatus(a, 400, "planStatus without client_id");
    },
  },
];
