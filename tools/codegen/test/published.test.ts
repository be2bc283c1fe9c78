// What every public package publishes: the Apache-2.0 LICENSE, only files its manifest declares the dependencies of,
// client entries that never load the server libraries, README examples that compile as written, and no names of
// carrierkit's internal documents. The packages are the ones found in packages/*/package.json (not private), packed
// once (./packing.ts).
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Manifest, type PackedPackage, packPublicPackages, publicPackages, root } from "./packing.js";

/** SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt (11,358 bytes). */
const APACHE_2_0_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
/** Libraries only the server entries (`/server`, `/node`) may load; client entries must work without them. */
const SERVER_LIBRARIES = ["express", "express-openapi-validator"];
/** Names of carrierkit's internal documents (the seed documents, the domain digests); published files cite the public sources. */
const INTERNAL_NAMES = [/seeds? ?0\d\d/i, /shared\/domain/i, /\.\.\/shared/i, /seed-conformance/i, /\bthe seeds?\b/i];
/** Peer versions the consumer projects install (the versions the monorepo is tested with). */
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as Manifest).version;

const names = publicPackages().map((p) => p.name);
let packages: PackedPackage[];
const pkg = (name: string) => packages.find((p) => p.name === name)!;
const work = mkdtempSync(join(tmpdir(), "carrierkit-published-"));

/** Consumers: one with only the tarballs (what a client gets), one with the peers a server or a build adds. */
let clientOnly: string;
let full: string;
const peers = ["express", "express-openapi-validator", "@types/express", "esbuild", "playwright-core", "@types/node"];

beforeAll(async () => {
  packages = packPublicPackages();
  [clientOnly, full] = await Promise.all([
    consumer("client-only", []),
    consumer(
      "full",
      peers.map((p) => `${p}@${installedVersion(p)}`),
    ),
  ]);
}, 480_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------------
// Import graph of a packed package's files (TypeScript's own pre-processor finds static, dynamic and type imports).

const packageNameOf = (specifier: string) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
const isBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(packageNameOf(specifier));

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((i) => i.fileName);
}

/** The file an `exports` subpath of a packed package resolves to under `condition` ("import" or "types"). */
function entryFile(p: PackedPackage, subpath: string, condition: "import" | "types"): string | undefined {
  const target = p.manifest.exports?.[subpath];
  if (target === undefined) return undefined;
  const file = typeof target === "string" ? target : (target[condition] ?? target.default);
  return file === undefined ? undefined : join(p.contents, file);
}

interface Reached {
  /** Every file reached (across packed @carrierkit packages). */
  files: Set<string>;
  /** Bare imports of other packages: specifier, the packed package whose file imports it, and the file. */
  external: Array<{ specifier: string; by: PackedPackage; file: string }>;
}

/** Follows the runtime imports of `start` through relative paths and into the other packed @carrierkit packages. */
function runtimeGraph(start: string, owner: PackedPackage): Reached {
  const reached: Reached = { files: new Set(), external: [] };
  const queue: Array<[string, PackedPackage]> = [[start, owner]];
  while (queue.length > 0) {
    const [file, by] = queue.pop()!;
    if (reached.files.has(file)) continue;
    reached.files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) queue.push([resolve(dirname(file), specifier), by]);
      else if (isBuiltin(specifier)) continue;
      else {
        const target = packages.find((p) => p.name === packageNameOf(specifier));
        const subpath = `.${specifier.slice(packageNameOf(specifier).length)}`;
        const next = target && entryFile(target, subpath, "import");
        if (target && next) queue.push([next, target]);
        else reached.external.push({ specifier, by, file });
      }
    }
  }
  return reached;
}

// ---------------------------------------------------------------------------------------------------------------

