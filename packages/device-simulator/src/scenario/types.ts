// A scenario: one named, repeatable story of a simulated device against an operator — the device and its profile and
// state, the scripted user, the operator endpoints, the clock and the expected outcome. Written in TypeScript or as a
// JSON/YAML file validated by specs/sim/scenario.schema.json; run by `carrierkit-sim run <name|file>` and, many at a
// time, by `carrierkit-sim fleet --mix <name>=<weight>,…`.

/** The operator endpoints a scenario runs against (defaults: the `npm start` stack on loopback). */
export interface ScenarioEndpoints {
  /** TS.43 entitlement server (http://127.0.0.1:4030/). */
  entitlement?: string;
  /** The Mobile Plans portal (http://127.0.0.1:4040/). */
  portal?: string;
  /** The SM-DP+ every activation code resolves to (http://127.0.0.1:4070). */
  smdp?: string;
  /** Port of the simulated AMF the operator's PCF delivers URSP to (4060); 0 = no simulated network. */
  amfPort?: number;
}

/** The simulated clock: where it starts and how the scripted time moves. */
export interface ScenarioClock {
  /** ISO 8601 start of simulated time (default: now). */
  start?: string;
  /** Fast-forward over waits the user would sit through (toast, registration slot, display timeout) (default true). */
  fastForward?: boolean;
}

/** One check of the outcome; every failed one is reported by its `name` (or a name built from it). */
export type ScenarioExpectation =
  /** Android: the purchasePremiumCapability result (e.g. SUCCESS, THROTTLED) of the request at `request` (0-based; default the last). */
  | { name?: string; result: string; request?: number }
  /** Windows: the flow ended as expected (profile installed, active and registered; balance added; cancel reported). */
  | { name?: string; flowOk: boolean }
  /** A device step happened (e.g. capability-active), or did not (`absent: true`). */
  | { name?: string; step: string; absent?: boolean }
  /** A trace event with this protocol and a label matching the regular expression happened (or, `absent`, not). */
  | { name?: string; trace: { protocol?: string; from?: string; to?: string; label: string }; absent?: boolean }
  /** Windows: the last purchase metadata's moDirectStatus, or the LPA's activation result. */
  | { name?: string; moDirectStatus: string }
  | { name?: string; activationResult: string };

export interface AndroidScenarioDevice {
  kind: "android";
  /** android-14, android-14-qpr1 (default), android-15. */
  profile?: string;
  /** AOSP carrier-config key strings → values. */
  carrierConfig?: Record<string, unknown>;
  radio?: { rat?: string; roaming?: boolean; dataEnabled?: boolean; defaultDataSubscription?: boolean };
  settings?: { appForeground?: boolean; notificationsEnabled?: boolean; slicingUpsellEnabled?: boolean };
  /** USIM (default: the demo subscriber of `npm start`). */
  usim?: { imsi: string; k: string; opc: string; mncDigits?: 2 | 3 };
  /** State before the run: notifications already shown today / this month, back-off until. */
  state?: { dailyNotifications?: number; monthlyNotifications?: number; backoffMinutes?: number };
}

export interface WindowsScenarioDevice {
  kind: "windows";
  /** inline, delayed, async, balance, balance-iccid, cancel, legacy. */
  flow: string;
  msisdn?: string;
  plan?: string;
  eid?: string;
  market?: string;
  location?: string;
  language?: string;
  /** A fault of the card or the SM-DP+ that the activation must report (see the LPA's activation-error table). */
  fault?: string;
}

/** The scripted user. */
export interface ScenarioUser {
  /** Android: accept, dismiss, not-now, ignore, close, or a page-side outcome. */
  action?: string;
  /** What `accept` clicks on the purchase page. */
  offer?: string;
  /** Think time before each action, ms (default 0; fleet mode draws around it). */
  thinkMs?: number;
  /** Requests in a row (throttle scenarios ask again), default 1. */
  repeat?: number;
}

export interface Scenario {
  /** kebab-case, e.g. android-upsell-success. */
  name: string;
  /** One or two sentences: what the run shows. */
  summary: string;
  device: AndroidScenarioDevice | WindowsScenarioDevice;
  user?: ScenarioUser;
  endpoints?: ScenarioEndpoints;
  clock?: ScenarioClock;
  expect: ScenarioExpectation[];
}

/** One expectation's verdict. */
export interface ExpectationResult {
  name: string;
  ok: boolean;
  /** What was expected and what happened, e.g. `result SUCCESS expected, got THROTTLED (3)`. */
  message: string;
}

/** What a scenario run gives back. */
export interface ScenarioRunResult {
  scenario: string;
  ok: boolean;
  expectations: ExpectationResult[];
  /** The run's trace (import type from ../trace/types.js). */
  trace: import("../trace/types.js").Trace;
}
