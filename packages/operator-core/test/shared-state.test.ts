import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SharedRateLimits, SharedSessions } from "../src/index.js";
import { dialects, freshStore, type TestStore } from "../src/testing.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe.each(dialects)("shared state of several instances on %s", (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => store.cleanup());

  describe("SharedSessions", () => {
    it("When a session is created, then it loads at version 1 and only its id's hash is stored", async () => {
      const s = new SharedSessions(store.db);
      await s.create("cookie-1", '{"round":1}', NOW + 60_000, NOW);
      expect(await s.load("cookie-1", NOW)).toEqual({ state: '{"round":1}', version: 1, expiresAt: NOW + 60_000 });
      const rows = await store.db.all<{ id_hash: string }>("SELECT id_hash FROM eap_sessions");
      expect(rows.map((r) => r.id_hash)).not.toContain("cookie-1");
      expect(rows).toHaveLength(1);
    });

    it("When two writers replace the same version, then exactly one wins and the version moves on", async () => {
      const s = new SharedSessions(store.db);
      const other = new SharedSessions(dialect === "postgres" ? await store.reopen() : store.db);
      await s.create("c", "v1", NOW + 60_000, NOW);
      const results = await Promise.all([s.replace("c", 1, "a", NOW), other.replace("c", 1, "b", NOW)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const loaded = await other.load("c", NOW);
      expect(loaded?.version).toBe(2);
      expect(["a", "b"]).toContain(loaded?.state);
      expect(await s.replace("c", 1, "late", NOW)).toBe(false);
    });

    it("When a session is taken twice, then only the first take succeeds and it no longer loads", async () => {
      const s = new SharedSessions(store.db);
      await s.create("c", "v1", NOW + 60_000, NOW);
      expect((await Promise.all([s.take("c", 1), s.take("c", 1)])).sort()).toEqual([false, true]);
      expect(await s.load("c", NOW)).toBeUndefined();
    });

    it("When a session expired, then it neither loads nor accepts a write, and a later create sweeps it", async () => {
      const s = new SharedSessions(store.db, 0);
      await s.create("old", "v1", NOW + 1000, NOW);
      expect(await s.load("old", NOW + 1000)).toBeUndefined();
      expect(await s.replace("old", 1, "v2", NOW + 1000)).toBe(false);
      await s.create("new", "v1", NOW + 70_000, NOW + 10_000);
      expect(await store.db.all("SELECT id_hash FROM eap_sessions")).toHaveLength(1);
      expect(await s.count(NOW + 10_000)).toBe(1);
    });
  });

  describe("SharedRateLimits", () => {
    it("When one key takes tokens from two instances at once, then the burst is allowed in total, not per instance", async () => {
      const a = new SharedRateLimits(store.db);
      const b = new SharedRateLimits(dialect === "postgres" ? await store.reopen() : store.db);
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take("gtaf", NOW, 1, 5)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect((await a.take("other", NOW, 1, 5)).allowed).toBe(true);
    });

    it.each([
      [500, false],
      [1000, true],
    ])("When %i ms passed after the bucket emptied at 1 token/s, then allowed is %s", async (ms, allowed) => {
      const r = new SharedRateLimits(store.db);
      for (let i = 0; i < 3; i++) expect((await r.take("k", NOW, 1, 3)).allowed).toBe(true);
      expect((await r.take("k", NOW, 1, 3)).allowed).toBe(false);
      expect((await r.take("k", NOW + ms, 1, 3)).allowed).toBe(allowed);
    });

    it("When a bucket refills for long, then it holds no more than the burst", async () => {
      const r = new SharedRateLimits(store.db);
      await r.take("k", NOW, 10, 2);
      const later = await Promise.all(Array.from({ length: 5 }, () => r.take("k", NOW + 3600_000, 10, 2)));
      expect(later.filter((d) => d.allowed)).toHaveLength(2);
    });

    it("When a request's clock is behind the bucket's last use, then it refills nothing and time does not move back", async () => {
      const r = new SharedRateLimits(store.db);
      await r.take("k", NOW + 5000, 1, 1);
      expect((await r.take("k", NOW, 1, 1)).allowed).toBe(false);
      expect((await r.take("k", NOW + 5999, 1, 1)).allowed).toBe(false);
      expect((await r.take("k", NOW + 6000, 1, 1)).allowed).toBe(true);
    });

    it("When buckets have refilled completely, then the sweep deletes their rows", async () => {
      const r = new SharedRateLimits(store.db, 0);
      await r.take("idle", NOW, 1, 2);
      await r.take("busy", NOW + 5000, 1, 2);
      expect(await store.db.all("SELECT bucket_key FROM rate_limit_buckets")).toEqual([{ bucket_key: "busy" }]);
    });
  });
});
