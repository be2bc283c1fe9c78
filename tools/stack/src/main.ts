/**
 * `npm start`: the whole reference stack in one process, on an embedded SQLite store with demo data.
 * Ports (each overridable): DPA 4010 (DPA_PORT).
 */
import { main as startDpa } from "@carrierkit/dpa-app";

const services: Array<{ name: string; close: () => Promise<void> }> = [];

const dpa = await startDpa({ ...process.env, DPA_SQLITE_PATH: process.env.DPA_SQLITE_PATH ?? ".data/dpa.db" });
services.push({ name: "dpa", close: () => dpa.server.close() });

console.log(`carrierkit stack: ${services.map((s) => s.name).join(", ")} running. Ctrl-C stops it.`);
