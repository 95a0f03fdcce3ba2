// The 附表 (政府信息公开情况统计表) that many 2014–2018 free-text reports attach: rows of
// 统计指标 | 单位 | 本年 | 历年累计. Only the year's column is read, never the cumulative one; which
// column is which comes from the header (本年度/2018年/统计数 vs 累计/历年累计), annual first when the
// header says nothing. Rendered as tab-separated rows (HTML), pipe rows, aligned columns or one
// cell per line (blank lines are empty cells).
import type { Found } from "./resolve.ts";
import type { TextIndex } from "./text.ts";

export type AppendixField =
  | "active_total" | "requests_new_total" | "requests_handled_total" | "review_total" | "litigation_total" | "fees";

export interface AppendixResult {
  /** 0-based line index where the 附表 starts and the line after its end. */
  startLine: number;
  endLine: number;
  values: Partial<Record<AppendixField, Found>>;
  channels: { label: string; value: number; found: Found }[];
  warnings: string[];
}

const TITLE = /统计表|^附表|^附件\d?[：:]?$|统计指标/;
const TITLE_HINT = /统计表|附\s*表|附\s*件|统\s*计\s*指\s*标/;
const ROW_HINT = /主动公开政府信息数|收到申请数|统计指标|申请办结数/;
const ROWS: [AppendixField, RegExp, RegExp?][] = [
  ["active_total", /主动公开(?:政府)?信息(?:总?数|数量)/, /其中|规范性文件|网站|微博|微信|其他方式|渠道|公报/],
  ["requests_new_total", /收到(?:政府信息公开)?申请(?:总?数|数量)|申请(?:总数|受理数)|受理申请数/, /当面|传真|网络|信函|电子邮件|其中/],
  ["requests_handled_total", /申请办结数|办结(?:申请)?数/, /按时|延期|其中/],
  ["review_total", /行政复议(?:数|数量|案件数?)?$|行政复议数/, /维持|纠错|纠正|其他情形|其中/],
  ["litigation_total", /行政诉讼(?:数|数量|案件数?)?$|行政诉讼数/, /维持|驳回|纠错|纠正|其他情形|其中/],
  ["fees", /收取(?:的)?费用|收费(?:金额|总额)?$|信息处理费/, /减免|其中/],
];
const CHANNEL_ROW = /(政府网站|门户网站|政务微博|政务微信|政府公报|其他方式)公开(?:政府)?信息数/;
const UNIT_CELL = /^(?:条|件|元|万元|个|人|次|人次|项|份|篇)$/;
const EMPTY_CELL = /^(?:|—+|-+|－|\/|无|\\)$/;

interface Cell {
  text: string;
  /** Global offsets. */
  start: number;
  end: number;
}

/** The first line of a 附表, or -1: a title or header line followed by its rows within 15 lines. */
export function findAppendix(index: TextIndex): number {
  for (let li = 0; li < index.lineCount; li++) {
    const raw = index.lineText(li);
    if (!TITLE_HINT.test(raw)) continue;
    const line = raw.replace(/\s+/g, "");
    if (line.length === 0 || line.length > 60 || !TITLE.test(line.replace(/[|｜\t]/g, ""))) continue;
    for (let k = li; k < Math.min(index.lineCount, li + 16); k++) {
      if (ROW_HINT.test(index.lineText(k).replace(/\s+/g, "")) && (k !== li || /统计指标/.test(line))) return li;
    }
  }
  return -1;
}

function cellsOf(line: string, offset: number): Cell[] {
  const out: Cell[] = [];
  const re = /[^\t|｜]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    // Aligned columns: runs of 2+ spaces separate cells; single spaces separate numbers.
    const part = m[0];
    const sub = /\S+(?: \S+)*/g;
    for (let n = sub.exec(part); n; n = sub.exec(part)) {
      const pieces = n[0].split(/ {2,}/);
      let at = n.index;
      for (const p of pieces) {
        const idx = part.indexOf(p, at);
        at = idx + p.length;
        const split = /^[\d.\s—\-/]+$/.test(p) && / /.test(p) ? p.split(" ") : [p];
        let at2 = idx;
        for (const q of split) {
          const qi = part.indexOf(q, at2);
          at2 = qi + q.length;
          out.push({ text: q, start: offset + m.index + qi, end: offset + m.index + qi + q.length });
        }
      }
    }
    if (part.trim() === "" && /[|｜]/.test(line)) out.push({ text: "", start: offset + m.index, end: offset + m.index });
  }
  return out;
}

