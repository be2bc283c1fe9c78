// Policy validation: the JSON schema (Ajv, draft 2020-12) plus the rules a schema cannot express, which are the
// encoder's checks (canonical IPv6, range order, match-all / non-seamless offload alone, singletons, lengths).
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsMod from "ajv-formats";
import { encodeUrsp } from "./codec.js";
import { UrspEncodeError } from "./errors.js";
import { urspPolicySchema } from "./generated/ursp-policy-schema.js";
import type { UrspPolicy } from "./model.js";

const addFormats = addFormatsMod.default;

export interface ValidationIssue {
  /** JSON pointer of the offending value ("" = the document). */
  path: string;
  message: string;
}

export type ValidationResult =
  | { valid: true; policy: UrspPolicy; warnings: ValidationIssue[] }
  | { valid: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({
      allErrors: true,
      discriminator: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    addFormats(ajv);
    compiled = ajv.compile(urspPolicySchema);
  }
  return compiled;
}

function describe(e: ErrorObject): ValidationIssue {
  let message = e.message ?? e.keyword;
  if (e.keyword === "additionalProperties")
    message = `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  else if (e.keyword === "enum")
    message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  else if (e.keyword === "const")
    message = `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  else if (e.keyword === "oneOf" && /\/trafficDescriptor\/\d+$/.test(e.instancePath))
    message = "must have exactly one of osAppId and osAppIdHex";
  else if (e.keyword === "discriminator")
    message = `unknown component type ${JSON.stringify((e.params as { tagValue?: unknown }).tagValue)}`;
  return { path: e.instancePath, message };
}

function warningsOf(policy: UrspPolicy): ValidationIssue[] {
  const warnings: ValidationIssue[] = [];
  const seen = new Map<number, number>();
  policy.rules.forEach((rule, i) => {
    const prev = seen.get(rule.precedence);
    if (prev !== undefined)
      warnings.push({ path: `/rules/${i}/precedence`, message: `same precedence ${rule.precedence} as rule ${prev}` });
    else seen.set(rule.precedence, i);
    const rsdSeen = new Set<number>();
    rule.routeSelectionDescriptors.forEach((rsd, j) => {
      if (rsdSeen.has(rsd.precedence))
        warnings.push({
          path: `/rules/${i}/routeSelectionDescriptors/${j}/precedence`,
          message: `duplicate route selection descriptor precedence ${rsd.precedence}`,
        });
      rsdSeen.add(rsd.precedence);
    });
  });
  if (!policy.rules.some((r) => r.trafficDescriptor.some((c) => c.type === "matchAll")))
    warnings.push({ path: "/rules", message: "no match-all rule: traffic that matches no rule has no URSP route" });
  return warnings;
}

/** Validates a URSP policy document against the schema and the TS 24.526 structural rules. */
export function validatePolicy(doc: unknown): ValidationResult {
  const validate = schemaValidator();
  if (!validate(doc)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== "oneOf" || (validate.errors ?? []).length === 1);
    return { valid: false, errors: errors.map(describe), warnings: [] };
  }
  const policy = doc as UrspPolicy;
  try {
    encodeUrsp(policy);
  } catch (e) {
    if (e instanceof UrspEncodeError)
      return { valid: false, errors: [{ path: e.path, message: e.detail }], warnings: [] };
    throw e;
  }
  return { valid: true, policy, warnings: warningsOf(policy) };
}
