/**
 * The browser runtime: one self-contained script a host injects into a portal page. It defines the bridge globals
 * from bridges.json, validates and canonicalises every call against the schemas, refuses calls from origins outside
 * the allow-list (and, for Mobile Plans, non-https origins unless the loopback development setting allows them),
 * and hands each accepted call to the host through one transport. See ../protocol.ts.
 */
import { BridgeEngine } from "../core/engine.js";
import type { BridgeProblem, BridgeWarning } from "../core/report.js";
import type { BridgeSpec, ObjectSpec } from "../core/spec-types.js";
import { portalBridgeSpec } from "../generated/spec.js";
import {
  type BridgeMessage,
  CONFIG_GLOBAL,
  type FireResult,
  HANDLE_GLOBAL,
  type PortalBridgeConfig,
  type PortalBridgeHandle,
} from "../protocol.js";
import { lookup } from "./standalone-validators.js";

declare const __PORTAL_BRIDGE_VERSION__: string;

interface PageGlobal {
  location?: { origin: string; href: string };
  console?: { warn(...a: unknown[]): void; error(...a: unknown[]): void; info(...a: unknown[]): void };
  crypto?: { randomUUID?: () => string };
  [name: string]: unknown;
}

const g = globalThis as unknown as PageGlobal;
const engine = new BridgeEngine(portalBridgeSpec, lookup);
const messages: BridgeMessage[] = [];
const registrations = new Map<string, string>();
let config: PortalBridgeConfig | undefined;
let seq = 0;
let counter = 0;

const normaliseOrigin = (o: string): string => o.trim().replace(/\/+$/, "").toLowerCase();
const here = () => ({ origin: g.location?.origin ?? "null", href: g.location?.href ?? "" });

function newOperationId(): string {
  counter++;
  const uuid = g.crypto?.randomUUID?.();
  return uuid ?? `op-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

function log(kind: "warn" | "error" | "info", text: string): void {
  if (config?.console === false) return;
  g.console?.[kind](`[portal-bridge] ${text}`);
}

type Draft<T> = T extends BridgeMessage ? Omit<T, "seq" | "origin" | "href"> : never;

function emit(message: Draft<BridgeMessage>): void {
  const full = { ...message, seq: ++seq, ...here() } as BridgeMessage;
  messages.push(full);
  for (const w of full.warnings) log("warn", `${w.path}: ${w.message}`);
  const transport = config?.transport;
  const fn = typeof transport === "string" ? g[transport] : transport;
  if (typeof fn === "function") {
    try {
      const result = (fn as (m: BridgeMessage) => unknown)(JSON.parse(JSON.stringify(full)) as BridgeMessage);
      if (result && typeof (result as Promise<unknown>).catch === "function") {
        (result as Promise<unknown>).catch((e: unknown) => log("error", `transport failed: ${String(e)}`));
      }
    } catch (e) {
      log("error", `transport failed: ${String(e)}`);
    }
  } else if (transport !== undefined) {
    log("error", `transport ${String(transport)} is not a function`);
  }
}

/** Bridges whose host requires an https origin (the Mobile Plans service configuration; Microsoft's legacy callback documentation). */
const HTTPS_ONLY = new Set(["mobilePlans"]);
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** Why the page's origin may not call `bridge`, or undefined when it may. */
function originProblem(bridge: string): string | undefined {
  const origin = here().origin;
  if (HTTPS_ONLY.has(bridge)) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    const loopbackHttp = url?.protocol === "http:" && LOOPBACK.has(url.hostname.toLowerCase());
    if (url?.protocol !== "https:" && !(loopbackHttp && config?.allowInsecureLoopback === true)) {
      const dev = loopbackHttp
        ? " (http is allowed only on a loopback host with the host's allowInsecureLoopback development setting, which is off)"
        : " (the allowInsecureLoopback development setting covers only http on 127.0.0.1, [::1] and localhost)";
      return `refused: origin ${origin} is not https: Mobile Plans notifications must come from an https page of the service configuration's notification host${dev}`;
    }
  }
  const allowed = config?.allowedOrigins ?? [];
  if (allowed.includes("*")) return undefined;
  const normalised = normaliseOrigin(origin);
  if (allowed.some((o) => normaliseOrigin(o) === normalised)) return undefined;
  return `refused: origin ${origin} is not in the service configuration's allow-list`;
}

