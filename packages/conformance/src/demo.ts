/**
 * `--demo`: the demo subscribers the carrierkit reference DPA creates (a user with plans and balance, a roaming user
 * with DPA queries disabled, a user who has not opted in, a user with too little balance), as command-line values.
 * CPIDs are minted per installation, so `--cpid` and `--expired-cpid` still come from the DPA's start-up banner.
 */
export const referenceDpaDemo: Readonly<Record<string, string>> = {
  msisdn: "919876543210",
  "roaming-msisdn": "919800000001",
  "opted-out-msisdn": "919812345678",
  "register-msisdn": "919876543210",
  purchase: "919876543210:daily-1gb",
  "insufficient-balance": "919800000002:weekly-5gb",
  incompatible: "919876543210:postpaid-addon-10gb",
  queued: "919876543210:roaming-7d",
};
