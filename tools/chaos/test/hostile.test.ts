import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failureKinds,
  type HostileTarget,
  launchDpaTarget,
  launchEntitlementTarget,
  launchGtafTarget,
  runHostile,
} from "../src/index.js";

/** The `operation` label values of `http_requests_total`. */
const operationLabels = (metrics: string) =>
  new Set(
    metrics
      .split("\n")
      .filter((l) => l.startsWith("http_requests_total{"))
      .map((l) => /operation="([^"]*)"/.exec(l)?.[1] ?? "(none)"),
  );

describe.each([
  ["the reference DPA", launchDpaTarget, []],
  [
    "the entitlement server (TS.43 and its admin API)",
    launchEntitlementTarget,
    [
      "/admin/subscribers",
      "/admin/subscribers/:id",
      "/admin/subscribers/:id/data-boost",
      "/admin/subscribers/:id/data-boost/purchase",
    ],
  ],
  ["the GTAF mock", launchGtafTarget, []],
])("hostile-input suite against %s", (_name, launch, routes: string[]) => {
  let target: HostileTarget;
  beforeAll(async () => {
    target = await launch();
  }, 60_000);
  afterAll(async () => target?.stop());

  it("When every operation of each of its contracts gets every generated invalid request, then no answer is a 5xx it does not declare, each error is in the body the contract declares, and the server stays up", async () => {
    for (const contract of target.contracts) {
      const r = await runHostile({ contract, url: target.url, alive: target.alive });
      expect(failureKinds(r.failures).slice(0, 20)).toEqual([]);
      expect(r.aliveAfter).toBe(true);
      expect(r.requests).toBeGreaterThan(75 * contract.cases.length);
    }
    // Hostile paths must not become metric labels: every label is an operation of the contracts or a route template.
    const known = new Set([
      ...target.contracts.flatMap((c) => c.cases.map((x) => x.operationId)),
      ...Object.values(target.contracts[0]!.spec?.paths ?? {}).flatMap((item) =>
        Object.values(item).map((op) => op.operationId ?? ""),
      ),
      ...routes,
      "(unmatched)",
      "/healthz",
    ]);
    const labels = [...operationLabels(await target.metrics())];
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter((l) => !known.has(l))).toEqual([]);
  }, 240_000);
});