function refuseOrigin(bridge: string, calledAs: string, message: string): void {
  const problems: BridgeProblem[] = [{ path: calledAs, message }];
  log("error", `${calledAs} ${message}`);
  emit({ kind: "refused", reason: "origin", calledAs, problems, warnings: [], bridge });
}

function refuseInvalid(
  bridge: string,
  calledAs: string,
  problems: readonly BridgeProblem[],
  warnings: readonly BridgeWarning[],
): never | undefined {
  const text = problems.map((p) => `${p.path} ${p.message}`).join("; ");
  log("error", `${calledAs} refused: ${text}`);
  emit({ kind: "refused", reason: "invalid", bridge, calledAs, problems, warnings });
  if (config?.throwOnInvalid !== false) throw new TypeError(`[portal-bridge] ${calledAs}: ${text}`);
  return undefined;
}

function call(bridge: BridgeSpec, objectName: string, methodName: string, args: unknown[]): unknown {
  const calledAs = `${objectName}.${methodName}`;
  // Local methods (createPurchaseMetaData) send nothing to the host, so the allow-list does not apply to them.
  const local = engine.resolveMethod(objectName, methodName)?.method.handling === "local";
  const problem = local ? undefined : originProblem(bridge.id);
  if (problem) return refuseOrigin(bridge.id, calledAs, problem);
  const result = engine.checkCall(objectName, methodName, args);
  if (!result.ok) return refuseInvalid(bridge.id, calledAs, result.problems, result.warnings);
  const c = result.value;
  let returned: unknown;
  const returns = c.overload.returns;
  if (returns?.source === "newPurchaseMetaData") returned = {};
  else if (returns?.source === "operationContext") returned = { Id: newOperationId() };
  else if (returns?.source === "config:requestedCapability") returned = config?.requestedCapability ?? 34;
  if (local) {
    for (const w of result.warnings) log("warn", `${w.path}: ${w.message}`);
    return returned;
  }
  emit({
    kind: "call",
    bridge: c.bridge,
    calledAs,
    object: c.object,
    method: c.method,
    signature: c.signature,
    api: c.api,
    args: c.args,
    ...(c.forms ? { forms: c.forms } : {}),
    ...(returned === undefined ? {} : { returned }),
    warnings: result.warnings,
  });
  // The portal gets its own copy: mutating it must not change what the host recorded.
  return returned === undefined ? undefined : JSON.parse(JSON.stringify(returned));
}

function setProperty(bridge: BridgeSpec, objectName: string, propertyName: string, value: unknown): void {
  const calledAs = `${objectName}.${propertyName}`;
  const problem = originProblem(bridge.id);
  if (problem) {
    refuseOrigin(bridge.id, calledAs, problem);
    return;
  }
  const resolved = engine.resolveProperty(objectName, propertyName);
  if (!resolved) return;
  const canonical = `${resolved.object.name}.${resolved.property.name}`;
  const warnings: BridgeWarning[] = resolved.alias
    ? [
        {
          code: "alias",
          path: calledAs,
          message: `${calledAs} is an alias; the canonical property is ${canonical} (same registration)`,
          given: calledAs,
          canonical,
        },
      ]
    : [];
  const checked = engine.checkValue(bridge.schema, resolved.property.schema, value, calledAs);
  if (!checked.ok) {
    refuseInvalid(bridge.id, calledAs, checked.problems, [...warnings, ...checked.warnings]);
    return;
  }
  registrations.set(canonical, checked.value as string);
  emit({
    kind: "property",
    bridge: bridge.id,
    calledAs,
    property: canonical,
    value: checked.value,
    warnings: [...warnings, ...checked.warnings],
  });
}

