import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bins, expectBinContract, npm, packedWorkspaces, root, runFile } from "./bins.js";

// Every workspace with a tarball is packed once (from its built dist/: `npm test` builds first) and installed once
// into one project outside the repository, under a path with a space; both suites below use that install.
const work = mkdtempSync(join(tmpdir(), "carrierkit-pack-"));
const app = join(work, "with space", "app");
// The server libraries are optional peer dependencies: a server installs them itself, at the tested versions.
const serverPeers = ["express", "express-openapi-validator", "@types/express"].map(
  (name) =>
    `${name}@${(JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version}`,
);

beforeAll(() => {
  const builds = (dir: string) =>
    Boolean(JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).scripts?.build);
  const unbuilt = packedWorkspaces.filter((dir) => builds(dir) && !existsSync(join(root, dir, "dist")));
  if (unbuilt.length > 0) throw new Error(`no dist/ in ${unbuilt.join(", ")}: run npm run build first`);
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  npm(
    ["pack", "--ignore-scripts", "--pack-destination", tarballs, ...packedWorkspaces.flatMap((w) => ["-w", w])],
    root,
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  expect(files).toHaveLength(packedWorkspaces.length);
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // --ignore-scripts: better-sqlite3 is not compiled (minutes); nothing here opens a database.
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", ...files, ...serverPeers], app);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const consumer = `
import { createGtafClient } from "@carrierkit/gtaf";
import { createGtafRouter } from "@carrierkit/gtaf/server";
import { fromHex, generateVector, SoftUsim, Ts43Client } from "@carrierkit/ts43";
import { type ConformanceReport, runConformance } from "@carrierkit/conformance";
import { createTs43Router } from "@carrierkit/ts43/server";
import { createDpaClient, normalizeDpaError, openapiDocument, type PlanStatus } from "@carrierkit/dpa";
import { createDpaRouter, type DpaHandlers, DpaError } from "@carrierkit/dpa/server";
import { startServer } from "@carrierkit/contract-runtime/node";
import express from "express";

const now = new Date().toISOString();
const status: PlanStatus = { plans: [], languageCode: "en-US", expireTime: now, updateTime: now };
const handlers: DpaHandlers = {
  getPlanStatus: ({ params }) => {
    if (params.userKey === "0") throw new DpaError(404, "INVALID_NUMBER", "no such user");
    return { status: 200, body: status };
  },
  getPlanOffer: () => ({ status: 200, body: { offers: [], expireTime: now } }),
  purchasePlan: ({ body }) => ({ status: 200, body: { transactionStatus: "SUCCESS", purchase: { planId: body.planId, transactionId: body.transactionId } } }),
  setConsentStatus: () => ({ status: 200 }),
  getPlanEligibility: ({ params }) => ({ status: 200, body: { eligiblePlans: [{ planId: params.planId }] } }),
  listEligiblePlans: () => ({ status: 200, body: { eligiblePlans: [] } }),
  recordOfferOptOut: ({ body }) => ({ status: 200, body: { optedOut: body.optOut } }),
  registerMsisdn: ({ body }) => ({ status: 200, body: { msisdn: body.msisdn, expirationTime: now } }),
  getDpaStatus: () => ({ status: 200, body: { status: "OPERATIONAL" } }),
};
const app = express();
app.use(createDpaRouter(handlers));
const server = await startServer({ app, port: 0 });
const client = createDpaClient({ baseUrl: server.url });
const q = { key_type: "MSISDN" as const, client_id: "mobiledataplan" };
const ok = await client.GET("/{userKey}/planStatus", { params: { path: { userKey: "919876543210" }, query: q } });
const missing = await client.GET("/{userKey}/planStatus", { params: { path: { userKey: "0" }, query: q } });
const usim = new SoftUsim({ imsi: "001010000000001", k: fromHex("465b5ce8b199b49faa5f0a2ee238a6bc"), opc: fromHex("cd63cb71954a9f4e48a5994e37a02baf") });
const v = generateVector({ k: fromHex("465b5ce8b199b49faa5f0a2ee238a6bc"), opc: fromHex("cd63cb71954a9f4e48a5994e37a02baf") }, 32n, fromHex("8000"));
const ts43Router: unknown = createTs43Router;
const gtaf: unknown[] = [createGtafClient, createGtafRouter];
const ts43Client: unknown = Ts43Client;
const conformance: ConformanceReport = await runConformance({
  dpaUrl: server.url,
  token: "any",
  unknownMsisdn: "0",
  only: ["dpaStatus.operational", "planStatus.unknown-user"],
});
console.log(JSON.stringify({
  conformance: conformance.results.map((r) => \`\${r.name} \${r.status}\`),
  aka: usim.authenticate(v.rand, v.autn).kind,
  ts43: typeof ts43Router === "function" && typeof ts43Client === "function",
  gtaf: gtaf.every((f) => typeof f === "function"),
  title: (openapiDocument.info as { title: string }).title,
  ok: ok.data?.languageCode,
  missing: normalizeDpaError(missing.error),
}));
await server.close();
`;

describe("packed tarballs", () => {
  it("When the contract packages are installed from their npm pack tarballs outside the monorepo, then they type-check and run", () => {
    writeFileSync(join(app, "main.ts"), consumer);
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          outDir: "out",
          types: [],
        },
        files: ["main.ts"],
      }),
    );
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", app], {
        stdio: "pipe",
        encoding: "utf8",
      });
    } catch (err) {
      throw new Error(`the consumer does not type-check:\n${(err as { stdout?: string }).stdout ?? err}`);
    }
    const out = execFileSync(process.execPath, [join(app, "out/main.js")], { cwd: app, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({
      conformance: ["dpaStatus.operational pass", "planStatus.unknown-user pass"],
      aka: "success",
      ts43: true,
      gtaf: true,
      title: "Data Plan Agent API",
      ok: "en-US",
      missing: { message: "no such user", cause: "INVALID_NUMBER" },
    });
    // The conformance CLI runs from the installed bin; its published files cite no internal documents.
    const help = execFileSync(join(app, "node_modules/.bin/carrierkit-conformance"), ["--help"], { encoding: "utf8" });
    expect(help).toContain("carrierkit-conformance --dpa <url>");
    const installed = join(app, "node_modules/@carrierkit/conformance");
    expect(readdirSync(installed).sort()).toEqual(["LICENSE", "README.md", "bin", "dist", "package.json"]);
    for (const file of readdirSync(installed, { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.(md|js|ts|json)$/.test(f),
    ))
      expect(readFileSync(join(installed, file), "utf8")).not.toMatch(/seed 0|seeds\/|shared\/domain/i);
    const listing = npm(["pack", "--dry-run", "--ignore-scripts", "--json"], join(root, "packages", "dpa"));
    const paths = (JSON.parse(listing) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(["openapi.yaml", "README.md", "dist/index.js", "dist/index.d.ts", "dist/server.d.ts"]),
    );
    expect(paths.some((p) => p.startsWith("src/") || p.startsWith("test/"))).toBe(false);
  }, 480_000);
});

describe("bins from the installed tarballs", () => {
  it.each(bins)(
    "When $name runs through the consumer's node_modules/.bin, then it answers --help, --version and refuses an unknown flag with exit 2",
    (bin) => expectBinContract(bin, (args) => runFile(join(app, "node_modules/.bin", bin.name), args, app)),
    120_000,
  );
});
