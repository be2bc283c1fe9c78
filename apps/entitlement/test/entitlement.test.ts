import { dialects } from "@carrierkit/operator-core/testing";
import { decodeEap, EAP_RELAY_MEDIA_TYPE, EapAkaPeer, rootNai, Ts43ClientError } from "@carrierkit/ts43";
import { decodeUrsp, parseHex } from "@carrierkit/ursp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PurchaseGrantCodec } from "../src/index.js";
import { androidParams, type Ecs, GRANT_SECRET, startEcs } from "./harness.js";

describe.each(dialects)("reference entitlement server on %s", (dialect) => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs(dialect);
  });
  afterAll(async () => h.close());

  it("When Android's slicing client asks exactly as AOSP does, then full EAP-AKA ends in JSON with the ap2010 object", async () => {
    // GET with EAP_ID and only the eap-relay Accept type, as Android 14 GA/QPR1 sends it.
    const usim = h.usim(0);
    const identity = rootNai(usim.imsi, 2);
    const q = new URLSearchParams({ EAP_ID: identity, ...androidParams });
    const first = await fetch(`${h.url}?${q}`, { headers: { Accept: EAP_RELAY_MEDIA_TYPE } });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain(EAP_RELAY_MEDIA_TYPE);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toMatch(/^ECS_SESSION=[0-9a-f]{32}$/);
    const challenge = Buffer.from(
      ((await first.json()) as { "eap-relay-packet": string })["eap-relay-packet"],
      "base64",
    );
    expect(decodeEap(challenge)).toMatchObject({ code: 1, type: 23, subtype: 1 });

    const peer = new EapAkaPeer(usim, identity);
    const answer = peer.handle(challenge);
    if (answer.kind !== "response") throw new Error("expected an EAP response");
    const final = await fetch(h.url, {
      method: "POST",
      headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Accept: EAP_RELAY_MEDIA_TYPE, Cookie: cookie },
      body: JSON.stringify({ "eap-relay-packet": Buffer.from(answer.packet).toString("base64") }),
    });
    expect(final.status).toBe(200);
    expect(final.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await final.json()) as Record<string, Record<string, string>>;
    // JSON numbers, as seed 003 types them (int); the XML form carries text.
    expect(doc.ap2010).toMatchObject({
      EntitlementStatus: 1,
      ProvStatus: 0,
      ServiceFlow_URL: "http://127.0.0.1:4040/boost",
      ServiceFlow_ContentsType: "json",
    });
    const grant = doc.ap2010!.ServiceFlow_UserData!;
    expect(grant).toMatch(/^encodedValue=[A-Za-z0-9+/]+=*$/);
    expect(new PurchaseGrantCodec(GRANT_SECRET).decode(grant, h.clock.now() / 1000)).toMatchObject({
      sub: "sub-asha",
      cap: 34,
    });
    expect(doc.Token?.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("When the client holds a token, then it is reused until it expires and then EAP-AKA runs again", async () => {
    const client = h.client(h.usim(1, 0n));
    const first = await client.getConfiguration(["ap2010"], { boost_type: "0" });
    expect([first.authenticatedWith, first.rounds]).toEqual(["eap-aka", 1]);
    const second = await client.getConfiguration(["ap2010"]);
    expect(second.authenticatedWith).toBe("token");
    h.clock.advance(86_400_000);
    // The client still believes its token (its own clock says it has just expired) — force the server check:
    const raw = await fetch(
      `${h.url}?vers=0&entitlement_version=12.0&app=ap2010&terminal_id=1&IMSI=001010000000002&token=${first.document.token!.token}`,
    );
    expect(raw.status).toBe(511);
    const third = await client.getConfiguration(["ap2010"]);
    expect(third.authenticatedWith).toBe("eap-aka");
  });

  it("When the USIM's SQN is ahead of the network's, then it resynchronises from AUTS and succeeds in a second round", async () => {
    const ahead = 0x0001_0000n;
    const client = h.client(h.usim(3, ahead));
    const result = await client.getConfiguration(["ap2010"]);
    expect([result.authenticatedWith, result.rounds]).toEqual(["eap-aka", 2]);
    expect((await h.ent.sim("001010000000004"))!.sqn).toBe(ahead + 32n);
    expect(result.document.apps.ap2010).toMatchObject({ EntitlementStatus: "1", ProvStatus: "1" });
  });

  it("When the USIM has the wrong K, then the device rejects the network and the server answers 403", async () => {
    const client = h.client(h.usim(0, 0n, "0396eb317b6d1c36f19c1c84cd6ffd16"));
    await expect(client.getConfiguration(["ap2010"])).rejects.toMatchObject({ status: 403 });
  });

  it("When the client asks for XML by POST with AOSP's bracketed app list, then it gets the wap-provisioningdoc for both apps", async () => {
    const client = h.client(h.usim(0), { format: "xml", method: "POST" });
    const res = await fetch(h.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/vnd.wap.connectivity-xml" },
      body: JSON.stringify({
        vers: 0,
        entitlement_version: "12.0",
        terminal_id: "1",
        app: "[ap2003,ap2010]",
        token: "nope",
      }),
    });
    expect(res.status).toBe(511);
    const result = await client.getConfiguration(["ap2003", "ap2010"]);
    expect(Object.keys(result.document.apps)).toEqual(["ap2003", "ap2010"]);
    expect(result.document.apps.ap2003).toEqual({ EntitlementStatus: "0" });
    expect(result.document.token?.validity).toBe("86400");
  });
});

