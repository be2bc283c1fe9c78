import { TestClock } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_POLICY } from "../src/session.js";
import { Stack } from "./harness.js";
import { Client, field, pageData } from "./http.js";

// CSRF, sessions and escaping of the portal, over real HTTP (port 0) on a real SQLite store.
let stack: Stack;
let portal: string;

beforeAll(async () => {
  stack = await Stack.start();
  portal = await stack.portal();
});
afterAll(async () => {
  await stack?.close();
});

const ASHA = "919876543210";
const wallet = async (sub: string) => (await stack.core.wallet(sub))?.balanceNanos;

describe("CSRF protection of every state-changing route", () => {
  type Route = { path: string; body: (c: Client) => Promise<{ form?: Record<string, string>; json?: unknown }> };
  const routes: Route[] = [
    { path: "/signin", body: async () => ({ form: { msisdn: ASHA } }) },
    { path: "/signup", body: async () => ({ form: { name: "Eve", msisdn: "919800001234" } }) },
    { path: "/signout", body: async () => ({ form: {} }) },
    { path: "/wallet/top-up", body: async () => ({ form: { plan: "daily-1gb", flow: "balance" } }) },
    {
      path: "/pay",
      body: async (c) => {
        const { _csrf, ...form } = await c.payForm("daily-1gb", "balance");
        return { form };
      },
    },
    { path: "/api/esim/events", body: async () => ({ json: { kind: "activation", iccid: "89", result: "Success" } }) },
    { path: "/api/esim/release", body: async () => ({ json: { iccid: "89" } }) },
    { path: "/api/esim/cancel", body: async () => ({ json: { iccid: "89" } }) },
  ];
  const attacks: Array<[string, (c: Client) => Promise<Record<string, string>>]> = [
    [
      "Origin: https://evil.example (with the right token)",
      async (c) => ({ origin: "https://evil.example", token: await c.csrf() }),
    ],
    ["Origin: null (with the right token)", async (c) => ({ origin: "null", token: await c.csrf() })],
    [
      "a Referer from https://evil.example and no Origin",
      async (c) => ({ origin: "", referer: "https://evil.example/x", token: await c.csrf() }),
    ],
    ["no token", async () => ({})],
    ["a wrong token", async () => ({ token: "forged-token-forged-token-forged-token-00" })],
    ["another session's token", async () => ({ token: await new Client(portal).csrf() })],
  ];
  const cases = routes.flatMap((r) => attacks.map(([name, attack]) => [r.path, name, r, attack] as const));

  it.each(cases)(
    "When POST %s arrives with %s, then it is refused with 403 and changes nothing",
    async (_p, _n, route, attack) => {
      const c = new Client(portal);
      await c.signIn(ASHA);
      const before = await wallet("sub-asha");
      const { origin, referer, token } = await attack(c);
      const { form, json } = await route.body(c);
      const headers: Record<string, string> = {};
      if (origin !== undefined) headers.origin = origin;
      if (referer) headers.referer = referer;
      const res = json
        ? await c.request(route.path, { json, headers: { ...headers, ...(token ? { "x-csrf-token": token } : {}) } })
        : await c.request(route.path, { form: { ...form, ...(token ? { _csrf: token } : {}) }, headers });
      expect(res.status).toBe(403);
      if (json) expect(res.json()).toMatchObject({ ok: false, code: "CSRF" });
      else expect(res.text).toMatch(/another site/);
      expect(await wallet("sub-asha")).toBe(before);
      // Still signed in: the refused sign-out did nothing.
      expect((await c.request("/plans")).status).toBe(200);
    },
  );

  it("When the same forms come from the portal's own origin with the session's token, then they work", async () => {
    const c = new Client(portal);
    await c.signIn(ASHA);
    const before = (await wallet("sub-asha")) ?? 0n;
    const top = await c.request("/wallet/top-up", {
      form: { _csrf: await c.csrf("/plans"), plan: "daily-1gb", flow: "balance" },
    });
    expect([top.status, top.location]).toEqual([303, "/pay?plan=daily-1gb&flow=balance"]);
    expect(await wallet("sub-asha")).toBe(before + 500_000_000_000n);
  });

  it.each([
    ["Origin: https://evil.example", { origin: "https://evil.example" }, true],
    ["Origin: null", { origin: "null" }, true],
    ["no page token", {}, false],
  ])(
    "When the data-boost purchase is posted with %s, then it is refused with 403 and nothing is charged",
    async (_n, headers, withToken) => {
      const c = new Client(portal);
      const page = await c.request(`/boost?encodedValue=${stack.grant("sub-ravi")}`);
      const data = pageData(page.text);
      const before = await wallet("sub-ravi");
      const res = await c.request("/boost/purchase", {
        json: { token: data.token, offer: "boost-1h" },
        headers: { ...headers, ...(withToken ? { "x-csrf-token": String(data.csrf) } : {}) },
      });
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ ok: false });
      expect(await wallet("sub-ravi")).toBe(before);
    },
  );
});

