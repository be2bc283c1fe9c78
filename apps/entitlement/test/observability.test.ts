import { readMetric } from "@carrierkit/contract-runtime/node";
import { demoSims } from "@carrierkit/operator-core";
import { EAP_RELAY_MEDIA_TYPE } from "@carrierkit/ts43";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Ecs, startEcs } from "./harness.js";

const scrape = async (h: Ecs) => {
  const res = await fetch(`${h.server.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

describe("reference entitlement server: health, metrics and unknown paths", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs();
  });
  afterAll(async () => h.close());

  it("When /healthz is called, then it answers 200 ok for the entitlement server", async () => {
    const res = await fetch(`${h.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", service: "entitlement" });
  });

  it.each(["/nope", "/v1/entitlement", "/healthz/x"])(
    "When %s is called, then it answers 404 in the TS.43 error body",
    async (path) => {
      const res = await fetch(`${h.server.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "No such operation." });
    },
  );

  it("When EAP-AKA exchanges run, then entitlement_eap_aka_rounds_total counts every round by outcome", async () => {
    const before = await scrape(h);
    // A full authentication, a resynchronisation then success, and a device that rejects the network (wrong K).
    await h.client(h.usim(1, 0n)).getConfiguration(["ap2010"]);
    await h.client(h.usim(3, 0x0001_0000n)).getConfiguration(["ap2010"]);
    await expect(
      h.client(h.usim(0, 0n, "0396eb317b6d1c36f19c1c84cd6ffd16")).getConfiguration(["ap2010"]),
    ).rejects.toMatchObject({ status: 403 });
    // A relayed packet with no exchange in progress.
    const orphan = await fetch(h.url, {
      method: "POST",
      headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Accept: EAP_RELAY_MEDIA_TYPE },
      body: JSON.stringify({ "eap-relay-packet": "AgEACBcCAAA=" }),
    });
    expect(orphan.status).toBe(511);
    const after = await scrape(h);
    const delta = (outcome: string) =>
      readMetric(after, "entitlement_eap_aka_rounds_total", { outcome }) -
      readMetric(before, "entitlement_eap_aka_rounds_total", { outcome });
    expect(
      Object.fromEntries(["challenge", "resync", "success", "failure", "no_session"].map((o) => [o, delta(o)])),
    ).toEqual({
      challenge: 3,
      resync: 1,
      success: 2,
      failure: 1,
      no_session: 1,
    });
    expect(
      readMetric(after, "http_requests_total", { operation: "postEntitlementRequest", method: "POST", status: "511" }),
    ).toBeGreaterThan(0);
    expect(
      readMetric(after, "http_requests_total", {
        operation: "getEntitlementConfiguration",
        method: "GET",
        status: "200",
      }),
    ).toBeGreaterThan(0);
  });

  it("When the admin API is called with a subscriber id, then it is labelled by its route template", async () => {
    expect((await h.admin("/subscribers/sub-asha")).status).toBe(200);
    expect((await fetch(`${h.server.url}/admin/subscribers/sub-ben`)).status).toBe(401);
    const text = await scrape(h);
    expect(
      readMetric(text, "http_requests_total", { operation: "/admin/subscribers/:id", method: "GET", status: "200" }),
    ).toBe(1);
    expect(text).not.toContain("sub-asha");
    for (const sim of demoSims) expect(text).not.toContain(sim.imsi);
    expect(text).not.toContain(ADMIN);
  });
});

describe("reference entitlement server: health of the store", () => {
  it("When the store is closed, then /healthz answers 503 degraded naming it", async () => {
    const h = await startEcs();
    try {
      await h.db.close();
      const res = await fetch(`${h.server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "degraded", service: "entitlement", failed: ["store"] });
    } finally {
      await h.server.close();
      await h.store.cleanup().catch(() => undefined);
    }
  });
});
