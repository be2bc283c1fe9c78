import { DpaError, type OperationId } from "@carrierkit/dpa";
import type { DpaHandlers } from "@carrierkit/dpa/server";
import { negotiateLanguage } from "../i18n.js";
import type { DpaService } from "../service.js";

/** HTTP → service for every DPA operation. Operations listed in `disabled` answer 501. */
export function dpaHandlers(service: DpaService, disabled: ReadonlySet<OperationId>): DpaHandlers {
  const { policy } = service;
  const language = (header: string | string[] | undefined) =>
    negotiateLanguage(Array.isArray(header) ? header.join(",") : header, policy.defaultLanguage, policy.languages);
  const gate = (op: OperationId) => {
    if (disabled.has(op)) throw new DpaError(501, "SERVICE_UNAVAILABLE", `This DPA does not implement ${op}.`);
  };

  return {
    getPlanStatus: ({ params, query, headers }) =>
      service.guard(async () => {
        gate("getPlanStatus");
        service.checkClient(query.client_id);
        const sub = await service.resolveUser(params.userKey, query.key_type);
        const lang = language(headers["accept-language"]);
        const noCache = /\bno-cache\b/i.test(String(headers["cache-control"] ?? ""));
        const body = await service.planStatus(sub, query.client_id, lang, noCache);
        return { status: 200, body, headers: { "Content-Language": body.languageCode } };
      }),

    getPlanOffer: ({ params, query, headers }) =>
      service.guard(async () => {
        gate("getPlanOffer");
        service.checkClient(query.client_id);
        const sub = await service.resolveUser(params.userKey, query.key_type);
        const lang = language(headers["accept-language"]);
        const body = await service.planOffer(sub, query.client_id, lang, query.context);
        return { status: 200, body, headers: { "Content-Language": lang } };
      }),

    purchasePlan: ({ params, query, headers, body }) =>
      service.guard(async () => {
        gate("purchasePlan");
        service.checkClient(query.client_id);
        const sub = await service.resolveUser(params.userKey, query.key_type);
        const outcome = await service.core.purchase(
          {
            subscriberId: sub.id,
            planId: body.planId,
            transactionId: body.transactionId,
            offerContext: body.offerContext ?? null,
            callbackUrl: body.callbackUrl ?? null,
            clientId: query.client_id,
            language: language(headers["accept-language"]),
          },
          service.now(),
        );
        if (outcome.kind === "succeeded") await service.plansChanged(sub.id);
        return { status: 200, body: await service.purchaseAnswer(outcome) };
      }),

    setConsentStatus: ({ params, query, body }) =>
      service.guard(async () => {
        gate("setConsentStatus");
        service.checkClient(query.client_id);
        const sub = await service.resolveUser(params.userKey, query.key_type);
        const decision = service.consentDecision(body.consentAction);
        await service.core.recordConsent(sub.id, decision, Date.parse(body.actionTimestamp), service.now());
        return { status: 200 };
      }),

    getPlanEligibility: ({ params, query }) =>
      service.guard(async () => {
        gate("getPlanEligibility");
        const sub = await service.resolveUser(params.userKey, query.key_type);
        await service.eligibility(sub, params.planId);
        return { status: 200, body: { eligiblePlans: [{ planId: params.planId }] } };
      }),

    listEligiblePlans: ({ params, query }) =>
      service.guard(async () => {
        gate("listEligiblePlans");
        const sub = await service.resolveUser(params.userKey, query.key_type);
        const plans = await service.core.eligiblePlans(sub, service.now());
        return { status: 200, body: { eligiblePlans: plans.map((p) => ({ planId: p.id })) } };
      }),

    registerMsisdn: ({ body }) =>
      service.guard(async () => {
        gate("registerMsisdn");
        return { status: 200, body: await service.register(body.msisdn) };
      }),

    getDpaStatus: async () => {
      const report = await service.healthReport();
      return report.ok
        ? { status: 200, body: { status: "OPERATIONAL" } }
        : {
            status: 500,
            body: { status: "UNAVAILABLE", message: `Back end(s) not reachable: ${report.failed.join(", ")}.` },
          };
    },
  };
}
