import { memoryRateLimitStore, type RateLimitStore } from "@carrierkit/contract-runtime/node";
import type { Clock, EntitlementCore, OperatorCore } from "@carrierkit/operator-core";
import {
  DATA_BOOST_APP_ID,
  EapAkaServer,
  type EntitlementDocument,
  fromHex,
  generateVector,
  parseAppList,
  preferredFormat,
  ResyncError,
  resynchronise,
  toJsonDocument,
  toXmlDocument,
} from "@carrierkit/ts43";
import { Ts43Error } from "@carrierkit/ts43/server";
import { dataBoostParameters, PRIORITIZE_LATENCY, type ServiceFlow } from "./data-boost.js";
import type { SessionStore } from "./sessions.js";
import type { PurchaseGrantCodec } from "./user-data.js";

/** The request parameters of either form (GET query or POST JSON body), normalised. */
export interface EntitlementParams {
  vers: number;
  entitlementVersion: string;
  terminalId?: string;
  requestorId?: string;
  apps: string[];
  imsi?: string;
  eapId?: string;
  token?: string;
  temporaryToken?: string;
  operatorToken?: string;
  boostType?: number;
}

export interface EntitlementPolicy {
  tokenValiditySeconds: number;
  configValiditySeconds: number;
  maxEntitlementVersion: number;
  legacyAp2012: boolean;
  purchaseUrl: string;
  serviceFlowContentsType: ServiceFlow["contentsType"];
  /**
   * How ServiceFlow_ContentsType is spelled: `aosp` (`json`/`xml`, absent for none: what Android compares) or `seed`
   * (the 5G slicing guide's `1`/`2`, `0` for none).
   */
  serviceFlowContentsTypeForm: ServiceFlow["form"];
  /** How long a purchase grant in ServiceFlow_UserData stays valid (seconds). */
  grantValiditySeconds: number;
  /**
   * EAP-AKA authentications one identity may start per minute (sustained; bursts up to the same number), 0 for no
   * limit. Each start reserves an SQN and computes a vector, so a flood for one IMSI is refused with 503 and
   * Retry-After (TS.43's "retry later", which Android's entitlement library honours) before it costs either.
   */
  eapStartsPerMinute: number;
}

/** What a handler sends back: an EAP challenge (JSON relay) or the configuration document. */
export type EntitlementAnswer =
  | { kind: "challenge"; packet: Uint8Array; sessionId: string }
  | { kind: "document"; format: "json" | "xml"; body: string | Record<string, unknown> };

/** How one EAP-AKA round ended, for metrics. */
export type EapRoundOutcome = "challenge" | "resync" | "success" | "failure" | "malformed" | "no_session";

const NAI = /^0([0-9]{6,15})@nai\.epc\.mnc([0-9]{3})\.mcc([0-9]{3})\.3gppnetwork\.org$/;

/** The entitlement server's behaviour (TS.43 §2, §9); routes/ maps HTTP onto it. */
export class EntitlementService {
  constructor(
    readonly core: OperatorCore,
    readonly ent: EntitlementCore,
    readonly sessions: SessionStore,
    private readonly grants: PurchaseGrantCodec,
    readonly policy: EntitlementPolicy,
    readonly now: Clock,
    private readonly onEapRound: (outcome: EapRoundOutcome) => void = () => undefined,
    /** Token buckets of EAP starts per IMSI (in memory, or shared by every instance on PostgreSQL). */
    private readonly eapStarts: RateLimitStore = memoryRateLimitStore(),
  ) {}

  /** Takes one EAP start from the identity's bucket, or refuses with 503 + Retry-After. */
  private async limitEapStart(imsi: string): Promise<void> {
    const perMinute = this.policy.eapStartsPerMinute;
    if (!(perMinute > 0)) return;
    const rate = perMinute / 60;
    const d = await this.eapStarts.take(`eap-start:${imsi}`, this.now(), rate, perMinute);
    if (d.allowed) return;
    const retryAfter = Math.max(1, Math.ceil((1 - d.tokens) / rate));
    throw new Ts43Error(503, `Too many EAP-AKA authentications for this identity; retry after ${retryAfter} s.`, {
      "Retry-After": String(retryAfter),
    });
  }

