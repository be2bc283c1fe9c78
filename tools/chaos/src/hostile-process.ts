/**
 * Child-process entry of the hostile suite's targets other than the DPA: the reference entitlement server (on a
 * SQLite file with the demo subscribers and USIMs) or the GTAF mock (in front of a DPA process, with one MSISDN
 * registered), each printing `{"url"}` once it listens and answering the memory hook (see memory-hook.ts).
 */
import { startServer } from "@carrierkit/contract-runtime/node";
import { createEntitlementApp } from "@carrierkit/entitlement-app";
import { createSigner, startGtafMock } from "@carrierkit/gtaf-mock";
import { EntitlementCore, OperatorCore, openStore, seedDemo, seedEntitlementDemo } from "@carrierkit/operator-core";
import type { JWK } from "jose";
import { installMemoryHook, setSizes } from "./memory-hook.js";
import { AUDIENCE, ISSUER } from "./target.js";

export type HostileTargetOptions =
  | { kind: "entitlement"; sqlitePath: string; adminToken: string }
  | {
      kind: "gtaf";
      dpaUrl: string;
      privateJwk: JWK;
      operatorId: string;
      client: { clientId: string; clientSecret: string };
      register: string[];
    };

const options = JSON.parse(process.argv[2] ?? "{}") as HostileTargetOptions;
installMemoryHook();
if (options.kind === "entitlement") {
  const db = await openStore({ sqlitePath: options.sqlitePath });
  await seedDemo(new OperatorCore(db), Date.now());
  await seedEntitlementDemo(new EntitlementCore(db), Date.now());
  const { app, service } = createEntitlementApp({
    db,
    adminToken: options.adminToken,
    grantSecret: "chaos-grant-secret-0123456789",
    observability: { defaultMetrics: true },
  });
  setSizes(async () => ({ "EAP sessions": await service.sessions.size() }));
  const server = await startServer({ app, port: 0, handleSignals: true, onClose: () => db.close() });
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
} else {
  const signer = await createSigner({ issuer: ISSUER, dpaAudience: AUDIENCE, privateJwk: options.privateJwk });
  const { server, mock } = await startGtafMock({
    dpaUrl: options.dpaUrl,
    signer,
    operatorId: options.operatorId,
    clients: [options.client],
    port: 0,
    background: false,
    handleSignals: true,
    observability: { defaultMetrics: true },
  });
  for (const msisdn of options.register) await mock.register(msisdn);
  setSizes(() => ({
    cache: mock.cache.size,
    purchases: mock.purchases.size,
    "pushed statuses": mock.pushed.size,
    registrations: mock.registrations.size,
    "recorded exchanges": mock.recorder.list().length,
  }));
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
}
