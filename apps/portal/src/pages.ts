/**
 * Server-rendered pages: typed render functions built with `html` (escapes every interpolation by construction), one
 * shared script (/assets/portal.js), no framework.
 */
import { type Html, html, trusted } from "./html.js";
import type { Flow } from "./session.js";

const STYLE = `
body{font-family:system-ui,sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #0b5cad;margin-bottom:12px}
h1{font-size:1.4em;color:#0b5cad} .bridge{font-size:.85em;padding:6px 10px;border-radius:6px;background:#eef3fa}
.bridge.none{background:#fff4d6} form{margin:10px 0} fieldset{border:1px solid #ccd;border-radius:8px;margin:10px 0}
label{display:block;margin:6px 0} button{font-size:1em;padding:8px 14px;margin:4px 4px 4px 0;border-radius:6px;
border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer} button.secondary{background:#fff;color:#0b5cad}
button:disabled{opacity:.5} .error{color:#a40000} .ok{color:#0a6b2d} code{background:#f3f3f3;padding:2px 4px}
ul.events{font-size:.9em} .qr svg{width:180px;height:180px} form.inline{display:inline}`;

export interface PageData {
  page: string;
  /** Synchronizer token the script sends as `x-csrf-token`. */
  csrf?: string;
  [key: string]: unknown;
}

export const FLOW_LABELS: Record<Flow, string> = {
  "esim-inline": "A new eSIM, installed now",
  "esim-delayed": "A new eSIM, ready later (you can cancel before Windows offers it)",
  "esim-async": "A new eSIM; the network needs time to set up the line",
  balance: "Add data to the SIM in this PC",
  "balance-iccid": "Add data to an installed eSIM and make it the active one",
};

