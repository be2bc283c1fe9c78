// The bridge runtime the CLI injects: the shipped one, or, in a source checkout before a build (no dist/ in
// @carrierkit/portal-bridge), the one bundled from its sources (needs esbuild, there as a dev dependency of the monorepo).
import { bridgeRuntimeScript } from "./android/purchase-page.js";

export function cliRuntimeScript(): Promise<string> {
  return bridgeRuntimeScript().catch(async () => {
    const { buildRuntimeScript } = await import("@carrierkit/portal-bridge/build");
    return buildRuntimeScript();
  });
}
