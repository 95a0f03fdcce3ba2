// Flattened text forms of a table grid, the way tables come out of copy/paste and PDF/Word text
// extraction: one cell per line, pipe rows (some broken mid-row), space-aligned columns, glued cells.
import type { GridCell, TableModel } from "../doc.ts";
import { padEndW, width, wrapW } from "../format.ts";
import type { Rng } from "../rng.ts";

export type TableLayout = "cell-per-line" | "pipe" | "pipe-broken" | "space-aligned" | "glued";

interface Slot {
  cell: GridCell;
  origin: boolean;
}

/** Expand rowspans/colspans into a full matrix (the HTML table model). */
export function matrix(t: TableModel): Slot[][] {
  const out: Slot[][] = [];
  t.rows.forEach((row, ri) => {
    out[ri] ??= [];
    let ci = 0;
    for (const cell of row) {
      while (out[ri][ci]) ci++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        out[ri + dr] ??= [];
        for (let dc = 0; dc < cell.colspan; dc++) out[ri + dr][ci + dc] = { cell, origin: dr === 0 && dc === 0 };
      }
      ci += cell.colspan;
    }
  });
  return out;
}

export function cellPerLine(t: TableModel): string[] {
  const lines: string[] = [];
  for (const row of t.rows) for (const cell of row) lines.push(...cell.text.split("\n"));
  return lines;
}

export function pipe(t: TableModel, broken: Rng | null): string[] {
  const lines: string[] = [];
  for (const slots of matrix(t)) {
    const texts = slots.map((s) => (s.origin ? s.cell.text : ""));
    const line = `| ${texts.join(" | ")} |`;
    const isValueRow = slots.some((s) => s.origin && s.cell.role === "value");
    if (broken && isValueRow && texts.length > 3 && broken.chance(0.3)) {
      // Break after the k-th separator: "| 规章 | 0 |" + newline + " 0 | 0 |".
      const k = broken.int(1, texts.length - 2);
      let pos = -1;
      for (let i = 0; i <= k; i++) pos = line.indexOf(" | ", pos + 1);
      lines.push(line.slice(0, pos + 2), line.slice(pos + 2));
    } else {
      lines.push(...line.split("\n"));
    }
  }
  return lines;
}

/**
 * Columns laid out by position as PDF text extraction does: each grid column has a width, long
 * labels wrap inside their column, and a short cell sits on the first or the middle line of its row.
 */
export function spaceAligned(t: TableModel, r: Rng): string[] {
  const m = matrix(t);
  const labelCols = new Set<number>();
  m.forEach((slots) => slots.forEach((s, ci) => { if (s.cell.role === "label") labelCols.add(ci); }));
  const widths: number[] = [];
  for (let ci = 0; ci < t.width; ci++) {
    if (labelCols.has(ci)) {
      widths[ci] = t.table === "t3" ? (ci === 0 ? 10 : 18) : 24;
    } else {
      let w = 4;
      for (const slots of m) {
        const s = slots[ci];
        if (s?.origin && s.cell.colspan === 1 && s.cell.role === "value") w = Math.max(w, width(s.cell.text));
      }
      widths[ci] = Math.max(w, t.table === "t4" ? 8 : 10);
    }
  }
  const valign = r.chance(0.5) ? "top" : "middle";
  const gap = r.pick(["  ", "   ", " "]);
  const lines: string[] = [];
  for (const slots of m) {
    // Wrap every origin cell in its spanned width.
    const blocks: { col: number; span: number; lines: string[] }[] = [];
    for (let ci = 0; ci < slots.length; ci++) {
      const s = slots[ci];
      if (!s?.origin) continue;
      let w = 0;
      for (let k = 0; k < s.cell.colspan; k++) w += widths[ci + k] + (k ? gap.length : 0);
      const parts = s.cell.text.split("\n").flatMap((p) => wrapW(p, w));
      blocks.push({ col: ci, span: s.cell.colspan, lines: parts });
    }
    const height = Math.max(1, ...blocks.map((b) => b.lines.length));
    const rowLines: string[] = Array.from({ length: height }, () => "");
    for (let li = 0; li < height; li++) {
      let text = "";
      let ci = 0;
      while (ci < t.width) {
        const b = blocks.find((x) => x.col === ci);
        if (!b) {
          text += " ".repeat(widths[ci] ?? 4) + gap;
          ci++;
          continue;
        }
        let w = 0;
        for (let k = 0; k < b.span; k++) w += widths[ci + k] + (k ? gap.length : 0);
        const offset = valign === "middle" ? Math.floor((height - b.lines.length) / 2) : 0;
        const piece = b.lines[li - offset] ?? "";
        text += padEndW(piece, w) + gap;
        ci += b.span;
      }
      rowLines[li] = text.replace(/\s+$/, "");
    }
    lines.push(...rowLines.filter((l) => l.length > 0));
  }
  return lines;
}

export function glued(t: TableModel): string[] {
  return t.rows.map((row) => row.map((c) => c.text).join("")).flatMap((l) => l.split("\n")).filter((l) => l.length > 0);
}

export function flatten(t: TableModel, layout: TableLayout, r: Rng): string[] {
  switch (layout) {
    case "cell-per-line":
      return cellPerLine(t);
    case "pipe":
      return pipe(t, null);
    case "pipe-broken":
      return pipe(t, r);
    case "space-aligned":
      return spaceAligned(t, r);
    case "glued":
      return glued(t);
  }
}
