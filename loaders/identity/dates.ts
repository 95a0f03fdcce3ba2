// Years and dates written in reports: Arabic or Chinese numerals (二〇一九年二月十五日).

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, "○": 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "二〇一九" → 2019 (digit by digit). */
function cnYear(s: string): number | null {
  let n = 0;
  for (const c of s) {
    const d = CN_DIGITS[c];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/** "十五" → 15, "二十一" → 21, "三十" → 30, "九" → 9. */
function cnSmall(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
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

const ARABIC_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const CN_DATE = /([〇零○Oo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/g;

export interface FoundDate {
  iso: string;
  index: number;
  text: string;
}

/** Every well-formed date in the text, in order. Malformed ones (lost characters) are not dates. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(ARABIC_DATE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) found.push({ iso, index: m.index!, text: m[0] });
  }
  for (const m of text.matchAll(CN_DATE)) {
    const y = cnYear(m[1]);
    const mo = cnSmall(m[2]);
    const d = cnSmall(m[3]);
    const iso = y !== null && mo !== null && d !== null ? isoDate(y, mo, d) : null;
    if (iso) found.push({ iso, index: m.index!, text: m[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}
