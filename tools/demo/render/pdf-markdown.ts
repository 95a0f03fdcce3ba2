// PDF text turned into markdown by a converter. Prose comes out hard-wrapped, headings as plain
// lines (the section numbers of the tables sometimes restart at 一), and the tables in pieces:
// the converter makes pipe rows of what it sees as table rows and prints the rest as loose text.
// Table 三's label cells that wrap in the PDF's narrow label column are loose lines, wrapped in
// pieces ("5.属于三类内部事务信" / "息"), printed before their row or a few rows early, rowspan
// labels around the middle of their rows; their values are value-only rows, each a table of its
// own (row + |---|). Labels that fit their cell stay in the row. Header cells come out split, a
// page number can stand between a label and its row, and table 四 is one row of 15 values under a
// mangled header.
import type { Block, Doc, TableModel } from "../doc.ts";
import { wrapW } from "../format.ts";
import type { Rng } from "../rng.ts";
import { table2Blocks, table3Parts, table4Blocks, type Table3Row } from "./parts.ts";

interface PdfStyle {
  /** Display width of prose lines. */
  wrap: number;
  /** Table sections numbered 一、二、三 after 一、总体情况 (and 五、六 as 四、五). */
  restart: boolean;
  /** Characters of table 三's leaf-label column (a longer label wraps and goes loose). */
  leafChars: number;
  /** Table 二's first block printed after the others (its label left in place). */
  firstBlockLast: boolean;
  /** Page number to print once inside table 三, or null. */
  pageNumber: number | null;
}

const pipeRow = (cells: string[]) => `| ${cells.join(" | ")} |`;
const sepRow = (n: number) => `|${Array.from({ length: n }, () => "---").join("|")}|`;
const chars = (s: string) => [...s];
/** Pieces of a label wrapped at n characters. */
const pieces = (s: string, n: number) => wrapW(s, 2 * n);

const NUMERALS = "一二三四五六七八九十";

function renumber(text: string, s: PdfStyle): string {
  if (!s.restart) return text;
  const m = /^([一二三四五六七八九十])、/.exec(text);
  if (!m) return text;
  const n = NUMERALS.indexOf(m[1]) + 1;
  return n >= 2 ? `${NUMERALS[n - 2]}、${text.slice(2)}` : text;
}

/** Table 二: each block as a small pipe table, or as lines of text (label and values spaced). */
function table2Pdf(t: TableModel, s: PdfStyle, r: Rng): string[] {
  const blocks = table2Blocks(t);
  const out: string[] = [];
  const asTable = (b: (typeof blocks)[number]) => [pipeRow(["信息内容", ...b.columns]), sepRow(b.columns.length + 1), ...b.rows.map((x) => pipeRow([x.label, ...x.values]))];
  // A blank cell leaves no trace in a line of text: such a block stays a table.
  const blank = blocks.some((b) => b.rows.some((x) => x.values.includes("")));
  blocks.forEach((b, i) => {
    out.push(b.label);
    if (i === 0 && s.firstBlockLast) return;
    if (!blank && r.chance(0.5)) {
      out.push(`信息内容${b.columns.join("")}`, ...b.rows.map((x) => `${x.label} ${x.values.join(" ")}`));
    } else {
      out.push(...asTable(b));
    }
  });
  if (s.firstBlockLast) out.push(...(r.chance(0.6) ? ["## 表二：主动公开政府信息情况"] : []), ...asTable(blocks[0]));
  return out;
}

