// The latency-sensitive app of the upsell demo: once the premium capability is active it asks for a
// PRIORITIZE_LATENCY network (self-certified, as Android 14 requires of apps targeting API 34).
import type { AndroidConnectivity, NetworkRequestHandle } from "./connectivity/index.js";

export const DEMO_LATENCY_APP = "com.example.cloudgame";

export function requestLatencyNetwork(
  connectivity: AndroidConnectivity,
  packageName: string = DEMO_LATENCY_APP,
): NetworkRequestHandle {
  const app = connectivity.installApp({ packageName, selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"] });
  return connectivity.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
}
