import type { OperatorCore } from "./core.js";
import { CpidCodec } from "./cpid.js";
import type { EntitlementCore } from "./entitlement.js";
import type { CatalogPlan, Subscriber } from "./model.js";
import { parseAmount } from "./money.js";

const GB = 1_000_000_000n;
const DAY = 24n * 3600n;

/** The demo operator's offer pages (`offerInfo.moreInfoURL`): read more about an offer, or stop in-app offers. */
export const DEMO_OFFER_PAGES = "https://acme.example/offers";

/**
 * A catalogue entry with the demo defaults (prepaid, INR, immediate, generic traffic, blocked when used up, an
 * offer page per plan).
 */
function plan(
  p: Partial<CatalogPlan> &
    Pick<CatalogPlan, "id" | "priceNanos" | "durationSeconds" | "quotaBytes" | "displayRank" | "texts">,
): CatalogPlan {
  return {
    category: "PREPAID",
    exclusiveGroup: null,
    currency: "INR",
    trafficCategories: ["GENERIC"],
    maxRateKbps: null,
    mediaRateKbps: null,
    overusagePolicy: "BLOCKED",
    refreshPeriod: "REFRESH_PERIOD_NONE",
    fulfilment: "immediate",
    clients: null,
    offered: true,
    offerInfo: {
      moreInfoUrl: `${DEMO_OFFER_PAGES}/${p.id}`,
      operatorBrandName: "ACME Mobile",
      operatorLogoUrl: "https://acme.example/logo.png",
    },
    ...p,
  };
}

