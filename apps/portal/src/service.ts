import { randomBytes } from "node:crypto";
import {
  type CatalogPlan,
  type Clock,
  type Db,
  EsimInventory,
  formatAmount,
  OperatorCore,
  type PortalOrder,
  type PortalStore,
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
 * Why a checkout did not happen (rolled back: nothing charged, nothing reserved, the intent unused), and the
 * `moDirectStatus` the portal reports for it (see outcome.ts).
 */
export class CheckoutRefused extends Error {
  constructor(
    message: string,
    readonly status: "serviceError" | "invalidSIM" | "purchaseFailed" | "billingError",
  ) {
    super(message);
  }
}

/** The portal's purchase: the eSIM reservation, the charge and the order commit together, once per intent. */
export class CheckoutService {
  constructor(
    private readonly store: PortalStore,
    private readonly clock: Clock,
  ) {}

  /** Where the ICCID of "add data to an installed eSIM" comes from: the launch URL, else the last downloaded profile. */
  private async installedIccid(db: Db, session: Session, sub: Subscriber): Promise<string | undefined> {
    const fromLaunch = session.launch?.iccids?.[0] ?? session.launch?.iccid;
    if (fromLaunch) return fromLaunch;
    const r = await db.get(
      "SELECT iccid FROM esim_profiles WHERE subscriber_id = $1 AND state = 'DOWNLOADED' ORDER BY updated_at DESC LIMIT 1",
      [sub.id],
    );
    return r ? String(r.iccid) : undefined;
  }

  /**
   * Pays for `plan` once per `intentId`: the first request reserves the eSIM (for the eSIM flows), charges the wallet
   * (OperatorCore.purchase, transaction id `portal-<intent>`) and records the order, all in one transaction; a
   * replay (double click, resubmission, ten at once) gets that order back and charges nothing.
   */
  async checkout(
    sub: Subscriber,
    plan: CatalogPlan,
    flow: Flow,
    intentId: string,
    session: Session,
  ): Promise<{ order: PortalOrder; replay: boolean }> {
    const now = this.clock();
    const transactionId = `portal-${intentId}`;
    return this.store.once(
      { intentId, subscriberId: sub.id, planId: plan.id, flow, transactionId },
      now,
      async (tx) => {
        let iccid: string | undefined;
        let activationCode: string | undefined;
        if (flow.startsWith("esim")) {
          const profile = await new EsimInventory(tx).reserve(sub.id, now);
          if (!profile) throw new CheckoutRefused("No eSIM profile is available right now.", "serviceError");
          iccid = profile.iccid;
          activationCode = profile.activationCode;
        } else if (flow === "balance-iccid") {
          iccid = await this.installedIccid(tx, session, sub);
          if (!iccid) throw new CheckoutRefused("No installed eSIM of ours is known on this PC.", "invalidSIM");
        }
        const outcome = await new OperatorCore(tx).purchase(
          { subscriberId: sub.id, planId: plan.id, transactionId, language: "en-US", clientId: "portal" },
          now,
        );
        if (outcome.kind === "failed")
          throw new CheckoutRefused(
            outcome.failure === "INSUFFICIENT_BALANCE"
              ? "Your wallet balance is too low: add demo funds."
              : outcome.failure === "INCOMPATIBLE_PLAN"
                ? "You cannot hold this plan with your current ones."
                : `The purchase failed (${outcome.failure}).`,
            outcome.failure === "INSUFFICIENT_BALANCE" ? "billingError" : "purchaseFailed",
          );
        return { iccid, activationCode };
      },
    );
  }
}
