import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASHA, type Dpa, startDpa } from "./harness.js";

const PS = `/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`;
const BUY = `/${ASHA}/purchasePlan?key_type=MSISDN&client_id=mobiledataplan`;

async function expectError(res: Response, status: number, cause: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ cause });
  expect(typeof body.error).toBe("string");
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  return body;
}

describe("reference DPA: authentication", () => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa();
  });
  afterAll(async () => h.close());

  it("When there is no Authorization header, then every endpoint answers 401 with a Bearer challenge", async () => {
    for (const path of [PS, "/dpaStatus", "/register"]) {
      const res = await fetch(`${h.url}${path}`);
      await expectError(res, 401, "ERROR_CAUSE_UNSPECIFIED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="dpa"/);
    }
  });

  it.each([
    [
      "expired",
      async (x: Dpa) => x.signer.token({ at: x.clock.now() - 7200_000, expiresIn: 3600 }),
      "The token has expired.",
    ],
    ["for another audience", async (x: Dpa) => x.signer.token({ at: x.clock.now(), aud: "someone-else" }), "aud"],
    [
      "from another issuer",
      async (x: Dpa) => x.signer.token({ at: x.clock.now(), iss: "https://evil.example" }),
      "iss",
    ],
    [
      "signed by another key",
      async (x: Dpa) => (await (await import("./harness.js")).signer()).token({ at: x.clock.now() }),
      "signature",
    ],
    ["not a JWT", async () => "not-a-jwt", "not valid"],
  ])("When the token is %s, then the DPA answers 401 invalid_token", async (_, make, reason) => {
    const token = await make(h);
    const res = await fetch(`${h.url}${PS}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await expectError(res, 401, "ERROR_CAUSE_UNSPECIFIED");
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(String(body.error)).toContain(reason);
  });

  it("When the scheme is Basic, then the DPA answers 401 invalid_request", async () => {
    const res = await fetch(`${h.url}${PS}`, { headers: { Authorization: "Basic Z3RhZjpzZWNyZXQ=" } });
    const body = await expectError(res, 401, "ERROR_CAUSE_UNSPECIFIED");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="dpa".*error="invalid_request"/);
    expect(String(body.error)).toMatch(/bearer/i);
  });

  it("When /healthz is called without a token, then it answers (liveness is outside the contract)", async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", service: "dpa" });
  });
});

describe("reference DPA: bad input", () => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa();
  });
  afterAll(async () => h.close());

  const post = (path: string, body: string, contentType = "application/json") =>
    h.fetch(path, { method: "POST", headers: { "Content-Type": contentType }, body });

  it.each([
    ["malformed JSON", '{"planId": "daily-1gb", ', 400],
    ["a JSON array", "[]", 400],
    ["a wrong type", '{"planId": 7, "transactionId": "t"}', 400],
    ["a missing required field", '{"planId": "daily-1gb"}', 400],
    ["an unknown field", '{"planId": "daily-1gb", "transactionId": "t-unknown", "plan": "x"}', 400],
    ["an empty transaction id", '{"planId": "daily-1gb", "transactionId": ""}', 400],
    [
      "a callbackUrl that is not a URI",
      '{"planId": "daily-1gb", "transactionId": "t-cb", "callbackUrl": "not a url"}',
      400,
    ],
  ])(
    "When the purchase body has %s, then the DPA answers %s BAD_REQUEST and charges nothing",
    async (_, body, status) => {
      await expectError(await post(BUY, body), status, "BAD_REQUEST");
      expect(await h.core.ledger("sub-asha")).toHaveLength(1);
    },
  );

  it("When the body is larger than the limit, then the DPA answers 413", async () => {
    const huge = JSON.stringify({ planId: "daily-1gb", transactionId: "x".repeat(200_000) });
    await expectError(await post(BUY, huge), 413, "BAD_REQUEST");
  });

  it("When the body is not JSON, then the DPA answers 415", async () => {
    await expectError(await post(BUY, "planId=daily-1gb", "application/x-www-form-urlencoded"), 415, "BAD_REQUEST");
  });

  it.each([
    ["no key_type", `/${ASHA}/planStatus?client_id=mobiledataplan`],
    ["a key_type outside the enum", `/${ASHA}/planStatus?key_type=IMSI&client_id=mobiledataplan`],
    ["no client_id", `/${ASHA}/planStatus?key_type=MSISDN`],
    ["an unknown query parameter", `${PS}&debug=1`],
    [
      "a user key longer than 512 characters",
      `/${"9".repeat(600)}/planStatus?key_type=MSISDN&client_id=mobiledataplan`,
    ],
  ])("When the request has %s, then the DPA answers 400 BAD_REQUEST", async (_, path) => {
    await expectError(await h.fetch(path), 400, "BAD_REQUEST");
  });

  it("When the path is not an operation, then the DPA answers 404 without blaming the user key", async () => {
    await expectError(await h.fetch(`/${ASHA}/dataPlanStatus?key_type=MSISDN`), 404, "ERROR_CAUSE_UNSPECIFIED");
  });

  it("When the method is wrong, then the DPA answers 405", async () => {
    await expectError(await h.fetch(PS, { method: "DELETE" }), 405, "BAD_REQUEST");
  });

  it("When a CPID contains URL-encoded characters, then it is decoded and rejected as unknown, not as a bad path", async () => {
    await expectError(
      await h.fetch(`/abc%2Fdef%3D%3D/planStatus?key_type=CPID&client_id=mobiledataplan`),
      404,
      "INVALID_NUMBER",
    );
  });
});

describe("reference DPA: limits, maintenance and not-implemented calls", () => {
  it("When GTAF exceeds the rate limit, then the DPA answers 429 with Retry-After", async () => {
    const h = await startDpa("sqlite", { rateLimit: { ratePerSecond: 1, burst: 3 } });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) {
        last = await h.fetch(PS);
        statuses.push(last.status);
        if (last.status !== 429) await last.body?.cancel();
      }
      // The warm-up request used one token of the burst.
      expect(statuses).toEqual([200, 200, 429, 429, 429]);
      expect(last!.headers.get("retry-after")).toBe("1");
      await expectError(last!, 429, "TOO_MANY_REQUESTS");
      h.clock.advance(2000);
      expect((await h.fetch(PS)).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it("When the DPA is in maintenance, then calls answer 503 with Retry-After but dpaStatus still answers", async () => {
    const h = await startDpa("sqlite", { maintenance: true });
    try {
      const res = await h.fetch(PS);
      expect(res.headers.get("retry-after")).toBe("30");
      await expectError(res, 503, "SERVICE_UNAVAILABLE");
      expect((await h.fetch("/dpaStatus")).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it("When an operation is not implemented by this DPA, then it answers 501 SERVICE_UNAVAILABLE", async () => {
    const h = await startDpa("sqlite", { disabledOperations: ["setConsentStatus", "listEligiblePlans"] });
    try {
      const consent = await h.fetch(`/${ASHA}/consent?key_type=MSISDN&client_id=mobiledataplan`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ consentAction: "CONSENT_GRANTED", actionTimestamp: "2026-11-22T10:00:00Z" }),
      });
      await expectError(consent, 501, "SERVICE_UNAVAILABLE");
      await expectError(await h.fetch(`/${ASHA}/Eligibility?key_type=MSISDN`), 501, "SERVICE_UNAVAILABLE");
      expect((await h.fetch(PS)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
