// `@carrierkit/device-simulator/chromium`: launching the system Chromium through playwright-core, an optional peer
// dependency (the device itself only needs a `Browser` handed to `ChromiumPurchasePages`). One launcher for the
// repository: portal-bridge's, whose error names the missing peer.
export { CHROMIUM_ARGS, launchChromium } from "@carrierkit/portal-bridge/testing";
