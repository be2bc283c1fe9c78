import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance } from "../src/index.js";
import { AUDIENCE, ISSUER, type Stack, startStack } from "./harness.js";

// The suite itself is tested in packages/conformance; here only the alias's wiring to the mock's key.
describe("carrierkit-gtaf conformance (an alias of carrierkit-conformance that signs with the mock's key)", () => {
  let h: Stack;
  const dir = mkdtempSync(join(tmpdir(), "gtaf-conformance-"));
  const keyFile = join(dir, "gtaf.jwk.json");
  const env = { GTAF_KEY_FILE: keyFile, GTAF_ISSUER: ISSUER, GTAF_DPA_AUDIENCE: AUDIENCE };
  beforeAll(async () => {
    // The CLI mints its tokens on the real clock; the DPA refuses an iat ahead of its own clock, so it runs on it too.
    h = await startStack({ keyFile, clockAt: Date.now() });
  });
  afterAll(async () => h.close());
  const run = async (args: string[], environment: NodeJS.ProcessEnv = env) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await conformance(
      [...args, "--out", dir],
      { out: (s) => out.push(s), err: (s) => err.push(s) },
      environment,
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("When no token flag is given, then tokens are signed with the mock's key, so the checks needing it pass", async () => {
    const only = "auth.missing-token,auth.foreign-key,auth.wrong-audience,dpaStatus.,register.opted-out";
    const r = await run(["--dpa", h.dpaServer.url, "--demo", "--only", only]);
    expect(r.err).not.toContain("carrierkit-conformance:");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/auth\.wrong-audience\s+PASS/);
    expect(r.out).toMatch(/dpaStatus\.operational\s+PASS/);
    expect(r.out).toContain("5 passed, 0 failed, 0 skipped of 5 checks");
    expect(existsSync(join(dir, "conformance.html"))).toBe(true);
  });

  it("When a token is given, then the mock's key is not used and the checks needing a trusted key are skipped", async () => {
    const token = await h.signer.mintForDpa();
    const r = await run(
      ["--dpa", h.dpaServer.url, "--token", token, "--only", "auth.wrong-audience,dpaStatus.", "--demo"],
      {
        ...env,
        GTAF_KEY_FILE: join(dir, "absent.jwk.json"),
      },
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/auth\.wrong-audience\s+SKIP/);
  });

  it("When the mock's key file does not exist, then it exits 2 naming the file", async () => {
    const absent = join(dir, "absent.jwk.json");
    const r = await run(["--dpa", h.dpaServer.url, "--demo"], { ...env, GTAF_KEY_FILE: absent });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the key file ${absent} does not exist`);
  });

  it("When asked for help, then it prints carrierkit-conformance's usage", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("carrierkit-conformance --dpa <url>");
  });
});
