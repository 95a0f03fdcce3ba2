// A table region (lines of text, or a Grid) → a stream of tokens: label text and value cells,
// each with its provenance. Handles every flattened rendering: one cell per line (blank lines
// are empty cells, unless a blank line follows almost every cell: then it separates them), cells
// between lines that hold only "|" (what some page scrapers write),
// pipe rows (also broken across lines), tab- or space-aligned columns, and digits glued to labels
// ("规章000").
import type { Grid } from "../read/grid.ts";
import { isValueToken } from "./values.ts";

export interface Token {
  kind: "text" | "value";
  text: string;
  source: string;
  /** Physical row (text line or grid row) the token stands in. */
  row: number;
  /** Display column where the token starts (CJK counts 2), for space-aligned text. */
  x?: number;
  /** Cell index in its row (1-based) where the source has real cells (grids, pipe rows). */
  col?: number;
  /** A run of digits glued to a label or to each other ("000"), split later by the column count. */
  glued?: boolean;
}

export type Rendering = "grid" | "pipe" | "pipe-per-line" | "tabs" | "cell-per-line" | "aligned";

export interface Line {
  /** 1-based line number in the normalised text. */
  number: number;
  text: string;
  /** A piece of a longer line (a report scraped into one run of text, see run-on.ts): where the
   * piece starts in that line (0-based). */
  start?: number;
}

/** The physical row of a line; the pieces of one run-on line are rows of their own, in order. */
function lineRow(line: Line): number {
  return line.start === undefined ? line.number : line.number + line.start / 1e7;
}

/** Where a line (or a piece of one) stands: text:L12, or text:L12:C30-45 for a piece. */
export function lineRef(line: Line): string {
  return line.start === undefined ? `text:L${line.number}` : `text:L${line.number}:C${line.start + 1}-${line.start + line.text.length}`;
}

export function tokenizeLines(lines: Line[]): { tokens: Token[]; rendering: Rendering } {
  const rendering = detectRendering(lines);
  if (rendering === "pipe-per-line") return { tokens: pipePerLineTokens(lines), rendering };
  if (rendering === "pipe") return { tokens: pipeTokens(lines), rendering };
  if (rendering === "tabs") return { tokens: tabTokens(lines), rendering };
  if (rendering === "cell-per-line") return { tokens: cellPerLineTokens(lines), rendering };
  return { tokens: alignedTokens(lines), rendering };
}

function detectRendering(lines: Line[]): Rendering {
  const nonBlank = lines.filter((l) => l.text.trim() !== "");
  const pipeLines = nonBlank.filter((l) => PIPE_ONLY.test(l.text)).length;
  if (pipeLines >= 3 && pipeLines >= nonBlank.length * 0.3) return "pipe-per-line";
  if (nonBlank.filter((l) => /[|｜]/.test(l.text)).length >= 3) return "pipe";
  // Tab-separated rows (copied from Word or a spreadsheet): a tab is a cell boundary, not a width.
  if (nonBlank.filter((l) => l.text.includes("\t")).length >= Math.max(3, nonBlank.length * 0.5)) return "tabs";
  const multi = nonBlank.filter((l) => splitAligned(l.text).length > 1).length;
  return multi >= Math.max(2, nonBlank.length * 0.25) ? "aligned" : "cell-per-line";
}

function cellPerLineTokens(lines: Line[]): Token[] {
  if (doubleSpaced(lines)) return doubleSpacedTokens(lines);
  const tokens: Token[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    const source = lineRef(line);
    if (text === "") tokens.push({ kind: "value", text: "", source, row: lineRow(line) });
    else tokens.push(...cellTokens(text, source, lineRow(line))); // no columns here: no positions
  }
  return tokens;
}

/** A line of only "|" (one or more: some scrapers write "||||" where a row ends or cells span). */
const PIPE_ONLY = /^\s*[|｜]+\s*$/;

/** Lines of one cell → its tokens, with the cell's line span as the source. */
function chunkTokens(cell: Line[]): Token[] {
  const first = cell[0].number;
  const last = cell[cell.length - 1].number;
  const source = first === last ? `text:L${first}` : `text:L${first}-L${last}`;
  return cellTokens(cell.map((l) => l.text.trim()).join(""), source, first);
}

/** Blank lines between almost every pair of cells (a page copied as paragraphs): then a blank line
 * separates cells, lines with none between them are one cell ("本年新\n制作数量"), and each further
 * blank line is an empty cell. */
