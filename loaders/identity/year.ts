// The year a report covers: from its title, else from its 统计期限, never from the publication date.
import { findDates } from "./dates.ts";

const TITLE_YEAR = /((?:19|20)\d{2})\s*年(?:度)?/;
const PERIOD = /统计期限|统计时限|统计期间|数据统计期/;

export interface YearFinding {
  year: number | null;
  warning: string | null;
}

export function reportYear(titleLines: string[], text: string): YearFinding {
  for (const line of titleLines) {
    const m = TITLE_YEAR.exec(line.replace(/\s+/g, ""));
    if (m) return { year: Number(m[1]), warning: null };
  }
  const period = PERIOD.exec(text);
  if (period) {
    const sentence = text.slice(period.index, period.index + 60).split(/[。\n]/)[0];
    const dates = findDates(sentence);
    const end = dates.at(-1);
    if (end) return { year: Number(end.iso.slice(0, 4)), warning: null };
    return { year: null, warning: `统计期限无法识别（“${sentence.slice(0, 40)}”），年份留空` };
  }
  return { year: null, warning: "标题和统计期限中都没有找到报告年度" };
}
