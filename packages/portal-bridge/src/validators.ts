import { Ajv2020 } from "ajv/dist/2020.js";
import { BridgeEngine, type ValidateFunction, type ValidatorLookup } from "./core/engine.js";
import type { PortalBridgeSpec } from "./core/spec-types.js";
import { portalBridgeSpec } from "./generated/spec.js";

/** The carrierkit keywords of the specs (documentation and canonicalisation hints; no validation meaning). */
export const CARRIERKIT_KEYWORDS = [
  "x-members",
  "x-propertyAliases",
  "x-jsonString",
  "x-stripPrefix",
  "x-checks",
  "x-rewrite",
  "x-form",
];

/** Ajv options shared by the node validators and the standalone code of the browser runtime. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false } as const;

/** An Ajv 2020 instance holding every schema file of the spec. */
export function createAjv(spec: PortalBridgeSpec = portalBridgeSpec, options: Record<string, unknown> = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...options });
  ajv.addVocabulary(CARRIERKIT_KEYWORDS);
  for (const schema of Object.values(spec.schemas)) ajv.addSchema(schema as object);
  return ajv;
}

/** Validators compiled with Ajv (node; uses code generation). */
export function ajvLookup(spec: PortalBridgeSpec = portalBridgeSpec): ValidatorLookup {
  const ajv = createAjv(spec);
  return (file, pointer) => {
    const id = spec.schemas[file]?.$id;
    if (!id) throw new Error(`Unknown schema file ${file}`);
    const validate = ajv.getSchema(`${id}${pointer}`);
    if (!validate) throw new Error(`No schema at ${file}${pointer}`);
    return validate as unknown as ValidateFunction;
  };
}

/**
 * The bridge engine in node: checks calls, property values and callback arguments exactly as the browser runtime
 * does (same spec, same canonicalisation; Ajv-compiled instead of standalone validators).
 */
export function createBridgeEngine(spec: PortalBridgeSpec = portalBridgeSpec): BridgeEngine {
  return new BridgeEngine(spec, ajvLookup(spec));
}
