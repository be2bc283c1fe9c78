// Embeds specs/ursp/ursp-policy.schema.json into src/generated/ursp-policy-schema.ts so the published package
// validates with the same schema. Run: npx tsx packages/ursp/scripts/generate-schema.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const schemaPath = join(here, "../../../specs/ursp/ursp-policy.schema.json");
export const generatedPath = join(here, "../src/generated/ursp-policy-schema.ts");

export function renderSchemaModule(schemaJson: string): string {
  const schema: unknown = JSON.parse(schemaJson);
  return [
    "// Generated from specs/ursp/ursp-policy.schema.json by packages/ursp/scripts/generate-schema.ts. Do not edit;",
    "// test/schema.test.ts fails when this file drifts from the schema.",
    "",
    `export const urspPolicySchema: Record<string, unknown> = ${JSON.stringify(schema, null, 2)};`,
    "",
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = renderSchemaModule(readFileSync(schemaPath, "utf8"));
  if (process.argv.includes("--check")) {
    if (readFileSync(generatedPath, "utf8") !== out) {
      console.error(`${generatedPath} is out of date; run scripts/generate-schema.ts`);
      process.exit(1);
    }
  } else writeFileSync(generatedPath, out);
}
