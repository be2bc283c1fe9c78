import { describe, expect, it } from "vitest";
import { createBridgeEngine, portalBridgeSpec } from "../src/index.js";
import { cancelledMd, code, iccid, md, validArgs, wrongValue } from "./fixtures.js";

const engine = createBridgeEngine();
const MP = "mobile-plans.schema.json";
const DB = "data-boost.schema.json";

interface OverloadRow {
  object: string;
  method: string;
  args: string;
  arities: number[];
  file: string;
}
const overloads: OverloadRow[] = portalBridgeSpec.bridges.bridges.flatMap((bridge) =>
  bridge.objects.flatMap((object) =>
    object.methods.flatMap((method) => {
      const resolved = engine.resolveMethod(object.name, method.name);
      if (!resolved) throw new Error(`${object.name}.${method.name} does not resolve`);
      const arities = resolved.method.overloads.map(
        (o) => engine.schemaAt(bridge.schema, o.args).prefixItems?.length ?? 0,
      );
      return resolved.method.overloads.map((o) => ({
        object: object.name,
        method: method.name,
        args: o.args,
        arities,
        file: bridge.schema,
      }));
    }),
  ),
);

const enumDefs = Object.entries(portalBridgeSpec.schemas).flatMap(([file, schema]) =>
  Object.entries(schema.$defs ?? {})
    .filter(([, def]) => def["x-members"])
    .map(([name, def]) => ({ file, name, members: def["x-members"] ?? [] })),
);

describe("every enum member", () => {
  const rows = enumDefs.flatMap((e) => e.members.map((m) => ({ ...e, member: m })));
  it.each(rows.map((r) => [`${r.name}.${r.member.member}`, r] as const))(
    "When %s is given as its canonical value, then it is accepted unchanged",
    (_label, r) => {
      const result = engine.checkValue(r.file, `#/$defs/${r.name}`, r.member.value);
      expect(result.ok && result.value).toBe(r.member.value);
      const codes = result.warnings.map((w) => w.code);
      expect(codes).toEqual(r.member.undocumented ? ["undocumented-value"] : []);
    },
  );
  it.each(
    rows.filter((r) => r.member.member !== r.member.value).map((r) => [`${r.name}.${r.member.member}`, r] as const),
  )("When %s is given by its member name, then it is canonicalised with an alias warning", (_label, r) => {
    const result = engine.checkValue(r.file, `#/$defs/${r.name}`, r.member.member);
    expect(result.ok && result.value).toBe(r.member.value);
    expect(result.warnings[0]).toMatchObject({ code: "alias", given: r.member.member, canonical: r.member.value });
  });
  it.each(
    rows.filter((r) => typeof r.member.value === "string").map((r) => [`${r.name}.${r.member.member}`, r] as const),
  )("When %s is written in upper case, then it is canonicalised with an alias warning", (_label, r) => {
    const upper = String(r.member.value).toUpperCase();
    const result = engine.checkValue(r.file, `#/$defs/${r.name}`, upper);
    expect(result.ok && result.value).toBe(r.member.value);
    expect(result.warnings.some((w) => w.code === "alias" && w.given === upper)).toBe(true);
  });
  it.each(enumDefs.map((e) => [e.name, e] as const))("When %s gets a value outside it, then it is refused", (_n, e) => {
    const bogus = typeof e.members[0]?.value === "number" ? 99 : "Bogus";
    const result = engine.checkValue(e.file, `#/$defs/${e.name}`, bogus);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/must be one of/);
  });
});

describe("every method and overload", () => {
  it("When bridges.json has an overload, then the tests have valid sample arguments for it", () => {
    for (const row of overloads)
      expect(validArgs, `${row.object}.${row.method} ${row.args}`).toHaveProperty([row.args]);
  });
  it.each(overloads.map((o) => [`${o.object}.${o.method} ${o.args}`, o] as const))(
    "When %s is called with valid arguments, then it is accepted in canonical form",
    (_l, o) => {
      const args = validArgs[o.args] ?? [];
      const result = engine.checkCall(o.object, o.method, args);
      expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
      if (result.ok) {
        expect(result.value.overload.args).toBe(o.args);
        if (o.args !== "#/$defs/NotifyPurchaseResultArgs") expect(result.value.args).toEqual(args);
      }
    },
  );
  it.each(overloads.map((o) => [`${o.object}.${o.method} ${o.args}`, o] as const))(
    "When %s gets one argument too many, then it is refused unless another overload takes that many",
    (_l, o) => {
      const args = [...(validArgs[o.args] ?? []), "extra"];
      const result = engine.checkCall(o.object, o.method, args);
      if (o.arities.includes(args.length)) return;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]?.message).toMatch(/^takes .* got/);
    },
  );
  const perParameter = overloads.flatMap((o) => {
    const schema = engine.schemaAt(o.file, o.args);
    return (schema.prefixItems ?? []).map((item, i) => ({
      ...o,
      index: i,
      name: typeof item === "object" ? String(item.title) : "",
    }));
  });
  it.each(perParameter.map((p) => [`${p.object}.${p.method}(… ${p.name} …) ${p.args}`, p] as const))(
    "When %s gets a wrong value, then it is refused naming the parameter",
    (_l, p) => {
      const args = [...(validArgs[p.args] ?? [])];
      expect(wrongValue, p.name).toHaveProperty([p.name]);
      args[p.index] = wrongValue[p.name];
      const result = engine.checkCall(p.object, p.method, args);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems.map((x) => x.path).join(" ")).toContain(p.name);
    },
  );
});

