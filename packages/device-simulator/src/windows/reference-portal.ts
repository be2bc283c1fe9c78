// A scripted user of carrierkit's reference portal (apps/portal): sign in with an MSISDN, pick a plan and a flow, pay
// from the demo wallet (topping it up when it is too low), then press the finish page's button, or cancel. What the
// CLI and the end-to-end tests do in the launched portal; another operator's portal needs its own script.
import type { Page } from "playwright-core";

/** The reference portal's flows (its `flow` radio values). */
export const PORTAL_FLOWS = ["esim-inline", "esim-delayed", "esim-async", "balance", "balance-iccid"] as const;
export type PortalFlow = (typeof PORTAL_FLOWS)[number];

/** The demo subscriber `npm start` prints (Asha, prepaid, with wallet funds). */
export const DEMO_MSISDN = "919876543210";

export interface PortalPurchase {
  msisdn?: string;
  /** A plan id (default the first one offered). */
  plan?: string;
  flow: PortalFlow;
}

/** What the finish page knows (its `#portal-data`). */
export interface FinishPageData {
  flow: PortalFlow;
  activationCode?: string;
  iccid?: string;
  downloadDelay?: number;
  networkRegistrationInterval?: number;
  metadata?: Record<string, string>;
}

export class PortalScriptError extends Error {
  override readonly name = "PortalScriptError";
}

async function pageError(page: Page): Promise<string | undefined> {
  const el = page.locator("#error");
  return (await el.count()) > 0 ? ((await el.textContent()) ?? undefined) : undefined;
}

/** Signs in on the launched portal's first page and walks plans → payment → the finish page. */
export async function signInAndPay(page: Page, purchase: PortalPurchase): Promise<FinishPageData> {
  await page.fill("#signin-msisdn", purchase.msisdn ?? DEMO_MSISDN);
  await page.click("#signin");
  await page.waitForURL(/\/plans(\?|$)/, { timeout: 10_000 }).catch(async () => {
    throw new PortalScriptError(`sign-in failed: ${(await pageError(page)) ?? page.url()}`);
  });
  if (purchase.plan) await page.check(`#plan-${purchase.plan}`);
  await page.check(`#flow-${purchase.flow}`);
  await page.click("#continue");
  await page.waitForURL(/\/pay\?/);
  await page.click("#pay");
  await page.waitForLoadState();
  if (!/\/done$/.test(page.url())) {
    // Wallet too low: add demo funds once and pay again.
    const error = await pageError(page);
    if (!/wallet/i.test(error ?? "") || (await page.locator("#top-up").count()) === 0)
      throw new PortalScriptError(`payment failed: ${error ?? page.url()}`);
    await page.click("#top-up");
    await page.waitForURL(/\/pay\?/);
    await page.click("#pay");
    await page.waitForURL(/\/done$/, { timeout: 10_000 }).catch(async () => {
      throw new PortalScriptError(`payment failed: ${(await pageError(page)) ?? page.url()}`);
    });
  }
  return finishPageData(page);
}

export async function finishPageData(page: Page): Promise<FinishPageData> {
  const json = await page.locator("#portal-data").textContent();
  return JSON.parse(json ?? "{}") as FinishPageData;
}

/** Clicks; the app may end the session (close the page) in reply, which ends the click too. */
async function clickThatMayEndSession(page: Page, selector: string): Promise<void> {
  await page.click(selector).catch((err: unknown) => {
    if (!page.isClosed()) throw err;
  });
}

/** Presses the finish page's button (the bridge call of the flow). */
export async function finish(page: Page): Promise<void> {
  await clickThatMayEndSession(page, "#finish");
}

/** Signs in and cancels on the plans page (the portal calls notifyCancelledPurchase). */
export async function signInAndCancel(page: Page, msisdn = DEMO_MSISDN): Promise<void> {
  await page.fill("#signin-msisdn", msisdn);
  await page.click("#signin");
  await page.waitForURL(/\/plans(\?|$)/);
  await clickThatMayEndSession(page, "#cancel");
}
