// Module resolve hook used when a bin runs from TypeScript source (no dist/ yet): workspace packages resolve through
// their "@carrierkit/source" export condition, as they do under vitest and tsc.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes("@carrierkit/source")
    ? context.conditions
    : ["@carrierkit/source", ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}
