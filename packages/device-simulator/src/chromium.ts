// `@carrierkit/device-simulator/chromium`: launching the system Chromium through playwright-core, an optional peer
// dependency (the device itself only needs a `Browser` handed to `ChromiumPurchasePages`).
import type { Browser } from "playwright-core";

/** Chromium flags of the repository's browser tests (headless, no sandbox, no background traffic). */
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

/** Launches the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium); never downloads a browser. */
export async function launchChromium(
  executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
): Promise<Browser> {
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch {
    throw new Error(
      '@carrierkit/device-simulator/chromium needs the optional peer dependency playwright-core: npm install playwright-core@"^1.65.1"',
    );
  }
  return playwright.chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
