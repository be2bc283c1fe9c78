import type { Check } from "../harness.js";
import { transactionId as newTransactionId, purchasePath } from "./purchase.js";

/** A queued purchase, its answer, and the TransactionResponse the DPA later POSTs to callbackUrl. */
export const callbackChecks: Check[] = [
  {
    name: "callback.delivery",
    title: "A queued purchase answers 200 with only transactionStatus, and its result is POSTed to callbackUrl",
    async run(c) {
      const p = c.need(c.options.queued, "--queued", "msisdn:planId of a plan the DPA queues");
      const receiver = await c.receiver();
      const transactionId = newTransactionId();
      const body = {
        planId: p.planId,
        transactionId,
        callbackUrl: `${receiver.url}/v1/purchaseCallbacks/${transactionId}`,
      };
      const path = purchasePath(p.msisdn);
      const first = await c.call("purchasePlan", "POST", path, { body });
      if (!c.expectStatus(first, 200, "queued purchase")) return;
      const status = (first.body as { transactionStatus?: string }).transactionStatus;
      if (status !== "TRANSACTION_STATUS_UNSPECIFIED")
        c.skip(`the DPA executed ${p.planId} at once (${status}); nothing to call back`);
      if (Object.keys(first.body as object).length !== 1) c.fail("a queued answer must fill only transactionStatus");
      const again = await c.call("purchasePlan", "POST", path, { body });
      if (c.expectStatus(again, 403, "the queued transactionId again"))
        c.expectCause(again, ["REQUEST_QUEUED", "DUPLICATE_TRANSACTION"], "repeat while queued");
      const timeoutMs = c.options.callbackTimeoutMs ?? 30_000;
      const delivered = await receiver.wait(transactionId, timeoutMs);
      if (!delivered) {
        c.fail(`no callback reached callbackUrl within ${timeoutMs / 1000} s`);
        return;
      }
      c.calls.push({ method: "POST", url: body.callbackUrl, requestBody: delivered.body, violations: [], status: 200 });
      if (!/^application\/json/i.test(delivered.contentType))
        c.fail(`the callback's content-type is '${delivered.contentType}'`);
      for (const v of c.runner.contract.checkSchema("TransactionResponse", delivered.body))
        c.fail(`callback body: ${v}`);
      const cb = delivered.body as {
        transactionStatus?: string;
        purchase?: { transactionId?: string; planId?: string };
      };
      if (cb.purchase?.transactionId !== transactionId || cb.purchase?.planId !== p.planId)
        c.fail("the callback's purchase.transactionId / planId do not match the request");
      if (cb.transactionStatus === "TRANSACTION_STATUS_UNSPECIFIED")
        c.fail("the callback still says TRANSACTION_STATUS_UNSPECIFIED");
    },
  },
];
