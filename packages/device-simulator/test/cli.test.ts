import { execFile } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { runAndroidPurchase } from "../src/cli-android.js";
import { JsonFileDeviceState, presetUser } from "../src/index.js";
import { attachToSimulatedNetwork } from "../src/network/index.js";
import { OperatorStack, tempStatePath } from "./stack.js";

// carrierkit-sim against the real entitlement server and portal (in-process, port 0); `accept` drives its own Chromium.
// The entitlement server's PCF stand-in delivers to the AMF a run starts on `amfPort` (found free beforehand).
let stack: OperatorStack;
let amfPort: number;
beforeAll(async () => {
  amfPort = await freePort();
  stack = await OperatorStack.start({ portal: true, pcfAmfUrl: `http://127.0.0.1:${amfPort}` });
});
afterAll(async () => stack?.close());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs the CLI in-process; without the network unless the argv names an AMF port. */
async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv.includes("--amf-port") ? argv : [...argv, "--no-network"], {
    io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe("carrierkit-sim android purchase", () => {
  it("When the user accepts on the portal's page, then every step is printed, the operator's PCF delivers the URSP through the simulated AMF, the latency app is routed on the new slice, and it exits 0 with SUCCESS", async () => {
    const state = tempStatePath();
    const r = await run([
      ...["android", "purchase", "--entitlement", stack.ecsUrl, "--state", state, "--user", "accept"],
      ...["--amf-port", String(amfPort)],
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    const steps = lines.slice(0, -1).map((l) => l.split(/\s+/)[1]);
    expect(steps).toEqual([
      "network",
      "request",
      "entitlement-request",
      "entitlement-response",
      "notification-shown",
      "notification-tap",
      "page-opened",
      "bridge-call",
      "bridge-call",
      "network-setup-pending",
      // The URSP may arrive before the purchase call returns or after: the two steps race, as on a phone.
      ...(steps.indexOf("result") < steps.indexOf("capability-active")
        ? ["result", "capability-active"]
        : ["capability-active", "result"]),
      "route",
    ]);
    expect(r.stdout).toContain(`AMF at http://127.0.0.1:${amfPort}`);
    expect(r.stdout).toContain("bridge: DataBoostWebServiceFlow.notifyPurchaseSuccessful(duration) [3600000]");
    // The PCF stand-in's URSP (PRIORITIZE_LATENCY on PCF_LATENCY_SLICE, SST 2 SD 000001) routes the app's request.
    const route = lines.find((l) => l.split(/\s+/)[1] === "route") ?? "";
    expect(route).toMatch(
      /com\.example\.cloudgame \(uid \d+, personal\) PRIORITIZE_LATENCY → PDU session \d+ S-NSSAI 2\/000001/,
    );
    expect(lines.at(-1)).toBe("SUCCESS (1)");
    expect(new JsonFileDeviceState(state).load().pendingSetup["34"]).toBeUndefined();
    const deliveries = (await (await stack.admin("/subscribers/sub-asha/ursp-deliveries")).json()) as {
      deliveries: { state: string }[];
    };
    expect(deliveries.deliveries.map((d) => d.state)).toEqual(["DELIVERED"]);
  });

  it("When run with --no-network against an operator without a PCF, then the run ends at SUCCESS with the capability pending network setup", async () => {
    // A stack of its own: a PCF would keep retrying this purchase's delivery into the next tests' AMF.
    const bare = await OperatorStack.start({ portal: true });
    const state = tempStatePath();
    const r = await run([
      "android",
      "purchase",
      "--entitlement",
      bare.ecsUrl,
      "--state",
      state,
      "--user",
      "accept",
    ]).finally(() => bare.close());
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("capability-active");
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
      "--no-network",
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

describe("runAndroidPurchase on the simulated network: deliveries that go wrong", () => {
  const ASHA = {
    imsi: "001010000000001",
    kHex: "465b5ce8b199b49faa5f0a2ee238a6bc",
    opcHex: "cd63cb71954a9f4e48a5994e37a02baf",
  };
  // The admin API lists a subscriber's deliveries newest first.
  const latestDelivery = async () => {
    const { deliveries } = (await (await stack.admin("/subscribers/sub-asha/ursp-deliveries")).json()) as {
      deliveries: { state: string; transmissions?: number }[];
    };
    return deliveries[0];
  };

  it("When the AMF loses the first MANAGE UE POLICY COMMAND, then the PCF sends it again, the capability becomes active and the latency app is routed on the slice", async () => {
    await stack.setBoost("sub-asha", 1, 0);
    const phone = await attachToSimulatedNetwork({ imsi: ASHA.imsi, amfPort });
    try {
      phone.amf.loseNext(phone.supi, 1, "downlink");
      const steps: string[] = [];
      const { result, route, device } = await runAndroidPurchase({
        entitlementUrl: stack.ecsUrl,
        ...ASHA,
        user: presetUser("accept"),
        statePath: tempStatePath(),
        carrierConfig: { supported_premium_capabilities_int_array: [34] },
        phone,
        print: (s) => steps.push(s.step),
      });
      expect(result.name).toBe("SUCCESS");
      expect(device.capabilityState(34)).toBe("active");
      expect(route).toMatch(/PRIORITIZE_LATENCY → PDU session \d+ S-NSSAI 2\/000001/);
      expect(steps).toContain("capability-active");
      await phone.amf.settled(); // the UE's answer reaches the PCF after the UE has applied the policy
      expect(await latestDelivery()).toMatchObject({ state: "DELIVERED" });
      expect(phone.amf.events.filter((e) => e.kind === "lost").length).toBeGreaterThanOrEqual(1);
    } finally {
      await phone.close();
    }
  }, 120_000);

  it("When the UE rejects the policy (no URSP support), then the delivery is REJECTED, the capability never becomes active and the network setup times out", async () => {
    await stack.setBoost("sub-asha", 1, 0);
    const phone = await attachToSimulatedNetwork({ imsi: ASHA.imsi, amfPort, supportedPartTypes: [] });
    try {
      const steps: string[] = [];
      const { result, route, device } = await runAndroidPurchase({
        entitlementUrl: stack.ecsUrl,
        ...ASHA,
        user: presetUser("accept"),
        statePath: tempStatePath(),
        carrierConfig: {
          supported_premium_capabilities_int_array: [34],
          premium_capability_network_setup_time_millis_long: 3000,
        },
        phone,
        print: (s) => steps.push(s.step),
      });
      expect(result.name).toBe("SUCCESS");
      expect(steps).toContain("network-setup-timeout");
      expect(steps).not.toContain("capability-active");
      expect(route).toBeUndefined();
      expect(device.capabilityState(34)).toBe("none");
      await phone.amf.settled(); // the UE's answer reaches the PCF after the UE has applied the policy
      expect(await latestDelivery()).toMatchObject({ state: "REJECTED" });
      expect(phone.policies.policy(phone.plmn).rules).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 120_000);
});