describe("reference entitlement server: rejections", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs();
  });
  afterAll(async () => h.close());

  const get = (q: Record<string, string>) =>
    fetch(`${h.url}?${new URLSearchParams(q)}`, { headers: { Accept: "application/json" } });

  it.each([
    ["no authentication at all", { ...androidParams }, 511],
    ["an unknown token", { ...androidParams, token: "x" }, 511],
    ["a temporary token", { ...androidParams, temporary_token: "x" }, 501],
    [
      "an unsupported entitlement_version",
      {
        ...androidParams,
        entitlement_version: "99.0",
        EAP_ID: "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org",
      },
      406,
    ],
    [
      "no terminal_id",
      {
        vers: "0",
        entitlement_version: "2.0",
        app: "ap2010",
        EAP_ID: "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org",
      },
      400,
    ],
    ["no entitlement_version", { vers: "0", app: "ap2010", terminal_id: "1" }, 400],
    ["a malformed EAP_ID", { ...androidParams, EAP_ID: "001010000000001@example.org" }, 400],
    ["an unknown IMSI", { ...androidParams, EAP_ID: "0001019999999999@nai.epc.mnc001.mcc001.3gppnetwork.org" }, 403],
    ["an app that is not an AppID", { ...androidParams, app: "slicing" }, 400],
  ])("When the request has %s, then the server answers %i with a JSON error", async (_, q, status) => {
    const res = await get(q as Record<string, string>);
    expect(res.status).toBe(status);
    expect(typeof ((await res.json()) as { error: string }).error).toBe("string");
  });

  it.each([
    ["no session cookie", undefined, JSON.stringify({ "eap-relay-packet": "AgEACBcBAAA=" }), EAP_RELAY_MEDIA_TYPE, 511],
    ["a body that is not JSON", "ECS_SESSION=x", "{", EAP_RELAY_MEDIA_TYPE, 400],
    [
      "a packet that is not base64",
      "ECS_SESSION=x",
      JSON.stringify({ "eap-relay-packet": "***" }),
      EAP_RELAY_MEDIA_TYPE,
      400,
    ],
    ["a text body", undefined, "hello", "text/plain", 415],
  ])("When the relay POST has %s, then the server answers %i", async (_, cookie, body, type, status) => {
    const res = await fetch(h.url, {
      method: "POST",
      headers: { "Content-Type": type, ...(cookie ? { Cookie: cookie } : {}) },
      body,
    });
    expect(res.status).toBe(status);
  });

  it("When EAP_ID carries a raw or an encoded @, then both start EAP-AKA", async () => {
    const nai = "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org";
    const base = `${h.url}?vers=0&entitlement_version=2.0&app=ap2010&terminal_id=1&EAP_ID=`;
    for (const url of [base + nai, base + encodeURIComponent(nai)]) {
      const res = await fetch(url, { headers: { Accept: EAP_RELAY_MEDIA_TYPE } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Record<string, string>)["eap-relay-packet"]).toMatch(/^AQ/);
    }
  });

  it("When the relayed EAP packet is garbage inside a live session, then the server answers 400 and ends the session", async () => {
    const q = new URLSearchParams({
      ...androidParams,
      EAP_ID: "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org",
    });
    const first = await fetch(`${h.url}?${q}`);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    await first.body?.cancel();
    const post = (packet: string) =>
      fetch(h.url, {
        method: "POST",
        headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Cookie: cookie },
        body: JSON.stringify({ "eap-relay-packet": packet }),
      });
    expect((await post("AgEAAw==")).status).toBe(400);
    expect((await post("AgEAAw==")).status).toBe(511);
  });

  it("When the EAP session is older than its lifetime, then the relay answers 511", async () => {
    const q = new URLSearchParams({
      ...androidParams,
      EAP_ID: "0001010000000001@nai.epc.mnc001.mcc001.3gppnetwork.org",
    });
    const first = await fetch(`${h.url}?${q}`);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    await first.body?.cancel();
    h.clock.advance(61_000);
    const res = await fetch(h.url, {
      method: "POST",
      headers: { "Content-Type": EAP_RELAY_MEDIA_TYPE, Cookie: cookie },
      body: JSON.stringify({ "eap-relay-packet": "AgEAAw==" }),
    });
    expect(res.status).toBe(511);
    expect(new Ts43ClientError(511, "x").status).toBe(511);
  });
});

