// carrierkit-ursp: encode / decode / explain / validate / route URSP policies. `run` is the testable entry point;
// src/cli.ts is the executable wrapper.
import { existsSync, readFileSync } from "node:fs";
import { defineCli, isUsageError, packageOf, parseCli, reportUsage, UsageError } from "@carrierkit/cli-runtime";
import type { SliceId } from "./android.js";
import { parseHex, toHex } from "./bytes.js";
import { decodeUrsp, encodeUrsp } from "./codec.js";
import {
  decodeDlNasTransport,
  decodeUePolicyMessage,
  encodeDlNasTransport,
  encodeUePolicyMessage,
  manageUePolicyCommand,
  type UePolicyMessage,
} from "./delivery.js";
import { UrspDecodeError, UrspEncodeError } from "./errors.js";
import { explainMessage, explainPolicy } from "./explain.js";
import { selectRoute, type TrafficRequest } from "./match.js";
import type { UrspPolicy } from "./model.js";
import { validatePolicy } from "./validate.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
}

const USAGE = `carrierkit-ursp <command> [options]

commands:
  encode <policy.json|->      URSP policy JSON -> hex of the URSP rules (TS 24.526 §5.2)
      --wrap manage-ue-policy   wrap in MANAGE UE POLICY COMMAND (TS 24.501 Annex D)
      --wrap dl-nas-transport   ... inside a plain 5GMM DL NAS TRANSPORT (payload container type 5)
      --plmn MCC-MNC            PLMN of the UE policy section (required with --wrap)
      --pti N                   procedure transaction identity, 0x80..0xfe (default 0x80)
      --upsc N                  UE policy section code (default 1)
  decode <hex|file|->         hex -> JSON (URSP rules, UE policy message or DL NAS TRANSPORT, auto-detected)
      --as ursp|message|nas     force the layer
  explain <hex|policy.json|-> readable table of the rules
  validate <policy.json|->    check a policy against the schema and the TS 24.526 structural rules
  route <policy.json|hex> --app CATEGORY|APP-ID
      --slice SST[:SD] ...      available slices (repeatable; default: any)
      --dnn NAME ...            available DNNs (repeatable; default: any)
      --match-all-allowed true|false, --fallback true|false
      --remote-address A --remote-port N --protocol N --fqdn NAME --traffic-dnn NAME --now ISO-TIME
      --json                    print the full selection as JSON
`;

const str = { type: "string" } as const;
/** The flags of every command (described in USAGE); --help, --version and unknown flags are handled by parseCli. */
const spec = defineCli({
  name: "carrierkit-ursp",
  version: packageOf(import.meta.url).version,
  summary: "encode, decode, explain, validate and route 5G URSP policies (3GPP TS 24.526)",
  usage: USAGE,
  positionals: true,
  options: {
    wrap: str,
    plmn: str,
    pti: str,
    upsc: str,
    as: str,
    app: str,
    slice: { type: "string", multiple: true },
    dnn: { type: "string", multiple: true },
    "match-all-allowed": str,
    fallback: str,
    "remote-address": str,
    "remote-port": str,
    protocol: str,
    fqdn: str,
    "traffic-dnn": str,
    now: str,
    json: { type: "boolean" },
  },
  footer: "Exit status: 0 ok, 1 invalid input (or no route), 2 usage error.",
});

function readInput(arg: string | undefined, io: CliIo): string {
  if (arg === undefined) throw new UsageError("missing input (a file, hex text or - for stdin)");
  if (arg === "-") return io.readStdin();
  if (existsSync(arg)) return readFileSync(arg, "utf8");
  return arg;
}

function readJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} is not JSON: ${(e as Error).message}`);
  }
}

function hexBytes(text: string): Uint8Array {
  const b = parseHex(text.trim());
  if (!b) throw new UsageError("input is neither JSON nor hex");
  return b;
}

type Layer = "ursp" | "message" | "nas";

function detect(b: Uint8Array): Layer {
  if (b[0] === 0x7e) return "nas";
  if ((b[0] ?? 0) >= 0x80 && (b[1] ?? 0) >= 1 && (b[1] ?? 0) <= 3) return "message";
  return "ursp";
}

function decodeAs(b: Uint8Array, layer: Layer): UrspPolicy | UePolicyMessage {
  if (layer === "nas") return decodeDlNasTransport(b);
  if (layer === "message") return decodeUePolicyMessage(b);
  return decodeUrsp(b);
}

function loadPolicy(text: string, io: CliIo): UrspPolicy {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    const result = validatePolicy(readJson(trimmed, "policy"));
    if (!result.valid) {
      for (const e of result.errors) io.stderr(`invalid policy at ${e.path || "/"}: ${e.message}\n`);
      throw new ReportedError();
    }
    return result.policy;
  }
  const decoded = decodeAs(hexBytes(trimmed), detect(hexBytes(trimmed)));
  if ("rules" in decoded) return decoded;
  const rules =
    decoded.messageType === "MANAGE_UE_POLICY_COMMAND"
      ? decoded.sublists.flatMap((s) =>
          s.instructions.flatMap((i) => i.parts.flatMap((p) => (p.partType === "ursp" ? p.ursp.rules : []))),
        )
      : [];
  if (rules.length === 0) throw new UsageError("the message carries no URSP rules");
  return { rules };
}

class ReportedError extends Error {}

function parseSlice(s: string): SliceId {
  const m = /^(\d{1,3})(?::([0-9a-fA-F]{6}))?$/.exec(s);
  if (!m || Number(m[1]) > 255) throw new UsageError(`--slice "${s}" is not SST or SST:SD (e.g. 1:000001)`);
  return m[2] === undefined ? { sst: Number(m[1]) } : { sst: Number(m[1]), sd: m[2].toLowerCase() };
}

function parseBool(v: string | undefined, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new UsageError(`${name} must be true or false`);
}

function parseNumber(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be an integer`);
  return n;
}

