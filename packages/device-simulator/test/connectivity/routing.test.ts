// Route selection on the slicing data path: match-all only for default networks, the enterprise fallback, unavailable
// slices, PDU sessions shared per (S-NSSAI, DNN) and torn down with their last request, data call failures, 5G SA,
// and a PRIORITIZE_LATENCY request routed on its slice once the network adds the rule.
import {
  androidCategoryRule,
  androidDefaultRule,
  encodeDlNasTransport,
  manageUePolicyCommand,
  type UrspPolicy,
  type UrspRule,
} from "@carrierkit/ursp";
import { describe, expect, it } from "vitest";
import type { NetworkRequestHandle } from "../../src/index.js";
import {
  ENTERPRISE_SLICE,
  INTERNET_SLICE,
  LATENCY_SLICE,
  makeDevice,
  PLMN,
  PRIVILEGED,
  saNetwork,
} from "./fixtures.js";

const defaultRule = androidDefaultRule({ precedence: 9, slice: INTERNET_SLICE });
const enterpriseRule = androidCategoryRule("ENTERPRISE", { precedence: 1, slice: ENTERPRISE_SLICE });
const latencyRule = androidCategoryRule("PRIORITIZE_LATENCY", { precedence: 7, slice: LATENCY_SLICE });

/** A category rule with only its S-NSSAI + DNN descriptor (no DNN-only second descriptor). */
function sliceOnly(rule: UrspRule): UrspRule {
  return { ...rule, routeSelectionDescriptors: rule.routeSelectionDescriptors.slice(0, 1) };
}

const policy = (...rules: UrspRule[]): UrspPolicy => ({ rules });