describe("reference entitlement server: the data-boost table and the admin API", () => {
  let h: Ecs;
  beforeAll(async () => {
    h = await startEcs();
  });
  afterAll(async () => h.close());

  const cells = [0, 1, 2, 3, 4].flatMap((es) => [0, 1, 2, 3].map((ps) => [es, ps] as const));

  it("When the admin sets each EntitlementStatus × ProvStatus cell, then the server answers exactly that cell", async () => {
    const client = h.client(h.usim(0));
    await client.getConfiguration(["ap2010"]);
    for (const [es, ps] of cells) {
      const put = await h.admin("/subscribers/sub-asha/data-boost", {
        method: "PUT",
        body: JSON.stringify({ entitlementStatus: es, provStatus: ps }),
      });
      expect(put.status).toBe(200);
      const { document, authenticatedWith } = await client.getConfiguration(["ap2010"], { boost_type: "0" });
      expect(authenticatedWith).toBe("token");
      const app = document.apps.ap2010!;
      expect([app.EntitlementStatus, app.ProvStatus]).toEqual([String(es), String(ps)]);
      // The purchase page is offered only where Android would open it (ENABLED × NOT PROVISIONED).
      expect("ServiceFlow_URL" in app).toBe(es === 1 && ps === 0);
    }
  });

  it("When the portal reports a purchase, then the boost is provisioned and the URSP gains the PRIORITIZE_LATENCY rule", async () => {
    await h.admin("/subscribers/sub-asha/data-boost", {
      method: "PUT",
      body: JSON.stringify({ entitlementStatus: 1, provStatus: 0 }),
    });
    const res = await h.admin("/subscribers/sub-asha/data-boost/purchase", { method: "POST" });
    expect(res.status).toBe(200);
    const view = (await res.json()) as {
      dataBoost: unknown;
      ursp: { hex: string; policy: { rules: Array<{ precedence: number }> } };
    };
    expect(view.dataBoost).toEqual({ entitlementStatus: 1, provStatus: 1 });
    const decoded = decodeUrsp(parseHex(view.ursp.hex)!);
    expect(decoded).toEqual(view.ursp.policy);
    const latency = decoded.rules.find((r) =>
      r.trafficDescriptor.some((c) => "osAppId" in c && c.osAppId === "PRIORITIZE_LATENCY"),
    );
    expect(latency?.routeSelectionDescriptors[0]?.components).toContainEqual({ type: "sNssai", sst: 2, sd: "000001" });
    expect(decoded.rules.at(-1)?.trafficDescriptor).toEqual([{ type: "matchAll" }]);
    // Idempotent: a second report does not add a second rule.
    const again = (await (
      await h.admin("/subscribers/sub-asha/data-boost/purchase", { method: "POST" })
    ).json()) as typeof view;
    expect(again.ursp.policy.rules).toHaveLength(decoded.rules.length);
  });

  it.each([
    ["no token", { Authorization: "" }, "/subscribers", "GET", undefined, 401],
    ["an unknown subscriber", {}, "/subscribers/nobody", "GET", undefined, 404],
    [
      "an out-of-range status",
      {},
      "/subscribers/sub-asha/data-boost",
      "PUT",
      JSON.stringify({ entitlementStatus: 5, provStatus: 0 }),
      400,
    ],
    [
      "a non-integer status",
      {},
      "/subscribers/sub-asha/data-boost",
      "PUT",
      JSON.stringify({ entitlementStatus: "1", provStatus: 0 }),
      400,
    ],
    ["malformed JSON", {}, "/subscribers/sub-asha/data-boost", "PUT", "{", 400],
    [
      "a 20 KB body",
      {},
      "/subscribers/sub-asha/data-boost",
      "PUT",
      JSON.stringify({ entitlementStatus: 1, provStatus: 0, pad: "x".repeat(20_000) }),
      413,
    ],
    [
      "charset=latin1",
      { "Content-Type": "application/json; charset=latin1" },
      "/subscribers/sub-asha/data-boost",
      "PUT",
      JSON.stringify({ entitlementStatus: 1, provStatus: 0 }),
      415,
    ],
    [
      "an unsupported content encoding",
      { "Content-Encoding": "x-unknown" },
      "/subscribers/sub-asha/data-boost/purchase",
      "POST",
      "{}",
      415,
    ],
  ])(
    "When the admin API gets %s, then it answers its 4xx in the { error } body, never a 5xx",
    async (_, headers, path, method, body, status) => {
      const res = await h.admin(path, { method, headers: headers as Record<string, string>, body });
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    },
  );

  it("When the legacy ap2012 toggle is off, then ap2012 (Direct Carrier Billing) is not answered as data boost", async () => {
    const client = h.client(h.usim(1));
    const { document } = await client.getConfiguration(["ap2012"]);
    expect(document.apps.ap2012).toEqual({ EntitlementStatus: "0" });
  });
});