/** Runs the CLI; returns the exit code (0 ok, 1 invalid input, 2 usage error). */
export function run(argv: string[], io: CliIo): number {
  const parsed = parseCli(spec, argv, { io });
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [command, arg] = positionals;
  if (command === undefined) return reportUsage(spec, new UsageError("missing command"), io);
  try {
    switch (command) {
      case "encode": {
        const policy = loadPolicy(readInput(arg, io), io);
        if (values.wrap === undefined) {
          io.stdout(`${toHex(encodeUrsp(policy))}\n`);
          return 0;
        }
        if (values.wrap !== "manage-ue-policy" && values.wrap !== "dl-nas-transport")
          throw new UsageError(`--wrap must be manage-ue-policy or dl-nas-transport, not "${values.wrap}"`);
        if (values.plmn === undefined) throw new UsageError("--wrap needs --plmn MCC-MNC (e.g. 001-01)");
        const cmd = manageUePolicyCommand(policy, {
          plmn: values.plmn,
          pti: values.pti === undefined ? undefined : Number(values.pti),
          upsc: parseNumber(values.upsc, "--upsc"),
        });
        const bytes = values.wrap === "manage-ue-policy" ? encodeUePolicyMessage(cmd) : encodeDlNasTransport(cmd);
        io.stdout(`${toHex(bytes)}\n`);
        return 0;
      }
      case "decode": {
        const b = hexBytes(readInput(arg, io));
        const layer = (values.as ?? "auto") as Layer | "auto";
        if (!["auto", "ursp", "message", "nas"].includes(layer))
          throw new UsageError("--as must be ursp, message or nas");
        io.stdout(`${JSON.stringify(decodeAs(b, layer === "auto" ? detect(b) : layer), null, 2)}\n`);
        return 0;
      }
      case "explain": {
        const text = readInput(arg, io).trim();
        if (text.startsWith("{")) io.stdout(`${explainPolicy(loadPolicy(text, io))}\n`);
        else {
          const b = hexBytes(text);
          const decoded = decodeAs(b, detect(b));
          io.stdout(`${"rules" in decoded ? explainPolicy(decoded) : explainMessage(decoded)}\n`);
        }
        return 0;
      }
      case "validate": {
        const result = validatePolicy(readJson(readInput(arg, io), "policy"));
        for (const w of result.warnings) io.stderr(`warning at ${w.path || "/"}: ${w.message}\n`);
        if (!result.valid) {
          for (const e of result.errors) io.stderr(`invalid policy at ${e.path || "/"}: ${e.message}\n`);
          return 1;
        }
        io.stdout(`valid: ${result.policy.rules.length} URSP rule(s), ${encodeUrsp(result.policy).length} octets\n`);
        return 0;
      }
      case "route": {
        const policy = loadPolicy(readInput(arg, io), io);
        const traffic: TrafficRequest = {};
        if (values.app !== undefined) traffic.osAppId = values.app;
        const mAll = parseBool(values["match-all-allowed"], "--match-all-allowed");
        if (mAll !== undefined) traffic.matchAllRuleAllowed = mAll;
        const fb = parseBool(values.fallback, "--fallback");
        if (fb !== undefined) traffic.fallbackToDefault = fb;
        if (values["remote-address"] !== undefined) traffic.remoteAddress = values["remote-address"];
        const port = parseNumber(values["remote-port"], "--remote-port");
        if (port !== undefined) traffic.remotePort = port;
        const proto = parseNumber(values.protocol, "--protocol");
        if (proto !== undefined) traffic.protocol = proto;
        if (values.fqdn !== undefined) traffic.fqdn = values.fqdn;
        if (values["traffic-dnn"] !== undefined) traffic.dnn = values["traffic-dnn"];
        const selection = selectRoute(policy, traffic, {
          ...(values.slice ? { slices: values.slice.map(parseSlice) } : {}),
          ...(values.dnn ? { dnns: values.dnn } : {}),
          ...(values.now ? { now: values.now } : {}),
        });
        if (values.json) io.stdout(`${JSON.stringify(selection, null, 2)}\n`);
        else io.stdout(`${selection.explanation.join("\n")}\n`);
        return selection.outcome === "route" || selection.outcome === "fallback" ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof ReportedError) return 1;
    if (e instanceof UrspDecodeError) {
      io.stderr(`decode error ${e.code} at offset ${e.offset} (${e.field}): ${e.detail}\n`);
      return 1;
    }
    if (e instanceof UrspEncodeError) {
      io.stderr(`encode error ${e.code} at ${e.path || "/"}: ${e.detail}\n`);
      return 1;
    }
    if (isUsageError(e)) return reportUsage(spec, e, io);
    throw e;
  }
}
