import { readFileSync } from "node:fs";
import { isEntryPoint, runMain } from "@carrierkit/cli-runtime";
import { run } from "./cli-main.js";

/** carrierkit-ursp on the process's stdio (bin/carrierkit-ursp.js runs it); resolves with the exit status. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return run(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, "utf8"),
  });
}

if (isEntryPoint(import.meta.url)) void runMain("carrierkit-ursp", main);
