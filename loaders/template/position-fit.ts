// Space-aligned text (what PDF extraction gives) drops blank cells: "规范性文件        6" has one
// value for three columns. Its position still says which column it is in. Column positions come
// from the table's complete rows, else from the header line above the row; a value is placed only
// when it stands clearly under one column.
import { displayWidth, type Token } from "./tokens.ts";

/** Column x positions learnt from rows that have every value (median per column). */
export function anchorsFromCompleteRows(rows: Token[][], n: number): number[] | null {
  const complete = rows.filter((r) => r.length === n && r.every((t) => t.x !== undefined && t.text.trim() !== ""));
  if (complete.length === 0) return null;
  return Array.from({ length: n }, (_, c) => median(complete.map((r) => r[c].x!)));
}

/** Column x positions from the nearest header line before `row`: its last n label fragments. */
export function anchorsFromHeader(tokens: Token[], row: number, n: number): number[] | null {
  const byRow = new Map<number, Token[]>();
  for (const t of tokens) if (t.row < row) (byRow.get(t.row) ?? byRow.set(t.row, []).get(t.row)!).push(t);
  const rows = [...byRow.keys()].sort((a, b) => b - a);
  for (const r of rows.slice(0, 6)) {
    const line = byRow.get(r)!;
    if (line.some((t) => t.kind === "value" && t.text.trim() !== "")) continue;
    // Column labels may stand one space apart ("本年制发件 本年废止件 现行有效件"): each word counts.
    const starts = line.filter((t) => t.kind === "text" && t.x !== undefined).flatMap((t) => wordStarts(t.text, t.x!));
    if (starts.length >= n + 1) return starts.slice(-n);
  }
  return null;
}

/** The values placed under their columns (blanks where none stands), or null when any value is
 * not clearly under exactly one column. */
export function fitByPosition(values: Token[], anchors: number[], blank: (column: number) => Token): Token[] | null {
  if (values.some((v) => v.x === undefined)) return null;
  const gaps = anchors.slice(1).map((a, i) => a - anchors[i]);
  if (gaps.some((g) => g <= 0)) return null;
  const tolerance = Math.max(2, Math.min(...gaps, Infinity) / 2 - 1);
  const placed: (Token | null)[] = anchors.map(() => null);
  for (const v of values) {
    const distances = anchors.map((a) => Math.abs(a - v.x!));
    const column = distances.indexOf(Math.min(...distances));
    if (distances[column] > tolerance || placed[column]) return null;
    placed[column] = v;
  }
  return placed.map((p, c) => p ?? blank(c));
}

function wordStarts(text: string, x: number): number[] {
  const starts: number[] = [];
  let width = 0;
  for (const m of text.matchAll(/\S+|\s+/g)) {
    if (/\S/.test(m[0])) starts.push(x + width);
    width += displayWidth(m[0]);
  }
  return starts;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}
