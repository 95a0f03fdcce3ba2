// zh-CN formatting shared by the pages: numbers, shares, dates, years, missing values.
// Missing (null/undefined/NaN) is shown as "—", never as 0: an empty cell is not a zero.

const integer = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 2});
const percent = new Intl.NumberFormat("zh-CN", {style: "percent", maximumFractionDigits: 1});
const signed = new Intl.NumberFormat("zh-CN", {maximumFractionDigits: 2, signDisplay: "exceptZero"});
const longDate = new Intl.DateTimeFormat("zh-CN", {year: "numeric", month: "long", day: "numeric", timeZone: "UTC"});

export const MISSING = "—";

export function isMissing(value) {
  return value == null || value === "" || (typeof value === "number" && Number.isNaN(value));
}

/** 1234 → "1,234"; 2.5 → "2.5"; null → "—". */
export function formatNumber(value) {
  if (isMissing(value)) return MISSING;
  const n = Number(value);
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

/** +12 / −3 / 0 (for year-over-year changes). */
export function formatSigned(value) {
  return isMissing(value) ? MISSING : signed.format(Number(value));
}

/** 0.123 → "12.3%". */
export function formatPercent(value) {
  return isMissing(value) ? MISSING : percent.format(Number(value));
}

/** A year as written in Chinese text, never with a thousands separator: 2019 → "2019年". */
export function formatYear(year) {
  return isMissing(year) ? MISSING : `${year}年`;
}

/** Axis tick for years: 2019 → "2019" (no separator). */
export function yearTick(year) {
  return String(year);
}

/** "2024-01-31" → "2024年1月31日"; anything else is shown as written. */
export function formatDate(value) {
  if (isMissing(value)) return MISSING;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!match) return String(value);
  return longDate.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])));
}

/** Value with its unit, e.g. "12 件", "3.5 万元"; missing stays "—" without the unit. */
export function withUnit(value, unit) {
  return isMissing(value) ? MISSING : unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
