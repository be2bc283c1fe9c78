// `carrierkit-sim windows buy`: one Mobile Plans purchase on a simulated Windows PC against a live portal and SM-DP+,
// each step printed. The eUICC and LPA are the simulator's real ones; every SM-DP+ address resolves to --smdp.
import { randomBytes } from "node:crypto";
import { type CliIo, UsageError } from "@carrierkit/cli-runtime";
import type { DeviceStep } from "./android/device.js";
import { launchChromium } from "./chromium.js";
import { SimulatedClock } from "./clock.js";
import { cliRuntimeScript } from "./runtime-script.js";
import { Euicc } from "./windows/euicc.js";
import { Lpa } from "./windows/lpa.js";
import { BUY_FLOWS, type BuyFlow, runWindowsPurchase } from "./windows/purchase-run.js";
import { resolvingFetch } from "./windows/resolver.js";
import { isLoopbackHost } from "./windows/service-config.js";

/**
 * A fresh EID for one run: `89049032` + random digits + the two check digits (mod 97 = 1, as GSMA SGP.29 / ISO 7064).
 * Each run is a new PC: its eUICC key is new too, and an SM-DP+ that saw the EID with another key refuses it.
 */
export function randomEid(): string {
  const body = `89049032${Array.from(randomBytes(22), (b) => b % 10).join("")}`;
  const check = 98n - ((BigInt(body) * 100n) % 97n);
  return `${body}${String(check).padStart(2, "0")}`;
}

function urlFlag(name: string, text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url;
  } catch {
    throw new UsageError(`--${name} '${text}' is not an http(s) URL`);
  }
}

export async function windowsBuyCommand(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const flow = (str("flow") ?? "inline") as BuyFlow;
  if (!BUY_FLOWS.includes(flow)) throw new UsageError(`unknown --flow '${flow}' (${BUY_FLOWS.join(", ")})`);
  const portal = urlFlag("portal", str("portal") ?? "http://127.0.0.1:4040/");
  if (portal.protocol === "http:" && !isLoopbackHost(portal.hostname))
    throw new UsageError(`--portal ${portal.origin}: Mobile Plans needs https (http only on a loopback host)`);
  const smdp = urlFlag("smdp", str("smdp") ?? env.SMDP_URL ?? "http://127.0.0.1:4070");
  const eid = str("eid") ?? randomEid();
  if (!/^[0-9]{32}$/.test(eid)) throw new UsageError(`--eid '${eid}' is not 32 digits`);
  const imei = str("imei") ?? "356938035643809";
  if (!/^[0-9]{14,16}$/.test(imei)) throw new UsageError(`--imei '${imei}' is not an IMEI`);
  for (const k of ["market", "location"])
    if (str(k) !== undefined && !/^[A-Za-z]{2}$/.test(str(k)!)) throw new UsageError(`--${k} must be a 2-letter code`);
  const json = values.json === true;
  const print = (s: DeviceStep) =>
    io.stdout(json ? `${JSON.stringify(s)}\n` : `${new Date(s.at).toISOString()}  ${s.step.padEnd(22)} ${s.text}\n`);
  const clock = new SimulatedClock(Date.now());
  const card = new Euicc({ eid, clock });
  const lpa = new Lpa(card, { fetch: resolvingFetch(smdp.href), deviceInfo: { rats: ["LTE", "NR"], imei }, clock });
  const browser = await launchChromium(str("chromium") ?? env.CHROMIUM_PATH);
  try {
    const outcome = await runWindowsPurchase({
      portalUrl: portal.href,
      flow,
      ...(str("msisdn") ? { msisdn: str("msisdn") } : {}),
      ...(str("plan") ? { plan: str("plan") } : {}),
      card,
      lpa,
      clock,
      browser,
      runtimeScript: cliRuntimeScript,
      imei,
      ...(str("market") ? { market: str("market") } : {}),
      ...(str("location") ? { location: str("location") } : {}),
      ...(str("language") ? { language: str("language") } : {}),
      ...(str("screenshot") ? { screenshotPath: str("screenshot") } : {}),
      print,
    });
    io.stdout(
      json
        ? `${JSON.stringify({ ok: outcome.ok, summary: outcome.summary })}\n`
        : `${outcome.ok ? "OK" : "FAILED"}: ${outcome.summary}\n`,
    );
    return outcome.ok ? 0 : 1;
  } catch (err) {
    io.stderr(`carrierkit-sim: windows buy failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await browser.close();
  }
}
