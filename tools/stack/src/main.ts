/**
 * `npm start`: the whole reference stack in one process, on one embedded SQLite store with demo data.
 * Ports (each overridable): DPA 4010 (DPA_PORT), GTAF mock 4020 (GTAF_PORT), entitlement 4030 (ENTITLEMENT_PORT),
 * portal 4040 (PORTAL_PORT), docs 4050 (DOCS_PORT), Mobile Plans service APIs 4080 (MOBILEPLANS_SERVICE_PORT, HTTPS with
 * mutual TLS: a throwaway PKI beside the store). The GTAF mock starts first; the DPA then trusts its tokens and
 * pushes to it. The entitlement server's PCF stand-in delivers URSP to the device simulator's AMF on 4060 (AMF_PORT),
 * which `carrierkit-sim android purchase` starts. The SM-DP+ stand-in (GSMA SGP.22 ES2+/ES9+) runs on 4070 (SMDP_PORT):
 * the portal's eSIM inventory orders the demo profile order from it, and `carrierkit-sim windows buy` downloads from it.
 */
import { dirname, join } from "node:path";
import { startSimulatedSmdp } from "@carrierkit/device-simulator/smdp";
import { serveDocs } from "@carrierkit/docs";
import { start as startDpa } from "@carrierkit/dpa-app";
import { start as startEntitlement } from "@carrierkit/entitlement-app";
import { start as startGtafMock } from "@carrierkit/gtaf-mock";
import { start as startMobilePlansService } from "@carrierkit/mobileplans-service-app";
import { profileOrder } from "@carrierkit/operator-core";
import { DEMO_SMDP_NOTIFICATION_TOKEN, start as startPortal } from "@carrierkit/portal-app";

const store = process.env.CARRIERKIT_SQLITE_PATH ?? ".data/carrierkit.db";
const env = {
  ...process.env,
  CARRIERKIT_DEMO: process.env.CARRIERKIT_DEMO ?? "1", // demo secrets allowed (each app announces which at start)
  DPA_SQLITE_PATH: process.env.DPA_SQLITE_PATH ?? store,
  ENTITLEMENT_SQLITE_PATH: process.env.ENTITLEMENT_SQLITE_PATH ?? store,
  PORTAL_SQLITE_PATH: process.env.PORTAL_SQLITE_PATH ?? store,
  MOBILEPLANS_SERVICE_SQLITE_PATH: process.env.MOBILEPLANS_SERVICE_SQLITE_PATH ?? store,
};