function doubleSpaced(lines: Line[]): boolean {
  const gaps: number[] = [];
  let blanks = -1;
  for (const line of lines) {
    if (line.text.trim() === "") {
      if (blanks >= 0) blanks++;
    } else {
      if (blanks >= 0) gaps.push(blanks);
      blanks = 0;
    }
  }
  return gaps.length >= 6 && gaps.filter((g) => g === 1).length >= gaps.length * 0.75;
}

function doubleSpacedTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  let cell: Line[] = [];
  let blanks = 0;
  for (const line of lines) {
    if (line.text.trim() !== "") {
      if (cell.length && blanks > 0) {
        tokens.push(...chunkTokens(cell));
        cell = [];
      }
      for (let k = 1; k < blanks && tokens.length; k++) tokens.push({ kind: "value", text: "", source: `text:L${line.number - blanks + k}`, row: line.number - blanks + k });
      cell.push(line);
      blanks = 0;
    } else if (cell.length || tokens.length) blanks++;
  }
  if (cell.length) tokens.push(...chunkTokens(cell));
  return tokens;
}

/** "规章\n|\n0\n|\n0\n|\n6": a cell is what stands between two "|" (on lines of their own); its
 * lines are one text ("商业\n企业" → 商业企业), and nothing between two "|" is an empty cell. */
function pipePerLineTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  let cell: Line[] = [];
  let afterPipe = false;
  for (const line of lines) {
    if (!PIPE_ONLY.test(line.text)) {
      if (line.text.trim() !== "") cell.push(line);
      continue;
    }
    for (let k = line.text.replace(/[^|｜]/g, "").length; k > 0; k--) {
      if (cell.length) {
        tokens.push(...chunkTokens(cell));
      } else if (afterPipe) {
        tokens.push({ kind: "value", text: "", source: `text:L${line.number}`, row: line.number });
      }
      cell = [];
      afterPipe = true;
    }
  }
  for (const l of cell) tokens.push(...cellTokens(l.text.trim(), `text:L${l.number}`, l.number));
  return tokens;
}

function pipeTokens(lines: Line[]): Token[] {
  const content = lines
    .map((l) => ({ number: l.number, text: l.text.trim().replace(/｜/g, "|") }))
    .filter((l) => l.text !== "" && !/^\|?[\s:|-]*-[\s:|-]*\|?$/.test(l.text)); // blank or |---| rule
  // With outer pipes a row ends with "|": a pipe row that does not continues onto the next line, and
  // a line holding cells but not starting with "|" continues the row above (rows broken when copied).
  // A line with no "|" at all after a complete row is loose text of its own (a label printed apart from
  // its values, a page number), not part of that row.
  const outer = content.filter((l) => l.text.startsWith("|")).length >= content.length / 2;
  const rows: { number: number; text: string }[] = [];
  for (const line of content) {
    const prev = rows.at(-1);
    const open = prev !== undefined && prev.text.startsWith("|") && !prev.text.endsWith("|");
    const continues = outer && prev !== undefined && prev.text.startsWith("|")
      && (open || (!line.text.startsWith("|") && line.text.includes("|")));
    if (continues) prev.text += line.text;
    else rows.push({ ...line });
  }
  const tokens: Token[] = [];
  for (const row of rows) {
    const cells = row.text.replace(/^\|/, "").replace(/\|$/, "").split("|");
    cells.forEach((cell, i) => {
      const source = `text:L${row.number}:cell${i + 1}`;
      const text = cell.trim();
      if (text === "") tokens.push({ kind: "value", text: "", source, row: row.number, col: i + 1 });
      else tokens.push(...cellTokens(text, source, row.number).map((t) => ({ ...t, col: i + 1 })));
    });
  }
  return tokens;
}

/** Each line a row, each tab a cell boundary; empty cells are kept, with their cell index. */
function tabTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  for (const line of lines) {
    if (line.text.trim() === "") continue;
    line.text.replace(/\s+$/, "").split("\t").forEach((cell, i) => {
      const source = `text:L${line.number}:cell${i + 1}`;
      const text = cell.trim();
      if (text === "") tokens.push({ kind: "value", text: "", source, row: line.number, col: i + 1 });
      else tokens.push(...cellTokens(text, source, line.number).map((t) => ({ ...t, col: i + 1 })));
    });
  }
  return tokens;
}

function alignedTokens(lines: Line[]): Token[] {
  const tokens: Token[] = [];
  for (const line of lines) {
    if (line.text.trim() === "") continue;
    let offset = 0;
    for (const part of splitAligned(line.text)) {
      const at = line.text.indexOf(part, offset);
      offset = at + part.length;
      const source = `text:L${line.number}:C${(line.start ?? 0) + at + 1}-${(line.start ?? 0) + offset}`;
      tokens.push(...cellTokens(part, source, lineRow(line), displayWidth(line.text.slice(0, at))));
    }
  }
  return tokens;
}