describe("LICENSE", () => {
  it("When the root LICENSE is read, then it is the Apache License 2.0 text byte for byte and every manifest declares Apache-2.0", () => {
    const digest = createHash("sha256")
      .update(readFileSync(join(root, "LICENSE")))
      .digest("hex");
    expect(digest).toBe(APACHE_2_0_SHA256);
    expect(rootManifest.license).toBe("Apache-2.0");
    for (const p of publicPackages()) expect([p.name, p.manifest.license]).toEqual([p.name, "Apache-2.0"]);
  });

  it.each(names)("When %s is packed, then its tarball carries the root LICENSE unchanged", (name) => {
    const p = pkg(name);
    expect(p.files).toContain("LICENSE");
    expect(readFileSync(join(p.contents, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
  });
});

describe("manifest", () => {
  it.each(names)("When %s is packed, then every file its manifest points at is in the tarball", (name) => {
    const p = pkg(name);
    const m = p.manifest;
    const targets = [
      m.main,
      m.types,
      ...(typeof m.bin === "string" ? [m.bin] : Object.values(m.bin ?? {})),
      ...Object.values(m.exports ?? {}).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t))),
    ]
      .filter((t): t is string => t !== undefined && !t.includes("*"))
      .map((t) => join(p.contents, t));
    // The "@carrierkit/source" condition points at src/, which is not published (only the monorepo uses it).
    const source = Object.values(m.exports ?? {}).flatMap((t) =>
      typeof t === "string" || !t["@carrierkit/source"] ? [] : [join(p.contents, t["@carrierkit/source"])],
    );
    const missing = targets.filter((t) => !source.includes(t) && !existsSync(t));
    expect(missing.map((t) => relative(p.contents, t))).toEqual([]);
  });

  it.each(names)("When %s publishes dist/, then npm pack builds it first (prepack)", (name) => {
    const m = pkg(name).manifest;
    if (m.files?.includes("dist")) expect(m.scripts?.prepack).toMatch(/\bbuild\b/);
  });

  it.each(names)(
    "When %s's published files are scanned, then every bare import is a declared dependency or peer dependency",
    (name) => {
      const p = pkg(name);
      const declared = new Set([
        p.name,
        ...Object.keys(p.manifest.dependencies ?? {}),
        ...Object.keys(p.manifest.peerDependencies ?? {}),
      ]);
      const undeclared = new Set<string>();
      for (const file of p.files.filter((f) => /\.(c|m)?js$|\.d\.(c|m)?ts$/.test(f)))
        for (const specifier of importsOf(join(p.contents, file))) {
          if (specifier.startsWith(".") || isBuiltin(specifier)) continue;
          const dep = packageNameOf(specifier);
          // A type import of `x` is satisfied by `@types/x`.
          const typesPackage = `@types/${dep.replace(/^@/, "").replace("/", "__")}`;
          if (declared.has(dep) || (file.endsWith(".ts") && declared.has(typesPackage))) continue;
          undeclared.add(`${dep} (${file})`);
        }
      expect([...undeclared]).toEqual([]);
    },
  );

  it.each(names)(
    "When %s imports a server library, then it is an optional peer dependency, never a dependency",
    (name) => {
      const p = pkg(name);
      const m = p.manifest;
      for (const lib of SERVER_LIBRARIES) {
        expect([lib, m.dependencies?.[lib]]).toEqual([lib, undefined]);
        if (m.peerDependencies?.[lib]) expect([lib, m.peerDependenciesMeta?.[lib]?.optional]).toEqual([lib, true]);
      }
    },
  );

  it.each(names)(
    "When %s's client entry is followed through its imports, then it reaches no server library and needs only its dependencies",
    (name) => {
      const p = pkg(name);
      const entry = entryFile(p, ".", "import");
      expect(entry && existsSync(entry)).toBe(true);
      const reached = runtimeGraph(entry!, p).external.map((e) => {
        const dep = packageNameOf(e.specifier);
        return { by: e.by.name, dep, hard: e.by.manifest.dependencies?.[dep] !== undefined };
      });
      expect(reached.filter((r) => SERVER_LIBRARIES.includes(r.dep))).toEqual([]);
      // Whatever the client entry loads must come with a plain `npm install` (a dependency, not an optional peer),
      // but for the one dev-only path: cli-runtime's runBin imports tsx (an optional peer) only in a source checkout
      // that has no dist/ yet, inside a try that names the fix when tsx is missing.
      const devOnly = (r: { by: string; dep: string }) => r.by === "@carrierkit/cli-runtime" && r.dep === "tsx";
      expect(reached.filter((r) => !r.hard && !devOnly(r))).toEqual([]);
    },
  );
});

