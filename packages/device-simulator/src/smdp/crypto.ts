// The stand-in's cryptography (see specs/es2plus/openapi.yaml): ECDSA P-256 with SHA-256 over the signer's JSON
// serialisation of a structure, keys as base64 DER SubjectPublicKeyInfo, and SGP.22's confirmation-code hash.
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from "node:crypto";

export interface P256KeyPair {
  privateKey: KeyObject;
  /** base64 DER SubjectPublicKeyInfo. */
  publicKey: string;
}

export function generateP256KeyPair(): P256KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return { privateKey, publicKey: publicKey.export({ type: "spki", format: "der" }).toString("base64") };
}

/** The octets a structure's signature covers: its JSON serialisation (the signer's key order). */
export function signedOctets(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), "utf8");
}

/** ECDSA P-256 / SHA-256 signature (DER), base64. */
export function signStructure(privateKey: KeyObject, value: unknown): string {
  return sign("sha256", signedOctets(value), privateKey).toString("base64");
}

/** Verifies a base64 DER signature against a base64 SPKI key; false for any malformed key or signature. */
export function verifyStructure(publicKey: string, value: unknown, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") return false;
    return verify("sha256", signedOctets(value), key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

export function sha256(data: Buffer | string): Buffer {
  return createHash("sha256").update(data).digest();
}

/** SHA-256 of the confirmation code (what the SM-DP+ keeps instead of the code), hex. */
export function confirmationCodeDigest(code: string): string {
  return sha256(Buffer.from(code, "utf8")).toString("hex");
}

/**
 * SGP.22 §3.1.3.3 Hashed Confirmation Code: SHA-256(SHA-256(CC) ‖ TransactionID), the transaction id as its octets.
 * `ccDigestHex` is SHA-256(CC) as hex (see {@link confirmationCodeDigest}).
 */
export function hashedConfirmationCode(ccDigestHex: string, transactionIdHex: string): string {
  return sha256(Buffer.concat([Buffer.from(ccDigestHex, "hex"), Buffer.from(transactionIdHex, "hex")])).toString(
    "base64",
  );
}

export function randomBase64(octets: number): string {
  return randomBytes(octets).toString("base64");
}

export function randomTransactionId(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}
