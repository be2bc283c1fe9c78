import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { get as httpsGet } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@carrierkit/contract-runtime/node";
import { parseAmount } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { httpBackend } from "../src/index.js";
import { ASHA, type Dpa, LENA, q, startDpa } from "./harness.js";

/** A real HTTP receiver that records what it gets and answers with the queued statuses (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Array<{ path: string; body: unknown; auth?: string }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        body: data ? JSON.parse(data) : undefined,
        auth: req.headers.authorization,
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(dialects)("reference DPA purchases under load and restarts on %s", (dialect) => {
  let h: Dpa;
  beforeAll(async () => {
    h = await startDpa(dialect);
  });
  afterAll(async () => h.close());

  it("When many purchases race over HTTP with repeated transactionIds, then each is debited exactly once", async () => {
    await h.core.topUp("sub-asha", "INR", parseAmount("1000"), h.clock.now());
    const ids = Array.from({ length: 10 }, (_, i) => `race-${dialect}-${i}`);
    const requests = ids.flatMap((id) => Array.from({ length: 6 }, () => id));
    const responses = await Promise.all(
      requests.map((transactionId) =>
        h.client.POST("/{userKey}/purchasePlan", {
          params: { path: { userKey: ASHA }, query: q() },
          body: { planId: "daily-1gb", transactionId },
        }),
      ),
    );
    const statuses = responses.map((r) => r.response.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 403)).toHaveLength(50);
    for (const r of responses.filter((x) => x.response.status === 403)) {
      expect(["DUPLICATE_TRANSACTION", "REQUEST_QUEUED"]).toContain((r.error as { cause: string }).cause);
    }
    const charges = (await h.core.ledger("sub-asha")).filter((e) => e.transactionId?.startsWith(`race-${dialect}`));
    expect(charges).toHaveLength(10);
    expect((await h.core.wallet("sub-asha"))?.balanceNanos).toBe(parseAmount("1500") - 10n * parseAmount("19"));
  });

  it("When the DPA restarts, then earlier purchases survive and still de-duplicate", async () => {
    const body = { planId: "weekly-5gb", transactionId: `restart-${dialect}` };
    const first = await h.client.POST("/{userKey}/purchasePlan", {
      params: { path: { userKey: ASHA }, query: q() },
      body,
    });
    expect(first.response.status).toBe(200);
    const balance = (await h.core.wallet("sub-asha"))?.balanceNanos;
    await h.restart();
    const again = await h.client.POST("/{userKey}/purchasePlan", {
      params: { path: { userKey: ASHA }, query: q() },
      body,
    });
    expect(again.response.status).toBe(403);
    expect(again.error).toMatchObject({ cause: "DUPLICATE_TRANSACTION" });
    expect((await h.core.wallet("sub-asha"))?.balanceNanos).toBe(balance);
    const { data } = await h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: ASHA }, query: q() } });
    expect(data?.plans.map((p) => p.planId)).toContain("weekly-5gb");
  });

  it("When a queued purchase is processed after a restart, then its result reaches callbackUrl after retries", async () => {
    const gtaf = await receiver([503, 500]);
    try {
      const body = { planId: "roaming-7d", transactionId: `queued-${dialect}`, callbackUrl: `${gtaf.url}/cb/1` };
      const first = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body,
      });
      expect(first.response.status).toBe(200);
      expect(first.data).toEqual({ transactionStatus: "TRANSACTION_STATUS_UNSPECIFIED" });
      const retry = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body,
      });
      expect(retry.error).toMatchObject({ cause: "REQUEST_QUEUED" });

      await h.restart();
      await h.dpa.worker.tick(); // processes, first delivery attempt → 503
      expect(gtaf.received).toHaveLength(1);
      await h.dpa.worker.tick(); // not due yet (1 s backoff)
      expect(gtaf.received).toHaveLength(1);
      h.clock.advance(1000);
      await h.dpa.worker.tick(); // → 500
      h.clock.advance(1999);
      await h.dpa.worker.tick(); // not due (2 s backoff)
      expect(gtaf.received).toHaveLength(2);
      h.clock.advance(1);
      await h.dpa.worker.tick(); // → 200
      expect(gtaf.received).toHaveLength(3);
      expect(gtaf.received.map((r) => r.path)).toEqual(["/cb/1", "/cb/1", "/cb/1"]);
      expect(gtaf.received[2]!.body).toMatchObject({
        transactionStatus: "SUCCESS",
        purchase: { planId: "roaming-7d", transactionId: body.transactionId },
      });
      expect((await h.core.transaction(body.transactionId))?.callbackState).toBe("delivered");
      const done = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: ASHA }, query: q() },
        body,
      });
      expect(done.error).toMatchObject({ cause: "DUPLICATE_TRANSACTION" });
      const charges = (await h.core.ledger("sub-asha")).filter((e) => e.transactionId === body.transactionId);
      expect(charges).toHaveLength(1);
    } finally {
      await gtaf.close();
    }
  });

  it("When a queued purchase can no longer be paid, then the callback carries PAYMENT_REQUIRED and nothing is charged", async () => {
    const gtaf = await receiver();
    try {
      await h.core.topUp("sub-lena", "INR", parseAmount("500"), h.clock.now());
      const body = { planId: "roaming-7d", transactionId: `queued-poor-${dialect}`, callbackUrl: `${gtaf.url}/cb/2` };
      const first = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: LENA }, query: q() },
        body,
      });
      expect(first.response.status).toBe(200);
      // Lena spends the money before the worker runs.
      await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: LENA }, query: q() },
        body: { planId: "video-30d", transactionId: `spend-${dialect}` },
      });
      await h.dpa.worker.tick();
      expect(gtaf.received.at(-1)?.body).toMatchObject({ transactionStatus: "PAYMENT_REQUIRED" });
      const again = await h.client.POST("/{userKey}/purchasePlan", {
        params: { path: { userKey: LENA }, query: q() },
        body,
      });
      expect(again.error).toMatchObject({ cause: "PAYMENT_MISSING" });
    } finally {
      await gtaf.close();
    }
  });
});

describe("reference DPA health and caching", () => {
  let h: Dpa;
  let backend: Awaited<ReturnType<typeof startServer>> | undefined;
  afterEach(async () => {
    await h?.close();
    await backend?.close();
  });

  it("When a back end goes down, then dpaStatus says UNAVAILABLE (500) and plan answers get a short expireTime", async () => {
    backend = await startServer({ app: (_req, res) => res.end("ok"), port: 0 });
    h = await startDpa("sqlite", { backends: [httpBackend("charging", `${backend.url}/health`)] });
    const ok = await h.client.GET("/dpaStatus");
    expect(ok.data).toEqual({ status: "OPERATIONAL" });

    await backend.close();
    const down = await h.client.GET("/dpaStatus");
    expect(down.response.status).toBe(500);
    expect(down.error).toEqual({ status: "UNAVAILABLE", message: "Back end(s) not reachable: charging." });

    const { data } = await h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: ASHA }, query: q() } });
    expect(Date.parse(data!.expireTime) - h.clock.now()).toBe(60_000);
    const offers = await h.client.GET("/{userKey}/planOffer", { params: { path: { userKey: ASHA }, query: q() } });
    expect(Date.parse(offers.data!.expireTime) - h.clock.now()).toBe(60_000);

    h.clock.advance(61_000);
    const later = await h.client.GET("/{userKey}/planStatus", { params: { path: { userKey: ASHA }, query: q() } });
    expect(Date.parse(later.data!.expireTime) - h.clock.now()).toBe(900_000);
  });

  it("When the store itself fails, then dpaStatus is UNAVAILABLE and plan calls answer 503 BACKEND_FAILURE", async () => {
    h = await startDpa("sqlite");
    await h.db.close();
    const status = await h.client.GET("/dpaStatus");
    expect(status.response.status).toBe(500);
    expect(status.error).toMatchObject({ status: "UNAVAILABLE", message: "Back end(s) not reachable: store." });
    const res = await h.fetch(`/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toMatchObject({ cause: "BACKEND_FAILURE" });
  });

  it("When GTAF sends Cache-Control: no-cache, then the DPA reads its store instead of its own cache", async () => {
    h = await startDpa("sqlite");
    const get = (noCache: boolean) =>
      h.client.GET("/{userKey}/planStatus", {
        params: { path: { userKey: ASHA }, query: q() },
        headers: noCache ? { "Cache-Control": "no-cache" } : { "Cache-Control": "max-age=60" },
      });
    const before = (await get(false)).data!;
    const [sub] = await h.core.activeSubscriptions("sub-asha", h.clock.now());
    await h.core.recordUsage(sub!.id, 30_000_000_000n);
    expect((await get(false)).data).toEqual(before);
    const fresh = (await get(true)).data!;
    expect(fresh.plans[0]!.planModules[0]!.byteBalance?.remainingBytes).toBe("7800000000");
    expect(fresh.plans[0]!.planModules[0]!.coarseBalanceLevel).toBe("LOW_QUOTA");
  });

  it("When Accept-Language names a supported language or only its primary tag, then strings and languageCode follow", async () => {
    h = await startDpa("sqlite");
    const ask = async (lang: string) =>
      (
        await h.client.GET("/{userKey}/planStatus", {
          params: { path: { userKey: ASHA }, query: q(), header: { "Accept-Language": lang } },
          headers: { "Cache-Control": "no-cache" },
        })
      ).data!;
    expect(await ask("hi-IN")).toMatchObject({ languageCode: "hi-IN", title: "प्रीपेड प्लान" });
    expect(await ask("pl;q=0.9, de;q=1")).toMatchObject({ languageCode: "pl-PL", title: "Plan na kartę" });
    expect(await ask("ja-JP")).toMatchObject({ languageCode: "en-US", title: "Prepaid plan" });
    const res = await h.fetch(`/${ASHA}/planStatus?key_type=MSISDN&client_id=mobiledataplan`, {
      headers: { "Accept-Language": "hi" },
    });
    expect(res.headers.get("content-language")).toBe("hi-IN");
  });
});

describe("reference DPA over HTTPS", () => {
  it("When a key and certificate are given, then it serves the API over TLS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dpa-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const cert = readFileSync(join(dir, "cert.pem"), "utf8");
    const h = await startDpa("sqlite");
    const tls = await startServer({
      app: h.dpa.app,
      port: 0,
      tls: { key: readFileSync(join(dir, "key.pem"), "utf8"), cert },
    });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
      const call = (ca?: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpsGet(
            `${tls.url}/dpaStatus`,
            { ca, headers: { Authorization: `Bearer ${h.token}` } },
            (res) => {
              let body = "";
              res.on("data", (c) => {
                body += c;
              });
              res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on("error", reject);
        });
      const res = await call(cert);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ status: "OPERATIONAL" });
      // Without trusting the certificate the TLS handshake fails.
      await expect(call()).rejects.toThrow(/self.signed|certificate/i);
    } finally {
      await tls.close();
      await h.close();
    }
  });
});
