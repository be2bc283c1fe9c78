import type { SoftUsim } from "./aka/usim.js";
import { ConfigDocError, type EntitlementDocument, parseJsonDocument, parseXmlDocument } from "./config/document.js";
import { EapAkaPeer } from "./eap/aka.js";
import { EAP_RELAY_MEDIA_TYPE, XML_MEDIA_TYPE } from "./types.js";

/** The permanent EAP-AKA identity (root NAI) of an IMSI: `0<IMSI>@nai.epc.mnc<MNC3>.mcc<MCC>.3gppnetwork.org`. */
export function rootNai(imsi: string, mncDigits: 2 | 3): string {
  const mcc = imsi.slice(0, 3);
  const mnc = imsi.slice(3, 3 + mncDigits).padStart(3, "0");
  return `0${imsi}@nai.epc.mnc${mnc}.mcc${mcc}.3gppnetwork.org`;
}

export class Ts43ClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter?: string,
  ) {
    super(message);
    this.name = "Ts43ClientError";
  }
}

export interface Ts43ClientOptions {
  /** The entitlement server URL (TS.43 default `https://aes.mnc<MNC>.mcc<MCC>.pub.3gppnetwork.org`). */
  baseUrl: string;
  usim: SoftUsim;
  /** Digits of the MNC in the IMSI (default 2). */
  mncDigits?: 2 | 3;
  terminalId: string;
  terminalVendor?: string;
  terminalModel?: string;
  terminalSwVersion?: string;
  entitlementVersion?: string;
  /** Document form to ask for (default json). */
  format?: "json" | "xml";
  /** GET (Android's slicing client) or POST (TS.43 §2.4). */
  method?: "GET" | "POST";
  /** Injectable clock for token validity (ms). */
  now?: () => number;
  fetch?: typeof fetch;
  /** Most EAP rounds (challenges + resynchronisations) before giving up (AOSP: 3). */
  maxRounds?: number;
  /**
   * The Accept header of every request (default: the EAP relay type and the document type of `format`). Android's
   * slicing client sends only `application/vnd.gsma.eap-relay.v1.0+json` (AOSP 14 GA/QPR1 service_entitlement).
   */
  accept?: string;
  /**
   * Order of the query parameters: carrierkit's (default) or the one AOSP's service_entitlement library writes
   * (auth, notif_action, notif_token, terminal_id, app_version, app_name, boost_type, app, terminal_vendor,
   * terminal_model, terminal_sw_version, vers, entitlement_version; others after).
   */
  parameterOrder?: "carrierkit" | "aosp";
}

/** The query-parameter order of AOSP's `EapAkaApi` (LIB main). */
const AOSP_ORDER = [
  "EAP_ID",
  "IMSI",
  "token",
  "temporary_token",
  "notif_action",
  "notif_token",
  "terminal_id",
  "app_version",
  "app_name",
  "boost_type",
  "app",
  "terminal_vendor",
  "terminal_model",
  "terminal_sw_version",
  "vers",
  "entitlement_version",
];

export interface ConfigurationResult {
  document: EntitlementDocument;
  /** How this request authenticated. */
  authenticatedWith: "eap-aka" | "token";
  /** EAP rounds used (0 with a token). */
  rounds: number;
  /** The Content-Type of the final response, and its body as received (for clients that parse it themselves). */
  contentType: string;
  body: string;
}

/**
 * A TS.43 entitlement client that runs the whole flow: full EAP-AKA over the HTTP relay (with the software USIM,
 * resynchronising when its SQN is ahead), then reuses the issued token until its validity runs out or the server
 * answers 511.
 */
export class Ts43Client {
  private token: { value: string; until: number } | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: Ts43ClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  get identity(): string {
    return rootNai(this.options.usim.imsi, this.options.mncDigits ?? 2);
  }

  /** The token currently held, if still valid. */
  get currentToken(): string | undefined {
    return this.token && this.token.until > this.now() ? this.token.value : undefined;
  }

  private params(apps: string[], extra: Record<string, string>): Record<string, string | string[]> {
    const o = this.options;
    return {
      vers: "0",
      entitlement_version: o.entitlementVersion ?? "12.0",
      terminal_id: o.terminalId,
      terminal_vendor: o.terminalVendor ?? "vend",
      terminal_model: o.terminalModel ?? "modelY",
      terminal_sw_version: o.terminalSwVersion ?? "versionZ",
      app: apps,
      ...extra,
    };
  }

