/** Languages this DPA writes human-readable strings in, and its messages. */

export const supportedLanguages = ["en-US", "hi-IN", "pl-PL"] as const;
export type Language = (typeof supportedLanguages)[number];

interface Weighted {
  tag: string;
  q: number;
}

/** Parses Accept-Language (RFC 9110 §12.5.4); malformed entries are skipped, never fatal. */
export function parseAcceptLanguage(header: string | undefined): Weighted[] {
  if (!header) return [];
  const out: Weighted[] = [];
  for (const part of header.split(",").slice(0, 32)) {
    const [tagPart, ...params] = part.trim().split(";");
    const tag = tagPart?.trim() ?? "";
    if (!/^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*|\*)$/.test(tag)) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > 0) out.push({ tag: tag.toLowerCase(), q });
  }
  return out.sort((a, b) => b.q - a.q);
}

/**
 * Picks the supported language that best matches Accept-Language: an exact tag first, then the same primary
 * language (`hi` → `hi-IN`), else the default.
 */
export function negotiateLanguage(header: string | undefined, fallback: string, supported: readonly string[]): string {
  for (const { tag } of parseAcceptLanguage(header)) {
    if (tag === "*") return fallback;
    const exact = supported.find((s) => s.toLowerCase() === tag);
    if (exact) return exact;
    const primary = tag.split("-")[0];
    const partial = supported.find((s) => s.toLowerCase().split("-")[0] === primary);
    if (partial) return partial;
  }
  return fallback;
}

type Messages = {
  prepaidTitle: string;
  postpaidTitle: string;
  purchased: (plan: string) => string;
  purchaseFailed: string;
  /** Shown with an offer's more-info link (`offerInfo.promoMessage`) unless the plan has its own text. */
  moreInfo: string;
};

const messages: Record<Language, Messages> = {
  "en-US": {
    prepaidTitle: "Prepaid plan",
    postpaidTitle: "Postpaid plan",
    purchased: (plan) => `Your ${plan} plan is active.`,
    purchaseFailed: "The purchase could not be completed.",
    moreInfo: "Read more about this offer, or choose to receive no further in-app offers.",
  },
  "hi-IN": {
    prepaidTitle: "प्रीपेड प्लान",
    postpaidTitle: "पोस्टपेड प्लान",
    purchased: (plan) => `आपका ${plan} प्लान सक्रिय है।`,
    purchaseFailed: "खरीदारी पूरी नहीं हो सकी।",
    moreInfo: "इस ऑफ़र के बारे में और पढ़ें, या आगे से ऐप में ऑफ़र न पाने का विकल्प चुनें।",
  },
  "pl-PL": {
    prepaidTitle: "Plan na kartę",
    postpaidTitle: "Abonament",
    purchased: (plan) => `Twój plan ${plan} jest aktywny.`,
    purchaseFailed: "Nie udało się dokończyć zakupu.",
    moreInfo: "Przeczytaj więcej o tej ofercie lub zrezygnuj z kolejnych ofert w aplikacji.",
  },
};

export function messagesFor(language: string): Messages {
  return messages[language as Language] ?? messages["en-US"];
}
