// The published artefact: build, npm pack, install the tarball into a fresh project, run the bin there.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import seed from "./fixtures/seed-003.json" with { type: "json" };

const pkgDir = join(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "ursp-pack-"));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const quiet = { encoding: "utf8" as const, stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"] };

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("packed tarball", () => {
  it("When the package is built, packed and installed in a fresh project, then `npx carrierkit-ursp decode <hex>` works there", () => {
    execFileSync(npx, ["tsc", "-p", "tsconfig.build.json"], { ...quiet, cwd: pkgDir });
    execFileSync(npm, ["pack", "--pack-destination", work], { ...quiet, cwd: pkgDir });
    // The bin's shared runner: a zero-dependency package of the same release (published together, fixed group).
    execFileSync(npm, ["pack", "--pack-destination", work], { ...quiet, cwd: join(pkgDir, "../cli-runtime") });
    const tarball = readdirSync(work).find((f) => f.startsWith("carrierkit-ursp-"));
    expect(tarball).toBe("carrierkit-ursp-0.1.0.tgz");
    const project = join(work, "project");
    execFileSync("mkdir", [project]);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "ursp-consumer", version: "1.0.0", private: true, type: "module" }),
    );
    const runtime = join(work, "carrierkit-cli-runtime-0.1.0.tgz");
    execFileSync(
      npm,
      ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball as string), runtime],
      {
        ...quiet,
        cwd: project,
      },
    );
    // Nothing of the servers comes with it: the installed tree is ursp, the runner, ajv and its own dependencies.
    expect(existsSync(join(project, "node_modules", "express"))).toBe(false);

    const out = execFileSync(npx, ["--no-install", "carrierkit-ursp", "decode", seed.enterpriseRuleHex], {
      ...quiet,
      cwd: project,
    });
    expect(JSON.parse(out).rules[0].routeSelectionDescriptors[0].components).toEqual([
      { type: "sNssai", sst: 1, sd: "000001" },
      { type: "dnn", dnn: "enterprise" },
    ]);

    // the library entry point resolves from the tarball too (types + import condition)
    writeFileSync(
      join(project, "check.mjs"),
      'import { encodeUrsp, androidExamplePolicy, validatePolicy, toHex } from "@carrierkit/ursp";\n' +
        "const p = androidExamplePolicy(); if (!validatePolicy(p).valid) process.exit(3);\n" +
        "console.log(toHex(encodeUrsp({ rules: p.rules.slice(0, 1) })));\n",
    );
    const hex = execFileSync(process.execPath, ["check.mjs"], { ...quiet, cwd: project }).trim();
    expect(hex).toBe(seed.enterpriseRuleHex);

    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(npx, ["--no-install", "carrierkit-ursp", "decode", "004b01"], { ...quiet, cwd: project });
    } catch (e) {
      failure = e as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain("decode error TRUNCATED at offset 0 (ursp.rule[0].length)");
  }, 180_000);
});
