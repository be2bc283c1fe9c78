import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createContractRouter,
  type HttpError,
  type RunningServer,
  startServer,
  UNDECLARED_MEDIA_TYPE,
  validatorContentType,
} from "../src/node.js";

/** A one-operation contract taking JSON; the handler reports the Content-Type the validator was given. */
const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things": {
      post: {
        operationId: "postThing",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
            },
          },
        },
        responses: {
          "200": {
            description: "ok",
            content: {
              "application/json": {
                schema: { type: "object", required: ["seen"], properties: { seen: { type: "string" } } },
              },
            },
          },
        },
      },
    },
  },
};

describe("the Content-Type express-openapi-validator caches its validators by", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const app = express();
    app.use(
      createContractRouter<never, express.Request>({
        document,
        errorBody: (e: HttpError) => ({ error: e.message }),
        context: (req) => req,
        handlers: {
          postThing: async ({ ctx }: { ctx: express.Request }) => ({
            status: 200,
            body: { seen: String(ctx.headers["content-type"]) },
          }),
        } as never,
      }),
    );
    server = await startServer({ app, port: 0 });
  });
  afterAll(async () => server.close());

  const post = (contentType: string) =>
    fetch(`${server.url}/things`, { method: "POST", headers: { "Content-Type": contentType }, body: '{"n":1}' });

  it("When 300 requests carry 300 different Content-Type parameters, then the validator sees one value (its per-type cache stays at one entry)", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const res = await post(`application/JSON; charset=utf-8; x-hostile=${i}`);
      expect(res.status).toBe(200);
      seen.add(((await res.json()) as { seen: string }).seen);
    }
    expect([...seen]).toEqual(["application/json"]);
  });

  it("When requests carry undeclared media types, then each is refused with 415 in the contract's body", async () => {
    for (const type of ["text/plain", "application/x-hostile-1", "application/x-hostile-2; q=1"]) {
      const res = await post(type);
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
  });

  it.each([
    ["application/json", "application/json"],
    ["Application/Json ; charset=UTF-8", "application/json"],
    ["application/json; x=1", "application/json"],
    ["text/plain", UNDECLARED_MEDIA_TYPE],
    ["", UNDECLARED_MEDIA_TYPE],
    ["multipart/form-data; boundary=abc", UNDECLARED_MEDIA_TYPE],
  ])("When the header is %j, then the validator is shown %j", (header, shown) => {
    expect(validatorContentType(header, new Set(["application/json"]))).toBe(shown);
  });

  it("When multipart is declared, then the boundary is kept (the body parser needs it) and other parameters dropped", () => {
    expect(validatorContentType("multipart/form-data; boundary=abc; x=1", new Set(["multipart/form-data"]))).toBe(
      "multipart/form-data; boundary=abc",
    );
  });
});
