// The upsell notification (CarrierDefaultApp `SlicePurchaseBroadcastReceiver`) and the simulated user who answers it
// and, after a tap, drives the purchase page.
import type { PurchasePageSession } from "./purchase-page.js";

/** The notification as the user sees it. */
export interface UpsellNotification {
  readonly capability: number;
  readonly carrier: string;
  readonly shownAt: number;
  /** When it is cancelled automatically (the display timeout; also the purchase timer). */
  readonly timeoutAt: number;
}

/**
 * What the user does: `tap` opens the purchase page, `dismiss` swipes it away, `not-now` presses "Not now" (both
 * USER_CANCELED), `ignore` lets it time out (TIMEOUT).
 */
export type NotificationAction = "tap" | "dismiss" | "not-now" | "ignore";

export interface NotificationResponse {
  action: NotificationAction;
  /** How long after it is shown (simulated ms; default 0). */
  afterMs?: number;
}

/** The person holding the phone. */
export interface SimulatedUser {
  notification(notification: UpsellNotification): NotificationResponse;
  /** Drives the purchase page after a tap (click an offer, press Not now, close the view, or nothing). */
  purchasePage?(session: PurchasePageSession): Promise<void> | void;
}

/** A user from a notification answer and an optional page script. */
export function scriptedUser(
  response: NotificationAction | NotificationResponse,
  purchasePage?: (session: PurchasePageSession) => Promise<void> | void,
): SimulatedUser {
  const r = typeof response === "string" ? { action: response } : response;
  return { notification: () => r, ...(purchasePage ? { purchasePage } : {}) };
}

/** Taps the notification and clicks the first element matching `selector` (the portal's offers: `[data-offer]`). */
export function acceptingUser(selector = "button[data-offer]"): SimulatedUser {
  return scriptedUser("tap", async ({ page }) => {
    await page.locator(selector).first().click();
  });
}

/** Taps the notification, then closes the purchase view without choosing anything (USER_CANCELED). */
export function closingUser(): SimulatedUser {
  return scriptedUser("tap", async ({ page }) => {
    await page.close();
  });
}

/** The CLI's `--user accept|dismiss|ignore|not-now|close`. */
export function presetUser(name: string, offerSelector?: string): SimulatedUser {
  switch (name) {
    case "accept":
      return acceptingUser(offerSelector);
    case "dismiss":
      return scriptedUser("dismiss");
    case "not-now":
      return scriptedUser("not-now");
    case "ignore":
      return scriptedUser("ignore");
    case "close":
      return closingUser();
    default:
      throw new RangeError(`unknown user '${name}' (accept, dismiss, not-now, ignore, close)`);
  }
}