describe("internal documents", () => {
  it.each(names)(
    "When every file of %s's tarball is searched, then none names an internal carrierkit document",
    (name) => {
      const p = pkg(name);
      const hits: string[] = [];
      for (const file of p.files) {
        const lines = readFileSync(join(p.contents, file), "utf8").split("\n");
        lines.forEach((line, i) => {
          for (const pattern of INTERNAL_NAMES) {
            const m = pattern.exec(line);
            if (m) hits.push(`${file}:${i + 1}: ${m[0]}`);
          }
        });
      }
      expect(hits).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Consumers outside the monorepo, installing the tarballs as a user would.

/** Records every module URL the ESM loader resolves (module.register resolve hook) into $CARRIERKIT_LOADED. */
const HOOKS = `import { appendFileSync } from "node:fs";
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, result.url + "\\n");
  return result;
}`;
const REGISTER = `import { register } from "node:module";
register("./hooks.mjs", import.meta.url, { data: { out: process.env.CARRIERKIT_LOADED } });`;
const LOAD = "await import(process.argv[2]);";

/** A project outside the monorepo with every tarball (and `extra` packages) installed, as a user would. */
async function consumer(dirName: string, extra: string[]): Promise<string> {
  const app = join(work, dirName);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: dirName, private: true, type: "module" }));
  writeFileSync(join(app, "hooks.mjs"), HOOKS);
  writeFileSync(join(app, "register.mjs"), REGISTER);
  writeFileSync(join(app, "load.mjs"), LOAD);
  const args = ["install", "--no-audit", "--no-fund", "--prefer-offline", ...packages.map((p) => p.tarball), ...extra];
  await promisify(execFile)("npm", args, { cwd: app, env: { ...process.env, npm_config_loglevel: "error" } });
  return app;
}

/** Imports `specifier` in a fresh node process of `app`; the URLs of every module it loaded. */
function loadedBy(app: string, specifier: string): string[] {
  const out = join(app, `loaded-${createHash("sha1").update(specifier).digest("hex")}.txt`);
  writeFileSync(out, "");
  execFileSync(process.execPath, ["--import", "./register.mjs", "load.mjs", specifier], {
    cwd: app,
    env: { ...process.env, CARRIERKIT_LOADED: out },
    stdio: "pipe",
  });
  return readFileSync(out, "utf8").split("\n").filter(Boolean);
}
const serverModules = (urls: string[]) =>
  urls.filter((u) => SERVER_LIBRARIES.some((lib) => u.includes(`/node_modules/${lib}/`)));

const run = (app: string, code: string) =>
  execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: app, encoding: "utf8", stdio: "pipe" });

// Each test spawns node processes (tsc, esbuild) on a machine that may be busy.
describe("installed without the optional peers", { timeout: 120_000 }, () => {
  it("When only the tarballs are installed, then no server library is installed", () => {
    for (const lib of SERVER_LIBRARIES)
      expect([lib, existsSync(join(clientOnly, "node_modules", lib))]).toEqual([lib, false]);
  });

  it.each(names)("When %s is imported in a fresh node process, then it loads without any server library", (name) => {
    const loaded = loadedBy(clientOnly, name);
    expect(loaded.some((u) => u.includes(`/node_modules/${name}/`))).toBe(true);
    expect(serverModules(loaded)).toEqual([]);
  });

  it.each([
    ["build", "buildRuntimeScript", "esbuild"],
    ["testing", "launchChromium", "playwright-core"],
  ])("When portal-bridge/%s's %s runs without its optional peer, then the error names %s", (entry, fn, peer) => {
    const out = run(
      clientOnly,
      `import { ${fn} } from "@carrierkit/portal-bridge/${entry}";
       try { await ${fn}(); console.log("ran"); } catch (e) { console.log(e.message); }`,
    );
    const range = pkg("@carrierkit/portal-bridge").manifest.peerDependencies?.[peer];
    expect(out.trim()).toBe(
      `@carrierkit/portal-bridge/${entry} needs the optional peer dependency ${peer}: npm install --save-dev ${peer}@"${range}"`,
    );
  });
});

