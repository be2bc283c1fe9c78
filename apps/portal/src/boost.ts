import {
  type CatalogPlan,
  type Clock,
  OperatorCore,
  type PortalStore,
  PurchaseGrantCodec,
  parseAmount,
  type ReadGrant,
} from "@carrierkit/operator-core";

/** Data-boost offers (plans not offered to other channels; one per account type). */
export interface BoostOffer {
  id: string;
  label: string;
  price: string;
  /** Passed to notifyPurchaseSuccessful(duration), in milliseconds; null = no duration (notifyPurchaseSuccessful()). */
  durationMs: number | null;
}

export const BOOST_OFFERS: readonly BoostOffer[] = [
  { id: "boost-1h", label: "Network boost for 1 hour", price: "49", durationMs: 3_600_000 },
  { id: "boost-session", label: "Network boost until you turn it off", price: "29", durationMs: null },
];

const planId = (offer: string, category: CatalogPlan["category"]) => `data-${offer}-${category.toLowerCase()}`;

/** Adds the boost plans to the catalogue (idempotent). */
export async function ensureBoostPlans(core: OperatorCore): Promise<void> {
  for (const offer of BOOST_OFFERS) {
    for (const category of ["PREPAID", "POSTPAID"] as const) {
      const id = planId(offer.id, category);
      if (await core.plan(id)) continue;
      await core.upsertPlan({
        id,
        category,
        exclusiveGroup: null,
        currency: "INR",
        priceNanos: parseAmount(offer.price),
        durationSeconds: BigInt((offer.durationMs ?? 86_400_000) / 1000),
        quotaBytes: null,
        trafficCategories: ["GENERIC"],
        maxRateKbps: null,
        mediaRateKbps: null,
        overusagePolicy: "BLOCKED",
        refreshPeriod: "REFRESH_PERIOD_NONE",
        fulfilment: "immediate",
        clients: ["portal"],
        displayRank: 900,
        offered: false,
        texts: { "en-US": { name: offer.label, description: "PRIORITIZE_LATENCY network slice" } },
      });
    }
  }
}

export type FailureName =
  | "FAILURE_CODE_UNKNOWN"
  | "FAILURE_CODE_CARRIER_URL_UNAVAILABLE"
  | "FAILURE_CODE_AUTHENTICATION_FAILED"
  | "FAILURE_CODE_PAYMENT_FAILED"
  | "FAILURE_CODE_NO_USER_DATA";

export type BoostFailure = { ok: false; code: FailureName; reason: string };
export type BoostResult = { ok: true; durationMs: number | null; transactionId: string } | BoostFailure;

export interface EntitlementAdmin {
  url: string;
  token: string;
}

const failure = (code: FailureName, reason: string): BoostFailure => ({ ok: false, code, reason });

/** Thrown inside the charge transaction to roll it back (the grant stays unused). */
class Refused extends Error {
  constructor(readonly result: BoostFailure) {
    super(result.reason);
  }
}

/**
 * The data-boost purchase: reads the grant, charges the wallet (once per grant: the grant id is recorded in the same
 * transaction as the charge), then asks the entitlement server to provision; when that fails, the refund and the
 * boost's deactivation commit together (PortalStore.refundGrant).
 */
export class BoostService {
  readonly codec: PurchaseGrantCodec;

  constructor(
    private readonly core: OperatorCore,
    private readonly store: PortalStore,
    grantSecret: string,
    private readonly admin: EntitlementAdmin,
    private readonly clock: Clock,
  ) {
    this.codec = new PurchaseGrantCodec(grantSecret);
  }

  /** The grant of a token (`encodedValue=` optional), or why there is none. */
  grant(token: string | undefined): (ReadGrant & { token: string }) | { code: FailureName; reason: string } {
    if (!token) return { code: "FAILURE_CODE_NO_USER_DATA", reason: "The purchase page was opened without user data." };
    const grant = this.codec.decode(token, Math.floor(this.clock() / 1000));
    if (!grant)
      return {
        code: "FAILURE_CODE_AUTHENTICATION_FAILED",
        reason: "We could not confirm who you are (invalid or expired user data).",
      };
    return { ...grant, token: token.replace(/^encodedValue=/, "") };
  }

