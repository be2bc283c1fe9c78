import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonSchema } from "../core/spec-types.js";
import { generateGlobalTypings, generateSpecModule, type SpecFiles } from "./generate.js";

/** The package directory (works from src/ and from dist/). */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url));
/** `specs/portal-bridge/` of the monorepo. */
export const specDir = join(packageDir, "..", "..", "specs", "portal-bridge");

/** Reads bridges.json and every schema file it names. */
export function readSpecFiles(dir = specDir): SpecFiles {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as unknown;
  const bridges = read("bridges.json") as SpecFiles["bridges"];
  const schemas: Record<string, JsonSchema> = {};
  for (const bridge of bridges.bridges) schemas[bridge.schema] = read(bridge.schema) as JsonSchema;
  return { bridges, schemas };
}

/** Every generated file: path relative to the package, and its expected content. */
export function generatedFiles(files = readSpecFiles()): { path: string; content: string }[] {
  return [
    { path: "src/generated/spec.ts", content: generateSpecModule(files) },
    { path: "src/generated/portal-globals.d.ts", content: generateGlobalTypings(files) },
  ];
}
