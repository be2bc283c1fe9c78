#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type CliIo, main as runConformanceCli } from "@carrierkit/conformance/cli";
import { loadConfig, main } from "./main.js";

const usage = `carrierkit-gtaf — a GTAF mock for DPA developers

  carrierkit-gtaf [serve]                 run the GTAF mock (env: GTAF_PORT, GTAF_DPA_URL … see the README)
  carrierkit-gtaf conformance --dpa <url> [options]
                                          carrierkit-conformance (@carrierkit/conformance) with this mock's key:
                                          --key-file GTAF_KEY_FILE (default .data/gtaf-mock.jwk.json) unless --token
                                          or --key-file is given, --token-issuer GTAF_ISSUER, --token-audience
                                          GTAF_DPA_AUDIENCE; \`carrierkit-gtaf conformance --help\` lists its options`;

const given = (argv: string[], flag: string) => argv.some((a) => a === flag || a.startsWith(`${flag}=`));

/**
 * \`carrierkit-gtaf conformance\`: the @carrierkit/conformance CLI, signing its tokens with the key this mock signs
 * with (the key a DPA set up with the mock's JWKS trusts). Explicit flags win. Resolves to the exit status.
 */
export async function conformance(argv: string[], io?: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadConfig(env);
  const defaults = ["--token-issuer", config.issuer, "--token-audience", config.dpaAudience];
  if (!given(argv, "--token") && !given(argv, "--key-file")) defaults.push("--key-file", config.keyFile);
  return runConformanceCli([...defaults, ...argv], io);
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const [command, ...rest] = process.argv.slice(2);
  const run = async () => {
    if (command === undefined || command === "serve") {
      await main();
      return undefined;
    }
    if (command === "conformance") return conformance(rest);
    if (command === "--help" || command === "help") {
      console.log(usage);
      return 0;
    }
    throw new Error(`unknown command '${command}'`);
  };
  run().then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (err: unknown) => {
      console.error(`carrierkit-gtaf: ${(err as Error).message}\n\n${usage}`);
      process.exit(2);
    },
  );
}