/** The demo catalogue: INR prepaid packs, a queued roaming pack, a postpaid add-on; texts in en-US, hi-IN, pl-PL. */
export const demoPlans: CatalogPlan[] = [
  plan({
    id: "starter-base",
    exclusiveGroup: "base",
    priceNanos: parseAmount("199"),
    durationSeconds: 28n * DAY,
    quotaBytes: 42n * GB,
    overusagePolicy: "THROTTLED",
    refreshPeriod: "DAILY",
    displayRank: 50,
    texts: {
      "en-US": { name: "Starter", description: "1.5 GB a day for 28 days", moduleName: "Daily data" },
      "hi-IN": { name: "स्टार्टर", description: "28 दिनों के लिए प्रतिदिन 1.5 GB", moduleName: "दैनिक डेटा" },
      "pl-PL": { name: "Start", description: "1,5 GB dziennie przez 28 dni", moduleName: "Dane dzienne" },
    },
  }),
  plan({
    id: "daily-1gb",
    priceNanos: parseAmount("19"),
    durationSeconds: DAY,
    quotaBytes: GB,
    displayRank: 10,
    texts: {
      "en-US": { name: "1 GB day pass", description: "1 GB for 24 hours", promo: "Top up in a tap." },
      "hi-IN": { name: "1 GB दैनिक पास", description: "24 घंटे के लिए 1 GB", promo: "एक टैप में टॉप अप।" },
      "pl-PL": { name: "Pakiet dzienny 1 GB", description: "1 GB na 24 godziny", promo: "Doładuj jednym dotknięciem." },
    },
  }),
  plan({
    id: "weekly-5gb",
    priceNanos: parseAmount("99.5"),
    durationSeconds: 7n * DAY,
    quotaBytes: 5n * GB,
    displayRank: 20,
    texts: {
      "en-US": { name: "5 GB week", description: "5 GB for 7 days" },
      "hi-IN": { name: "5 GB साप्ताहिक", description: "7 दिनों के लिए 5 GB" },
      "pl-PL": { name: "Tydzień 5 GB", description: "5 GB na 7 dni" },
    },
  }),
  plan({
    id: "video-30d",
    priceNanos: parseAmount("300"),
    durationSeconds: 30n * DAY,
    quotaBytes: 9223372036850n,
    trafficCategories: ["VIDEO"],
    maxRateKbps: 1500n,
    mediaRateKbps: 1500,
    clients: ["youtube", "mobiledataplan"],
    displayRank: 30,
    texts: {
      "en-US": { name: "ACME Red", description: "Unlimited videos for 30 days.", promo: "Binge watch videos." },
      "hi-IN": { name: "ACME रेड", description: "30 दिनों के लिए असीमित वीडियो।", promo: "जी भर के वीडियो देखें।" },
      "pl-PL": { name: "ACME Red", description: "Filmy bez limitu przez 30 dni.", promo: "Oglądaj bez końca." },
    },
  }),
  plan({
    id: "roaming-7d",
    priceNanos: parseAmount("499"),
    durationSeconds: 7n * DAY,
    quotaBytes: 2n * GB,
    fulfilment: "queued",
    clients: ["mobiledataplan"],
    displayRank: 40,
    texts: {
      "en-US": { name: "Roaming week", description: "2 GB abroad for 7 days; activates within minutes." },
      "hi-IN": { name: "रोमिंग सप्ताह", description: "विदेश में 7 दिनों के लिए 2 GB; कुछ मिनटों में सक्रिय।" },
      "pl-PL": { name: "Tydzień w roamingu", description: "2 GB za granicą na 7 dni; aktywacja w kilka minut." },
    },
  }),
  plan({
    id: "unlimited-base",
    exclusiveGroup: "base",
    priceNanos: parseAmount("599"),
    durationSeconds: 28n * DAY,
    quotaBytes: null,
    overusagePolicy: "THROTTLED",
    displayRank: 60,
    texts: {
      "en-US": { name: "Unlimited", description: "Unlimited data for 28 days" },
      "hi-IN": { name: "अनलिमिटेड", description: "28 दिनों के लिए असीमित डेटा" },
      "pl-PL": { name: "Bez limitu", description: "Dane bez limitu przez 28 dni" },
    },
  }),
  plan({
    id: "postpaid-addon-10gb",
    category: "POSTPAID",
    priceNanos: parseAmount("149"),
    durationSeconds: 30n * DAY,
    quotaBytes: 10n * GB,
    overusagePolicy: "PAY_AS_YOU_GO",
    displayRank: 70,
    texts: {
      "en-US": { name: "10 GB add-on", description: "10 GB extra this billing month, added to your bill" },
      "hi-IN": { name: "10 GB ऐड-ऑन", description: "इस बिलिंग माह 10 GB अतिरिक्त, आपके बिल में जोड़ा गया" },
      "pl-PL": { name: "Dodatek 10 GB", description: "10 GB więcej w tym okresie, doliczone do rachunku" },
    },
  }),
  plan({
    id: "postpaid-monthly-50gb",
    category: "POSTPAID",
    exclusiveGroup: "base",
    priceNanos: parseAmount("799"),
    durationSeconds: 30n * DAY,
    quotaBytes: 50n * GB,
    overusagePolicy: "PAY_AS_YOU_GO",
    refreshPeriod: "MONTHLY",
    displayRank: 80,
    offered: false,
    texts: {
      "en-US": { name: "Postpaid 50", description: "50 GB every month", moduleName: "Monthly data" },
      "hi-IN": { name: "पोस्टपेड 50", description: "हर महीने 50 GB", moduleName: "मासिक डेटा" },
      "pl-PL": { name: "Abonament 50", description: "50 GB co miesiąc", moduleName: "Dane miesięczne" },
    },
  }),
];

function subscriber(
  id: string,
  msisdn: string,
  displayName: string,
  accountType: Subscriber["accountType"],
  language: string,
  extra: Partial<Subscriber>,
  now: number,
): Subscriber {
  return {
    id,
    msisdn,
    displayName,
    accountType,
    language,
    roaming: false,
    roamingQueriesDisabled: false,
    sharingConsent: false,
    consentAt: null,
    suspended: false,
    createdAt: now,
    ...extra,
  };
}

