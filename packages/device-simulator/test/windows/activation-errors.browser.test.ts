import { describe, expect, it } from "vitest";
import { finish, signInAndPay } from "../../src/windows/reference-portal.js";
import { installed, ourIccid, pc, windowsFixture } from "./fixture.js";

// Failed downloads as the portal sees them: the real portal's inline flow, the real LPA and SM-DP+, one failure cause
// per layer (card, user, SM-DP+, another device). The result reaches the portal's profileActivationCompleteScript
// function when the ICCID is known, and the next launch carries the LPA's status in X-MP-LPAError-Codes.
const f = windowsFixture();

type Pc = ReturnType<typeof pc>;
interface Case {
  cause: string;
  member: string;
  value: string;
  /** Whether the failing step comes after the profile's metadata (the ICCID) is known. */
  iccidKnown: boolean;
  /** The card already holds the profile (installed before the portal's call). */
  installedBefore?: boolean;
  make: () => Pc;
  /** Just before the user presses the finish button. */
  arm?: (p: Pc, activationCode: string) => Promise<void> | void;
}

const cases: Case[] = [
  {
    cause: "the eUICC was removed",
    member: "cardRemoved",
    value: "CardRemoved",
    iccidKnown: false,
    make: () => pc(f),
    arm: (p) => {
      p.card.faults.removed = true;
    },
  },
  {
    cause: "the eUICC is full",
    member: "insufficientSpaceOnCard",
    value: "InsufficientSpaceOnCard",
    iccidKnown: false,
    make: () => pc(f, { capacity: 1, installed: [installed(ourIccid(930001n), true)] }),
  },
  {
    cause: "the user refuses the LPA's consent prompt",
    member: "operationAborted",
    value: "OperationAborted",
    iccidKnown: true,
    make: () => pc(f, { user: { consent: () => false } }),
  },
  {
    cause: "nobody answers the consent prompt",
    member: "timeoutWaitingForUserConsent",
    value: "TimeoutWaitingForUserConsent",
    iccidKnown: true,
    make: () => {
      let p: Pc | undefined;
      p = pc(f, {
        consentTimeoutMs: 60_000,
        user: {
          consent: () => {
            setImmediate(() => p?.clock.advance(60_000));
            return new Promise<boolean>(() => undefined);
          },
        },
      });
      return p;
    },
  },
  {
    cause: "the SM-DP+ fails (HTTP 500)",
    member: "serverFailure",
    value: "ServerFailure",
    iccidKnown: false,
    make: () => pc(f),
    arm: () => f.smdp.smdp.faults.failNext("authenticateClient"),
  },
  {
    // The portal binds the order to the launching PC's EID, so another PC would be refused (eidMismatch, in
    // lpa-activation-errors.test.ts); here the code was already used on this PC (its QR code scanned in Settings).
    cause: "the profile was already downloaded with its QR code",
    member: "profileNotAvailableForNewBinding",
    value: "ProfileNotAvailableForNewBinding",
    iccidKnown: false,
    installedBefore: true,
    make: () => pc(f),
    arm: async (p, code) => {
      expect((await p.lpa.download({ activationCodeOrSmdp: code, consent: () => true })).result).toBe("success");
    },
  },
];

describe("Windows device: failed downloads reported to the portal", () => {
  it.each(cases)("When $cause, then the result is $member, reported, and named by the next launch", async (c) => {
    const p = c.make();
    const { device, card } = p;
    const session = await device.launch();
    const data = await signInAndPay(session.page, { flow: "esim-inline" });
    await c.arm?.(p, data.activationCode!);
    await finish(session.page);
    const result = await device.waitForStep("download-result");
    expect(result.detail).toMatchObject({ result: c.member, iccid: c.iccidKnown ? data.iccid : "" });
    await device.idle();
    if (c.iccidKnown) {
      await expect
        .poll(() => session.page.locator("#events li").allTextContents())
        .toContain(`Activation of ${data.iccid}: ${c.value}`);
    } else {
      // The LPA never learnt the profile's ICCID: the result reaches the portal with an empty iccid (the bridge
      // schema's decision), never refused.
      await expect
        .poll(() => session.page.locator("#events li").allTextContents())
        .toContain(`Activation failed: ${c.value}`);
      expect(device.steps.some((s) => s.step === "callback-refused")).toBe(false);
    }
    expect(card.profiles().filter((x) => x.iccid === data.iccid)).toHaveLength(c.installedBefore ? 1 : 0);
    if (!c.installedBefore) expect(device.network.state(data.iccid!)).toBe("none");
    card.faults = {};
    const next = await device.launch();
    const headers = device.steps.filter((s) => s.step === "launch").at(-1)?.detail?.headers as Record<string, string>;
    expect(headers["X-MP-LPAError-Codes"]).toBe(String(result.detail?.status));
    expect(next.closed).toBe(false);
    await device.close();
  });
});
