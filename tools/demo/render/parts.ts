// The parts of a template table grid that renderings of their own (markdown, PDF markdown) print
// separately: table 二's blocks, table 三's value rows with the label cells above them (the rowspan
// group labels included), table 四's three blocks. Read from the grid, so they print what it holds.
import type { GridCell, TableModel } from "../doc.ts";
import { matrix } from "./flatten.ts";

const oneLine = (s: string) => s.replace(/\n/g, "");

export interface Table2Block {
  label: string;
  columns: string[];
  rows: { label: string; values: string[] }[];
}

/** Table 二: a block starts at a head row of one cell (第二十条第（一）项); its next row names the columns. */
export function table2Blocks(t: TableModel): Table2Block[] {
  const blocks: Table2Block[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i];
    if (row.length === 1 && row[0].role === "head") {
      blocks.push({ label: oneLine(row[0].text), columns: [], rows: [] });
    } else if (row.every((c) => c.role === "head")) {
      blocks[blocks.length - 1].columns = row.slice(1).map((c) => oneLine(c.text));
    } else {
      blocks[blocks.length - 1].rows.push({ label: oneLine(row[0].text), values: row.slice(1).map((c) => c.text) });
    }
  }
  return blocks;
}

export interface Table3Row {
  /** The truth row id. */
  id: string;
  /** Label cells from the outermost (三、本年度办理结果) to the row's own. */
  labels: string[];
  /** For each label, whether its cell starts on this row (a rowspan label is printed once). */
  starts: boolean[];
  values: string[];
}

export interface Table3Parts {
  /** The 勾稽关系 note in the corner. */
  note: string;
  /** Value columns' labels in printed order (自然人 … 总计). */
  columns: string[];
  rows: Table3Row[];
}

export function table3Parts(t: TableModel): Table3Parts {
  const m = matrix(t);
  const ncols = t.width - 3;
  const note = oneLine(m[0][0].cell.text);
  const columns = m[2].slice(3).map((s) => oneLine(s.cell.text));
  const rows: Table3Row[] = [];
  for (let ri = 3; ri < m.length; ri++) {
    const slots = m[ri];
    const cells: GridCell[] = [];
    const starts: boolean[] = [];
    for (const s of slots.slice(0, 3)) {
      if (cells.includes(s.cell)) continue;
      cells.push(s.cell);
      starts.push(s.origin);
    }
    rows.push({
      id: t.cells[(ri - 3) * ncols].row,
      labels: cells.map((c) => oneLine(c.text)),
      starts,
      values: slots.slice(3).map((s) => s.cell.text),
    });
  }
  return { note, columns, rows };
}

export interface Table4Block {
  /** 行政复议, 行政诉讼 + 未经复议直接起诉, 行政诉讼 + 复议后起诉. */
  label: string;
  sub: string | null;
  columns: string[];
  values: string[];
}

export function table4Blocks(t: TableModel): Table4Block[] {
  const m = matrix(t);
  return [0, 5, 10].map((start) => ({
    label: oneLine(m[0][start].cell.text),
    sub: start === 0 ? null : oneLine(m[1][start].cell.text),
    columns: m[2].slice(start, start + 5).map((s) => oneLine(s.cell.text)),
    values: m[3].slice(start, start + 5).map((s) => s.cell.text),
  }));
}