const dpaUrl = `http://${process.env.DPA_HOST ?? "127.0.0.1"}:${process.env.DPA_PORT ?? "4010"}`;
const gtaf = await startGtafMock(
  { ...env, GTAF_DPA_URL: process.env.GTAF_DPA_URL ?? dpaUrl },
  { handleSignals: false },
);
const gtafClient = gtaf.config.clients[0];
const dpa = await startDpa({
  DPA_JWKS_URL: `${gtaf.mock.publicUrl}/.well-known/jwks.json`,
  DPA_JWT_ISSUER: gtaf.config.issuer,
  DPA_JWT_AUDIENCE: gtaf.config.dpaAudience,
  GTAF_PUSH_URL: gtaf.mock.publicUrl,
  GTAF_ASN: gtaf.config.operatorId,
  GTAF_TOKEN_URL: `${gtaf.mock.publicUrl}/oauth2/token`,
  GTAF_CLIENT_ID: gtafClient?.clientId,
  GTAF_CLIENT_SECRET: gtafClient?.clientSecret,
  ...env,
});
if (dpa.demo) {
  // The DPA trusts the GTAF mock's key, so its own demo token line is printed here with a token GTAF signed.
  const token = await gtaf.signer.mintForDpa({ ttlSeconds: 24 * 3600 });
  console.log(
    [
      `DPA ready at ${dpa.server.url} (demo data; GTAF mock token valid 24 h)`,
      `  curl -H 'Authorization: Bearer ${token}' -H 'Accept-Language: hi-IN' '${dpa.server.url}/919876543210/planStatus?key_type=MSISDN&client_id=mobiledataplan'`,
      `  demo CPID (valid):   ${dpa.demo.cpids.valid}`,
      `  demo CPID (expired): ${dpa.demo.cpids.expired}`,
      // `npm exec --no` runs the workspace's own bin and never asks the registry (`npx <name>` of an unpublished name
      // would: anyone could publish it). Every command printed here is run as printed by tools/stack/test.
      `  conformance: npm exec --no -- carrierkit-gtaf conformance --dpa ${dpa.server.url} --demo --key-file '${gtaf.config.keyFile}' --cpid '${dpa.demo.cpids.valid}' --expired-cpid '${dpa.demo.cpids.expired}'`,
      "",
    ].join("\n"),
  );
}
const amfPort = process.env.AMF_PORT ?? "4060";
const entitlement = await startEntitlement({
  PCF_AMF_URL: `http://127.0.0.1:${amfPort}`, // the device simulator's AMF (carrierkit-sim starts it)
  ...env,
});
// The simulated phone keeps its state (throttle counters, activations, received URSP) beside the stack's store.
const simState = join(dirname(store), "carrierkit-sim-android.json");
console.log(
  [
    `Android 5G-slicing device simulator (Chromium; the URSP arrives through its AMF on port ${amfPort}):`,
    `  device simulator: npm exec --no -- carrierkit-sim android purchase --entitlement ${entitlement.server.url}/ --amf-port ${amfPort} --state '${simState}'`,
    "",
  ].join("\n"),
);
// The SM-DP+ stand-in holds the demo profile order (the same ICCIDs the portal imports into its stock); its state file
// beside the store keeps the orders and released profiles across restarts, as the store keeps the portal's side.
const portalPort = process.env.PORTAL_PORT ?? "4040";
const smdpNotificationToken = process.env.SMDP_NOTIFICATION_TOKEN ?? DEMO_SMDP_NOTIFICATION_TOKEN;
const smdp = await startSimulatedSmdp({
  port: Number(process.env.SMDP_PORT ?? 4070),
  profiles: profileOrder(Number(process.env.PORTAL_ESIM_STOCK ?? 50)).map((iccid) => ({ iccid })),
  notificationUrl:
    process.env.SMDP_NOTIFICATION_URL ?? `http://127.0.0.1:${portalPort}/es2plus/handleDownloadProgressInfo`,
  notificationToken: smdpNotificationToken,
  stateFile: join(dirname(store), "carrierkit-smdp.json"),
});
// The operator portal (Mobile Plans and data-boost pages) calls the entitlement admin API after a boost purchase, and
// orders eSIM profiles from the SM-DP+ over ES2+.
const portal = await startPortal({
  ENTITLEMENT_ADMIN_URL: `${entitlement.server.url}/admin`,
  ENTITLEMENT_ADMIN_TOKEN: entitlement.adminToken,
  SMDP_URL: smdp.url,
  SMDP_NOTIFICATION_TOKEN: smdpNotificationToken,
  // The simulated PCs fast-forward their clocks to the delayed download's toast: release delayed profiles at once.
  PORTAL_ESIM_RELEASE_MINUTES: process.env.PORTAL_ESIM_RELEASE_MINUTES ?? "0",
  ...env,
});
console.log(
  [
    `Windows Mobile Plans PC simulator (Chromium; eSIM from the SM-DP+ stand-in at ${smdp.url}):`,
    `  device simulator: npm exec --no -- carrierkit-sim windows buy --flow inline --portal ${portal.server.url}/ --smdp ${smdp.url}`,
    "",
  ].join("\n"),
);
// The operator APIs the Windows Mobile Plans service calls (GetBalance, GetOffers, GetNotifications), over mutual TLS;
// it prints a curl call with the demo "Microsoft" client certificate.
const mobilePlans = await startMobilePlansService(env);
const docs = await serveDocs();
console.log(`API docs at ${docs.url}/`);

const services = [
  { name: "gtaf-mock", url: gtaf.mock.publicUrl, close: () => gtaf.server.close() },
  { name: "dpa", url: dpa.server.url, close: () => dpa.server.close() },
  { name: "entitlement", url: entitlement.server.url, close: () => entitlement.server.close() },
  { name: "smdp", url: smdp.url, close: () => smdp.close() },
  { name: "portal", url: portal.server.url, close: () => portal.server.close() },
  { name: "mobileplans-service", url: mobilePlans.server.url, close: () => mobilePlans.server.close() },
  { name: "docs", url: docs.url, close: () => docs.close() },
];
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void Promise.allSettled(services.map((s) => s.close())).then(() => process.exit(0));
  });
}
console.log(`carrierkit stack running: ${services.map((s) => `${s.name} ${s.url}`).join(", ")}. Ctrl-C stops it.`);
