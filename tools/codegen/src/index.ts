import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { parse } from "yaml";

/** The repository root (tools/codegen/src → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Every OpenAPI contract whose package carries generated code. */
export const openapiContracts = ["dpa", "gtaf", "ts43", "namf", "es2plus", "mobileplans-service"] as const;
export type OpenapiContract = (typeof openapiContracts)[number];

export interface GeneratedFile {
  /** Path relative to the repository root. */
  path: string;
  contents: string;
}

function header(specPath: string, tool: string): string {
  return [
    "// This file is generated. Do not edit it by hand.",
    `// Source: ${specPath}`,
    `// Generator: ${tool} (npm run generate); npm test fails when it drifts from the source.`,
    "",
  ].join("\n");
}

/** Generates the TypeScript types and the embedded OpenAPI document of one contract package. */
export async function generateOpenapiContract(name: OpenapiContract): Promise<GeneratedFile[]> {
  const specFile = join(repoRoot, "specs", name, "openapi.yaml");
  const specPath = relative(repoRoot, specFile);
  const document = parse(await readFile(specFile, "utf8")) as Record<string, unknown>;
  const ast = await openapiTS(structuredClone(document) as unknown as OpenAPI3, { alphabetize: false });
  const types = `${header(specPath, "openapi-typescript 7")}\n${astToString(ast)}`;
  const spec = [
    header(specPath, "tools/codegen"),
    "/** The contract's OpenAPI 3.1 document, as parsed from the YAML source. */",
    `export const openapiDocument: Readonly<Record<string, unknown>> = JSON.parse(${JSON.stringify(JSON.stringify(document))});`,
    "",
  ].join("\n");
  const out = join("packages", name, "src", "generated");
  return [
    { path: join(out, "openapi.ts"), contents: types },
    { path: join(out, "spec.ts"), contents: spec },
  ];
}

export async function generateAll(): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const name of openapiContracts) files.push(...(await generateOpenapiContract(name)));
  return files;
}

/** Returns the generated files whose checked-in copy differs from what the specs produce now. */
export async function findDrift(files?: GeneratedFile[]): Promise<string[]> {
  const drifted: string[] = [];
  for (const file of files ?? (await generateAll())) {
    const current = await readFile(join(repoRoot, file.path), "utf8").catch(() => undefined);
    if (current !== file.contents) drifted.push(file.path);
  }
  return drifted;
}