/** Table 三's header as the converter leaves it: loose lines of glued fragments, then split cells. */
function table3Header(columns: string[], note: string): { lines: string[]; cells: string[] } {
  const org = columns.slice(1, -1);
  const notePieces = pieces(note, 20);
  const lines = ["申请人情况", `${notePieces[0]}法人或其他组织`, ...notePieces.slice(1), `${columns[0]}${columns[columns.length - 1]}`];
  // Column labels wrap at three characters: the first pieces glued on one line, the rest in cells.
  const heads = org.map((c) => pieces(c, 3));
  lines.push(heads.filter((h) => h.length > 1).map((h) => h[0]).join(""));
  const short = heads.filter((h) => h.length === 1).map((h) => h[0]).join("");
  if (short) lines.push(short);
  return { lines, cells: heads.filter((h) => h.length > 1).map((h) => h.slice(1).join("")) };
}

/** Whether a label cell of table 三 holds its text on one line (else the text goes loose). */
function fits(row: Table3Row, s: PdfStyle): boolean {
  const own = row.labels[row.labels.length - 1];
  const room = row.labels.length === 1 ? 20 : row.labels.length === 2 ? s.leafChars + 4 : s.leafChars;
  return chars(own).length <= room;
}

/** Row index before which each loose text piece is printed, by the layout of the PDF page. */
interface LooseText {
  at: number;
  /** The row whose label this is (rowspan labels: the row they start on). */
  row: number;
  lines: string[];
  /** A rowspan label (centred on its rows), rather than a row's own label. */
  group: boolean;
}

/**
 * Where the converter prints table 三's loose label text. A label cell that wraps is taller than
 * its row's values, so its text comes before them — often a few rows early, when the converter
 * gathers text blocks. A rowspan label (三、本年度办理结果, （三）不予公开 …) is centred on its rows:
 * its text comes out around the middle of its group.
 */
function looseText(rows: Table3Row[], s: PdfStyle, r: Rng): LooseText[] {
  const out: LooseText[] = [];
  let floor = 0;
  rows.forEach((row, i) => {
    row.labels.slice(0, -1).forEach((label, k) => {
      if (!row.starts[k]) return;
      const span = rows.slice(i).findIndex((x) => x.labels[k] !== label);
      const n = span < 0 ? rows.length - i : span;
      out.push({ at: i + Math.floor((n - 1) / 2), row: i, lines: pieces(label, k === 0 ? 3 : 4), group: true });
    });
    if (fits(row, s)) return;
    const early = r.weighted([[0, 60], [1, 20], [2, 12], [4, 8]]);
    const at = Math.max(floor, i - early);
    floor = at;
    out.push({ at, row: i, lines: pieces(row.labels[row.labels.length - 1], s.leafChars), group: false });
  });
  return out;
}

/** Loose text printed at one place: a group label beside a row label comes out line by line. */
function textBlock(items: LooseText[], r: Rng): string[] {
  const group = items.find((x) => x.group);
  const first = items.find((x) => !x.group);
  if (group && first && r.chance(0.5)) {
    const n = Math.max(group.lines.length, first.lines.length);
    const merged = Array.from({ length: n }, (_, k) => `${group.lines[k] ?? ""}${first.lines[k] ?? ""}`);
    return [...merged, ...items.filter((x) => x !== group && x !== first).flatMap((x) => x.lines)];
  }
  return items.flatMap((x) => x.lines);
}

function table3Pdf(t: TableModel, s: PdfStyle, r: Rng): string[] {
  const parts = table3Parts(t);
  const width = parts.columns.length;
  const head = table3Header(parts.columns, parts.note);
  const out: string[] = [...head.lines];
  if (r.chance(0.5)) out.push("## 表三：收到和处理政府信息公开申请情况");
  const headCells = [...head.cells, ...Array.from({ length: width + 1 - head.cells.length }, () => " ")];
  out.push(pipeRow(headCells), sepRow(headCells.length));
  const loose = looseText(parts.rows, s, r);
  // The page number stands between a row's label text and the row itself.
  const ownPlace = loose.filter((x) => !x.group && x.at === x.row && x.row > 2).map((x) => x.row);
  const pageAt = s.pageNumber === null || !ownPlace.length ? -1 : r.pick(ownPlace);
  let last: "labelled" | "value" | "text" = "labelled";
  parts.rows.forEach((row, i) => {
    const here = loose.filter((x) => x.at === i);
    if (here.length) {
      out.push("", ...textBlock(here, r));
      last = "text";
    }
    if (i === pageAt) out.push(String(s.pageNumber));
    if (!fits(row, s)) {
      out.push(pipeRow(row.values), sepRow(row.values.length));
      last = "value";
    } else {
      out.push(pipeRow([row.labels[row.labels.length - 1], ...row.values]));
      if (last !== "labelled") out.push(sepRow(row.values.length + 1));
      last = "labelled";
    }
  });
  return out;
}