  async purchase(token: string | undefined, offerId: string): Promise<BoostResult> {
    const g = this.grant(token);
    if ("code" in g) return { ok: false, ...g };
    const offer = BOOST_OFFERS.find((o) => o.id === offerId);
    if (!offer) return failure("FAILURE_CODE_UNKNOWN", "Unknown offer.");
    const subscriber = await this.core.subscriber(g.sub);
    if (!subscriber) return failure("FAILURE_CODE_AUTHENTICATION_FAILED", "Unknown subscriber.");
    const plan = await this.core.plan(planId(offer.id, subscriber.accountType));
    if (!plan) return failure("FAILURE_CODE_UNKNOWN", "The boost is not in the catalogue.");
    const transactionId = `boost-${g.id.slice(0, 32)}`;
    let redeemed: Awaited<ReturnType<PortalStore["redeemGrant"]>>;
    try {
      redeemed = await this.store.redeemGrant(
        { grantId: g.id, subscriberId: subscriber.id, offerId: offer.id, transactionId },
        this.clock(),
        async (tx) => {
          const outcome = await new OperatorCore(tx).purchase(
            {
              subscriberId: subscriber.id,
              planId: plan.id,
              transactionId,
              language: subscriber.language,
              clientId: "portal",
            },
            this.clock(),
          );
          if (outcome.kind === "failed")
            throw new Refused(
              outcome.failure === "INSUFFICIENT_BALANCE"
                ? failure("FAILURE_CODE_PAYMENT_FAILED", "Your balance is too low for this boost.")
                : failure("FAILURE_CODE_UNKNOWN", `The purchase failed (${outcome.failure}).`),
            );
          if (outcome.kind !== "succeeded") throw new Refused(failure("FAILURE_CODE_UNKNOWN", "The purchase failed."));
        },
      );
    } catch (err) {
      if (err instanceof Refused) return err.result;
      throw err;
    }
    if (redeemed.replay) return this.replay(redeemed.use);
    const provisioned = await this.provision(subscriber.id);
    if (provisioned) {
      // Not provisioned: refund, end the boost subscription and restore the boost state, in one transaction.
      await this.store.refundGrant(g.id, "PROVISIONING_FAILED", this.clock());
      return { ok: false, ...provisioned };
    }
    await this.store.markProvisioned(g.id, this.clock());
    return { ok: true, durationMs: offer.durationMs, transactionId };
  }

  /** The answer to a grant used again: the first use's result; nothing is charged. */
  private replay(use: { state: string; offerId: string; transactionId: string }): BoostResult {
    const offer = BOOST_OFFERS.find((o) => o.id === use.offerId);
    if (use.state === "PROVISIONED")
      return { ok: true, durationMs: offer?.durationMs ?? null, transactionId: use.transactionId };
    if (use.state === "REFUNDED")
      return failure(
        "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
        "This boost offer was already tried and refunded; open the boost offer again.",
      );
    return failure("FAILURE_CODE_UNKNOWN", "This boost purchase is already being processed.");
  }

  /** Calls the entitlement server's admin API; undefined on success, else the failure to report. */
  private async provision(subscriberId: string): Promise<{ code: FailureName; reason: string } | undefined> {
    let res: Response;
    try {
      res = await fetch(`${this.admin.url}/subscribers/${encodeURIComponent(subscriberId)}/data-boost/purchase`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.admin.token}` },
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
    } catch {
      return {
        code: "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
        reason: "The boost service is unavailable; you were not charged.",
      };
    }
    if (res.ok) return undefined;
    if (res.status >= 500)
      return {
        code: "FAILURE_CODE_CARRIER_URL_UNAVAILABLE",
        reason: "The boost service is unavailable; you were not charged.",
      };
    return {
      code: "FAILURE_CODE_UNKNOWN",
      reason: `The entitlement server answered ${res.status}; you were not charged.`,
    };
  }
}
