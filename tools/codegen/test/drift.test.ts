import { describe, expect, it } from "vitest";
import { findDrift, generateOpenapiContract, openapiContracts } from "../src/index.js";

describe("generated code", () => {
  it.each(openapiContracts)("When the %s spec is generated again, then the checked-in files match it", async (name) => {
    const files = await generateOpenapiContract(name);
    expect(await findDrift(files)).toEqual([]);
  });

  it("When a generated file differs from its spec, then the drift check names it", async () => {
    const [types] = await generateOpenapiContract("dpa");
    const tampered = { path: types!.path, contents: `${types!.contents}\n// edited by hand\n` };
    expect(await findDrift([tampered])).toEqual([types!.path]);
  });
});
