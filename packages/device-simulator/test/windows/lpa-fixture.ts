// The LPA tests' stack: a simulated SM-DP+ and an operator notification endpoint on ephemeral ports, one simulated
// clock, and the operator's ES2+ ordering.
import { type RunningServer, startServer } from "@carrierkit/contract-runtime/node";
import { createEs2plusClient, executed, type HandleDownloadProgressInfoRequest } from "@carrierkit/es2plus";
import { createDownloadProgressRouter } from "@carrierkit/es2plus/server";
import express from "express";
import { afterAll, beforeAll } from "vitest";
import { SimulatedClock } from "../../src/clock.js";
import { type ProfileSeed, type RunningSmdp, startSimulatedSmdp } from "../../src/smdp/index.js";
import { Euicc, type EuiccOptions } from "../../src/windows/euicc.js";
import { Lpa, type LpaOptions } from "../../src/windows/lpa.js";

export function useLpaStack() {
  const clock = new SimulatedClock();
  let smdp: RunningSmdp;
  let operator: RunningServer;
  const progress: HandleDownloadProgressInfoRequest[] = [];
  let seq = 0;
  let eids = 0;

  beforeAll(async () => {
    const app = express();
    app.use(
      createDownloadProgressRouter("/es2plus/progress", ({ body }) => {
        progress.push(body);
        return { status: 200, body: { header: executed() } };
      }),
    );
    operator = await startServer({ app, port: 0, host: "127.0.0.1" });
    smdp = await startSimulatedSmdp({ port: 0, clock, notificationUrl: `${operator.url}/es2plus/progress` });
  });
  afterAll(async () => {
    await smdp.close();
    await operator.close();
  });

  const es2 = () => createEs2plusClient({ baseUrl: smdp.url, functionRequesterIdentifier: "operator" });
  const nextIccid = () => `89882470001${String(++seq).padStart(8, "0")}`;
  const nextEid = () => `890330234221300000000001${String(++eids).padStart(8, "0")}`;

  /** The operator's side: seed a profile, DownloadOrder, ConfirmOrder; returns the activation code. */
  async function order(
    options: { seed?: Partial<ProfileSeed>; eid?: string; cc?: string; release?: boolean; matchingId?: string } = {},
  ) {
    const iccid = nextIccid();
    smdp.smdp.addProfile({ iccid, serviceProviderName: "Contoso", profileName: "Contoso 5G", ...options.seed });
    await es2().downloadOrder({ iccid, ...(options.eid ? { eid: options.eid } : {}) });
    const c = await es2().confirmOrder({
      iccid,
      releaseFlag: options.release ?? true,
      ...(options.eid ? { eid: options.eid } : {}),
      ...(options.cc ? { confirmationCode: options.cc } : {}),
      ...(options.matchingId ? { matchingId: options.matchingId } : {}),
    });
    const code = c.matchingId ? `1$${c.smdpAddress}$${c.matchingId}${options.cc ? "$$1" : ""}` : `${c.smdpAddress}`;
    return { iccid, code };
  }

  function device(card: Partial<EuiccOptions> = {}, lpa: LpaOptions = {}) {
    const euicc = new Euicc({ eid: nextEid(), clock, ...card });
    return { euicc, lpa: new Lpa(euicc, lpa) };
  }
  return {
    clock,
    progress,
    es2,
    order,
    device,
    get smdp() {
      return smdp;
    },
  };
}
