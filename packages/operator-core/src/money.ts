/** Money as integer nanos (10^-9 of a currency unit); never floats. */
export const NANOS_PER_UNIT = 1_000_000_000n;

/** google.type.Money as JSON (units as an int64 string). */
export interface MoneyJson {
  currencyCode: string;
  units: string;
  nanos: number;
}

/** Integer nanos to google.type.Money (`nanos` takes the sign of `units`). */
export function toMoney(currencyCode: string, totalNanos: bigint): MoneyJson {
  const units = totalNanos / NANOS_PER_UNIT;
  const nanos = Number(totalNanos % NANOS_PER_UNIT);
  return { currencyCode, units: units.toString(), nanos: nanos === 0 ? 0 : nanos };
}

/** google.type.Money to integer nanos. Throws on mixed signs or out-of-range nanos. */
export function fromMoney(money: { units: string; nanos?: number }): bigint {
  const units = BigInt(money.units);
  const nanos = money.nanos ?? 0;
  if (!Number.isInteger(nanos) || Math.abs(nanos) > 999_999_999) throw new RangeError("nanos out of range");
  if ((units > 0n && nanos < 0) || (units < 0n && nanos > 0)) throw new RangeError("units and nanos differ in sign");
  return units * NANOS_PER_UNIT + BigInt(nanos);
}

/** "99.5" → 99_500_000_000n; for catalogue authoring. */
export function parseAmount(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (!m) throw new RangeError(`not an amount: ${text}`);
  const v = BigInt(m[2]!) * NANOS_PER_UNIT + BigInt((m[3] ?? "").padEnd(9, "0"));
  return m[1] ? -v : v;
}

/** 99_500_000_000n → "99.50" (at least two decimals), for display. */
export function formatAmount(totalNanos: bigint): string {
  const neg = totalNanos < 0n;
  const abs = neg ? -totalNanos : totalNanos;
  const frac = (abs % NANOS_PER_UNIT).toString().padStart(9, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${neg ? "-" : ""}${abs / NANOS_PER_UNIT}.${frac}`;
}
