/**
 * `npm start`: the whole reference stack in one process, on one embedded SQLite store with demo data.
 * Ports (each overridable): DPA 4010 (DPA_PORT), entitlement 4030 (ENTITLEMENT_PORT), docs 4050 (DOCS_PORT).
 */
import { serveDocs } from "@carrierkit/docs";
import { main as startDpa } from "@carrierkit/dpa-app";
import { main as startEntitlement } from "@carrierkit/entitlement-app";

const store = process.env.CARRIERKIT_SQLITE_PATH ?? ".data/carrierkit.db";
const env = {
  ...process.env,
  DPA_SQLITE_PATH: process.env.DPA_SQLITE_PATH ?? store,
  ENTITLEMENT_SQLITE_PATH: process.env.ENTITLEMENT_SQLITE_PATH ?? store,
};

const dpa = await startDpa(env);
const entitlement = await startEntitlement(env);
const docs = await serveDocs();
console.log(`API docs at ${docs.url}/`);

const services = [
  { name: "dpa", url: dpa.server.url, close: () => dpa.server.close() },
  { name: "entitlement", url: entitlement.server.url, close: () => entitlement.server.close() },
  { name: "docs", url: docs.url, close: () => docs.close() },
];
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    void Promise.allSettled(services.map((s) => s.close())).then(() => process.exit(0));
  });
}
console.log(`carrierkit stack running: ${services.map((s) => `${s.name} ${s.url}`).join(", ")}. Ctrl-C stops it.`);
