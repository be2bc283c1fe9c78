// One HTML escaper and report stylesheet for the conformance report and this mock's exchange log.
export { escapeHtml as esc, reportCss as baseCss } from "@carrierkit/conformance";
