// The module bin/carrierkit-sim.js runs. Only the flags live here; the device and Chromium are imported when a
// command runs, so --help and --version answer at once.
import {
  cliMain,
  defineCli,
  isEntryPoint,
  type MainContext,
  packageOf,
  runMain,
  UsageError,
} from "@carrierkit/cli-runtime";

const footer = `Defaults reach the \`npm start\` stack: the entitlement server on http://127.0.0.1:4030/ and the demo USIM of
Asha (IMSI 001010000000001, K/OPc as printed by npm start), whose boost page is the portal's /boost.
--carrier-config takes AOSP key strings (or KEY_… names), e.g.
  --carrier-config premium_capability_notification_display_timeout_millis_long=60000
supported_premium_capabilities_int_array defaults to 34 here (AOSP: empty; set it to '' to see CARRIER_DISABLED).
--user: accept (tap the notification, click the first [data-offer] or --offer), dismiss, not-now, ignore (wait for
the display timeout), close (open the page and close it).

Unless --no-network, the device attaches to a simulated 5G network: an AMF on AMF_PORT (4060) where the operator's
PCF (the entitlement server's PCF_AMF_URL) sends the new URSP after the purchase; the run waits for it, then routes a
latency app's PRIORITIZE_LATENCY request and prints its PDU session (step "route").

windows buy: a Windows PC with the Mobile Plans app (an eUICC and its LPA) launches the portal (--portal, npm
start's http://127.0.0.1:4040/ by default; an http portal is allowed on loopback hosts only), a scripted user signs in
with the demo MSISDN (--msisdn, 919876543210), picks a plan and pays, and the app carries out the bridge call. The LPA
downloads from the SM-DP+ at --smdp (SMDP_URL, http://127.0.0.1:4070): every SM-DP+ address of an activation code
resolves there. --flow: inline, delayed (the simulated clock jumps to the toast, which the user accepts), async (jumps
to the registration slot), balance, balance-iccid (an inline purchase first when the eUICC is empty), cancel, legacy
(the legacy documentation's MobilePlansInlineProfileDownload sample run on the finish page with its activation code).

Exit status: 0 when the result is SUCCESS (android) or the flow ended as expected (windows: profile installed, active
and registered; balance added; cancellation reported), 1 otherwise, 2 on a usage error.`;

export const cli = defineCli({
  name: "carrierkit-sim",
  version: packageOf(import.meta.url).version,
  summary: "simulated devices against any operator: Android 5G slicing upsell, Windows Mobile Plans",
  usage: `carrierkit-sim android purchase [options]   buy PRIORITIZE_LATENCY, printing each step and the result
carrierkit-sim windows buy [options]        buy on a Mobile Plans portal and install the eSIM, printing each step`,
  positionals: true,
  options: {
    entitlement: {
      type: "string",
      value: "<url>",
      description: "the TS.43 entitlement server (http://127.0.0.1:4030/)",
    },
    profile: { type: "string", value: "<id>", description: "android-14, android-14-qpr1 (default), android-15" },
    "carrier-config": {
      type: "string",
      multiple: true,
      value: "<key=value>",
      description: "a carrier-config override",
    },
    user: { type: "string", value: "<what>", description: "accept (default), dismiss, not-now, ignore, close" },
    offer: { type: "string", value: "<selector>", description: "what accept clicks (button[data-offer])" },
    capability: { type: "string", value: "<n>", description: "the premium capability (34, PRIORITIZE_LATENCY)" },
    imsi: { type: "string", value: "<imsi>", description: "the USIM's IMSI (demo: 001010000000001)" },
    k: { type: "string", value: "<hex>", description: "the USIM's K (demo Asha's)" },
    opc: { type: "string", value: "<hex>", description: "the USIM's OPc (demo Asha's)" },
    "mnc-digits": { type: "string", value: "<2|3>", description: "MNC digits of the IMSI (2)" },
    imei: { type: "string", value: "<imei>", description: "terminal_id (356938035643809)" },
    rat: { type: "string", value: "<rat>", description: "NR (default), LTE, LTE_CA, UMTS, GSM, NONE" },
    roaming: { type: "boolean", description: "the device is roaming" },
    "data-off": { type: "boolean", description: "mobile data is off" },
    "not-default-data": { type: "boolean", description: "not the default data subscription" },
    background: { type: "boolean", description: "the calling app is not in the foreground" },
    state: {
      type: "string",
      value: "<file>",
      description: "persisted device state (.data/carrierkit-sim-android.json)",
    },
    chromium: { type: "string", value: "<path>", description: "Chromium (CHROMIUM_PATH, /usr/bin/chromium)" },
    "amf-port": {
      type: "string",
      value: "<port>",
      description: "the simulated AMF the operator's PCF delivers URSP to (AMF_PORT, 4060)",
    },
    "no-network": {
      type: "boolean",
      description: "no simulated network: the run ends at SUCCESS without waiting for the URSP",
    },
    json: { type: "boolean", description: "print each step as a JSON line" },
    portal: {
      type: "string",
      value: "<url>",
      description: "windows: the Mobile Plans portal (http://127.0.0.1:4040/)",
    },
    flow: {
      type: "string",
      value: "<flow>",
      description: "windows: inline (default), delayed, async, balance, balance-iccid, cancel, legacy",
    },
    smdp: {
      type: "string",
      value: "<url>",
      description: "windows: the SM-DP+ (http://127.0.0.1:4070)",
      env: "SMDP_URL",
    },
    msisdn: { type: "string", value: "<number>", description: "windows: who signs in (919876543210)" },
    plan: { type: "string", value: "<id>", description: "windows: the plan to buy (the first one offered)" },
    eid: { type: "string", value: "<eid>", description: "windows: the eUICC's EID (a new random one per run)" },
    market: { type: "string", value: "<cc>", description: "windows: the PC's region (US)" },
    location: { type: "string", value: "<cc>", description: "windows: the physical location (US)" },
    language: { type: "string", value: "<tag>", description: "windows: Accept-Language (en-us)" },
    screenshot: { type: "string", value: "<file.png>", description: "windows: save the final portal page" },
  },
  env: [
    ["CHROMIUM_PATH", "the Chromium to drive (/usr/bin/chromium)"],
    ["AMF_PORT", "port of the simulated AMF (4060; the entitlement server's PCF_AMF_URL points there)"],
    ["SMDP_URL", "windows: the SM-DP+ the LPA downloads from (http://127.0.0.1:4070)"],
  ],
  footer,
});

/** `carrierkit-sim android purchase …` / `carrierkit-sim windows buy …`; resolves with the exit status. */
export const main = cliMain(cli, async ({ values, positionals, env }, io) => {
  const [platform, command, ...extra] = positionals;
  if (platform === undefined) throw new UsageError("a command is required: android purchase, windows buy");
  if (platform !== "android" && platform !== "windows")
    throw new UsageError(`unknown platform '${platform}' (android, windows)`);
  const expected = platform === "android" ? "purchase" : "buy";
  if (command !== expected) throw new UsageError(`unknown command '${command ?? ""}' (${expected})`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if (platform === "windows") {
    const { windowsBuyCommand } = await import("./cli-windows.js");
    return windowsBuyCommand(values, env, io);
  }
  const { androidPurchaseCommand } = await import("./cli-android.js");
  return androidPurchaseCommand(values, env, io);
}) as (argv?: string[], context?: MainContext) => Promise<number>;

if (isEntryPoint(import.meta.url)) void runMain("carrierkit-sim", main);
