import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli-main.js";
import seed from "./fixtures/seed-003.json" with { type: "json" };

const POLICY = join(import.meta.dirname, "fixtures", "enterprise-policy.json");
const DEFAULT_RULE_HEX = "000e0900010100080006010003020101";

function cli(args: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => stdin });
  return { code, stdout, stderr };
}

describe("carrierkit-ursp CLI", () => {
  it("When a policy file is encoded, then the hex of its URSP rules is printed", () => {
    expect(cli(["encode", POLICY])).toEqual({
      code: 0,
      stdout: `${seed.enterpriseRuleHex}${DEFAULT_RULE_HEX}\n`,
      stderr: "",
    });
  });

  it("When encoding with --wrap dl-nas-transport --plmn 001-01 for the ENTERPRISE rule, then the reference delivery is printed", () => {
    const policy = JSON.stringify({ rules: [JSON.parse(cli(["decode", seed.enterpriseRuleHex]).stdout).rules[0]] });
    expect(cli(["encode", "-", "--wrap", "dl-nas-transport", "--plmn", "001-01"], policy).stdout).toBe(
      `${seed.enterpriseDlNasTransportHex}\n`,
    );
    expect(cli(["encode", "-", "--wrap", "manage-ue-policy", "--plmn", "001-01"], policy).stdout).toBe(
      `${seed.enterpriseDlNasTransportHex.slice(12)}\n`,
    );
  });

  it("When hex is decoded, then the JSON policy is printed", () => {
    const { code, stdout } = cli(["decode", seed.enterpriseRuleHex]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rules[0].trafficDescriptor).toEqual([
      { type: "osIdOsAppId", osId: "97a498e3-fc92-5c94-8986-0333d06e4e47", osAppId: "ENTERPRISE" },
    ]);
  });

  it("When a DL NAS TRANSPORT is decoded, then the layer is detected and the command printed", () => {
    const { stdout } = cli(["decode", "-"], `${seed.enterpriseDlNasTransportHex}\n`);
    expect(JSON.parse(stdout)).toMatchObject({
      messageType: "MANAGE_UE_POLICY_COMMAND",
      pti: 128,
      sublists: [{ plmn: "001-01" }],
    });
  });

  it("When truncated hex is decoded, then the error names the offset and field on stderr and the exit code is 1", () => {
    expect(cli(["decode", "004b01001c08"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "decode error TRUNCATED at offset 0 (ursp.rule[0].length): length 75 but the input ends 4 octets later\n",
    });
  });

  it("When a policy is explained, then a table of rules and descriptors is printed", () => {
    expect(cli(["explain", POLICY]).stdout).toBe(
      [
        "RULE  PREC  TRAFFIC DESCRIPTOR      RSD PREC  ROUTE SELECTION",
        "0     1     Android app ENTERPRISE  1         S-NSSAI SST 1 SD 000001, DNN enterprise",
        "                                    2         DNN enterprise",
        "1     9     match-all               1         S-NSSAI SST 1",
        "",
      ].join("\n"),
    );
  });

  it("When a wrapped message is explained, then the delivery headers precede the table", () => {
    expect(cli(["explain", seed.enterpriseDlNasTransportHex]).stdout.split("\n").slice(0, 2)).toEqual([
      "MANAGE UE POLICY COMMAND, PTI 0x80",
      "PLMN 001-01, UPSC 1: 1 policy part(s)",
    ]);
  });

  it("When a valid policy is validated, then it says so", () => {
    expect(cli(["validate", POLICY])).toEqual({ code: 0, stdout: "valid: 2 URSP rule(s), 93 octets\n", stderr: "" });
  });

  it("When an invalid policy is validated, then each problem is printed with its JSON path and the exit code is 1", () => {
    const bad = JSON.stringify({
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }, { type: "dnn", dnn: "x" }],
          routeSelectionDescriptors: [{ precedence: 1, components: [{ type: "sNssai", sst: 1, sd: "1" }] }],
        },
      ],
    });
    const { code, stderr } = cli(["validate", "-"], bad);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'invalid policy at /rules/0/routeSelectionDescriptors/0/components/0/sd: must match pattern "^[0-9a-f]{6}$"',
    );
  });

  it("When encoding an invalid policy, then nothing is printed on stdout", () => {
    const bad = JSON.stringify({
      rules: [
        {
          precedence: 1,
          trafficDescriptor: [{ type: "matchAll" }, { type: "dnn", dnn: "x" }],
          routeSelectionDescriptors: [{ precedence: 1, components: [] }],
        },
      ],
    });
    expect(cli(["encode", "-"], bad)).toMatchObject({
      code: 1,
      stdout: "",
      stderr: expect.stringContaining("/rules/0/trafficDescriptor/0"),
    });
  });

  it("When routing ENTERPRISE with its slice available, then the explanation ends with the chosen route", () => {
    const { code, stdout } = cli(["route", POLICY, "--app", "ENTERPRISE", "--slice", "1:000001", "--slice", "1"]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toBe(
      "→ route: rule 0 [precedence 1], descriptor 0: S-NSSAI SST 1 SD 000001, DNN enterprise",
    );
  });

  it("When routing ENTERPRISE without its slice or DNN, then it falls back to the default network", () => {
    const { code, stdout } = cli([
      "route",
      POLICY,
      "--app",
      "ENTERPRISE",
      "--slice",
      "1",
      "--dnn",
      "internet",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: "fallback", ruleIndex: 1 });
  });

  it("When routing a slice category without a usable route, then the exit code is 1", () => {
    expect(cli(["route", POLICY, "--app", "PRIORITIZE_LATENCY"]).code).toBe(1);
  });

  it.each([
    [["frobnicate"], "unknown command"],
    [["encode", POLICY, "--wrap", "manage-ue-policy"], "--wrap needs --plmn"],
    [["decode", "zz"], "neither JSON nor hex"],
    [["decode"], "missing input"],
  ])("When the CLI is called with %j, then it prints a usage error and exits 2", (args, message) => {
    const { code, stderr } = cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
