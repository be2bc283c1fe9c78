// @carrierkit/cli-runtime: the one place every carrierkit bin gets its entry-point check, its argument handling
// (--help, --version, unknown flags → usage on stderr and exit 2, flags mapped onto env variables) and its way of
// running before a build. Plain JavaScript on purpose: a bin has to run in a fresh clone before anything is compiled.
// Node built-ins only, so a bin's package (e.g. @carrierkit/ursp) pulls in nothing else through it.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { register } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** A wrong command line: reported with the usage text and exit status 2. */
export class UsageError extends Error {
  name = "UsageError";
}

/** node:util parseArgs errors (unknown flag, missing value, unexpected positional) and UsageError. */
export function isUsageError(error) {
  return error instanceof UsageError || String(error?.code ?? "").startsWith("ERR_PARSE_ARGS");
}

const stdio = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * True when the module at `moduleUrl` is the script node was started with, also through npm's `.bin` symlinks and
 * paths with spaces (both sides go through realpath and fileURLToPath, never string concatenation).
 */
export function isEntryPoint(moduleUrl, argv1 = process.argv[1]) {
  if (!argv1) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(resolve(argv1));
  } catch {
    return false;
  }
}

/** The nearest package.json at or above a module: `{ root, name, version }`. */
export function packageOf(moduleUrl) {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      return { root: dir, name: pkg.name, version: pkg.version };
    }
    if (dirname(dir) === dir) throw new Error(`no package.json at or above ${start}`);
  }
}

/** Identity helper that keeps the option literals, so `parseCli` types the values. */
export function defineCli(spec) {
  return spec;
}

/** The env variables every carrierkit server reads besides its own, for its `--help`. */
export const SERVER_ENV = Object.freeze([
  ["CARRIERKIT_DEMO", "1: demo mode — missing secrets get public demo values, announced at start (npm start sets it)"],
  ["METRICS_TOKEN", "Bearer token /metrics requires (unset: open; restrict by network)"],
  ["METRICS_PROCESS", "0: no process metrics in /metrics"],
  ["LOG_LEVEL", "pino level (info)"],
]);

/**
 * The flags every carrierkit server shares, each mapped onto its env variable: `--port`/`--host` (`<PREFIX>_PORT`,
 * `<PREFIX>_HOST`), and with a store also `--database-url` (DATABASE_URL), `--sqlite-path` (`<PREFIX>_SQLITE_PATH`)
 * and `--no-demo` (`<PREFIX>_SEED_DEMO=0`).
 */
export function serverOptions(prefix, { port, sqlitePath } = {}) {
  const options = {
    port: {
      type: "string",
      value: "<port>",
      env: `${prefix}_PORT`,
      description: `listen port (default ${port}; 0: any)`,
    },
    host: {
      type: "string",
      value: "<address>",
      env: `${prefix}_HOST`,
      description: "listen address (default 127.0.0.1)",
    },
  };
  if (sqlitePath === undefined) return options;
  return {
    ...options,
    "database-url": {
      type: "string",
      value: "<url>",
      env: "DATABASE_URL",
      description: "postgres://… to use PostgreSQL instead of SQLite",
    },
    "sqlite-path": {
      type: "string",
      value: "<file>",
      env: `${prefix}_SQLITE_PATH`,
      description: `SQLite file (default ${sqlitePath})`,
    },
    "no-demo": {
      type: "boolean",
      env: `${prefix}_SEED_DEMO`,
      envValue: "0",
      description: "do not load the demo catalogue and subscribers",
    },
  };
}

const builtIn = [
  ["--help, -h", "print this help and exit"],
  ["--version", "print the version and exit"],
];

function table(rows) {
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows.map(([left, right]) =>
    left.length + 2 > width ? `  ${left}\n  ${" ".repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`,
  );
}

function flagLabel(name, option) {
  const value = option.type === "string" ? ` ${option.value ?? "<value>"}` : "";
  return `--${name}${option.short ? `, -${option.short}` : ""}${value}`;
}

/** The help text: summary, usage lines, every described flag (with its env variable), the env variables. */
export function formatUsage(spec) {
  const options = Object.entries(spec.options ?? {}).filter(([, o]) => o.description);
  const rows = options.map(([name, o]) => [flagLabel(name, o), o.env ? `${o.description} [${o.env}]` : o.description]);
  const out = [`${spec.name} ${spec.version}: ${spec.summary}`, "", "usage:"];
  out.push(
    ...spec.usage
      .trimEnd()
      .split("\n")
      .map((line) => `  ${line}`),
  );
  out.push("", "options:", ...table([...rows, ...builtIn]));
  if (spec.env?.length) out.push("", "environment (a flag wins over its variable):", ...table(spec.env));
  if (spec.footer) out.push("", ...spec.footer.trimEnd().split("\n"));
  return `${out.join("\n")}\n`;
}

/** Prints `name: message`, a blank line and the usage on stderr; returns 2. */
export function reportUsage(spec, error, io = stdio) {
  io.stderr(`${spec.name}: ${error?.message ?? error}\n\n${formatUsage(spec)}`);
  return 2;
}

