import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulatedSmdp } from "@carrierkit/device-simulator/smdp";
import { profileOrder } from "@carrierkit/operator-core";
import { afterAll, describe, expect, it, vi } from "vitest";
import { start as main } from "../src/main.js";
import { Client } from "./http.js";

// Starting the portal from the environment: no secret has a built-in default outside CARRIERKIT_DEMO=1.
const dir = mkdtempSync(join(tmpdir(), "carrierkit-portal-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (name: string) => ({
  PORTAL_PORT: "0",
  PORTAL_SQLITE_PATH: join(dir, `${name}.db`),
  PORTAL_ESIM_STOCK: "1",
  LOG_LEVEL: "silent",
});
const secrets = {
  PORTAL_SESSION_SECRET: "a-real-session-secret-0123456789",
  PURCHASE_GRANT_SECRET: "a-real-grant-secret-0123456789",
  ENTITLEMENT_ADMIN_TOKEN: "a-real-admin-token-0123456789",
  SMDP_NOTIFICATION_TOKEN: "a-real-smdp-notification-token-0123",
};
/** Not a secret, but without a default outside demo mode either. */
const smdp = { SMDP_URL: "http://127.0.0.1:1" };

describe("portal main()", () => {
  it.each(Object.keys(secrets))(
    "When %s is missing outside demo mode, then main() rejects naming it",
    async (missing) => {
      const env: NodeJS.ProcessEnv = { ...base(`missing-${missing}`), ...secrets, ...smdp };
      delete env[missing];
      await expect(main(env)).rejects.toThrow(new RegExp(`^${missing} is not set .*CARRIERKIT_DEMO=1`));
    },
  );

  it("When SMDP_URL is missing outside demo mode, then main() rejects naming it", async () => {
    await expect(main({ ...base("no-smdp"), ...secrets })).rejects.toThrow(/^SMDP_URL is not set .*CARRIERKIT_DEMO=1/);
    await expect(main({ ...base("bad-smdp"), ...secrets, SMDP_URL: "not a url" })).rejects.toThrow(
      "SMDP_URL is not a URL: not a url",
    );
  });

  it("When the grant secret is the short public string, then main() rejects it", async () => {
    await expect(main({ ...base("short"), ...secrets, ...smdp, PURCHASE_GRANT_SECRET: "demo" })).rejects.toThrow(
      "PURCHASE_GRANT_SECRET must be at least 16 characters",
    );
  });

  it("When CARRIERKIT_DEMO=1 and no secret is set, then the portal starts with demo secrets and says so", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server, config } = await main({ ...base("demo"), CARRIERKIT_DEMO: "1" });
    try {
      expect(config.demoSecrets).toEqual([
        "PORTAL_SESSION_SECRET",
        "PURCHASE_GRANT_SECRET",
        "ENTITLEMENT_ADMIN_TOKEN",
        "SMDP_NOTIFICATION_TOKEN",
      ]);
      expect(warn).toHaveBeenCalledWith(
        "portal: demo mode (CARRIERKIT_DEMO=1): demo values for PORTAL_SESSION_SECRET, PURCHASE_GRANT_SECRET, ENTITLEMENT_ADMIN_TOKEN, SMDP_NOTIFICATION_TOKEN; never use this in production",
      );
      // The demo's SM-DP+ is the stand-in npm start runs; its activation codes carry its host and port.
      expect([config.smdpUrl, config.smdpAddress, config.smdpNotificationUrl]).toEqual([
        "http://127.0.0.1:4070",
        "127.0.0.1:4070",
        "http://127.0.0.1:0/es2plus/handleDownloadProgressInfo",
      ]);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it("When every secret is set, then the portal starts without demo values and says nothing about demo mode", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server, config } = await main({ ...base("real"), ...secrets, ...smdp });
    try {
      expect(config.demoSecrets).toEqual([]);
      expect(config.grantSecret).toBe(secrets.PURCHASE_GRANT_SECRET);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it("When started with SMDP_URL and the tokens, then an eSIM bought over HTTP is ordered on that SM-DP+ (with the ES2+ token) and its code carries the SM-DP+'s address", async () => {
    const smdp = await startSimulatedSmdp({
      port: 0,
      address: "smdp.main-test.example",
      profiles: profileOrder(1).map((iccid) => ({ iccid })),
      es2plusToken: "main-test-es2plus-token",
    });
    const { server, config } = await main({
      ...base("with-smdp"),
      ...secrets,
      SMDP_URL: smdp.url,
      SMDP_ES2PLUS_TOKEN: "main-test-es2plus-token",
    });
    try {
      expect(config.smdpAddress).toBe(new URL(smdp.url).host);
      const c = new Client(server.url);
      await c.signIn("919876543210");
      const form = await c.payForm("daily-1gb", "esim-inline");
      expect((await c.request("/pay", { form })).location).toBe("/done");
      const [iccid] = profileOrder(1);
      const remote = smdp.smdp.profile(iccid!);
      expect(remote?.state).toBe("Released");
      // The SM-DP+'s answer names its own address: the activation code carries it.
      expect((await c.request("/done")).text).toContain(`1$smdp.main-test.example$${remote?.matchingId}`);
    } finally {
      await server.close();
      await smdp.close();
    }
  });
});
