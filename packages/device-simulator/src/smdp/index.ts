// A simulated SM-DP+ (GSMA SGP.22 stand-in): ES2+ for the operator, ES9+ for the LPA, HandleDownloadProgressInfo back
// to the operator, on @carrierkit/es2plus's validating router. See specs/es2plus/openapi.yaml for what is real.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { envInteger, type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  ES2PLUS_ROOT,
  Es2plusError,
  failed,
  type HandleDownloadProgressInfoRequest,
  type ResponseHeader,
} from "@carrierkit/es2plus";
import { createSmdpRouter } from "@carrierkit/es2plus/server";
import express, { type Express, type RequestHandler, type Router } from "express";
import { type DeviceClock, systemDeviceClock } from "../clock.js";
import { generateP256KeyPair, type P256KeyPair } from "./crypto.js";
import * as es2 from "./es2plus.js";
import * as es9 from "./es9plus.js";
import { SmdpFaults } from "./faults.js";
import { type NotifierOptions, ProgressNotifier } from "./notifier.js";
import { type ProfileSeed, type SmdpProfile, SmdpStore } from "./state.js";

export { confirmationCodeDigest, hashedConfirmationCode, signStructure, verifyStructure } from "./crypto.js";
export { SmdpFaults, type SmdpFunction } from "./faults.js";
export type { DeliveryRecord } from "./notifier.js";
export type { ProfileSeed, Rat, SmdpProfile, SmdpProfileState } from "./state.js";

export interface SimulatedSmdpOptions {
  /** The SM-DP+ address of activation codes and `serverAddress` (e.g. `smdp.example.com` or `127.0.0.1:4070`). */
  address: string;
  clock?: DeviceClock;
  /** The operator's HandleDownloadProgressInfo URL; without it nothing is sent. */
  notificationUrl?: string;
  /** Sent as a bearer token on every HandleDownloadProgressInfo (the operator's secret; no default). */
  notificationToken?: string;
  /** Required as a bearer token on every ES2+ call (stand-in for ES2+'s mutual TLS); without it none is asked. */
  es2plusToken?: string;
  /** Back-off and attempts of the notifications. */
  notificationRetry?: Pick<NotifierOptions, "baseDelayMs" | "maxDelayMs" | "maxAttempts">;
  /** A JSON file that keeps profiles, orders and eUICC keys across restarts (sessions are not kept). */
  stateFile?: string;
  /** Download attempts (AuthenticateClient) per order (default 5). */
  maxDownloadAttempts?: number;
  /** Wrong confirmation codes before the order is unusable (default 3). */
  maxConfirmationCodeAttempts?: number;
  /** An RSP session's lifetime (default 10 minutes); a later call is `8.10.1`/`3.9`. */
  sessionTtlMs?: number;
  /** Accept (and register) an eUICC key seen for the first time (default true); false: only registered ones. */
  acceptUnregisteredEuiccs?: boolean;
  /** `functionRequesterIdentifier` of the notifications (default `carrierkit-smdp`). */
  identifier?: string;
  fetch?: typeof fetch;
}

export class SimulatedSmdp {
  readonly faults = new SmdpFaults();
  readonly store: SmdpStore;
  readonly clock: DeviceClock;
  readonly keys: P256KeyPair = generateP256KeyPair();
  #address: string;
  readonly #notifier: ProgressNotifier | undefined;
  readonly #ctx: es9.Es9plusContext;

