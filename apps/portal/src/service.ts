import { randomBytes } from "node:crypto";
import {
  type CatalogPlan,
  type Clock,
  type Db,
  EsimInventory,
  type EsimOrders,
  type EsimProfile,
  formatAmount,
  IntentConflictError,
  OperatorCore,
  type PortalOrder,
  type PortalStore,
  type PurchaseFailure,
  SmdpUnavailableError,
  type Subscriber,
} from "@carrierkit/operator-core";
import type { PlanView } from "./pages.js";
import type { Flow, Session } from "./session.js";

export const planName = (p: CatalogPlan) => p.texts["en-US"]?.name ?? p.id;
export const money = (nanos: bigint, currency: string) =>
  `${currency === "INR" ? "₹" : `${currency} `}${formatAmount(nanos)}`;
export const planView = (p: CatalogPlan): PlanView => ({
  id: p.id,
  name: planName(p),
  price: money(p.priceNanos, p.currency),
  description: p.texts["en-US"]?.description ?? "",
});

/** A new purchase intent id (one per rendering of the pay form). */
export const newIntent = () => randomBytes(18).toString("base64url");
export const INTENT = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Why a checkout did not happen (nothing charged: the intent unused, an eSIM reserved for it returned), and the
 * `moDirectStatus` the portal reports for it.
 */
export class CheckoutRefused extends Error {
  constructor(
    message: string,
    readonly status: "serviceError" | "invalidSIM" | "purchaseFailed" | "billingError",
  ) {
    super(message);
  }
}

const refusal = (failure: PurchaseFailure | string) =>
  new CheckoutRefused(
    failure === "INSUFFICIENT_BALANCE"
      ? "Your wallet balance is too low: add demo funds."
      : failure === "INCOMPATIBLE_PLAN"
        ? "You cannot hold this plan with your current ones."
        : `The purchase failed (${failure}).`,
    failure === "INSUFFICIENT_BALANCE" ? "billingError" : "purchaseFailed",
  );

/** An EID as SGP.22 writes it (32 digits); anything else from the launch URL is not passed to the SM-DP+. */
const EID = /^[0-9]{32}$/;

export interface CheckoutOptions {
  /** Delayed flow: minutes after the purchase when the profile is released on the SM-DP+ (ReleaseProfile). */
  releaseAfterMinutes: number;
  /** False when no SM-DP+ is configured: the eSIM flows are refused (ServiceError) before anything is reserved. */
  sellsEsims: boolean;
}

/**
 * The portal's purchase, once per intent. For the eSIM flows the profile is reserved (committed), ordered and
 * confirmed on the SM-DP+ (ES2+, no transaction open), then charged with the order recorded in one transaction; an
 * SM-DP+ outage therefore charges nothing, and a charged purchase always has its confirmed profile.
 */
export class CheckoutService {
  constructor(
    private readonly store: PortalStore,
    private readonly orders: EsimOrders,
    private readonly clock: Clock,
    private readonly options: CheckoutOptions,
  ) {}

  /** Where the ICCID of "add data to an installed eSIM" comes from: the launch URL, else the last downloaded profile. */
  private async installedIccid(db: Db, session: Session, sub: Subscriber): Promise<string | undefined> {
    const fromLaunch = session.launch?.iccids?.[0] ?? session.launch?.iccid;
    if (fromLaunch) return fromLaunch;
    const r = await db.get(
      `SELECT iccid FROM esim_profiles WHERE subscriber_id = $1 AND state IN ('DOWNLOADED', 'INSTALLED')
       ORDER BY updated_at DESC LIMIT 1`,
      [sub.id],
    );
    return r ? String(r.iccid) : undefined;
  }

