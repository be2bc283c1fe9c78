import { type Check, msisdnQuery, type PlanStatusBody, primaryLanguage, userPath } from "../harness.js";

/** Accept-Language negotiation of the human-readable strings. */
export const i18nChecks: Check[] = [
  {
    name: "i18n.accept-language",
    title: "languageCode follows Accept-Language, or falls back to the DPA's default and says so",
    async run(c) {
      const msisdn = c.need(c.options.msisdn, "--msisdn", "an existing user");
      const path = userPath(msisdn, "planStatus", msisdnQuery());
      const plain = await c.call("getPlanStatus", "GET", path);
      if (!c.expectStatus(plain, 200, "planStatus without Accept-Language")) return;
      const fallback = (plain.body as PlanStatusBody).languageCode;
      for (const lang of ["en-US", "hi-IN", "pl-PL", "ja-JP", "zz"]) {
        const a = await c.call("getPlanStatus", "GET", path, { headers: { "Accept-Language": lang } });
        if (!c.expectStatus(a, 200, `planStatus in ${lang}`)) continue;
        const code = (a.body as PlanStatusBody).languageCode ?? "";
        if (primaryLanguage(code) !== primaryLanguage(lang) && code !== fallback)
          c.fail(
            `Accept-Language ${lang} answered languageCode ${code}: neither that language nor the default ${fallback}`,
          );
        const cl = a.headers.get("content-language");
        if (cl && cl !== code) c.fail(`Content-Language ${cl} differs from languageCode ${code}`);
      }
      const zz = await c.call("getPlanOffer", "GET", userPath(msisdn, "planOffer", msisdnQuery()), {
        headers: { "Accept-Language": "zz" },
      });
      const offerLang = (zz.body as PlanStatusBody)?.languageCode;
      if (zz.status === 200 && offerLang && primaryLanguage(offerLang) !== primaryLanguage(fallback ?? ""))
        c.fail(`an unsupported language gave offers in ${offerLang}, not the default ${fallback}`);
    },
  },
];
