import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPages } from "../src/catalog.js";

// turbo hashes a task from the files in its `inputs` (by git object hash). If the specs were not inputs of the docs
// build, a spec edit would leave the hash unchanged and turbo would replay the old pages from its cache.
const repo = join(import.meta.dirname, "..", "..", "..");

interface DryTask {
  taskId: string;
  hash: string;
  inputs: Record<string, string>;
  outputs: string[];
}

describe("docs build in turbo", () => {
  it("When turbo plans the docs build, then every spec file and redocly.yaml is a hashed input and site/ is cached", () => {
    const dry = execFileSync(
      join(repo, "node_modules", ".bin", "turbo"),
      ["run", "build", "--filter=@carrierkit/docs", "--dry=json"],
      {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
      },
    );
    const task = (JSON.parse(dry) as { tasks: DryTask[] }).tasks.find((t) => t.taskId === "@carrierkit/docs#build");
    expect(task).toBeDefined();
    const specs = discoverPages(join(repo, "specs")).map((p) => `specs/${p.sourceName}`);
    expect(specs.length).toBeGreaterThanOrEqual(8);
    const files = [...specs, "redocly.yaml"];
    const hashes = execFileSync("git", ["hash-object", ...files], { cwd: repo, encoding: "utf8" })
      .trim()
      .split("\n");
    files.forEach((file, i) => {
      expect(task?.inputs[`../../${file}`], file).toBe(hashes[i]);
    });
    expect(task?.inputs["src/build.ts"]).toBeDefined();
    expect(task?.outputs).toEqual(expect.arrayContaining(["dist/**", "site/**"]));
  });
});
