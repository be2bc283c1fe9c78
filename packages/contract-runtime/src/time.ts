/**
 * The one strict RFC 3339 `date-time` parser of every contract (request validation uses it as the `date-time`
 * format, handlers use it to read the value).
 *
 * Grammar: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `T`/`Z` may be lower case and the separator may be a space
 * (RFC 3339 §5.6 note). Fields are range-checked against the calendar: month 01–12, day within the month (leap years
 * included), hour 00–23, minute 00–59, offset hours 00–23 (so `+24:00` is refused).
 *
 * Leap seconds (decided once): second `60` is accepted only where UTC may insert one — 23:59:60Z on the last day of
 * a month (RFC 3339 Appendix D), once the offset is applied — and is read as 23:59:59.999Z of that day (JavaScript
 * time has no leap seconds). Any other second 60 is refused.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** Epoch milliseconds of an RFC 3339 date-time, or undefined when the text is not one (see the module notes). */
export function parseTimestamp(text: string): number | undefined {
  if (typeof text !== "string" || text.length > 40) return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), second === 60 ? 999 : millis);
  const utc = local - offsetMinutes * 60_000;
  if (second === 60) {
    const d = new Date(utc);
    const lastDay = daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1);
    if (d.getUTCHours() !== 23 || d.getUTCMinutes() !== 59 || d.getUTCDate() !== lastDay) return undefined;
  }
  return Number.isFinite(utc) ? utc : undefined;
}

/** True when `text` is an RFC 3339 date-time {@link parseTimestamp} accepts (the validator's `date-time` format). */
export function isTimestamp(text: string): boolean {
  return parseTimestamp(text) !== undefined;
}
