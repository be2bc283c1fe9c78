import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { referenceDpaDemo } from "./demo.js";
import { formatTable, progressLine, writeReports } from "./report.js";
import { runConformance } from "./run.js";
import { type ConformanceOptions, ConformanceUsageError, PROFILES, type Profile, type UserPlan } from "./types.js";

export const usage = `carrierkit-conformance — tells an operator whether their Data Plan Agent (DPA) follows the contract

  carrierkit-conformance --dpa <url> (--token <jwt> | --key-file <jwk>) [options]

Authentication (one of --token, --key-file is required):
  --token <jwt>                  a bearer token the DPA accepts (as its authorization server issues them to GTAF)
  --key-file <path>              a private JWK the DPA trusts: tokens are minted with it, and the wrong-audience and
                                 expired-token checks run (with --token alone they are skipped)
  --token-issuer <iss>           iss of minted tokens (default https://gtaf.carrierkit.local)
  --token-audience <aud>         aud of minted tokens (default carrierkit-dpa)

Users and plans (a check whose input is missing is reported as skip):
  --msisdn <msisdn>              an existing user, not roaming with queries disabled
  --cpid <cpid>                  a valid CPID          --expired-cpid <cpid>   a CPID past its TTL
  --roaming-msisdn <msisdn>      a user roaming with DPA queries disabled
  --opted-out-msisdn <msisdn>    a user who has not opted in to sharing plan information
  --register-msisdn <msisdn>     an opted-in, non-roaming user (is registered)
  --purchase <msisdn:planId>     a plan the user can buy at once (is bought: spends balance)
  --insufficient-balance <msisdn:planId>   a plan beyond the user's balance (402)
  --incompatible <msisdn:planId> a plan incompatible with the user's plans (409)
  --queued <msisdn:planId>       a plan the DPA queues (its callback is awaited)
  --unknown-msisdn <msisdn>      an MSISDN that does not exist (default 100000000000)
  --demo                         the carrierkit reference DPA's demo users (explicit flags win); add --cpid and
                                 --expired-cpid from its start-up banner

Run:
  --profile <default|strict>     strict also requires Plan.expirationTime and the languageCode of PlanOffer and of
                                 every offer (required by the DPA API guide, optional in the contract); default default
  --only <names>                 comma-separated check names or prefixes ending in a dot (purchase.)
  --flood <n>                    send n concurrent dpaStatus requests to provoke a 429 (rate-limit.retry-after);
                                 more than the DPA's burst, e.g. 10 for the reference DPA with DPA_RATE_LIMIT_RPS=1
  --callback-host <host>         where the DPA reaches the runner's callback receiver (default 127.0.0.1)
  --callback-port <port>         its port (default: any free port)
  --callback-timeout <seconds>   how long to await the queued purchase's callback (default 30)
  --out <dir>                    where conformance.json and conformance.html go (default .data/conformance)
  --help, --version

Exit status: 0 when no check failed, 1 when one did, 2 when the suite could not run (usage error).`;

/** Where the CLI prints: the table and report paths to `out`, progress and errors to `err`. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** A bad command line: printed with the usage. */
class UsageError extends Error {}

function version(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

function userPlan(flag: string, value: string | undefined): UserPlan | undefined {
  if (value === undefined) return undefined;
  const i = value.lastIndexOf(":");
  if (i < 1 || i === value.length - 1) throw new UsageError(`--${flag} takes msisdn:planId, got '${value}'`);
  return { msisdn: value.slice(0, i), planId: value.slice(i + 1) };
}

function integer(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${flag} takes an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

function seconds(flag: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag} takes a positive number of seconds, got '${value}'`);
  return Math.round(n * 1000);
}

function dpaUrl(value: string | undefined): string {
  if (!value) throw new UsageError("--dpa <url> is required");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--dpa takes an http(s) URL, got '${value}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--dpa takes an http(s) URL, got '${value}'`);
  return value;
}