function buildObject(bridge: BridgeSpec, object: ObjectSpec): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const method of object.methods) {
    const fn = (...args: unknown[]) => call(bridge, object.name, method.name, args);
    Object.defineProperty(fn, "name", { value: method.name });
    Object.defineProperty(target, method.name, { value: fn, enumerable: true });
  }
  for (const property of object.properties) {
    const resolved = engine.resolveProperty(object.name, property.name);
    const key = resolved ? `${resolved.object.name}.${resolved.property.name}` : `${object.name}.${property.name}`;
    Object.defineProperty(target, property.name, {
      enumerable: true,
      get: () => registrations.get(key) ?? "",
      set: (v: unknown) => setProperty(bridge, object.name, property.name, v),
    });
  }
  return Object.preventExtensions(target);
}

function defineGlobal(name: string, value: unknown): void {
  Object.defineProperty(g, name, { value, configurable: false, enumerable: false, writable: false });
}

function install(given: PortalBridgeConfig): void {
  if (config) return;
  config = given;
  const wanted = given.bridges;
  for (const bridge of portalBridgeSpec.bridges.bridges) {
    if (wanted && !wanted.includes(bridge.id)) continue;
    for (const e of bridge.enumObjects) {
      const members: Record<string, unknown> = {};
      for (const m of engine.schemaAt(bridge.schema, e.schema)["x-members"] ?? []) members[m.member] = m.value;
      defineGlobal(e.name, Object.freeze(members));
    }
    for (const object of bridge.objects) {
      if (object.optional && !given.optionalObjects) continue;
      defineGlobal(object.name, buildObject(bridge, object));
    }
  }
}

function resolveFunction(name: string): ((arg: string) => unknown) | undefined {
  let node: unknown = g;
  for (const part of name.split(".")) {
    node =
      node !== null && (typeof node === "object" || typeof node === "function")
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return typeof node === "function" ? (node as (arg: string) => unknown) : undefined;
}

function fire(callbackName: string, args: unknown): FireResult {
  for (const bridge of portalBridgeSpec.bridges.bridges) {
    const callback = bridge.callbacks.find((c) => c.name === callbackName);
    if (!callback) continue;
    // The host may give the argument as an object or as the JSON string the portal will receive.
    const input = typeof args === "string" ? args : JSON.stringify(args);
    const checked = engine.checkValue(bridge.schema, callback.argument, input, callback.name);
    if (!checked.ok) return { ok: false, problems: checked.problems, warnings: checked.warnings };
    const functionName = registrations.get(callback.property);
    if (!functionName) {
      return {
        ok: false,
        warnings: checked.warnings,
        problems: [{ path: callback.property, message: "is not set: the portal registered no function" }],
      };
    }
    const fn = resolveFunction(functionName);
    if (!fn) {
      return {
        ok: false,
        warnings: checked.warnings,
        problems: [{ path: callback.property, message: `names ${functionName}, which is not a global function` }],
      };
    }
    const argument = JSON.stringify(checked.value);
    emit({
      kind: "callback",
      bridge: bridge.id,
      callback: callback.name,
      functionName,
      argument,
      warnings: checked.warnings,
    });
    fn.call(g, argument);
    return { ok: true, functionName, argument, warnings: checked.warnings };
  }
  return { ok: false, warnings: [], problems: [{ path: callbackName, message: "is not a bridge callback" }] };
}

const handle: PortalBridgeHandle = {
  version: typeof __PORTAL_BRIDGE_VERSION__ === "string" ? __PORTAL_BRIDGE_VERSION__ : "dev",
  install,
  get installed() {
    return config !== undefined;
  },
  fire,
  get messages() {
    return messages.slice();
  },
};

if (!(HANDLE_GLOBAL in g)) {
  defineGlobal(HANDLE_GLOBAL, handle);
  const preset = g[CONFIG_GLOBAL];
  if (preset && typeof preset === "object") install(preset as PortalBridgeConfig);
}
