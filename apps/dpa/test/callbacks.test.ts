import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAmount } from "@carrierkit/operator-core";
import { dialects } from "@carrierkit/operator-core/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDpaApp, type DpaApp } from "../src/index.js";
import { CPID_SECRET, type Dpa, startDpa } from "./harness.js";

/** A recording GTAF callback receiver: every delivery's transactionId, in order. */
async function recordingGtaf() {
  const deliveries: string[] = [];
  const server: Server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      deliveries.push((JSON.parse(data) as { purchase?: { transactionId?: string } }).purchase?.transactionId ?? "?");
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    deliveries,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A fetch that sends the request and then "crashes": the answer never reaches the worker. */
const crashAfterSend: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  await res.body?.cancel();
  return new Promise<Response>(() => undefined);
};

describe.each(dialects)("reference DPA: purchase callbacks across crashes on %s", (dialect) => {
  let h: Dpa;
  let gtaf: Awaited<ReturnType<typeof recordingGtaf>>;
  const others: DpaApp[] = [];
  beforeAll(async () => {
    h = await startDpa(dialect);
    await h.core.topUp("sub-asha", "INR", parseAmount("100000"), h.clock.now());
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    gtaf = await recordingGtaf();
  });
  afterEach(async () => {
    for (const o of others.splice(0)) await o.stop();
    await gtaf.close();
  });

  /**
   * Another DPA process on the same store (a restart after a crash, or a second replica). On PostgreSQL it has its
   * own pool; on SQLite it shares the connection, because two connections of one file in one Node process would wait
   * on each other's transactions synchronously (separate processes do not).
   */
  const another = async (fetchImpl?: typeof fetch, stopAfter = true) => {
    const app = createDpaApp({
      db: dialect === "postgres" ? await h.store.reopen() : h.db,
      cpidSecret: CPID_SECRET,
      clock: h.clock.now,
      auth: false,
      rateLimit: false,
      worker: { baseBackoffMs: 1000, ...(fetchImpl ? { fetch: fetchImpl } : {}) },
    });
    if (stopAfter) others.push(app);
    return app;
  };

  const queue = async (ids: string[]) => {
    for (const transactionId of ids) {
      const o = await h.core.purchase(
        { subscriberId: "sub-asha", planId: "roaming-7d", transactionId, callbackUrl: gtaf.url, language: "en-US" },
        h.clock.now(),
      );
      expect(o.kind).toBe("queued");
    }
  };

  it("When two DPA processes deliver callbacks at the same time, then each callback is sent once with its transactionId", async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `cb-pair-${dialect}-${i}`);
    await queue(ids);
    const second = await another();
    await Promise.all([h.dpa.worker.tick(), second.worker.tick(), h.dpa.worker.tick(), second.worker.tick()]);
    await Promise.all([h.dpa.worker.tick(), second.worker.tick()]);
    expect([...gtaf.deliveries].sort()).toEqual([...ids].sort());
  });

  it("When the DPA crashes after sending but before recording the acknowledgement, then a restart sends it once more with the same transactionId", async () => {
    const id = `cb-crash-${dialect}`;
    await queue([id]);
    // Its pass never ends (the process is gone): it is never stopped.
    const crashed = await another(crashAfterSend, false);
    void crashed.worker.tick();
    await expect.poll(() => gtaf.deliveries.length, { timeout: 10_000 }).toBe(1);
    // The restarted process sees the claimed attempt; after its lease expires, it sends again.
    const restarted = await another();
    await restarted.worker.tick();
    expect(gtaf.deliveries).toEqual([id]);
    h.clock.advance(61_000);
    await restarted.worker.tick();
    expect(gtaf.deliveries).toEqual([id, id]);
    expect((await h.core.transaction(id))?.callbackState).toBe("delivered");
    h.clock.advance(3600_000);
    await restarted.worker.tick();
    expect(gtaf.deliveries).toEqual([id, id]);
  });

  it("When the DPA crashes after the acknowledgement was recorded, then a restart never sends it again", async () => {
    const id = `cb-acked-${dialect}`;
    await queue([id]);
    await h.dpa.worker.tick();
    expect(gtaf.deliveries).toEqual([id]);
    const restarted = await another();
    for (const step of [0, 61_000, 3600_000]) {
      h.clock.advance(step);
      await restarted.worker.tick();
    }
    expect(gtaf.deliveries).toEqual([id]);
    expect((await h.core.transaction(id))?.callbackState).toBe("delivered");
  });
});