describe("documented conflicts: both forms accepted, the alternative with a warning", () => {
  const sampleMd = {
    userAccount: "New",
    purchaseInstrument: "New",
    lineType: "New",
    modirectStatus: "Complete",
    planName: "My Plan",
  };
  it("When the seed sample writes modirectStatus and lineType, then they become moDirectStatus and line with two warnings", () => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [
      sampleMd,
      "1$smdp.address$matchingID",
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.args[0]).toEqual({
      userAccount: "New",
      purchaseInstrument: "New",
      line: "New",
      moDirectStatus: "Complete",
      planName: "My Plan",
    });
    expect(r.warnings.map((w) => w.path)).toEqual(["purchaseMetaData.modirectStatus", "purchaseMetaData.lineType"]);
  });
  it("When both spellings are set to the same value, then it is accepted with a warning", () => {
    const r = engine.checkCall("MobilePlans", "notifyCancelledPurchase", [{ ...cancelledMd, lineType: "Bailed" }]);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["alias", "undocumented-value"]);
  });
  it("When both spellings are set to different values, then the call is refused", () => {
    const r = engine.checkCall("MobilePlans", "notifyCancelledPurchase", [
      { ...cancelledMd, modirectStatus: "Complete" },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.path).toBe("purchaseMetaData.modirectStatus");
  });
  it.each([
    ["member names (sample code)", { ...md, userAccount: "new", line: "existing", moDirectStatus: "complete" }, 3],
    ["capitalised prose (canonical)", md, 0],
  ])("When metadata enums are written as %s, then they are accepted (%#)", (_l, given, warnings) => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyBalanceAddition", [given]);
    expect(r.ok && r.value.args[0]).toEqual({ ...md, line: given === md ? "New" : "Existing" });
    expect(r.warnings).toHaveLength(warnings);
  });
  it.each([
    ["Cancelled", "Cancelled"],
    ["None", "None"],
  ])(
    "When moDirectStatus is %s (outside the documented list), then it is accepted with an undocumented-value warning",
    (value) => {
      const r = engine.checkCall("MobilePlans", "notifyCancelledPurchase", [{ ...cancelledMd, moDirectStatus: value }]);
      expect(r.ok).toBe(true);
      expect(r.warnings.map((w) => w.code)).toEqual(["undocumented-value"]);
    },
  );
  it.each([
    ["a successful purchase with an empty planName", { ...md, planName: "" }],
    ["a successful purchase with a blank planName", { ...md, planName: "   " }],
    ["a failed purchase with a planName", { ...md, moDirectStatus: "PurchaseFailed" }],
    ["an unknown property", { ...md, plan: "x" }],
    ["no moDirectStatus", { planName: "" }],
  ])("When the metadata describes %s, then it is refused", (_l, given) => {
    expect(engine.checkCall("MobilePlans", "notifyCancelledPurchase", [given]).ok).toBe(false);
  });
  it("When the activation code carries the QR code's LPA: prefix, then it is stripped with a warning", () => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [md, `LPA:${code}`]);
    expect(r.ok && r.value.args[1]).toBe(code);
    expect(r.warnings[0]?.path).toBe("activationCode");
  });
  it.each([
    ["with SM-DP+ OID and confirmation flag", `${code}$1.3.6.1.4.1.31746$1`, true],
    ["with only the confirmation flag", `${code}$$1`, true],
    ["with a loopback SM-DP+ and a port (development)", "1$127.0.0.1:4070$ABC-123", true],
    ["with localhost and a port (development)", "1$localhost:4070$ABC", true],
    ["with a port on a non-loopback host", "1$smdp.example.com:8443$ABC", false],
    ["with a version other than 1", "2$smdp.example$ABC", false],
    ["without a matching ID", "1$smdp.example$", false],
    ["only an SM-DP+ address", "smdp.example.com", false],
    ["with an SM-DP+ address that is not a host name", "1$smdp_example$ABC", false],
  ])(
    "When the inline download's activation code is %s, then acceptance is %s (a full code is required)",
    (_l, value, ok) => {
      expect(engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [md, value]).ok).toBe(ok);
    },
  );
  it.each([
    ["a full activation code", code, code, "activationCode", []],
    ["a full code with the LPA: prefix", `LPA:${code}`, code, "activationCode", ["alias"]],
    ["a bare SM-DP+ FQDN (seeds 000, 002)", "smdp.example.com", "smdp.example.com", "smdpAddress", []],
    ["a loopback SM-DP+ with a port (development)", "127.0.0.1:4070", "127.0.0.1:4070", "smdpAddress", []],
    ["[::1] with a port (development)", "[::1]:4070", "[::1]:4070", "smdpAddress", []],
    [
      "an SM-DP+ address framed as a code with no matching ID",
      "1$smdp.example$",
      "smdp.example",
      "smdpAddress",
      ["alias"],
    ],
  ])(
    "When the delayed download gets %s, then it is accepted and the call says which form was used",
    (_l, given, canonical, form, warnings) => {
      const r = engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [md, given, 15]);
      expect(r.ok, JSON.stringify(!r.ok && r.problems)).toBe(true);
      if (!r.ok) return;
      expect(r.value.args[1]).toBe(canonical);
      expect(r.value.forms).toEqual({ activationCode: form });
      expect(r.warnings.map((w) => w.code)).toEqual(warnings);
    },
  );
  it.each([
    ["a single-label host", "smdp"],
    ["a URL", "https://smdp.example.com"],
    ["a host with a path", "smdp.example.com/download"],
    ["a port on a non-loopback host", "smdp.example.com:8443"],
    ["an underscore host", "smdp_example.com"],
    ["an empty string", ""],
    ["an activation code of version 2", "2$smdp.example$ABC"],
  ])("When the delayed download gets %s, then it is refused naming activationCode", (_l, given) => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [md, given, 15]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path).join(" ")).toContain("activationCode");
  });
  it.each([
    ["notifyPurchaseWithProfileDownload", "MobilePlans", [md, "smdp.example.com", 0]],
    ["notifyInlineProfileDownload (legacy)", "MobilePlansInlineProfile", [md, "smdp.example.com"]],
  ])(
    "When %s gets only an SM-DP+ address, then it is refused (only the delayed download takes one)",
    (method, object, args) => {
      const name = method.split(" ")[0] ?? "";
      expect(engine.checkCall(object, name, args).ok).toBe(false);
    },
  );
  it("When a call has no parameter with alternative forms, then its canonical call has no forms", () => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyProfileDownload", [md, code]);
    expect(r.ok && r.value.forms).toBeUndefined();
  });
  it("When an ICCID fails the Luhn check (the seeds' placeholders), then it is accepted with a check-digit warning", () => {
    const r = engine.checkCall("MobilePlansInlineOperations", "notifyBalanceAddition", [md, "8900000000000000001"]);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["check-digit"]);
  });
  it.each(["890000000000000000", "8900000000000000000000", "8800000000000000001", "8991010000000000018F"])(
    "When the ICCID is %s, then it is refused",
    (value) => {
      expect(engine.checkCall("MobilePlansInlineOperations", "notifyBalanceAddition", [md, value]).ok).toBe(false);
    },
  );
  it("When the legacy sample calls notifyInlineProfileDownload on MobilePlansInlineProfileDownload, then it resolves to MobilePlansInlineProfile with a warning", () => {
    const r = engine.checkCall("MobilePlansInlineProfileDownload", "notifyInlineProfileDownload", [md, code]);
    expect(r.ok && `${r.value.object}.${r.value.method}`).toBe("MobilePlansInlineProfile.notifyInlineProfileDownload");
    expect(r.ok && r.value.api).toBe("legacy");
    expect(r.warnings[0]?.path).toBe("MobilePlansInlineProfileDownload.notifyInlineProfileDownload");
  });
  it("When the DataMart payload and its purchaseResult are objects instead of JSON strings, then both are decoded-equal with warnings", () => {
    const payload = JSON.parse(String(validArgs["#/$defs/NotifyPurchaseResultArgs"]?.[0])) as Record<string, unknown>;
    const { iccid: payloadIccid, ...rest } = payload;
    const asObject = { ...rest, purchaseResult: JSON.parse(String(payload.purchaseResult)), Iccid: payloadIccid };
    const a = engine.checkCall("DataMart", "notifyPurchaseResult", validArgs["#/$defs/NotifyPurchaseResultArgs"] ?? []);
    const b = engine.checkCall("DataMart", "notifyPurchaseResult", [asObject]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.ok && b.ok && b.value.args).toEqual(a.ok && a.value.args);
    expect(a.warnings).toEqual([]);
    expect(b.warnings.map((w) => w.path)).toEqual([
      "notificationPayload",
      "notificationPayload.Iccid",
      "notificationPayload.purchaseResult",
    ]);
  });
  it("When the DataMart abandon sample (success false, empty code and ICCID, status None) is sent, then it is accepted", () => {
    const payload = {
      ver: "1",
      success: false,
      transactionId: "MSFT_ecf5a4d6-024c-46c3-8fcd-2c1f0deed572",
      activationCode: "",
      iccid: "",
      purchaseResult: JSON.stringify({
        userAccount: "Bailed",
        purchaseInstrument: "None",
        line: "None",
        moDirectStatus: "None",
        planName: "",
      }),
    };
    const r = engine.checkCall("DataMart", "notifyPurchaseResult", [JSON.stringify(payload)]);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["undocumented-value"]);
  });
  it.each([
    ["Iccid (seed 001)", { networkRegistrationState: "home", Iccid: iccid }, 2],
    ["iccid (seeds 000, 002)", { networkRegistrationState: "Home", iccid }, 0],
  ])("When registration args use %s, then they canonicalise to iccid and Home", (_l, given, warnings) => {
    const r = engine.checkValue(MP, "#/$defs/ProfileRegistrationCompleteArgs", JSON.stringify(given));
    expect(r.ok && r.value).toEqual({ networkRegistrationState: "Home", iccid });
    expect(r.warnings).toHaveLength(warnings);
  });
  it("When activation args are not JSON, then they are refused", () => {
    expect(engine.checkValue(MP, "#/$defs/ProfileActivationCompleteArgs", "{").ok).toBe(false);
  });
  it.each([
    ["a profile's ICCID", iccid, true],
    ["the empty string (the activation failed before an ICCID was known)", "", true],
    ["digits that are not an ICCID", "12345", false],
    ["a padded ICCID", `${iccid}F`, false],
  ])("When activation args carry %s (%s), then accepted is %s", (_l, value, ok) => {
    const r = engine.checkValue(
      MP,
      "#/$defs/ProfileActivationCompleteArgs",
      JSON.stringify({ activationResult: "InvalidMatchingId", iccid: value }),
    );
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.value).toEqual({ activationResult: "InvalidMatchingId", iccid: value });
  });
});

