// Test helpers: a complete PKI for mutual TLS (good and bad client certificates) and the service on an ephemeral
// HTTPS port. Used by this app's tests and the device simulator's Windows flyout tests.
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { MOBILE_PLANS_CLIENT_SUBJECT } from "@carrierkit/mobileplans-service";
import { createMobilePlansServiceApp, type MobilePlansServiceApp, type MobilePlansServiceAppOptions } from "./app.js";
import { type CertificateAuthority, createCertificateAuthority, type PemPair } from "./pki.js";

const DAY = 24 * 3600 * 1000;

export interface TestPki {
  /** The CA the server trusts for client certificates, and that issued the server's certificate. */
  ca: CertificateAuthority;
  /** The server's certificate (localhost, 127.0.0.1). */
  server: PemPair;
  /** The Mobile Plans service's client certificate (the documented subject, from `ca`). */
  client: PemPair;
  /** Same subject and CA, expired yesterday. */
  expiredClient: PemPair;
  /** Same subject and CA, valid from tomorrow. */
  notYetValidClient: PemPair;
  /** From `ca`, but another subject (CN=attacker.example). */
  wrongSubjectClient: PemPair;
  /** The documented subject, but from another CA. */
  untrustedClient: PemPair;
}

export async function createTestPki(now = new Date()): Promise<TestPki> {
  const ca = await createCertificateAuthority("C=US, O=carrierkit test, CN=carrierkit test CA", { now });
  const rogue = await createCertificateAuthority("C=US, O=Rogue, CN=rogue CA", { now });
  const t = now.getTime();
  const [server, client, expiredClient, notYetValidClient, wrongSubjectClient, untrustedClient] = await Promise.all([
    ca.issue({ subject: "CN=localhost", usage: "server", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"] }),
    ca.issue({ subject: MOBILE_PLANS_CLIENT_SUBJECT, usage: "client" }),
    ca.issue({
      subject: MOBILE_PLANS_CLIENT_SUBJECT,
      usage: "client",
      notBefore: new Date(t - 30 * DAY),
      notAfter: new Date(t - DAY),
    }),
    ca.issue({
      subject: MOBILE_PLANS_CLIENT_SUBJECT,
      usage: "client",
      notBefore: new Date(t + DAY),
      notAfter: new Date(t + 30 * DAY),
    }),
    ca.issue({
      subject: "C=US, ST=WA, L=Redmond, O=Microsoft Corporation, CN=attacker.example",
      usage: "client",
    }),
    rogue.issue({ subject: MOBILE_PLANS_CLIENT_SUBJECT, usage: "client" }),
  ]);
  return { ca, server, client, expiredClient, notYetValidClient, wrongSubjectClient, untrustedClient };
}

export interface RunningMobilePlansService extends MobilePlansServiceApp {
  server: RunningServer;
  /** `https://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Starts the service over mutual TLS on an ephemeral port of 127.0.0.1 (the store is the caller's to close). */
export async function startMobilePlansService(
  pki: TestPki,
  options: MobilePlansServiceAppOptions,
): Promise<RunningMobilePlansService> {
  const built = createMobilePlansServiceApp(options);
  const server = await startServer({
    app: built.app,
    port: 0,
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.cert, requestCert: true },
  });
  return { ...built, server, url: server.url, close: () => server.close() };
}
