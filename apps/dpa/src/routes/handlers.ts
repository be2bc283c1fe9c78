import { DpaError, type OperationId } from "@carrierkit/dpa";
import type { DpaHandlers } from "@carrierkit/dpa/server";
import { negotiateLanguage } from "../i18n.js";
import { type DpaMetrics, noMetrics } from "../metrics.js";
import type { DpaService } from "../service.js";

/** HTTP → service for every DPA operation. Operations listed in `disabled` answer 501. */
export function dpaHandlers(
  service: DpaService,
  disabled: ReadonlySet<OperationId>,
  metrics: DpaMetrics = noMetrics,
): DpaHandlers {
  const { policy } = service;
  const language = (header: string | string[] | undefined) =>
    negotiateLanguage(Array.isArray(header) ? header.join(",") : header, policy.defaultLanguage, policy.languages);
  const gate = (op: OperationId) => {
    if (disabled.has(op)) throw new DpaError(501, "SERVICE_UNAVAILABLE", `This DPA does not implement ${op}.`);
  };
  /** The common preamble of user-keyed calls: implemented? client served? user resolvable and reachable? */
  const user = async (op: OperationId, userKey: string, keyType: "CPID" | "MSISDN", clientId?: string) => {
    gate(op);
    if (clientId !== undefined) service.checkClient(clientId);
    return service.resolveUser(userKey, keyType);
  };

  return {
    getPlanStatus: ({ params, query, headers }) =>
      service.guard(async () => {
        const sub = await user("getPlanStatus", params.userKey, query.key_type, query.client_id);
        const lang = language(headers["accept-language"]);
        const noCache = /\bno-cache\b/i.test(String(headers["cache-control"] ?? ""));
        const body = await service.planStatus(sub, query.client_id, lang, noCache);
        return { status: 200, body, headers: { "Content-Language": body.languageCode } };
      }),

    getPlanOffer: ({ params, query, headers }) =>
      service.guard(async () => {
        const sub = await user("getPlanOffer", params.userKey, query.key_type, query.client_id);
        const lang = language(headers["accept-language"]);
        const body = await service.planOffer(sub, query.client_id, lang, query.context);
        return { status: 200, body, headers: { "Content-Language": lang } };
      }),

    purchasePlan: ({ params, query, headers, body }) =>
      service.guard(async () => {
        const sub = await user("purchasePlan", params.userKey, query.key_type, query.client_id);
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
        metrics.purchase(outcome);
        if (outcome.kind === "succeeded") await service.plansChanged(sub.id);
        return { status: 200, body: await service.purchaseAnswer(outcome) };
      }),

    setConsentStatus: ({ params, query, body }) =>
      service.guard(async () => {
        const sub = await user("setConsentStatus", params.userKey, query.key_type, query.client_id);
        const decision = service.consentDecision(body.consentAction);
        await service.core.recordConsent(sub.id, decision, service.actionTime(body.actionTimestamp), service.now());
        return { status: 200 };
      }),

    getPlanEligibility: ({ params, query }) =>
      service.guard(async () => {
        const sub = await user("getPlanEligibility", params.userKey, query.key_type);
        await service.eligibility(sub, params.planId);
        return { status: 200, body: { eligiblePlans: [{ planId: params.planId }] } };
      }),

    listEligiblePlans: ({ params, query }) =>
      service.guard(async () => {
        const sub = await user("listEligiblePlans", params.userKey, query.key_type);
        const plans = await service.core.eligiblePlans(sub, service.now());
        return { status: 200, body: { eligiblePlans: plans.map((p) => ({ planId: p.id })) } };
      }),

    recordOfferOptOut: ({ params, query, body }) =>
      service.guard(async () => {
        const sub = await user("recordOfferOptOut", params.userKey, query.key_type);
        return { status: 200, body: await service.recordOfferChoice(sub, body.optOut, body.actionTimestamp) };
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
