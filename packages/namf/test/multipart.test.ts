import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeMultipartRelated, MultipartError, parseMultipartRelated } from "../src/index.js";

const text = (s: string) => new Uint8Array(Buffer.from(s.replace(/\n/g, "\r\n"), "latin1"));

describe("multipart/related (RFC 2387, TS 29.500 §6.1.2.2.4)", () => {
  it("When a JSON part and NAS octets holding CRLF and dashes are encoded, then they parse back byte for byte", () => {
    const nas = new Uint8Array([0x80, 0x01, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff]);
    const { body, contentType } = encodeMultipartRelated([
      { contentType: "application/json", body: '{"a":1}' },
      { contentType: "application/vnd.3gpp.5gnas", contentId: "n1msg", body: nas },
    ]);
    expect(contentType).toMatch(/^multipart\/related; boundary=ck-[0-9a-f]{24}; type="application\/json"$/);
    const parsed = parseMultipartRelated(body, contentType);
    expect(parsed.parts).toHaveLength(2);
    expect(Buffer.from(parsed.root.body).toString()).toBe('{"a":1}');
    expect(parsed.parts[1]).toMatchObject({ mediaType: "application/vnd.3gpp.5gnas", contentId: "n1msg" });
    expect([...parsed.parts[1]!.body]).toEqual([...nas]);
  });

  it("When the body has a preamble, a quoted boundary, <angle> Content-IDs and a start parameter, then the start part is the root", () => {
    const body = text(
      "preamble\n--b1\nContent-Type: application/vnd.3gpp.5gnas\nContent-ID: <n1>\n\nAB\n--b1\nContent-Type: application/json; charset=utf-8\nContent-ID: <root>\n\n{}\n--b1--\n",
    );
    const parsed = parseMultipartRelated(
      body,
      'Multipart/Related; boundary="b1"; start="<root>"; type="application/json"',
    );
    expect(parsed.root.contentId).toBe("root");
    expect(parsed.root.mediaType).toBe("application/json");
    expect(parsed.parts[0]?.contentId).toBe("n1");
  });

  it.each([
    ["another media type", "multipart/form-data; boundary=b1", "--b1\n\n{}\n--b1--", /not multipart\/related/],
    ["no boundary", "multipart/related", "--b1\n\n{}\n--b1--", /boundary/],
    ["a boundary that never occurs", "multipart/related; boundary=zz", "--b1\n\n{}\n--b1--", /does not occur/],
    ["no closing delimiter", "multipart/related; boundary=b1", "--b1\nContent-Type: application/json\n\n{}", /closing/],
    [
      "headers without a blank line",
      "multipart/related; boundary=b1",
      "--b1\nContent-Type: application/json\n--b1--",
      /blank line/,
    ],
    ["a malformed header", "multipart/related; boundary=b1", "--b1\nbroken\n\n{}\n--b1--", /malformed part header/],
    ["no part", "multipart/related; boundary=b1", "--b1--", /no body part/],
    ["a start naming no part", 'multipart/related; boundary=b1; start="<x>"', "--b1\n\n{}\n--b1--", /start parameter/],
  ])("When the body has %s, then a MultipartError says why", (_what, contentType, body, reason) => {
    expect(() => parseMultipartRelated(text(body), contentType)).toThrow(MultipartError);
    expect(() => parseMultipartRelated(text(body), contentType)).toThrow(reason);
  });

  it("When any bytes are parsed, then only a MultipartError is ever thrown", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (raw, framed) => {
        const body = framed ? new Uint8Array([...Buffer.from("--b1\r\n"), ...raw]) : raw;
        try {
          parseMultipartRelated(body, "multipart/related; boundary=b1");
        } catch (e) {
          expect(e).toBeInstanceOf(MultipartError);
        }
      }),
      { numRuns: 3000, seed: 29500 },
    );
  });
});
