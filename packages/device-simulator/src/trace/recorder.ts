// The in-memory trace of one run: seq numbers, simulated and wall time, participants in order of appearance.
import type { DeviceClock } from "../clock.js";
import type { Trace, TraceEvent, TraceInput, TraceParticipant, TraceProtocol, TraceSink } from "./types.js";

export class TraceRecorder implements TraceSink {
  readonly events: TraceEvent[] = [];
  readonly #participants: TraceParticipant[] = [];
  readonly #started: { simTime: number; wallTime: number };
  #outcome: Trace["outcome"];

  constructor(
    private readonly clock: Pick<DeviceClock, "now">,
    private readonly device: Trace["device"],
    private readonly scenario?: string,
  ) {
    this.#started = { simTime: clock.now(), wallTime: Date.now() };
  }

  record(event: TraceInput): number {
    const seq = this.events.length + 1;
    for (const p of [event.from, event.to]) if (!this.#participants.includes(p)) this.#participants.push(p);
    this.events.push({ seq, simTime: this.clock.now(), wallTime: Date.now(), ...event });
    return seq;
  }

  /** How the run ended. */
  end(outcome: { ok: boolean; summary: string }): void {
    this.#outcome = outcome;
  }

  toJSON(): Trace {
    return {
      version: 1,
      ...(this.scenario ? { scenario: this.scenario } : {}),
      device: this.device,
      startedAt: this.#started,
      endedAt: { simTime: this.clock.now(), wallTime: Date.now() },
      participants: [...this.#participants],
      events: [...this.events],
      ...(this.#outcome ? { outcome: this.#outcome } : {}),
    };
  }
}

/** Where a traced fetch's calls go: the calling and the called participant, and the protocol drawn. */
export interface TracedFetchRoute {
  from: TraceParticipant;
  to: TraceParticipant;
  protocol?: TraceProtocol;
}

/**
 * A fetch that records each request and its response (or its failure) on `sink`; `describe` adds key fields. URLs
 * are recorded as path and query, with secret-bearing query parameters redacted by `redactUrl`.
 */
export function tracedFetch(
  sink: TraceSink | undefined,
  route: TracedFetchRoute,
  inner: typeof fetch = fetch,
  redactUrl: (url: URL) => string = (u) => `${u.pathname}${u.search}`,
): typeof fetch {
  if (!sink) return inner;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const shown = redactUrl(url);
    const protocol = route.protocol ?? "http";
    const seq = sink.record({
      kind: "request",
      protocol,
      from: route.from,
      to: route.to,
      label: `${request.method} ${shown}`,
      http: { method: request.method, url: shown },
    });
    try {
      const response = await inner(request);
      const contentType = response.headers.get("content-type") ?? undefined;
      sink.record({
        kind: "response",
        protocol,
        from: route.to,
        to: route.from,
        label: `${response.status} ${response.statusText}`.trim(),
        replyTo: seq,
        http: { status: response.status, ...(contentType ? { contentType } : {}) },
      });
      return response;
    } catch (err) {
      sink.record({
        kind: "response",
        protocol,
        from: route.to,
        to: route.from,
        label: `no answer: ${(err as Error).message}`,
        replyTo: seq,
        detail: { error: (err as Error).message },
      });
      throw err;
    }
  };
}
