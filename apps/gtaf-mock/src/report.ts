// The conformance reports are rendered by @carrierkit/conformance.
export { formatTable, progressLine, renderHtml, writeReports } from "@carrierkit/conformance";
