import { describe, expect, it } from "vitest";
import {
  ConfigDocError,
  configExpiresAt,
  dataBoostCharacteristic,
  type EntitlementDocument,
  isTokenValid,
  parseJsonDocument,
  parseXmlDocument,
  readDataBoost,
  toJsonDocument,
  tokenExpiresAt,
  toXmlDocument,
} from "../src/index.js";

// The two realistic examples of ts43-reference.md §3.3 (what Android 14 QPR1+ accepts, and TS.43 Table 89's shape).
const jsonExample = `{ "Vers": { "version": "1", "validity": "172800" },
  "Token": { "token": "ASH127AHHA88SF", "validity": "86400" },
  "ap2010": { "EntitlementStatus": "1", "ProvStatus": "0",
              "ServiceFlow_URL": "https://boost.example-operator.test/purchase",
              "ServiceFlow_UserData": "encodedValue=eyJtc2lzZG4iOiIxNTU1MDAwMDAwMCIsImNhcCI6MzR9",
              "ServiceFlow_ContentsType": "json" } }`;
const xmlExample = `<?xml version="1.0"?>
<wap-provisioningdoc version="1.1">
  <characteristic type="VERS"><parm name="version" value="1"/><parm name="validity" value="172800"/></characteristic>
  <characteristic type="TOKEN"><parm name="token" value="ASH127AHHA88SF"/></characteristic>
  <characteristic type="APPLICATION">
    <parm name="AppID" value="ap2010"/>
    <parm name="EntitlementStatus" value="1"/>
    <parm name="ProvStatus" value="0"/>
    <parm name="ServiceFlow_URL" value="https://boost.example-operator.test/purchase"/>
    <parm name="ServiceFlow_UserData" value="sub=abc123&amp;lang=en"/>
  </characteristic>
</wap-provisioningdoc>`;
const VERS =
  '<characteristic type="VERS"><parm name="version" value="1"/><parm name="validity" value="1"/></characteristic>';
const xmlWith = (apps: string) => `<wap-provisioningdoc version="1.1">${VERS}${apps}</wap-provisioningdoc>`;
const json = (text: string) => parseJsonDocument(text);
const xml = (text: string) => parseXmlDocument(text);
const viaJson = (doc: EntitlementDocument) => parseJsonDocument(JSON.stringify(toJsonDocument(doc)));
const viaXml = (doc: EntitlementDocument) => parseXmlDocument(toXmlDocument(doc));

describe("TS.43 configuration documents: the reference examples", () => {
  it("When the reference JSON example is read, then the model and its data-boost view carry every field", () => {
    const doc = json(jsonExample);
    expect(doc.vers).toEqual({ version: "1", validity: "172800" });
    expect(doc.token).toEqual({ token: "ASH127AHHA88SF", validity: "86400" });
    expect(readDataBoost(doc)).toEqual({
      entitlementStatus: 1,
      provStatus: 0,
      serviceFlowUrl: "https://boost.example-operator.test/purchase",
      serviceFlowUserData: "encodedValue=eyJtc2lzZG4iOiIxNTU1MDAwMDAwMCIsImNhcCI6MzR9",
      serviceFlowContentsType: "json",
    });
  });

  it("When the reference XML example is read, then entities are decoded and TOKEN has no validity", () => {
    const doc = xml(xmlExample);
    expect(doc.token).toEqual({ token: "ASH127AHHA88SF" });
    expect(readDataBoost(doc)).toEqual({
      entitlementStatus: 1,
      provStatus: 0,
      serviceFlowUrl: "https://boost.example-operator.test/purchase",
      serviceFlowUserData: "sub=abc123&lang=en",
    });
  });

  it.each([
    ["the JSON example through JSON", () => json(jsonExample), viaJson],
    ["the JSON example through XML", () => json(jsonExample), viaXml],
    ["the XML example through XML", () => xml(xmlExample), viaXml],
    ["the XML example through JSON", () => xml(xmlExample), viaJson],
  ])("When %s is written and read again, then the model is unchanged", (_, read, roundTrip) => {
    const doc = read();
    expect(roundTrip(doc)).toEqual(doc);
    expect(roundTrip(roundTrip(doc))).toEqual(doc);
  });

  it("When the XML example is written, then it is a wap-provisioningdoc with AppID first and & escaped", () => {
    const out = toXmlDocument(xml(xmlExample));
    expect(out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<wap-provisioningdoc version="1.1">/);
    expect(out).toMatch(/<characteristic type="APPLICATION">\s*<parm name="AppID" value="ap2010"\/>/);
    expect(out).toContain('value="sub=abc123&amp;lang=en"');
  });

  it("When the JSON form is written, then Vers, Token and the AppID-keyed object are top-level, values as strings", () => {
    const doc = json('{"Vers":{"version":1,"validity":3600},"ap2010":{"EntitlementStatus":1,"ProvStatus":1}}');
    expect(toJsonDocument(doc)).toEqual({
      Vers: { version: "1", validity: "3600" },
      ap2010: { EntitlementStatus: "1", ProvStatus: "1" },
    });
  });
});

