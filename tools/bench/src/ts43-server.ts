/** The benchmark's entitlement server process: prints `{ url }` when ready. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@carrierkit/contract-runtime/node";
import { createEntitlementApp } from "@carrierkit/entitlement-app";
import { EntitlementCore, OperatorCore, openStore, seedDemo, seedEntitlementDemo } from "@carrierkit/operator-core";

for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(0));
const db = await openStore({ sqlitePath: join(mkdtempSync(join(tmpdir(), "bench-ts43-")), "ecs.db") });
await seedDemo(new OperatorCore(db), Date.now());
await seedEntitlementDemo(new EntitlementCore(db), Date.now());
// The benchmark floods EAP-AKA rounds for the few demo IMSIs: the per-IMSI EAP-start limit is off here.
const { app } = createEntitlementApp({
  db,
  adminToken: "bench-admin",
  grantSecret: "bench-grant-secret-0123456789",
  policy: { eapStartsPerMinute: 0 },
});
const server = await startServer({ app, port: 0 });
console.log(JSON.stringify({ url: `${server.url}/` }));
