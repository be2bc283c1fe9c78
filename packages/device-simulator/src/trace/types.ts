// The trace of one simulated run: every message that crosses a boundary (HTTP, TS.43 EAP rounds, bridge calls and
// callbacks, N1 / UE-policy messages, ES2+ / ES9+ calls), every user action and every timer firing, in order, with the
// simulated and the wall time. Saved as JSON (specs/sim/trace.schema.json), drawn as a sequence diagram. Secrets never
// reach a trace: recorders redact before they store (see redact.ts).

/**
 * Who takes part, named as in the figures of the platforms' documentation (Android's slicing upsell, Windows Mobile
 * Plans) and the operator's side of this project.
 */
export const TRACE_PARTICIPANTS = {
  user: "User",
  app: "App",
  device: "Device",
  telephony: "Telephony",
  webview: "WebView",
  "mobile-plans": "Mobile Plans app",
  lpa: "LPA",
  portal: "Operator portal",
  entitlement: "Entitlement server",
  smdp: "SM-DP+",
  amf: "AMF",
  pcf: "PCF",
  dpa: "DPA",
  gtaf: "GTAF",
} as const;
export type TraceParticipant = keyof typeof TRACE_PARTICIPANTS;

/** What kind of boundary the event crosses. */
export type TraceProtocol = "http" | "eap-aka" | "bridge" | "n1" | "es2plus" | "es9plus" | "ui" | "timer" | "device";

/**
 * `request`/`response` pair up through `replyTo` (the request's `seq`); `message` is one-way (a bridge call, a
 * callback, an N1 message, a notification); `action` is the user's; `timer` a timer firing; `note` a fact of one
 * participant (a state change, a result).
 */
export type TraceEventKind = "request" | "response" | "message" | "action" | "timer" | "note";

export interface TraceEvent {
  /** 1, 2, 3 … in recording order. */
  seq: number;
  /** The device's simulated clock, ms since the epoch. */
  simTime: number;
  /** Wall time, ms since the epoch. */
  wallTime: number;
  kind: TraceEventKind;
  protocol: TraceProtocol;
  from: TraceParticipant;
  /** The same as `from` for `note`, `timer` and `action` events that stay within one participant. */
  to: TraceParticipant;
  /** One short line for the diagram: `GET /?EAP_ID=…`, `200 OK`, `notifyPurchaseSuccessful()`, `tap notification`. */
  label: string;
  /** For a `response`: the `seq` of its request. */
  replyTo?: number;
  /** HTTP only. */
  http?: {
    method?: string;
    /** Path and query, secrets redacted. */
    url?: string;
    status?: number;
    contentType?: string;
  };
  /** Key fields (already redacted): result codes, ICCIDs, EAP types, states. */
  detail?: Record<string, unknown>;
}

export interface Trace {
  /** The trace format's version. */
  version: 1;
  /** The scenario that ran, when one did. */
  scenario?: string;
  device: "android" | "windows";
  startedAt: { simTime: number; wallTime: number };
  endedAt?: { simTime: number; wallTime: number };
  /** The participants that appear, in the order they first appear. */
  participants: TraceParticipant[];
  events: TraceEvent[];
  /** How the run ended (e.g. the purchase result name, or the Windows flow summary). */
  outcome?: { ok: boolean; summary: string };
}

/** What a boundary gives the recorder (the recorder adds `seq`, the times and redaction). */
export type TraceInput = Omit<TraceEvent, "seq" | "simTime" | "wallTime">;

/** The one interface instrumented code depends on; `undefined` where nothing records. */
export interface TraceSink {
  /** Records one event and returns its `seq` (for `replyTo`). */
  record(event: TraceInput): number;
}
