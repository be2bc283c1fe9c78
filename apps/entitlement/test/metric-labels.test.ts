import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Ecs, startEcs } from "./harness.js";

const operations = (metrics: string) =>
  new Set(
    metrics
      .split("\n")
      .filter((l) => l.startsWith("http_requests_total{"))
      .map((l) => /operation="([^"]*)"/.exec(l)?.[1]),
  );

describe("reference entitlement server: metric labels of the admin API under hostile spellings", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs();
  });
  afterAll(async () => h.close());

  it("When the admin API is called as /ADMIN, /Admin/ and with failing bodies, then every label is one of its four route templates", async () => {
    const auth = { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" };
    for (const mount of ["/admin", "/ADMIN", "/Admin", "/aDmIn"]) {
      await (await fetch(`${h.server.url}${mount}/subscribers`, { headers: auth })).text();
      await (await fetch(`${h.server.url}${mount}/SUBSCRIBERS/sub-ben`, { headers: auth })).text();
      await (await fetch(`${h.server.url}${mount}/subscribers/sub-ben`)).text();
      for (const body of ['{"entitlementStatus":"x"}', "{", '{"entitlementStatus":1,"provStatus":0}'])
        await (
          await fetch(`${h.server.url}${mount}/subscribers/sub-ben/data-boost`, { method: "PUT", headers: auth, body })
        ).text();
      await (
        await fetch(`${h.server.url}${mount}/subscribers/nobody/data-boost/purchase`, { method: "POST", headers: auth })
      ).text();
    }
    const templates = [
      "/admin/subscribers",
      "/admin/subscribers/:id",
      "/admin/subscribers/:id/data-boost",
      "/admin/subscribers/:id/data-boost/purchase",
    ];
    const labels = operations(await (await fetch(`${h.server.url}/metrics`)).text());
    // The harness's warm-up request is the only TS.43 one.
    expect([...labels].sort()).toEqual([...templates, "getEntitlementConfiguration"]);
  });
});