describe("Sessions", () => {
  it("When a signed-in session is idle past the limit, then it ends; activity before that keeps it alive", async () => {
    const clock = new TestClock();
    const url = await stack.portal({}, { clock: clock.now, session: { idleMs: 10 * 60_000, absoluteMs: 3600_000 } });
    const c = new Client(url);
    await c.signIn(ASHA);
    clock.advance(9 * 60_000);
    expect((await c.request("/plans")).status).toBe(200);
    clock.advance(9 * 60_000);
    expect((await c.request("/plans")).status).toBe(200);
    clock.advance(10 * 60_000);
    const res = await c.request("/plans");
    expect([res.status, res.location]).toEqual([
      303,
      `/?error=${encodeURIComponent("Your session has expired: sign in again.")}`,
    ]);
  });

  it("When a session is older than the absolute limit, then it ends however active it was", async () => {
    const clock = new TestClock();
    const url = await stack.portal({}, { clock: clock.now, session: { idleMs: 10 * 60_000, absoluteMs: 3600_000 } });
    const c = new Client(url);
    await c.signIn(ASHA);
    for (let i = 0; i < 6; i++) {
      clock.advance(9 * 60_000);
      expect((await c.request("/plans")).status).toBe(200);
    }
    clock.advance(7 * 60_000);
    expect((await c.request("/plans")).status).toBe(303);
  });

  it("When Asha signs out, then a copy of her cookie is dead on this and on another portal instance sharing the store", async () => {
    const other = await stack.portal();
    const c = new Client(portal);
    await c.signIn(ASHA);
    const stolen = c.cookie;
    const elsewhere = Object.assign(new Client(other), { cookie: stolen });
    expect((await elsewhere.request("/plans")).status).toBe(200);
    const out = await c.request("/signout", { form: { _csrf: await c.csrf("/plans") } });
    expect(out.status).toBe(303);
    for (const base of [portal, other]) {
      const thief = Object.assign(new Client(base), { cookie: stolen });
      const res = await thief.request("/plans");
      expect([res.status, res.location?.startsWith("/?error=")]).toEqual([303, true]);
    }
    expect((await c.request("/plans")).status).toBe(303);
  });

  it("When the signed-in pages render, then they offer a sign-out button (a CSRF-protected POST)", async () => {
    const c = new Client(portal);
    await c.signIn(ASHA);
    const plans = await c.request("/plans");
    expect(plans.text).toMatch(
      /<form method="post" action="\/signout" class="inline"><input type="hidden" name="_csrf" value="[^"]+">/,
    );
  });

  it.each([
    ["plain http", {}, {}, false],
    ["https behind a trusted proxy", { trustProxy: true }, { "x-forwarded-proto": "https" }, true],
    ["X-Forwarded-Proto from an untrusted client", {}, { "x-forwarded-proto": "https" }, false],
  ])(
    "When the portal is reached over %s, then the session cookie is HttpOnly, SameSite=Lax and Secure only over https",
    async (_n, options, headers, secure) => {
      const url = await stack.portal({}, options);
      const c = new Client(url);
      await c.request("/", { headers });
      const cookie = c.lastSetCookie.find((s) => s.startsWith("portal_session="))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(/; Secure/.test(cookie)).toBe(secure);
    },
  );

  it("When no session policy is given, then sessions last 30 minutes idle and 12 hours at most", () => {
    expect(DEFAULT_SESSION_POLICY).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 });
  });
});

