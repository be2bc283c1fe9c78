// Shared by bins.test.ts (the in-repo ways of running a bin) and pack.test.ts (the installed-tarball way).
import { execFile, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Every bin of the monorepo. Adding one: its 3-line shim `<dir>/bin/<name>.js` (mode 100755, calling
 * `runBin(import.meta.url, "<module>")` of @carrierkit/cli-runtime), `bin` and `files` in its package.json, and one
 * line here.
 */
export const bins = [
  { dir: "packages/ursp", name: "carrierkit-ursp" },
  { dir: "apps/dpa", name: "carrierkit-dpa" },
  { dir: "apps/entitlement", name: "carrierkit-entitlement" },
  { dir: "apps/gtaf-mock", name: "carrierkit-gtaf" },
  { dir: "apps/portal", name: "carrierkit-portal" },
  { dir: "apps/mobileplans-service", name: "carrierkit-mobileplans-service" },
  { dir: "packages/device-simulator", name: "carrierkit-sim" },
].map((bin) => {
  const pkg = JSON.parse(readFileSync(join(root, bin.dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { ...bin, pkg: pkg.name, version: pkg.version };
});

export type Bin = (typeof bins)[number];

/** Workspace package directories whose tarballs, installed together, give every bin its dependencies. */
export const packedWorkspaces = [
  "packages/cli-runtime",
  "packages/contract-runtime",
  "packages/dpa",
  "packages/gtaf",
  "packages/namf",
  "packages/es2plus",
  "packages/mobileplans-service",
  "packages/ts43",
  "packages/ursp",
  "packages/portal-bridge",
  "packages/conformance",
  "packages/device-simulator",
  "packages/operator-core",
  "apps/dpa",
  "apps/entitlement",
  "apps/gtaf-mock",
  "apps/portal",
  "apps/mobileplans-service",
];

export const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_loglevel: "error" },
  });

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs an executable file (its shebang decides the interpreter) without a shell. */
export function runFile(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      done({ code, stdout, stderr: stderr || (error && typeof error.code !== "number" ? String(error) : "") });
    });
  });
}

/** --help, --version and an unknown flag, run concurrently through `exec`; asserts what every bin must do. */
export async function expectBinContract(bin: Bin, exec: (args: string[]) => Promise<Run>): Promise<void> {
  const [help, version, unknown] = await Promise.all([
    exec(["--help"]),
    exec(["--version"]),
    exec(["--definitely-not-a-flag"]),
  ]);
  expect(help, `${bin.name} --help`).toMatchObject({ code: 0, stderr: "" });
  expect(help.stdout).toContain(`${bin.name} ${bin.version}: `);
  expect(help.stdout).toMatch(/usage:\n {2}\S/);
  expect(help.stdout).toContain("--version");
  expect(version, `${bin.name} --version`).toEqual({ code: 0, stdout: `${bin.version}\n`, stderr: "" });
  expect(unknown.code, `${bin.name} --definitely-not-a-flag: ${unknown.stderr}`).toBe(2);
  expect(unknown.stdout).toBe("");
  expect(unknown.stderr).toContain(`${bin.name}: Unknown option '--definitely-not-a-flag'`);
  expect(unknown.stderr).toContain("usage:");
}
