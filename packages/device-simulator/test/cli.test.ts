import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { JsonFileDeviceState } from "../src/index.js";
import { OperatorStack, tempStatePath } from "./stack.js";

// carrierkit-sim against the real entitlement server and portal (in-process, port 0); `accept` drives its own Chromium.
let stack: OperatorStack;
beforeAll(async () => {
  stack = await OperatorStack.start({ portal: true });
});
afterAll(async () => stack?.close());

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe("carrierkit-sim android purchase", () => {
  it("When the user accepts on the portal's page, then every step is printed and it exits 0 with SUCCESS", async () => {
    const state = tempStatePath();
    const r = await run(["android", "purchase", "--entitlement", stack.ecsUrl, "--state", state, "--user", "accept"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    const steps = lines.slice(0, -1).map((l) => l.split(/\s+/)[1]);
    expect(steps).toEqual([
      "request",
      "entitlement-request",
      "entitlement-response",
      "notification-shown",
      "notification-tap",
      "page-opened",
      "bridge-call",
      "bridge-call",
      "network-setup-pending",
      "result",
    ]);
    expect(r.stdout).toContain("bridge: DataBoostWebServiceFlow.notifyPurchaseSuccessful(duration) [3600000]");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("SUCCESS (1)");
    expect(new JsonFileDeviceState(state).load().pendingSetup["34"]).toBeDefined();
  });

  it("When the user dismisses, then USER_CANCELED exits 1, and the next run on the same state is THROTTLED by the persisted back-off", async () => {
    await stack.setBoost("sub-ben", 1, 0);
    const state = tempStatePath();
    const ben = [
      "--imsi",
      "001010000000002",
      "--k",
      "0396eb317b6d1c36f19c1c84cd6ffd16",
      "--opc",
      "53c15671c60a4b731c55b4a441c0bde2",
    ];
    const base = ["android", "purchase", "--entitlement", stack.ecsUrl, "--state", state, ...ben, "--user", "dismiss"];
    const first = await run(base);
    expect([first.code, first.stdout.trim().split("\n").at(-1)]).toEqual([1, "USER_CANCELED (6)"]);
    const second = await run([...base, "--json"]);
    expect(second.code).toBe(1);
    const lines = second.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { step: string; detail?: { name?: string } });
    expect(lines.map((l) => l.step)).toEqual(["request", "result"]);
    expect(lines[1]?.detail?.name).toBe("THROTTLED");
  });

  it("When the bin runs as a process and the user ignores the notification, then it waits for the display timeout and exits 1 with TIMEOUT", async () => {
    await stack.setBoost("sub-ravi", 1, 0);
    const bin = fileURLToPath(new URL("../bin/carrierkit-sim.js", import.meta.url));
    const ravi = [
      "--imsi",
      "001010000000003",
      "--k",
      "fec86ba6eb707ed08905757b1bb44b8f",
      "--opc",
      "1006020f0a478bf6b699f15c062e42b3",
    ];
    const args = [
      "android",
      "purchase",
      "--entitlement",
      stack.ecsUrl,
      "--state",
      tempStatePath(),
      ...ravi,
      "--user",
      "ignore",
      "--carrier-config",
      "premium_capability_notification_display_timeout_millis_long=300",
    ];
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(bin, args, { encoding: "utf8", timeout: 60_000 }, (error, out) =>
        resolve({ code: error ? Number(error.code ?? -1) : 0, stdout: out }),
      ),
    );
    expect(stdout).toContain("notification-timeout");
    expect(stdout.trim().split("\n").at(-1)).toBe("TIMEOUT (9)");
    expect(code).toBe(1);
  });

  it.each([
    [["android", "purchase", "--roaming", "--user", "dismiss"], "NETWORK_NOT_AVAILABLE (12)"],
    [
      ["android", "purchase", "--rat", "LTE", "--carrier-config", "premium_capability_supported_on_lte_bool=false"],
      "NETWORK_NOT_AVAILABLE (12)",
    ],
    [["android", "purchase", "--background"], "NOT_FOREGROUND (5)"],
    [["android", "purchase", "--not-default-data"], "NOT_DEFAULT_DATA_SUBSCRIPTION (14)"],
    [["android", "purchase", "--carrier-config", "supported_premium_capabilities_int_array="], "CARRIER_DISABLED (7)"],
  ])("When run with %j, then it prints %s and exits 1", async (argv, last) => {
    const r = await run([...argv, "--entitlement", stack.ecsUrl, "--state", tempStatePath()]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split("\n").at(-1)).toBe(last);
  });

  it.each([
    [[], "a command is required"],
    [["ios", "purchase"], "unknown platform 'ios'"],
    [["android", "refund"], "unknown command 'refund'"],
    [["android", "purchase", "--profile", "android-9"], "unknown --profile 'android-9'"],
    [["android", "purchase", "--carrier-config", "nope=1"], "unknown key"],
    [["android", "purchase", "--user", "shrug"], "unknown user 'shrug'"],
    [["android", "purchase", "--rat", "6G"], "unknown --rat '6G'"],
    [["android", "purchase", "--k", "xyz"], "--k must be 32 hex digits"],
    [["android", "purchase", "--entitlement", "not a url"], "is not a URL"],
  ])("When run with %j, then it prints the usage error %s and exits 2", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("usage:");
  });
});