/** The demo subscribers (MSISDNs in the Indian +91 98… range used only for demos). */
export function demoSubscribers(now: number): Subscriber[] {
  return [
    subscriber("sub-asha", "919876543210", "Asha", "PREPAID", "hi-IN", { sharingConsent: true, consentAt: now }, now),
    subscriber("sub-ben", "919812345678", "Ben", "POSTPAID", "en-US", {}, now),
    subscriber(
      "sub-ravi",
      "919800000001",
      "Ravi",
      "PREPAID",
      "en-US",
      { roaming: true, roamingQueriesDisabled: true },
      now,
    ),
    subscriber("sub-lena", "919800000002", "Lena", "PREPAID", "pl-PL", { sharingConsent: true, consentAt: now }, now),
  ];
}

export interface DemoData {
  subscribers: Subscriber[];
  /** A valid and an expired CPID of the first demo subscriber. */
  cpids: { valid: string; expired: string };
}

/** Loads the demo catalogue and subscribers (idempotent: a store that already has subscribers is left alone). */
export async function seedDemo(core: OperatorCore, now: number, cpidSecret?: string): Promise<DemoData> {
  const existing = await core.listSubscribers();
  const subscribers = existing.length > 0 ? existing : demoSubscribers(now);
  if (existing.length === 0) {
    for (const plan of demoPlans) await core.upsertPlan(plan);
    for (const s of subscribers) await core.upsertSubscriber(s);
    await core.topUp("sub-asha", "INR", parseAmount("500"), now);
    await core.topUp("sub-ravi", "INR", parseAmount("50"), now);
    await core.topUp("sub-lena", "INR", parseAmount("10"), now);
    const day = 24 * 3600 * 1000;
    await core.grantSubscription("sub-asha", "starter-base", now - 3 * day, 4_200_000_000n);
    await core.grantSubscription("sub-lena", "daily-1gb", now - day / 2, 900_000_000n);
    await core.grantSubscription("sub-ben", "postpaid-monthly-50gb", now - 10 * day, 12n * GB);
  }
  const codec = new CpidCodec(cpidSecret ?? "carrierkit-demo-cpid-secret");
  return {
    subscribers,
    cpids: {
      valid: codec.mint({ msisdn: "919876543210", issuedAt: now, language: "hi-IN" }),
      expired: codec.mint({ msisdn: "919876543210", issuedAt: now - 31 * 24 * 3600 * 1000, language: "hi-IN" }),
    },
  };
}

/** Demo USIMs (IMSIs on the test PLMN 001-01). Asha's K/OPc are those of 3GPP TS 35.208 test set 1. */
export const demoSims = [
  {
    imsi: "001010000000001",
    subscriberId: "sub-asha",
    kHex: "465b5ce8b199b49faa5f0a2ee238a6bc",
    opcHex: "cd63cb71954a9f4e48a5994e37a02baf",
  },
  {
    imsi: "001010000000002",
    subscriberId: "sub-ben",
    kHex: "0396eb317b6d1c36f19c1c84cd6ffd16",
    opcHex: "53c15671c60a4b731c55b4a441c0bde2",
  },
  {
    imsi: "001010000000003",
    subscriberId: "sub-ravi",
    kHex: "fec86ba6eb707ed08905757b1bb44b8f",
    opcHex: "1006020f0a478bf6b699f15c062e42b3",
  },
  {
    imsi: "001010000000004",
    subscriberId: "sub-lena",
    kHex: "9e5944aea94b81165c82fbf9f32db751",
    opcHex: "a64a507ae1a2a98bb88eb4210135dc87",
  },
] as const;

/** Loads the demo SIMs and data-boost states (idempotent): Asha may buy the boost, Lena already has it. */
export async function seedEntitlementDemo(ent: EntitlementCore, now: number): Promise<void> {
  if ((await ent.listSims()).length > 0) return;
  for (const sim of demoSims) await ent.upsertSim({ ...sim, amfHex: "8000" }, now);
  await ent.setDataBoost("sub-asha", 1, 0, now);
  await ent.setDataBoost("sub-ben", 1, 0, now);
  await ent.setDataBoost("sub-ravi", 0, 0, now);
  await ent.setDataBoost("sub-lena", 1, 1, now);
}
