import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."));

describe("npm pack", () => {
  it("When @carrierkit/namf is packed, then the tarball holds dist, the spec and the README but no sources or tests", () => {
    const listing = execFileSync("npm", ["pack", "--dry-run", "--json"], {
      cwd: pkg,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, npm_config_loglevel: "error" },
    });
    const paths = (JSON.parse(listing) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "openapi.yaml",
        "README.md",
        "package.json",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/server.js",
        "dist/server.d.ts",
      ]),
    );
    expect(paths.some((p) => p.startsWith("src/") || p.startsWith("test/"))).toBe(false);
  }, 120_000);
});
