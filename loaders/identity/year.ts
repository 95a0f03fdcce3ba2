// The year a report covers: from its title, else the opening sentence ("现公布…2018年度…年度报告"),
// else its 统计期限, else the file's name; never from the publication date. A 统计期限 whose dates lost characters
// ("统计期限为2025111231日") gives no year: null with a warning, not a guess.
import { findDates, looksLikeBrokenDate, YEAR_WORD, yearOf } from "./dates.ts";
import { isSentence } from "./township.ts";

/** A title line names the report: a page's chrome line (发布日期：2019年…) does not. */
const TITLE_WORDS = /报告|年报|报表/;
const NOT_TITLE = /发布|日期|时间|来源|浏览|点击/;
const PERIOD = /统计期限|统计时限|统计期间|统计时段|数据统计期|统计区间|统计日期|统计时间|起止时限/;

export interface YearFinding {
  year: number | null;
  source: "title" | "opening" | "period" | "path" | null;
  /** Why the year is missing, or remarks: a 统计期限 disagreeing with the title, or lost characters in it. */
  warnings: string[];
}

/** The first year in `line` that is a year of its own ("2018年", "2018年度"), not part of a full date. */
function yearIn(line: string): number | null {
  for (const m of line.matchAll(YEAR_WORD)) {
    const rest = line.slice(m.index! + m[0].length);
    if (/^\s*(?:\d{1,2}|[一二三四五六七八九十元]{1,3})\s*月/.test(rest)) continue; // a date, not the year covered
    const y = yearOf(m[1]);
    if (y !== null) return y;
  }
  return null;
}

/**
 * A notice about reports ("关于做好2019年度…年度报告编制和发布工作的通知") is not a report; a notice
 * that publishes one ("关于印发《XX镇2019年…年度报告》的通知") is.
 */
export function isNoticeTitle(line: string): boolean {
  const s = line.replace(/\s+/g, "");
  return /(?:通知|通报|意见|方案|函)$/.test(s) && !/印发|公布|发布《|转发《/.test(s);
}

export function titleYear(titleLines: string[]): number | null {
  const lines = titleLines.map((raw) => raw.replace(/\s+/g, ""));
  for (const [i, line] of lines.entries()) {
    // A title broken over two lines ("2015年度桃源县西安镇" / "政府信息公开工作年度报告").
    const title = !TITLE_WORDS.test(line) && i + 1 < lines.length && line.length <= 30 && TITLE_WORDS.test(lines[i + 1]) && yearIn(lines[i + 1]) === null
      ? line + lines[i + 1] : line;
    if (!TITLE_WORDS.test(title) || NOT_TITLE.test(title) || isNoticeTitle(title) || isSentence(title)) continue;
    const y = yearIn(title);
    if (y !== null) return y;
  }
  return null;
}

const YEAR_TOKEN = "((?:19|20)\\d{2}|[〇零○O0一二三四五六七八九]{4})";
/** "现公布张家坡镇人民政府2018年度信息公开工作年度报告" */
const OPENING_REPORT = new RegExp(`${YEAR_TOKEN}年度?[^。\\n；;，,《》<>]{0,30}?(?:年度报告|年报)`);
/** "现将2020年政府信息公开工作报告如下", "现将我镇2019年度政府信息公开工作情况公告如下：" */
const OPENING_HEREBY = new RegExp(`现将[^。\\n；;，,《》<>]{0,30}?${YEAR_TOKEN}年度?[^。\\n；;，,《》<>]{0,40}?(?:报告|汇报|公告|通报|公布)(?:如下|[:：])`);

/** The year named by the opening sentence, in the first lines. */
function openingYear(text: string): number | null {
  const head = text.slice(0, 800).replace(/[ \t]+/g, "");
  const m = OPENING_REPORT.exec(head) ?? OPENING_HEREBY.exec(head);
  return m ? yearOf(m[1]) : null;
}

/**
 * The overview's first sentence when nothing else names the year: a line that begins with the
 * year and the report's own unit ("2019年，我镇…", "2023年度我乡…", "2025年XX街道…"). Every such
 * line in the first part must agree; a year that goes on ("2018年以来", "2019年1月") does not count.
 */
