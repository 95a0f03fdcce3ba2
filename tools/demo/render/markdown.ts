// An OCR / LLM tool's markdown of a PDF report: `#` title, `##` sections, `###` sub-headings, and
// the tables as many small pipe tables — table 二 one per block, table 三 one per row group under
// placeholder headers (| 类别 | 数据1 | … | 总计 |) after stub tables of “-” for 申请人情况, table 四
// one per block. Tools of this kind write half-width brackets, a space after an ordinal, “, ” for
// “、” in a label, and now and then a header row in the middle of a table that heads no data.
import type { Block, Doc, TableModel } from "../doc.ts";
import type { Rng } from "../rng.ts";
import { table2Blocks, table3Parts, table4Blocks, type Table3Row } from "./parts.ts";

export interface OcrStyle {
  /** (一) 予以公开 rather than （一）予以公开; 1. 属于… rather than 1.属于…. */
  halfWidth: boolean;
  /** Separator rows: |---|---| or | --- | --- |. */
  sep: "tight" | "spaced" | "long";
  /** Some labels' 、 written as “, ”. */
  commas: boolean;
  /** （七）总计 and 四、结转… as rows of the last group's table rather than groups of their own. */
  tailInLastTable: boolean;
  /** A stray header row inside one table (heads no data). */
  strayHeader: boolean;
  /** (六) 其他 for the (六) group heading. */
  shortOther: boolean;
  /** OCR spacing around the year in the title: “… 2023 年 …”. */
  spacedTitle: boolean;
}

export function ocrStyle(r: Rng): OcrStyle {
  return {
    halfWidth: r.chance(0.6), sep: r.pick(["tight", "spaced", "long"] as const), commas: r.chance(0.5),
    tailInLastTable: r.chance(0.5), strayHeader: r.chance(0.3), shortOther: r.chance(0.35), spacedTitle: r.chance(0.3),
  };
}

const pipeRow = (cells: string[]) => `| ${cells.join(" | ")} |`;

function sepRow(n: number, s: OcrStyle): string {
  const cell = s.sep === "tight" ? "---" : s.sep === "spaced" ? " --- " : "----------";
  return `|${Array.from({ length: n }, () => cell).join("|")}|`;
}

function table(head: string[], rows: string[][], s: OcrStyle): string[] {
  return [pipeRow(head), sepRow(head.length, s), ...rows.map(pipeRow)];
}

/** Ordinals as an OCR tool writes them: half-width brackets and a space after. */
function ocrLabel(label: string, s: OcrStyle): string {
  if (!s.halfWidth) return label;
  return label
    .replace(/^（([一二三四五六七八九十]+)）/, "($1) ")
    .replace(/^(\d+)[.．]/, "$1. ");
}

function stripOrdinal(label: string): string {
  return label.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])/, "");
}

function headingLevel(text: string): string {
  return /^[一二三四五六七八九十]+、/.test(text) ? "##" : "###";
}

function table2Md(t: TableModel, s: OcrStyle): string[] {
  const out: string[] = [];
  for (const b of table2Blocks(t)) {
    out.push(`### ${b.label}`, ...table(["信息内容", ...b.columns], b.rows.map((r) => [r.label, ...r.values]), s), "");
  }
  return out;
}

/** The (六) group heading, sometimes shortened to “(六) 其他”. */
function otherHeading(label: string, s: OcrStyle): string {
  return s.shortOther ? label.replace(/^([（(]六[)）]\s*)其他处理$/, "$1其他") : label;
}

const STRAY_HEADS = ["本年新收件数", "上年结转件数", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "结转下年度"];

