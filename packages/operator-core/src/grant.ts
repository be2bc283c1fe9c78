import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What the purchase page learns from `ServiceFlow_UserData`: who is buying which capability, until when. */
export interface PurchaseGrant {
  /** Subscriber id in operator-core. */
  sub: string;
  /** Android premium capability (34 = PRIORITIZE_LATENCY). */
  cap: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Random grant nonce, so two grants issued in the same second differ (added by {@link PurchaseGrantCodec.encode}). */
  jti?: string;
}

/** A decoded grant with its id: the SHA-256 of the signed payload (what the store records to make a grant single-use). */
export type ReadGrant = PurchaseGrant & { id: string };

/**
 * Signs and reads purchase grants: `base64(JSON grant + "." + HMAC-SHA256)`, carried as
 * `ServiceFlow_UserData = encodedValue=<base64>` so Android POSTs (json/xml) or appends (GET) it verbatim. Shared by
 * the entitlement server (which issues grants) and the portal (which redeems them, once: see `PortalStore`).
 */
export class PurchaseGrantCodec {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error("the purchase-grant secret must be at least 16 characters");
  }

  private mac(payload: string): Buffer {
    return createHmac("sha256", this.secret).update(payload).digest();
  }

  /** The standard-base64 token (Android decodes `encodedValue=` with java.util.Base64's basic alphabet). */
  encode(grant: PurchaseGrant): string {
    const payload = JSON.stringify({ ...grant, jti: grant.jti ?? randomBytes(12).toString("base64url") });
    return Buffer.from(`${payload}.${this.mac(payload).toString("base64url")}`).toString("base64");
  }

  /** The grant, if the token is authentic and not expired at `nowSeconds`. */
  decode(token: string, nowSeconds: number): ReadGrant | undefined {
    const text = Buffer.from(token.replace(/^encodedValue=/, ""), "base64").toString("utf8");
    const dot = text.lastIndexOf(".");
    if (dot < 0) return undefined;
    const payload = text.slice(0, dot);
    const given = Buffer.from(text.slice(dot + 1), "base64url");
    const expected = this.mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const grant = JSON.parse(payload) as PurchaseGrant;
      if (typeof grant.sub !== "string" || typeof grant.cap !== "number" || typeof grant.exp !== "number")
        return undefined;
      if (grant.exp <= nowSeconds) return undefined;
      return { ...grant, id: createHash("sha256").update(payload).digest("base64url") };
    } catch {
      return undefined;
    }
  }
}
