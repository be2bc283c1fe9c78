// Android's purchase WebView (CarrierDefaultApp `SlicePurchaseActivity` + `DataBoostWebServiceFlow`) as a page in a
// headless Chromium: the bridge runtime of @carrierkit/portal-bridge injected before any page script, every bridge
// message recorded, and the first terminal call (success, failure, dismissFlow) or the page closing ends the flow.
import {
  type BridgeMessage,
  CONFIG_GLOBAL,
  type PortalBridgeConfig,
  readRuntimeScript,
} from "@carrierkit/portal-bridge";
import type { Browser, Page } from "playwright-core";
import type { FailureCodeTable } from "./profiles.js";

/** How the WebView loads the purchase URL (CarrierDefaultApp `SlicePurchaseActivity`). */
export interface PurchasePageRequest {
  url: string;
  method: "GET" | "POST";
  /** POST body (the user data, base64-decoded after `encodedValue=`). */
  body?: Buffer;
  capability: number;
  /** Also inject the older `SlicePurchaseWebInterface`. */
  legacyBridgeObject: boolean;
  failureCodes: FailureCodeTable;
}

/** How the page ended the flow. */
export type PageOutcome =
  | { kind: "success"; durationMs?: number; calledAs: string }
  | { kind: "failed"; code: number; codeName: string; reason: string; calledAs: string }
  | { kind: "dismissed"; calledAs: string }
  /** The user closed the purchase view (back / close). */
  | { kind: "closed" };

/** One open purchase view. */
export interface PurchasePageSession {
  readonly page: Page;
  readonly request: PurchasePageRequest;
  /** Every bridge message of the page, in order. */
  readonly messages: readonly BridgeMessage[];
  /** Settles with the first terminal event. */
  readonly outcome: Promise<PageOutcome>;
  /** The device ends the view (after a result, or when the purchase timer fires); later calls are ignored. */
  close(): Promise<void>;
}

/** Opens purchase views (the seam: Chromium here; anything that drives a page and reports the bridge calls). */
export interface PurchasePageLauncher {
  open(request: PurchasePageRequest): Promise<PurchasePageSession>;
}

const BINDING = "__carrierkitAndroidWebView";

/** Where the bridge runtime comes from (default: the built `dist/portal-bridge.js` of @carrierkit/portal-bridge). */
export type RuntimeScriptSource = () => Promise<string>;

let shipped: Promise<string> | undefined;
/** The shipped bridge runtime (`readRuntimeScript` of @carrierkit/portal-bridge), read once. */
export function bridgeRuntimeScript(): Promise<string> {
  shipped ??= readRuntimeScript();
  return shipped;
}

/** Purchase views in one Chromium; each view gets a fresh context (AOSP clears cookies before loading). */
export class ChromiumPurchasePages implements PurchasePageLauncher {
  /** `runtimeScript`: e.g. `runtimeScript` of `@carrierkit/portal-bridge/testing`, bundled from source, in a checkout. */
  constructor(
    readonly browser: Browser,
    private readonly runtimeScript: RuntimeScriptSource = bridgeRuntimeScript,
  ) {}

  async open(request: PurchasePageRequest): Promise<PurchasePageSession> {
    const context = await this.browser.newContext({ viewport: { width: 412, height: 915 } });
    const messages: BridgeMessage[] = [];
    let settle: (o: PageOutcome) => void = () => undefined;
    let done = false;
    const outcome = new Promise<PageOutcome>((resolve) => {
      settle = (o) => {
        if (done) return;
        done = true;
        resolve(o);
      };
    });
    await context.exposeBinding(BINDING, (_source, message: BridgeMessage) => {
      if (done) return;
      messages.push(message);
      if (message.kind !== "call") return;
      const calledAs = `${message.object}.${message.method}`;
      if (message.method === "notifyPurchaseSuccessful") {
        const d = message.args[0];
        settle({ kind: "success", calledAs, ...(typeof d === "number" ? { durationMs: d } : {}) });
      } else if (message.method === "notifyPurchaseFailed") {
        const code = Number(message.args[0]);
        settle({
          kind: "failed",
          code,
          codeName: request.failureCodes[code] ?? `unknown failure code ${code}`,
          reason: String(message.args[1] ?? ""),
          calledAs,
        });
      } else if (message.method === "dismissFlow") settle({ kind: "dismissed", calledAs });
    });
    const config: PortalBridgeConfig = {
      allowedOrigins: [new URL(request.url).origin],
      bridges: ["dataBoost"],
      optionalObjects: request.legacyBridgeObject,
      requestedCapability: request.capability,
      transport: BINDING,
    };
    await context.addInitScript({
      content: `globalThis[${JSON.stringify(CONFIG_GLOBAL)}] = ${JSON.stringify(config)};`,
    });
    await context.addInitScript({ content: await this.runtimeScript() });
    const page = await context.newPage();
    let closing = false;
    page.on("close", () => {
      if (!closing) settle({ kind: "closed" });
    });
    if (request.method === "POST") {
      // WebView.postUrl: one POST navigation with the bytes as an urlencoded form body.
      await page.route(
        (url) => url.href === new URL(request.url).href,
        (route) =>
          route.continue({
            method: "POST",
            postData: request.body ?? Buffer.alloc(0),
            headers: { ...route.request().headers(), "content-type": "application/x-www-form-urlencoded" },
          }),
        { times: 1 },
      );
    }
    await page.goto(request.url).catch(() => undefined); // a failed load shows Chromium's error page, as a WebView would
    return {
      page,
      request,
      messages,
      outcome,
      close: async () => {
        closing = true;
        done = true;
        await context.close().catch(() => undefined);
      },
    };
  }
}
