import {
  cliMain,
  defineCli,
  isEntryPoint,
  type MainContext,
  packageOf,
  runMain,
  SERVER_ENV,
  serverOptions,
  UsageError,
} from "@carrierkit/cli-runtime";
import { type CliIo, main as runConformanceCli } from "@carrierkit/conformance/cli";

const conformanceOptions = `carrierkit-gtaf conformance runs carrierkit-conformance (@carrierkit/conformance) with this
mock's key: --key-file GTAF_KEY_FILE (default .data/gtaf-mock.jwk.json) unless --token or --key-file is given,
--token-issuer GTAF_ISSUER, --token-audience GTAF_DPA_AUDIENCE; \`carrierkit-gtaf conformance --help\` lists its
options.

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
    ["GTAF_REGISTER_MSISDNS", "MSISDNs registered with the DPA at start (CARRIERKIT_DEMO=1: the demo subscriber)"],
    ...SERVER_ENV,
  ],
  footer: conformanceOptions,
});

const given = (argv: string[], flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));

/**
 * `carrierkit-gtaf conformance`: the @carrierkit/conformance CLI, signing its tokens with the key this mock signs
 * with (the key a DPA set up with the mock's JWKS trusts). Explicit flags win. Resolves to the exit status.
 */
export async function conformance(argv: string[], io?: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { loadConfig } = await import("./main.js");
  const config = loadConfig(env);
  const defaults = ["--token-issuer", config.issuer, "--token-audience", config.dpaAudience];
  if (!given(argv, "--token") && !given(argv, "--key-file")) defaults.push("--key-file", config.keyFile);
  return runConformanceCli([...defaults, ...argv], io);
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
  // The conformance CLI reports its own usage errors (exit 2) and results (0/1).
  return conformance(argv.slice(1));
}

if (isEntryPoint(import.meta.url)) void runMain("carrierkit-gtaf", main);
