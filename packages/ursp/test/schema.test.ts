import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatedPath, renderSchemaModule, schemaPath } from "../scripts/generate-schema.js";
import {
  androidExamplePolicy,
  ROUTE_SELECTION_COMPONENTS,
  TRAFFIC_DESCRIPTOR_COMPONENTS,
  urspPolicySchema,
  validatePolicy,
} from "../src/index.js";
import { policyArbitrary } from "./support/arbitraries.js";

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
/** A policy document as plain JSON, to break it on purpose. */
type Loose = ReturnType<typeof JSON.parse>;

function branchTypes(def: string): string[] {
  return (schema.$defs[def].oneOf as { properties: { type: { const: string } } }[]).map((b) => b.properties.type.const);
}

describe("JSON schema (specs/ursp/ursp-policy.schema.json)", () => {
  it("When the embedded schema module is regenerated, then it equals the committed one (no drift)", () => {
    expect(readFileSync(generatedPath, "utf8")).toBe(renderSchemaModule(readFileSync(schemaPath, "utf8")));
    expect(urspPolicySchema).toEqual(schema);
  });

  it("When the schema is read, then it is draft 2020-12", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("When the schema's component branches are listed, then they are exactly the codec's component tables", () => {
    expect(branchTypes("trafficDescriptorComponent").sort()).toEqual(Object.keys(TRAFFIC_DESCRIPTOR_COMPONENTS).sort());
    expect(branchTypes("routeSelectionComponent").sort()).toEqual(Object.keys(ROUTE_SELECTION_COMPONENTS).sort());
  });

  it("When values of the TypeScript model types are generated, then the schema accepts each of them", () => {
    fc.assert(
      fc.property(policyArbitrary(), (policy) => {
        const result = validatePolicy(policy);
        expect(result.valid ? [] : result.errors).toEqual([]);
      }),
      { numRuns: 150, seed: 2020 },
    );
  });

  it("When the seed policy is validated, then it is valid and has no warnings", () => {
    expect(validatePolicy(androidExamplePolicy())).toMatchObject({ valid: true, warnings: [] });
  });

  const base = () => androidExamplePolicy();
  it.each([
    ["an unknown property", (p: Loose) => (p.rules[0].name = "x"), "/rules/0", 'unknown property "name"'],
    [
      "an unknown component type",
      (p: Loose) => (p.rules[0].trafficDescriptor[0] = { type: "pin" }),
      "/rules/0/trafficDescriptor/0",
      'unknown component type "pin"',
    ],
    [
      "an uppercase SD",
      (p: Loose) => (p.rules[0].routeSelectionDescriptors[0].components[0].sd = "ABCDEF"),
      "/rules/0/routeSelectionDescriptors/0/components/0/sd",
      "must match pattern",
    ],
    [
      "both osAppId and osAppIdHex",
      (p: Loose) => (p.rules[0].trafficDescriptor[0].osAppIdHex = "00"),
      "/rules/0/trafficDescriptor/0",
      "exactly one of osAppId and osAppIdHex",
    ],
    [
      "a DNN with an empty label",
      (p: Loose) => (p.rules[0].routeSelectionDescriptors[1].components[0].dnn = "a..b"),
      "/rules/0/routeSelectionDescriptors/1/components/0/dnn",
      "must match pattern",
    ],
    [
      "match-all beside another component",
      (p: Loose) => p.rules[8].trafficDescriptor.push({ type: "dnn", dnn: "x" }),
      "/rules/8/trafficDescriptor/0",
      "matchAll must be the only component",
    ],
    [
      "a non-canonical IPv6",
      (p: Loose) =>
        (p.rules[0].trafficDescriptor = [
          { type: "ipv6RemoteAddressPrefix", address: "2001:0db8::1", prefixLength: 64 },
        ]),
      "/rules/0/trafficDescriptor/0/address",
      'canonical form "2001:db8::1"',
    ],
    [
      "an S-NSSAI with a mapped SST",
      (p: Loose) => (p.rules[0].routeSelectionDescriptors[0].components[0].mappedSst = 1),
      "/rules/0/routeSelectionDescriptors/0/components/0",
      'unknown property "mappedSst"',
    ],
  ])("When a policy has %s, then validation fails at the path with a clear message", (_, mutate, path, message) => {
    const p = base();
    mutate(p);
    const result = validatePolicy(p);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it("When rules share a precedence or no match-all rule exists, then validation warns but accepts", () => {
    const p = base();
    p.rules[1]!.precedence = 1;
    p.rules.pop();
    const result = validatePolicy(p);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual(["/rules/1/precedence", "/rules"]);
  });
});