function table3Md(t: TableModel, s: OcrStyle, r: Rng, used: { commas: boolean }): string[] {
  const parts = table3Parts(t);
  const n = parts.columns.length;
  const head = ["类别", ...parts.columns.slice(0, -1).map((_, i) => `数据${i + 1}`), "总计"];
  const note = s.halfWidth ? parts.note.replace(/（/g, "(").replace(/）/g, ")").replace(/：/g, ":").replace(/，/g, ",") : parts.note;
  const out: string[] = [note, ""];
  out.push(`### 申请人情况${s.halfWidth ? " (自然人)" : "（自然人）"}`, ...table(["项目", "数量"], [["-", "-"]], s), "");
  // The 法人或其他组织 columns (小计 included where printed).
  const org = parts.columns.slice(1, -1);
  out.push(`### 申请人情况${s.halfWidth ? " (法人或其他组织)" : "（法人或其他组织）"}`, ...table(org, [org.map(() => "-")], s), "");

  // Row groups: a top-level row, a direct result row, or a group of numbered rows under its label.
  interface Group { heading: string; rows: string[][]; before: string[] }
  const groups: Group[] = [];
  const rowCells = (row: Table3Row, label: string) => [label, ...row.values];
  const withCommas = (label: string) => {
    if (!s.commas || !label.includes("、") || !r.chance(0.5)) return label;
    used.commas = true;
    return label.replace(/、/g, ", ");
  };
  for (const row of parts.rows) {
    const own = row.labels[row.labels.length - 1];
    const tail = row.id === "total" || row.id === "carry_forward";
    if (tail && s.tailInLastTable && groups.length) {
      groups[groups.length - 1].rows.push(rowCells(row, own));
      continue;
    }
    if (row.labels.length === 1) {
      groups.push({ heading: own, rows: [rowCells(row, stripOrdinal(own))], before: [] });
    } else if (row.labels.length === 2) {
      const before = row.starts[0] ? [`### ${row.labels[0]}`, ""] : [];
      groups.push({ heading: otherHeading(ocrLabel(own, s), s), rows: [rowCells(row, stripOrdinal(own))], before });
    } else {
      const [outer, group] = row.labels;
      if (row.starts[1]) {
        const before = row.starts[0] ? [`### ${outer}`, ""] : [];
        groups.push({ heading: otherHeading(ocrLabel(group, s), s), rows: [], before });
      }
      groups[groups.length - 1].rows.push(rowCells(row, withCommas(ocrLabel(own, s))));
    }
  }
  // The stray header goes inside a table of several rows, never on top of it.
  const strayAt = s.strayHeader ? groups.findIndex((g, i) => i > 2 && g.rows.length >= 3 && r.chance(0.5)) : -1;
  groups.forEach((g, i) => {
    out.push(...g.before, `### ${g.heading}`);
    if (i === strayAt) {
      const k = r.int(1, g.rows.length - 1);
      const stray = ["项目", ...STRAY_HEADS.slice(0, n - 1), "总计"];
      out.push(...table(head, g.rows.slice(0, k), s), "", ...table(stray, g.rows.slice(k), s), "");
    } else {
      out.push(...table(head, g.rows, s), "");
    }
  });
  return out;
}

function table4Md(t: TableModel, s: OcrStyle): string[] {
  const out: string[] = [];
  for (const b of table4Blocks(t)) {
    const heading = b.sub ? (s.halfWidth ? `${b.label}(${b.sub})` : `${b.label}（${b.sub}）`) : b.label;
    out.push(`### ${heading}`, ...table(b.columns, [b.values], s), "");
  }
  return out;
}

function tableMd(t: TableModel, s: OcrStyle, r: Rng, used: { commas: boolean }): string[] {
  if (t.table === "t2") return table2Md(t, s);
  if (t.table === "t3") return table3Md(t, s, r, used);
  if (t.table === "t4") return table4Md(t, s);
  throw new Error(`no markdown for table ${t.table}`);
}

function titleMd(title: string, s: OcrStyle): string {
  return s.spacedTitle ? title.replace(/(\d{4})年/, " $1 年 ").replace(/\s+/g, " ").trim() : title;
}

function blockMd(b: Block, s: OcrStyle, r: Rng, used: { commas: boolean }): string[] {
  switch (b.kind) {
    case "title":
      return [`# ${titleMd(b.text, s)}`, ""];
    case "heading":
      return [`${headingLevel(b.text)} ${ocrLabel(b.text, s)}`, ""];
    case "para":
    case "caption":
      return [b.text, ""];
    case "table":
      return tableMd(b.table, s, r, used);
    case "image":
      return [];
    case "signature":
      return [b.name, ...(b.date ? [b.date] : []), ""];
  }
}

/** The text, and whether some label was written with “, ” for its “、”. */
export function ocrMarkdown(doc: Doc, r: Rng, crlf: boolean): { text: string; commas: boolean } {
  const s = ocrStyle(r);
  const used = { commas: false };
  const lines = doc.blocks.flatMap((b) => blockMd(b, s, r, used));
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  const text = lines.join("\n") + "\n";
  return { text: crlf ? text.replace(/\n/g, "\r\n") : text, commas: used.commas };
}
