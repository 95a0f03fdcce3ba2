// The publication date: the page's 发布日期 when the file is a saved page (from the HTML reader, or
// the meta line of a page saved as text) — the day the report became public, which is what
// timeliness is judged on — else the signature date at the end of the report (a line holding only
// the date, or the signing body and the date; 2019年2月15日, 二〇一九年二月十五日, 2019.2.15). A
// signature date that lost characters ("2019年215日") is not guessed: a warning says why.
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

export function publishedOn(text: string, pageDate: string | null): PublishedFinding {
  const page = validPageDate(pageDate) ?? pageDateInText(text);
  if (page) return { date: page, source: "page:发布日期", warnings: [] };
  const lines = text.split("\n");
  let seen = 0;
  let broken: string | null = null;
  for (let i = lines.length - 1; i >= 0 && seen < SIGNATURE_LINES; i--) {
    const line = lines[i].replace(/\s+/g, "");
    if (line === "") continue;
    seen++;
    if (line.length > 45) continue;
    const date = findDates(line).at(-1) ?? findNumericDates(line).at(-1);
    if (date) {
      const rest = line.replace(date.text.replace(/\s+/g, ""), "");
      if (SIGNATURE_REST.test(rest)) return { date: date.iso, source: `signature:${offsetOf(lines, i)}`, warnings: [] };
      continue;
    }
    if (broken === null && looksLikeBrokenDate(line) && line.length <= 30) broken = line;
  }
  const warnings: string[] = [];
  if (broken) warnings.push(`落款日期缺字或无法识别（“${broken}”），不作猜测，发布日期留空`);
  else warnings.push("没有找到落款日期或发布日期");
  return { date: null, source: null, warnings };
}

/** A saved page copied as text keeps its meta line near the top: "发布日期：2015-03-03 来源：…". */
function pageDateInText(text: string): string | null {
  const head = text.split("\n").filter((l) => l.trim() !== "").slice(0, 15).join("\n");
  const m = /(?:发布日期|发布时间)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(head);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
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
