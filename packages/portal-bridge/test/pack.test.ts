import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// The monorepo's one shared pack (a lock keeps two prepack builds from writing dist/ at once).
import { packPublicPackages } from "../../../tools/codegen/test/packing.js";

const pkgDir = join(import.meta.dirname, "..");
const tsc = join(pkgDir, "..", "..", "node_modules", "typescript", "bin", "tsc");
const work = mkdtempSync(join(tmpdir(), "portal-bridge-pack-"));
const quiet = { encoding: "utf8" as const, stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"] };

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("packed tarball", () => {
  it("When the package is packed and installed in a fresh project, then a portal type-checks against its globals and node loads the engine and the runtime script", () => {
    const tarball = packPublicPackages().find((p) => p.name === "@carrierkit/portal-bridge")?.tarball;
    expect(tarball).toMatch(/carrierkit-portal-bridge-0\.1\.0\.tgz$/);
    const project = join(work, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "portal", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball as string], {
      ...quiet,
      cwd: project,
    });

    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2020",
          lib: ["ES2020", "DOM"],
          types: ["@carrierkit/portal-bridge/globals"],
        },
        files: ["portal.ts"],
      }),
    );
    writeFileSync(
      join(project, "portal.ts"),
      `const md = MobilePlans.createPurchaseMetaData();
md.moDirectStatus = MobilePlansMoDirectStatus.complete;
md.planName = "2GB Monthly";
const op: MobilePlansOperationContext = MobilePlansInlineOperations.notifyProfileDownload(md, "1$smdp.example$ABC", 15);
MobilePlansInlineOperations.notifyOperationCancel(op);
DataBoostWebServiceFlow?.notifyPurchaseFailed(3, "Payment declined");
`,
    );
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { ...quiet, cwd: project });

    writeFileSync(
      join(project, "check.mjs"),
      `import { createBridgeEngine, readRuntimeScript } from "@carrierkit/portal-bridge";
const engine = createBridgeEngine();
const r = engine.checkCall("MobilePlans", "notifyCancelledPurchase", [{ modirectStatus: "cancelled", planName: "" }]);
const script = await readRuntimeScript();
console.log(JSON.stringify({ ok: r.ok, args: r.ok && r.value.args, warnings: r.warnings.map((w) => w.code), runtime: script.includes("CarrierkitPortalBridge") }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["check.mjs"], { ...quiet, cwd: project }));
    expect(out).toEqual({
      ok: true,
      args: [{ moDirectStatus: "Cancelled", planName: "" }],
      warnings: ["alias", "alias", "undocumented-value"],
      runtime: true,
    });
  }, 480_000);
});
