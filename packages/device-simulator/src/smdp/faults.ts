// The SM-DP+'s in-process fault API for tests: one-shot faults on the next call of a function (or of any function).
import type { RequestHandler } from "express";

export type SmdpFunction =
  | "downloadOrder"
  | "confirmOrder"
  | "cancelOrder"
  | "releaseProfile"
  | "initiateAuthentication"
  | "authenticateClient"
  | "getBoundProfilePackage"
  | "handleNotification"
  | "cancelSession";

type FaultKind = "serverError" | "delay" | "garble" | "corruptPackage" | "badServerSignature";
interface Fault {
  kind: FaultKind;
  fn?: SmdpFunction;
  ms?: number;
  status?: number;
}

export class SmdpFaults {
  #faults: Fault[] = [];
  /** While true, every new connection is reset before a byte is read (the LPA sees the server as unreachable). */
  refuseConnections = false;

  /** The next call (of `fn`, or any) answers HTTP `status` (default 500) with a Failed header. */
  failNext(fn?: SmdpFunction, status = 500): void {
    this.#faults.push({ kind: "serverError", ...(fn ? { fn } : {}), status });
  }

  /** The next call (of `fn`, or any) is answered only after `ms` milliseconds (real time). */
  delayNext(ms: number, fn?: SmdpFunction): void {
    this.#faults.push({ kind: "delay", ms, ...(fn ? { fn } : {}) });
  }

  /** The next call (of `fn`, or any) answers HTTP 200 with a body that is not JSON. */
  garbleNext(fn?: SmdpFunction): void {
    this.#faults.push({ kind: "garble", ...(fn ? { fn } : {}) });
  }

  /** The next bound profile package is corrupt (its sha256 does not match). */
  corruptPackageNext(): void {
    this.#faults.push({ kind: "corruptPackage", fn: "getBoundProfilePackage" });
  }

  /** The next InitiateAuthentication's serverSignature1 does not verify. */
  badServerSignatureNext(): void {
    this.#faults.push({ kind: "badServerSignature", fn: "initiateAuthentication" });
  }

  /** Removes every pending fault. */
  clear(): void {
    this.#faults = [];
    this.refuseConnections = false;
  }

  /** Takes the first pending fault of `kind` that applies to `fn`. */
  take(kind: FaultKind, fn: SmdpFunction): Fault | undefined {
    const i = this.#faults.findIndex((f) => f.kind === kind && (f.fn === undefined || f.fn === fn));
    if (i === -1) return undefined;
    return this.#faults.splice(i, 1)[0];
  }

  /** The middleware that applies server errors, delays and garbled bodies before the router sees the call. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const fn = /\/gsma\/rsp2\/es(?:2|9)plus\/([A-Za-z]+)$/.exec(req.path)?.[1] as SmdpFunction | undefined;
      if (!fn) return next();
      // Connections the client pool kept alive are reset too, not only new ones.
      if (this.refuseConnections) return void req.socket.destroy();
      const go = () => {
        const error = this.take("serverError", fn);
        if (error) {
          res.status(error.status ?? 500).json({
            header: {
              functionExecutionStatus: {
                status: "Failed",
                statusCodeData: { subjectCode: "1.2", reasonCode: "4.2", message: "Injected server error." },
              },
            },
          });
          return;
        }
        if (this.take("garble", fn)) {
          res.status(200).type("application/json").send("<html>proxy error</html>");
          return;
        }
        next();
      };
      const delay = this.take("delay", fn);
      if (delay) setTimeout(go, delay.ms).unref?.();
      else go();
    };
  }
}
