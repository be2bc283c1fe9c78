// Every MobilePlansActivationError member reached through the real LPA against the real SM-DP+ stand-in (real HTTP,
// ephemeral ports, one simulated clock), each asserting the member and its cause.
import { describe, expect, it } from "vitest";
import { generateP256KeyPair } from "../../src/smdp/crypto.js";
import { startSimulatedSmdp } from "../../src/smdp/index.js";
import {
  ACTIVATION_ERROR_MEMBERS,
  type ActivationErrorMember,
  activationResultValue,
} from "../../src/windows/activation.js";
import type { DownloadOutcome } from "../../src/windows/lpa.js";
import { useLpaStack } from "./lpa-fixture.js";

const stack = useLpaStack();
const { clock, order, device } = stack;
const smdp = {
  get smdp() {
    return stack.smdp.smdp;
  },
};
const yes = () => true;

interface Case {
  member: ActivationErrorMember;
  cause: string;
  run: () => Promise<{ outcome: DownloadOutcome; check?: () => void }>;
  status?: string;
  codes?: [string, string];
  message?: RegExp;
}

const cases: Case[] = [
  {
    member: "success",
    cause: "a released profile, consent given",
    status: "Success",
    run: async () => {
      const { iccid, code } = await order();
      const d = device();
      const outcome = await d.lpa.download({ activationCodeOrSmdp: code, consent: yes });
      return {
        outcome,
        check: () => {
          expect(d.euicc.enabledProfile()?.iccid).toBe(iccid);
          expect(smdp.smdp.profile(iccid)?.state).toBe("Installed");
        },
      };
    },
  },
  {
    member: "notAuthorized",
    cause: "the SM-DP+ has another key registered for the EID",
    status: "NotAuthorized",
    codes: ["8.1.3", "6.1"],
    run: async () => {
      const { code } = await order();
      const d = device();
      smdp.smdp.registerEuicc(d.euicc.eid, generateP256KeyPair().publicKey);
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "notAuthorized",
    cause: "the SM-DP+'s signature does not verify (ServerNotTrusted)",
    status: "ServerNotTrusted",
    run: async () => {
      const { code } = await order();
      smdp.smdp.faults.badServerSignatureNext();
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "notAuthorized",
    cause: "the eUICC does not trust the SM-DP+'s key (ServerNotTrusted)",
    status: "ServerNotTrusted",
    run: async () => {
      const { code } = await order();
      const d = device({ trustedSmdpKeys: [generateP256KeyPair().publicKey] });
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "notFound",
    cause: "a bare SM-DP+ address and no order for this EID",
    status: "NotFound",
    codes: ["8.1.1", "3.9"],
    run: async () => ({
      outcome: await device().lpa.download({ activationCodeOrSmdp: smdp.smdp.address, consent: yes }),
    }),
  },
  {
    member: "policyViolation",
    cause: "the profile carries PPR1, which the eUICC's rules do not allow",
    status: "PolicyViolation",
    message: /ppr1/,
    run: async () => {
      const { iccid, code } = await order({ seed: { pprIds: ["ppr1"] } });
      const outcome = await device().lpa.download({ activationCodeOrSmdp: code, consent: yes });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.state).toBe("Released") };
    },
  },
  {
    member: "insufficientSpaceOnCard",
    cause: "the eUICC is full",
    status: "InsufficientSpaceOnCard",
    run: async () => {
      const { code } = await order();
      const full = device({
        capacity: 1,
        installed: [
          {
            iccid: "8988247000000000017",
            smdpAddress: "x",
            profileName: "a",
            serviceProviderName: "b",
            profileClass: "operational",
            enabled: true,
          },
        ],
      });
      return { outcome: await full.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "insufficientSpaceOnCard",
    cause: "the card reports no free memory (fault full)",
    status: "InsufficientSpaceOnCard",
    run: async () => {
      const { code } = await order();
      const d = device();
      d.euicc.faults.full = true;
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "serverFailure",
    cause: "the SM-DP+ answers HTTP 500",
    status: "ServerFailure",
    codes: ["1.2", "4.2"],
    run: async () => {
      const { code } = await order();
      smdp.smdp.faults.failNext("authenticateClient");
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "serverNotReachable",
    cause: "the SM-DP+ resets every connection",
    status: "ServerNotReachable",
    run: async () => {
      const { code } = await order();
      smdp.smdp.faults.refuseConnections = true;
      try {
        return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
      } finally {
        smdp.smdp.faults.refuseConnections = false;
      }
    },
  },
  {
    member: "serverNotReachable",
    cause: "nothing listens at the SM-DP+ address",
    status: "ServerNotReachable",
    run: async () => {
      const closed = await startSimulatedSmdp({ port: 0 });
      const address = closed.smdp.address;
      await closed.close();
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: `1$${address}$GONE-1`, consent: yes }) };
    },
  },
  {
    member: "serverNotReachable",
    cause: "the SM-DP+ answers after the LPA's time-out (TimeoutWaitingForResponse)",
    status: "TimeoutWaitingForResponse",
    run: async () => {
      const { code } = await order();
      smdp.smdp.faults.delayNext(1500, "initiateAuthentication");
      const d = device({}, { requestTimeoutMs: 300 });
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "timeoutWaitingForUserConsent",
    cause: "the consent prompt is not answered within consentTimeoutMs",
    status: "TimeoutWaitingForUserConsent",
    run: async () => {
      const { iccid, code } = await order();
      const consent = () => {
        setImmediate(() => clock.advance(60_000));
        return new Promise<boolean>(() => undefined);
      };
      const outcome = await device().lpa.download({ activationCodeOrSmdp: code, consent, consentTimeoutMs: 60_000 });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.state).toBe("Released") };
    },
  },
  {
    member: "incorrectConfirmationCode",
    cause: "a wrong confirmation code",
    status: "IncorrectConfirmationCode",
    codes: ["8.2.7", "3.8"],
    run: async () => {
      const { iccid, code } = await order({ cc: "4711" });
      const outcome = await device().lpa.download({
        activationCodeOrSmdp: code,
        consent: yes,
        confirmationCode: () => "1234",
      });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.ccAttempts).toBe(1) };
    },
  },
  {
    member: "confirmationCodeMaxRetriesExceeded",
    cause: "the third wrong confirmation code",
    status: "ConfirmationCodeMaxRetriesExceeded",
    codes: ["8.2.7", "6.4"],
    run: async () => {
      const { code } = await order({ cc: "4711" });
      const d = device();
      const attempt = () =>
        d.lpa.download({ activationCodeOrSmdp: code, consent: yes, confirmationCode: () => "0000" });
      expect((await attempt()).result).toBe("incorrectConfirmationCode");
      expect((await attempt()).result).toBe("incorrectConfirmationCode");
      return { outcome: await attempt() };
    },
  },
  {
    member: "confirmationCodeMissing",
    cause: "the code requires a confirmation code and the user gives none",
    status: "ConfirmationCodeMissing",
    codes: ["8.2.7", "2.2"],
    run: async () => {
      const { code } = await order({ cc: "4711" });
      return {
        outcome: await device().lpa.download({
          activationCodeOrSmdp: code,
          consent: yes,
          confirmationCode: () => undefined,
        }),
      };
    },
  },
  ...(["removed", "busy", "generalFailure"] as const).map(
    (fault): Case => ({
      member: ({ removed: "cardRemoved", busy: "cardBusy", generalFailure: "cardGeneralFailure" } as const)[fault],
      cause: `card fault ${fault}`,
      status: ({ removed: "CardRemoved", busy: "CardBusy", generalFailure: "CardGeneralFailure" } as const)[fault],
      run: async () => {
        const { code } = await order();
        const d = device();
        d.euicc.faults[fault] = true;
        return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
      },
    }),
  ),
  {
    member: "cardGeneralFailure",
    cause: "a corrupt bound profile package (ProfileProcessingError)",
    status: "ProfileProcessingError",
    run: async () => {
      const { iccid, code } = await order();
      smdp.smdp.faults.corruptPackageNext();
      const outcome = await device().lpa.download({ activationCodeOrSmdp: code, consent: yes });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.state).toBe("Released") };
    },
  },
  {
    member: "other",
    cause: "the ICCID is already on the eUICC (IccidAlreadyExists)",
    status: "IccidAlreadyExists",
    run: async () => {
      const { iccid, code } = await order();
      const d = device({
        installed: [
          {
            iccid,
            smdpAddress: "x",
            profileName: "a",
            serviceProviderName: "b",
            profileClass: "operational",
            enabled: false,
          },
        ],
      });
      const outcome = await d.lpa.download({ activationCodeOrSmdp: code, consent: yes });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.state).toBe("Error") };
    },
  },
  {
    member: "other",
    cause: "the download order's attempts are used up (ProfileDownloadMaxRetriesExceeded)",
    status: "ProfileDownloadMaxRetriesExceeded",
    codes: ["8.8.5", "6.4"],
    run: async () => {
      const { code } = await order();
      const d = device();
      for (let i = 0; i < 5; i++)
        expect((await d.lpa.download({ activationCodeOrSmdp: code, consent: () => false })).result).toBe(
          "operationAborted",
        );
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "invalidMatchingId",
    cause: "a matching id the SM-DP+ does not know",
    status: "InvalidMatchingId",
    codes: ["8.2.6", "3.8"],
    run: async () => ({
      outcome: await device().lpa.download({ activationCodeOrSmdp: `1$${smdp.smdp.address}$NOPE-1`, consent: yes }),
    }),
  },
  {
    member: "noEligibleProfileForThisDevice",
    cause: "an LTE/NR profile on a GSM/UMTS device",
    status: "NoEligibleProfileForThisDevice",
    codes: ["8.2.5", "4.3"],
    run: async () => {
      const { code } = await order({ seed: { requiredRats: ["LTE", "NR"] } });
      const d = device({}, { deviceInfo: { rats: ["GSM", "UMTS"], imei: "490154203237518" } });
      return { outcome: await d.lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "operationAborted",
    cause: "the user refuses consent",
    status: "OperationAborted",
    run: async () => {
      const { iccid, code } = await order();
      const outcome = await device().lpa.download({ activationCodeOrSmdp: code, consent: () => false });
      return { outcome, check: () => expect(smdp.smdp.profile(iccid)?.state).toBe("Released") };
    },
  },
  {
    member: "eidMismatch",
    cause: "the order is linked to another EID",
    status: "EidMismatch",
    codes: ["8.1.1", "3.8"],
    run: async () => {
      const { code } = await order({ eid: "89033023422130000000000000000001", matchingId: "EIDM-1" });
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "profileNotAvailableForNewBinding",
    cause: "the profile was already downloaded by another eUICC",
    status: "ProfileNotAvailableForNewBinding",
    codes: ["8.2.1", "3.3"],
    run: async () => {
      const { code } = await order();
      expect((await device().lpa.download({ activationCodeOrSmdp: code, consent: yes })).result).toBe("success");
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "profileNotReleasedByOperator",
    cause: "the order is confirmed but not released",
    status: "ProfileNotReleasedByOperator",
    codes: ["8.2", "1.2"],
    run: async () => {
      const { code } = await order({ release: false });
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "operationProhibitedByProfileClass",
    cause: "a test profile on an eUICC not in test mode",
    status: "OperationProhibitedByProfileClass",
    run: async () => {
      const { code } = await order({ seed: { profileClass: "test" } });
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "profileNotPresent",
    cause: "enabling an ICCID that is not installed",
    run: async () => ({ outcome: await device().lpa.enableProfile("8988247000999999999") }),
  },
  {
    member: "noCorrespondingRequest",
    cause: "the RSP session expired while the user decided",
    status: "NoCorrespondingRequest",
    codes: ["8.10.1", "3.9"],
    run: async () => {
      const { code } = await order();
      const consent = () => {
        clock.advance(11 * 60_000);
        return true;
      };
      return {
        outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent, consentTimeoutMs: 3_600_000 }),
      };
    },
  },
  {
    member: "unknownError",
    cause: "the consent prompt throws",
    run: async () => {
      const { code } = await order();
      const consent = () => {
        throw new Error("UI crashed");
      };
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent }) };
    },
  },
  {
    member: "lpaInitializationError",
    cause: "the device information has an invalid IMEI",
    run: async () => ({
      outcome: await device({}, { deviceInfo: { rats: ["LTE"], imei: "123" } }).lpa.download({
        activationCodeOrSmdp: smdp.smdp.address,
        consent: yes,
      }),
    }),
  },
  ...(["modemMissing", "settingsUnavailable"] as const).map(
    (fault): Case => ({
      member: fault === "modemMissing" ? "modemNotFound" : "localSettingsAccessFailed",
      cause: `device fault ${fault}`,
      run: async () => {
        const d = device();
        d.euicc.faults[fault] = true;
        return { outcome: await d.lpa.download({ activationCodeOrSmdp: smdp.smdp.address, consent: yes }) };
      },
    }),
  ),
  {
    member: "invalidJson",
    cause: "the SM-DP+ answers a body that is not JSON",
    run: async () => {
      const { code } = await order();
      smdp.smdp.faults.garbleNext("initiateAuthentication");
      return { outcome: await device().lpa.download({ activationCodeOrSmdp: code, consent: yes }) };
    },
  },
  {
    member: "invalidActivationCode",
    cause: "an activation code with the LPA: prefix",
    message: /LPA:/,
    run: async () => ({
      outcome: await device().lpa.download({ activationCodeOrSmdp: "LPA:1$smdp.example$ABC", consent: yes }),
    }),
  },
  {
    member: "invalidIccid",
    cause: "enabling an ICCID that is not digits",
    run: async () => ({ outcome: await device().lpa.enableProfile("12AB") }),
  },
];

describe("Lpa against SimulatedSmdp: every MobilePlansActivationError member", () => {
  it("When the table is read, then it covers all 31 members", () => {
    expect(new Set(cases.map((c) => c.member))).toEqual(new Set(ACTIVATION_ERROR_MEMBERS));
    expect(activationResultValue("profileNotPresent")).toBe("ProfileNotPresent");
  });

  it.each(cases.map((c) => ({ ...c, name: `${c.member} (${c.cause})` })))(
    "When $cause, then the LPA reports $member",
    async ({ member, status, codes, message, run }) => {
      const { outcome, check } = await run();
      expect(outcome.result).toBe(member);
      if (status) expect(outcome.status).toBe(status);
      if (codes) expect([outcome.failure?.subjectCode, outcome.failure?.reasonCode]).toEqual(codes);
      if (message) expect(outcome.failure?.message).toMatch(message);
      if (member !== "success") expect(outcome.failure?.message).toBeTruthy();
      check?.();
    },
  );
});
