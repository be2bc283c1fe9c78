/** One flag of a bin. */
export interface CliOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in the help, e.g. "<port>". */
  value?: string;
  /** Shown in --help; flags without one are parsed but documented in `usage` instead. */
  description?: string;
  /** The env variable the flag sets (the flag wins over the variable). */
  env?: string;
  /** For a boolean flag with `env`: the value it sets (default "1"). */
  envValue?: string;
}

export type CliOptions = Record<string, CliOption>;

export interface CliSpec<O extends CliOptions = CliOptions> {
  /** The bin's name, e.g. carrierkit-dpa. */
  name: string;
  version: string;
  /** One line: what the bin is. */
  summary: string;
  /** Usage lines (and commands), without the options. */
  usage: string;
  options?: O;
  /** Env variables the bin reads besides those of its flags: [name, description]. */
  env?: Array<[name: string, description: string]>;
  positionals?: boolean;
  footer?: string;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

type OptionValue<O extends CliOption> = O["type"] extends "boolean"
  ? O["multiple"] extends true
    ? boolean[]
    : boolean
  : O["multiple"] extends true
    ? string[]
    : string;

export type CliValues<O extends CliOptions> = { [K in keyof O]?: OptionValue<O[K]> } & {
  help?: boolean;
  version?: boolean;
};

export interface ParsedCli<O extends CliOptions = CliOptions> {
  values: CliValues<O>;
  positionals: string[];
  /** The given env with every flag that names an env variable applied. */
  env: NodeJS.ProcessEnv;
}

export interface MainContext {
  io?: CliIo;
  env?: NodeJS.ProcessEnv;
}

/** A bin's entry: resolves with the exit status. */
export type CliMain = (argv?: string[], context?: MainContext) => Promise<number>;

export declare class UsageError extends Error {}
export declare function isUsageError(error: unknown): boolean;
export declare function isEntryPoint(moduleUrl: string, argv1?: string): boolean;
export declare function packageOf(moduleUrl: string): { root: string; name: string; version: string };
export declare function defineCli<const O extends CliOptions>(spec: CliSpec<O>): CliSpec<O>;
/** The env variables every carrierkit server reads besides its own (`[name, description]`), for its `--help`. */
export declare const SERVER_ENV: ReadonlyArray<[name: string, description: string]>;
export declare function serverOptions(
  prefix: string,
  defaults?: { port?: number; sqlitePath?: string },
): Record<"port" | "host", CliOption> & Partial<Record<"database-url" | "sqlite-path" | "no-demo", CliOption>>;
export declare function formatUsage(spec: CliSpec<CliOptions>): string;
export declare function reportUsage(spec: CliSpec<CliOptions>, error: unknown, io?: CliIo): 2;
export declare function parseCli<O extends CliOptions>(
  spec: CliSpec<O>,
  argv: string[],
  context?: MainContext,
): ParsedCli<O> | number;
export declare function cliMain<O extends CliOptions>(
  spec: CliSpec<O>,
  run: (parsed: ParsedCli<O>, io: CliIo) => number | undefined | Promise<number | undefined>,
): CliMain;
export declare function runMain(
  name: string,
  main: (argv: string[]) => number | undefined | Promise<number | undefined>,
  argv?: string[],
): Promise<void>;
export declare function runBin(shimUrl: string, module: string): Promise<void>;

/** The whole CLI of a carrierkit server (see index.js): its spec, and its `main`, run when `moduleUrl` is the entry. */
export declare function serverCli(
  moduleUrl: string,
  options: {
    name: string;
    summary: string;
    /** Env prefix of the shared flags (`<PREFIX>_PORT` …). */
    prefix: string;
    port: number;
    sqlitePath?: string;
    /** The server's own env variables (`[name, description]`); the shared ones follow. */
    env?: Array<[name: string, description: string]>;
    /** Imports the server module, whose `start(env)` listens. */
    load: () => Promise<{ start(env: NodeJS.ProcessEnv): Promise<unknown> }>;
  },
): { cli: CliSpec<CliOptions>; main: CliMain };
