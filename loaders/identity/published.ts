// The publication date: the page's 发布日期 when the file is a saved page (from the HTML reader, or
// the page furniture of a page saved as text) — the day the report became public, which is what
// timeliness is judged on — else the signature date at the end of the report (a line holding only
// the date, or the signing body and the date; 2019年2月15日, 二〇一九年二月十五日, 2019.2.15). A
// date that lost characters ("2019年215日", "发布时间：2021-0125") is not guessed: a warning says why.
import { findDates, findNumericDates, isoDate, looksLikeBrokenDate } from "./dates.ts";

/** Lines at the end searched for the signature date (saved pages may carry a footer after it). */
const SIGNATURE_LINES = 25;
/** What may stand on the date's line besides the date: the signing body, a seal note, a label. */
const SIGNATURE_REST = /^(?:(?:落款|成文|发布)?(?:日期|时间)[:：]?)?(?:[\u4e00-\u9fff（）()]{0,30}(?:人民政府|政府|办事处|委员会|街道|镇|乡|苏木))?[（(]?(?:盖章|公章)?[)）]?$/;

export interface PublishedFinding {
  date: string | null;
  source: string | null;
  warnings: string[];
}

/**
 * `year`: the report's year, if known. A page date two or more years after it is the date the page
 * was moved or reposted (a 2010 report "发布日期 2016-05-10"), not its publication: not taken.
 */
export function publishedOn(text: string, pageDate: string | null, year: number | null = null): PublishedFinding {
  const warnings: string[] = [];
  const furniture = pageDateInText(text);
  if (furniture.broken) warnings.push(`页面上的发布日期缺字或无法识别（“${furniture.broken}”），不作猜测`);
  const page = validPageDate(pageDate) ?? furniture.date;
  const reposted = page && year !== null && Number(page.slice(0, 4)) >= year + 2 ? page : null;
  if (reposted) warnings.push(`页面日期 ${page} 比报告年度 ${year} 晚两年以上，应是网页迁移或转载的日期，不作为发布日期`);
  else if (page) return { date: page, source: "page:发布日期", warnings };
  const lines = text.split("\n");
  let seen = 0;
  let broken: string | null = null;
  for (let i = lines.length - 1; i >= 0 && seen < SIGNATURE_LINES; i--) {
    const line = lines[i].replace(/\s+/g, "");
    if (line === "") continue;
    seen++;
    if (line.length > 45) continue;
    const date = findDates(line).at(-1) ?? findNumericDates(line).at(-1);
    if (date && date.iso !== reposted) {
      const rest = line.replace(date.text.replace(/\s+/g, ""), "");
      if (SIGNATURE_REST.test(rest)) return { date: date.iso, source: `signature:${offsetOf(lines, i)}`, warnings };
      continue;
    }
    if (broken === null && looksLikeBrokenDate(line) && line.length <= 30) broken = line;
  }
  if (broken) warnings.push(`落款日期缺字或无法识别（“${broken}”），不作猜测，发布日期留空`);
  else if (warnings.length === 0) warnings.push("没有找到落款日期或发布日期");
  return { date: null, source: null, warnings };
}

/** Lines at the top of a page saved as text where its furniture (发布时间, 来源, 浏览次数) stands. */
const FURNITURE_LINES = 30;
/** A date as page furniture writes it: 2021-01-22, 2021/1/22, 2021.01.22, 2021年01月22日 (a time may follow). */
const PAGE_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?/;
/**
 * Labels of the page's date, strongest first. 发布/公开/发文/成文/更新 may stand right after
 * another field ("来源：某镇发布时间："); a bare 日期 or 时间 only at the start of a field, so that
 * 统计时间 and 公文生成日期 (the day the record was made, not published) are not read.
 */
const DATE_LABELS = [
  /发布(?:日期|时间)/, /(?:公开|公布|印发)(?:日期|时间)/, /(?:发文|成文)(?:日期|时间)/, /更新(?:日期|时间)/,
  /(?:^|[\s|｜•·【】[\]（）()])(?:日期|时间)/,
];
const SEPARATOR = /^\s*[:：|｜]?\s*/;
/** Words of the furniture line that may follow an unlabelled date ("2021年01月22日 来源：…"). */
const FURNITURE_AFTER = /^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:$|来源|信息来源|浏览|点击|阅读|访问|字体|字号|打印|作者|分享|录入|编辑|发布|【|\[)/;
/** The site's clock ("今天是2024年1月5日 星期五") is not the page's date. */
const CLOCK = /今天|今日|星期|礼拜|周[一二三四五六日天]/;

/**
 * The date in a saved page's furniture near the top: after a label ("发布日期：2015-03-03",
 * "来源：某镇 时间：2020-01-09 08:45", "发文时间 | 2021-01-19 |"), else alone at the start of a
 * short furniture line ("2021年01月22日 来源：…"). A labelled value that is no date is `broken`.
 */
export function pageDateInText(text: string): { date: string | null; broken: string | null } {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, FURNITURE_LINES);
  const head = lines.join("\n");
  let broken: string | null = null;
  for (const label of DATE_LABELS) {
    for (const m of head.matchAll(new RegExp(label.source, "gm"))) {
      const rest = head.slice(m.index! + m[0].length).replace(SEPARATOR, "");
      const value = PAGE_DATE.exec(rest.slice(0, 24));
      const iso = value && value.index === 0 ? isoDate(Number(value[1]), Number(value[2]), Number(value[3])) : null;
      if (iso && !/^\s*(?:至|到|起|—|-|~)/.test(rest.slice(value![0].length))) return { date: iso, broken: null };
      const raw = rest.split(/\s/)[0].slice(0, 20);
      if (!iso && broken === null && /^\d{4}[-/.年]?\d/.test(raw) && !PAGE_DATE.test(raw)) broken = raw;
    }
  }
  for (const [i, line] of lines.entries()) {
    // The furniture stands above the report's first sentence; a date below it, or one that ends
    // the line before ("…至" + "2019年12月31日"), belongs to the text.
    if (/[，,。；;]/.test(line) && line.length > 40) break;
    if (line.length > 60 || CLOCK.test(line) || /(?:至|到|起|止|—|-|~)$/.test(lines[i - 1] ?? "")) continue;
    const value = PAGE_DATE.exec(line);
    if (!value || value.index !== 0 || !FURNITURE_AFTER.test(line.slice(value[0].length))) continue;
    const iso = isoDate(Number(value[1]), Number(value[2]), Number(value[3]));
    if (iso) return { date: iso, broken };
  }
  return { date: null, broken };
}

function validPageDate(pageDate: string | null): string | null {
  const m = pageDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(pageDate) : null;
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function offsetOf(lines: string[], index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++) n += lines[i].length + 1;
  return n;
}
