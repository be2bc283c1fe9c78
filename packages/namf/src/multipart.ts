// multipart/related (RFC 2387, RFC 2046 §5.1) as TS 29.500 §6.1.2.2.4 uses it: a JSON root part and binary parts
// named by Content-ID. Binary-safe (the N1 message is raw NAS octets), no dependency.
import { randomBytes } from "node:crypto";

/** One body part. Header names are lower-case. */
export interface MultipartPart {
  headers: Record<string, string>;
  /** The part's media type, lower-case, without parameters (`application/octet-stream` by RFC 2046 when absent). */
  mediaType: string;
  /** The Content-ID without angle brackets, when the part has one. */
  contentId?: string;
  body: Uint8Array;
}

export interface MultipartRelated {
  /** The root part: the one named by the `start` parameter, else the first. */
  root: MultipartPart;
  parts: MultipartPart[];
}

/** Why a body is not well-formed multipart/related. */
export class MultipartError extends Error {
  override readonly name = "MultipartError";
}

export interface PartInput {
  contentType: string;
  contentId?: string;
  body: Uint8Array | string;
}

const CRLF = Buffer.from("\r\n");
const MAX_PARTS = 16;

/** The parameters of a Content-Type header (`boundary`, `type`, `start`), names lower-cased, quotes removed. */
export function contentTypeParameters(header: string): { mediaType: string; params: Record<string, string> } {
  const [type = "", ...rest] = header.split(";");
  const params: Record<string, string> = {};
  const re = /\s*([^=\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)\s*(?:;|$)/g;
  const tail = rest.join(";");
  for (let m = re.exec(tail); m; m = re.exec(tail)) {
    const raw = m[2]!.trim();
    params[m[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
  }
  return { mediaType: type.trim().toLowerCase(), params };
}

function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith("<") && t.endsWith(">") ? t.slice(1, -1) : t;
}

function parsePart(raw: Buffer): MultipartPart {
  let headerText = "";
  let body: Buffer;
  if (raw.subarray(0, 2).equals(CRLF)) body = raw.subarray(2);
  else {
    const sep = raw.indexOf("\r\n\r\n");
    if (sep === -1) throw new MultipartError("a body part has no blank line after its headers");
    headerText = raw.subarray(0, sep).toString("latin1");
    body = raw.subarray(sep + 4);
  }
  const headers: Record<string, string> = {};
  for (const line of headerText.split("\r\n")) {
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed part header ${JSON.stringify(line.slice(0, 40))}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const mediaType = headers["content-type"]
    ? contentTypeParameters(headers["content-type"]).mediaType
    : "application/octet-stream";
  const contentId = headers["content-id"] ? stripAngles(headers["content-id"]) : undefined;
  return { headers, mediaType, ...(contentId ? { contentId } : {}), body: new Uint8Array(body) };
}

/** Parses a multipart/related body. Throws {@link MultipartError} (only) when it is not well-formed. */
export function parseMultipartRelated(body: Uint8Array, contentType: string): MultipartRelated {
  const { mediaType, params } = contentTypeParameters(contentType);
  if (mediaType !== "multipart/related")
    throw new MultipartError(`media type ${mediaType || "(none)"} is not multipart/related`);
  const boundary = params.boundary;
  if (!boundary || boundary.length > 70) throw new MultipartError("no valid boundary parameter (1..70 characters)");
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const inner = Buffer.from(`\r\n--${boundary}`);
  let at: number;
  if (buf.subarray(0, delimiter.length).equals(delimiter)) at = delimiter.length;
  else {
    const first = buf.indexOf(inner);
    if (first === -1) throw new MultipartError("the boundary does not occur in the body");
    at = first + inner.length;
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) break; // closing delimiter
    while (buf[at] === 0x20 || buf[at] === 0x09) at++; // transport padding
    if (!buf.subarray(at, at + 2).equals(CRLF)) throw new MultipartError("no CRLF after a boundary delimiter");
    at += 2;
    const next = buf.indexOf(inner, at);
    if (next === -1) throw new MultipartError("no closing boundary delimiter");
    if (parts.length === MAX_PARTS) throw new MultipartError(`more than ${MAX_PARTS} body parts`);
    parts.push(parsePart(buf.subarray(at, next)));
    at = next + inner.length;
  }
  if (parts.length === 0) throw new MultipartError("no body part");
  const start = params.start ? stripAngles(params.start) : undefined;
  const root = start ? parts.find((p) => p.contentId === start) : parts[0];
  if (!root) throw new MultipartError(`the start parameter names no part (${start})`);
  return { root, parts };
}

/**
 * Encodes multipart/related: the first part is the root (`type` names its media type, as RFC 2387 requires). The
 * boundary is random and checked not to occur in any part.
 */
export function encodeMultipartRelated(parts: PartInput[]): { body: Uint8Array; contentType: string } {
  if (parts.length === 0) throw new MultipartError("no body part");
  const bodies = parts.map((p) => (typeof p.body === "string" ? Buffer.from(p.body, "utf8") : Buffer.from(p.body)));
  let boundary: string;
  do boundary = `ck-${randomBytes(12).toString("hex")}`;
  while (bodies.some((b) => b.includes(boundary)));
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    const headers = [`--${boundary}`, `Content-Type: ${p.contentType}`];
    if (p.contentId) headers.push(`Content-Id: ${p.contentId}`);
    chunks.push(Buffer.from(`${i ? "\r\n" : ""}${headers.join("\r\n")}\r\n\r\n`, "latin1"), bodies[i]!);
  });
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`, "latin1"));
  const root = contentTypeParameters(parts[0]!.contentType).mediaType;
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType: `multipart/related; boundary=${boundary}; type="${root}"`,
  };
}
