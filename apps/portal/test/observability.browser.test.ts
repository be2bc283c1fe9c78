import { readMetric } from "@carrierkit/contract-runtime/node";
import { describe, expect, it } from "vitest";
import { browserStack, buy, session } from "./harness.js";
import { Client } from "./http.js";

const fx = browserStack();

const scrape = async () => {
  const res = await fetch(`${fx.portal}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
};

describe("operator portal: health, metrics and unknown paths", () => {
  it.each(["/healthz", "/health"])("When %s is called, then it answers 200 ok for the portal", async (path) => {
    const res = await fetch(`${fx.portal}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", service: "portal" });
  });

  it.each([
    ["GET", "/nope"],
    ["GET", "/plans/919876543210"],
    ["POST", "/nope"],
  ])(
    "When %s %s is called (same origin, with the session's CSRF token), then the portal answers 404 with its error page",
    async (method, path) => {
      // A POST without the token is refused as a forgery (403) before routing, so it tells nothing about which paths exist.
      const c = new Client(fx.portal);
      const res = await c.request(path, method === "POST" ? { form: { _csrf: await c.csrf() } } : {});
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.text).toContain('<p class="error" id="error">No such page.</p>');
    },
  );

  it("When a POST to an unknown path carries no CSRF token, then it is refused with 403 before routing", async () => {
    const res = await fetch(`${fx.portal}/nope`, { method: "POST" });
    expect(res.status).toBe(403);
  });

  it("When purchases are made in the fx.browser, then portal_purchases_total counts them by kind and result", async () => {
    const before = await scrape();
    const plans = await session(fx.browser, undefined);
    await buy(plans.page, fx.portal, { plan: "daily-1gb", flow: "balance" });
    await plans.context.close();

    const android = await session(fx.browser, { allowedOrigins: [fx.portal], bridges: ["dataBoost"] });
    await android.page.goto(`${fx.portal}/boost?encodedValue=${fx.stack.grant("sub-lena")}`);
    await android.page.click("#offer-boost-1h");
    await android.host!.waitFor((m) => m.kind === "call" && m.method === "notifyPurchaseFailed");
    await android.context.close();

    const after = await scrape();
    const delta = (labels: Record<string, string>) =>
      readMetric(after, "portal_purchases_total", labels) - readMetric(before, "portal_purchases_total", labels);
    expect({
      plan: delta({ kind: "mobile-plans", result: "succeeded" }),
      boost: delta({ kind: "data-boost", result: "FAILURE_CODE_PAYMENT_FAILED" }),
    }).toEqual({ plan: 1, boost: 1 });
    expect(readMetric(after, "http_requests_total", { operation: "/pay", method: "POST", status: "303" })).toBe(1);
    expect(readMetric(after, "http_requests_total", { operation: "/boost/purchase", method: "POST" })).toBe(1);
    expect(readMetric(after, "http_requests_total", { operation: "(unmatched)", status: "404" })).toBeGreaterThan(0);
    expect(after).not.toContain("919876543210");
  });
});
