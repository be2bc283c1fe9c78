import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm start` prints commands to paste. This starts the stack the way `npm start` does (tsx tools/stack/src/main.ts at
// the repo root), then runs every printed command with bash at the repo root, as printed, with a registry that
// cannot answer: a command that would look a name up in the public registry fails here.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const work = mkdtempSync(join(tmpdir(), "carrierkit-stack-"));

/** A port nobody listens on right now (the stack needs them before it starts: the GTAF mock and the DPA point at each other). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

/** The environment of a new shell: none of npm's variables from the `npm test` that runs this. */
function shellEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_registry: "http://127.0.0.1:9/", npm_config_fetch_retries: "0" };
}

let stack: ChildProcess;
let output = "";

beforeAll(async () => {
  const [dpa, gtaf, entitlement, portal, docs, amf, mobilePlans, smdp] = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7, 8].map(() => freePort()),
  );
  stack = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), "tools/stack/src/main.ts"], {
    cwd: root,
    env: {
      ...shellEnv(),
      LOG_LEVEL: "warn",
      CARRIERKIT_SQLITE_PATH: join(work, "carrierkit.db"),
      GTAF_KEY_FILE: join(work, "gtaf key.jwk.json"),
      DPA_PORT: String(dpa),
      GTAF_PORT: String(gtaf),
      ENTITLEMENT_PORT: String(entitlement),
      PORTAL_PORT: String(portal),
      DOCS_PORT: String(docs),
      AMF_PORT: String(amf),
      MOBILEPLANS_SERVICE_PORT: String(mobilePlans),
      SMDP_PORT: String(smdp),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  stack.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  stack.stderr?.on("data", (d: Buffer) => {
    errors += d.toString();
  });
  await new Promise<void>((done, fail) => {
    const check = () => (output.includes("carrierkit stack running") ? done() : undefined);
    stack.stdout?.on("data", check);
    stack.on("exit", (code) => fail(new Error(`the stack exited (${code}) before it ran:\n${output}\n${errors}`)));
  });
}, 180_000);

afterAll(async () => {
  if (stack && stack.exitCode === null) {
    const exited = new Promise((done) => stack.once("exit", done));
    stack.kill("SIGTERM");
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

/** Every command in the banner: what follows a label (or the indent) from `curl ` or `npm exec ` to the line end. */
function printedCommands(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const m = /(?:^|\s)((?:curl|npm exec|npx) .+)$/.exec(line);
    return m?.[1] ? [m[1]] : [];
  });
}

function bash(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile("bash", ["-c", command], { cwd: root, env: shellEnv(), encoding: "utf8", timeout: 150_000 }, (e, o, s) =>
      done({ code: e ? (typeof e.code === "number" ? e.code : -1) : 0, stdout: o, stderr: s }),
    );
  });
}

describe("the commands npm start prints", () => {
  it("When the stack is up, then it prints the DPA, GTAF and Mobile Plans curl lines and the conformance command, none of them npx", () => {
    const commands = printedCommands(output);
    expect(commands.filter((c) => c.startsWith("curl ")).length).toBe(3);
    expect(commands.filter((c) => c.startsWith("npm exec --no -- carrierkit-gtaf conformance ")).length).toBe(1);
    expect(commands.filter((c) => c.startsWith("npm exec --no -- carrierkit-sim android purchase ")).length).toBe(1);
    expect(commands.filter((c) => c.startsWith("npm exec --no -- carrierkit-sim windows buy ")).length).toBe(1);
    expect(commands.filter((c) => c.startsWith("npx "))).toEqual([]);
  });

  it("When each curl line is pasted into bash at the repo root, then it answers the demo user's plan status as JSON", async () => {
    const curls = printedCommands(output).filter((c) => c.startsWith("curl ") && !c.includes("/v1/sims/"));
    expect(curls.length).toBe(2);
    const results = await Promise.all(curls.map((c) => bash(c)));
    for (const [i, r] of results.entries()) {
      expect(r.code, `${curls[i]}\n${r.stderr}`).toBe(0);
      // An error body (the contract's { error } / { errors }) has no plans: only a 200 planStatus passes.
      expect(JSON.parse(r.stdout).plans.length, r.stdout).toBeGreaterThan(0);
    }
  });

  it("When the Mobile Plans curl line is pasted into bash, then it calls GetBalance over mutual TLS with the demo Microsoft certificate and gets the SIM's balance", async () => {
    const [curl] = printedCommands(output).filter((c) => c.startsWith("curl ") && c.includes("/v1/sims/"));
    const r = await bash(curl as string);
    expect(r.code, `${curl}\n${r.stderr}`).toBe(0);
    expect(JSON.parse(r.stdout).balances[0].type, r.stdout).toBe("MODIRECTPAYG");
  });

  it("When the conformance command is pasted into bash at the repo root, then it runs the local bin (no registry) and no check fails", async () => {
    const [command] = printedCommands(output).filter((c) => c.startsWith("npm exec --no -- carrierkit-gtaf "));
    const r = await bash(command as string);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, \d+ skipped of \d+ checks/);
  }, 180_000);
});

describe("the device simulator command npm start prints", () => {
  it("When it is pasted into bash, then the Android device buys the boost on the portal, receives the URSP from the entitlement server's PCF through its AMF, and routes the latency app on the new slice", async () => {
    const [command] = printedCommands(output).filter((c) => c.startsWith("npm exec --no -- carrierkit-sim android "));
    const r = await bash(command as string);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.at(-1)).toBe("SUCCESS (1)");
    expect(lines.some((l) => /\scapability-active\s/.test(l))).toBe(true);
    expect(r.stdout).toMatch(
      /\sroute\s+com\.example\.cloudgame .* PRIORITIZE_LATENCY → PDU session \d+ S-NSSAI 2\/000001/,
    );
  }, 180_000);
});

describe("the Windows device simulator command npm start prints", () => {
  it("When it is pasted into bash, then the PC buys a plan on the portal, the portal orders the eSIM from the SM-DP+ stand-in over ES2+, and the PC downloads it over ES9+, installed, active and registered", async () => {
    const [command] = printedCommands(output).filter((c) => c.startsWith("npm exec --no -- carrierkit-sim windows "));
    const r = await bash(command as string);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/\sdownload-result\s+download success \(899101\d{13}\)/);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(
      /^OK: profile 899101\d{13} installed, active, registered on the home network$/,
    );
  }, 180_000);
});

describe("the command carrierkit-dpa prints on its own", () => {
  it("When the DPA bin starts with its demo issuer, then its curl line pasted into bash answers the plan status", async () => {
    const cwd = join(work, "dpa alone");
    mkdirSync(cwd);
    const bin = join(root, "node_modules/.bin/carrierkit-dpa");
    const dpa = spawn(bin, ["--port", "0", "--sqlite-path", join(cwd, "dpa.db")], {
      cwd,
      // Demo mode: the DPA's own demo issuer and the public demo CPID secret (outside it DPA_CPID_SECRET is required).
      env: { ...shellEnv(), LOG_LEVEL: "warn", CARRIERKIT_DEMO: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let text = "";
      const banner = await new Promise<string>((done, fail) => {
        dpa.stdout?.on("data", (d: Buffer) => {
          text += d.toString();
          if (/demo CPID \(expired\)/.test(text)) done(text);
        });
        dpa.on("exit", (code) => fail(new Error(`carrierkit-dpa exited (${code}):\n${text}`)));
      });
      const curls = printedCommands(banner).filter((c) => c.startsWith("curl "));
      expect(curls).toHaveLength(1);
      const r = await bash(curls[0] as string);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).plans.length, r.stdout).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((done) => dpa.once("exit", done));
      dpa.kill("SIGTERM");
      await exited;
    }
  }, 120_000);
});
