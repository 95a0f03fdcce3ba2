// Timeliness of each report's publication (report-formats.md §1, §5). Dates are the record's
// published_on (signature date, else the page's 发布日期). `expected`/`actual` are days after the
// end of the covered year (31 Dec of the report year = day 0), so a dashboard can sort by them.
//
// published_by_mar31        every era: published by 31 March of the next year (2008 条例 art. 31,
//                           2019 条例 art. 50 for the annual report's deadline in practice).
// published_by_jan31_local  2019+ only, shown apart: 2019 条例 art. 49 sets 31 January for
//                           county-level departments; townships follow local rules (mostly January,
//                           some February), so this is a `warn` that depends on local rules.
// published_after_year_end  a report dated on or before 31 Dec of the year it covers cannot
//                           report the whole year: the date (or the year) is wrong.
// Date unknown (no readable date, or characters lost: "2016115日" is never guessed): the three
// rules are `skip` with the reason, so "date unknown" is counted apart from on time and late.
import type { ReportRecord } from "../types.ts";
import type { CorpusCheckRow } from "./types.ts";

/** The stricter deadline applies from this report year (2019 revised 条例). */
export const JAN31_FROM_YEAR = 2019;

const DAY = 86_400_000;

function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return null;
  return Math.round(t / DAY);
}

/** Days from 31 Dec of `year` to the ISO date (1 Jan of the next year = 1). */
export function daysAfterYearEnd(year: number, iso: string): number | null {
  const d = dayNumber(iso);
  return d === null ? null : d - Math.round(Date.UTC(year, 11, 31) / DAY);
}

export function timelinessChecks(id: string, r: ReportRecord): CorpusCheckRow[] {
  if (r.year === null) return []; // without the covered year there is no deadline
  const year = r.year;
  const row = (rule: string, status: CorpusCheckRow["status"], expected: number | null, actual: number | null, message: string): CorpusCheckRow =>
    ({ report_id: id, rule, status, expected, actual, cells: status === "fail" || status === "warn" ? "published_on" : null, message });
  const mar31 = daysAfterYearEnd(year, `${year + 1}-03-31`)!;
  const jan31 = 31;
  const strict = year >= JAN31_FROM_YEAR;
  const days = r.published_on ? daysAfterYearEnd(year, r.published_on) : null;
  if (days === null) {
    const why = r.published_on ? `发布日期“${r.published_on}”无法识别` : "发布日期未知（没有可读的落款日期或发布日期）";
    return [
      row("published_by_mar31", "skip", mar31, null, why),
      ...(strict ? [row("published_by_jan31_local", "skip", jan31, null, why)] : []),
      row("published_after_year_end", "skip", 1, null, why),
    ];
  }
  const date = r.published_on!;
  const out: CorpusCheckRow[] = [];
  out.push(days > mar31
    ? row("published_by_mar31", "fail", mar31, days, `${year} 年度报告 ${date} 发布，晚于 ${year + 1}-03-31 的期限 ${days - mar31} 天`)
    : row("published_by_mar31", "pass", mar31, days, `${date} 发布，未晚于 ${year + 1}-03-31`));
  if (strict) {
    out.push(days > jan31
      ? row("published_by_jan31_local", "warn", jan31, days, `${date} 发布，晚于 ${year + 1}-01-31 ${days - jan31} 天（2019年起多数地方要求1月31日前发布，是否逾期取决于当地规定）`)
      : row("published_by_jan31_local", "pass", jan31, days, `${date} 发布，未晚于 ${year + 1}-01-31`));
  }
  out.push(days <= 0
    ? row("published_after_year_end", "fail", 1, days, `${year} 年度报告的日期 ${date} 早于或等于该年度结束（${year}-12-31）：日期或年度有误`)
    : row("published_after_year_end", "pass", 1, days, `${date} 在 ${year} 年度结束之后`));
  return out;
}