export function parseAppendix(index: TextIndex, startLine: number): AppendixResult {
  const res: AppendixResult = { startLine, endLine: index.lineCount, values: {}, channels: [], warnings: [] };
  // Header: which value column is the year's.
  let annualAt = -1;
  let cumulativeAt = -1;
  let headerCells = 0;
  for (let li = startLine; li < Math.min(index.lineCount, startLine + 10); li++) {
    const text = index.lineText(li);
    if (ROWS.some(([, re]) => re.test(text.replace(/\s+/g, "")))) break;
    const cells = cellsOf(text, index.lineStarts[li]).filter((c) => c.text.trim() !== "");
    for (const c of cells) {
      if (/累计|历年/.test(c.text)) {
        if (cumulativeAt < 0) cumulativeAt = c.start;
      } else if (annualAt < 0 && /本年|当年|\d{4}\s*年|统计数|年度数|数量|数值/.test(c.text) && !/统计表|以来/.test(c.text)) annualAt = c.start;
    }
    if (/统计指标|指标名称|项目/.test(text) || cumulativeAt >= 0 || annualAt >= 0) headerCells = Math.max(headerCells, cells.length);
  }
  const cumulativeFirst = cumulativeAt >= 0 && annualAt >= 0 && cumulativeAt < annualAt;
  const hasCumulative = cumulativeAt >= 0;
  if (hasCumulative && annualAt < 0) res.warnings.push("附表有累计列但没有写明本年列，按“本年在前”读取");

  for (let li = startLine; li < index.lineCount; li++) {
    const text = index.lineText(li);
    const compact = text.replace(/\s+/g, "");
    if (compact.length > 80 && /。/.test(compact)) {
      if (li > startLine + 5) {
        res.endLine = li;
        break;
      }
      continue;
    }
    const cells = cellsOf(text, index.lineStarts[li]);
    if (cells.length === 0) continue;
    const labelCell = cells[0];
    const label = labelCell.text.replace(/\s+/g, "");
    const channel = CHANNEL_ROW.exec(label);
    const bare = label.replace(/[（(][^）)]*[）)]$/, ""); // "…数（不同渠道和方式公开相同信息计1条）"
    const row = channel ? null : ROWS.find(([, re, not]) => re.test(bare) && !(not && not.test(bare)));
    if (!row && !channel) continue;
    let values = cells.slice(1);
    if (values.length === 0) values = followingCells(index, li, headerCells > 1 ? headerCells - 1 : 3);
    let unit: string | null = /万元/.test(label) ? "万元" : null;
    if (values.length && UNIT_CELL.test(values[0].text.trim())) unit = values.shift()!.text.trim();
    const nums = values.filter((v) => /^\d+(?:\.\d+)?$/.test(v.text.trim()) || EMPTY_CELL.test(v.text.trim()));
    if (nums.length === 0) continue;
    let cell: Cell | undefined;
    if (!hasCumulative) cell = nums[0];
    else if (nums.length >= 2) cell = cumulativeFirst ? nums[1] : nums[0];
    else if (!cumulativeFirst) cell = nums[0];
    if (!cell) {
      res.warnings.push(`附表“${label}”只有一个数，无法判断是本年数还是累计数，留空`);
      continue;
    }
    const raw = cell.text.trim();
    if (EMPTY_CELL.test(raw)) continue;
    let value = Number(raw);
    const field = row ? row[0] : null;
    if (field === "fees" && unit === "万元") value = Math.round(value * 10000 * 100) / 100;
    if (field !== "fees" && !Number.isInteger(value)) continue;
    const snippet = `附表：${bare}${unit ? `（${unit}）` : ""} ${raw}`;
    if (channel) {
      const f: Found = { value, evidence: { ...index.evidence(`appendix.active_channels.${channel[1]}`, value, cell.start, cell.end), snippet } };
      res.channels.push({ label: channel[1], value, found: f });
      continue;
    }
    if (field && !res.values[field]) res.values[field] = { value, evidence: { ...index.evidence(field, value, cell.start, cell.end), snippet } };
  }
  return res;
}

/** Cell-per-line rendering: the next n lines are the row's cells (a blank line is an empty cell). */
function followingCells(index: TextIndex, li: number, n: number): Cell[] {
  const out: Cell[] = [];
  for (let k = li + 1; k < index.lineCount && out.length < n; k++) {
    const text = index.lineText(k);
    const t = text.trim();
    if (t !== "" && /\p{Script=Han}/u.test(t) && !UNIT_CELL.test(t) && !EMPTY_CELL.test(t)) break; // the next row's label
    const at = index.lineStarts[k] + text.indexOf(t);
    out.push({ text: t, start: at, end: at + t.length });
  }
  return out;
}
