import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli.js";
import { randomEid } from "../../src/cli-windows.js";
import { SCREENSHOTS, windowsFixture } from "./fixture.js";

// carrierkit-sim windows buy against the real portal and SM-DP+ (in-process, port 0), each run with its own Chromium.
const f = windowsFixture(20);

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, env: {} });
  return {
    code,
    stdout,
    stderr,
    steps: stdout
      .trim()
      .split("\n")
      .slice(0, -1)
      .map((l) => l.split(/\s+/)[1]),
  };
}
const buy = (flow: string, ...extra: string[]) =>
  run(["windows", "buy", "--portal", `${f.stack.portalUrl}/`, "--smdp", f.smdp.url, "--flow", flow, ...extra]);

describe("carrierkit-sim windows buy", () => {
  it("When the flow is inline, then every step is printed and it exits 0 with the profile installed, active and registered", async () => {
    const screenshot = join(SCREENSHOTS, "cli-inline.png");
    const r = await buy("inline", "--screenshot", screenshot);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const step of [
      "launch",
      "bridge-call",
      "inline-download",
      "download-started",
      "download-progress",
      "download-result",
      "callback",
      "registration",
      "screenshot",
    ])
      expect(r.steps).toContain(step);
    expect(r.stdout).toMatch(/\nOK: profile 899101\d{13} installed, active, registered on the home network\n$/);
    console.log(`screenshot: ${screenshot}`);
  });

  it.each([
    [
      "delayed",
      ["install-later", "fast-forward", "toast-shown", "toast-accepted", "download-result"],
      /installed, active, registered/,
    ],
    [
      "async",
      ["async-download", "return-control", "registration-scheduled", "fast-forward", "registration"],
      /installed, active, registered/,
    ],
    ["legacy", ["bridge-call", "report-warning", "download-result", "registration"], /installed, active, registered/],
    ["balance", ["balance-added"], /balance added/],
    ["balance-iccid", ["setup", "download-result", "profile-switch"], /active profile 899101\d{13}: success/],
    ["cancel", ["purchase-cancelled", "return-control"], /cancelled purchase reported \(Cancelled\)/],
  ])("When the flow is %s, then its steps are printed and it exits 0", async (flow, steps, summary) => {
    const r = await buy(flow);
    expect(r.stderr).toBe("");
    for (const step of steps) expect(r.steps).toContain(step);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(summary);
    expect(r.code).toBe(0);
  });

  it("When the SM-DP+ is unreachable, then the download fails and it exits 1", async () => {
    const r = await run([
      "windows",
      "buy",
      "--portal",
      `${f.stack.portalUrl}/`,
      "--smdp",
      "http://127.0.0.1:9",
      "--flow",
      "inline",
    ]);
    expect(r.stdout).toMatch(/FAILED: download failed: serverNotReachable/);
    expect(r.code).toBe(1);
  });

  it.each([
    [["--flow", "teleport"], /unknown --flow 'teleport'/],
    [["--portal", "http://portal.example/"], /needs https/],
    [["--portal", "nope"], /not an http\(s\) URL/],
    [["--eid", "123"], /--eid '123' is not 32 digits/],
    [["--market", "USA"], /--market must be a 2-letter code/],
  ])("When the flags are %j, then it is a usage error (exit 2)", async (flags, message) => {
    const r = await run(["windows", "buy", ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("When asked for help, then the windows command and its flags are listed", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("carrierkit-sim windows buy [options]");
    expect(r.stdout).toMatch(/--flow <flow>\s+windows: inline \(default\), delayed, async/);
    expect(r.stdout).toContain("SMDP_URL");
    expect((await run(["windows", "purchase"])).stderr).toMatch(/unknown command 'purchase' \(buy\)/);
  });

  it("When a run makes its EID, then it has 32 digits, the 89049032 prefix and valid check digits (mod 97 = 1)", () => {
    for (let i = 0; i < 50; i++) {
      const eid = randomEid();
      expect(eid).toMatch(/^89049032[0-9]{24}$/);
      expect(BigInt(eid) % 97n).toBe(1n);
    }
  });
});
