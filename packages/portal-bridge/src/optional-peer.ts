import { readFileSync } from "node:fs";

/**
 * Loads an optional peer dependency of one entry point (`load` is the `import()` of `name`). When it is not installed,
 * throws an error naming the entry, the package and the range this package declares, instead of a bare
 * ERR_MODULE_NOT_FOUND.
 */
export async function importOptionalPeer<T>(entry: string, name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code !== "ERR_MODULE_NOT_FOUND" || !e.message?.includes(`'${name}'`)) throw err;
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      peerDependencies?: Record<string, string>;
    };
    const range = manifest.peerDependencies?.[name];
    throw new Error(
      `@carrierkit/portal-bridge/${entry} needs the optional peer dependency ${name}: npm install --save-dev ${name}${range ? `@"${range}"` : ""}`,
      { cause: err },
    );
  }
}