const str = { type: "string" } as const;
const flags = {
  dpa: str,
  token: str,
  "key-file": str,
  "token-issuer": str,
  "token-audience": str,
  profile: str,
  msisdn: str,
  cpid: str,
  "expired-cpid": str,
  "roaming-msisdn": str,
  "opted-out-msisdn": str,
  "register-msisdn": str,
  purchase: str,
  "insufficient-balance": str,
  incompatible: str,
  queued: str,
  "unknown-msisdn": str,
  "callback-host": str,
  "callback-port": str,
  "callback-timeout": str,
  flood: str,
  only: str,
  out: str,
  demo: { type: "boolean" },
  help: { type: "boolean" },
  version: { type: "boolean" },
} as const;

/** The runner's options from a command line (without the progress callback). */
export function parseCommandLine(argv: string[]): { options: ConformanceOptions; out: string } {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof flags; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v: Record<string, string | undefined> = { ...(values.demo ? referenceDpaDemo : {}), ...values } as never;
  const profile = (v.profile ?? "default") as Profile;
  if (!PROFILES.includes(profile)) throw new UsageError(`--profile takes ${PROFILES.join(" or ")}, got '${v.profile}'`);
  if (v.token === undefined && v["key-file"] === undefined)
    throw new UsageError("the DPA needs a bearer token: give --token <jwt> or --key-file <private JWK>");
  const options: ConformanceOptions = {
    dpaUrl: dpaUrl(v.dpa),
    token: v.token,
    keyFile: v["key-file"],
    tokenIssuer: v["token-issuer"],
    tokenAudience: v["token-audience"],
    profile,
    msisdn: v.msisdn,
    cpid: v.cpid,
    expiredCpid: v["expired-cpid"],
    roamingMsisdn: v["roaming-msisdn"],
    optedOutMsisdn: v["opted-out-msisdn"],
    registerMsisdn: v["register-msisdn"],
    purchase: userPlan("purchase", v.purchase),
    insufficientBalance: userPlan("insufficient-balance", v["insufficient-balance"]),
    incompatible: userPlan("incompatible", v.incompatible),
    queued: userPlan("queued", v.queued),
    unknownMsisdn: v["unknown-msisdn"],
    callbackHost: v["callback-host"],
    callbackPort: integer("callback-port", v["callback-port"], 0, 65_535),
    callbackTimeoutMs: seconds("callback-timeout", v["callback-timeout"]),
    flood: integer("flood", v.flood, 1, 100_000),
    only: v.only?.split(",").map((s) => s.trim()),
  };
  return { options, out: v.out ?? ".data/conformance" };
}

/**
 * `carrierkit-conformance`: runs the suite, prints progress (stderr) and the table (stdout), writes the JSON and HTML
 * reports, and resolves to the exit status (0 no check failed, 1 a check failed, 2 usage error).
 */
export async function main(
  argv: string[],
  io: CliIo = { out: (s) => console.log(s), err: (s) => console.error(s) },
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(usage);
    return 0;
  }
  if (argv.includes("--version")) {
    io.out(version());
    return 0;
  }
  try {
    const { options, out } = parseCommandLine(argv);
    io.err(`Running the DPA conformance suite (profile ${options.profile}) against ${options.dpaUrl} …`);
    const report = await runConformance({ ...options, onProgress: (r, i, n) => io.err(progressLine(r, i, n)) });
    const files = writeReports(report, out);
    io.out(formatTable(report));
    io.out(`\nJSON report: ${files.json}\nHTML report: ${files.html}`);
    return report.summary.fail > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) io.err(`carrierkit-conformance: ${err.message}\n\n${usage}`);
    else if (err instanceof ConformanceUsageError)
      io.err(`carrierkit-conformance: ${err.message}\n(carrierkit-conformance --help lists the options)`);
    else io.err(`carrierkit-conformance: ${(err as Error).message}`);
    return 2;
  }
}
