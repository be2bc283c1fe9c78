import { timingSafeEqual } from "node:crypto";
import type { TLSSocket } from "node:tls";
import type { Handlers } from "@carrierkit/contract-runtime";
import { createContractRouter, type HttpError } from "@carrierkit/contract-runtime/node";
import type { Request, RequestHandler, Response, Router } from "express";
import { MobilePlansServiceError, mobilePlansErrorBody } from "./errors.js";
import type { operations } from "./generated/openapi.js";
import { openapiDocument } from "./generated/spec.js";
import { MAX_TRANSACTION_ID_LENGTH, MOBILE_PLANS_CLIENT_SUBJECT, TRANSACTION_ID_HEADER } from "./types.js";

export type { HandlerInput, HandlerResult } from "@carrierkit/contract-runtime";
export { MobilePlansServiceError, mobilePlansErrorBody } from "./errors.js";

/** What every handler gets besides the request parts. */
export interface MobilePlansRequestContext {
  /** The request's `X-MS-DM-TransactionId` (validated: present, 1 to 128 characters). */
  transactionId: string;
  /** The verified client certificate, when {@link mutualTlsAuth} ran. */
  client?: ClientCertificateInfo;
  req: Request;
  res: Response;
}

/** One handler per operation (GetBalance, GetOffers, GetNotifications), typed from the spec. */
export type MobilePlansServiceHandlers<Ctx = MobilePlansRequestContext> = Handlers<operations, Ctx>;

export interface MobilePlansServiceRouterOptions {
  /** Middleware before validation, typically `mutualTlsAuth(...)`, `basicAuth(...)`, then `rateLimit(...)`. */
  before?: RequestHandler[];
  /** Validate responses against the spec (default true). */
  validateResponses?: boolean;
  /** Called with every error that became a 500 (log it). */
  onUnexpectedError?: (error: unknown, req: Request) => void;
}

/** The request's transaction id when it is one this contract accepts (so it may be echoed), else undefined. */
export function transactionIdOf(req: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const v = req.headers[TRANSACTION_ID_HEADER.toLowerCase()];
  return typeof v === "string" &&
    v.length > 0 &&
    v.length <= MAX_TRANSACTION_ID_LENGTH &&
    /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(v)
    ? v
    : undefined;
}

/** Echoes `X-MS-DM-TransactionId` on every response to a request that carried an acceptable one. */
const echoTransactionId: RequestHandler = (req, res, next) => {
  const id = transactionIdOf(req);
  if (id) res.setHeader(TRANSACTION_ID_HEADER, id);
  next();
};

/**
 * The validating express router of the Mobile Plans service APIs. Requests and responses are validated against the
 * spec; every rejection answers `{ code, message, parameter?, transactionId? }` (a 400 names the parameter) and the
 * request's `X-MS-DM-TransactionId` is echoed on every response. Handlers may throw a
 * {@link MobilePlansServiceError} to answer any declared error.
 */
export function createMobilePlansServiceRouter(
  handlers: MobilePlansServiceHandlers,
  options: MobilePlansServiceRouterOptions = {},
): Router {
  return createContractRouter<operations, MobilePlansRequestContext>({
    document: openapiDocument,
    handlers,
    errorBody: (error: HttpError, req?: Request) => mobilePlansErrorBody(error, req ? transactionIdOf(req) : undefined),
    // A MobilePlansServiceError a handler throws reaches the error handler like a runtime rejection, so its body
    // echoes the request's transaction id too.
    before: [echoTransactionId, ...(options.before ?? [])],
    bodyLimit: "1kb",
    validateResponses: options.validateResponses,
    onUnexpectedError: options.onUnexpectedError,
    context: (req, res) => ({
      transactionId: String(req.headers[TRANSACTION_ID_HEADER.toLowerCase()] ?? ""),
      client: res.locals.mobilePlansClient as ClientCertificateInfo | undefined,
      req,
      res,
    }),
  });
}

/** A distinguished name as attribute → value(s), e.g. `{ C: "US", CN: "partners.datamart.windows.com" }`. */
export type DistinguishedName = Record<string, string | string[]>;

/**
 * Parses `C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=partners.datamart.windows.com` (or `/C=US/ST=WA/…`,
 * as OpenSSL prints it). Values may not contain `,` or `/` (the documented subject has none).
 */
