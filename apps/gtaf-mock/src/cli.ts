import { parseArgs } from "node:util";
import {
  cliMain,
  defineCli,
  formatUsage,
  isEntryPoint,
  type MainContext,
  packageOf,
  reportUsage,
  runMain,
  serverOptions,
  UsageError,
} from "@carrierkit/cli-runtime";
import { type ConformanceOptions, runConformance, type UserPlan } from "./conformance.js";
import { formatTable, progressLine, writeReports } from "./report.js";

const conformanceOptions = `Conformance options (a check whose input is missing is reported as skip):
  --dpa <url>                    the DPA's base URL (required)
  --token <jwt>                  a bearer token the DPA accepts; otherwise tokens are signed with --key-file
  --key-file <path>              GTAF's signing key, the one the DPA trusts (default .data/gtaf-mock.jwk.json)
  --token-issuer <iss>           default https://gtaf.carrierkit.local
  --token-audience <aud>         default carrierkit-dpa
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
  --callback-host <host>         where the DPA reaches the runner's callback receiver (default 127.0.0.1)
  --callback-port <port>         its port (default: any)
  --callback-timeout <seconds>   default 30
  --flood <n>                    send n concurrent requests to provoke a 429
  --only <names>                 comma-separated check names or prefixes (purchase.)
  --out <dir>                    where conformance.json and conformance.html go (default .data/conformance)
  --demo                         the reference DPA's demo users (apps/dpa); add --cpid/--expired-cpid from its banner

Exit status: 0 when no check failed (serve: once listening), 1 when one did, 2 on a usage error.`;

export const cli = defineCli({
  name: "carrierkit-gtaf",
  version: packageOf(import.meta.url).version,
  summary: "a GTAF mock for DPA developers, and a DPA conformance runner",
  usage: `carrierkit-gtaf [serve] [options]               run the GTAF mock
carrierkit-gtaf conformance --dpa <url> [conformance options]`,
  positionals: true,
  options: serverOptions("GTAF", { port: 4020 }),
  env: [
    ["GTAF_PUBLIC_URL", "base of callbackUrls and of the JWT-bearer audience (the listen URL)"],
    ["GTAF_DPA_URL", "the DPA (http://127.0.0.1:4010)"],
    ["GTAF_ASN", "the operator's ASN, operatorId of pushes (64500)"],
    ["GTAF_ISSUER, GTAF_DPA_AUDIENCE", "claims of GTAF's tokens (https://gtaf.carrierkit.local, carrierkit-dpa)"],
    ["GTAF_KEY_FILE", "GTAF's private signing key, created when missing (.data/gtaf-mock.jwk.json)"],
    ["GTAF_CLIENTS", "id:secret[:asn],… allowed the client-credentials grant (dpa-demo:dpa-demo-secret)"],
    ["GTAF_SERVICE_ACCOUNTS_FILE", 'JSON [{ "id", "jwks", "operatorId"? }] allowed the JWT-bearer grant'],
    ["GTAF_POLL_INTERVAL_SECONDS", "dpaStatus poll interval (30)"],
    ["GTAF_DPA_TIMEOUT_MS", "timeout of each call to the DPA (10000)"],
    ["LOG_LEVEL", "pino level (info)"],
  ],
  footer: conformanceOptions,
});

const usage = formatUsage(cli).trimEnd();

function userPlan(flag: string, value: string | undefined): UserPlan | undefined {
  if (value === undefined) return undefined;
  const i = value.lastIndexOf(":");
  if (i < 1 || i === value.length - 1) throw new Error(`${flag} takes msisdn:planId, got '${value}'`);
  return { msisdn: value.slice(0, i), planId: value.slice(i + 1) };
}

/** The reference DPA's demo subscribers (apps/dpa README). */
const demo = {
  msisdn: "919876543210",
  "roaming-msisdn": "919800000001",
  "opted-out-msisdn": "919812345678",
  "register-msisdn": "919876543210",
  purchase: "919876543210:daily-1gb",
  "insufficient-balance": "919800000002:weekly-5gb",
  incompatible: "919876543210:postpaid-addon-10gb",
  queued: "919876543210:roaming-7d",
};

export async function conformance(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const str = { type: "string" } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      dpa: str,
      token: str,
      "key-file": str,
      "token-issuer": str,
      "token-audience": str,
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
    },
    strict: true,
  });
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (!values.dpa) throw new Error("--dpa <url> is required");
  const v: Record<string, string | undefined> = { ...(values.demo ? demo : {}), ...values } as never;
  const num = (flag: string) => (v[flag] === undefined ? undefined : Number(v[flag]));
  const options: ConformanceOptions = {
    dpaUrl: values.dpa,
    token: v.token,
    keyFile: v["key-file"],
    tokenIssuer: v["token-issuer"],
    tokenAudience: v["token-audience"],
    msisdn: v.msisdn,
    cpid: v.cpid,
    expiredCpid: v["expired-cpid"],
    roamingMsisdn: v["roaming-msisdn"],
    optedOutMsisdn: v["opted-out-msisdn"],
    registerMsisdn: v["register-msisdn"],
    purchase: userPlan("--purchase", v.purchase),
    insufficientBalance: userPlan("--insufficient-balance", v["insufficient-balance"]),
    incompatible: userPlan("--incompatible", v.incompatible),
    queued: userPlan("--queued", v.queued),
    unknownMsisdn: v["unknown-msisdn"],
    callbackHost: v["callback-host"],
    callbackPort: num("callback-port"),
    callbackTimeoutMs: v["callback-timeout"] === undefined ? undefined : Number(v["callback-timeout"]) * 1000,
    flood: num("flood"),
    only: v.only?.split(",").map((s) => s.trim()),
    onProgress: (r, i, n) => io.err(progressLine(r, i, n)),
  };
  io.err(`Running the DPA conformance suite against ${options.dpaUrl} …`);
  const report = await runConformance(options);
  const files = writeReports(report, v.out ?? ".data/conformance");
  io.out(formatTable(report));
  io.out(`\nJSON report: ${files.json}\nHTML report: ${files.html}`);
  return report.summary.fail > 0 ? 1 : 0;
}

const serve = cliMain(cli, async ({ positionals, env }) => {
  const [command, ...extra] = positionals;
  if (command !== undefined && command !== "serve") throw new UsageError(`unknown command '${command}'`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const { start } = await import("./main.js");
  await start(env);
  return 0;
});

/** `carrierkit-gtaf [serve] [flags]` or `carrierkit-gtaf conformance …`; resolves with the exit status. */
export async function main(argv: string[] = process.argv.slice(2), context: MainContext = {}): Promise<number> {
  if (argv[0] === "help") return serve(["--help"], context);
  if (argv[0] !== "conformance") return serve(argv, context);
  try {
    return await conformance(argv.slice(1));
  } catch (err) {
    // As before the shim: every conformance failure to run (bad flags, no --dpa, DPA unreachable) is a usage error.
    return reportUsage(cli, err, context.io);
  }
}

if (isEntryPoint(import.meta.url)) void runMain("carrierkit-gtaf", main);
