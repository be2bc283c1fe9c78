// X.509 for mutual TLS: a throwaway CA, a server certificate and client certificates, made with @peculiar/x509
// (pure TypeScript on the platform's WebCrypto; no openssl binary needed, so demo mode and the tests work wherever
// Node runs, and test certificates can be expired, not yet valid or from another CA at will).
// @peculiar/x509 resolves its ASN.1 codecs through tsyringe, which needs the Reflect metadata polyfill loaded first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 24 * 3600 * 1000;

/** A PEM certificate with its PEM (PKCS #8) private key. */
export interface PemPair {
  cert: string;
  key: string;
}

/** A certificate authority able to issue more certificates. */
export interface CertificateAuthority extends PemPair {
  subject: string;
  issue(options: IssueOptions): Promise<PemPair>;
}

export interface IssueOptions {
  /** The subject, `C=US, ST=WA, L=Redmond, O=…, CN=…`. */
  subject: string;
  /** `server` (serverAuth, with `dnsNames`/`ipAddresses`) or `client` (clientAuth). */
  usage: "server" | "client";
  notBefore?: Date;
  notAfter?: Date;
  dnsNames?: string[];
  ipAddresses?: string[];
}

async function pemKey(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // positive, no leading zero byte
  return Buffer.from(bytes).toString("hex");
}

/** Creates a CA (self-signed, valid from a day ago for `validDays`, default 3650). */
export async function createCertificateAuthority(
  subject = "C=US, O=carrierkit demo, CN=carrierkit demo Mobile Plans CA",
  options: { now?: Date; validDays?: number } = {},
): Promise<CertificateAuthority> {
  const now = options.now ?? new Date();
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + (options.validDays ?? 3650) * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const ca: CertificateAuthority = {
    subject,
    cert: caCert.toString("pem"),
    key: await pemKey(keys.privateKey),
    async issue(o) {
      const leafKeys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
      const names = [
        ...(o.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })),
        ...(o.ipAddresses ?? []).map((value) => ({ type: "ip" as const, value })),
      ];
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: o.subject,
        issuer: caCert.subject,
        notBefore: o.notBefore ?? new Date(now.getTime() - DAY),
        notAfter: o.notAfter ?? new Date(now.getTime() + 825 * DAY),
        signingAlgorithm: ALG,
        publicKey: leafKeys.publicKey,
        signingKey: keys.privateKey,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension(
            [o.usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
            false,
          ),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
          ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
        ],
      });
      return { cert: cert.toString("pem"), key: await pemKey(leafKeys.privateKey) };
    },
  };
  return ca;
}

/** The files of a demo PKI (all PEM). */
export interface DemoPkiFiles {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

/** The file names a demo PKI is written under. */
export function demoPkiFiles(folder: string): DemoPkiFiles {
  const dir = resolve(folder);
  return {
    dir,
    caCert: join(dir, "ca.pem"),
    serverCert: join(dir, "server.pem"),
    serverKey: join(dir, "server-key.pem"),
    clientCert: join(dir, "client.pem"),
    clientKey: join(dir, "client-key.pem"),
  };
}

/**
 * Demo mode's throwaway PKI in `dir`: a CA, a server certificate for localhost/127.0.0.1 and a client certificate
 * with the Mobile Plans service's documented subject, all from that CA. Kept when present (the curl line printed at
 * start keeps working across restarts); written with mode 0600 for keys.
 */
export async function ensureDemoPki(dir: string, clientSubject: string): Promise<DemoPkiFiles> {
  const files = demoPkiFiles(dir);
  const present = await Promise.all(
    [files.caCert, files.serverCert, files.serverKey, files.clientCert, files.clientKey].map((f) =>
      readFile(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (present.every(Boolean)) return files;
  await mkdir(dir, { recursive: true });
  const ca = await createCertificateAuthority();
  const server = await ca.issue({
    subject: "CN=localhost, O=carrierkit demo",
    usage: "server",
    dnsNames: ["localhost"],
    ipAddresses: ["127.0.0.1", "::1"],
  });
  const client = await ca.issue({ subject: clientSubject, usage: "client" });
  await writeFile(files.caCert, ca.cert);
  await writeFile(files.serverCert, server.cert);
  await writeFile(files.serverKey, server.key, { mode: 0o600 });
  await writeFile(files.clientCert, client.cert);
  await writeFile(files.clientKey, client.key, { mode: 0o600 });
  return files;
}