/**
 * Parses argv against the spec (strict: unknown flags are errors). Returns an exit status when the run is already
 * decided (--help → 0, --version → 0, a usage error → 2, each printed), otherwise the values, the positionals and
 * `env`: a copy of the given env with every flag that names an env variable applied.
 */
export function parseCli(spec, argv, { io = stdio, env = process.env } = {}) {
  const options = { help: { type: "boolean", short: "h" }, version: { type: "boolean" } };
  for (const [name, o] of Object.entries(spec.options ?? {}))
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: spec.positionals ?? false, strict: true });
  } catch (error) {
    return reportUsage(spec, error, io);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(formatUsage(spec));
    return 0;
  }
  if (values.version) {
    io.stdout(`${spec.version}\n`);
    return 0;
  }
  const merged = { ...env };
  for (const [name, o] of Object.entries(spec.options ?? {})) {
    const value = values[name];
    if (!o.env || value === undefined) continue;
    merged[o.env] = o.type === "boolean" ? (value ? (o.envValue ?? "1") : merged[o.env]) : String(value);
  }
  return { values, positionals, env: merged };
}

/**
 * A bin's `main(argv, { io, env })`: parses with `parseCli`, then awaits `run(parsed, io)`; a UsageError thrown by
 * `run` is reported like a bad flag (exit 2). Resolves with the exit status (`run` returning nothing means 0).
 */
export function cliMain(spec, run) {
  return async (argv = process.argv.slice(2), { io = stdio, env = process.env } = {}) => {
    const parsed = parseCli(spec, argv, { io, env });
    if (typeof parsed === "number") return parsed;
    try {
      return (await run(parsed, io)) ?? 0;
    } catch (error) {
      if (isUsageError(error)) return reportUsage(spec, error, io);
      throw error;
    }
  };
}

/**
 * Runs a `main(argv)` as the process: its resolved number becomes the exit status (a server's main resolves once it
 * listens; its sockets keep the process alive until a signal). A rejection prints `name: message` and exits 1.
 */
export function runMain(name, main, argv = process.argv.slice(2)) {
  return Promise.resolve()
    .then(() => main(argv))
    .then(
      (code) => {
        if (typeof code === "number") process.exitCode = code;
      },
      (error) => {
        process.stderr.write(`${name}: ${error?.message ?? error}\n`);
        if (process.env.CARRIERKIT_DEBUG) process.stderr.write(`${error?.stack ?? ""}\n`);
        process.exitCode = 1;
      },
    );
}

let sourceHooks = false;

/** Makes `import()` of TypeScript work (tsx, a devDependency of the monorepo) with workspace packages from src/. */
async function enableSource(root) {
  if (sourceHooks) return;
  let tsx;
  try {
    tsx = await import("tsx/esm/api");
  } catch {
    throw new Error(`${root} has no dist/ and tsx is not installed: run npm install, then npm run build`);
  }
  tsx.register();
  register(new URL("./source-hooks.js", import.meta.url));
  sourceHooks = true;
}

/**
 * What a checked-in shim (`<package>/bin/<name>.js`) calls: imports `dist/<module>.js` of the shim's package, or,
 * before a build (no dist/, src/ present: a fresh clone), `src/<module>.ts` through tsx; then runs its `main`.
 */
export async function runBin(shimUrl, module) {
  const name = basename(fileURLToPath(shimUrl), ".js");
  const root = dirname(dirname(realpathSync(fileURLToPath(shimUrl))));
  const dist = join(root, "dist", `${module}.js`);
  const src = join(root, "src", `${module}.ts`);
  let target;
  try {
    if (existsSync(dist)) target = dist;
    else if (existsSync(src)) {
      await enableSource(root);
      target = src;
    } else throw new Error(`neither dist/${module}.js nor src/${module}.ts is in ${root}: run npm run build`);
  } catch (error) {
    return runMain(name, () => Promise.reject(error));
  }
  return runMain(name, async (argv) => (await import(pathToFileURL(target).href)).main(argv));
}

/**
 * The whole CLI of a carrierkit server: `<name> [options]` with the shared server flags and env variables, `--help`,
 * `--version`, and a `main` that imports the server only when it starts (`load`), so help answers at once. When
 * `moduleUrl` is the process's entry point, it runs.
 */
export function serverCli(moduleUrl, { name, summary, prefix, port, sqlitePath, env = [], load }) {
  const cli = defineCli({
    name,
    version: packageOf(moduleUrl).version,
    summary,
    usage: `${name} [options]`,
    options: serverOptions(prefix, { port, sqlitePath }),
    env: [...env, ...SERVER_ENV],
    footer: "Runs until SIGINT/SIGTERM (graceful shutdown).",
  });
  const main = cliMain(cli, async ({ env: environment }) => {
    const { start } = await load();
    await start(environment);
    return 0;
  });
  if (isEntryPoint(moduleUrl)) void runMain(name, main);
  return { cli, main };
}
