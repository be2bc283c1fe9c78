// Packing helpers shared by the tarball tests: the public packages (every packages/*/package.json that is not
// private), `npm pack` of all of them ONCE per source state (cached in a temp dir outside the repo, so several test
// files and worker processes share one pack and never run two prepack builds into the same dist/ at once), and the
// tarballs' extracted contents.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
}

export interface PublicPackage {
  name: string;
  /** Absolute path of the workspace folder. */
  dir: string;
  manifest: Manifest;
}

/** Every publishable workspace package (packages/*, not `private`), sorted by name. */
export function publicPackages(): PublicPackage[] {
  const base = join(root, "packages");
  return readdirSync(base)
    .filter((d) => existsSync(join(base, d, "package.json")))
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(base, d, "package.json"), "utf8")) as Manifest;
      return { name: manifest.name, dir: join(base, d), manifest };
    })
    .filter((p) => !p.manifest.private)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_loglevel: "error" },
  });
}

export interface PackedPackage extends PublicPackage {
  tarball: string;
  /** The extracted tarball (its `package/` folder). */
  contents: string;
  /** Paths inside the tarball, relative to `package/`. */
  files: string[];
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** A hash of every tracked or untracked, not ignored file that goes into a tarball (sources, specs, LICENSE). */
function sourceState(packages: PublicPackage[]): string {
  const listed = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "LICENSE", "specs", "packages"],
    { cwd: root, encoding: "utf8" },
  );
  const hash = createHash("sha256");
  for (const file of listed.split("\0").filter(Boolean).sort()) {
    const abs = join(root, file);
    if (!existsSync(abs) || !statSync(abs).isFile()) continue;
    hash.update(file).update("\0").update(readFileSync(abs)).update("\0");
  }
  hash.update(packages.map((p) => p.name).join(","));
  return hash.digest("hex").slice(0, 16);
}

let packed: PackedPackage[] | undefined;

/**
 * `npm pack` of every public package (prepack builds it), once per source state: the first caller packs under a lock
 * directory, concurrent callers in other workers wait for its `done` marker, later calls reuse the result.
 */
export function packPublicPackages(timeoutMs = 240_000): PackedPackage[] {
  if (packed) return packed;
  const packages = publicPackages();
  const cacheRoot = join(tmpdir(), `carrierkit-pack-${createHash("sha256").update(root).digest("hex").slice(0, 12)}`);
  const dir = join(cacheRoot, sourceState(packages));
  const done = join(dir, "done");
  const lock = `${dir}.lock`;
  mkdirSync(cacheRoot, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(done)) {
    try {
      mkdirSync(lock);
    } catch {
      // Someone else packs; a lock older than the timeout belongs to a crashed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > timeoutMs) rmSync(lock, { recursive: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleep(250);
      continue;
    }
    try {
      for (const other of readdirSync(cacheRoot))
        if (!other.endsWith(".lock") && join(cacheRoot, other) !== dir && !existsSync(join(cacheRoot, `${other}.lock`)))
          rmSync(join(cacheRoot, other), { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, "tarballs"), { recursive: true });
      for (const pkg of packages) {
        npm(["pack", "--pack-destination", join(dir, "tarballs")], pkg.dir);
        mkdirSync(join(dir, "extracted", pkg.name), { recursive: true });
        execFileSync("tar", ["-xzf", tarballOf(dir, pkg), "-C", join(dir, "extracted", pkg.name)]);
      }
      writeFileSync(done, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  packed = packages.map((pkg) => {
    const contents = join(dir, "extracted", pkg.name, "package");
    return { ...pkg, tarball: tarballOf(dir, pkg), contents, files: listFiles(contents).sort() };
  });
  return packed;
}

/** npm's tarball name: `@scope/name` 1.2.3 → `scope-name-1.2.3.tgz`. */
function tarballOf(dir: string, pkg: PublicPackage): string {
  return join(dir, "tarballs", `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.manifest.version}.tgz`);
}

/** The files `npm pack` would put in the workspace's tarball (a dry run: its prepack build runs, nothing is written). */
export function packedFileList(workspaceDir: string): string[] {
  const listing = execFileSync("npm", ["pack", "--dry-run", "--json"], {
    cwd: workspaceDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_loglevel: "error" },
  });
  return (JSON.parse(listing) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

/** What a contract package's tarball (spec, README, client and server entries) is missing or holds by mistake. */
export function contractTarballProblems(workspaceDir: string): { missing: string[]; sources: string[] } {
  const paths = packedFileList(workspaceDir);
  const required = [
    "openapi.yaml",
    "README.md",
    "package.json",
    "dist/index.js",
    "dist/index.d.ts",
    "dist/server.js",
    "dist/server.d.ts",
  ];
  return {
    missing: required.filter((p) => !paths.includes(p)),
    sources: paths.filter((p) => p.startsWith("src/") || p.startsWith("test/")),
  };
}