  /** Version and identity checks common to both request forms (400 / 406). */
  check(params: EntitlementParams): void {
    const major = Number(params.entitlementVersion.split(".")[0]);
    if (!(major >= 1 && major <= this.policy.maxEntitlementVersion))
      throw new Ts43Error(406, `entitlement_version ${params.entitlementVersion} is not supported.`);
    if (!params.terminalId && !params.requestorId)
      throw new Ts43Error(400, "terminal_id (or requestor_id) is required.");
    if (params.apps.length === 0) throw new Ts43Error(400, "app is required.");
  }

  /** Answers a configuration request: start EAP-AKA, or use a token, or demand authentication (511). */
  async request(params: EntitlementParams, accept: string | undefined): Promise<EntitlementAnswer> {
    this.check(params);
    const format = preferredFormat(accept);
    if (params.eapId) return this.startEap(params, format);
    if (params.token) {
      const imsi = await this.ent.tokenOwner(params.token, this.now(), params.imsi);
      if (!imsi) throw new Ts43Error(511, "The token is unknown or has expired; authenticate again.");
      return this.document(imsi, params.apps, format, undefined);
    }
    if (params.temporaryToken || params.operatorToken)
      throw new Ts43Error(501, "Temporary and operator tokens are not implemented by this server.");
    throw new Ts43Error(511, "Authentication required: send EAP_ID (EAP-AKA) or token.");
  }

  private async startEap(params: EntitlementParams, format: "json" | "xml"): Promise<EntitlementAnswer> {
    const m = NAI.exec(params.eapId ?? "");
    if (!m) throw new Ts43Error(400, "EAP_ID is not a permanent EAP-AKA identity.");
    const imsi = m[1]!;
    const sim = await this.ent.sim(imsi);
    if (!sim) throw new Ts43Error(403, "Unknown subscriber identity.");
    await this.limitEapStart(imsi);
    const server = new EapAkaServer(params.eapId!);
    const packet = server.start(await this.vector(imsi));
    this.onEapRound("challenge");
    const session = await this.sessions.create({
      imsi,
      subscriberId: sim.subscriberId,
      identity: params.eapId!,
      state: server,
      apps: params.apps,
      format,
      vers: params.vers,
    });
    return { kind: "challenge", packet, sessionId: session.id };
  }

  /** A fresh authentication vector on the next SQN (reserved atomically in the store). */
  private async vector(imsi: string) {
    const sim = await this.ent.sim(imsi);
    if (!sim) throw new Ts43Error(403, "Unknown subscriber identity.");
    const sqn = await this.ent.nextSqn(imsi);
    return generateVector({ k: fromHex(sim.kHex, 16), opc: fromHex(sim.opcHex, 16) }, sqn, fromHex(sim.amfHex, 2));
  }

  /** After a synchronisation failure: verify AUTS and continue from the USIM's SQN. */
  private async resynchronise(imsi: string, rand: Uint8Array, auts: Uint8Array): Promise<void> {
    const sim = await this.ent.sim(imsi);
    if (!sim) throw new Ts43Error(403, "Unknown subscriber identity.");
    try {
      const sqnMs = resynchronise({ k: fromHex(sim.kHex, 16), opc: fromHex(sim.opcHex, 16) }, rand, auts);
      await this.ent.resynchronise(imsi, sqnMs);
    } catch (err) {
      if (err instanceof ResyncError)
        throw new Ts43Error(403, "EAP-AKA resynchronisation failed (AUTS does not verify).");
      throw err;
    }
  }

  /**
   * Continues an EAP-AKA exchange with the device's relayed EAP-Response. The session may have been started by
   * another instance; of two rounds answered at once for one session, only the first to write the session counts (the
   * other is answered as if there were no session), so one challenge response issues one token.
   */
  async relay(cookie: string | undefined, packetBase64: string): Promise<EntitlementAnswer> {
    const session = await this.sessions.fromCookie(cookie);
    const noSession = () => {
      this.onEapRound("no_session");
      return new Ts43Error(511, "No EAP-AKA exchange in progress (or it expired); start again with EAP_ID.");
    };
    if (!session) throw noSession();
    const bytes = Buffer.from(packetBase64, "base64");
    const outcome = session.state.handle(bytes);
    switch (outcome.kind) {
      case "success": {
        if (!(await this.sessions.end(session))) throw noSession();
        this.onEapRound("success");
        return this.document(session.imsi, session.apps, session.format, session.subscriberId, true);
      }
      case "resync": {
        if (session.rounds >= 3) {
          await this.sessions.end(session);
          this.onEapRound("failure");
          throw new Ts43Error(403, "EAP-AKA resynchronisation failed.");
        }
        try {
          await this.resynchronise(session.imsi, outcome.rand, outcome.auts);
        } catch (err) {
          this.onEapRound("failure");
          throw err;
        }
        session.rounds += 1;
        const packet = session.state.challenge(await this.vector(session.imsi));
        if (!(await this.sessions.update(session))) throw noSession();
        this.onEapRound("resync");
        return { kind: "challenge", packet, sessionId: session.id };
      }
      case "malformed":
        await this.sessions.end(session);
        this.onEapRound("malformed");
        throw new Ts43Error(400, `Malformed EAP packet: ${outcome.reason}`);
      default:
        await this.sessions.end(session);
        this.onEapRound("failure");
        throw new Ts43Error(403, "EAP-AKA authentication failed.");
    }
  }

