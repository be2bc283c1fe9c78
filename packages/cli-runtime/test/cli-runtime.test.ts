import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  cliMain,
  defineCli,
  formatUsage,
  isEntryPoint,
  parseCli,
  SERVER_ENV,
  serverCli,
  serverOptions,
  UsageError,
} from "../index.js";

const work = mkdtempSync(join(tmpdir(), "cli-runtime-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const spec = defineCli({
  name: "demo-bin",
  version: "1.2.3",
  summary: "a bin for the tests",
  usage: "demo-bin [options]",
  options: {
    ...serverOptions("DEMO", { port: 4999, sqlitePath: ".data/demo.db" }),
    verbose: { type: "boolean", description: "say more" },
  },
  env: [["DEMO_SECRET", "a secret"]],
});

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe("isEntryPoint", () => {
  const dir = join(work, "with space");
  mkdirSync(dir);
  const file = join(dir, "entry.mjs");
  writeFileSync(
    file,
    `import { isEntryPoint } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, "../index.js")).href)};\n` +
      "console.log(isEntryPoint(import.meta.url));\n",
  );
  const link = join(work, "linked-entry.mjs");
  symlinkSync(file, link);

  it.each([
    ["the file itself, in a directory with a space", file],
    ["a symlink to it (as npm's node_modules/.bin is)", link],
  ])("When node runs %s, then the module is the entry point", (_, path) => {
    expect(execFileSync(process.execPath, [path], { encoding: "utf8" })).toBe("true\n");
  });

  it("When the module is only imported, then it is not the entry point", () => {
    const importer = join(work, "importer.mjs");
    writeFileSync(importer, `await import(${JSON.stringify(pathToFileURL(file).href)});\n`);
    expect(execFileSync(process.execPath, [importer], { encoding: "utf8" })).toBe("false\n");
  });

  it("When argv[1] is missing or does not exist, then it is not the entry point", () => {
    expect(isEntryPoint(pathToFileURL(file).href, undefined)).toBe(false);
    expect(isEntryPoint(pathToFileURL(file).href, join(work, "nope.js"))).toBe(false);
  });
});

describe("parseCli", () => {
  it.each([
    [["--help"], 0, "stdout", "demo-bin 1.2.3: a bin for the tests"],
    [["-h"], 0, "stdout", "usage:\n  demo-bin [options]"],
    [["--version"], 0, "stdout", "1.2.3\n"],
    [["--nope"], 2, "stderr", "demo-bin: Unknown option '--nope'"],
    [["--port"], 2, "stderr", "demo-bin: Option '--port <value>' argument missing"],
    [["stray"], 2, "stderr", "demo-bin: Unexpected argument 'stray'"],
  ] as const)("When argv is %j, then it exits %i and prints on %s", (argv, code, stream, text) => {
    const { out, io } = capture();
    expect(parseCli(spec, [...argv], { io, env: {} })).toBe(code);
    expect(out[stream]).toContain(text);
    expect(out[stream === "stdout" ? "stderr" : "stdout"]).toBe("");
    if (code === 2) expect(out.stderr).toContain("\n\ndemo-bin 1.2.3: a bin for the tests\n");
  });

  it("When flags name env variables, then they override the given env, which stays untouched", () => {
    const env = { DEMO_PORT: "1", DEMO_SEED_DEMO: "1", KEEP: "yes" };
    const parsed = parseCli(spec, ["--port", "0", "--sqlite-path", "/tmp/a b.db", "--no-demo", "--verbose"], { env });
    expect(parsed).toMatchObject({
      values: { port: "0", verbose: true },
      env: { DEMO_PORT: "0", DEMO_SQLITE_PATH: "/tmp/a b.db", DEMO_SEED_DEMO: "0", KEEP: "yes" },
    });
    expect(env.DEMO_PORT).toBe("1");
  });

  it("When the help is printed, then every described flag shows its env variable and the env list follows", () => {
    const help = formatUsage(spec);
    expect(help).toMatch(/--port <port> +listen port \(default 4999; 0: any\) \[DEMO_PORT\]/);
    expect(help).toMatch(/--no-demo +do not load the demo catalogue and subscribers \[DEMO_SEED_DEMO\]/);
    expect(help).toMatch(/--verbose +say more\n/);
    expect(help).toMatch(/environment \(a flag wins over its variable\):\n {2}DEMO_SECRET +a secret/);
  });
});

describe("cliMain", () => {
  it.each([
    ["a number", () => 3, 3, ""],
    ["nothing", () => undefined, 0, ""],
    ["a UsageError", () => Promise.reject(new UsageError("needs a thing")), 2, "demo-bin: needs a thing\n\n"],
  ])("When the run returns %s, then main resolves with its exit status", async (_, run, code, stderr) => {
    const { out, io } = capture();
    expect(await cliMain(spec, run)([], { io, env: {} })).toBe(code);
    expect(out.stderr.slice(0, stderr.length)).toBe(stderr);
  });

  it("When --version is given, then the run is not called", async () => {
    const { io } = capture();
    let called = false;
    const run = () => {
      called = true;
      return 0;
    };
    expect(await cliMain(spec, run)(["--version"], { io })).toBe(0);
    expect(called).toBe(false);
  });

  it("When the run throws anything else, then main rejects with it", async () => {
    await expect(cliMain(spec, () => Promise.reject(new Error("boom")))([], { io: capture().io })).rejects.toThrow(
      "boom",
    );
  });
});

describe("serverCli", () => {
  it("When a server's CLI is built, then it has the shared flags and env variables and starts the loaded server with flags over env", async () => {
    const started: NodeJS.ProcessEnv[] = [];
    const { cli, main } = serverCli(import.meta.url, {
      name: "carrierkit-test",
      summary: "a test server",
      prefix: "TEST",
      port: 4999,
      sqlitePath: ".data/test.db",
      env: [["TEST_SECRET", "a secret"]],
      load: async () => ({ start: async (env: NodeJS.ProcessEnv) => started.push(env) }),
    });
    expect(cli.usage).toBe("carrierkit-test [options]");
    expect(cli.env).toEqual([["TEST_SECRET", "a secret"], ...SERVER_ENV]);
    expect(Object.keys(cli.options ?? {})).toEqual(Object.keys(serverOptions("TEST", { sqlitePath: "x" })));
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => out.push(s) };
    expect(await main(["--port", "5001"], { env: { TEST_PORT: "5000" }, io })).toBe(0);
    expect(started).toHaveLength(1);
    expect(started[0]?.TEST_PORT).toBe("5001");
    expect(await main(["--nope"], { env: {}, io })).toBe(2);
    expect(started).toHaveLength(1);
  });
});