describe("match-all rule for default networks only", () => {
  it.each(["CBS", "PRIORITIZE_LATENCY", "PRIORITIZE_BANDWIDTH", "ENTERPRISE2"] as const)(
    "When the URSP has only the match-all rule and an app requests %s, then the slice request never takes the match-all route",
    (category) => {
      const { device } = makeDevice({ policy: policy(defaultRule) });
      const app = device.installApp({
        packageName: "com.example.app",
        ...PRIVILEGED,
        selfCertifiedCapabilities: ["PRIORITIZE_LATENCY", "PRIORITIZE_BANDWIDTH"],
      });
      const h = device.requestNetwork(app, { capability: category });
      if (category === "ENTERPRISE2") {
        // Enterprise categories fall back to the default network instead.
        expect(h.status).toBe("available");
        expect(h.route).toMatchObject({ fallback: true, satisfiedBy: "INTERNET", rulePrecedence: 9 });
        expect(h.failure?.cause).toBe("MATCH_ALL_RULE_NOT_ALLOWED");
      } else {
        expect(h.status).toBe("unavailable");
        expect(h.failure).toMatchObject({ cause: "MATCH_ALL_RULE_NOT_ALLOWED", causeCode: 0x8cd });
        expect(h.failure?.explanation).toContain(
          "rule 0 [precedence 9]: match-all rule skipped: matchAllRuleAllowed is false",
        );
      }
    },
  );

  it("When an app asks for the default network, then the match-all rule routes it to the internet slice", () => {
    const { device } = makeDevice({ policy: policy(enterpriseRule, defaultRule) });
    const h = device.requestNetwork(device.installApp({ packageName: "com.example.app" }), { capability: "INTERNET" });
    expect(h.route).toMatchObject({
      matchAllRuleAllowed: true,
      rulePrecedence: 9,
      pduSession: { sNssai: INTERNET_SLICE, dnn: "internet" },
    });
  });

  it("When there is no URSP at all, then the default network uses the UE's local configuration and slice requests are unavailable", () => {
    const { device } = makeDevice({});
    const app = device.installApp({
      packageName: "com.example.app",
      ...PRIVILEGED,
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const d = device.requestNetwork(app, { capability: "INTERNET" });
    expect(d.route?.rulePrecedence).toBeUndefined();
    expect(d.route?.pduSession).toMatchObject({ sNssai: INTERNET_SLICE, dnn: "internet" });
    expect(device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" }).failure?.cause).toBe(
      "MATCH_ALL_RULE_NOT_ALLOWED",
    );
    expect(device.formatRouteReport()).toContain("via the UE's local configuration (no URSP rule)");
  });
});

describe("unavailable slices and the enterprise fallback", () => {
  it("When the latency rule's slice is not in the allowed NSSAI and its DNN is not served, then the request is reported unavailable: ALL_MATCHING_RULES_FAILED", () => {
    const { device } = makeDevice({
      policy: policy(latencyRule, defaultRule),
      network: saNetwork({ allowedNssai: [INTERNET_SLICE], dnns: ["internet"] }),
    });
    const app = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const h = device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
    expect(h.status).toBe("unavailable");
    expect(h.failure).toMatchObject({ cause: "ALL_MATCHING_RULES_FAILED", causeCode: 0x8ce });
    expect(h.failure?.explanation).toEqual(
      expect.arrayContaining([
        "  descriptor 0 [precedence 1]: slice SST 2 SD 000007 is not available",
        "  descriptor 1 [precedence 2]: DNN latency is not available",
      ]),
    );
    expect(device.pduSessions()).toEqual([]);
    expect(device.formatRouteReport()).toMatch(
      /^com\.example\.game \(uid \d+, personal\) PRIORITIZE_LATENCY → unavailable: ALL_MATCHING_RULES_FAILED/,
    );
  });

  it("When the enterprise slice is unavailable, then an ENTERPRISE request falls back to the default network, and moves to the slice once the network allows it", () => {
    const { device, modem } = makeDevice({
      policy: policy(sliceOnly(enterpriseRule), defaultRule),
      network: saNetwork({ allowedNssai: [INTERNET_SLICE] }),
    });
    const app = device.installApp({ packageName: "com.corp.mail", ...PRIVILEGED });
    const h = device.requestNetwork(app, { capability: "ENTERPRISE" });
    expect(h.status).toBe("available");
    expect(h.route).toMatchObject({
      fallback: true,
      satisfiedBy: "INTERNET",
      pduSession: { sNssai: INTERNET_SLICE, dnn: "internet" },
    });
    expect(h.failure?.cause).toBe("ALL_MATCHING_RULES_FAILED");
    expect(device.formatRouteReport()).toContain(
      "via rule precedence 9 (fallback to the default network: ALL_MATCHING_RULES_FAILED)",
    );

    const seen: string[] = [];
    h.onChange((x) => seen.push(`${x.status}:${x.route?.pduSession.dnn}`));
    modem.setServingNetwork(saNetwork({ allowedNssai: [INTERNET_SLICE, ENTERPRISE_SLICE] }));
    expect(h.route).toMatchObject({
      fallback: false,
      satisfiedBy: "ENTERPRISE",
      rulePrecedence: 1,
      pduSession: { sNssai: ENTERPRISE_SLICE, dnn: "enterprise" },
    });
    expect(h.failure).toBeUndefined();
    expect(seen).toEqual(["available:enterprise"]);
    // The default session it left had no other request: torn down.
    expect(modem.getDataCallList().map((c) => c.dnn)).toEqual(["enterprise"]);
  });

  it("When the network withdraws the enterprise slice, then the session is released and the request falls back", () => {
    const { device, modem } = makeDevice({ policy: policy(sliceOnly(enterpriseRule), defaultRule) });
    const h = device.requestNetwork(device.installApp({ packageName: "com.corp.mail", ...PRIVILEGED }), {
      capability: "ENTERPRISE",
    });
    expect(h.route?.pduSession.dnn).toBe("enterprise");
    const seen: string[] = [];
    h.onChange((x) => seen.push(`${x.status}:${x.route?.pduSession.dnn ?? "-"}`));
    modem.setServingNetwork(saNetwork({ allowedNssai: [INTERNET_SLICE] }));
    expect(seen).toEqual(["unavailable:-", "available:internet"]);
    expect(h.route?.fallback).toBe(true);
  });
});

describe("PDU sessions per (S-NSSAI, DNN)", () => {
  it("When two apps request the default network, then they share one PDU session, which is torn down only after the last release", () => {
    const { device, modem } = makeDevice({ policy: policy(defaultRule) });
    const a = device.requestNetwork(device.installApp({ packageName: "com.example.a" }), { capability: "INTERNET" });
    const b = device.requestNetwork(device.installApp({ packageName: "com.example.b" }), { capability: "INTERNET" });
    expect(a.route?.pduSession.cid).toBe(b.route?.pduSession.cid);
    expect(a.route?.pduSession.uids).toEqual([a.app.uid, b.app.uid]);
    expect(modem.getDataCallList()).toHaveLength(1);
    a.release();
    expect(a.status).toBe("released");
    expect(modem.getDataCallList()).toHaveLength(1);
    expect(b.route?.pduSession.uids).toEqual([b.app.uid]);
    b.release();
    expect(modem.getDataCallList()).toEqual([]);
    expect(device.pduSessions()).toEqual([]);
    expect(device.routeReport()).toEqual([]);
    // The PDU session identity is free again.
    expect(modem.allocatePduSessionId()).toBe(1);
  });

  it("When ENTERPRISE and ENTERPRISE2 route to the same S-NSSAI and DNN, then the modem puts both on one PDU session carrying both traffic descriptors", () => {
    const shared = androidCategoryRule("ENTERPRISE2", { precedence: 2, slice: ENTERPRISE_SLICE, dnn: "enterprise" });
    const { device, modem } = makeDevice({ policy: policy(enterpriseRule, shared, defaultRule) });
    const app = device.installApp({ packageName: "com.corp.mail", ...PRIVILEGED });
    const e1 = device.requestNetwork(app, { capability: "ENTERPRISE" });
    const e2 = device.requestNetwork(app, { capability: "ENTERPRISE2" });
    expect(e1.route?.pduSession.cid).toBe(e2.route?.pduSession.cid);
    expect(e2.route?.rulePrecedence).toBe(2);
    const [call] = modem.getDataCallList();
    expect(call?.trafficDescriptors).toHaveLength(2);
    e1.release();
    expect(modem.getDataCallList()).toHaveLength(1);
    e2.release();
    expect(modem.getDataCallList()).toHaveLength(0);
  });

  it("When the slice and default requests route to different DNNs, then each gets its own PDU session identity", () => {
    const { device } = makeDevice({ policy: policy(enterpriseRule, latencyRule, defaultRule) });
    const app = device.installApp({
      packageName: "com.example.app",
      ...PRIVILEGED,
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const ids = (["INTERNET", "ENTERPRISE", "PRIORITIZE_LATENCY"] as const).map(
      (c) => device.requestNetwork(app, { capability: c }).route?.pduSession.pduSessionId,
    );
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => id !== undefined && id >= 1 && id <= 15)).toBe(true);
  });
});

describe("data call failures and the radio", () => {
  it("When the network rejects the PDU session, then the requester gets the failure cause, and a later attempt may succeed", () => {
    const { device, modem, source } = makeDevice({ policy: policy(latencyRule, defaultRule) });
    const app = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    modem.failNextSetup("SERVICE_OPTION_NOT_SUBSCRIBED");
    const h = device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
    expect(h.status).toBe("unavailable");
    expect(h.failure).toMatchObject({ cause: "SERVICE_OPTION_NOT_SUBSCRIBED", causeCode: 0x21 });
    expect(h.failure?.message).toContain("the network rejected the PDU session: SERVICE_OPTION_NOT_SUBSCRIBED");
    expect(modem.getDataCallList()).toEqual([]);
    // Joining an established session is no PDU session establishment: a queued rejection waits for the next one.
    const web = device.requestNetwork(app, { capability: "INTERNET" });
    modem.failNextSetup("INSUFFICIENT_RESOURCES");
    const web2 = device.requestNetwork(device.installApp({ packageName: "com.example.web" }), {
      capability: "INTERNET",
    });
    expect(web2.route?.pduSession.cid).toBe(web.route?.pduSession.cid);
    // Re-evaluated on the next slicing config change, where the queued rejection hits the new latency session…
    source.set(PLMN, policy(latencyRule, defaultRule));
    expect(h.failure?.cause).toBe("INSUFFICIENT_RESOURCES");
    // …and on the one after it succeeds.
    source.set(PLMN, policy(latencyRule, defaultRule));
    expect(h.status).toBe("available");
  });

  it.each(["LTE", "NR_NSA"] as const)(
    "When the device is on %s, then slice requests are unavailable, enterprise falls back and the default network is a PDN connection without slice",
    (rat) => {
      const { device } = makeDevice({
        policy: policy(enterpriseRule, latencyRule, defaultRule),
        network: saNetwork({ rat }),
      });
      const app = device.installApp({
        packageName: "com.example.app",
        ...PRIVILEGED,
        selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
      });
      const d = device.requestNetwork(app, { capability: "INTERNET" });
      expect(d.route?.pduSession.sNssai).toBeUndefined();
      expect(d.route?.pduSession.dnn).toBe("internet");
      const l = device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
      expect(l.failure?.cause).toBe("MATCH_ALL_RULE_NOT_ALLOWED");
      expect(l.failure?.message).toContain("URSP applies in 5G SA only");
      const e = device.requestNetwork(app, { capability: "ENTERPRISE" });
      expect(e.route).toMatchObject({ fallback: true, pduSession: { cid: d.route?.pduSession.cid } });
    },
  );
});

describe("moving between 5G SA and LTE", () => {
  it("When the device drops to LTE and comes back to 5G SA, then slice sessions go and come back and the default network follows", () => {
    const { device, modem } = makeDevice({ policy: policy(latencyRule, defaultRule) });
    const app = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const d = device.requestNetwork(app, { capability: "INTERNET" });
    const l = device.requestNetwork(app, { capability: "PRIORITIZE_LATENCY" });
    expect(
      modem
        .getDataCallList()
        .map((c) => c.dnn)
        .sort(),
    ).toEqual(["internet", "latency"]);

    modem.setServingNetwork(saNetwork({ rat: "LTE" }));
    expect(l.status).toBe("unavailable");
    expect(l.failure?.cause).toBe("MATCH_ALL_RULE_NOT_ALLOWED");
    expect(d.route?.pduSession).toMatchObject({ dnn: "internet" });
    expect(d.route?.pduSession.sNssai).toBeUndefined();
    expect(modem.getDataCallList()).toHaveLength(1);

    modem.setServingNetwork(saNetwork());
    expect(l.route?.pduSession).toMatchObject({ sNssai: LATENCY_SLICE, dnn: "latency" });
    expect(d.route?.pduSession).toMatchObject({ sNssai: INTERNET_SLICE, dnn: "internet" });
    expect(modem.getDataCallList()).toHaveLength(2);
  });
});

describe("PRIORITIZE_LATENCY on the new slice (the upsell's end state)", () => {
  it("When the policy source gains a PRIORITIZE_LATENCY rule, then the waiting request is routed on the latency slice", () => {
    const { device, source } = makeDevice({ policy: policy(defaultRule) });
    const game = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const h: NetworkRequestHandle = device.requestNetwork(game, { capability: "PRIORITIZE_LATENCY" });
    expect(h.status).toBe("unavailable");
    expect(h.failure?.cause).toBe("MATCH_ALL_RULE_NOT_ALLOWED");
    const changes: string[] = [];
    h.onChange((x) => changes.push(x.status));

    // A change for another PLMN is not the serving network's.
    source.set("310-410", policy(latencyRule, defaultRule));
    expect(h.status).toBe("unavailable");

    source.set(PLMN, policy(latencyRule, defaultRule));
    expect(changes).toEqual(["available"]);
    expect(h.route).toMatchObject({
      satisfiedBy: "PRIORITIZE_LATENCY",
      rulePrecedence: 7,
      descriptorPrecedence: 1,
      matchAllRuleAllowed: false,
      pduSession: { sNssai: LATENCY_SLICE, dnn: "latency" },
    });
    expect(device.formatRouteReport()).toBe(
      `com.example.game (uid ${game.uid}, personal) PRIORITIZE_LATENCY → PDU session 1 S-NSSAI 2/000007, DNN latency, via rule precedence 7`,
    );
  });

  it("When the rule arrives as NAS bytes (DL NAS TRANSPORT / MANAGE UE POLICY COMMAND), then the waiting request is routed on the slice", () => {
    const { device, source } = makeDevice({ policy: policy(defaultRule) });
    const game = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const h = device.requestNetwork(game, { capability: "PRIORITIZE_LATENCY" });
    expect(h.status).toBe("unavailable");
    source.deliver(
      encodeDlNasTransport(manageUePolicyCommand(policy(latencyRule, defaultRule), { plmn: PLMN, pti: 0x81 })),
    );
    expect(h.route).toMatchObject({ rulePrecedence: 7, pduSession: { sNssai: LATENCY_SLICE, dnn: "latency" } });
  });

  it("When the operator removes the PRIORITIZE_LATENCY rule again, then the UE re-evaluates: the latency PDU session is released and the request is unavailable", () => {
    const { device, modem, source } = makeDevice({ policy: policy(latencyRule, defaultRule) });
    const game = device.installApp({
      packageName: "com.example.game",
      selfCertifiedCapabilities: ["PRIORITIZE_LATENCY"],
    });
    const web = device.requestNetwork(game, { capability: "INTERNET" });
    const h = device.requestNetwork(game, { capability: "PRIORITIZE_LATENCY" });
    expect(h.route?.pduSession.dnn).toBe("latency");
    const changes: string[] = [];
    h.onChange((x) => changes.push(`${x.status}:${x.failure?.cause ?? "-"}`));
    source.set(PLMN, policy(defaultRule));
    expect(h.status).toBe("unavailable");
    expect(h.failure?.cause).toBe("MATCH_ALL_RULE_NOT_ALLOWED");
    expect(changes).toEqual(["unavailable:NETWORK_LOST", "unavailable:MATCH_ALL_RULE_NOT_ALLOWED"]);
    expect(modem.getDataCallList().map((c) => c.dnn)).toEqual(["internet"]);
    expect(web.route?.pduSession.dnn).toBe("internet");
  });

  it("When the enterprise rule is removed, then the ENTERPRISE request falls back to the default network's session", () => {
    const { device, modem, source } = makeDevice({ policy: policy(enterpriseRule, defaultRule) });
    const app = device.installApp({ packageName: "com.corp.mail", ...PRIVILEGED });
    const d = device.requestNetwork(app, { capability: "INTERNET" });
    const e = device.requestNetwork(app, { capability: "ENTERPRISE" });
    expect(e.route?.pduSession.dnn).toBe("enterprise");
    source.set(PLMN, policy(defaultRule));
    expect(e.route).toMatchObject({ fallback: true, pduSession: { cid: d.route?.pduSession.cid } });
    expect(modem.getDataCallList()).toHaveLength(1);
  });
});
