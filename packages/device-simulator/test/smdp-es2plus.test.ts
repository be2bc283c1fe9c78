import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import {
  codeName,
  createEs2plusClient,
  Es2plusError,
  executed,
  type HandleDownloadProgressInfoRequest,
  type HeaderOnlyResponse,
} from "@carrierkit/es2plus";
import { createDownloadProgressRouter } from "@carrierkit/es2plus/server";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedClock } from "../src/clock.js";
import {
  confirmationCodeDigest,
  hashedConfirmationCode,
  type RunningSmdp,
  startSimulatedSmdp,
} from "../src/smdp/index.js";
import { startLpaSession } from "./smdp-helpers.js";

const ICCID = "8988247000101867183";
const OTHER = "8988247000101867191";
const EID = "89033023422130000000000199055797";
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function smdp(extra: Parameters<typeof startSimulatedSmdp>[0] = {}): Promise<RunningSmdp> {
  const r = await startSimulatedSmdp({
    port: 0,
    profiles: [
      { iccid: ICCID, profileType: "prepaid" },
      { iccid: OTHER, profileType: "prepaid" },
    ],
    ...extra,
  });
  running.push(r);
  return r;
}
const client = (r: RunningSmdp) => createEs2plusClient({ baseUrl: r.url, functionRequesterIdentifier: "operator" });
const code = (res: { header: HeaderOnlyResponse["header"] }) =>
  codeName(res.header.functionExecutionStatus.statusCodeData);