export function parseDistinguishedName(text: string): DistinguishedName {
  const parts = text.trim().startsWith("/") ? text.trim().slice(1).split("/") : text.split(",");
  const out: DistinguishedName = {};
  for (const part of parts) {
    const i = part.indexOf("=");
    if (i <= 0) throw new Error(`not a distinguished name: ${text}`);
    const key = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    const prev = out[key];
    out[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return out;
}

function sameName(actual: Record<string, unknown>, expected: DistinguishedName): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? v.map(String) : [String(v)]).sort().join("\u0000");
  const keys = Object.keys(actual).filter((k) => actual[k] !== undefined);
  if (keys.length !== Object.keys(expected).length) return false;
  return keys.every((k) => expected[k] !== undefined && norm(actual[k]) === norm(expected[k]));
}

/** The verified client certificate of a request. */
export interface ClientCertificateInfo {
  subject: Record<string, unknown>;
  issuer: Record<string, unknown>;
  serialNumber: string;
  /** SHA-256 fingerprint, `AA:BB:…`. */
  fingerprint256: string;
  validTo: string;
}

export interface MutualTlsAuthOptions {
  /** The subject the client certificate must have (default: the documented Mobile Plans service subject). */
  subject?: string | DistinguishedName;
}

/** The TLS verification errors that mean "the certificate is not valid now" (401), not "not trusted" (403). */
const TIME_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

/**
 * Checks the client certificate of a mutual-TLS connection. The HTTPS server must request one and not reject
 * unverified ones itself (`requestCert: true, rejectUnauthorized: false`, with the trusted CA as `ca`), so that this
 * middleware answers in the contract's body: no certificate, or an expired or not yet valid one → 401; one that does
 * not chain to the CA, or has another subject → 403. A plain-HTTP request is 401.
 */
export function mutualTlsAuth(options: MutualTlsAuthOptions = {}): RequestHandler {
  const subjectText = options.subject ?? MOBILE_PLANS_CLIENT_SUBJECT;
  const expected = typeof subjectText === "string" ? parseDistinguishedName(subjectText) : subjectText;
  return (req, res, next) => {
    const socket = req.socket as TLSSocket;
    if (typeof socket.getPeerCertificate !== "function") {
      next(new MobilePlansServiceError(401, "A client certificate is required (mutual TLS)."));
      return;
    }
    const cert = socket.getPeerCertificate();
    if (!cert || Object.keys(cert).length === 0) {
      next(new MobilePlansServiceError(401, "A client certificate is required (mutual TLS)."));
      return;
    }
    if (!socket.authorized) {
      const reason = String(socket.authorizationError ?? "UNKNOWN");
      if (TIME_ERRORS.has(reason)) {
        next(
          new MobilePlansServiceError(
            401,
            reason === "CERT_HAS_EXPIRED"
              ? "The client certificate has expired."
              : "The client certificate is not yet valid.",
          ),
        );
        return;
      }
      next(new MobilePlansServiceError(403, "The client certificate is not issued by a trusted CA."));
      return;
    }
    if (!sameName(cert.subject as unknown as Record<string, unknown>, expected)) {
      next(new MobilePlansServiceError(403, "The client certificate's subject is not the Mobile Plans service's."));
      return;
    }
    res.locals.mobilePlansClient = {
      subject: { ...cert.subject },
      issuer: { ...cert.issuer },
      serialNumber: cert.serialNumber,
      fingerprint256: cert.fingerprint256,
      validTo: cert.valid_to,
    } satisfies ClientCertificateInfo;
    next();
  };
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * HTTP Basic credentials the operator gave the Mobile Plans service: missing or wrong ones are 401 with
 * `WWW-Authenticate: Basic`.
 */
export function basicAuth(credentials: { username: string; password: string }, realm = "mobileplans"): RequestHandler {
  const challenge = { "WWW-Authenticate": `Basic realm="${realm}", charset="UTF-8"` };
  return (req, _res, next) => {
    const header = req.headers.authorization;
    const m = typeof header === "string" ? /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
    if (!m) {
      next(new MobilePlansServiceError(401, "Basic credentials are required.", undefined, challenge));
      return;
    }
    const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    const ok =
      i >= 0 &&
      equalSecret(decoded.slice(0, i), credentials.username) &&
      equalSecret(decoded.slice(i + 1), credentials.password);
    if (!ok) {
      next(new MobilePlansServiceError(401, "The Basic credentials are not valid.", undefined, challenge));
      return;
    }
    next();
  };
}