describe("Escaping of user-supplied strings", () => {
  const hostile = `<script>alert(1)</script><img src=x onerror="alert(2)">'&`;

  it("When a customer signs up with markup in the name, then the signed-in pages show it as text", async () => {
    const c = new Client(portal);
    const csrf = await c.csrf();
    const res = await c.request("/signup", { form: { _csrf: csrf, name: hostile, msisdn: "919811112222" } });
    expect(res.location).toBe("/plans");
    const plans = await c.request("/plans");
    expect(plans.text).toContain(
      "Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&amp;.",
    );
    expect(plans.text).not.toContain("<img src=x");
    expect(plans.text).not.toContain("<script>alert");
  });

  it.each([
    ["/?error=", "the sign-in page's message"],
    ["/plans?error=", "the plans page's message"],
  ])("When %s carries markup, then %s is escaped", async (path) => {
    const c = new Client(portal);
    await c.signIn(ASHA);
    const res = await c.request(`${path}${encodeURIComponent(hostile)}`);
    expect(res.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(res.text).not.toContain("<script>alert");
  });

  it("When launch parameters carry markup, then the page data cannot close its script element", async () => {
    const c = new Client(portal);
    const res = await c.request(`/?transactionId=${encodeURIComponent("</script><script>alert(1)</script>")}`);
    expect(res.text).not.toContain("</script><script>alert");
    expect(field(res.text, "_csrf")).toBeTruthy();
  });
});

describe("Hostile input", () => {
  type Case = {
    name: string;
    path: string;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    signedIn?: boolean;
    status: number;
    /** JSON error body's code, or a text of the HTML error page. */
    json?: string;
    html?: RegExp;
  };
  const big = `name=${"x".repeat(20_000)}&msisdn=919812345000`;
  const cases: Case[] = [
    {
      name: "bad percent-encoding in the boost page's user data",
      path: "/boost?encodedValue=%E0%A4%A",
      status: 400,
      html: /id="failure">The user data is malformed/,
    },
    {
      name: "bad JSON to /boost/purchase",
      path: "/boost/purchase",
      body: "{",
      headers: { "content-type": "application/json" },
      status: 400,
      json: "FAILURE_CODE_UNKNOWN",
    },
    {
      name: "a 20 KB JSON body to /boost/purchase",
      path: "/boost/purchase",
      body: JSON.stringify({ token: "x".repeat(20_000) }),
      headers: { "content-type": "application/json" },
      status: 413,
      json: "FAILURE_CODE_UNKNOWN",
    },
    {
      name: "a 20 KB body opening the boost page by POST",
      path: "/boost",
      body: "x".repeat(20_000),
      headers: { "content-type": "application/json" },
      status: 413,
      html: /larger than this server accepts/,
    },
    {
      name: "an oversized /signup form",
      path: "/signup",
      body: big,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 413,
      html: /larger than this server accepts/,
    },
    {
      name: "a latin1 sign-in form",
      path: "/signin",
      body: "msisdn=919876543210",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=latin1" },
      status: 415,
      html: /not supported/,
    },
    {
      name: "a form with an unknown content encoding",
      path: "/signin",
      body: "msisdn=1",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-encoding": "x-unknown" },
      status: 415,
      html: /not supported/,
    },
    {
      name: "bad JSON to /api/esim/events",
      path: "/api/esim/events",
      body: "{nope",
      headers: { "content-type": "application/json" },
      signedIn: true,
      status: 400,
      json: "HTTP_400",
    },
    {
      name: "a JSON array to /api/esim/release",
      path: "/api/esim/release",
      body: "[1,2]",
      headers: { "content-type": "application/json" },
      signedIn: true,
      status: 403,
      json: "CSRF",
    },
    {
      name: "an unknown flow on /pay",
      path: "/pay?plan=daily-1gb&flow=%3Cscript%3E",
      method: "GET",
      signedIn: true,
      status: 400,
      html: /Unknown flow/,
    },
    {
      name: "an array as the plan",
      path: "/pay?plan=a&plan=b&flow=balance",
      method: "GET",
      signedIn: true,
      status: 404,
      html: /Unknown plan/,
    },
    {
      name: "a POST /pay without an intent",
      path: "/pay",
      body: "plan=daily-1gb&flow=balance",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      signedIn: true,
      status: 400,
      html: /incomplete/,
    },
    { name: "an unknown page", path: "/nope%E0%A4%A", method: "GET", status: 404, html: /No such page/ },
  ];

  it.each(cases.map((c) => [c.name, c] as const))(
    "When the portal gets %s, then it answers 4xx in its error shape, never 5xx",
    async (_n, c) => {
      const client = new Client(portal);
      if (c.signedIn) await client.signIn(ASHA);
      let body = c.body;
      if (c.signedIn && body && c.headers?.["content-type"]?.startsWith("application/x-www-form-urlencoded"))
        body = `${body}&_csrf=${encodeURIComponent(await client.csrf("/plans"))}`;
      const res = await client.request(c.path, {
        method: c.method ?? (body ? "POST" : "GET"),
        body,
        headers: c.headers,
      });
      expect(res.status).toBe(c.status);
      if (c.json) expect(res.json()).toEqual({ ok: false, code: c.json, reason: expect.any(String) });
      if (c.html) {
        expect(res.headers.get("content-type")).toMatch(/^text\/html/);
        expect(res.text).toMatch(c.html);
      }
    },
  );

  it("When the boost page is opened with user data, then it names the requested capability (no number) and shows no internal labels", async () => {
    const c = new Client(portal);
    const boost = await c.request(`/boost?encodedValue=${stack.grant("sub-asha")}`);
    expect(boost.text).toContain('<p id="capability">Requested capability: PRIORITIZE_LATENCY</p>');
    const samples = await c.request("/samples");
    expect(samples.text).not.toMatch(/seed\d{3}/);
    expect(samples.text).toContain("Inline eSIM download (current API sample)");
  });
});
