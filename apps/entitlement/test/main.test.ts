import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { start as main } from "../src/main.js";

// Starting the entitlement server from the environment: no secret has a built-in default outside CARRIERKIT_DEMO=1.
const dir = mkdtempSync(join(tmpdir(), "carrierkit-entitlement-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (name: string) => ({
  ENTITLEMENT_PORT: "0",
  ENTITLEMENT_SQLITE_PATH: join(dir, `${name}.db`),
  ENTITLEMENT_SEED_DEMO: "0",
  LOG_LEVEL: "silent",
});
const secrets = {
  ENTITLEMENT_ADMIN_TOKEN: "a-real-admin-token-0123456789",
  PURCHASE_GRANT_SECRET: "a-real-grant-secret-0123456789",
};

describe("entitlement main()", () => {
  it.each(Object.keys(secrets))(
    "When %s is missing outside demo mode, then main() rejects naming it",
    async (missing) => {
      const env: NodeJS.ProcessEnv = { ...base(`missing-${missing}`), ...secrets };
      delete env[missing];
      await expect(main(env)).rejects.toThrow(new RegExp(`^${missing} is not set .*CARRIERKIT_DEMO=1`));
    },
  );

  it("When CARRIERKIT_DEMO=1 and no secret is set, then it starts with demo secrets and says so", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server, config, adminToken } = await main({ ...base("demo"), CARRIERKIT_DEMO: "1" });
    try {
      expect(config.demoSecrets).toEqual(["ENTITLEMENT_ADMIN_TOKEN", "PURCHASE_GRANT_SECRET"]);
      expect(adminToken.length).toBeGreaterThanOrEqual(16);
      expect(warn).toHaveBeenCalledWith(
        "entitlement: demo mode (CARRIERKIT_DEMO=1): demo values for ENTITLEMENT_ADMIN_TOKEN, PURCHASE_GRANT_SECRET; never use this in production",
      );
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });

  it("When the secrets are set, then it uses them and says nothing about demo mode", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { server, config } = await main({ ...base("real"), ...secrets });
    try {
      expect([config.adminToken, config.grantSecret, config.demoSecrets]).toEqual([
        secrets.ENTITLEMENT_ADMIN_TOKEN,
        secrets.PURCHASE_GRANT_SECRET,
        [],
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await server.close();
    }
  });
});
