import { rawHttp as raw } from "@carrierkit/contract-runtime/testing";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BEN, type Dpa, startDpa } from "./harness.js";

const CONSENT = `/${BEN}/consent?key_type=MSISDN&client_id=mobiledataplan`;

describe.each(dialects)("reference DPA: client-stated timestamps on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  const consent = (consentAction: string, actionTimestamp: string) =>
    h.fetch(CONSENT, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ consentAction, actionTimestamp }),
    });

  it.each([
    "2026-11-22T09:59:60Z",
    "2026-11-21T23:59:60Z",
    "2026-00-10T10:00:00Z",
    "2026-13-10T10:00:00Z",
    "2026-11-32T10:00:00Z",
    "2026-11-22T24:00:00Z",
    "2026-11-22T10:00:00+24:00",
    "2026-11-22T10:00:00-24:00",
    "2026-11-22T10:00:00",
  ])("When actionTimestamp is %s, then consent answers 400 BAD_REQUEST in the contract body", async (ts) => {
    const res = await consent("CONSENT_USER_OPT_IN", ts);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ cause: "BAD_REQUEST", error: expect.stringContaining("actionTimestamp") });
  });

  it("When an opt-out is dated year 9999, then it is refused and later opt-ins still apply", async () => {
    const far = await consent("CONSENT_USER_OPT_OUT", "9999-12-31T23:59:59Z");
    expect(far.status).toBe(400);
    expect(await far.json()).toMatchObject({ cause: "BAD_REQUEST", error: expect.stringContaining("in the future") });
    const optIn = await consent("CONSENT_USER_OPT_IN", new Date(h.clock.now()).toISOString());
    expect(optIn.status).toBe(200);
    expect((await h.core.subscriber("sub-ben"))?.sharingConsent).toBe(true);
    expect((await h.core.consentHistory("sub-ben")).map((e) => e.actionAt)).not.toContain(
      Date.parse("9999-12-31T23:59:59Z"),
    );
  });

  it.each([
    ["4 minutes ahead (within the 5-minute skew)", 240_000, 200],
    ["6 minutes ahead", 360_000, 400],
  ])("When actionTimestamp lies %s, then the answer is %s", async (_name, aheadMs, status) => {
    const res = await consent("CONSENT_USER_OPT_OUT", new Date(h.clock.now() + aheadMs).toISOString());
    expect(res.status).toBe(status);
    // Later decisions must still be possible after an accepted one: move past it.
    h.clock.advance(aheadMs);
  });

  it("When a leap second at the end of a UTC day is sent, then it is read as the last millisecond of that day", async () => {
    h.clock.t = Date.parse("2026-11-30T23:59:00Z");
    const res = await consent("CONSENT_USER_OPT_IN", "2026-11-30T23:59:60Z");
    expect(res.status).toBe(200);
    expect((await h.core.consentHistory("sub-ben")).at(-1)).toMatchObject({
      action: "OPT_IN",
      actionAt: Date.parse("2026-11-30T23:59:59.999Z"),
      applied: true,
    });
  });
});

describe("reference DPA: hostile requests and tokens", () => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa();
  });
  afterAll(async () => h.close());

  it.each([
    ["oversized headers", `GET /dpaStatus HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
    ["a NUL byte in a header", "GET /dpaStatus HTTP/1.1\r\nHost: x\r\nX-Bad: a\0b\r\n\r\n", 400],
    ["GET *", "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400],
  ])("When a client sends %s, then the DPA answers %s with { error, cause }", async (_name, bytes, status) => {
    const answer = await raw(h.server.port, bytes);
    expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as { error: string; cause: string };
    expect(body).toEqual({ error: expect.any(String), cause: "BAD_REQUEST" });
  });

  it("When a client sends OPTIONS *, then the DPA answers 204 with Allow", async () => {
    const answer = await raw(h.server.port, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 204 /);
    expect(answer).toMatch(/\r\nallow: /i);
  });

  it("When a token's iat lies an hour in the future, then the DPA answers 401 invalid_token", async () => {
    const token = await h.signer.token({ at: h.clock.now() + 3600_000, expiresIn: 3600 });
    const res = await fetch(`${h.url}/dpaStatus`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await res.json()).toMatchObject({ error: "The token's iat claim lies in the future." });
  });
});
