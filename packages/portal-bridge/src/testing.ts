/**
 * Test helpers for hosts and portals (needs the optional peer dependencies `playwright-core` and `esbuild`, and a
 * Chromium; Debian: /usr/bin/chromium).
 * `attachBridgeHost` injects the runtime into every page of a context, records what the host receives, and fires
 * callbacks back: what the Mobile Plans app or Android's purchase WebView would do.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildRuntimeScript } from "./build.js";
import { importOptionalPeer } from "./optional-peer.js";
import {
  type BridgeMessage,
  CONFIG_GLOBAL,
  type FireResult,
  HANDLE_GLOBAL,
  type PortalBridgeConfig,
} from "./protocol.js";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches the system Chromium (`executablePath`, else CHROMIUM_PATH, else /usr/bin/chromium) through playwright-core,
 * with {@link CHROMIUM_ARGS}; never downloads a browser.
 */
export async function launchChromium(
  executablePath: string = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
): Promise<Browser> {
  const { chromium } = await importOptionalPeer("testing", "playwright-core", () => import("playwright-core"));
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

let cachedScript: Promise<string> | undefined;
/** The runtime script, built once per process from the current sources. */
export function runtimeScript(): Promise<string> {
  cachedScript ??= buildRuntimeScript();
  return cachedScript;
}

export interface BridgeHost {
  /** Every message received, in order (all pages of the context). */
  readonly messages: BridgeMessage[];
  /** Console lines of the pages starting with `[portal-bridge]`. */
  readonly console: string[];
  /** Received `call` messages, optionally of one canonical `Object.method`. */
  calls(method?: string): Extract<BridgeMessage, { kind: "call" }>[];
  refusals(): Extract<BridgeMessage, { kind: "refused" }>[];
  /** Waits until `count` messages match. */
  waitFor(predicate: (m: BridgeMessage) => boolean, count?: number, timeoutMs?: number): Promise<BridgeMessage[]>;
  /** Fires a host callback into the page's portal (e.g. `profileActivationComplete`). */
  fire(page: Page, callback: string, args: unknown): Promise<FireResult>;
  watch(page: Page): void;
}

/** Host config without the transport (the harness provides it). */
export type HostConfig = Omit<PortalBridgeConfig, "transport">;

const BINDING = "__carrierkitBridgeHost";

/** Injects the runtime into every page of `context` with `config`, and records what it hands to the host. */
export async function attachBridgeHost(context: BrowserContext, config: HostConfig): Promise<BridgeHost> {
  const messages: BridgeMessage[] = [];
  const consoleLines: string[] = [];
  const waiters = new Set<() => void>();
  await context.exposeBinding(BINDING, (_source, message: BridgeMessage) => {
    messages.push(message);
    for (const w of waiters) w();
  });
  const full: PortalBridgeConfig = { ...config, transport: BINDING };
  await context.addInitScript({ content: `globalThis[${JSON.stringify(CONFIG_GLOBAL)}] = ${JSON.stringify(full)};` });
  await context.addInitScript({ content: await runtimeScript() });
  const watched = new WeakSet<Page>();
  const host: BridgeHost = {
    messages,
    console: consoleLines,
    calls: (method) =>
      messages.filter(
        (m): m is Extract<BridgeMessage, { kind: "call" }> =>
          m.kind === "call" && (method === undefined || `${m.object}.${m.method}` === method),
      ),
    refusals: () => messages.filter((m): m is Extract<BridgeMessage, { kind: "refused" }> => m.kind === "refused"),
    waitFor(predicate, count = 1, timeoutMs = 5000) {
      const matching = () => messages.filter(predicate);
      if (matching().length >= count) return Promise.resolve(matching());
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matching().length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(matching());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${count} bridge message(s); got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    fire: (page, callback, args) =>
      page.evaluate(
        ([handle, name, a]) =>
          (globalThis as unknown as Record<string, { fire(n: string, x: unknown): FireResult }>)[handle]!.fire(name, a),
        [HANDLE_GLOBAL, callback, args] as const,
      ),
    watch(page) {
      if (watched.has(page)) return;
      watched.add(page);
      page.on("console", (msg) => {
        if (msg.text().startsWith("[portal-bridge]")) consoleLines.push(`${msg.type()}: ${msg.text()}`);
      });
    },
  };
  context.on("page", (page) => host.watch(page));
  return host;
}