function overviewYear(text: string, township: string | null): { year: number | null; conflict: number[] } {
  const own = `(?:[我本](?:镇|乡|街道|街|苏木|单位)?|全(?:镇|乡|街道|苏木)${township ? `|${escapeRegExp(township)}|${escapeRegExp(township.replace(/街道$/, ""))}` : ""})`;
  const re = new RegExp(`^${YEAR_TOKEN}年度?[，,、]?${own}`);
  const years = new Set<number>();
  for (const raw of text.slice(0, 1500).split("\n")) {
    const m = re.exec(raw.replace(/\s+/g, ""));
    const y = m ? yearOf(m[1]) : null;
    if (y !== null) years.add(y);
  }
  return years.size === 1 ? { year: [...years][0], conflict: [] } : { year: null, conflict: [...years] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The year of the 统计期限 sentence, and whether some of its dates lost characters. */
function periodYear(text: string): { year: number | null; sentence: string | null; broken: boolean } {
  const period = PERIOD.exec(text);
  if (!period) return { year: null, sentence: null, broken: false };
  const sentence = text.slice(period.index, period.index + 80).split(/[。\n；;]/)[0];
  const dates = findDates(sentence);
  let rest = sentence;
  for (const d of dates) rest = rest.replace(d.text, "|");
  const broken = looksLikeBrokenDate(rest);
  const end = dates.at(-1);
  if (end) return { year: Number(end.iso.slice(0, 4)), sentence, broken };
  const whole = /((?:19|20)\d{2})年(?:度|全年)/.exec(sentence);
  return { year: whole ? Number(whole[1]) : null, sentence, broken };
}

/** "2019年张家坡镇政府信息公开工作年度报告.pdf": the file's own name, when it names a report. */
function fileNameYear(path: string): number | null {
  const name = path.split(/[\\/]/).at(-1) ?? "";
  return TITLE_WORDS.test(name) && !isNoticeTitle(name.replace(/\.[A-Za-z0-9]{1,5}$/, "")) ? yearIn(name) : null;
}

/** `township`: the report's township if known ("2025年XX街道…" opens its overview). */
export function reportYear(titleLines: string[], text: string, path = "", township: string | null = null): YearFinding {
  const fromTitle = titleYear(titleLines);
  const notice = titleLines.slice(0, 3).some(isNoticeTitle);
  const fromOpening = fromTitle === null && !notice ? openingYear(text) : null;
  const period = periodYear(text);
  const quote = period.sentence ? `“${period.sentence.slice(0, 40)}”` : "";
  const brokenNote = period.broken ? [`统计期限的日期缺字或无法识别（${quote}）`] : [];
  const given = fromTitle ?? fromOpening;
  if (given !== null) {
    const where = fromTitle !== null ? "标题" : "开头";
    const disagree = period.year !== null && period.year !== given
      ? [`${where}的年度 ${given} 与统计期限（${quote}）的 ${period.year} 不一致，按${where}取 ${given}`] : [];
    return { year: given, source: fromTitle !== null ? "title" : "opening", warnings: [...disagree, ...brokenNote] };
  }
  if (period.year !== null) return { year: period.year, source: "period", warnings: brokenNote };
  if (period.sentence !== null) return { year: null, source: null, warnings: [`统计期限无法识别（${quote}），年份留空`] };
  const fromName = notice ? null : fileNameYear(path);
  if (fromName !== null) return { year: fromName, source: "path", warnings: [`正文没有写明报告年度，按文件名取 ${fromName}`] };
  const overview = notice ? { year: null, conflict: [] } : overviewYear(text, township);
  if (overview.year !== null) {
    return { year: overview.year, source: "opening", warnings: [`标题和统计期限中没有报告年度，按正文开头“${overview.year}年……”取 ${overview.year}`] };
  }
  if (overview.conflict.length > 1) {
    return { year: null, source: null, warnings: [`正文开头写了不同的年份（${overview.conflict.join("、")}），年份留空`] };
  }
  return { year: null, source: null, warnings: ["标题和统计期限中都没有找到报告年度"] };
}
