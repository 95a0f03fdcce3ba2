// Years and dates written in reports: Arabic or Chinese numerals (二〇一九年二月十五日), including
// the zero written 〇, ○, 零, O or 0 ("二0一九年"), and mixed forms (2019年二月十五日).
// A date whose characters were lost ("2025111231日") is not a date: it is recognised as broken
// (looksLikeBrokenDate) so that callers can warn instead of guessing.

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, "○": 0, O: 0, o: 0, "0": 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "二〇一九" → 2019, "二0一九" → 2019 (digit by digit). */
export function cnYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  let n = 0;
  for (const c of s) {
    const d = CN_DIGITS[c];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/** "十五" → 15, "二十一" → 21, "三十" → 30, "九" → 9, "元" (元月) → 1, "12" → 12. */
function cnSmall(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  if (s === "元") return 1;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === "") return null;
  if (!m[2]) return m[1] ? CN_DIGITS[m[1]] : null;
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const YEAR = "(\\d{4}|[〇零○Oo0一二三四五六七八九]{4})";
const SMALL = "(\\d{1,2}|[一二三四五六七八九十]{1,3}|元)";
/** Digits must not run into the date from the left ("12019年…" is not 2019). */
const DATE = new RegExp(`(?<![\\d〇零○一二三四五六七八九])${YEAR}\\s*年\\s*${SMALL}\\s*月\\s*${SMALL}\\s*日`, "g");
/** A year alone, Arabic or Chinese ("2018年", "二〇一八年"), not the start of a full date. */
export const YEAR_WORD = new RegExp(`(?<![\\d〇零○一二三四五六七八九])${YEAR}\\s*年`, "g");

export interface FoundDate {
  iso: string;
  index: number;
  text: string;
}

/** Every well-formed date in the text, in order. Malformed ones (lost characters) are not dates. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DATE)) {
    const y = cnYear(m[1]);
    const mo = cnSmall(m[2]);
    const d = cnSmall(m[3]);
    const iso = y !== null && mo !== null && d !== null ? isoDate(y, mo, d) : null;
    if (iso) found.push({ iso, index: m.index!, text: m[0] });
  }
  return found;
}

/** The year of a YEAR_WORD match ("2018", "二〇一八"); null if not a plausible year. */
export function yearOf(s: string): number | null {
  const y = cnYear(s);
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
}

/**
 * True for what was meant as a date but lost characters: "2025111231日", "2019年215日",
 * "2019年2月日", "二〇一九年二月日". Not for a year alone ("2019年") or a month ("2019年2月").
 */
export function looksLikeBrokenDate(s: string): boolean {
  const t = s.replace(/\s+/g, "");
  if (findDates(t).length) return false;
  return /(?:\d{4}|[〇零○一二三四五六七八九]{4})年?[\d一二三四五六七八九十元月]{0,8}日/.test(t) || /\d{7,}日/.test(t);
}

const NUMERIC_DATE = /(?<!\d)(\d{4})\s*[.\-/．]\s*(\d{1,2})\s*[.\-/．]\s*(\d{1,2})(?!\d)/g;

/** Dates written with dots, dashes or slashes ("2019.2.15", "2019-02-15"): signature lines only. */
export function findNumericDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) found.push({ iso, index: m.index!, text: m[0] });
  }
  return found;
}