/** Table 四's three header rows as loose fragments and one split header row, then the 15 values. */
function table4Pdf(t: TableModel): string[] {
  const blocks = table4Blocks(t);
  const halves = (l: string) => {
    const c = chars(l);
    const k = Math.ceil(c.length / 2);
    return [c.slice(0, k).join(""), c.slice(k).join("")];
  };
  // The four outcome columns of a block (its fifth is 总计).
  const outcomes = (b: (typeof blocks)[number]) => b.columns.slice(0, 4);
  const [review, direct, after] = blocks;
  const lines = [
    `${review.label}${direct.label}`,
    `${direct.sub}${after.sub}`,
    outcomes(review).map((c) => halves(c)[0]).join(""),
    review.columns[4],
    `${direct.columns[4]}${after.columns[4]}`,
    [...outcomes(direct), ...outcomes(after)].map((c) => halves(c)[0]).join(""),
  ];
  const headCells = [...outcomes(review).map((c) => halves(c)[1]), ...[...outcomes(direct), ...outcomes(after)].map((c) => halves(c)[1])];
  const values = blocks.flatMap((b) => b.values);
  return [...lines, pipeRow(headCells), sepRow(headCells.length), pipeRow(values), sepRow(values.length)];
}

function tablePdf(t: TableModel, s: PdfStyle, r: Rng): string[] {
  if (t.table === "t2") return table2Pdf(t, s, r);
  if (t.table === "t3") return table3Pdf(t, s, r);
  if (t.table === "t4") return table4Pdf(t);
  throw new Error(`no PDF markdown for table ${t.table}`);
}

function titleLines(title: string, r: Rng): string[] {
  const c = chars(title);
  if (c.length < 16 || r.chance(0.4)) return [title];
  const at = title.endsWith("年度报告") && r.chance(0.6) ? c.length - 4 : r.int(c.length - 8, c.length - 3);
  return [c.slice(0, at).join(""), c.slice(at).join("")];
}

function blockPdf(b: Block, s: PdfStyle, r: Rng): string[] {
  switch (b.kind) {
    case "title":
      return titleLines(b.text, r);
    case "heading":
      return ["", renumber(b.text, s)];
    case "para":
    case "caption":
      return wrapW(b.text, s.wrap);
    case "table":
      return tablePdf(b.table, s, r);
    case "image":
      return [];
    case "signature":
      return ["", b.name, ...(b.date ? [b.date] : [])];
  }
}

/** The text, and whether a page number was printed inside table 三. */
export function pdfMarkdown(doc: Doc, r: Rng, crlf: boolean): { text: string; pageNumber: boolean } {
  const s: PdfStyle = {
    wrap: r.int(60, 80), restart: r.chance(0.4), leafChars: r.int(10, 12),
    firstBlockLast: r.chance(0.25), pageNumber: r.chance(0.6) ? r.int(2, 3) : null,
  };
  const lines = doc.blocks.flatMap((b) => blockPdf(b, s, r));
  while (lines.length && lines[0] === "") lines.shift();
  const text = lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  return { text: crlf ? text.replace(/\n/g, "\r\n") : text, pageNumber: s.pageNumber !== null && doc.blocks.some((b) => b.kind === "table" && b.table.table === "t3") };
}
