// SGP.22 §4.1 activation codes as the Mobile Plans bridge carries them (no `LPA:` prefix), and the bare SM-DP+ address
// of the delayed form ("the activation code or the SM-DP+ address", Mobile Plans callback notifications).

export type ParsedActivationCode =
  | { kind: "code"; smdp: string; matchingId: string; oid?: string; confirmationCodeRequired: boolean }
  | { kind: "smdp"; smdp: string }
  | { kind: "invalid"; reason: string };

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
/** An FQDN (or an IPv4 address) with an optional port: `smdp.example.com`, `127.0.0.1:4070`. */
const ADDRESS = new RegExp(`^(?=[^:]{1,253}(?::|$))${LABEL}(?:\\.${LABEL})*(?::([0-9]{1,5}))?$`);
const MATCHING_ID = /^[0-9A-Za-z-]{1,64}$/;
const OID = /^[0-9]+(?:\.[0-9]+)*$/;

function validAddress(s: string): boolean {
  const m = ADDRESS.exec(s);
  if (!m) return false;
  return m[1] === undefined || (Number(m[1]) > 0 && Number(m[1]) <= 65535);
}

/**
 * `1$<SM-DP+ address>$<matching id>[$<SM-DP+ OID>[$<confirmation code required flag>]]`, or a bare SM-DP+ address
 * (download by EID from that SM-DP+).
 */
export function parseActivationCode(s: unknown): ParsedActivationCode {
  if (typeof s !== "string" || s.length === 0) return { kind: "invalid", reason: "not a non-empty string" };
  if (s.length > 255) return { kind: "invalid", reason: "longer than 255 characters" };
  if (/^LPA:/i.test(s)) return { kind: "invalid", reason: "the bridge carries activation codes without 'LPA:'" };
  if (!s.includes("$")) {
    return validAddress(s)
      ? { kind: "smdp", smdp: s.toLowerCase() }
      : { kind: "invalid", reason: "neither an activation code nor an SM-DP+ address" };
  }
  const parts = s.split("$");
  if (parts.length > 5) return { kind: "invalid", reason: "more than five '$'-separated fields" };
  const [format, smdp = "", matchingId = "", oid, ccFlag] = parts;
  if (format !== "1") return { kind: "invalid", reason: `unsupported AC_Format ${JSON.stringify(format)}` };
  if (!validAddress(smdp)) return { kind: "invalid", reason: `invalid SM-DP+ address ${JSON.stringify(smdp)}` };
  if (!MATCHING_ID.test(matchingId)) return { kind: "invalid", reason: "missing or invalid matching id" };
  if (oid !== undefined && oid !== "" && !OID.test(oid)) return { kind: "invalid", reason: "invalid SM-DP+ OID" };
  if (ccFlag !== undefined && ccFlag !== "1")
    return { kind: "invalid", reason: "the confirmation code flag must be '1'" };
  return {
    kind: "code",
    smdp: smdp.toLowerCase(),
    matchingId,
    ...(oid ? { oid } : {}),
    confirmationCodeRequired: ccFlag === "1",
  };
}

/** The base URL of an SM-DP+ address: https, except http for loopback hosts (tests and development). */
export function smdpBaseUrl(address: string): string {
  const host = address.replace(/:[0-9]+$/, "");
  const loopback = host === "localhost" || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(host);
  return `${loopback ? "http" : "https"}://${address}`;
}