describe("reference entitlement server: value forms (seed 003 C-2, C-3)", () => {
  it.each([
    ["aosp", "json", "json"],
    ["aosp", "xml", "xml"],
    ["aosp", "none", undefined],
    ["seed", "json", "1"],
    ["seed", "xml", "2"],
    ["seed", "none", "0"],
  ] as const)(
    "When the ContentsType form is %s and the type %s, then the JSON answer carries ServiceFlow_ContentsType %s and numeric statuses",
    async (form, contentsType, wire) => {
      const h = await startEcs("sqlite", {
        policy: { serviceFlowContentsTypeForm: form, serviceFlowContentsType: contentsType },
      });
      try {
        const json = await h.client(h.usim(0)).getConfiguration(["ap2010"], { boost_type: "0" }, true);
        const app = (JSON.parse(json.body) as Record<string, Record<string, unknown>>).ap2010!;
        expect(app.EntitlementStatus).toBe(1);
        expect(app.ProvStatus).toBe(0);
        expect(app.ServiceFlow_ContentsType).toBe(wire);
        const xml = await h
          .client(h.usim(0), { accept: "text/vnd.wap.connectivity-xml" })
          .getConfiguration(["ap2010"], {}, true);
        expect(xml.contentType).toMatch(/xml/);
        expect(xml.body).toContain('<parm name="EntitlementStatus" value="1"/>');
        expect(xml.document.apps.ap2010?.ServiceFlow_ContentsType).toBe(wire);
      } finally {
        await h.close();
      }
    },
  );
});
