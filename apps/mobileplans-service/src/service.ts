import {
  type Balance,
  type FieldsTemplate,
  isoDuration,
  type MobilePlansNotification,
  MobilePlansServiceError,
  NOTIFICATION_TYPES,
  type NotificationType,
  type Offer,
} from "@carrierkit/mobileplans-service";
import type { Clock, MobilePlansStore, OperatorCore, Subscriber, SubscriptionBalance } from "@carrierkit/operator-core";

/** How the reference server answers the Mobile Plans service (defaults make `npm start` work). */
export interface MobilePlansPolicy {
  /**
   * ICCID prefixes of the operator's Mobile Plans ranges (the ranges submitted in the service configuration); a SIM
   * outside them is `NOTSUPPORTED`. Default `899101` (the demo operator's issuer: country 91, issuer 01).
   */
  iccidRanges: string[];
  /** Below this many MB left (and above 0), `lowBalance` applies and GetOffers proposes the low-balance gateway. */
  lowBalanceMb: number;
  /** Gateway template ids (configured with Microsoft): the default one, one for "no plan", one for "low balance". */
  gateways: { default: string; noPlan: string; lowBalance: string };
}

export const defaultMobilePlansPolicy: MobilePlansPolicy = {
  iccidRanges: ["899101"],
  lowBalanceMb: 100,
  gateways: { default: "0", noPlan: "1", lowBalance: "2" },
};

const BYTES_PER_MB = 1_000_000n;

/** Bytes as MB (10^6 bytes) with two decimals, rounded down (a balance is never overstated). */
export function megabytes(bytes: bigint): number {
  return Number((bytes * 100n) / BYTES_PER_MB) / 100;
}

/** The notification id of each type: the toast the operator configured for it (1 … 6, in the documented order). */
export function notificationIdOf(type: NotificationType): number {
  return NOTIFICATION_TYPES.indexOf(type) + 1;
}

/** What a SIM is to the operator. */
type SimStanding =
  | { kind: "notSupported"; iccid: string }
  | { kind: "known"; iccid: string; subscriber: Subscriber; balances: SubscriptionBalance[] };

/**
 * GetBalance, GetOffers and GetNotifications on operator-core. Every request first claims its transaction id in the
 * store (409 when seen before, on any instance), then resolves the ICCID: outside the Mobile Plans ranges →
 * not supported; in range but unknown → 404.
 */
export class MobilePlansService {
  constructor(
    readonly core: OperatorCore,
    readonly store: MobilePlansStore,
    readonly policy: MobilePlansPolicy,
    readonly clock: Clock,
  ) {}

  /** Claims the transaction id; a repeated one is 409. */
  async claim(transactionId: string, operation: string): Promise<void> {
    if (!(await this.store.recordTransaction(transactionId, operation, this.clock())))
      throw new MobilePlansServiceError(409, "The transaction id was already used.");
  }

  inRange(iccid: string): boolean {
    return this.policy.iccidRanges.some((prefix) => iccid.startsWith(prefix));
  }

  private async standing(iccid: string): Promise<SimStanding> {
    // Not an ICCID at all (ITU-T E.118: 89, then 17 to 20 digits): an invalid SIM, which the integration tests expect
    // to be 404 like an unknown one.
    if (!/^89[0-9]{16,20}$/.test(iccid)) throw new MobilePlansServiceError(404, `${iccid} is not an ICCID.`);
    if (!this.inRange(iccid)) return { kind: "notSupported", iccid };
    const owner = await this.store.simOwner(iccid);
    const subscriber = owner ? await this.core.subscriber(owner.subscriberId) : undefined;
    if (!subscriber) throw new MobilePlansServiceError(404, `No SIM with ICCID ${iccid}.`);
    return {
      kind: "known",
      iccid,
      subscriber,
      balances: await this.store.balances(this.core, subscriber, this.clock()),
    };
  }

  /** Balances with data left (unlimited ones included). */
  private usable(balances: SubscriptionBalance[]): SubscriptionBalance[] {
    return balances.filter((b) => b.remainingBytes === null || b.remainingBytes > 0n);
  }

  /** MB left over the usable quota plans, or undefined when an unlimited plan is active or none is. */
  private remainingMb(usable: SubscriptionBalance[]): number | undefined {
    if (usable.length === 0 || usable.some((b) => b.remainingBytes === null)) return undefined;
    return megabytes(usable.reduce((sum, b) => sum + (b.remainingBytes ?? 0n), 0n));
  }

  async getBalance(iccid: string, template: FieldsTemplate, limit: number | undefined): Promise<Balance[]> {
    const standing = await this.standing(iccid);
    const none = (type: "NONE" | "NOTSUPPORTED"): Balance[] => [{ type, dataRemainingInMB: 0, timeRemaining: "PT0S" }];
    if (standing.kind === "notSupported") return none("NOTSUPPORTED");
    const usable = this.usable(standing.balances);
    if (usable.length === 0) return none("NONE");
    const now = this.clock();
    return usable.slice(0, limit ?? usable.length).map((b) => {
      // Postpaid plans are billed, unlimited ones have nothing to count down: the flyout shows the account link only.
      const payg = b.accountType === "PREPAID" && b.remainingBytes !== null;
      const basic: Balance = {
        type: payg ? "MODIRECTPAYG" : "MODIRECT",
        dataRemainingInMB: b.remainingBytes === null ? 0 : megabytes(b.remainingBytes),
        timeRemaining: isoDuration(b.expiresAt - now),
      };
      if (template === "basic") return basic;
      return {
        id: String(b.subscriptionId),
        ...basic,
        name: b.planName,
        ...(b.quotaBytes !== null ? { dataTotalInMB: megabytes(b.quotaBytes) } : {}),
        expiryTime: new Date(b.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
      };
    });
  }

  async getOffers(iccid: string, limit: number): Promise<Offer[]> {
    const standing = await this.standing(iccid);
    if (standing.kind === "notSupported") return [];
    const usable = this.usable(standing.balances);
    const mb = this.remainingMb(usable);
    const { gateways } = this.policy;
    const eligible = await this.core.eligiblePlans(standing.subscriber, this.clock());
    const ids =
      usable.length === 0 && eligible.length > 0
        ? [gateways.noPlan, gateways.default]
        : mb !== undefined && mb < this.policy.lowBalanceMb && eligible.length > 0
          ? [gateways.lowBalance, gateways.default]
          : [gateways.default];
    return [...new Set(ids)].slice(0, limit).map((gatewayId) => ({ gatewayId }));
  }

  async getNotifications(iccid: string, type: NotificationType, limit: number): Promise<MobilePlansNotification[]> {
    const standing = await this.standing(iccid);
    if (standing.kind === "notSupported") return [];
    const usable = this.usable(standing.balances);
    const mb = this.remainingMb(usable);
    let applies = false;
    switch (type) {
      case "lowBalance":
        applies = mb !== undefined && mb > 0 && mb < this.policy.lowBalanceMb;
        break;
      case "zeroBalance":
        applies = usable.length === 0 && (await this.store.hadSubscription(standing.subscriber.id));
        break;
      case "newOffer":
        applies =
          usable.length === 0 &&
          !(await this.core.offerPreference(standing.subscriber.id)).optedOut &&
          (await this.core.eligiblePlans(standing.subscriber, this.clock())).length > 0;
        break;
      default:
        // Trials (trialOffer, trialEnding, trialEnded) are not modelled by the operator core: none applies.
        applies = false;
    }
    return applies ? [{ notificationId: notificationIdOf(type), notificationType: type }].slice(0, limit) : [];
  }
}
