import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RoundRobinBalancer, requestOnce } from "../src/testing.js";

/** An HTTP server that answers its own name. */
async function named(name: string): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const server = createServer((_req, res) => res.end(name));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const get = async (url: string) => (await requestOnce(url)).body;

describe("RoundRobinBalancer", () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it("When connections arrive, then they alternate between the upstreams and each one is counted", async () => {
    const a = await named("a");
    const b = await named("b");
    const lb = await RoundRobinBalancer.ofUrls([a.url, b.url]).start();
    cleanup.push(a.stop, b.stop, () => lb.close());
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get(lb.url));
    expect(answers).toEqual(["a", "b", "a", "b", "a", "b"]);
    expect(lb.forwarded).toEqual([3, 3]);
  });

  it("When one upstream is down, then its turns go to the other; when it is replaced, then it gets turns again", async () => {
    const a = await named("a");
    const b = await named("b");
    const lb = await RoundRobinBalancer.ofUrls([a.url, b.url]).start();
    cleanup.push(a.stop, () => lb.close());
    await b.stop();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get(lb.url));
    expect(answers).toEqual(["a", "a", "a", "a"]);
    const c = await named("c");
    cleanup.push(c.stop);
    lb.replace(1, c.url);
    const after = [await get(lb.url), await get(lb.url)].sort();
    expect(after).toEqual(["a", "c"]);
  });

  it("When every upstream refuses, then the client's connection is closed without an answer and counted", async () => {
    const a = await named("a");
    await a.stop();
    const lb = await RoundRobinBalancer.ofUrls([a.url, a.url]).start();
    cleanup.push(() => lb.close());
    await expect(get(lb.url)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(lb.refused).toBe(1);
  });
});
