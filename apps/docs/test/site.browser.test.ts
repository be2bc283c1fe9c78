import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { launchChromium } from "@carrierkit/portal-bridge/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildSite } from "../src/build.js";
import { type DocPage, discoverPages } from "../src/catalog.js";
import { docsHandler } from "../src/server.js";

// The real site, built from the repository's specs into a temporary folder, served by the docs server on port 0 and
// opened page by page in Chromium. Every request a page makes is listed (and anything not for the local server is
// aborted, so it would also show as a failed request); console errors, page errors and failed requests must be none.
const specsDir = join(import.meta.dirname, "..", "..", "..", "specs");
const pages = discoverPages(specsDir);
const outDir = mkdtempSync(join(tmpdir(), "carrierkit-docs-site-"));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  buildSite({ specsDir, outDir });
  server = await startServer({ app: docsHandler(outDir), port: 0, handleSignals: false });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

interface Visit {
  context: BrowserContext;
  page: Page;
  requests: string[];
  problems: string[];
}

async function visit(path: string): Promise<Visit> {
  const context = await browser.newContext();
  const requests: string[] = [];
  const problems: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${server.url}/`)) await route.continue();
    else await route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  const response = await page.goto(`${server.url}/${path}`, { waitUntil: "load" });
  if (!response?.headers()["content-security-policy"]?.includes("default-src 'self'")) problems.push("no CSP");
  return { context, page, requests, problems };
}

/** After the page is done: everything it asked for came from the docs server, and nothing went wrong. */
async function finish(v: Visit): Promise<void> {
  await v.page.waitForLoadState("networkidle");
  await v.context.close();
  expect(v.problems).toEqual([]);
  expect(v.requests.length).toBeGreaterThan(0);
  expect(v.requests.filter((u) => !u.startsWith(`${server.url}/`))).toEqual([]);
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
interface Operation {
  operationId: string;
  summary: string;
  tag: string;
  callbacks: string[];
}
type Spec = { paths?: Record<string, Record<string, unknown>>; webhooks?: Record<string, Record<string, unknown>> };

function operationsOf(page: DocPage): Operation[] {
  const spec = parse(readFileSync(page.source, "utf8")) as Spec;
  const items = [...Object.values(spec.paths ?? {}), ...Object.values(spec.webhooks ?? {})];
  return items.flatMap((item) =>
    METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m] as { operationId: string; summary: string; tags?: string[]; callbacks?: object };
      return {
        operationId: op.operationId,
        summary: op.summary,
        tag: op.tags?.[0] ?? "",
        callbacks: Object.keys(op.callbacks ?? {}),
      };
    }),
  );
}

describe("docs site in Chromium", () => {
  it("When the index is opened, then it links every page of every contract, and each link answers", async () => {
    const v = await visit("");
    const hrefs = await v.page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
    for (const p of pages) {
      expect(hrefs).toContain(p.href);
      expect(hrefs).toContain(p.sourceHref);
    }
    for (const href of hrefs) {
      const res = await fetch(`${server.url}/${href}`, { method: "HEAD" });
      expect(res.status, String(href)).toBe(200);
    }
    for (const p of pages) {
      expect(await (await fetch(`${server.url}/${p.sourceHref}`)).text()).toBe(readFileSync(p.source, "utf8"));
    }
    await finish(v);
  }, 60_000);

  it("When the DPA page is read as a file, then it is self-contained and names every operation", () => {
    const html = readFileSync(join(outDir, "dpa.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toContain("cdn.redoc.ly");
    for (const text of ["Buy a plan for a user", "Report the DPA", "getPlanStatus", "Data Plan Agent API (0.1.0)"]) {
      expect(html).toContain(text);
    }
  });

  it.each(pages.filter((p) => p.kind === "openapi").map((p) => [p.href, p] as const))(
    "When %s is opened, then every operation is in the menu (by operationId) and shows its summary, with no outside request",
    async (href, doc) => {
      const operations = operationsOf(doc);
      expect(operations.length).toBeGreaterThan(0);
      const v = await visit(href);
      // The menu's tag entries (prerendered as /tag, hydrated as #/tag): Redoc routes by hash, #/tag/operationid.
      const menu = async () =>
        (
          await v.page.$$eval("a[href]", (as) =>
            as.map((a) => [a.textContent?.trim() ?? "", a.getAttribute("href") ?? ""]),
          )
        )
          .filter(([, h]) => /^#?\/[^/]/.test(h))
          .map(([text, h]) => [text, h.replace(/^#/, "")] as const);
      const tags = new Map(await menu());
      for (const op of operations) {
        const tagRoute = tags.get(op.tag);
        expect(tagRoute, `menu entry of tag ${op.tag}`).toBeDefined();
        const route = `${tagRoute}/${op.operationId.toLowerCase()}`;
        await v.page.goto(`${server.url}/${href}#${route}`);
        // Only the hydrated app renders an operation's heading; the prerendered page has the introduction only.
        await v.page.locator("h2").filter({ hasText: op.summary }).first().waitFor({ timeout: 90_000 });
        const entry = (await menu()).find(([, h]) => h === route);
        expect(entry?.[0], `${op.operationId} in the menu`).toContain(op.summary);
        if (op.callbacks.length > 0) {
          await v.page.getByText("Callbacks", { exact: true }).first().waitFor({ timeout: 30_000 });
        }
      }
      const images = await v.page.$$eval("img", (imgs) => imgs.map((i) => i.getAttribute("src") ?? ""));
      await finish(v);
      expect(images.map((src) => new URL(src, `${server.url}/${href}`).href)).toContain(
        `${server.url}/assets/redoc-logo.svg`,
      );
    },
    240_000,
  );

  it.each(pages.filter((p) => p.kind === "json-schema").map((p) => [p.href, p] as const))(
    "When %s is opened, then every $defs entry is a section, every $ref link lands on a section, with no outside request",
    async (href, doc) => {
      const schema = JSON.parse(readFileSync(doc.source, "utf8")) as {
        $defs?: Record<string, unknown>;
        title?: string;
      };
      const v = await visit(href);
      expect(await v.page.locator("h1").textContent()).toBe(schema.title);
      for (const name of Object.keys(schema.$defs ?? {})) {
        const heading = v.page.locator(`section[id="def-${name}"] > h2 code`).first();
        expect(await heading.textContent(), name).toBe(name);
      }
      const ids = new Set(await v.page.$$eval("[id]", (els) => els.map((e) => e.id)));
      const local = await v.page.$$eval('a[href^="#"]', (as) =>
        as.map((a) => decodeURIComponent(a.getAttribute("href") ?? "").slice(1)),
      );
      expect(local.length).toBeGreaterThan(0);
      for (const id of local) expect(ids.has(id), `#${id}`).toBe(true);
      expect(await v.page.locator("script").count()).toBe(0);
      await finish(v);
    },
    60_000,
  );

  it.each(pages.filter((p) => p.kind === "bridges").map((p) => [p.href, p] as const))(
    "When %s is opened, then every method of every bridge object is listed with its argument names, and its links land",
    async (href, doc) => {
      type Overload = { args?: string };
      type Bridges = {
        bridges: Array<{
          schema: string;
          objects: Array<{ name: string; methods: Array<{ name: string; overloads?: Overload[] }> }>;
        }>;
      };
      const spec = JSON.parse(readFileSync(doc.source, "utf8")) as Bridges;
      const v = await visit(href);
      let methods = 0;
      for (const bridge of spec.bridges) {
        const schema = JSON.parse(readFileSync(join(doc.source, "..", bridge.schema), "utf8")) as {
          $defs: Record<string, { prefixItems?: Array<{ title?: string }> }>;
        };
        for (const object of bridge.objects) {
          for (const method of object.methods) {
            methods++;
            const item = v.page.locator(`li.method[data-method="${object.name}.${method.name}"]`);
            expect(await item.count(), `${object.name}.${method.name}`).toBe(1);
            const text = (await item.textContent()) ?? "";
            for (const overload of method.overloads ?? []) {
              const args = schema.$defs[overload.args?.replace("#/$defs/", "") ?? ""];
              expect(args, overload.args).toBeDefined();
              for (const arg of args?.prefixItems ?? []) expect(text).toContain(`${arg.title}`);
            }
          }
        }
      }
      expect(methods).toBeGreaterThan(0);
      const links = await v.page.$$eval("main a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
      expect(links.length).toBeGreaterThan(0);
      const files = new Map<string, string>();
      for (const link of links) {
        const [file = "", anchor] = new URL(link, `${server.url}/${href}`).href.split("#");
        if (!files.has(file)) files.set(file, await (await fetch(file)).text());
        if (anchor) expect(files.get(file), link).toContain(`id="${decodeURIComponent(anchor)}"`);
      }
      await finish(v);
    },
    60_000,
  );
});