  /**
   * Reserves the intent's profile and has the SM-DP+ order and confirm it (released at once, or at the delayed
   * flow's release time). An SM-DP+ outage or refusal returns the reservation and refuses the checkout (ServiceError).
   */
  private async prepareProfile(sub: Subscriber, flow: Flow, intentId: string, session: Session): Promise<EsimProfile> {
    const now = this.clock();
    const delayed = flow === "esim-delayed";
    const eid = session.launch?.eid;
    // A profile the SM-DP+ refuses to order (unknown to it, not available) leaves the stock (ERROR) and frees the
    // reservation: the next one is tried, a few times at most.
    for (let attempt = 0; ; attempt++) {
      const reserved = await this.orders.inventory.reserve(
        {
          reservation: intentId,
          subscriberId: sub.id,
          eid: eid && EID.test(eid) ? eid : undefined,
          releaseFlag: !delayed,
          releaseAt: delayed ? now + this.options.releaseAfterMinutes * 60_000 : undefined,
        },
        now,
      );
      if (!reserved) throw new CheckoutRefused("No eSIM profile is available right now.", "serviceError");
      try {
        return await this.orders.prepare(reserved.iccid);
      } catch (err) {
        if (!(err instanceof SmdpUnavailableError)) throw err;
        const state = (await this.orders.inventory.profile(reserved.iccid))?.state;
        if (state === "ERROR" && attempt < 3) continue;
        if (await this.orders.inventory.abandon(intentId, this.clock())) this.orders.kick();
        throw new CheckoutRefused(
          "Our eSIM service is not answering right now, so nothing was charged: please try again in a few minutes.",
          "serviceError",
        );
      }
    }
  }

  /**
   * Pays for `plan` once per `intentId`. A replay (double click, resubmission, ten at once) gets the first order back
   * and charges nothing; for the eSIM flows every request of one intent gets the same profile.
   */
  async checkout(
    sub: Subscriber,
    plan: CatalogPlan,
    flow: Flow,
    intentId: string,
    session: Session,
  ): Promise<{ order: PortalOrder; replay: boolean }> {
    const recorded = await this.store.order(intentId);
    if (recorded) {
      if (recorded.subscriberId !== sub.id) throw new IntentConflictError("intent used by another account");
      return { order: recorded, replay: true };
    }
    const transactionId = `portal-${intentId}`;
    let profile: EsimProfile | undefined;
    if (flow.startsWith("esim")) {
      if (!this.options.sellsEsims)
        throw new CheckoutRefused(
          "This portal sells no new eSIM right now: no eSIM service is set up.",
          "serviceError",
        );
      // Refuse what the purchase would refuse before a profile is ordered for it (the charge checks again).
      const ineligible = await new OperatorCore(this.store.db).checkEligibility(sub, plan, this.clock());
      if (ineligible) throw refusal(ineligible);
      profile = await this.prepareProfile(sub, flow, intentId, session);
    }
    const now = this.clock();
    try {
      const result = await this.store.once(
        { intentId, subscriberId: sub.id, planId: plan.id, flow, transactionId },
        now,
        async (tx) => {
          let iccid: string | undefined;
          if (profile) {
            if (!(await EsimInventory.claimForPurchase(tx, profile.iccid, intentId, transactionId, now)))
              throw new CheckoutRefused(
                "Your eSIM reservation lapsed, so nothing was charged: please pay again.",
                "serviceError",
              );
            iccid = profile.iccid;
          } else if (flow === "balance-iccid") {
            iccid = await this.installedIccid(tx, session, sub);
            if (!iccid) throw new CheckoutRefused("No installed eSIM of ours is known on this PC.", "invalidSIM");
          }
          const outcome = await new OperatorCore(tx).purchase(
            { subscriberId: sub.id, planId: plan.id, transactionId, language: "en-US", clientId: "portal" },
            now,
          );
          if (outcome.kind === "failed") throw refusal(outcome.failure);
          return { iccid, activationCode: profile?.activationCode ?? undefined };
        },
      );
      // A delayed profile due for release now (PORTAL_ESIM_RELEASE_MINUTES=0) is released before the finish page, so
      // the device's toast never finds it unreleased; an SM-DP+ failure here leaves the release to the worker.
      if (profile && flow === "esim-delayed" && !result.replay && this.options.releaseAfterMinutes <= 0)
        await this.orders.step(profile.iccid).catch(() => undefined);
      return result;
    } catch (err) {
      // Nothing was charged: the profile ordered for this intent goes back (CancelOrder by the worker).
      if (profile && err instanceof CheckoutRefused) {
        if (await this.orders.inventory.abandon(intentId, this.clock())) this.orders.kick();
      }
      throw err;
    }
  }
}
