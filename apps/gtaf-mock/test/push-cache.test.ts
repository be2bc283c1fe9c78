import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  clientCredentials,
  createDpaApp,
  type DpaApp,
  HttpPlanStatusPusher,
  type PlanStatusPusher,
} from "@carrierkit/dpa-app";
import { createGtafClient, type PlanStatus } from "@carrierkit/gtaf";
import { OperatorCore, seedDemo } from "@carrierkit/operator-core";
import { freshStore, type TestStore } from "@carrierkit/operator-core/testing";
import { createLocalJWKSet } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSigner, DEMO_REGISTERED_MSISDNS, loadConfig, start, startGtafMock } from "../src/index.js";
import {
  ASHA,
  ASN,
  AUDIENCE,
  CLIENT,
  CPID_SECRET,
  exchanges,
  ISSUER,
  LENA,
  q,
  RAVI,
  type Stack,
  startStack,
} from "./harness.js";

const path = { clientId: "mobiledataplan", userKey: ASHA };

describe("the GTAF mock: a pushed plan status replaces what phones are served", () => {
  let h: Stack;
  beforeAll(async () => {
    h = await startStack();
    const reg = await h.gtaf.POST("/v1/registrations", { body: { msisdn: ASHA } });
    expect(reg.data?.live).toBe(true);
  });
  afterAll(async () => h.close());

  const ask = (lang?: string, userKey: string = ASHA) =>
    h.gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", {
      params: { path: { ...path, userKey }, query: q(), ...(lang ? { header: { "Accept-Language": lang } } : {}) },
    });
  const push = (planStatus: PlanStatus) =>
    new HttpPlanStatusPusher(h.mockServer.url, ASN, h.tokens()).push({
      clientId: "mobiledataplan",
      userKey: ASHA,
      planStatus,
    });

  it("When the DPA pushes after a purchase, then the phone's next answer has the new plans and balance at once", async () => {
    const before = await ask();
    expect(before.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(before.data?.plans.map((p) => p.planId)).toEqual(["starter-base"]);
    expect(before.data?.accountInfo?.accountBalance).toEqual({ currencyCode: "INR", units: "500", nanos: 0 });
    expect((await ask()).response.headers.get("x-gtaf-cache")).toBe("HIT");

    const bought = await h.gtaf.POST("/v1/clients/{clientId}/users/{userKey}/purchases", {
      params: { path, query: q() },
      body: { planId: "daily-1gb" },
    });
    expect(bought.data?.state).toBe("SUCCEEDED");
    expect(exchanges(h, "pushPlanStatus").map((e) => e.status)).toEqual([200]);

    // The clock has not moved: the DPA's first answer would still be fresh for 15 minutes.
    const after = await ask();
    expect(after.response.headers.get("x-gtaf-cache")).toBe("HIT");
    expect(after.data?.plans.map((p) => p.planId).sort()).toEqual(["daily-1gb", "starter-base"]);
    expect(after.data?.accountInfo?.accountBalance).toEqual({ currencyCode: "INR", units: "481", nanos: 0 });
    expect(after.data).toEqual(h.mock.pushed.get(`mobiledataplan|${ASHA}`));
    expect(exchanges(h, "getPlanStatus")).toHaveLength(1);
  });

  it("When a push arrives, then it replaces the cached answers of every language and serves phones that ask with a + key", async () => {
    h.clock.advance(900_000); // past the previous test's answers and push
    const hi = await ask("hi-IN");
    const en = await ask("en-US");
    expect([hi.data?.languageCode, en.data?.languageCode]).toEqual(["hi-IN", "en-US"]);
    const pushed: PlanStatus = {
      plans: [],
      languageCode: "hi-IN",
      expireTime: new Date(h.clock.now() + 600_000).toISOString(),
      updateTime: new Date(h.clock.now()).toISOString(),
      title: "pushed",
    };
    await push(pushed);
    for (const [lang, key] of [
      ["hi-IN", ASHA],
      ["en-US", `+${ASHA}`],
      ["pl-PL", ASHA],
    ] as const) {
      const r = await ask(lang, key);
      expect(r.response.headers.get("x-gtaf-cache")).toBe("HIT");
      expect(r.data).toEqual(pushed);
    }
    const calls = exchanges(h, "getPlanStatus").length;

    // Past the push's expireTime the phone's answer comes from the DPA again, not from the older cached answers.
    h.clock.advance(600_000);
    const later = await ask("hi-IN");
    expect(later.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(later.data?.title).not.toBe("pushed");
    expect(exchanges(h, "getPlanStatus")).toHaveLength(calls + 1);
  });

  it("When a pushed status has already expired, then it is not served and the DPA is asked", async () => {
    await ask("en-US");
    await push({
      plans: [],
      languageCode: "en-US",
      expireTime: new Date(h.clock.now() - 1).toISOString(),
      updateTime: new Date(h.clock.now() - 60_000).toISOString(),
      title: "stale",
    });
    const r = await ask("en-US");
    expect(r.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(r.data?.title).not.toBe("stale");
  });

  it("When GTAF clears the operator's cache, then pushed statuses go with it", async () => {
    await push({
      plans: [],
      languageCode: "en-US",
      expireTime: new Date(h.clock.now() + 600_000).toISOString(),
      updateTime: new Date(h.clock.now()).toISOString(),
      title: "pushed",
    });
    expect((await ask("en-US")).data?.title).toBe("pushed");
    h.mock.clearCache();
    const r = await ask("en-US");
    expect(r.response.headers.get("x-gtaf-cache")).toBe("MISS");
    expect(r.data?.title).not.toBe("pushed");
  });
});

describe("the GTAF mock: registrations at start", () => {
  const dirs: string[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it.each([
    ["demo mode", { CARRIERKIT_DEMO: "1" }, DEMO_REGISTERED_MSISDNS],
    [
      "demo mode with an explicit list",
      { CARRIERKIT_DEMO: "1", GTAF_REGISTER_MSISDNS: `${LENA}, +${ASHA}` },
      [LENA, `+${ASHA}`],
    ],
    ["an explicit list", { GTAF_REGISTER_MSISDNS: LENA }, [LENA]],
    ["neither", {}, []],
  ])("When the mock is configured with %s, then it registers those MSISDNs at start", (_, env, expected) => {
    expect(DEMO_REGISTERED_MSISDNS).toEqual([ASHA]);
    expect(loadConfig(env).registerMsisdns).toEqual(expected);
  });

  /** The reference DPA over a fresh store with demo data, trusting `jwks`, pushing to the URL `pushUrl()` gives. */
  const startDpa = async (jwks: { keys: unknown[] }, pushUrl: () => string) => {
    const store: TestStore = await freshStore("sqlite");
    const core = new OperatorCore(store.db);
    await seedDemo(core, Date.now(), CPID_SECRET);
    let tokens: (() => Promise<string>) | undefined;
    const pusher: PlanStatusPusher = {
      push: (update) => {
        tokens ??= clientCredentials(`${pushUrl()}/oauth2/token`, CLIENT.clientId, CLIENT.clientSecret);
        return new HttpPlanStatusPusher(pushUrl(), ASN, tokens).push(update);
      },
    };
    const dpa: DpaApp = createDpaApp({
      db: store.db,
      cpidSecret: CPID_SECRET,
      auth: { keys: createLocalJWKSet(jwks as never), issuer: ISSUER, audience: AUDIENCE },
      rateLimit: false,
      pusher,
    });
    const server: RunningServer = await startServer({ app: dpa.app, port: 0 });
    cleanups.push(async () => {
      await server.close();
      await dpa.stop();
      await store.cleanup();
    });
    return { core, server };
  };

  it("When the mock starts the way main does in demo mode, then the demo subscriber is registered and the DPA's first push is accepted", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), "gtaf-demo-"));
    dirs.push(dir);
    const keyFile = join(dir, "gtaf.jwk.json");
    const signer = await createSigner({ issuer: ISSUER, dpaAudience: AUDIENCE, keyFile });
    let mockUrl = "";
    const { core, server } = await startDpa(signer.publicJwks, () => mockUrl);
    const started = await start(
      {
        CARRIERKIT_DEMO: "1",
        GTAF_PORT: "0",
        GTAF_DPA_URL: server.url,
        GTAF_KEY_FILE: keyFile,
        GTAF_ISSUER: ISSUER,
        GTAF_DPA_AUDIENCE: AUDIENCE,
        GTAF_CLIENTS: `${CLIENT.clientId}:${CLIENT.clientSecret}`,
        GTAF_ASN: ASN,
        GTAF_POLL_INTERVAL_SECONDS: "3600",
        LOG_LEVEL: "silent",
      },
      { handleSignals: false },
    );
    cleanups.push(() => started.server.close());
    mockUrl = started.mock.publicUrl;

    const registered = await started.registered;
    expect(registered).toEqual([expect.objectContaining({ msisdn: ASHA, live: true })]);
    expect(await core.activeRegistration("sub-asha", Date.now())).toMatchObject({ msisdn: ASHA });

    const gtaf = createGtafClient({ baseUrl: mockUrl });
    const bought = await gtaf.POST("/v1/clients/{clientId}/users/{userKey}/purchases", {
      params: { path, query: q() },
      body: { planId: "daily-1gb" },
    });
    expect(bought.data?.state).toBe("SUCCEEDED");
    const pushes = started.mock.recorder.list().filter((e) => e.operation === "pushPlanStatus");
    expect(pushes.map((e) => e.status)).toEqual([200]);
    const status = await gtaf.GET("/v1/clients/{clientId}/users/{userKey}/planStatus", {
      params: { path, query: q() },
    });
    expect(status.response.headers.get("x-gtaf-cache")).toBe("HIT");
    expect(status.data?.plans.map((p) => p.planId)).toContain("daily-1gb");
  });

  it("When the DPA is not reachable yet at start, then the registrations wait for it; a refusal is not retried", async () => {
    const signer = await createSigner({ issuer: ISSUER, dpaAudience: AUDIENCE });
    const { server } = await startDpa(signer.publicJwks, () => "http://127.0.0.1:9");
    let refused = 0;
    const attempts: string[] = [];
    // The first call finds no DPA listening (as under `npm start`, where the DPA starts after the mock), the second
    // a DPA still starting up (503 with Retry-After).
    const flaky = (async (input: Request, init?: RequestInit) => {
      attempts.push(new URL(input.url).pathname);
      refused += 1;
      if (refused === 1) throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      if (refused === 2)
        return new Response(JSON.stringify({ error: "Starting up.", cause: "SERVICE_UNAVAILABLE" }), {
          status: 503,
          headers: { "Content-Type": "application/json", "Retry-After": "0" },
        });
      return fetch(input, init);
    }) as typeof fetch;
    const started = await startGtafMock({
      dpaUrl: server.url,
      signer,
      operatorId: ASN,
      port: 0,
      background: false,
      fetch: flaky,
    });
    cleanups.push(() => started.server.close());
    const registered = await started.mock.registerAtStart([ASHA, RAVI, LENA], { retryMs: 1 });
    expect(registered.map((r) => r.msisdn)).toEqual([ASHA, LENA]);
    expect(attempts).toEqual(["/register", "/register", "/register", "/register", "/register"]);
    expect(started.mock.state().registrations.map((r) => r.msisdn)).toEqual([ASHA, LENA]);
  });

  it("When the mock stops while a registration waits for the DPA, then the wait ends", async () => {
    const signer = await createSigner({ issuer: ISSUER, dpaAudience: AUDIENCE });
    const started = await startGtafMock({
      dpaUrl: "http://127.0.0.1:9",
      signer,
      port: 0,
      background: false,
      fetch: (async () => {
        throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      }) as typeof fetch,
    });
    const waiting = started.mock.registerAtStart([ASHA], { retryMs: 60_000 });
    await started.server.close();
    await expect(waiting).resolves.toEqual([]);
  });
});
