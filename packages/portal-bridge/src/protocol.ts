import type { BridgeProblem, BridgeWarning } from "./core/report.js";

/** Configuration of the browser runtime, given by the host (JSON-serialisable except `transport`). */
export interface PortalBridgeConfig {
  /**
   * Origins allowed to call the bridges (the operator's service configuration), e.g. `https://portal.example.com`.
   * Calls from any other origin are refused and reported. `"*"` allows every origin (tests only).
   */
  readonly allowedOrigins: readonly string[];
  /**
   * Mobile Plans only: allow `http:` pages on a loopback host (`127.0.0.1`, `[::1]`, `localhost`) for local
   * development and tests. Without it every Mobile Plans call and property assignment from a non-`https:` origin is
   * refused (reason `origin`): the service configuration requires https for the notification host, and Microsoft's legacy callback documentation
   * requires it of the portal sending the (legacy) notifications. `http:` on any other host is refused even with it.
   * The Android data-boost bridge is unaffected. Default false.
   */
  readonly allowInsecureLoopback?: boolean;
  /**
   * Where validated calls and reports go: a function, or the name of a global function (e.g. one the host exposed
   * with Playwright's `exposeFunction` or a WebView message handler). Without a transport, messages are only kept
   * in `CarrierkitPortalBridge.messages` and logged.
   */
  readonly transport?: string | ((message: BridgeMessage) => unknown);
  /** Bridges to install (default: every bridge of bridges.json). */
  readonly bridges?: readonly string[];
  /** Install the `optional` objects too (e.g. the older `SlicePurchaseWebInterface`). Default false. */
  readonly optionalObjects?: boolean;
  /** Value of `getRequestedCapability()` (default 34, PRIORITIZE_LATENCY). */
  readonly requestedCapability?: number;
  /** Throw a `TypeError` into the portal on an invalid call (default true); the call is refused either way. */
  readonly throwOnInvalid?: boolean;
  /** Log warnings and refusals to the page console (default true). */
  readonly console?: boolean;
}

interface MessageBase {
  /** Sequence number within the page. */
  readonly seq: number;
  /** `location.origin` of the calling page. */
  readonly origin: string;
  /** `location.href` of the calling page. */
  readonly href: string;
  readonly warnings: readonly BridgeWarning[];
}

/** A call that passed validation, in canonical form. */
export interface CallMessage extends MessageBase {
  readonly kind: "call";
  readonly bridge: string;
  /** `Object.method` as the portal wrote it (possibly an alias). */
  readonly calledAs: string;
  /** Canonical object and method. */
  readonly object: string;
  readonly method: string;
  /** The overload, e.g. `MobilePlansInlineOperations.notifyProfileDownload(purchaseMetaData, activationCode, downloadDelay)`. */
  readonly signature: string;
  readonly api: "current" | "legacy";
  /** Canonical arguments (aliases renamed, JSON strings decoded, enum spellings fixed). */
  readonly args: readonly unknown[];
  /**
   * The form of each argument that has documented alternatives, by parameter name. Today only the delayed
   * `notifyProfileDownload(purchaseMetaData, activationCode, downloadDelay)`: `{ activationCode: "activationCode" }`
   * for a full SGP.22 code, `{ activationCode: "smdpAddress" }` for a bare SM-DP+ address (download by EID; seeds
   * 000 and 002). Absent on calls without such a parameter.
   */
  readonly forms?: Readonly<Record<string, string>>;
  /** What the runtime returned to the portal (e.g. the MobilePlansOperationContext), if anything. */
  readonly returned?: unknown;
}

/** A bridge property was set (the callback registrations). */
export interface PropertyMessage extends MessageBase {
  readonly kind: "property";
  readonly bridge: string;
  readonly calledAs: string;
  /** Canonical `Object.property`. */
  readonly property: string;
  readonly value: unknown;
}

/** A call or property assignment that was refused: from a foreign origin, or invalid. Nothing else happened. */
export interface RefusalMessage extends MessageBase {
  readonly kind: "refused";
  readonly reason: "origin" | "invalid";
  readonly bridge: string;
  readonly calledAs: string;
  readonly problems: readonly BridgeProblem[];
}

/** The host fired a callback into the portal (`CarrierkitPortalBridge.fire`). */
export interface CallbackMessage extends MessageBase {
  readonly kind: "callback";
  readonly bridge: string;
  readonly callback: string;
  /** The global function called (the name the portal registered). */
  readonly functionName: string;
  /** The JSON string passed to it. */
  readonly argument: string;
}

export type BridgeMessage = CallMessage | PropertyMessage | RefusalMessage | CallbackMessage;

/** Result of `CarrierkitPortalBridge.fire(callback, args)`. */
export type FireResult =
  | {
      readonly ok: true;
      readonly functionName: string;
      readonly argument: string;
      readonly warnings: readonly BridgeWarning[];
    }
  | { readonly ok: false; readonly problems: readonly BridgeProblem[]; readonly warnings: readonly BridgeWarning[] };

/** The host-side handle the runtime defines as `globalThis.CarrierkitPortalBridge`. */
export interface PortalBridgeHandle {
  readonly version: string;
  /** Installs the bridge globals (once per page); later calls are ignored. */
  install(config: PortalBridgeConfig): void;
  readonly installed: boolean;
  /** Fires a host callback (e.g. `profileActivationComplete`) into the portal with a JSON-string argument. */
  fire(callback: string, args: unknown): FireResult;
  /** Every message of this page, in order. */
  readonly messages: readonly BridgeMessage[];
}

/** Global config a host may set before injecting the runtime, so it installs itself. */
export const CONFIG_GLOBAL = "__CARRIERKIT_PORTAL_BRIDGE_CONFIG__";
export const HANDLE_GLOBAL = "CarrierkitPortalBridge";
