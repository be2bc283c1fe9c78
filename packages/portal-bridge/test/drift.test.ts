import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { generatedFiles, packageDir, readSpecFiles, specDir } from "../src/codegen/files.js";
import { createAjv, portalBridgeSpec } from "../src/index.js";

describe("generated files", () => {
  it.each(generatedFiles().map((f) => [f.path, f] as const))(
    "When the specs are regenerated, then %s is unchanged (else run npm run generate -w @carrierkit/portal-bridge)",
    (path, file) => {
      expect(readFileSync(join(packageDir, path), "utf8")).toBe(file.content);
    },
  );
});

describe("specs/portal-bridge", () => {
  const files = readSpecFiles();
  it("When bridges.json is validated against bridges.schema.json, then it is valid", () => {
    const schema = JSON.parse(readFileSync(join(specDir, "bridges.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    expect(validate(files.bridges), JSON.stringify(validate.errors)).toBe(true);
  });
  it("When every schema file is compiled in Ajv strict mode, then every $defs entry compiles", () => {
    const ajv = createAjv();
    for (const [file, schema] of Object.entries(portalBridgeSpec.schemas)) {
      for (const def of Object.keys(schema.$defs ?? {}))
        expect(ajv.getSchema(`${schema.$id}#/$defs/${def}`), `${file} ${def}`).toBeTypeOf("function");
    }
  });
  it("When bridges.json points into a schema, then every pointer and aliasOf resolves", () => {
    for (const bridge of files.bridges.bridges) {
      const defs = files.schemas[bridge.schema]?.$defs ?? {};
      const has = (p: string) => expect(defs, `${bridge.id} ${p}`).toHaveProperty([p.replace("#/$defs/", "")]);
      for (const e of bridge.enumObjects) has(e.schema);
      for (const c of bridge.callbacks) has(c.argument);
      for (const o of bridge.objects) {
        for (const m of o.methods) {
          for (const ov of m.overloads ?? []) {
            has(ov.args);
            if (ov.returns) has(ov.returns.schema);
          }
          if (m.aliasOf) {
            const [obj, name] = m.aliasOf.split(".");
            expect(
              bridge.objects.find((x) => x.name === obj)?.methods.some((x) => x.name === name),
              m.aliasOf,
            ).toBe(true);
          }
        }
        for (const p of o.properties) if (p.schema) has(p.schema);
      }
    }
  });
  it("When a schema description records a decision, then it says why (every conflict of the reference pages is decided)", () => {
    const text = JSON.stringify(files);
    for (const topic of [
      "modirectStatus",
      "lineType",
      "MobilePlansInlineProfileDownload",
      "Cancelled",
      "`Iccid`",
      "FAILURE_CODE",
      "LPA:",
      "Luhn",
    ]) {
      expect(text, topic).toContain(topic);
    }
    expect(text.match(/Decision/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
  });
});

describe("generated global typings", () => {
  const globals = join(packageDir, "src/generated/portal-globals.d.ts");
  const compile = (file: string) => {
    const program = ts.createProgram([join(packageDir, "test/typings", file), globals], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      lib: ["lib.es2020.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ({
      line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
      text: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    }));
  };
  it("When a portal uses the bridges as documented, then it type-checks", () => {
    expect(compile("portal.ts")).toEqual([]);
  });
  it("When a portal misuses them, then every misuse line is a type error", () => {
    const lines = new Set(compile("misuse.ts").map((d) => d.line));
    expect([...lines].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
  });
});
