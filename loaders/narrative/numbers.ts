// Numbers written in prose: Arabic (1,234 · 86 人次 · 0.5万元) or Chinese (一百二十三, 两, 零),
// with the approximation markers of report-formats.md §2 (100余条, 755多条, 约100条, 近200条,
// 100条左右, 逾/超过) and the units counts are written in. Every token keeps its span.
//
// What is NOT a count: ordinals (第二十条, "1." / "（1）" at the start of an item), years and
// dates (2018年, 12月31日), percentages (20%, 占…, 个百分点), document numbers (〔2014〕32号),
// durations (15个工作日). Those tokens are dropped here, so no extractor can take them.

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "一百二十三" → 123, "十五" → 15, "三千零五" → 3005, "一万二千" → 12000, "两" → 2, "零" → 0. Null if malformed. */
export function cnNumber(s: string): number | null {
  if (s === "") return null;
  // A run of bare digits ("二〇一九") is read digit by digit.
  if (s.length > 1 && /^[零〇一二两三四五六七八九]+$/.test(s)) {
    let n = 0;
    for (const c of s) n = n * 10 + CN_DIGIT[c];
    return n;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in CN_DIGIT) {
      if (digit !== null && digit !== 0 && CN_DIGIT[c] !== 0) return null; // "一二" inside a number
      digit = CN_DIGIT[c];
    } else if (c in CN_UNIT) {
      section += (digit ?? (section === 0 && total === 0 ? 1 : NaN)) * CN_UNIT[c];
      if (Number.isNaN(section)) return null;
      digit = null;
    } else if (c === "万") {
      if (section === 0 && digit === null) return null;
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}

/** "1,234" / "1，234" / "86" / "0.5" → number. */
export function arabicNumber(s: string): number {
  return Number(s.replace(/[,，\s]/g, ""));
}

export type CountKind = "count" | "money";

export interface NumberToken {
  /** Offsets in the string scanned (end exclusive). */
  start: number;
  end: number;
  value: number;
  approx: boolean;
  unit: string | null;
  kind: CountKind;
  /** The number as written, markers and unit included. */
  raw: string;
}

/** Units of counts (report-formats.md §2) plus the ones reports add (篇, 则, 件次, 条次); money units. */
export const COUNT_UNITS = ["人次", "件次", "条次", "宗", "条", "件", "项", "起", "例", "次", "份", "个", "篇", "则"] as const;

const NUM = String.raw`\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+`;
const TOKEN = new RegExp(
  String.raw`(约为?|大约|共约|近|逾|超过)?[ \t]?(${NUM})[ \t]?(万)?(余|多)?[ \t]?(人次|件次|条次|万元|元|宗|条|件|项|起|例|次|份|个|篇|则)?(余|多)?(左右)?`,
  "g",
);

/** What may follow a bare number (no unit) that makes it something other than a count. */
const NOT_COUNT_AFTER = /^(?:[:：]\d|[年月日号时分秒岁%％‰度届期批轮户亿米吨亩天周级名位家所座辆台套间平g场张块本册幅版]|个(?:工作日|月|百分点|小时|季度|乡|镇|村|社区|部门|单位)|人(?!次)|百分点|小时|分钟|公里|余年|多年|余个|多个)/;
/** "个" counting something that is not an item: 3个工作日, 一个平台, 5个村. */
const NOT_ITEMS_AFTER_GE = /^(?:工作日|月|季度|小时|百分点|乡|镇|村|社区|部门|单位|方面|平台|渠道|栏目|专栏|窗口|网站|系统|阶段|环节|星期|年度|批次|点|中心|科室|站所|重点|领域|层级|板块|模块|专题)/;
/** What may stand right before a number that makes it an ordinal, a code or a ratio. */
const NOT_COUNT_BEFORE = /(?:\d[:：]|第|〔|\[|【|［|[A-Za-z]|占|百分之|No\.?|编号|代码|电话|邮编|号码|传真)$/;

/** Count and money tokens of `s` (ordinals, dates, percentages and codes are left out). */
export function numberTokens(s: string): NumberToken[] {
  const out: NumberToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(s); m; m = TOKEN.exec(s)) {
    const [whole, pre, num, wan, post1, unit, post2, about] = m;
    const start = m.index + (whole.length - whole.trimStart().length);
    const end = m.index + whole.trimEnd().length;
    const numStart = m.index + whole.indexOf(num, pre ? pre.length : 0);
    const numEnd = numStart + num.length;
    const isCn = !/^\d/.test(num);
    if (isCn && !unit) continue; // 一是, 十九大, 统一: Chinese numerals only count with a unit
    if (isCn && /^[万]/.test(num)) continue;
    const before = s.slice(Math.max(0, numStart - 4), numStart);
    if (NOT_COUNT_BEFORE.test(before)) continue;
    const afterNum = s.slice(numEnd, numEnd + 12).replace(/^[ \t]+/, "");
    if (/^(?:%|％|‰|个百分点)/.test(afterNum)) continue;
    // "1." "2、" "（3）" ordinals: at the start of an item, after 包括/其中/公开, or "N." before a word.
    if (!unit && /^[.．、)）](?!\d)/.test(afterNum)) {
      if (isItemStart(s, start) || /^[.．]\p{Script=Han}/u.test(afterNum)) continue;
      if (/(?:包括|其中|如下|分别为|分别是|具体为|主要有|包含|公开|发布)$/.test(s.slice(Math.max(0, start - 3), start))) continue;
    }
    if (/^[)）]/.test(afterNum) && /[(（]\s*$/.test(s.slice(Math.max(0, numStart - 2), numStart))) continue; // "（1）"
    if (!unit) {
      if (NOT_COUNT_AFTER.test(afterNum)) continue;
      if (/^万(?:元)?/.test(afterNum) && !wan) continue;
    }
    if (/^[-—~～至到]\d/.test(afterNum)) continue; // ranges and dates 2018-12-31
    // A number run into letters or mask characters ("1x58条", "**3条", "2a条") was damaged in copying.
    if (/^[A-Za-z*＊#]/.test(s.slice(numEnd, numEnd + 1)) || /[A-Za-z*＊#]$/.test(s.slice(Math.max(0, numStart - 1), numStart))) continue;
    if (unit === "个" && NOT_ITEMS_AFTER_GE.test(s.slice(end, end + 3))) continue; // 3个工作日, 一个平台
    if (/[-—~～/]$/.test(s.slice(Math.max(0, numStart - 1), numStart))) continue;
    let value = isCn ? cnNumber(num) : arabicNumber(num);
    if (value === null || !Number.isFinite(value)) continue;
    if (wan) value *= 10000;
    const money = unit === "元" || unit === "万元";
    if (unit === "万元") value *= 10000;
    if (!money && !Number.isInteger(value)) continue; // counts are whole numbers; 1.5 is a ratio or a version
    out.push({
      start, end, value: money ? Math.round(value * 100) / 100 : value,
      approx: Boolean(pre || post1 || post2 || about),
      unit: unit ?? null,
      kind: money ? "money" : "count",
      raw: whole.trim(),
    });
  }
  return out;
}

/** True when position `i` begins an item: start of text, after punctuation or white space. */
function isItemStart(s: string, i: number): boolean {
  if (i === 0) return true;
  return /[\s，,；;：:。（(、]/.test(s[i - 1]);
}
