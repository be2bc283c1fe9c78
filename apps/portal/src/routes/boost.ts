import { portalBridgeSpec } from "@carrierkit/portal-bridge";
import express, { type Response, type Router } from "express";
import { BOOST_OFFERS, type FailureName } from "../boost.js";
import type { PortalContext } from "../context.js";
import { boostPage } from "../pages.js";
import { HttpError } from "../security.js";

type Members = Array<{ member: string; value: unknown }>;
const members = (def: string): Members =>
  (portalBridgeSpec.schemas["data-boost.schema.json"]?.$defs?.[def]?.["x-members"] as Members | undefined) ?? [];

/** Failure-code numbers of the data-boost bridge, from the spec (x-members of FailureCode). */
const FAILURE_CODES: Record<string, number> = Object.fromEntries(
  members("FailureCode").map((m) => [m.member, Number(m.value)]),
);
/** Capability names by number, from the spec (x-members of PremiumCapability, without the PREMIUM_CAPABILITY_ prefix). */
export const CAPABILITY_NAMES: Record<number, string> = Object.fromEntries(
  members("PremiumCapability").map((m) => [Number(m.value), m.member.replace(/^PREMIUM_CAPABILITY_/, "")]),
);
export const capabilityName = (cap: number) => CAPABILITY_NAMES[cap] ?? `unknown capability (${cap})`;

/**
 * Android's data-boost purchase page. GET and POST /boost only render it (Android opens it; POST carries the user
 * data for ContentsType json/xml, so it is exempt from the Origin check); POST /boost/purchase is the state-changing
 * call of the page's script: Origin-checked, and its synchronizer token (`x-csrf-token`) is bound to the grant.
 */
export function boostRoutes(router: Router, ctx: PortalContext): void {
  const render = (
    res: Response,
    token: string | undefined,
    status = 200,
    malformed?: { code: FailureName; reason: string },
  ) => {
    const grant = malformed ?? ctx.boost.grant(token);
    const failure = "code" in grant ? grant : undefined;
    const valid = "code" in grant ? undefined : grant;
    res
      .status(status)
      .type("html")
      .send(
        boostPage({
          failure,
          capability: valid ? capabilityName(valid.cap) : undefined,
          offers: BOOST_OFFERS,
          data: {
            page: "boost",
            token: valid?.token,
            csrf: valid ? ctx.sessions.csrfToken(`boost.${valid.id}`) : undefined,
            failure,
            failureCodes: FAILURE_CODES,
            capabilities: CAPABILITY_NAMES,
          },
        }),
      );
  };

  router.get("/boost", (req, res) => {
    // Android appends ServiceFlow_UserData verbatim (`?encodedValue=<base64>`): read it raw, '+' is base64, not space.
    const query = req.originalUrl.split("?")[1] ?? "";
    const raw = /(?:^|&)encodedValue=([^&]*)/.exec(query)?.[1];
    let token: string | undefined;
    try {
      token = raw ? decodeURIComponent(raw) : undefined;
    } catch {
      return render(res, undefined, 400, {
        code: "FAILURE_CODE_NO_USER_DATA",
        reason: "The user data is malformed (bad percent-encoding).",
      });
    }
    render(res, token);
  });
  router.post("/boost", express.text({ type: () => true, limit: "8kb" }), (req, res) => {
    // ContentsType json/xml: Android POSTs the user data, base64-decoded when it has the encodedValue= form.
    const body = typeof req.body === "string" ? req.body.trim() : "";
    const token = !body
      ? undefined
      : body.startsWith("encodedValue=")
        ? body.slice("encodedValue=".length)
        : body.startsWith("{")
          ? Buffer.from(body).toString("base64")
          : body;
    render(res, token);
  });
  router.post("/boost/purchase", (req, res, next) => {
    const token = typeof req.body?.token === "string" ? req.body.token : undefined;
    const grant = ctx.boost.grant(token);
    if (!("code" in grant) && !ctx.sessions.csrfValid(`boost.${grant.id}`, req.get("x-csrf-token")))
      return next(
        new HttpError(403, "The purchase request is missing this page's token.", "FAILURE_CODE_AUTHENTICATION_FAILED"),
      );
    ctx.boost
      .purchase(token, String(req.body?.offer ?? "").slice(0, 64))
      .then((result) => {
        ctx.purchases.inc({ kind: "data-boost", result: result.ok ? "succeeded" : result.code });
        ctx.log.info({ result }, "data boost purchase");
        res.json(result);
      })
      .catch(next);
  });
}
