import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Google recommends a 30-day CPID lifetime and forbids less than 14 days. */
export const CPID_DEFAULT_TTL_SECONDS = 30 * 24 * 3600;
export const CPID_MIN_TTL_SECONDS = 14 * 24 * 3600;

export interface CpidClaims {
  msisdn: string;
  /** Issue time, ms since epoch. */
  issuedAt: number;
  ttlSeconds: number;
  /** Accept-Language of the CPID request: the language of pushes for this CPID. */
  language: string;
}

export type CpidReading = { state: "valid" | "expired"; claims: CpidClaims } | { state: "invalid" };

/**
 * Mints and reads CPIDs as Google's "Establishing CPID" guide recommends: Base64(AES(MSISDN + timestamp + language,
 * secret)). Here AES-256-GCM (authenticated, so a forged or altered CPID is rejected), base64url (nothing for GTAF
 * to URL-encode), a fresh IV per CPID (so every request gets a new CPID).
 */
export class CpidCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("the CPID secret must be at least 16 characters");
    this.key = createHash("sha256").update(`carrierkit-cpid:${secret}`).digest();
  }

  mint(claims: Omit<CpidClaims, "ttlSeconds"> & { ttlSeconds?: number }): string {
    const ttl = claims.ttlSeconds ?? CPID_DEFAULT_TTL_SECONDS;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const plain = Buffer.from(["v1", claims.msisdn, claims.issuedAt, ttl, claims.language].join("|"), "utf8");
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
  }

  read(cpid: string, now: number): CpidReading {
    if (!/^[A-Za-z0-9_-]{40,400}$/.test(cpid)) return { state: "invalid" };
    const raw = Buffer.from(cpid, "base64url");
    if (raw.length < 12 + 16 + 1) return { state: "invalid" };
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString();
      const [v, msisdn, issued, ttl, language] = plain.split("|");
      if (v !== "v1" || !msisdn || !issued || !ttl || language === undefined) return { state: "invalid" };
      const claims = { msisdn, issuedAt: Number(issued), ttlSeconds: Number(ttl), language };
      return { state: now >= claims.issuedAt + claims.ttlSeconds * 1000 ? "expired" : "valid", claims };
    } catch {
      return { state: "invalid" };
    }
  }
}
