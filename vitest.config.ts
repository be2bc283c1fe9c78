import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// One vitest run over every workspace (one project each). Workspace packages resolve to their TypeScript sources
// through the "@carrierkit/source" export condition, so tests never run against a stale dist/.
const reportFile = process.env.VITEST_JSON_REPORT;
// CARRIERKIT_TEST_SCOPE=runtime (CI's second Node version): every test but the ones whose outcome does not depend on
// the Node runtime and that cost the most — real-browser flows, npm pack/install, the stack banner and the attack suites;
// CI runs them on its first Node version.
const runtimeScope = process.env.CARRIERKIT_TEST_SCOPE === "runtime";
const runtimeScopeExclude = [
  "**/*.browser.test.ts",
  "test/pack.test.ts",
  "test/published.test.ts",
  "test/bins.test.ts",
];
const runtimeScopeSkippedWorkspaces = ["tools/chaos", "tools/stack"];
const conditions = ["@carrierkit/source", "node", "module", "default"];
const workspaces = ["packages", "apps", "tools"]
  .flatMap((group) =>
    existsSync(group)
      ? readdirSync(group, { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(join(group, d.name, "package.json")))
          .map((d) => join(group, d.name))
      : [],
  )
  .filter((dir) => !(runtimeScope && runtimeScopeSkippedWorkspaces.includes(dir)));

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    reporters: reportFile ? ["default", ["json", { outputFile: reportFile }]] : ["default"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: workspaces.map((dir) => ({
      extends: true,
      test: {
        name: dir.replace(/^(packages|apps|tools)\//, (_, g: string) => (g === "packages" ? "" : `${g}/`)),
        root: dir,
        include: ["test/**/*.test.ts", "src/**/*.test.ts"],
        ...(runtimeScope ? { exclude: ["**/node_modules/**", ...runtimeScopeExclude] } : {}),
      },
    })),
  },
});