describe("installed with the peers a server or a build needs", { timeout: 120_000 }, () => {
  it.each(["@carrierkit/contract-runtime/node", "@carrierkit/dpa/server"])(
    "When %s is imported, then the load recorder sees the server libraries it loads",
    (entry) => {
      expect(serverModules(loadedBy(full, entry)).length).toBeGreaterThan(0);
    },
  );

  it.each(names)("When %s is imported with express installed, then it still loads no server library", (name) => {
    expect(serverModules(loadedBy(full, name))).toEqual([]);
  });

  it("When portal-bridge/build and /testing run from the tarball, then they rebuild exactly the shipped runtime", () => {
    const out = run(
      full,
      `import { buildRuntimeScript } from "@carrierkit/portal-bridge/build";
       import { runtimeScript } from "@carrierkit/portal-bridge/testing";
       import { readRuntimeScript } from "@carrierkit/portal-bridge";
       console.log(JSON.stringify(await Promise.all([buildRuntimeScript(), runtimeScript(), readRuntimeScript()])));`,
    );
    // Dependencies sit at ../../node_modules/ajv in the monorepo and at ../../ajv in a project: bundled module paths
    // differ by that prefix only.
    const [built, viaTesting, shipped] = (JSON.parse(out) as string[]).map((s) =>
      s.replace(/(?:\.\.\/)+(?:node_modules\/)?/g, "…/"),
    );
    expect(shipped).toContain("MobilePlansInlineOperations");
    expect(built).toBe(shipped);
    expect(viaTesting).toBe(shipped);
  });

  it("When every ts block of the public READMEs is type-checked under strict against the installed packages, then it compiles as written", () => {
    const dir = join(full, "readme");
    mkdirSync(dir);
    const blocks: Array<{ file: string; readme: string; line: number }> = [];
    const readmes = [join(root, "README.md"), ...publicPackages().map((p) => join(p.dir, "README.md"))];
    for (const readme of readmes.filter((r) => existsSync(r))) {
      const lines = readFileSync(readme, "utf8").split("\n");
      let start = -1;
      lines.forEach((line, i) => {
        const fence = /^```(\S*)\s*(.*)$/.exec(line);
        if (!fence) return;
        if (start < 0 && ["ts", "typescript"].includes(fence[1]!) && !/\bno-check\b/.test(fence[2]!)) start = i;
        else if (start >= 0 && fence[1] === "") {
          const file = join(dir, `b${blocks.length}.ts`);
          // `export {}` keeps each block its own module, as a file of the reader's would be.
          writeFileSync(file, `${lines.slice(start + 1, i).join("\n")}\nexport {};\n`);
          blocks.push({ file, readme: relative(root, readme), line: start + 2 });
          start = -1;
        }
      });
    }
    expect(blocks.length).toBeGreaterThan(10);
    writeFileSync(
      join(full, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          lib: ["ES2022"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ["readme/*.ts"],
      }),
    );
    let output = "";
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", full], {
        cwd: full,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (err) {
      output = (err as { stdout?: string }).stdout ?? String(err);
    }
    // Report README positions, not temp files.
    const errors = output
      .split("\n")
      .filter(Boolean)
      .map((l) =>
        l.replace(/^readme\/b(\d+)\.ts\((\d+),(\d+)\)/, (_, n: string, line: string, col: string) => {
          const b = blocks[Number(n)]!;
          return `${b.readme}:${b.line + Number(line) - 1}:${col}`;
        }),
      );
    expect(errors).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(blocks.length);
  });
});
