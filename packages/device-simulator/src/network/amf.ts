// The simulated AMF: the AMF side of the Namf_Communication UE policy delivery subset (specs/namf/openapi.yaml) over
// real HTTP. Simulated UEs register by SUPI; an N1 message of class UPDP is wrapped in a DL NAS TRANSPORT and handed to
// the UE; the UE's UL NAS TRANSPORT answer is unwrapped and posted to every UPDP subscriber (N1MessageNotify). Faults
// for tests: lose the next downlink or uplink messages, make a UE idle (paged after a delay) or unreachable (504).
import { createObservability, type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { type N1MessageNotification, sendN1MessageNotify } from "@carrierkit/namf";
import { createNamfRouter, NamfError, type NamfHandlers, namfRejectionBody } from "@carrierkit/namf/server";
import { decodeNasTransport, encodeNasTransport, toHex } from "@carrierkit/ursp";
import express, { type Express } from "express";
import { type DeviceClock, systemDeviceClock } from "../clock.js";

/** What the AMF needs of a UE: take a DL NAS TRANSPORT, maybe answer with an UL NAS TRANSPORT. */
export interface SimulatedUe {
  receiveNas(nas: Uint8Array): { answer?: Uint8Array } | Promise<{ answer?: Uint8Array }>;
}

/** A UE's connection state as the AMF sees it (TS 23.501 CM state and reachability). */
export type UeReachability = "connected" | "idle" | "unreachable";

/** One step of the AMF's trace (for tests, traces and sequence diagrams). */
export type AmfEvent =
  | { at: number; supi: string; kind: "transfer"; status: number; cause: string }
  | { at: number; supi: string; kind: "downlink"; nasHex: string }
  | { at: number; supi: string; kind: "lost"; direction: "downlink" | "uplink"; nasHex: string }
  | { at: number; supi: string; kind: "uplink"; nasHex: string }
  | { at: number; supi: string; kind: "paging"; outcome: "answered" | "unanswered" }
  | { at: number; supi: string; kind: "notify"; uri: string; status: number | "unreachable"; n1Hex: string };

type AmfEventInput = AmfEvent extends infer E ? (E extends AmfEvent ? Omit<E, "at"> : never) : never;

export interface SimulatedAmfOptions {
  clock?: DeviceClock;
  /** How long paging an idle UE takes before it answers (default 2 s of clock time). */
  pagingDelayMs?: number;
  /** The fetch used for N1MessageNotify (default global fetch). */
  fetch?: typeof fetch;
  /** This AMF's base URL for Location headers (default: the listening URL once started). */
  apiRoot?: string;
}

interface Registered {
  ue: SimulatedUe;
  state: UeReachability;
  dropDownlink: number;
  dropUplink: number;
}

interface Subscription {
  id: string;
  supi: string;
  uri: string;
}

/** The default port of the simulated network (README: 4060, `AMF_PORT`). */
export function amfPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AMF_PORT;
  if (raw === undefined || raw === "") return 4060;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("AMF_PORT must be a port number (0..65535)");
  return port;
}

/**
 * A simulated AMF with a real HTTP server. Construct it, `register` UEs (`imsi-<IMSI>` and a {@link SimulatedUe}, e.g.
 * the device's UePolicyStore), `start()`, and point a PCF at `url`.
 */
export class SimulatedAmf {
  readonly #ues = new Map<string, Registered>();
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #pending = new Set<Promise<void>>();
  readonly #clock: DeviceClock;
  readonly #pagingDelayMs: number;
  readonly #fetch: typeof fetch;
  #apiRoot: string | undefined;
  #nextSubscription = 1;
  #nextTransfer = 1;
  #server: RunningServer | undefined;
  /** Everything that happened, in order. */
  readonly events: AmfEvent[] = [];
  readonly app: Express;

