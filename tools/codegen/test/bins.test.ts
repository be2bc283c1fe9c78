import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bin, bins, expectBinContract, root, runFile } from "./bins.js";

// The ways a user runs a bin from the repository (the installed tarball is in pack.test.ts). Each way gets every bin's
// --help, --version and an unknown flag. Copies live in a temp directory whose path has a space; the repository's
// own dist/ is never touched.
const work = mkdtempSync(join(tmpdir(), "carrierkit-bins-"));
const fresh = join(work, "with space", "fresh clone");
const built = join(work, "with space", "built");

beforeAll(() => {
  for (const tree of [fresh, built]) {
    mkdirSync(tree, { recursive: true });
    symlinkSync(join(root, "node_modules"), join(tree, "node_modules"));
  }
  for (const bin of bins) {
    const from = join(root, bin.dir);
    if (!existsSync(join(from, "dist"))) throw new Error(`${bin.dir} has no dist/: run npm run build first`);
    // A fresh clone: the package as git has it (no dist/), so the shim has to run the TypeScript source.
    for (const part of ["package.json", "bin", "src"])
      cpSync(join(from, part), join(fresh, bin.dir, part), { recursive: true });
    // After a build, as installed: bin/ and dist/ but no src/, so only dist/ can be what runs.
    for (const part of ["package.json", "bin", "dist"])
      cpSync(join(from, part), join(built, bin.dir, part), { recursive: true });
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ways: Array<[string, (bin: Bin) => string, string]> = [
  ["npm's node_modules/.bin symlink", (bin) => join(root, "node_modules/.bin", bin.name), root],
  ["the shim's own path", (bin) => join(root, bin.dir, "bin", `${bin.name}.js`), root],
  [
    "a fresh clone without dist/ under a path with a space",
    (bin) => join(fresh, bin.dir, "bin", `${bin.name}.js`),
    work,
  ],
  ["a built copy without src/ under a path with a space", (bin) => join(built, bin.dir, "bin", `${bin.name}.js`), work],
];

describe.each(ways)("When every bin is run through %s", (_, file, cwd) => {
  it.each(bins)(
    "then $name answers --help, --version and refuses an unknown flag with usage and exit 2",
    (bin) => expectBinContract(bin, (args) => runFile(file(bin), args, cwd)),
    120_000,
  );
});

describe("bin files", () => {
  it.each(bins)(
    "When git lists $dir/bin/$name.js, then it is tracked with mode 100755 and is the declared bin",
    (bin) => {
      const path = `${bin.dir}/bin/${bin.name}.js`;
      const staged = execFileSync("git", ["ls-files", "-s", "--", path], { cwd: root, encoding: "utf8" });
      expect(staged.slice(0, 6)).toBe("100755");
      const pkg = JSON.parse(
        execFileSync("git", ["show", `:${bin.dir}/package.json`], { cwd: root, encoding: "utf8" }),
      );
      expect(pkg.bin).toEqual({ [bin.name]: `./bin/${bin.name}.js` });
      expect(pkg.files).toContain("bin");
    },
  );
});
