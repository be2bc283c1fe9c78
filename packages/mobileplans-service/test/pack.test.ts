import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contractTarballProblems } from "../../../tools/codegen/test/packing.js";

const pkg = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."));

describe("npm pack", () => {
  it("When @carrierkit/mobileplans-service is packed, then the tarball holds dist, the spec and the README but no sources or tests", () => {
    expect(contractTarballProblems(pkg)).toEqual({ missing: [], sources: [] });
  }, 120_000);
});
