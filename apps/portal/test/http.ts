/** A cookie-keeping HTTP client for the portal (what a browser does, without one): forms, JSON, manual redirects. */
export class Client {
  cookie = "";
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; location: string | null; text: string; json: () => unknown; headers: Headers }> {
    const method = init.method ?? (init.form || init.json !== undefined || init.body !== undefined ? "POST" : "GET");
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET") headers.origin = this.base;
    let body: string | undefined = init.body;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    Object.assign(headers, init.headers);
    for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
    const res = await fetch(`${this.base}${path}`, { method, headers, body, redirect: "manual" });
    this.lastSetCookie = res.headers.getSetCookie();
    const session = this.lastSetCookie.find((c) => c.startsWith("portal_session="));
    if (session) this.cookie = session.split(";")[0]!;
    const text = await res.text();
    return {
      status: res.status,
      location: res.headers.get("location"),
      text,
      json: () => JSON.parse(text),
      headers: res.headers,
    };
  }

  async signIn(msisdn: string): Promise<void> {
    const home = await this.request("/");
    const res = await this.request("/signin", { form: { _csrf: field(home.text, "_csrf"), msisdn } });
    if (res.location !== "/plans") throw new Error(`sign-in failed: ${res.status} ${res.location}`);
  }

  /** The pay form of a plan and flow: its hidden fields. */
  async payForm(plan: string, flow: string): Promise<{ _csrf: string; plan: string; flow: string; intent: string }> {
    const page = await this.request(`/pay?plan=${plan}&flow=${flow}`);
    if (page.status !== 200) throw new Error(`pay page: ${page.status}`);
    return { _csrf: field(page.text, "_csrf"), plan, flow, intent: field(page.text, "intent") };
  }

  /** The synchronizer token of the current page's session. */
  async csrf(path = "/"): Promise<string> {
    return field((await this.request(path)).text, "_csrf");
  }
}

/** The value of the first hidden input named `name`. */
export function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name}`);
  return m[1]!.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
}

/** The JSON page data of a portal page. */
export function pageData(html: string): Record<string, unknown> {
  const m = /<script type="application\/json" id="portal-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no page data");
  return JSON.parse(m[1]!) as Record<string, unknown>;
}
