import type { Observability } from "@carrierkit/contract-runtime/node";
import type { PurchaseOutcome } from "@carrierkit/operator-core";

/** How one callback delivery attempt ended. */
export type CallbackOutcome = "delivered" | "retry" | "abandoned";

/** The DPA's domain metrics, in the app's registry. */
export interface DpaMetrics {
  /** A purchasePlan request's outcome (`queued` ones are counted again by `queuedSettled` when the worker settles them). */
  purchase(outcome: PurchaseOutcome): void;
  /** A queued purchase the worker settled. */
  queuedSettled(outcome: PurchaseOutcome): void;
  callback(outcome: CallbackOutcome): void;
}

const labels = (o: PurchaseOutcome) => ({ result: o.kind, cause: o.kind === "failed" ? o.failure : "none" });

export function dpaMetrics(obs: Observability): DpaMetrics {
  const purchases = obs.counter(
    "dpa_purchases_total",
    "purchasePlan outcomes: result succeeded|queued|failed|duplicate, cause the failure (none otherwise).",
    ["result", "cause"],
  );
  const settled = obs.counter(
    "dpa_queued_purchases_settled_total",
    "Queued purchases the worker settled, by result and cause.",
    ["result", "cause"],
  );
  const callbacks = obs.counter(
    "dpa_callback_deliveries_total",
    "Purchase callback delivery attempts, by outcome: delivered, retry (scheduled again), abandoned.",
    ["outcome"],
  );
  return {
    purchase: (o) => purchases.inc(labels(o)),
    queuedSettled: (o) => settled.inc(labels(o)),
    callback: (outcome) => callbacks.inc({ outcome }),
  };
}

/** Metrics that go nowhere (a worker or handlers built without an app). */
export const noMetrics: DpaMetrics = {
  purchase: () => undefined,
  queuedSettled: () => undefined,
  callback: () => undefined,
};
