import { randomUUID } from "node:crypto";
import { normalizeDpaError } from "@carrierkit/dpa";
import { type Check, msisdnQuery, userPath } from "../harness.js";

/** A fresh transactionId, as GTAF makes one per purchase attempt. */
export const transactionId = () => `ck-${randomUUID()}`;

export const purchasePath = (msisdn: string) => userPath(msisdn, "purchasePlan", msisdnQuery());

/** purchasePlan: malformed requests, refusals, and idempotency by transactionId. */
export const purchaseChecks: Check[] = [
  {
    name: "purchase.malformed",
    title: "A purchase without transactionId answers 400 BAD_REQUEST",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("purchasePlan", "POST", purchasePath(msisdn), { body: { planId: "x" } });
      if (c.expectStatus(a, 400, "purchase without transactionId"))
        c.expectCause(a, "BAD_REQUEST", "malformed purchase");
    },
  },
  {
    name: "purchase.not-json",
    title: "A purchase body that is not JSON answers 400 or 415",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const a = await c.call("purchasePlan", "POST", purchasePath(msisdn), {
        rawBody: "planId=x",
        headers: { "Content-Type": "text/plain" },
      });
      c.expectStatus(a, [400, 415], "purchase with a text body");
    },
  },
  {
    name: "purchase.invalid-plan",
    title: "Buying an unknown plan answers 400, and repeating it answers 403 with the same cause",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const body = { planId: "conformance-no-such-plan", transactionId: transactionId() };
      const path = purchasePath(msisdn);
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 400, "purchase of an unknown plan")) return;
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the same failed transactionId again"))
        c.expectCause(again, normalizeDpaError(first.body)?.cause ?? "BAD_REQUEST", "repeated failed transaction");
    },
  },
  {
    name: "purchase.insufficient-balance",
    title: "Buying a plan the balance does not cover answers 402",
    async run(c) {
      const p = c.need(
        c.options.insufficientBalance,
        "--insufficient-balance",
        "msisdn:planId beyond the user's balance",
      );
      const a = await c.call("purchasePlan", "POST", purchasePath(p.msisdn), {
        body: { planId: p.planId, transactionId: transactionId() },
      });
      c.expectStatus(a, 402, "purchase beyond the balance");
    },
  },
  {
    name: "purchase.incompatible",
    title: "Buying an incompatible plan answers 409",
    async run(c) {
      const p = c.need(c.options.incompatible, "--incompatible", "msisdn:planId incompatible with the user's plans");
      const a = await c.call("purchasePlan", "POST", purchasePath(p.msisdn), {
        body: { planId: p.planId, transactionId: transactionId() },
      });
      c.expectStatus(a, 409, "purchase of an incompatible plan");
    },
  },
  {
    name: "purchase.idempotency",
    title: "A purchase executes once; the same transactionId again answers 403 DUPLICATE_TRANSACTION",
    async run(c) {
      const p = c.need(c.options.purchase, "--purchase", "msisdn:planId, a plan the user can buy now");
      const body = { planId: p.planId, transactionId: transactionId() };
      const path = purchasePath(p.msisdn);
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 200, "purchase")) return;
      const r = first.body as { transactionStatus?: string; purchase?: { planId?: string; transactionId?: string } };
      if (r.purchase && (r.purchase.planId !== p.planId || r.purchase.transactionId !== body.transactionId))
        c.fail("purchase.planId / purchase.transactionId are not copied from the request");
      const queued = r.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED";
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the same transactionId again"))
        c.expectCause(
          again,
          queued ? ["REQUEST_QUEUED", "DUPLICATE_TRANSACTION"] : "DUPLICATE_TRANSACTION",
          "duplicate",
        );
    },
  },
];
