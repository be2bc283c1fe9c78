/**
 * A benchmark target in its own process: `reference` (the reference DPA on a SQLite file, demo data, JWT auth) or
 * `bare` (plain express answering the same JSON). Prints one JSON line `{ url, token, body }` when ready.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@carrierkit/contract-runtime/node";
import { openapiDocument } from "@carrierkit/dpa";
import { createDpaApp } from "@carrierkit/dpa-app";
import { OperatorCore, openStore, parseAmount, seedDemo } from "@carrierkit/operator-core";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";

const kind = process.argv[2];
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => process.exit(0));
const MSISDN = "919876543210";

if (kind === "reference") {
  const db = await openStore({ sqlitePath: join(mkdtempSync(join(tmpdir(), "bench-dpa-")), "dpa.db") });
  const core = new OperatorCore(db);
  await seedDemo(core, Date.now(), "bench-cpid-secret-0123456789");
  await core.topUp("sub-asha", "INR", parseAmount("100000000"), Date.now());
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "bench", alg: "ES256" }] };
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: "bench" })
    .setIssuer("https://gtaf.bench")
    .setAudience("dpa")
    .setExpirationTime("2h")
    .sign(privateKey);
  const dpa = createDpaApp({
    db,
    cpidSecret: "bench-cpid-secret-0123456789",
    auth: { keys: createLocalJWKSet(jwks as never), issuer: "https://gtaf.bench", audience: "dpa" },
    rateLimit: false,
  });
  const server = await startServer({ app: dpa.app, port: 0 });
  const res = await fetch(`${server.url}/${MSISDN}/planStatus?key_type=MSISDN&client_id=mobiledataplan`, {
    headers: { Authorization: `Bearer ${token}`, "Cache-Control": "no-cache" },
  });
  console.log(JSON.stringify({ url: server.url, token, body: await res.json() }));
} else if (kind === "bare" || kind === "validator") {
  // `validator`: the same bare handlers behind express-openapi-validator (requests and responses validated against
  // the DPA spec, no auth, no store) — the ceiling any DPA on the mandated stack can reach.
  const body = JSON.parse(process.argv[3] ?? "{}");
  const purchase = { transactionStatus: "SUCCESS", purchase: { planId: "daily-1gb", transactionId: "x" } };
  const app = express();
  app.use(express.json());
  if (kind === "validator") {
    app.use(
      OpenApiValidator.middleware({
        apiSpec: structuredClone(openapiDocument) as never,
        validateRequests: true,
        validateResponses: true,
        validateSecurity: false,
      }),
    );
  }
  app.get("/:userKey/planStatus", (_req, res) => {
    res.json(body);
  });
  app.post("/:userKey/purchasePlan", (req, res) => {
    res.json({ ...purchase, purchase: { ...purchase.purchase, transactionId: req.body.transactionId } });
  });
  const server = await startServer({ app, port: 0 });
  console.log(JSON.stringify({ url: server.url, token: "", body }));
} else {
  console.error("usage: dpa-server reference|bare|validator [body]");
  process.exit(2);
}
