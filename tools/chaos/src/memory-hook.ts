/**
 * A test-only memory probe for the suites' server processes: the parent sends `"memory"` over the IPC channel, the
 * child runs a full garbage collection when started with `--expose-gc` and answers `process.memoryUsage()`.
 */
import type { ChildProcess } from "node:child_process";

export interface MemoryReading {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Whether a collection ran before the reading (the child has `--expose-gc`). */
  collected: boolean;
  /** Entries of the server's request-fed structures (session maps, caches, recorders), as the child reports them. */
  sizes: Record<string, number>;
}

/**
 * In the child: answer memory requests (the IPC channel does not keep the process alive). `sizes` reports the
 * entries of the structures requests can grow, registered once the server exists (see {@link setSizes}).
 */
let sizes: () => Record<string, number> | Promise<Record<string, number>> = () => ({});

/** Registers what the memory probe reports as the server's structure sizes. */
export function setSizes(report: () => Record<string, number> | Promise<Record<string, number>>): void {
  sizes = report;
}

export function installMemoryHook(): void {
  if (!process.send) return;
  process.on("message", async (message: unknown) => {
    if (message !== "memory" && message !== "memory:gc") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    const collect = message === "memory:gc" && gc !== undefined;
    if (collect) {
      // Two passes: the first may only queue finalizers and weak callbacks.
      gc();
      gc();
    }
    const reported = await Promise.resolve()
      .then(sizes)
      .catch((err: unknown) => ({ [`sizes unavailable: ${String(err)}`]: -1 }));
    process.send?.({ memory: { ...process.memoryUsage(), collected: collect, sizes: reported } });
  });
  process.channel?.unref();
}

/** In the parent: the child's memory, after a forced collection when `gc` (and the child has `--expose-gc`). */
export function readMemory(child: ChildProcess, gc = false, timeoutMs = 10_000): Promise<MemoryReading> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error("the server process did not answer the memory probe"));
    }, timeoutMs);
    const onMessage = (m: unknown) => {
      const reading = (m as { memory?: MemoryReading }).memory;
      if (!reading) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(reading);
    };
    child.on("message", onMessage);
    child.send(gc ? "memory:gc" : "memory");
  });
}