  private accept(): string {
    if (this.options.accept !== undefined) return this.options.accept;
    return this.options.format === "xml"
      ? `${EAP_RELAY_MEDIA_TYPE}, ${XML_MEDIA_TYPE}`
      : `${EAP_RELAY_MEDIA_TYPE}, application/json`;
  }

  private ordered(params: Record<string, string | string[]>): Array<[string, string | string[]]> {
    const entries = Object.entries(params);
    if (this.options.parameterOrder !== "aosp") return entries;
    const rank = (k: string) => {
      const i = AOSP_ORDER.indexOf(k);
      return i < 0 ? AOSP_ORDER.length : i;
    };
    return entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  }

  private async send(params: Record<string, string | string[]>): Promise<Response> {
    const url = new URL(this.options.baseUrl);
    if ((this.options.method ?? "GET") === "GET") {
      for (const [k, v] of this.ordered(params))
        for (const x of Array.isArray(v) ? v : [v]) url.searchParams.append(k, x);
      return this.fetchImpl(url, { headers: { Accept: this.accept() } });
    }
    return this.fetchImpl(url, {
      method: "POST",
      headers: { Accept: this.accept(), "Content-Type": "application/json" },
      body: JSON.stringify(Object.fromEntries(this.ordered(params))),
    });
  }

  private async fail(res: Response): Promise<never> {
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // TS.43 error bodies are optional.
    }
    throw new Ts43ClientError(res.status, message, res.headers.get("retry-after") ?? undefined);
  }

  private async readDocument(
    res: Response,
  ): Promise<{ document: EntitlementDocument; contentType: string; body: string }> {
    const type = res.headers.get("content-type") ?? "";
    const text = await res.text();
    const parse = /xml/i.test(type) ? parseXmlDocument : /json/i.test(type) ? parseJsonDocument : undefined;
    if (!parse) throw new Ts43ClientError(res.status, `unknown content type '${type}'`);
    try {
      return { document: parse(text), contentType: type, body: text };
    } catch (err) {
      if (err instanceof ConfigDocError) err.received = { contentType: type, body: text };
      throw err;
    }
  }

  private remember(doc: EntitlementDocument): void {
    if (!doc.token) return;
    const validity = Number(doc.token.validity ?? "0");
    this.token = { value: doc.token.token, until: this.now() + (validity > 0 ? validity * 1000 : 24 * 3600 * 1000) };
  }

  /** Asks for the configuration of `apps`; `extra` adds parameters such as `boost_type`. */
  async getConfiguration(
    apps: string[],
    extra: Record<string, string> = {},
    forceEap = false,
  ): Promise<ConfigurationResult> {
    const token = forceEap ? undefined : this.currentToken;
    if (token) {
      const res = await this.send(this.params(apps, { ...extra, token, IMSI: this.options.usim.imsi }));
      if (res.status === 200) {
        const read = await this.readDocument(res);
        this.remember(read.document);
        return { ...read, authenticatedWith: "token", rounds: 0 };
      }
      if (res.status !== 511) return this.fail(res);
      await res.body?.cancel();
      this.token = undefined;
    }
    return this.authenticate(apps, extra);
  }

  private async authenticate(apps: string[], extra: Record<string, string>): Promise<ConfigurationResult> {
    const peer = new EapAkaPeer(this.options.usim, this.identity);
    let res = await this.send(this.params(apps, { ...extra, EAP_ID: this.identity }));
    const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    const maxRounds = this.options.maxRounds ?? 3;
    for (let round = 1; ; round++) {
      if (res.status !== 200) return this.fail(res);
      const type = res.headers.get("content-type") ?? "";
      if (!type.includes(EAP_RELAY_MEDIA_TYPE)) {
        const read = await this.readDocument(res);
        this.remember(read.document);
        return { ...read, authenticatedWith: "eap-aka", rounds: round - 1 };
      }
      if (round > maxRounds) throw new Ts43ClientError(200, `EAP-AKA did not finish in ${maxRounds} rounds`);
      const { "eap-relay-packet": packet } = (await res.json()) as { "eap-relay-packet": string };
      const outcome = peer.handle(new Uint8Array(Buffer.from(packet, "base64")));
      if (outcome.kind !== "response")
        throw new Ts43ClientError(200, "the server ended EAP-AKA without a configuration");
      res = await this.fetchImpl(this.options.baseUrl, {
        method: "POST",
        headers: { Accept: this.accept(), "Content-Type": EAP_RELAY_MEDIA_TYPE, Cookie: cookie },
        body: JSON.stringify({ "eap-relay-packet": Buffer.from(outcome.packet).toString("base64") }),
      });
    }
  }
}