describe("TS.43 configuration documents: structure", () => {
  it("When an app has nested and repeated characteristics, then both forms carry the same model", () => {
    const doc = json(
      JSON.stringify({
        Vers: { version: 3, validity: 3600 },
        ap2010: {
          EntitlementStatus: 1,
          DataBoostInfo: [
            { BoostType: "0", TargetCharacteristicsInfo: { PDB: "20" } },
            { BoostType: "166", BoostTypeStatus: true },
          ],
          "5GSAInfo": { "5GSAStatus": "1" },
        },
      }),
    );
    expect(doc.apps.ap2010).toEqual({
      EntitlementStatus: "1",
      DataBoostInfo: [
        { BoostType: "0", TargetCharacteristicsInfo: { PDB: "20" } },
        { BoostType: "166", BoostTypeStatus: "1" },
      ],
      "5GSAInfo": { "5GSAStatus": "1" },
    });
    expect(viaXml(doc)).toEqual(doc);
    expect(toXmlDocument(doc)).toContain('<characteristic type="DataBoostInfo">');
  });

  it("When several apps are present, then each becomes its own APPLICATION and comes back keyed by AppID", () => {
    const doc: EntitlementDocument = {
      vers: { version: "2", validity: "0" },
      apps: { ap2003: { EntitlementStatus: "0" }, ap2004: { EntitlementStatus: "1" } },
    };
    expect(toXmlDocument(doc).match(/type="APPLICATION"/g)).toHaveLength(2);
    expect(viaXml(doc)).toEqual(doc);
  });

  it("When values hold quotes, angle brackets, ampersands, apostrophes and non-ASCII text, then XML round-trips them", () => {
    const doc: EntitlementDocument = {
      vers: { version: "1", validity: "1" },
      apps: { ap2010: { ServiceFlow_UserData: `a"b<c>&'d é 漢` } },
    };
    expect(viaXml(doc)).toEqual(doc);
  });

  it("When the XML spells AppID in another case (AOSP compares case-insensitively), then the app is still keyed by it", () => {
    expect(
      xml(
        xmlWith(
          '<characteristic type="APPLICATION"><parm name="appid" value="ap2010"/><parm name="X" value="1"/></characteristic>',
        ),
      ).apps,
    ).toEqual({
      ap2010: { X: "1" },
    });
  });

  it.each([
    [
      "JSON",
      () => json('{"Vers":{"version":"1","validity":"1"},"__proto__":{"x":"1"},"ap2010":{"__proto__":{"y":"2"}}}'),
    ],
    [
      "XML",
      () =>
        xml(
          xmlWith(
            '<characteristic type="APPLICATION"><parm name="AppID" value="__proto__"/><parm name="x" value="1"/></characteristic>',
          ),
        ),
    ],
  ])("When a %s document names an app __proto__, then it is kept as data and no prototype changes", (_, read) => {
    const doc = read();
    expect(Object.keys(doc.apps)).toContain("__proto__");
    expect(Object.getPrototypeOf(doc.apps)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(viaJson(doc)).toEqual(doc);
  });
});

describe("TS.43 configuration documents: bad input gives ConfigDocError", () => {
  it.each([
    ["JSON that does not parse", () => json("{"), ""],
    ["a JSON array", () => json("[]"), ""],
    ["JSON without Vers", () => json("{}"), "/Vers"],
    ["Vers without validity", () => json('{"Vers":{"version":"1"}}'), "/Vers"],
    ["a Token without token", () => json('{"Vers":{"version":"1","validity":"1"},"Token":{"validity":"1"}}'), "/Token"],
    ["a JSON app that is a string", () => json('{"Vers":{"version":"1","validity":"1"},"ap2010":"x"}'), "/ap2010"],
    [
      "a JSON value that is null",
      () => json('{"Vers":{"version":"1","validity":"1"},"ap2010":{"A":null}}'),
      "/ap2010/A",
    ],
    [
      "a JSON array of scalars",
      () => json('{"Vers":{"version":"1","validity":"1"},"ap2010":{"A":["1"]}}'),
      "/ap2010/A/0",
    ],
    ["malformed XML", () => xml("<wap-provisioningdoc><characteristic></wap-provisioningdoc>"), ""],
    ["XML without VERS", () => xml('<wap-provisioningdoc version="1.1"/>'), ""],
    ["VERS twice", () => xml(xmlWith(VERS)), "/VERS"],
    [
      "TOKEN without token",
      () => xml(xmlWith('<characteristic type="TOKEN"><parm name="validity" value="1"/></characteristic>')),
      "/TOKEN",
    ],
    [
      "an APPLICATION without AppID",
      () => xml(xmlWith('<characteristic type="APPLICATION"><parm name="x" value="1"/></characteristic>')),
      "/APPLICATION",
    ],
    [
      "the same AppID twice",
      () =>
        xml(
          xmlWith('<characteristic type="APPLICATION"><parm name="AppID" value="ap2010"/></characteristic>'.repeat(2)),
        ),
      "/APPLICATION/ap2010",
    ],
    [
      "a parm twice",
      () =>
        xml(
          xmlWith(
            '<characteristic type="APPLICATION"><parm name="AppID" value="ap2010"/><parm name="A" value="1"/><parm name="A" value="2"/></characteristic>',
          ),
        ),
      "/APPLICATION/A",
    ],
    [
      "a parm without a name",
      () => xml(xmlWith('<characteristic type="APPLICATION"><parm value="1"/></characteristic>')),
      "/APPLICATION",
    ],
    [
      "a nested characteristic without a type",
      () =>
        xml(
          xmlWith(
            '<characteristic type="APPLICATION"><parm name="AppID" value="ap2010"/><characteristic/></characteristic>',
          ),
        ),
      "/APPLICATION",
    ],
    ["another root element", () => xml("<html/>"), ""],
    ["a DOCTYPE with an entity", () => xml(`<!DOCTYPE x [<!ENTITY a "AAAA">]>${xmlWith("")}`), ""],
    ["a number instead of text", () => xml(42 as unknown as string), ""],
  ])("When the input is %s, then a ConfigDocError names its path", (_, read, path) => {
    expect(read).toThrow(ConfigDocError);
    expect(read).toThrow(expect.objectContaining({ path }));
  });

  it("When 3 000 mutations of the XML example are parsed, then each parses or throws ConfigDocError", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = `<>/="' &;!?abcTYPE`;
    let failures = 0;
    for (let i = 0; i < 3000; i++) {
      const chars = [...xmlExample];
      for (let n = 1 + (next() % 3); n > 0; n--) {
        const at = next() % chars.length;
        if (next() % 2) chars.splice(at, 1);
        else chars[at] = alphabet[next() % alphabet.length]!;
      }
      try {
        parseXmlDocument(chars.join(""));
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigDocError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(100);
  });
});

describe("Data boost view and token validity", () => {
  it.each([
    [{ entitlementStatus: 1, provStatus: 0, serviceFlowUrl: "https://x.test/p", serviceFlowContentsType: "json" }],
    [{ entitlementStatus: 4, provStatus: 2 }],
    [{ entitlementStatus: 5 }],
  ])("When data-boost status %j is written into a document, then both forms read it back", (status) => {
    const doc: EntitlementDocument = {
      vers: { version: "1", validity: "60" },
      apps: { ap2010: dataBoostCharacteristic(status) },
    };
    expect(readDataBoost(viaJson(doc))).toEqual(status);
    expect(readDataBoost(viaXml(doc))).toEqual(status);
  });

  it.each([
    ["a non-numeric EntitlementStatus", { EntitlementStatus: "enabled" }, "/ap2010/EntitlementStatus"],
    ["a fractional ProvStatus", { EntitlementStatus: "1", ProvStatus: "1.5" }, "/ap2010/ProvStatus"],
    ["a ServiceFlow_URL that is a characteristic", { ServiceFlow_URL: { x: "1" } }, "/ap2010/ServiceFlow_URL"],
  ])("When the app has %s, then readDataBoost throws ConfigDocError at the field", (_, app, path) => {
    const doc: EntitlementDocument = { vers: { version: "1", validity: "1" }, apps: { ap2010: app } };
    expect(() => readDataBoost(doc)).toThrow(expect.objectContaining({ name: "ConfigDocError", path }));
  });

  it("When the document has no ap2010 (or the legacy ap2012 is asked for), then readDataBoost reads only what is there", () => {
    const doc: EntitlementDocument = {
      vers: { version: "1", validity: "1" },
      apps: { ap2012: { EntitlementStatus: "1" } },
    };
    expect(readDataBoost(doc)).toBeUndefined();
    expect(readDataBoost(doc, "ap2012")).toEqual({ entitlementStatus: 1 });
  });

  const received = 1_700_000_000_000;
  it.each([
    ["just before validity ends", { token: "t", validity: "86400" }, received + 86_399_999, true],
    ["when validity ends", { token: "t", validity: "86400" }, received + 86_400_000, false],
    ["with validity 0", { token: "t", validity: "0" }, received, false],
    ["without validity (unknown, kept)", { token: "t" }, received + 10 ** 12, true],
    ["without a token", undefined, received, false],
  ])("When the token is checked %s, then isTokenValid says so", (_, token, now, valid) => {
    const doc: EntitlementDocument = { vers: { version: "1", validity: "60" }, apps: {}, ...(token ? { token } : {}) };
    expect(isTokenValid(doc, received, () => now)).toBe(valid);
  });

  it("When validity is not whole seconds, then the expiry helpers throw ConfigDocError; VERS validity sets the refresh time", () => {
    const doc: EntitlementDocument = {
      vers: { version: "1", validity: "172800" },
      token: { token: "t", validity: "1.5" },
      apps: {},
    };
    expect(() => tokenExpiresAt(doc, received)).toThrow(ConfigDocError);
    expect(configExpiresAt(doc, received)).toBe(received + 172_800_000);
  });
});