describe("SimulatedSmdp ES2+ (SGP.22 §5.3 state machine)", () => {
  it("When the operator orders, confirms and releases, then the profile goes Allocated → Confirmed → Released", async () => {
    const r = await smdp();
    const es2 = client(r);
    expect((await es2.downloadOrder({ iccid: ICCID })).iccid).toBe(ICCID);
    expect(r.smdp.profile(ICCID)?.state).toBe("Allocated");
    const confirmed = await es2.confirmOrder({ iccid: ICCID, releaseFlag: false, confirmationCode: "1234" });
    expect(confirmed.smdpAddress).toBe(r.smdp.address);
    expect(confirmed.matchingId).toMatch(/^[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}-[0-9A-F]{5}$/);
    expect(r.smdp.profile(ICCID)).toMatchObject({ state: "Confirmed", matchingId: confirmed.matchingId });
    // The confirmation code is kept only as its SHA-256.
    expect(r.smdp.profile(ICCID)?.ccDigest).toBe(confirmationCodeDigest("1234"));
    expect(JSON.stringify(r.smdp.profiles())).not.toContain('"1234"');
    expect(code(await es2.releaseProfile({ iccid: ICCID }))).toBeUndefined();
    expect(r.smdp.profile(ICCID)?.state).toBe("Released");
  });

  const wrongState = [
    [
      "download order of an unknown ICCID",
      async (e: ReturnType<typeof client>) => e.downloadOrder({ iccid: "8988247000000000009" }),
      "iccidUnknown",
    ],
    [
      "download order of a profile already ordered",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        return e.downloadOrder({ iccid: ICCID });
      },
      "iccidInUse",
    ],
    [
      "download order of an unknown profile type",
      async (e: ReturnType<typeof client>) => e.downloadOrder({ profileType: "gold" }),
      "profileTypeUnknown",
    ],
    [
      "download order when the type is sold out",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ profileType: "prepaid" });
        await e.downloadOrder({ profileType: "prepaid" });
        return e.downloadOrder({ profileType: "prepaid" });
      },
      "profileTypeUnavailable",
    ],
    [
      "download order with a bad EID",
      async (e: ReturnType<typeof client>) => e.downloadOrder({ iccid: ICCID, eid: "123" }),
      "eidInvalid",
    ],
    [
      "confirm twice",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        await e.confirmOrder({ iccid: ICCID, releaseFlag: true });
        return e.confirmOrder({ iccid: ICCID, releaseFlag: true });
      },
      "iccidInvalidTransition",
    ],
    [
      "confirm without an order",
      async (e: ReturnType<typeof client>) => e.confirmOrder({ iccid: ICCID, releaseFlag: true }),
      "iccidInvalidTransition",
    ],
    [
      "confirm with another EID than the order's",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID, eid: EID });
        return e.confirmOrder({ iccid: ICCID, eid: EID.replace(/7$/, "8"), releaseFlag: true });
      },
      "eidInvalidAssociation",
    ],
    [
      "confirm with a matching id in use",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        await e.confirmOrder({ iccid: ICCID, matchingId: "SAME-1", releaseFlag: true });
        await e.downloadOrder({ iccid: OTHER });
        return e.confirmOrder({ iccid: OTHER, matchingId: "SAME-1", releaseFlag: true });
      },
      "matchingIdInUse",
    ],
    [
      "confirm with an invalid matching id",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        return e.confirmOrder({ iccid: ICCID, matchingId: "no spaces!", releaseFlag: true });
      },
      "matchingIdInvalid",
    ],
    [
      "release an unknown ICCID",
      async (e: ReturnType<typeof client>) => e.releaseProfile({ iccid: "8988247000000000009" }),
      "iccidUnknown",
    ],
    [
      "release a profile that is not confirmed",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        return e.releaseProfile({ iccid: ICCID });
      },
      "iccidInvalidTransition",
    ],
    [
      "release twice",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        await e.confirmOrder({ iccid: ICCID, releaseFlag: true });
        return e.releaseProfile({ iccid: ICCID });
      },
      "iccidInvalidTransition",
    ],
    [
      "cancel without an order",
      async (e: ReturnType<typeof client>) => e.cancelOrder({ iccid: ICCID, finalProfileStatusIndicator: "Available" }),
      "iccidInvalidTransition",
    ],
    [
      "cancel with another matching id",
      async (e: ReturnType<typeof client>) => {
        await e.downloadOrder({ iccid: ICCID });
        await e.confirmOrder({ iccid: ICCID, matchingId: "MINE-1", releaseFlag: true });
        return e.cancelOrder({ iccid: ICCID, matchingId: "YOURS-1", finalProfileStatusIndicator: "Available" });
      },
      "matchingIdInvalidAssociation",
    ],
  ] as const;
  it.each(wrongState.map(([name, act, expected]) => ({ name, act, expected })))(
    "When the operator calls $name, then it is HTTP 200 Failed with SGP.22's code ($expected)",
    async ({ act, expected }) => {
      const r = await smdp();
      const res = await act(client(r));
      expect(res.header.functionExecutionStatus.status).toBe("Failed");
      expect(code(res)).toBe(expected);
    },
  );

  it("When the confirmation-code hash is computed, then it is SHA-256(SHA-256(CC) ‖ TransactionID octets) (SGP.22 §3.1.3.3)", () => {
    const sha = (b: Buffer) => createHash("sha256").update(b).digest();
    const inner = sha(Buffer.from("12345678"));
    const tid = Buffer.from([0x6b, 0x3d, 0x5e, 0x1a]);
    expect(hashedConfirmationCode(confirmationCodeDigest("12345678"), "6B3D5E1A")).toBe(
      sha(Buffer.concat([inner, tid])).toString("base64"),
    );
    expect(hashedConfirmationCode(confirmationCodeDigest("12345678"), "6B3D5E1B")).not.toBe(
      sha(Buffer.concat([inner, tid])).toString("base64"),
    );
  });

  it("When an order is cancelled, then the profile is Available again and can be ordered anew", async () => {
    const r = await smdp();
    const es2 = client(r);
    await es2.downloadOrder({ iccid: ICCID, eid: EID });
    await es2.confirmOrder({ iccid: ICCID, releaseFlag: true, confirmationCode: "9" });
    expect(code(await es2.cancelOrder({ iccid: ICCID, finalProfileStatusIndicator: "Available" }))).toBeUndefined();
    expect(r.smdp.profile(ICCID)).toMatchObject({ state: "Available", ccAttempts: 0 });
    expect(r.smdp.profile(ICCID)?.eid).toBeUndefined();
    expect((await es2.downloadOrder({ iccid: ICCID })).iccid).toBe(ICCID);
    await es2.cancelOrder({ iccid: ICCID, finalProfileStatusIndicator: "Unavailable" });
    expect(code(await es2.downloadOrder({ iccid: ICCID }))).toBe("iccidInUse");
  });

  it("When the SM-DP+ restarts on its state file, then orders, matching ids and hashed codes survive", async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), "smdp-")), "state.json");
    const first = await smdp({ stateFile });
    const es2 = client(first);
    await es2.downloadOrder({ iccid: ICCID });
    const { matchingId } = await es2.confirmOrder({ iccid: ICCID, releaseFlag: false, confirmationCode: "4711" });
    await first.close();
    running.splice(running.indexOf(first), 1);
    expect(readFileSync(stateFile, "utf8")).not.toContain("4711");
    const second = await smdp({ stateFile });
    expect(second.smdp.profile(ICCID)).toMatchObject({ state: "Confirmed", matchingId });
    expect(code(await client(second).releaseProfile({ iccid: ICCID }))).toBeUndefined();
    expect(second.smdp.profiles()).toHaveLength(2);
  });

  it("When the operator's notification endpoint was down, then HandleDownloadProgressInfo is retried with back-off until it is delivered", async () => {
    const clock = new SimulatedClock();
    const received: HandleDownloadProgressInfoRequest[] = [];
    let up = false;
    const app = express();
    app.use((_req, res, next) => (up ? next() : void res.status(503).end()));
    app.use(
      createDownloadProgressRouter("/es2plus/progress", ({ body }) => {
        received.push(body);
        return { status: 200, body: { header: executed() } };
      }),
    );
    const operator: RunningServer = await startServer({ app, port: 0, host: "127.0.0.1" });
    running.push(operator);
    const r = await smdp({
      clock,
      notificationUrl: `${operator.url}/es2plus/progress`,
      notificationRetry: { baseDelayMs: 1000 },
    });
    // AuthenticateClient is notification point 1 (eligibility and retry-limit check).
    await client(r).downloadOrder({ iccid: ICCID, eid: EID });
    await client(r).confirmOrder({ iccid: ICCID, releaseFlag: true });
    await startLpaSession(r, EID);
    await r.smdp.notificationsIdle();
    expect(received).toHaveLength(0);
    expect(r.smdp.deliveries[0]).toMatchObject({ attempts: 1, delivered: false, lastError: "HTTP 503" });
    up = true;
    clock.advance(999);
    await r.smdp.notificationsIdle();
    expect(received).toHaveLength(0);
    clock.advance(1);
    await r.smdp.notificationsIdle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ iccid: ICCID, eid: EID, notificationPointId: 1 });
    expect(received[0]?.notificationPointStatus.status).toBe("Executed-Success");
    expect(r.smdp.deliveries[0]).toMatchObject({ attempts: 2, delivered: true });
  });
  it("When the SM-DP+ has an ES2+ token, then calls without it are 401 (1.1/1.1) and notifications carry the operator's token", async () => {
    const seen: (string | undefined)[] = [];
    const app = express();
    app.use((req, _res, next) => {
      seen.push(req.headers.authorization);
      next();
    });
    app.use(createDownloadProgressRouter("/p", () => ({ status: 200, body: { header: executed() } })));
    const operator = await startServer({ app, port: 0, host: "127.0.0.1" });
    running.push(operator);
    const r = await smdp({
      es2plusToken: "es2-secret",
      notificationUrl: `${operator.url}/p`,
      notificationToken: "op-secret",
    });
    const err = await client(r)
      .downloadOrder({ iccid: ICCID })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Es2plusError);
    expect(err).toMatchObject({ status: 401, statusCodeData: { subjectCode: "1.1", reasonCode: "1.1" } });
    const wrong = createEs2plusClient({ baseUrl: r.url, functionRequesterIdentifier: "op", token: "guess" });
    await expect(wrong.downloadOrder({ iccid: ICCID })).rejects.toMatchObject({ status: 401 });
    const es2 = createEs2plusClient({ baseUrl: r.url, functionRequesterIdentifier: "op", token: "es2-secret" });
    await es2.downloadOrder({ iccid: ICCID, eid: EID });
    await es2.confirmOrder({ iccid: ICCID, releaseFlag: true });
    expect(r.smdp.profile(ICCID)?.state).toBe("Released");
    // ES9+ needs no token: the eUICC's signature authenticates the LPA.
    await startLpaSession(r, EID);
    await r.smdp.notificationsIdle();
    expect(seen).toEqual(["Bearer op-secret"]);
  });
});
