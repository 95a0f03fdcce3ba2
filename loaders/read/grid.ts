// A table as read from a file that has real tables (HTML, DOCX, PDF): a dense grid of cells,
// row and column spans already expanded, each cell knowing where it came from.

export interface GridCell {
  text: string;
  /** Provenance, e.g. "html:t2:r5:c3" (table, row, column; 1-based), "pdf:p3:r5:c3". */
  source: string;
  /** True for the copies a rowspan/colspan makes of its origin cell. */
  spanned?: boolean;
}

export interface Grid {
  /** e.g. "html:t2", "docx:t1", "pdf:p3:t1". */
  source: string;
  rows: GridCell[][];
}

/** A grid larger than this many cells (a report's table has a few hundred) is a span bomb or not a
 * report: its spans are dropped, and rows past the limit cut, so memory stays bounded. */
export const MAX_GRID_CELLS = 250_000;

export function gridTooLargeWarning(source: string): string {
  return `表格 ${source} 过大（超过 ${MAX_GRID_CELLS / 10_000} 万个单元格，可能是异常的合并单元格）：已忽略合并、截断多余的行`;
}

/** Expands spans: `cells` are the cells of each row in document order with their spans. A grid
 * over MAX_GRID_CELLS is read without spans (and cut), with a warning pushed to `warnings`. */
export function denseGrid(
  source: string,
  rows: { text: string; rowspan: number; colspan: number }[][],
  warnings?: string[],
): Grid {
  // Spans alone can make a small table huge (rowspan=100000 colspan=100000 on every cell): the
  // expansion stops once past the limit and the table is read again without spans.
  let out = expandSpans(source, rows, true);
  if (!out) {
    warnings?.push(gridTooLargeWarning(source));
    const plain: typeof rows = [];
    let cells = 0;
    for (const row of rows) {
      if (cells + row.length > MAX_GRID_CELLS) break;
      cells += row.length;
      plain.push(row.map((c) => ({ text: c.text, rowspan: 1, colspan: 1 })));
    }
    // the widest row decides the width: keep rows × width within the limit too
    const w = plain.reduce((m, r) => Math.max(m, r.length), 1);
    out = expandSpans(source, plain.slice(0, Math.max(1, Math.floor(MAX_GRID_CELLS / w))), false)!;
  }
  const width = out.reduce((m, r) => Math.max(m, r.length), 0);
  if (out.length * width > MAX_GRID_CELLS * 4) {
    // ragged rows are padded to the widest: one wide row over many narrow ones is huge too
    warnings?.push(gridTooLargeWarning(source));
    out = out.slice(0, Math.max(1, Math.floor((MAX_GRID_CELLS * 4) / width)));
  }
  return {
    source,
    rows: out.map((r, ri) => Array.from({ length: width }, (_, c) => r[c] ?? { text: "", source: `${source}:r${ri + 1}:missing`, spanned: true })),
  };
}

/** The rows with spans expanded, or null once `bounded` and past MAX_GRID_CELLS cells. */
function expandSpans(source: string, rows: { text: string; rowspan: number; colspan: number }[][], bounded: boolean): GridCell[][] | null {
  const out: GridCell[][] = [];
  let made = 0;
  for (let r = 0; r < rows.length; r++) {
    out[r] ??= [];
    let c = 0;
    for (let i = 0; i < rows[r].length; i++) {
      const cell = rows[r][i];
      while (out[r][c]) c++;
      const origin = `${source}:r${r + 1}:c${i + 1}`;
      for (let dr = 0; dr < Math.max(1, cell.rowspan); dr++) {
        if (r + dr >= rows.length) break; // a rowspan past the last row is a publisher's slip
        out[r + dr] ??= [];
        for (let dc = 0; dc < Math.max(1, cell.colspan); dc++) {
          out[r + dr][c + dc] = { text: cell.text, source: origin, ...(dr || dc ? { spanned: true } : {}) };
        }
        made += Math.max(1, cell.colspan);
        if (bounded && made > MAX_GRID_CELLS) return null;
      }
      c += Math.max(1, cell.colspan);
    }
  }
  return out;
}

/** A cell placed at an explicit position, as DOCX and PDF tables give them. */
export interface PlacedCell {
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  source: string;
}

/** A dense grid from cells placed at explicit positions (0-based); the first cell to claim a
 * position keeps it. Over MAX_GRID_CELLS, spans are dropped and cells past the limit cut (warning). */
export function placedGrid(source: string, cells: PlacedCell[], warnings?: string[]): Grid {
  // loops, not Math.max(...spread): a spread of 100,000+ values overflows the stack
  const extent = (list: PlacedCell[]) => {
    let h = 0;
    let w = 0;
    for (const c of list) {
      h = Math.max(h, c.row + Math.max(1, c.rowspan));
      w = Math.max(w, c.col + Math.max(1, c.colspan));
    }
    return [h, w];
  };
  let [height, width] = extent(cells);
  if (height * width > MAX_GRID_CELLS) {
    warnings?.push(gridTooLargeWarning(source));
    cells = cells.map((c) => ({ ...c, rowspan: 1, colspan: 1 }));
    [height, width] = extent(cells);
    if (height * width > MAX_GRID_CELLS) {
      const maxRows = Math.max(1, Math.floor(MAX_GRID_CELLS / Math.max(1, width)));
      cells = cells.filter((c) => c.row < maxRows && c.col < MAX_GRID_CELLS);
      [height, width] = extent(cells);
    }
  }
  const out: (GridCell | undefined)[][] = Array.from({ length: height }, () => new Array<GridCell | undefined>(width));
  for (const cell of cells) {
    for (let dr = 0; dr < Math.max(1, cell.rowspan); dr++) {
      for (let dc = 0; dc < Math.max(1, cell.colspan); dc++) {
        const row = out[cell.row + dr];
        if (row[cell.col + dc]) continue;
        row[cell.col + dc] = { text: cell.text, source: cell.source, ...(dr || dc ? { spanned: true } : {}) };
      }
    }
  }
  return {
    source,
    rows: out.map((r, ri) => Array.from({ length: width }, (_, c) => r[c] ?? { text: "", source: `${source}:r${ri + 1}:missing`, spanned: true })),
  };
}

/** The text rendering of a grid: one line per row, cells separated by tabs, span copies left empty. */
export function gridLines(grid: Grid): string[] {
  return grid.rows.map((row) => row.map((c) => (c.spanned ? "" : c.text)).join("\t"));
}