  constructor(readonly options: SimulatedSmdpOptions) {
    this.#address = options.address;
    this.clock = options.clock ?? systemDeviceClock;
    this.store = new SmdpStore(options.stateFile);
    this.#notifier = options.notificationUrl
      ? new ProgressNotifier({
          url: options.notificationUrl,
          clock: this.clock,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.notificationToken ? { token: options.notificationToken } : {}),
          ...options.notificationRetry,
        })
      : undefined;
    this.#ctx = {
      store: this.store,
      address: () => this.#address,
      now: () => this.clock.now(),
      sessions: new Map(),
      sessionTtlMs: options.sessionTtlMs ?? 600_000,
      maxDownloadAttempts: options.maxDownloadAttempts ?? 5,
      maxConfirmationCodeAttempts: options.maxConfirmationCodeAttempts ?? 3,
      acceptUnregisteredEuiccs: options.acceptUnregisteredEuiccs ?? true,
      signingKey: this.keys.privateKey,
      certificate: this.keys.publicKey,
      faults: this.faults,
      progress: (p, point, header) => this.#progress(p, point, header),
    };
  }

  get address(): string {
    return this.#address;
  }

  /** Changes the address (e.g. once an ephemeral port is known). */
  setAddress(address: string): void {
    this.#address = address;
  }

  /** Adds a profile to the inventory (state Available). */
  addProfile(seed: ProfileSeed): SmdpProfile {
    return structuredClone(this.store.add(seed));
  }

  /** A snapshot of one profile. */
  profile(iccid: string): SmdpProfile | undefined {
    const p = this.store.get(iccid);
    if (p) es2.applyScheduledRelease(p, this.clock.now());
    return p ? structuredClone(p) : undefined;
  }

  profiles(): SmdpProfile[] {
    return this.store.all().map((p) => structuredClone(p));
  }

  /** Registers the public key (base64 SPKI) of an eUICC; AuthenticateClient then accepts only that key for the EID. */
  registerEuicc(eid: string, publicKey: string): void {
    this.store.registerEuicc(eid, publicKey);
  }

  /** Every HandleDownloadProgressInfo the SM-DP+ queued, with its delivery state. */
  get deliveries() {
    return this.#notifier?.records ?? [];
  }

  /** Resolves when no notification delivery is in flight. */
  notificationsIdle(): Promise<void> {
    return this.#notifier?.idle() ?? Promise.resolve();
  }

  /** The express router: the fault middleware, then the validating SM-DP+ router. */
  router(): Router {
    const c = this.#ctx;
    const ok = <T>(body: T) => ({ status: 200 as const, body });
    return createSmdpRouter(
      {
        downloadOrder: ({ body }) => ok(es2.downloadOrder(c, body)),
        confirmOrder: ({ body }) => ok(es2.confirmOrder(c, body)),
        cancelOrder: ({ body }) => ok(es2.cancelOrder(c, body)),
        releaseProfile: ({ body }) => ok(es2.releaseProfile(c, body)),
        initiateAuthentication: ({ body }) => ok(es9.initiateAuthentication(c, body)),
        authenticateClient: ({ body }) => ok(es9.authenticateClient(c, body)),
        getBoundProfilePackage: ({ body }) => ok(es9.getBoundProfilePackage(c, body)),
        handleNotification: ({ body }) => {
          es9.handleNotification(c, body);
          return { status: 204 };
        },
        cancelSession: ({ body }) => ok(es9.cancelSession(c, body)),
      },
      { before: [this.faults.middleware(), es2plusAuth(this.options.es2plusToken)] },
    );
  }

  #progress(p: SmdpProfile, point: 1 | 2 | 3 | 4, header: ResponseHeader): void {
    if (!this.#notifier) return;
    const body: HandleDownloadProgressInfoRequest = {
      header: {
        functionRequesterIdentifier: this.options.identifier ?? "carrierkit-smdp",
        functionCallIdentifier: randomUUID(),
      },
      ...(p.eid ? { eid: p.eid } : {}),
      iccid: p.iccid,
      ...(p.profileType ? { profileType: p.profileType } : {}),
      timestamp: new Date(this.clock.now()).toISOString(),
      notificationPointId: point,
      notificationPointStatus: header.functionExecutionStatus,
    };
    this.#notifier.send(body);
  }
}

/** Requires `Authorization: Bearer <token>` on ES2+ calls when a token is configured (401, 1.1/1.1 otherwise). */
function es2plusAuth(token: string | undefined): RequestHandler {
  const expected = token ? createHash("sha256").update(token).digest() : undefined;
  return (req, _res, next) => {
    if (!expected || !req.path.startsWith(ES2PLUS_ROOT)) return next();
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const digest = createHash("sha256")
      .update(given ?? "")
      .digest();
    if (given && timingSafeEqual(digest, expected)) return next();
    next(
      new Es2plusError(
        401,
        failed("requesterUnknown", "ES2+ caller not authenticated.").functionExecutionStatus.statusCodeData,
        "ES2+ caller not authenticated.",
      ),
    );
  };
}

export interface StartSimulatedSmdpOptions extends Omit<SimulatedSmdpOptions, "address"> {
  /** Port (default `SMDP_PORT` or 4070; 0 = ephemeral). */
  port?: number;
  host?: string;
  /** The SM-DP+ address (default `<host>:<port>` once listening). */
  address?: string;
  /** Profiles to seed (skipped when the state file already has them). */
  profiles?: ProfileSeed[];
}

export interface RunningSmdp {
  smdp: SimulatedSmdp;
  app: Express;
  url: string;
  port: number;
  server: RunningServer;
  close(): Promise<void>;
}

/** Starts a simulated SM-DP+ on its own HTTP server. */
export async function startSimulatedSmdp(options: StartSimulatedSmdpOptions = {}): Promise<RunningSmdp> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? envInteger(process.env, "SMDP_PORT", 4070);
  const smdp = new SimulatedSmdp({ ...options, address: options.address ?? `${host}:${port}` });
  for (const seed of options.profiles ?? []) if (!smdp.store.get(seed.iccid)) smdp.addProfile(seed);
  const app = express();
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(smdp.router());
  const server = await startServer({ app, port, host });
  server.server.on("connection", (socket) => {
    if (smdp.faults.refuseConnections) socket.destroy();
  });
  if (!options.address) smdp.setAddress(`${host}:${server.port}`);
  return { smdp, app, url: server.url, port: server.port, server, close: () => server.close() };
}