/** Cells of an aligned line: split at tabs and runs of 2+ spaces; numbers also at single spaces. */
function splitAligned(text: string): string[] {
  const parts = text.trim().split(/\t+| {2,}/).filter((p) => p !== "");
  return parts.flatMap((p) => (/^[\d\s./\-—无]+$/.test(p) && /\s/.test(p) ? p.split(/\s+/) : [p]));
}

/** Column headers an OCR or converter tool writes where it could not read the real ones ("数据1" … "数据6"):
 * header text, not a label with a value glued to it. */
const PLACEHOLDER_HEADER = /^(?:数据|数值|列|栏)\s*\d{1,2}$/;

/** One cell's text → tokens; a label with digits glued to its end is split off. */
function cellTokens(text: string, source: string, row: number, x?: number): Token[] {
  if (isValueToken(text)) return [{ kind: "value", text, source, row, x }];
  if (PLACEHOLDER_HEADER.test(text)) return [{ kind: "text", text, source, row, x }];
  // Most cells are plain labels: only a cell ending like a value can carry values glued to it.
  if (!/[\d/／\-—元无]$/.test(text)) return [{ kind: "text", text, source, row, x }];
  // A label followed by values after a single space ("2.其他法律行政法规 0 0 0"): PDF text often
  // keeps only one space where a label cell ends.
  const trailing = /^(.*[^\s\d.])\s+((?:[\d.]+|[-/—无])(?:\s+(?:[\d.]+|[-/—无]))*)$/.exec(text);
  if (trailing && !isValueToken(trailing[1])) {
    const label = trailing[1].trim();
    const values = trailing[2].split(/\s+/);
    return [
      ...cellTokens(label, source, row, x),
      // A number never starts with 0: "00" or "023" is cells glued together.
      ...values.map((v) => ({ kind: "value" as const, text: v, source, row, x: x === undefined ? undefined : x + displayWidth(label) + 1, ...(/^0\d/.test(v) ? { glued: true } : {}) })),
    ];
  }
  if (/^\d+(\s+\d+)+$/.test(text)) {
    return text.split(/\s+/).map((t) => ({ kind: "value" as const, text: t, source, row, x }));
  }
  // Cells glued to the label: digits and blank marks ("规章000", "规章///", "行政规范性文件3/23").
  // A mark is one cell on its own; each digit run is one token, split later by the column count.
  // Single spaces may stand between glued runs ("…数量230 000023", where a &nbsp; stood): each run is a
  // token of its own.
  const glued = /^(.*\p{Script=Han}[^\d\s.．/／\-—]*)\s*((?:\d+(?:\.\d+)?|[/／\-—])(?: ?(?:\d+(?:\.\d+)?|[/／\-—]))*(?:万元|元)?)$/u.exec(text);
  if (glued && /\d|^[/／\-—]+$/.test(glued[2])) {
    const label = glued[1].trim();
    // "-" before a digit may be a minus sign (2019 本年增/减) or a blank cell: such a run, and one
    // carrying a unit, is kept whole and so is never split.
    const opaque = /-\d|元$/.test(glued[2]);
    const parts = opaque ? [glued[2]] : glued[2].match(/\d+(?:\.\d+)?|[/／\-—]/g)!;
    const gx = x === undefined ? undefined : x + displayWidth(label);
    return [
      { kind: "text", text: label, source, row, x },
      ...parts.map((p, i) => ({ kind: "value" as const, text: p, source: parts.length > 1 ? `${source}:part${i + 1}` : source, row, glued: true, x: gx })),
    ];
  }
  return [{ kind: "text", text, source, row, x }];
}

export function gridTokens(grid: Grid): Token[] {
  const tokens: Token[] = [];
  grid.rows.forEach((cells, r) => {
    const lastText = cells.map((c) => c.text.trim() !== "" && !isValueToken(c.text)).lastIndexOf(true);
    cells.forEach((cell, c) => {
      const text = cell.text.trim();
      const value = text === "" || isValueToken(text);
      if (c < lastText && (value || cell.spanned)) return; // empty padding or span copies in label columns
      if (!value && cell.spanned) return;
      if (value) tokens.push({ kind: "value", text: cell.spanned ? "" : text, source: cell.source, row: r + 1, col: c + 1 });
      else tokens.push(...cellTokens(text, cell.source, r + 1).map((t) => ({ ...t, col: c + 1 })));
    });
  });
  return tokens;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : ch === "\t" ? 8 : 1;
  return w;
}