  /** The configuration document for the authenticated IMSI; `issueToken` after a full EAP-AKA. */
  async document(
    imsi: string,
    apps: string[],
    format: "json" | "xml",
    subscriberId: string | undefined,
    issueToken = false,
  ): Promise<EntitlementAnswer> {
    const now = this.now();
    const sub = subscriberId ?? (await this.ent.sim(imsi))?.subscriberId;
    if (!sub) throw new Ts43Error(403, "Unknown subscriber identity.");
    const boost = await this.ent.dataBoost(sub);
    const doc: EntitlementDocument = {
      vers: {
        version: String(boost ? Math.floor(boost.updatedAt / 1000) % 2_147_483_647 : 1),
        validity: String(this.policy.configValiditySeconds),
      },
      apps: {},
    };
    if (issueToken) {
      const { token } = await this.ent.issueToken(imsi, this.policy.tokenValiditySeconds, now);
      doc.token = { token, validity: String(this.policy.tokenValiditySeconds) };
    }
    for (const app of apps) {
      if (app === DATA_BOOST_APP_ID || (app === "ap2012" && this.policy.legacyAp2012)) {
        const grant = this.grants.encode({
          sub,
          cap: PRIORITIZE_LATENCY,
          exp: Math.floor(now / 1000) + this.policy.grantValiditySeconds,
        });
        doc.apps[app] = dataBoostParameters(boost, {
          url: this.policy.purchaseUrl,
          userData: `encodedValue=${grant}`,
          contentsType: this.policy.serviceFlowContentsType,
          form: this.policy.serviceFlowContentsTypeForm,
        });
      } else {
        // Applications this operator does not offer: entitlement disabled.
        doc.apps[app] = { EntitlementStatus: "0" };
      }
    }
    return format === "json"
      ? { kind: "document", format, body: jsonNumbers(toJsonDocument(doc)) }
      : { kind: "document", format, body: toXmlDocument(doc) };
  }

  normaliseGet(query: Record<string, unknown>): EntitlementParams {
    return normalise(query);
  }

  normalisePost(body: Record<string, unknown>): EntitlementParams {
    return normalise({ ...body, app: parseAppList(body.app as string | string[]) });
  }
}

/**
 * The JSON form carries the data-boost statuses as numbers (seed 003 types EntitlementStatus and ProvStatus `int`;
 * TS.43's examples use both); the XML form keeps them as attribute text.
 */
function jsonNumbers(body: Record<string, unknown>): Record<string, unknown> {
  for (const app of [DATA_BOOST_APP_ID, "ap2012"]) {
    const c = body[app] as Record<string, unknown> | undefined;
    if (!c) continue;
    for (const key of ["EntitlementStatus", "ProvStatus"])
      if (typeof c[key] === "string" && /^\d+$/.test(c[key] as string)) c[key] = Number(c[key]);
  }
  return body;
}

function normalise(q: Record<string, unknown>): EntitlementParams {
  const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  const intOf = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : Number(v));
  return {
    vers: Number(q.vers ?? 0),
    entitlementVersion: String(q.entitlement_version),
    terminalId: str(q.terminal_id),
    requestorId: str(q.requestor_id),
    apps: (Array.isArray(q.app) ? q.app : [q.app]).filter((a): a is string => typeof a === "string"),
    imsi: str(q.IMSI),
    eapId: str(q.EAP_ID),
    token: str(q.token),
    temporaryToken: str(q.temporary_token),
    operatorToken: str(q.operator_token),
    boostType: intOf(q.boost_type),
  };
}