  constructor(options: SimulatedAmfOptions = {}) {
    this.#clock = options.clock ?? systemDeviceClock;
    this.#pagingDelayMs = options.pagingDelayMs ?? 2000;
    this.#fetch = options.fetch ?? fetch;
    this.#apiRoot = options.apiRoot;
    const observability = createObservability({ service: "amf", errorBody: namfRejectionBody });
    this.app = express();
    this.app.disable("x-powered-by");
    this.app.use(observability.middleware);
    this.app.use(createNamfRouter(this.#handlers()));
  }

  /** Registers a UE by SUPI (`imsi-<IMSI>`); a registered SUPI is replaced. */
  register(supi: string, ue: SimulatedUe, state: UeReachability = "connected"): void {
    if (!/^imsi-[0-9]{5,15}$/.test(supi)) throw new RangeError(`SUPI must be imsi-<5..15 digits>, got ${supi}`);
    this.#ues.set(supi, { ue, state, dropDownlink: 0, dropUplink: 0 });
  }

  /** Removes the UE context (later transfers: 404 CONTEXT_NOT_FOUND) and its subscriptions. */
  deregister(supi: string): void {
    this.#ues.delete(supi);
    for (const [id, s] of this.#subscriptions) if (s.supi === supi) this.#subscriptions.delete(id);
  }

  /** Sets a UE's state: connected (delivered at once), idle (paged first: 202), unreachable (504 UE_NOT_REACHABLE). */
  setReachability(supi: string, state: UeReachability): void {
    this.#registered(supi).state = state;
  }

  /** Loses the next `count` messages to (downlink) or from (uplink) the UE. */
  loseNext(supi: string, count = 1, direction: "downlink" | "uplink" = "downlink"): void {
    const ue = this.#registered(supi);
    if (direction === "downlink") ue.dropDownlink += count;
    else ue.dropUplink += count;
  }

  /** The UPDP subscriptions (id, SUPI, callback URI). */
  subscriptions(): Subscription[] {
    return [...this.#subscriptions.values()];
  }

  /** Resolves when every delivery and notification started so far has finished (paging still due is not waited for). */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  /** Listens (default port `AMF_PORT` or 4060); resolves with the running server. */
  async start(options: { port?: number; host?: string } = {}): Promise<RunningServer> {
    this.#server = await startServer({
      app: this.app,
      port: options.port ?? amfPortFromEnv(),
      host: options.host ?? "127.0.0.1",
      onClose: () => this.settled(),
    });
    this.#apiRoot ??= this.#server.url;
    return this.#server;
  }

  get url(): string {
    if (!this.#server) throw new Error("the AMF is not started");
    return this.#server.url;
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  #registered(supi: string): Registered {
    const ue = this.#ues.get(supi);
    if (!ue) throw new RangeError(`no UE ${supi} registered`);
    return ue;
  }

  #event(e: AmfEventInput): void {
    this.events.push({ at: this.#clock.now(), ...e } as AmfEvent);
  }

  #track(work: Promise<void>): void {
    const p = work.catch(() => undefined).finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  #handlers(): NamfHandlers {
    return {
      N1N2MessageTransfer: ({ params, body, ctx }) => {
        const n1 = ctx.n1Message(body.jsonData.n1MessageContainer);
        const supi = params.ueContextId;
        const ue = this.#ues.get(supi);
        if (!ue) throw new NamfError(404, "CONTEXT_NOT_FOUND", `no UE context ${supi}`);
        if (ue.state === "unreachable") {
          this.#event({ supi, kind: "transfer", status: 504, cause: "UE_NOT_REACHABLE" });
          return {
            status: 504,
            body: {
              error: { status: 504, title: "Gateway Timeout", cause: "UE_NOT_REACHABLE" },
              errInfo: { retryAfter: 30 },
            },
          };
        }
        const nas = encodeNasTransport("DL", n1, 5);
        if (ue.state === "idle") {
          if (body.jsonData.skipInd) {
            this.#event({ supi, kind: "transfer", status: 200, cause: "N1_MSG_NOT_TRANSFERRED" });
            return { status: 200, body: { cause: "N1_MSG_NOT_TRANSFERRED" } };
          }
          const id = this.#nextTransfer++;
          this.#event({ supi, kind: "transfer", status: 202, cause: "ATTEMPTING_TO_REACH_UE" });
          // Paging takes clock time; the delivery is tracked (settled()) from the moment the UE answers it.
          this.#clock.setTimer(this.#pagingDelayMs, () => {
            const now = this.#ues.get(supi);
            if (!now || now.state === "unreachable") {
              this.#event({ supi, kind: "paging", outcome: "unanswered" });
              return;
            }
            now.state = "connected";
            this.#event({ supi, kind: "paging", outcome: "answered" });
            this.#track(this.#deliver(supi, nas));
          });
          return {
            status: 202,
            headers: { Location: `${this.#apiRoot ?? ""}/namf-comm/v1/ue-contexts/${supi}/n1-n2-messages/${id}` },
            body: { cause: "ATTEMPTING_TO_REACH_UE" },
          };
        }
        this.#event({ supi, kind: "transfer", status: 200, cause: "N1_N2_TRANSFER_INITIATED" });
        // After the answer is on its way, as a real AMF sends the DL NAS TRANSPORT after accepting the request.
        this.#track(new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#deliver(supi, nas)));
        return { status: 200, body: { cause: "N1_N2_TRANSFER_INITIATED" } };
      },
      N1N2MessageSubscribe: ({ params, body }) => {
        const supi = params.ueContextId;
        if (!this.#ues.has(supi)) throw new NamfError(404, "CONTEXT_NOT_FOUND", `no UE context ${supi}`);
        const id = String(this.#nextSubscription++);
        this.#subscriptions.set(id, { id, supi, uri: body.n1NotifyCallbackUri });
        return {
          status: 201,
          headers: {
            Location: `${this.#apiRoot ?? ""}/namf-comm/v1/ue-contexts/${supi}/n1-n2-messages/subscriptions/${id}`,
          },
          body: { n1n2NotifySubscriptionId: id },
        };
      },
      N1N2MessageUnSubscribe: ({ params }) => {
        const s = this.#subscriptions.get(params.subscriptionId);
        if (!this.#ues.has(params.ueContextId)) throw new NamfError(404, "CONTEXT_NOT_FOUND", "no such UE context");
        if (!s || s.supi !== params.ueContextId)
          throw new NamfError(404, "SUBSCRIPTION_NOT_FOUND", `no subscription ${params.subscriptionId}`);
        this.#subscriptions.delete(s.id);
        return { status: 204 };
      },
    };
  }

  async #deliver(supi: string, nas: Uint8Array): Promise<void> {
    const ue = this.#ues.get(supi);
    if (!ue) return;
    if (ue.dropDownlink > 0) {
      ue.dropDownlink--;
      this.#event({ supi, kind: "lost", direction: "downlink", nasHex: toHex(nas) });
      return;
    }
    this.#event({ supi, kind: "downlink", nasHex: toHex(nas) });
    let answer: Uint8Array | undefined;
    try {
      answer = (await ue.ue.receiveNas(nas)).answer;
    } catch {
      answer = undefined; // a crashing UE answers nothing
    }
    if (!answer) return;
    if (ue.dropUplink > 0) {
      ue.dropUplink--;
      this.#event({ supi, kind: "lost", direction: "uplink", nasHex: toHex(answer) });
      return;
    }
    this.#event({ supi, kind: "uplink", nasHex: toHex(answer) });
    let payload: Uint8Array;
    try {
      const ul = decodeNasTransport(answer);
      if (ul.direction !== "UL" || ul.payloadContainerType !== 5) return;
      payload = ul.payload;
    } catch {
      return; // not a UE policy container: nothing for a UPDP subscriber
    }
    await Promise.all(
      [...this.#subscriptions.values()]
        .filter((s) => s.supi === supi)
        .map(async (s) => {
          const notification: Omit<N1MessageNotification, "n1MessageContainer"> = {
            n1NotifySubscriptionId: s.id,
            supi,
          };
          try {
            const result = await sendN1MessageNotify(s.uri, notification, payload, { fetch: this.#fetch });
            this.#event({ supi, kind: "notify", uri: s.uri, status: result.status, n1Hex: toHex(payload) });
          } catch {
            this.#event({ supi, kind: "notify", uri: s.uri, status: "unreachable", n1Hex: toHex(payload) });
          }
        }),
    );
  }
}
