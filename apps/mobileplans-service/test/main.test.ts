import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoMobilePlansSims } from "@carrierkit/operator-core";
import { afterAll, describe, expect, it, vi } from "vitest";
import { start } from "../src/main.js";
import { get, testPki, txid } from "./harness.js";

// Starting the service from the environment: no certificate or password has a built-in default outside CARRIERKIT_DEMO=1.
const dir = mkdtempSync(join(tmpdir(), "carrierkit-mobileplans-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (name: string) => ({
  MOBILEPLANS_SERVICE_PORT: "0",
  MOBILEPLANS_SERVICE_SQLITE_PATH: join(dir, name, "store.db"),
  LOG_LEVEL: "silent",
});
const ASHA = demoMobilePlansSims[0].iccid;

describe("mobileplans-service start()", () => {
  it.each([
    [{}, /^MOBILEPLANS_TLS_CERT, MOBILEPLANS_TLS_KEY and MOBILEPLANS_CLIENT_CA are not set .*CARRIERKIT_DEMO=1/],
    [{ MOBILEPLANS_TLS_CERT: "/x/cert.pem" }, /must be set together/],
    [
      { CARRIERKIT_DEMO: "1", MOBILEPLANS_BASIC_USER: "microsoft" },
      /MOBILEPLANS_BASIC_USER and MOBILEPLANS_BASIC_PASSWORD/,
    ],
    [{ CARRIERKIT_DEMO: "1", MOBILEPLANS_BASIC_USER: "ms", MOBILEPLANS_BASIC_PASSWORD: "short" }, /at least 12/],
    [{ CARRIERKIT_DEMO: "1", MOBILEPLANS_CLIENT_SUBJECT: "not a name" }, /distinguished name/],
    [{ CARRIERKIT_DEMO: "1", MOBILEPLANS_ICCID_RANGES: "12,89" }, /not an ICCID prefix/],
  ])("When the environment is %j, then start() rejects saying why", async (env, error) => {
    await expect(start({ ...base("bad"), ...env })).rejects.toThrow(error);
  });

  it("When CARRIERKIT_DEMO=1 and nothing is set, then it makes a throwaway PKI beside the store, prints a curl call, and that call is answered", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const { server, config, pki } = await start({ ...base("demo"), CARRIERKIT_DEMO: "1" });
    try {
      expect(pki?.dir).toBe(join(dir, "demo", "mobileplans-pki"));
      expect(statSync(pki!.clientKey).mode & 0o777).toBe(0o600);
      expect(config.demoSecrets).toEqual(["MOBILEPLANS_BASIC_PASSWORD"]);
      expect(warn.mock.calls[0]![0]).toMatch(
        /^mobileplans-service: demo mode \(CARRIERKIT_DEMO=1\): throwaway PKI in .*never use/,
      );
      const printed = log.mock.calls.map((c) => String(c[0])).join("\n");
      expect(printed).toContain(`--cacert '${pki!.caCert}' --cert '${pki!.clientCert}' --key '${pki!.clientKey}'`);
      expect(printed).toContain(`-u '${config.basic!.username}:${config.basic!.password}'`);
      expect(printed).toContain(`${server.url}/v1/sims/iccid:${ASHA}/balances`);

      const client = { cert: readFileSync(pki!.clientCert, "utf8"), key: readFileSync(pki!.clientKey, "utf8") };
      const ca = readFileSync(pki!.caCert, "utf8");
      const authorization = `Basic ${Buffer.from(`${config.basic!.username}:${config.basic!.password}`).toString("base64")}`;
      const ok = await get(`${server.url}/v1/sims/iccid:${ASHA}/balances?fieldsTemplate=full&location=US`, {
        client,
        ca,
        headers: { "X-MS-DM-TransactionId": txid(), Authorization: authorization },
      });
      expect(ok.status).toBe(200);
      expect((ok.body.balances as Array<{ type: string }>)[0]!.type).toBe("MODIRECTPAYG");
      const noPassword = await get(`${server.url}/v1/sims/iccid:${ASHA}/balances`, {
        client,
        ca,
        headers: { "X-MS-DM-TransactionId": txid() },
      });
      expect(noPassword.status).toBe(401);
    } finally {
      warn.mockRestore();
      log.mockRestore();
      await server.close();
    }
    // A restart keeps the PKI, so the printed command keeps working.
    const caBefore = readFileSync(join(dir, "demo", "mobileplans-pki", "ca.pem"), "utf8");
    const again = await start({ ...base("demo"), CARRIERKIT_DEMO: "1", MOBILEPLANS_BASIC: "off" });
    try {
      expect(readFileSync(again.pki!.caCert, "utf8")).toBe(caBefore);
      expect(again.config.basic).toBeUndefined();
    } finally {
      await again.server.close();
    }
  }, 60_000);

  it("When the TLS files are set, then it serves them, asks for no Basic credentials and says nothing about demo mode", async () => {
    const keys = await testPki();
    const files = {
      MOBILEPLANS_TLS_CERT: join(dir, "server.pem"),
      MOBILEPLANS_TLS_KEY: join(dir, "server-key.pem"),
      MOBILEPLANS_CLIENT_CA: join(dir, "ca.pem"),
    };
    writeFileSync(files.MOBILEPLANS_TLS_CERT, keys.server.cert);
    writeFileSync(files.MOBILEPLANS_TLS_KEY, keys.server.key);
    writeFileSync(files.MOBILEPLANS_CLIENT_CA, keys.ca.cert);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server, pki, config } = await start({ ...base("real"), ...files });
    try {
      expect([pki, config.basic, config.demoSecrets]).toEqual([undefined, undefined, []]);
      expect(warn).not.toHaveBeenCalled();
      const r = await get(`${server.url}/v1/sims/iccid:${ASHA}/balances`, {
        client: keys.client,
        ca: keys.ca.cert,
        headers: { "X-MS-DM-TransactionId": txid() },
      });
      const rogue = await get(`${server.url}/v1/sims/iccid:${ASHA}/balances`, {
        client: keys.untrustedClient,
        ca: keys.ca.cert,
        headers: { "X-MS-DM-TransactionId": txid() },
      });
      expect([r.status, rogue.status]).toEqual([200, 403]);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });
});
