// The Mobile Plans app's embedded browser: one Chromium BrowserContext per portal session (800×600, the portal's
// default frame), the bridge runtime of @carrierkit/portal-bridge injected before any page script with the service
// configuration's notification hosts as allow-list, the launch headers on the launch request only, and the app's
// pop-ups (download progress, "install later") drawn over the page without blocking it.
import type { BridgeMessage, FireResult, PortalBridgeConfig } from "@carrierkit/portal-bridge";
import { CONFIG_GLOBAL } from "@carrierkit/portal-bridge";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { bridgeRuntimeScript, type RuntimeScriptSource } from "../android/purchase-page.js";

const BINDING = "__carrierkitMobilePlansApp";
const OVERLAY_ID = "carrierkit-mobile-plans-overlay";

export interface PortalSessionOptions {
  url: string;
  transactionId: string;
  /** Sent on every request of the session (the WebView's language). */
  acceptLanguage: string;
  /** Sent on the launch request only (`X-MP-LPAError-*`). */
  launchHeaders: Record<string, string>;
  allowedOrigins: readonly string[];
  allowInsecureLoopback: boolean;
  runtimeScript?: RuntimeScriptSource;
  onMessage: (message: BridgeMessage) => void;
  /** The page was closed by anyone (the app after a "return control" call, or the user). */
  onClose: () => void;
}

export interface PortalSession {
  readonly transactionId: string;
  readonly url: string;
  readonly page: Page;
  readonly context: BrowserContext;
  readonly messages: readonly BridgeMessage[];
  readonly closed: boolean;
  /** Fires a bridge callback into the portal (`registrationChanged`, `profileActivationComplete`). */
  fire(callback: string, args: unknown): Promise<FireResult>;
  /** Shows (text) or removes (undefined) the app's pop-up over the portal. */
  overlay(text: string | undefined): Promise<void>;
  close(): Promise<void>;
}

export async function openPortalSession(browser: Browser, options: PortalSessionOptions): Promise<PortalSession> {
  const context = await browser.newContext({
    viewport: { width: 800, height: 600 },
    extraHTTPHeaders: { "Accept-Language": options.acceptLanguage },
  });
  const messages: BridgeMessage[] = [];
  let closed = false;
  await context.exposeBinding(BINDING, (_source, message: BridgeMessage) => {
    if (closed) return;
    messages.push(message);
    options.onMessage(message);
  });
  // `allowInsecureLoopback` is the runtime's development flag for http:// portals on loopback hosts.
  const config: PortalBridgeConfig & { allowInsecureLoopback?: boolean } = {
    allowedOrigins: options.allowedOrigins,
    bridges: ["mobilePlans"],
    transport: BINDING,
    ...(options.allowInsecureLoopback ? { allowInsecureLoopback: true } : {}),
  };
  await context.addInitScript({ content: `globalThis[${JSON.stringify(CONFIG_GLOBAL)}] = ${JSON.stringify(config)};` });
  await context.addInitScript({ content: await (options.runtimeScript ?? bridgeRuntimeScript)() });
  const page = await context.newPage();
  page.on("close", () => {
    if (closed) return;
    closed = true;
    options.onClose();
  });
  const launch = new URL(options.url).href;
  if (Object.keys(options.launchHeaders).length > 0) {
    await page.route(
      (url) => url.href === launch,
      (route) => route.continue({ headers: { ...route.request().headers(), ...options.launchHeaders } }),
      { times: 1 },
    );
  }
  // A portal that does not load shows Chromium's error page, as the WebView would; the session stays open.
  await page.goto(launch).catch(() => undefined);
  return {
    transactionId: options.transactionId,
    url: launch,
    page,
    context,
    messages,
    get closed() {
      return closed;
    },
    async fire(callback, args) {
      if (closed)
        return { ok: false, problems: [{ path: callback, message: "the portal session has ended" }], warnings: [] };
      try {
        return await page.evaluate(
          ([name, a]) =>
            (
              globalThis as unknown as { CarrierkitPortalBridge: { fire(n: string, x: unknown): FireResult } }
            ).CarrierkitPortalBridge.fire(name, a),
          [callback, args] as const,
        );
      } catch (e) {
        // The portal's function threw, or the page navigated away while it ran.
        return { ok: false, problems: [{ path: callback, message: `the page failed: ${String(e)}` }], warnings: [] };
      }
    },
    async overlay(text) {
      if (closed) return;
      await page
        .evaluate(
          ([id, t]) => {
            interface El {
              id: string;
              textContent: string | null;
              style: { cssText: string };
              setAttribute(n: string, v: string): void;
              remove(): void;
            }
            const doc = (
              globalThis as unknown as {
                document: {
                  getElementById(i: string): El | null;
                  createElement(t: string): El;
                  body: { appendChild(e: El): void } | null;
                };
              }
            ).document;
            let el = doc.getElementById(id);
            if (t === null) return el?.remove();
            if (!el) {
              el = doc.createElement("div");
              el.id = id;
              el.setAttribute("role", "status");
              el.style.cssText =
                "position:fixed;right:12px;bottom:12px;max-width:320px;padding:10px 14px;border-radius:8px;" +
                "background:#1f1f1f;color:#fff;font:14px system-ui,sans-serif;box-shadow:0 4px 12px #0006;" +
                "pointer-events:none;z-index:2147483647";
              doc.body?.appendChild(el);
            }
            el.textContent = t;
          },
          [OVERLAY_ID, text ?? null] as const,
        )
        .catch(() => undefined);
    },
    async close() {
      closed = true;
      await context.close().catch(() => undefined);
    },
  };
}
