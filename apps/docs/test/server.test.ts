import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsHandler } from "../src/server.js";

// A site folder with a page, a dotfile and a hidden folder, next to files it must never serve: one in the parent,
// one in a sibling folder whose name starts with the site folder's name (a prefix check alone lets that through).
const SECRET = "SECRET-OUTSIDE-THE-SITE";
const root = mkdtempSync(join(tmpdir(), "carrierkit-docs-"));
const site = join(root, "site");
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(site, "sub", ".hidden"), { recursive: true });
  mkdirSync(join(root, "site-private"));
  writeFileSync(join(site, "index.html"), "<!doctype html><title>index</title>");
  writeFileSync(join(site, "page.html"), "<!doctype html><title>page</title>");
  writeFileSync(join(site, "spec.yaml"), "openapi: 3.1.0\n");
  writeFileSync(join(site, ".env"), SECRET);
  writeFileSync(join(site, "sub", ".hidden", "x.html"), SECRET);
  writeFileSync(join(root, "secret.txt"), SECRET);
  writeFileSync(join(root, "site-private", "secret.txt"), SECRET);
  server = await startServer({ app: docsHandler(site), port: 0, handleSignals: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Sends the request target exactly as given (fetch would normalise dot segments before sending). */
function raw(
  path: string,
  method = "GET",
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("docs static server", () => {
  it.each([
    ["/", 200, "<title>index</title>"],
    ["/page.html", 200, "<title>page</title>"],
    ["/spec.yaml", 200, "openapi: 3.1.0"],
    ["/missing.html", 404, "not found"],
    ["/sub", 404, "not found"],
    ["/sub/", 404, "not found"],
    ["/healthz", 200, '{"status":"ok","service":"docs"}'],
  ])("When %s is requested, then it answers %i with the file", async (path, status, text) => {
    const res = await raw(path);
    expect(res.status).toBe(status);
    expect(res.body).toContain(text);
  });

  const escapes = [
    ["encoded slash", "/..%2Fsecret.txt"],
    ["encoded slashes, two levels", "/..%2F..%2F..%2Fsecret.txt"],
    ["encoded dots", "/%2e%2e/secret.txt"],
    ["encoded dots and slash", "/%2e%2e%2fsecret.txt"],
    ["upper-case encoding", "/%2E%2E%2Fsecret.txt"],
    ["sibling folder sharing the site's name as a prefix", "/..%2Fsite-private%2Fsecret.txt"],
    ["sibling folder through a subfolder", "/sub/..%2F..%2Fsite-private/secret.txt"],
    ["double-encoded", "/%252e%252e%252fsecret.txt"],
    ["double-encoded slash", "/..%252Fsecret.txt"],
    ["raw backslash", "/..\\secret.txt"],
    ["encoded backslash", "/..%5Csecret.txt"],
    ["encoded backslash to the sibling", "/..%5Csite-private%5Csecret.txt"],
    ["absolute path, encoded", `/${encodeURIComponent(join(root, "secret.txt"))}`],
    ["absolute path, double slash", `/${join(root, "secret.txt")}`],
    ["absolute-form request target", "http://127.0.0.1/../secret.txt"],
    ["null byte", "/..%00/secret.txt"],
    ["malformed encoding", "/%E0%A4%A/secret.txt"],
    ["dotfile", "/.env"],
    ["encoded dotfile", "/%2eenv"],
    ["file in a hidden folder", "/sub/.hidden/x.html"],
  ];
  it.each(escapes)("When a path escapes the site (%s), then it answers 400 or 404 and no file", async (_name, path) => {
    for (const method of ["GET", "HEAD"]) {
      const res = await raw(path, method);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain(SECRET);
    }
  });

  it("When a method other than GET or HEAD is used, then it answers 405 with Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await raw("/page.html", method);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD");
    }
  });

  it("When a page is served, then its Content-Security-Policy allows only the site's own origin", async () => {
    const csp = String((await raw("/page.html")).headers["content-security-policy"]);
    for (const directive of ["default-src 'self'", "connect-src 'self'", "img-src 'self' data:", "object-src 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it("When a page is fetched with HEAD, then it answers 200 without a body", async () => {
    const res = await raw("/page.html", "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toBe("");
  });
});