describe("data boost", () => {
  it.each([
    ["FAILURE_CODE_UNKNOWN", 0],
    ["FAILURE_CODE_CARRIER_URL_UNAVAILABLE", 1],
    ["FAILURE_CODE_AUTHENTICATION_FAILED", 2],
    ["FAILURE_CODE_PAYMENT_FAILED", 3],
    ["FAILURE_CODE_NO_USER_DATA", 4],
  ])("When notifyPurchaseFailed gets the constant name %s, then it becomes %i with a warning", (name, value) => {
    const r = engine.checkCall("DataBoostWebServiceFlow", "notifyPurchaseFailed", [name, "why"]);
    expect(r.ok && r.value.args).toEqual([value, "why"]);
    expect(r.warnings[0]?.code).toBe("alias");
  });
  it.each([
    ["code 0 with an empty reason", [0, ""], false],
    ["code 0 with a reason", [0, "Unexpected answer"], true],
    ["code 3 with an empty reason", [3, ""], true],
    ["a code without reason", [3], false],
    ["a negative duration", [-1], false],
  ])("When data boost gets %s, then acceptance is %s", (label, args, ok) => {
    const method = label.includes("duration") ? "notifyPurchaseSuccessful" : "notifyPurchaseFailed";
    expect(engine.checkCall("DataBoostWebServiceFlow", method, args).ok).toBe(ok);
  });
  it("When SlicePurchaseWebInterface is asked for dismissFlow, then it is not a bridge method", () => {
    expect(engine.checkCall("SlicePurchaseWebInterface", "dismissFlow", []).ok).toBe(false);
    expect(engine.schemaAt(DB, "#/$defs/PremiumCapability").enum).toEqual([34]);
  });
});