export function layout(title: string, body: Html, data: PageData, signOutToken?: string): string {
  // JSON in a script element: escape "<" so the data can never close the element.
  const json = trusted(JSON.stringify(data).replace(/</g, "\\u003c"));
  const signOut = signOutToken
    ? html`<form method="post" action="/signout" class="inline"><input type="hidden" name="_csrf" value="${signOutToken}"><button id="signout" class="secondary" type="submit">Sign out</button></form>`
    : "";
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · CarrierKit Mobile</title><style>${trusted(STYLE)}</style></head>
<body><header><h1>CarrierKit Mobile</h1><p id="bridge-status" class="bridge">Checking for the app bridge…</p>${signOut}</header>
<main><h2>${title}</h2>${body}</main>
<script type="application/json" id="portal-data">${json}</script>
<script src="/assets/portal.js"></script></body></html>`.value;
}

const errorLine = (error: string | undefined) => (error ? html`<p class="error" id="error">${error}</p>` : "");
const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
const cancelButton = (step: string) =>
  html`<form method="get" action="/cancel"><input type="hidden" name="step" value="${step}"><button id="cancel" class="secondary" type="submit">Cancel</button></form>`;

export function signInPage(p: { error?: string; csrf: string; signedIn: boolean }): string {
  const body = html`${errorLine(p.error)}
<form method="post" action="/signin">${csrfField(p.csrf)}<fieldset><legend>Sign in</legend>
<label>Mobile number <input name="msisdn" id="signin-msisdn" inputmode="numeric" required placeholder="919876543210"></label>
<button id="signin" type="submit">Sign in</button></fieldset></form>
<form method="post" action="/signup">${csrfField(p.csrf)}<fieldset><legend>New customer</legend>
<label>Name <input name="name" id="signup-name" required></label>
<label>Mobile number <input name="msisdn" id="signup-msisdn" inputmode="numeric" required></label>
<button id="signup" type="submit">Create account</button></fieldset></form>
${cancelButton("signin")}
<p><a href="/samples">Documentation samples</a> (diagnostics for portal authors)</p>`;
  return layout("Get connected", body, { page: "signin", signedIn: p.signedIn }, p.signedIn ? p.csrf : undefined);
}

export interface PlanView {
  id: string;
  name: string;
  price: string;
  description: string;
}

export function plansPage(p: { name: string; plans: PlanView[]; error?: string; csrf: string }): string {
  const body = html`${errorLine(p.error)}<p>Hello ${p.name}.</p>
<form method="get" action="/pay"><fieldset><legend>Plan</legend>
${p.plans.map(
  (plan, i) =>
    html`<label><input type="radio" name="plan" value="${plan.id}" id="plan-${plan.id}"${i === 0 ? trusted(" checked") : ""}> ${plan.name} — ${plan.price}: ${plan.description}</label>\n`,
)}</fieldset>
<fieldset><legend>What do you need?</legend>
${Object.entries(FLOW_LABELS).map(
  ([f, label], i) =>
    html`<label><input type="radio" name="flow" value="${f}" id="flow-${f}"${i === 0 ? trusted(" checked") : ""}> ${label}</label>\n`,
)}
</fieldset><button id="continue" type="submit">Continue to payment</button></form>
<p><a href="/subscriptions" id="my-subscriptions">My subscriptions</a> (cancel one)</p>
${cancelButton("plans")}`;
  return layout("Choose a plan", body, { page: "plans" }, p.csrf);
}

export function payPage(p: {
  plan: PlanView;
  flow: Flow;
  balance: string;
  intent: string;
  csrf: string;
  error?: string;
}): string {
  const hidden = html`${csrfField(p.csrf)}<input type="hidden" name="plan" value="${p.plan.id}"><input type="hidden" name="flow" value="${p.flow}">`;
  const body = html`${errorLine(p.error)}
<p>${p.plan.name} — <strong>${p.plan.price}</strong> · ${FLOW_LABELS[p.flow]}</p>
<p id="wallet">Demo wallet: ${p.balance}</p>
<form method="post" action="/pay">${hidden}<input type="hidden" name="intent" value="${p.intent}">
<button id="pay" type="submit">Pay ${p.plan.price} from the wallet</button></form>
<form method="post" action="/wallet/top-up">${hidden}
<button id="top-up" class="secondary" type="submit">Add ₹500 demo funds</button></form>
${cancelButton("pay")}`;
  return layout("Payment", body, { page: "pay" }, p.csrf);
}

export function donePage(p: {
  planName: string;
  esim: boolean;
  activationCode?: string;
  /** The activation code as an SVG QR code (generated by the qrcode library from the code). */
  qrSvg?: string;
  iccid?: string;
  /** The eSIM profile's inventory state as last reported through the app's callbacks. */
  profileState?: string;
  csrf: string;
  data: PageData;
}): string {
  const body = html`<p class="ok">Paid: ${p.planName}.</p>
${p.activationCode ? html`<p>Activation code: <code id="activation-code">${p.activationCode}</code></p>` : ""}
${p.qrSvg ? html`<p class="qr" id="activation-qr" role="img" aria-label="QR code of the activation code">${trusted(p.qrSvg)}</p><p>Scan it from another device's eSIM settings if this PC cannot install it.</p>` : ""}
${p.iccid ? html`<p>ICCID: <code id="iccid">${p.iccid}</code></p>` : ""}
<button id="finish" type="button">${p.esim ? "Install the eSIM" : "Finish"}</button>
<button id="cancel-download" class="secondary" type="button" hidden>Cancel the download</button>
<p id="result"></p><p id="operation"></p><p id="profile-state">${p.profileState ? `Profile state: ${p.profileState}` : ""}</p><ul id="events" class="events"></ul>`;
  return layout("Finish", body, p.data, p.csrf);
}

export function subscriptionsPage(p: {
  csrf: string;
  active: ReadonlyArray<{ id: number; name: string; until: string }>;
  cancelled: ReadonlyArray<{ name: string; at: string; refund: string }>;
}): string {
  const body = html`${
    p.active.length
      ? html`<ul id="active">${p.active.map(
          (s) =>
            html`<li>${s.name}, until ${s.until} UTC <form method="post" action="/subscriptions/cancel" class="inline">${csrfField(p.csrf)}<input type="hidden" name="subscription" value="${String(s.id)}"><button id="cancel-subscription-${String(s.id)}" class="secondary" type="submit">Cancel it</button></form></li>\n`,
        )}</ul><p>Cancelling ends the plan now and refunds what is left unused: the smaller share of time or data left.</p>`
      : html`<p id="active">No active subscription.</p>`
  }
${p.cancelled.length ? html`<h3>Cancelled</h3><ul id="cancelled">${p.cancelled.map((c) => html`<li>${c.name}, ${c.at} UTC: ${c.refund}</li>\n`)}</ul>` : ""}
<p><a href="/plans">Back to the plans</a></p>`;
  return layout("My subscriptions", body, { page: "subscriptions" }, p.csrf);
}

export function subscriptionCancelledPage(p: { text: string; data: PageData }): string {
  return layout(
    "Subscription",
    html`<p class="ok" id="cancellation">${p.text}</p><p id="result"></p><p><a href="/subscriptions">My subscriptions</a></p>`,
    p.data,
  );
}

/** The purchase failed: says why; inside Mobile Plans the script reports `metadata` with notifyCancelledPurchase. */
export function failedPage(p: { message: string; metadata: Record<string, string> | object }): string {
  return layout(
    "We could not finish",
    html`<p class="error" id="error">${p.message}</p><p id="result"></p><p><a href="/">Start again</a></p>`,
    { page: "failed", metadata: p.metadata },
  );
}

export function cancelledPage(data: PageData): string {
  return layout("Cancelled", html`<p id="result"></p><p><a href="/">Start again</a></p>`, data);
}

/** The documentation's sample snippets, by the name shown on their buttons. */
export const SAMPLE_LABELS: Record<string, string> = {
  "inline-current": "Inline eSIM download (current API sample)",
  "inline-legacy": "Inline eSIM download (legacy API sample)",
  "balance-legacy": "Add balance (legacy API sample)",
  datamart: "DataMart purchase result (legacy sample)",
};

export function samplesPage(data: PageData): string {
  const body = html`<p>The documentation's own sample code, verbatim. The bridge accepts it, canonicalises it and warns
about every alias (see the browser console).</p>${Object.entries(SAMPLE_LABELS).map(
    ([id, label]) => html`<button type="button" data-sample="${id}" id="sample-${id}">${label}</button>\n`,
  )}<p id="result"></p>`;
  return layout("Documentation samples", body, data);
}

export function boostPage(p: {
  failure?: { code: string; reason: string };
  capability?: string;
  offers: ReadonlyArray<{ id: string; label: string; price: string }>;
  data: PageData;
}): string {
  const body = p.failure
    ? html`<p class="error" id="failure">${p.failure.reason}</p><button id="close" type="button">Close</button>`
    : html`<p id="capability">Requested capability: ${p.capability}</p><p>Faster, steadier connection for games and calls (low-latency 5G slice).</p>
${p.offers.map((o) => html`<button type="button" data-offer="${o.id}" id="offer-${o.id}">${o.label} — ₹${o.price}</button>\n`)}
<button id="dismiss" class="secondary" type="button">Not now</button>`;
  return layout("Network boost", html`${body}<p id="result"></p>`, p.data);
}

/**
 * An error page. With `report` (purchase metadata with a failure moDirectStatus), the page script hands control back
 * to Mobile Plans with notifyCancelledPurchase (see outcome.ts); without it the page reports nothing.
 */
export function errorPage(message: string, report?: Record<string, string>): string {
  return layout(
    "Sorry",
    html`<p class="error" id="error">${message}</p><p id="result"></p><p><a href="/">Start again</a></p>`,
    report ? { page: "failed", metadata: report } : { page: "error" },
  );
}
