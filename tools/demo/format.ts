// Small formatting helpers: dates (including Chinese-numeral dates), display width of CJK text.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1];
}

export function iso(d: Ymd): string {
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}

/** Day number since 2000-01-01 (only used for ordering and offsets). */
export function dayNumber(d: Ymd): number {
  let n = 0;
  for (let y = 2000; y < d.y; y++) n += daysInMonth(y, 2) === 29 ? 366 : 365;
  for (let m = 1; m < d.m; m++) n += daysInMonth(d.y, m);
  return n + d.d - 1;
}

export function fromDayNumber(n: number): Ymd {
  let y = 2000;
  for (;;) {
    const len = daysInMonth(y, 2) === 29 ? 366 : 365;
    if (n < len) break;
    n -= len;
    y++;
  }
  let m = 1;
  while (n >= daysInMonth(y, m)) n -= daysInMonth(y, m++);
  return { y, m, d: n + 1 };
}

export function addDays(d: Ymd, k: number): Ymd {
  return fromDayNumber(dayNumber(d) + k);
}

const DIGITS = "〇一二三四五六七八九";

/** 2019 → 二〇一九 */
export function cnYear(y: number): string {
  return String(y).split("").map((c) => DIGITS[Number(c)]).join("");
}

/** 1..31 → 一 … 三十一 */
export function cnSmall(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

export type DateStyle = "plain" | "padded" | "chinese" | "spaced" | "dotted" | "dashed";

export function writeDate(d: Ymd, style: DateStyle): string {
  switch (style) {
    case "plain":
      return `${d.y}年${d.m}月${d.d}日`;
    case "padded":
      return `${d.y}年${String(d.m).padStart(2, "0")}月${String(d.d).padStart(2, "0")}日`;
    case "chinese":
      return `${cnYear(d.y)}年${cnSmall(d.m)}月${cnSmall(d.d)}日`;
    case "spaced":
      return `${d.y} 年 ${d.m} 月 ${d.d} 日`;
    case "dotted":
      return `${d.y}.${d.m}.${d.d}`;
    case "dashed":
      return iso(d);
  }
}

/** A date with its separators lost ("2020年2月15日" → "2020215日"). */
export function lostDate(d: Ymd): string {
  return `${d.y}${d.m}${d.d}日`;
}

/** Display width: CJK and full-width characters count 2. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u201c\u201d]/.test(ch) ? 2 : 1;
  return w;
}

export function padEndW(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

/** Break text into lines of at most `w` display columns (no word logic: Chinese has none). */
export function wrapW(s: string, w: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const ch of s) {
    if (width(line + ch) > w) {
      out.push(line);
      line = "";
    }
    line += ch;
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/** Fixed-point decimal without trailing noise (0.35, 1.2, 0). */
export function decimal(n: number, places = 2): string {
  return String(Number(n.toFixed(places)));
}
