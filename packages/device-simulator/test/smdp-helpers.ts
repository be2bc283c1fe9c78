// A minimal ES9+ caller for the SM-DP+'s own tests: InitiateAuthentication + AuthenticateClient with a fresh P-256 key.
import { createEs9plusClient } from "@carrierkit/es2plus";
import { generateP256KeyPair, randomBase64, signStructure } from "../src/smdp/crypto.js";
import type { RunningSmdp } from "../src/smdp/index.js";

export async function startLpaSession(r: RunningSmdp, eid: string, matchingId?: string) {
  const es9 = createEs9plusClient({ baseUrl: r.url });
  const keys = generateP256KeyPair();
  const init = await es9.initiateAuthentication({
    euiccChallenge: randomBase64(16),
    euiccInfo1: { svn: "2.5.0" },
    smdpAddress: r.smdp.address,
  });
  const s1 = init.serverSigned1!;
  const euiccSigned1 = {
    transactionId: init.transactionId!,
    serverAddress: s1.serverAddress,
    serverChallenge: s1.serverChallenge,
    ctxParams1: { ...(matchingId ? { matchingId } : {}), deviceInfo: { tac: "35290611", rats: ["LTE" as const] } },
  };
  const auth = await es9.authenticateClient({
    transactionId: init.transactionId!,
    euiccSigned1,
    euiccSignature1: signStructure(keys.privateKey, euiccSigned1),
    euiccCertificate: { eid, publicKey: keys.publicKey },
  });
  return { es9, keys, init, auth };
}
