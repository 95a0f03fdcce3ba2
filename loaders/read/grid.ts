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

/** Expands spans: `cells` are the cells of each row in document order with their spans. */
export function denseGrid(
  source: string,
  rows: { text: string; rowspan: number; colspan: number }[][],
): Grid {
  const out: GridCell[][] = [];
  rows.forEach((row, r) => {
    out[r] ??= [];
    let c = 0;
    row.forEach((cell, i) => {
      while (out[r][c]) c++;
      const origin = `${source}:r${r + 1}:c${i + 1}`;
      for (let dr = 0; dr < Math.max(1, cell.rowspan); dr++) {
        if (r + dr >= rows.length) break; // a rowspan past the last row is a publisher's slip
        out[r + dr] ??= [];
        for (let dc = 0; dc < Math.max(1, cell.colspan); dc++) {
          out[r + dr][c + dc] = { text: cell.text, source: origin, ...(dr || dc ? { spanned: true } : {}) };
        }
      }
      c += Math.max(1, cell.colspan);
    });
  });
  const width = Math.max(0, ...out.map((r) => r.length));
  return {
    source,
    rows: out.map((r, ri) => Array.from({ length: width }, (_, c) => r[c] ?? { text: "", source: `${source}:r${ri + 1}:missing`, spanned: true })),
  };
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

/** A dense grid from cells placed at explicit positions (0-based); the first cell to claim a position keeps it. */
export function placedGrid(source: string, cells: PlacedCell[]): Grid {
  const height = Math.max(0, ...cells.map((c) => c.row + Math.max(1, c.rowspan)));
  const width = Math.max(0, ...cells.map((c) => c.col + Math.max(1, c.colspan)));
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
