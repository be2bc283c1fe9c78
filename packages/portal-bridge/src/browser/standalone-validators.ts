import type { ValidatorLookup } from "../core/engine.js";

/**
 * Replaced at bundle time (src/build.ts) by Ajv standalone code for every `$defs` entry of the specs, so the browser
 * runtime validates without `eval`/`new Function` (pages with a strict CSP work). This stub only exists for tsc.
 */
export const lookup: ValidatorLookup = () => {
  throw new Error("@carrierkit/portal-bridge: the runtime must be built with buildRuntimeScript()");
};
