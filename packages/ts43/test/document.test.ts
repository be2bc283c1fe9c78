import { describe, expect, it } from "vitest";
import { ConfigDocError, parseJsonDocument, parseXmlDocument, toJsonDocument, toXmlDocument } from "../src/index.js";

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

describe("TS.43 configuration documents", () => {
  it("When the reference JSON example is read, written and read again, then nothing changes", () => {
    const doc = parseJsonDocument(jsonExample);
    expect(doc.apps.ap2010).toMatchObject({ EntitlementStatus: "1", ServiceFlow_ContentsType: "json" });
    expect(doc.token).toEqual({ token: "ASH127AHHA88SF", validity: "86400" });
    expect(parseJsonDocument(JSON.stringify(toJsonDocument(doc)))).toEqual(doc);
  });

  it("When the reference XML example is read, written and read again, then nothing changes (entities included)", () => {
    const doc = parseXmlDocument(xmlExample);
    expect(doc.apps.ap2010?.ServiceFlow_UserData).toBe("sub=abc123&lang=en");
    const xml = toXmlDocument(doc);
    expect(xml).toContain('<parm name="AppID" value="ap2010"/>');
    expect(xml).toContain("sub=abc123&amp;lang=en");
    expect(parseXmlDocument(xml)).toEqual(doc);
  });

  it("When the same document goes JSON → XML → JSON, then both forms carry the same model, nested characteristics too", () => {
    const doc = parseJsonDocument({
      Vers: { version: 3, validity: 3600 },
      ap2010: { EntitlementStatus: 1, DataBoostInfo: [{ BoostType: "0" }, { BoostType: "166" }], Plan: { Name: "x" } },
    });
    expect(doc.apps.ap2010).toEqual({
      EntitlementStatus: "1",
      DataBoostInfo: [{ BoostType: "0" }, { BoostType: "166" }],
      Plan: { Name: "x" },
    });
    expect(parseXmlDocument(toXmlDocument(doc))).toEqual(doc);
  });

  it.each([
    ["JSON that does not parse", () => parseJsonDocument("{"), ""],
    ["JSON without Vers", () => parseJsonDocument("{}"), "/Vers"],
    [
      "a JSON app that is a string",
      () => parseJsonDocument('{"Vers":{"version":"1","validity":"1"},"ap2010":"x"}'),
      "/ap2010",
    ],
    ["malformed XML", () => parseXmlDocument("<wap-provisioningdoc><characteristic></wap-provisioningdoc>"), ""],
    ["XML without VERS", () => parseXmlDocument('<wap-provisioningdoc version="1.1"/>'), ""],
    [
      "an APPLICATION without AppID",
      () =>
        parseXmlDocument(
          '<wap-provisioningdoc><characteristic type="VERS"><parm name="version" value="1"/><parm name="validity" value="1"/></characteristic><characteristic type="APPLICATION"><parm name="x" value="1"/></characteristic></wap-provisioningdoc>',
        ),
      "/APPLICATION",
    ],
    ["another root element", () => parseXmlDocument("<html/>"), ""],
  ])("When the input is %s, then a ConfigDocError names the path", (_, read, path) => {
    expect(read).toThrow(ConfigDocError);
    try {
      read();
    } catch (err) {
      expect((err as ConfigDocError).path).toBe(path);
    }
  });
});
